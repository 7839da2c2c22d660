// ui/shell/draw_damage.hpp: what part of the screen a frame changed (issue 16, a tap's paint).
#include "tests/support/ui_harness.hpp"
#include "tests/support/test_helpers.hpp"
#include "ui/shell/draw_damage.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using safetynet::test::UiHarness;
using safetynet::ui::clip_draw_data;
using safetynet::ui::Damage;
using safetynet::ui::DamageRect;
using safetynet::ui::DrawDamage;

namespace {

bool contains(const std::vector<DamageRect>& rects, const safetynet::ui::WidgetRect& r) {
    for (const DamageRect& outer : rects)
        if (outer.x0 <= r.x && outer.y0 <= r.y && outer.x1 >= r.x + r.w && outer.y1 >= r.y + r.h) return true;
    return false;
}

// The harness on the first question of the shipped site's instrument.
struct Question : UiHarness {
    Question() {
        frame();
        frame();
        click("welcome.start");
        click("nav.next");
        REQUIRE(state()["screen"] == "question");
        ImGui::GetIO().MousePos = ImVec2(5, 795);  // the pointer rests over no widget
        frame();
        frame();
    }
};

// The scissor imgui_impl_opengl3.cpp (1.86) sets for a command, rows from the top, half-open.
struct Box {
    int x0, y0, x1, y1;
};
Box backend_box(const ImVec4& c, int fb_height) {
    if (c.z <= c.x || c.w <= c.y) return {0, 0, 0, 0};
    const int x = static_cast<int>(c.x), w = static_cast<int>(c.z - c.x);
    const int y = static_cast<int>(static_cast<float>(fb_height) - c.w), h = static_cast<int>(c.w - c.y);
    return {x, fb_height - y - h, x + w, fb_height - y};
}

}  // namespace

TEST_CASE("draw damage: nothing changed is nothing to paint; a tap on an answer repaints its box, not the screen") {
    Question h;
    DrawDamage damage;
    CHECK(damage.update(*ImGui::GetDrawData(), true).kind == Damage::Kind::Full);
    h.frame();
    const Damage rest = damage.update(*ImGui::GetDrawData(), false);
    CHECK(rest.kind == Damage::Kind::None);
    CHECK(rest.fraction == 0.0f);

    // The pointer comes over the first answer (its box is highlighted), then presses and
    // releases: each frame's damage holds the box and is a small part of the screen.
    const safetynet::ui::WidgetRect box = *h.app->widgets().find("answer.0");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(box.x + box.w / 2, box.y + box.h / 2);
    h.frame();
    Damage d = damage.update(*ImGui::GetDrawData(), false);
    CHECK(d.kind == Damage::Kind::Partial);
    CHECK(contains(d.rects, box));
    CHECK(d.fraction < 0.2f);
    io.MouseDown[0] = true;
    h.frame();
    damage.update(*ImGui::GetDrawData(), false);
    io.MouseDown[0] = false;
    h.frame();
    h.frame();  // the choice is drawn (selected colour, the mark)
    d = damage.update(*ImGui::GetDrawData(), false);
    // The release: the box is chosen (its colour, border and mark) and Next is enabled; the
    // other answers between them are not repainted.
    std::string rects;
    for (const DamageRect& r : d.rects)
        rects += std::to_string(r.x0) + "," + std::to_string(r.y0) + " - " + std::to_string(r.x1) + "," + std::to_string(r.y1) + "; ";
    INFO("repainted: " << rects);
    CHECK(d.kind == Damage::Kind::Partial);
    CHECK(contains(d.rects, box));
    CHECK(d.fraction < 0.2f);

    // Told the renderer lost its pixels (a resize, a new font texture): everything.
    h.frame();
    CHECK(damage.update(*ImGui::GetDrawData(), true).kind == Damage::Kind::Full);
}

TEST_CASE("draw damage: a new display size repaints everything") {
    Question h;
    DrawDamage damage;
    damage.update(*ImGui::GetDrawData(), true);
    ImGui::GetIO().DisplaySize = ImVec2(1024, 700);
    h.frame();
    const Damage d = damage.update(*ImGui::GetDrawData(), false);
    CHECK(d.kind == Damage::Kind::Full);
    REQUIRE(d.rects.size() == 1);
    CHECK(d.rects[0].x1 == doctest::Approx(1024));
}

TEST_CASE("draw damage: clipping to the damage gives the renderer exactly the intersection of its own scissors") {
    Question h;
    for (const float scale : {1.0f, 2.0f, 1.25f}) {
        CAPTURE(scale);
        ImDrawData& dd = *ImGui::GetDrawData();
        dd.FramebufferScale = ImVec2(scale, scale);
        const int fb_height = static_cast<int>(dd.DisplaySize.y * scale);
        const DamageRect rect{100.3f, 200.7f, 612.2f, 433.5f};
        // The damage in framebuffer pixels, widened to whole pixels.
        const Box want{static_cast<int>(std::floor(rect.x0 * scale)), static_cast<int>(std::floor(rect.y0 * scale)),
                       static_cast<int>(std::ceil(rect.x1 * scale)), static_cast<int>(std::ceil(rect.y1 * scale))};
        std::vector<Box> before;
        for (int l = 0; l < dd.CmdListsCount; ++l)
            for (const ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer) {
                const ImVec4 c((cmd.ClipRect.x - dd.DisplayPos.x) * scale, (cmd.ClipRect.y - dd.DisplayPos.y) * scale,
                               (cmd.ClipRect.z - dd.DisplayPos.x) * scale, (cmd.ClipRect.w - dd.DisplayPos.y) * scale);
                before.push_back(backend_box(c, fb_height));
            }
        REQUIRE(before.size() >= 2);
        clip_draw_data(dd, rect);
        std::size_t i = 0;
        for (int l = 0; l < dd.CmdListsCount; ++l)
            for (const ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer) {
                const ImVec4 c((cmd.ClipRect.x - dd.DisplayPos.x) * scale, (cmd.ClipRect.y - dd.DisplayPos.y) * scale,
                               (cmd.ClipRect.z - dd.DisplayPos.x) * scale, (cmd.ClipRect.w - dd.DisplayPos.y) * scale);
                const Box got = backend_box(c, fb_height);
                const Box& b = before[i++];
                const Box both{std::max(b.x0, want.x0), std::max(b.y0, want.y0), std::min(b.x1, want.x1), std::min(b.y1, want.y1)};
                if (both.x1 <= both.x0 || both.y1 <= both.y0) {
                    CHECK((got.x1 <= got.x0 || got.y1 <= got.y0));
                } else {
                    CHECK(got.x0 == both.x0);
                    CHECK(got.y0 == both.y0);
                    CHECK(got.x1 == both.x1);
                    CHECK(got.y1 == both.y1);
                }
            }
        h.frame();  // a fresh draw data for the next scale
    }
}
