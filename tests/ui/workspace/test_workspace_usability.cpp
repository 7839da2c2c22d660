// Issue #12 item 8, the workspace: its text fields, radio buttons and check boxes were drawn
// white on white (typing into the unseen, pre-filled name field on set-up made the clinic
// "…Care TeamRiverside Care Team"), and the consent statement ran off the screen. Checked on the
// real screens, headless.
#include "tests/support/ui_harness.hpp"
#include "tests/support/test_helpers.hpp"
#include "ui/shell/theme.hpp"

#include <algorithm>
#include <cmath>
#include <string>

using safetynet::test::UiHarness;
using safetynet::test::run_until_store;
namespace ui = safetynet::ui;

namespace {

nlohmann::json ws(UiHarness& h) { return h.state()["workspace"]; }


// WCAG 2.1's relative luminance and contrast ratio (1.4.3, 1.4.11).
double luminance(const ImVec4& c) {
    auto f = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.x) + 0.7152 * f(c.y) + 0.0722 * f(c.z);
}
double contrast(const ImVec4& a, const ImVec4& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Whether the last frame drew the edge of the widget `id` in `colour`: vertices of that colour on
// both its left and its right side, along its height.
bool edge_drawn(UiHarness& h, const std::string& id, const ImVec4& colour) {
    const ui::WidgetRect* r = h.app->widgets().find(id);
    REQUIRE_MESSAGE(r != nullptr, "no widget " << id);
    const ImU32 want = ImGui::ColorConvertFloat4ToU32(colour);
    bool left = false, right = false;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            if (v.col != want || v.pos.y < r->y - 4 || v.pos.y > r->y + r->h + 4) continue;
            left = left || std::abs(v.pos.x - r->x) < 4;
            right = right || std::abs(v.pos.x - (r->x + r->w)) < 4;
        }
    return left && right;
}

}  // namespace

TEST_CASE("issue #12 item 8 - the workspace's fields have a visible edge, at 3:1 against the page and the cards") {
    for (const bool high : {false, true}) {
        const ui::Palette& p = ui::palette(high);
        INFO((high ? "high contrast" : "normal"));
        CHECK(contrast(p.field_border, p.background) >= 3.0);
        CHECK(contrast(p.field_border, p.surface) >= 3.0);
    }
    // The set-up screen draws each field's edge in that colour (the name, both passphrases).
    UiHarness h(1366, 768, "clinic");
    REQUIRE(run_until_store(h, "absent"));
    h.frame();
    for (const char* id : {"setup.name", "setup.pass", "setup.pass2"}) {
        INFO(id);
        CHECK(edge_drawn(h, id, ui::palette(false).field_border));
    }
    // The clinic's name offered from the site file is in the field, in view, to be read and
    // changed: what is typed after clearing it is the name, not appended to it.
    const ui::SemanticNode* name = h.app->semantics().find("setup.name");
    REQUIRE(name != nullptr);
    h.click("setup.name");
    h.app->actions().set_text("setup.name", "Eastside Family Clinic");
    h.frame();
    h.frame();
    CHECK(h.app->semantics().find("setup.name")->value == "Eastside Family Clinic");
}

TEST_CASE("issue #12 item 8 - the consent statement wraps inside the screen, at a desk and at 320 px") {
    for (const auto& size : {std::pair{1366.0f, 768.0f}, std::pair{320.0f, 800.0f}}) {
        INFO(size.first << " x " << size.second);
        UiHarness h(size.first, size.second, "clinic");
        h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112"})";
        safetynet::test::set_up_clinic(h);
        h.activate("screen.start.ahc-hrsn");
        h.activate("q.88122-7.0");
        h.activate("assisted.finish");
        REQUIRE(ws(h)["tab"] == "refer");
        h.frame();
        const ui::SemanticTree& tree = h.app->semantics();
        const int consent = tree.index_of("consent.given");
        REQUIRE(consent >= 0);
        const ui::Bounds b = tree.screen_bounds(consent);
        CHECK(b.x >= 0);
        CHECK(b.x + b.w <= size.first + 0.5f);
        // Brought into view, the whole statement is drawn inside the screen.
        h.focus("consent.given");
        const ui::WidgetRect* r = h.app->widgets().find("consent.given");
        REQUIRE(r != nullptr);
        CHECK(r->item_w <= size.first);
    }
}
