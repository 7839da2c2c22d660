#include "core/base/error.hpp"
#include "core/base/languages.hpp"
#include "core/base/text_fold.hpp"
#include "tests/support/demand_fonts_files.hpp"
#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/fonts.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using safetynet::test::FakePlatform;
using safetynet::test::serve_demand_fonts;
using safetynet::ui::DemandFonts;

namespace {

// Runs fetches until nothing more is asked for (each round: update, then the platform answers).
void settle(DemandFonts& fonts, FakePlatform& p) {
    for (int round = 0; round < 5; ++round) {
        fonts.update(p);
        p.run_pending();
    }
}

std::vector<char32_t> code_points(const std::string& utf8) {
    std::vector<char32_t> out;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = safetynet::core::utf8_next(utf8, pos);
        if (cp != ' ') out.push_back(cp);
    }
    return out;
}

struct Atlas {
    ImFontAtlas atlas;
    safetynet::ui::FontSet set;
    int width = 0, height = 0;
    Atlas(const DemandFonts* fonts, float px = 28) {
        set = safetynet::ui::build_fonts(atlas, px, 1.0f, fonts);
        unsigned char* pixels = nullptr;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    }
    bool draws(ImFont* font, char32_t cp) const { return font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr; }
};

bool fetched(const FakePlatform& p, const std::string& part) {
    return std::any_of(p.fetched.begin(), p.fetched.end(), [&](const std::string& f) { return f.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("Latin and Vietnamese need nothing fetched: the built-in face has them") {
    FakePlatform p;
    DemandFonts fonts;
    fonts.want("Tiếng Việt: Bạn có đủ thức ăn không? Ñandú, Straße, œuvre");
    settle(fonts, p);
    CHECK(p.fetched.empty());
    CHECK(fonts.pending() == 0);
    CHECK(fonts.missing().empty());
}

TEST_CASE("Chinese fetches the list, then the file with the app's own characters, then the common one only when a text needs it") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    const std::string name = safetynet::core::find_language("zh-Hans")->native_name;
    fonts.want(name);
    fonts.update(p);
    CHECK(p.fetched == std::vector<std::string>{DemandFonts::kListPath});
    CHECK(fonts.pending() > 0);
    settle(fonts, p);
    CHECK(fetched(p, "NotoSansCJKsc-app"));
    CHECK_FALSE(fetched(p, "NotoSansCJKsc-common"));
    CHECK(fonts.take_changed());
    CHECK(fonts.pending() == 0);

    // Characters no text of ours uses (the catalogs' Chinese is in the app file now).
    const std::string sentence = "鹦鹉螺和蜻蜓";
    fonts.want(sentence);
    settle(fonts, p);
    CHECK(fetched(p, "NotoSansCJKsc-common"));
    CHECK(fonts.missing().empty());

    const Atlas with(&fonts);
    for (const char32_t cp : code_points(name + sentence)) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(with.draws(with.set.body, cp));
        CHECK(with.draws(with.set.bold, cp));
        CHECK(with.draws(with.set.heading, cp));
        CHECK(with.draws(with.set.small, cp));
    }
    const Atlas without(nullptr);
    MESSAGE("atlas at 28 px: Latin + Vietnamese ", without.width, "x", without.height, "; with ",
            code_points(name + sentence).size(), " Chinese characters ", with.width, "x", with.height);
}

TEST_CASE("the CJK fonts have no Bold: the bold face draws Chinese with the body face's bitmaps, rasterised once") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    const std::string text = safetynet::core::find_language("zh-Hans")->native_name + "鹦鹉螺和蜻蜓";
    fonts.want(text);
    settle(fonts, p);
    const Atlas a(&fonts);
    for (const char32_t cp : code_points(text)) {
        CAPTURE(static_cast<unsigned>(cp));
        const ImFontGlyph* body = a.set.body->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        const ImFontGlyph* bold = a.set.bold->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        REQUIRE(body);
        REQUIRE(bold);
        // The same bitmap in the texture, the same box on the line and the same advance.
        CHECK(bold->U0 == body->U0);
        CHECK(bold->V0 == body->V0);
        CHECK(bold->U1 == body->U1);
        CHECK(bold->V1 == body->V1);
        CHECK(bold->X0 == body->X0);
        CHECK(bold->X1 == body->X1);
        CHECK(bold->Y0 - a.set.bold->Ascent == doctest::Approx(body->Y0 - a.set.body->Ascent).epsilon(0.05));
        CHECK(bold->AdvanceX == body->AdvanceX);
        CHECK(bold->Visible);
        // The heading is another size: its own bitmap.
        const ImFontGlyph* heading = a.set.heading->FindGlyphNoFallback(static_cast<ImWchar>(cp));
        REQUIRE(heading);
        CHECK(heading->U0 != body->U0);
    }
    // Latin keeps the bold file's own glyphs.
    CHECK(a.set.bold->FindGlyphNoFallback('A')->U0 != a.set.body->FindGlyphNoFallback('A')->U0);
    // Each character is reached through the bold face's lookup, not its fallback.
    const ImVec2 size = a.set.bold->CalcTextSizeA(a.set.bold->FontSize, 1e9f, 0.0f, text.c_str());
    float advances = 0;
    for (const char32_t cp : code_points(text)) advances += a.set.body->FindGlyphNoFallback(static_cast<ImWchar>(cp))->AdvanceX;
    CHECK(size.x == doctest::Approx(advances));
}

