#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"
#include "ui/shaping/shaped_text_renderer.hpp"
#include "ui/shell/context.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/widgets.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

using safetynet::test::FakePlatform;
using namespace safetynet::ui;

namespace {

// The kiosk's widgets on a right-to-left screen, drawn with the shaper as the right-to-left
// program draws them (web/main.cpp), outside the App: the Arabic catalog is not in the app yet.
struct RtlScreen {
    ImGuiContext* imgui = ImGui::CreateContext();
    FakePlatform platform;
    safetynet::core::Translator i18n;
    WidgetRegistry widgets;
    SemanticTree semantics;
    SemanticActions actions;
    DemandFonts demand;
    ShapedTextRenderer shaped;
    FontSet fonts;

    RtlScreen() {
        const std::string dir = SAFETYNET_DEMAND_FONTS_DIR;
        platform.files[DemandFonts::kListPath] = safetynet::test::read_test_file(dir + "/fonts.json");
        for (const char* f : {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"})
            platform.files[std::string("fonts/") + f] = safetynet::test::read_test_file(dir + "/" + f);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1000, 700);
        io.DeltaTime = 1.0f / 60.0f;
        demand.want("مرحبا بكم في العيادة التالي رجوع نعم لا");
        for (int round = 0; round < 4; ++round) {
            demand.update(platform);
            platform.run_pending();
        }
    }
    ~RtlScreen() { ImGui::DestroyContext(imgui); }

    // One frame: what App::frame() does around the screens (ui/app/app.cpp).
    template <typename Draw>
    void frame(Draw draw) {
        if (fonts.body == nullptr || shaped.take_changed()) {
            fonts = build_fonts(*ImGui::GetIO().Fonts, 20.0f, 1.0f, &demand, &shaped);
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
            ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
        }
        ImGui::NewFrame();
        widgets.begin_frame();
        semantics.begin_frame("ar");
        Context ctx{platform, i18n, widgets, semantics, actions, &palette(false), fonts, 1.0f, "test"};
        ctx.rtl = true;
        ctx.shaped = &shaped;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
        draw(ctx);
        ImGui::End();
        widgets.end_frame();
        semantics.end_frame();
        ImGui::Render();
    }
    const SemanticNode* node(const std::string& name) const {
        for (const SemanticNode& n : semantics.nodes())
            if (n.name == name) return &n;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("a right-to-left screen: the nav bar's Back is on the right, answers keep their logical names") {
    RtlScreen screen;
    const std::string welcome = "مرحبا بكم في العيادة", yes = "نعم", back = "رجوع", next = "التالي";
    auto draw = [&](Context& ctx) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 600);
        paragraph(ctx, welcome.c_str(), ctx.fonts.body, ctx.palette->text);
        ImGui::PopTextWrapPos();
        option_button(ctx, "answer.yes", yes.c_str(), true, false, 600);
        nav_bar(ctx, back.c_str(), next.c_str());
    };
    screen.frame(draw);  // asks for the glyphs
    screen.frame(draw);  // draws them from the rebuilt atlas
    CHECK(screen.shaped.pending() == 0);
    CHECK_FALSE(screen.shaped.take_changed());

    const WidgetRect* back_rect = screen.widgets.find("nav.back");
    const WidgetRect* next_rect = screen.widgets.find("nav.next");
    REQUIRE(back_rect);
    REQUIRE(next_rect);
    CHECK(back_rect->x > next_rect->x + next_rect->w);  // mirrored: reading starts on the right

    // Screen readers get the text in logical order, as it is in the catalog.
    CHECK(screen.node(welcome) != nullptr);
    CHECK(screen.node(back) != nullptr);
    const SemanticNode* answer = screen.node(yes);
    REQUIRE(answer);
    CHECK(answer->role == Role::Radio);

    // The answer's label is drawn against its right edge, beside the mark: the vertices of its
    // glyphs' quads (in the text colour, textured from the atlas) are in the answer's right half.
    const WidgetRect* option = screen.widgets.find("answer.yes");
    REQUIRE(option);
    const ImU32 text_colour = ImGui::GetColorU32(palette(false).text);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    int label_vertices = 0;
    bool all_right = true;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            const bool in_option = v.pos.y >= option->y && v.pos.y <= option->y + option->h;
            if (!in_option || v.col != text_colour || (v.uv.x == white.x && v.uv.y == white.y)) continue;
            ++label_vertices;
            all_right = all_right && v.pos.x > option->x + option->w * 0.5f;
        }
    CHECK(label_vertices == 4 * 3);  // three letters, joined: three glyphs in their joining forms
    CHECK(all_right);
}

TEST_CASE("a mirrored workspace's slider runs from the right: a press at its right end gives the smallest value, at its left end the largest") {
    RtlScreen screen;
    int miles = 25;
    const std::string label = "المسافة";
    auto draw = [&](Context& ctx) {
        ctx.mirror_flow = true;  // the workspace's ImGui flow, placed mirrored (Context::mirror_flow)
        slider(ctx, "filter.radius", label.c_str(), &miles, 1, 50, std::to_string(miles).c_str(), 400);
    };
    screen.frame(draw);
    screen.frame(draw);
    ImGuiIO& io = ImGui::GetIO();
    auto press_at = [&](float fraction) {  // the registry is rebuilt each frame: looked up each time
        const WidgetRect* now = screen.widgets.find("filter.radius");
        REQUIRE(now);
        io.MousePos = ImVec2(now->x + now->w * fraction, now->y + now->h * 0.5f);
        screen.frame(draw);
        io.MouseDown[0] = true;
        screen.frame(draw);
        screen.frame(draw);
        io.MouseDown[0] = false;
        screen.frame(draw);
    };
    press_at(0.995f);
    CHECK(miles == 1);
    press_at(0.005f);
    CHECK(miles == 50);
    // The tree keeps the value's meaning: what a screen reader says does not depend on the side.
    const SemanticNode* n = screen.node(label);
    REQUIRE(n);
    CHECK(n->role == Role::Slider);
    CHECK(n->value_now == 50);
    CHECK(n->value_min == 1);
    CHECK(n->value_max == 50);
}
