#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"
#include "tests/ui/shaping/hb_shape_reference.hpp"
#include "ui/shaping/shaped_text_renderer.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/fonts.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

using safetynet::test::FakePlatform;
using safetynet::ui::DemandFonts;
using safetynet::ui::ShapedTextRenderer;

namespace {

// The Arabic file the app fetches (ui/shell/font_families.json, cut at build time): the same
// bytes the renderer rasterises and hb-shape is given.
const std::string kFontsDir = SAFETYNET_DEMAND_FONTS_DIR;
const std::string kArabicFile = kFontsDir + "/NotoSansArabic-Regular.ttf";

// An ImGui context whose atlas has the built-in face, the Arabic file fetched on demand as
// the app fetches it, and the glyphs the renderer asked for.
struct Scene {
    ImGuiContext* ctx = ImGui::CreateContext();
    FakePlatform platform;
    DemandFonts demand;
    ShapedTextRenderer renderer;
    safetynet::ui::FontSet fonts;

    explicit Scene(const std::string& text) {
        platform.files[DemandFonts::kListPath] = safetynet::test::read_test_file(kFontsDir + "/fonts.json");
        platform.files["fonts/NotoSansArabic-Regular.ttf"] = safetynet::test::read_test_file(kArabicFile);
        platform.files["fonts/NotoSansArabic-Bold.ttf"] = safetynet::test::read_test_file(kFontsDir + "/NotoSansArabic-Bold.ttf");
        demand.want(text);
        for (int round = 0; round < 4; ++round) {
            demand.update(platform);
            platform.run_pending();
        }
        rebuild();
    }
    ~Scene() { ImGui::DestroyContext(ctx); }
    void rebuild() { fonts = safetynet::ui::build_fonts(*ImGui::GetIO().Fonts, 20.0f, 1.0f, &demand, &renderer); }
};

#ifndef __EMSCRIPTEN__
bool have_hb_shape() {
    safetynet::test::ReferenceShape probe;
    return safetynet::test::hb_shape(kArabicFile, "ب", probe);
}
#endif

}  // namespace

TEST_CASE("drawn Arabic: the glyph ids and positions the draw function places are hb-shape's, for the file the app loads") {
#ifdef __EMSCRIPTEN__
    MESSAGE("skipped in WebAssembly: hb-shape is a native program (the native copy of this test runs it)");
#else
    if (!have_hb_shape()) {
        MESSAGE("skipped: hb-shape (libharfbuzz-bin) is not installed");
        return;
    }
    // The Arabic strings of the shaping test (test_shaping.cpp): joining, a question mark, the
    // lam-alef ligature, marks on letters, Arabic-Indic digits (an LTR run: hb-shape is told so).
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"مرحبا بالعالم", ""}, {"هل تشعر بالقلق بشأن الطعام؟", ""}, {"لا", ""}, {"بِسْمِ", ""}, {"١٢٣", " --direction=ltr"}};
    for (const auto& [text, options] : cases) {
        CAPTURE(text);
        Scene scene(text);
        safetynet::test::ReferenceShape want;
        REQUIRE(safetynet::test::hb_shape(kArabicFile, text, want, options));
        ImFont* font = scene.fonts.body;
        const float px_per_unit = scene.renderer.em_px(font) / 1000.0f;  // Noto's em: 1000 units
        const auto placed = scene.renderer.place(font, text, 0, 0);
        REQUIRE(placed.size() == want.glyphs.size());
        for (std::size_t i = 0; i < placed.size(); ++i) {
            CAPTURE(i);
            CHECK(placed[i].glyph == want.glyphs[i].glyph);
            CHECK(placed[i].x == doctest::Approx(want.glyphs[i].x * px_per_unit).epsilon(0.0001));
            CHECK(placed[i].y == doctest::Approx(font->Ascent - want.glyphs[i].y * px_per_unit).epsilon(0.0001));
        }
    }
#endif
}

TEST_CASE("drawn Arabic: glyphs missing from the atlas are asked for once, then drawn as one quad each") {
    const std::string text = "مرحبا بالعالم";
    Scene scene(text);
    ImFont* font = scene.fonts.body;
    ImDrawList first(ImGui::GetDrawListSharedData());
    first._ResetForNewFrame();
    first.PushClipRectFullScreen();
    scene.renderer.draw(&first, font, ImVec2(10, 10), IM_COL32_WHITE, text, 0, 0);
    CHECK(first.VtxBuffer.Size == 0);  // nothing in the atlas yet
    CHECK(scene.renderer.take_changed());
    CHECK_FALSE(scene.renderer.take_changed());
    scene.rebuild();
    CHECK(scene.renderer.pending() == 0);
    font = scene.fonts.body;  // the rebuilt atlas's face

    ImDrawList second(ImGui::GetDrawListSharedData());
    second._ResetForNewFrame();
    second.PushClipRectFullScreen();
    scene.renderer.draw(&second, font, ImVec2(10, 10), IM_COL32_WHITE, text, 0, 0);
    CHECK_FALSE(scene.renderer.take_changed());
    const auto placed = scene.renderer.place(font, text, 0, 0);
    REQUIRE(placed.size() > 2);
    // Every glyph but the space has ink: four vertices each, inside the text's box.
    CHECK(second.VtxBuffer.Size == 4 * static_cast<int>(placed.size() - 1));
    const ImVec2 size = scene.renderer.measure(font, text, 0);
    for (const ImDrawVert& v : second.VtxBuffer) {
        CHECK(v.pos.x >= 10 - 2);
        CHECK(v.pos.x <= 10 + size.x + 2);
    }
    // The atlas holds the glyphs' coverage: some pixel of the first quad is inked.
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    const ImVec2 uv0 = second.VtxBuffer[0].uv, uv1 = second.VtxBuffer[2].uv;
    int inked = 0;
    for (int y = static_cast<int>(uv0.y * h); y < static_cast<int>(uv1.y * h); ++y)
        for (int x = static_cast<int>(uv0.x * w); x < static_cast<int>(uv1.x * w); ++x) inked += pixels[y * w + x] > 128;
    CHECK(inked > 0);
}

TEST_CASE("drawn Arabic: a paragraph wraps at the width, each line against the right edge") {
    const std::string text = "هل تشعر بالقلق بشأن الطعام؟ هل تشعر بالقلق بشأن الطعام؟";
    Scene scene(text);
    ImFont* font = scene.fonts.body;
    const ImVec2 one_line = scene.renderer.measure(font, text, 0);
    const float wrap = one_line.x * 0.6f;
    const ImVec2 wrapped = scene.renderer.measure(font, text, wrap);
    CHECK(wrapped.y == doctest::Approx(2 * one_line.y));
    CHECK(wrapped.x <= wrap);
    const float box = wrap + 50;
    const auto placed = scene.renderer.place(font, text, wrap, box);
    // Each line's rightmost glyph ends near the box's right edge; the first line is on top.
    float line1_right = 0, line2_right = 0;
    for (const auto& g : placed) {
        float& right = g.y < one_line.y ? line1_right : line2_right;
        right = std::max(right, g.x);
    }
    CHECK(line1_right > box - 30);
    CHECK(line2_right > box - 30);
    CHECK(line1_right < box);
}