TEST_CASE("characters wanted for later are rasterised only after want_deferred(); one a screen wants meanwhile, at once") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    fonts.want(safetynet::core::find_language("zh-Hans")->native_name);  // the language's button
    settle(fonts, p);
    CHECK(fonts.take_changed());
    // Welcome, Start, Staff (the kiosk's Chinese: characters of the file already here).
    const std::string later = "欢迎开始";
    fonts.want_later(later);
    CHECK(fonts.has_deferred());
    CHECK_FALSE(fonts.wants_update());  // not worth a frame of their own: the caller says when
    CHECK(fonts.pending() == code_points(later).size());
    CHECK_FALSE(fonts.changed());
    const Atlas waiting(&fonts);
    for (const char32_t cp : code_points(later)) CHECK_FALSE(waiting.draws(waiting.set.body, cp));

    fonts.want("开始");  // on the screen drawn: now
    CHECK(fonts.take_changed());
    const Atlas screen(&fonts);
    CHECK(screen.draws(screen.set.heading, U'开'));
    CHECK(screen.draws(screen.set.small, U'始'));
    CHECK_FALSE(screen.draws(screen.set.body, U'欢'));

    CHECK(fonts.want_deferred());
    CHECK(fonts.take_changed());
    CHECK_FALSE(fonts.has_deferred());
    CHECK(fonts.pending() == 0);
    const Atlas all(&fonts);
    for (const char32_t cp : code_points(later)) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(all.draws(all.set.body, cp));
        CHECK(all.draws(all.set.bold, cp));
        CHECK(all.draws(all.set.heading, cp));
        CHECK(all.draws(all.set.small, cp));
    }
    CHECK_FALSE(fonts.want_deferred());  // nothing left
    fonts.want_later(later);             // nor anything already wanted
    CHECK_FALSE(fonts.has_deferred());
}

TEST_CASE("Korean, Russian and Arabic each fetch only their own family's files") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    fonts.want("한국어 안녕하세요 Русский Здравствуйте العربية مرحبا");
    settle(fonts, p);
    CHECK(fetched(p, "NotoSansCJKkr"));
    CHECK(fetched(p, "NotoSansCyrillic"));
    CHECK(fetched(p, "NotoSansArabic"));
    CHECK_FALSE(fetched(p, "NotoSansCJKsc"));
    CHECK_FALSE(fetched(p, "NotoSansCJKtc"));
    CHECK(fonts.missing().empty());
    const Atlas a(&fonts);
    for (const char32_t cp : code_points("한국어안녕하세요РусскийЗдравствуйтеالعربيةمرحبا")) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(a.draws(a.set.body, cp));
        CHECK(a.draws(a.set.bold, cp));
    }
}

TEST_CASE("the atlas holds the characters wanted, not the whole file: a screenful of Chinese stays a small texture") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    // 600 distinct ideographs: more than a full translation of the kiosk's screens uses.
    std::string text;
    for (char32_t cp = 0x4E00, n = 0; n < 600; cp += 7) {
        safetynet::core::utf8_append(text, cp);
        ++n;
    }
    fonts.want(text);
    settle(fonts, p);
    const Atlas a(&fonts);
    const Atlas latin(nullptr);
    MESSAGE("atlas at 28 px with 600 ideographs merged into the four faces: ", a.width, "x", a.height,
            " (Latin + Vietnamese alone: ", latin.width, "x", latin.height, ")");
    // The whole GB 2312 file at four sizes would need several 4096x4096 textures' worth.
    CHECK(a.width * a.height <= 2048 * 2048);
}

TEST_CASE("a character no font has is reported once, fetches nothing, and leaves nothing pending") {
    FakePlatform p;
    serve_demand_fonts(p);
    DemandFonts fonts;
    fonts.want("ก ขอบคุณ");  // Thai: no font the app ships has it
    fonts.want("ก");
    settle(fonts, p);
    CHECK(p.fetched == std::vector<std::string>{DemandFonts::kListPath});
    CHECK(fonts.missing().count(0x0E01) == 1);
    CHECK(fonts.pending() == 0);
}

TEST_CASE("no font list (offline, never fetched): the characters are reported missing and the app goes on") {
    FakePlatform p;  // serves nothing
    DemandFonts fonts;
    fonts.want("中文");
    settle(fonts, p);
    CHECK(fonts.missing().size() == 2);
    CHECK(fonts.pending() == 0);
    const Atlas a(&fonts);
    CHECK(a.width > 0);
}

TEST_CASE("a malformed font list is refused, naming the file") {
    DemandFonts fonts;
    CHECK_THROWS_WITH_AS(fonts.set_list("{}"), doctest::Contains("fonts/fonts.json"), safetynet::core::Error);
    CHECK_THROWS_AS(fonts.set_list(R"({"families": [{"parts": [{"files": {}, "ranges": []}]}]})"), safetynet::core::Error);
    CHECK_THROWS_AS(fonts.set_list(R"({"families": [{"parts": [{"files": {"Regular": "x"}, "ranges": [[5, 6], [1, 2]]}]}]})"),
                    safetynet::core::Error);
    CHECK_FALSE(fonts.has_list());
}
