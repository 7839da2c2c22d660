// WCAG 1.4.10 (reflow), the workspace's buttons at 320x256 CSS px (400 % zoom): a button whose
// label is longer than the screen was drawn one line long, cut at the window's edge ("Use a form
// (FHIR Questionnaire an…"). Now it is as wide as the line and its label wraps inside it, left to
// right and right to left (Arabic, shaped, its layout mirrored); its accessible name stays the
// whole label and the focus ring goes round the whole button. The walks of every workspace screen
// at that size are in test_workspace_pseudo_locale.cpp.
#include "tests/support/pseudo_locale.hpp"
#include "tests/support/test_helpers.hpp"
#include "ui/shaping/shaped_text_renderer.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/theme.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

using safetynet::test::UiHarness;
using safetynet::test::run_until_store;
namespace ui = safetynet::ui;

namespace {

constexpr float kWidth = 320, kHeight = 256;

// The clinic's screenings, set up and unlocked, at 320x256; `shaped` gives the App the text
// shaper and the Arabic font files (the staff program's, web/main.cpp).
void open_clinic(UiHarness& h, ui::ShapedTextRenderer* shaped) {
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112", "languages": ["en", "ar"]})";
    if (shaped) {
        const std::string dir = SAFETYNET_DEMAND_FONTS_DIR;
        h.platform.files[ui::DemandFonts::kListPath] = safetynet::test::read_test_file(dir + "/fonts.json");
        for (const char* f : {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"})
            h.platform.files[std::string("fonts/") + f] = safetynet::test::read_test_file(dir + "/" + f);
        h.app->set_shaped_text(shaped);
    }
    safetynet::test::set_up_clinic(h);
}

// The extent of what the last frame drew in `colour` (the focus ring's).
struct Extent {
    float x0 = FLT_MAX, y0 = FLT_MAX, x1 = -FLT_MAX, y1 = -FLT_MAX;
};
Extent drawn_in(const ImVec4& colour) {
    const ImU32 want = ImGui::ColorConvertFloat4ToU32(colour);
    Extent e;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.col == want) {
                e.x0 = std::min(e.x0, v.pos.x), e.y0 = std::min(e.y0, v.pos.y);
                e.x1 = std::max(e.x1, v.pos.x), e.y1 = std::max(e.y1, v.pos.y);
            }
    return e;
}

// The button `id`, whose label is `label`: inside the screen, drawn whole, its label wrapped
// inside it (on more than one line when `longer` than the screen), named by the whole label,
// ringed whole when focused by the keyboard.
void check_wrapped_button(UiHarness& h, const std::string& id, const std::string& label, bool longer) {
    CAPTURE(id);
    CAPTURE(label);
    h.focus(id);
    h.frame();
    const ui::SemanticNode* n = h.app->semantics().find(id);
    REQUIRE(n != nullptr);
    CHECK(n->name == label);
    const ui::WidgetRect* r = h.app->widgets().find(id);
    REQUIRE(r != nullptr);
    CHECK(r->x >= 0);
    CHECK(r->x + r->w <= kWidth);
    CHECK(r->item_w <= r->w + 0.5f);   // not cut at either side: all of it is in the window
    CHECK(r->item_h <= r->h + 0.5f);
    // The label is longer than the screen (measured in the smallest face: at most what is drawn),
    // and wrapped at the button's width it is no wider nor taller than the button.
    ImFont* font = safetynet::test::pseudo_detail::smallest_font();
    if (longer) REQUIRE(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.c_str()).x > kWidth);
    const ImVec2 wrapped = font->CalcTextSizeA(font->FontSize, FLT_MAX, r->item_w, label.c_str());
    CHECK(wrapped.x <= r->item_w + 0.5f);
    CHECK(wrapped.y <= r->item_h + 0.5f);
    if (longer) CHECK(wrapped.y > 1.5f * font->FontSize);  // more than one line
    // The focus ring: round the whole button, inside the screen.
    const Extent ring = drawn_in(ui::palette(false).focus);
    CHECK(ring.x0 <= r->x);
    CHECK(ring.x1 >= r->x + r->item_w);
    CHECK(ring.y0 <= r->y);
    CHECK(ring.y1 >= r->y + r->item_h);
    CHECK(ring.x1 <= kWidth);
}

}  // namespace

TEST_CASE("WCAG 1.4.10: at 320 px a workspace button whose label is longer than the screen wraps it inside the screen") {
    UiHarness h(kWidth, kHeight, "clinic");
    open_clinic(h, nullptr);
    check_wrapped_button(h, "screen.import_form", h.app->translator().tr("ws.screenings.import_form"), true);
    // The dashboard's roster import, shorter than the screen but longer than what is left of the
    // line where it starts: the same.
    h.activate("tab.dashboard");
    check_wrapped_button(h, "measures.roster", h.app->translator().tr("ws.roster.import"), false);
}

TEST_CASE("WCAG 1.4.10: at 320 px, right to left, a workspace button whose label is longer than the screen wraps it inside the screen, shaped") {
    ui::ShapedTextRenderer shaped;  // declared first: the App draws with it, so it outlives the App
    UiHarness h(kWidth, kHeight, "clinic");
    open_clinic(h, &shaped);
    h.activate("ws.lang.menu");
    h.activate("ws.lang.ar");
    for (int i = 0; i < 40 && (h.state()["lang"] != "ar" || h.app->wants_redraw(h.platform.now)); ++i) h.frame();
    REQUIRE(h.state()["lang"] == "ar");
    const std::string label = h.app->translator().tr("ws.screenings.import_form");
    // Measured as drawn (shaped): longer than the screen.
    ImFont* bold = h.app->fonts().body;
    REQUIRE(shaped.measure(bold, label, 0).x > kWidth);
    h.focus("screen.import_form");
    h.frame();
    const ui::WidgetRect* r = h.app->widgets().find("screen.import_form");
    REQUIRE(r != nullptr);
    CHECK(h.app->semantics().find("screen.import_form")->name == label);
    CHECK(r->x >= 0);
    CHECK(r->x + r->w <= kWidth);
    CHECK(r->item_w <= r->w + 0.5f);
    // Shaped and wrapped at the button's inner width, the label fits in it.
    const float pad = ImGui::GetStyle().FramePadding.x;
    const ImVec2 wrapped = shaped.measure(bold, label, r->item_w - 2 * pad);
    CHECK(wrapped.x <= r->item_w - 2 * pad + 0.5f);
    CHECK(wrapped.y <= r->item_h + 0.5f);
    CHECK(wrapped.y > 1.5f * shaped.measure(bold, label, 0).y);  // more than one line
    const Extent ring = drawn_in(ui::palette(false).focus);
    CHECK(ring.x0 <= r->x);
    CHECK(ring.x1 >= r->x + r->item_w);
    CHECK(ring.x1 <= kWidth);
}
