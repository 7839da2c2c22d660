// Issue 14: Arabic in the staff workspace and the kiosk's header, drawn as the staff program and
// the right-to-left program draw them (the App with the text shaper, web/main.cpp): offered in
// the workspace's language switch, shaped, right-aligned, the layout mirrored; checked through
// the semantic tree's bounds (what the page's mirror and a screen reader get) and the draw data.
#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"
#include "tests/ui/shaping/hb_shape_reference.hpp"
#include "ui/shaping/shaped_text_renderer.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/theme.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

using safetynet::test::UiHarness;
using safetynet::test::run_until_store;
namespace ui = safetynet::ui;

namespace {

const std::string kFontsDir = SAFETYNET_DEMAND_FONTS_DIR;

// The App with a shaper and the Arabic font files where the page finds them. The renderer is
// declared first: the App draws with it, so it outlives the App.
struct ShapedApp {
    ui::ShapedTextRenderer shaped;
    UiHarness h;

    ShapedApp(float width, float height, std::string mode) : h(width, height, std::move(mode)) {
        h.platform.files["assets/site.json"] =
            R"({"site_name": "Demo clinic", "zip": "95112", "languages": ["en", "es", "ar"]})";
        h.platform.files[ui::DemandFonts::kListPath] = safetynet::test::read_test_file(kFontsDir + "/fonts.json");
        for (const char* f : {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"})
            h.platform.files[std::string("fonts/") + f] = safetynet::test::read_test_file(kFontsDir + "/" + f);
        h.app->set_shaped_text(&shaped);
    }
    // Frames until the language is `code` and nothing is left to fetch or rasterise.
    void settle(const std::string& code) {
        for (int i = 0; i < 40 && (h.state()["lang"] != code || h.app->wants_redraw(h.platform.now)); ++i) h.frame();
        h.frame();
        REQUIRE(h.state()["lang"] == code);
    }
    const ui::SemanticTree& tree() const { return h.app->semantics(); }
    ui::Bounds bounds(const std::string& id) const {
        const int i = tree().index_of(id);
        REQUIRE_MESSAGE(i >= 0, "no node " << id);
        return tree().screen_bounds(i);
    }
    // The ids of the children of `group`, in the tree's (reading) order.
    std::vector<int> children(const std::string& group) const {
        const int g = tree().index_of(group);
        REQUIRE_MESSAGE(g >= 0, "no group " << group);
        std::vector<int> out;
        for (int i = 0; i < static_cast<int>(tree().nodes().size()); ++i)
            if (tree().nodes()[static_cast<std::size_t>(i)].parent == g) out.push_back(i);
        return out;
    }
};

nlohmann::json ws(UiHarness& h) { return h.state()["workspace"]; }


float right(const ui::Bounds& b) { return b.x + b.w; }

// Where widget `id` is drawn (its visible part), from the registry tests read.
ui::Bounds drawn(const ShapedApp& a, const std::string& id) {
    const ui::WidgetRect* r = a.h.app->widgets().find(id);
    REQUIRE_MESSAGE(r != nullptr, "no widget " << id);
    return ui::Bounds{r->x, r->y, r->w, r->h};
}

// The widgets a person works, as drawn: none overlaps another, none is cut by the window's
// edges (drawn whole across, inside the width).
void check_controls_apart_and_inside(const ShapedApp& a, float width) {
    std::vector<std::pair<std::string, const ui::WidgetRect*>> controls;
    for (const ui::SemanticNode& n : a.tree().nodes())
        if (ui::is_interactive(n.role) && !n.id.empty())
            if (const ui::WidgetRect* r = a.h.app->widgets().find(n.id)) controls.emplace_back(n.id, r);
    REQUIRE(controls.size() > 3);
    for (std::size_t i = 0; i < controls.size(); ++i) {
        const std::string& id = controls[i].first;  // not a structured binding: CAPTURE's lambda takes it (clang 14)
        const ui::WidgetRect* b = controls[i].second;
        CAPTURE(id);
        CHECK(b->x >= -0.5f);
        CHECK(b->x + b->w <= width + 0.5f);
        CHECK(b->w >= b->item_w - 0.5f);  // not cut at either side
        for (std::size_t j = i + 1; j < controls.size(); ++j) {
            const std::string& other = controls[j].first;
            const ui::WidgetRect* o = controls[j].second;
            CAPTURE(other);
            const bool apart = b->x + b->w <= o->x + 0.5f || o->x + o->w <= b->x + 0.5f || b->y + b->h <= o->y + 0.5f ||
                               o->y + o->h <= b->y + 0.5f;
            CHECK(apart);
        }
    }
}

#ifndef __EMSCRIPTEN__
// The textured quads drawn in the text colour `colour` (0: any) inside the rectangle of widget
// `id`: one per inked glyph.
int glyph_quads_in(const ShapedApp& a, const std::string& id, ImU32 colour) {
    const ui::WidgetRect* r = a.h.app->widgets().find(id);
    REQUIRE_MESSAGE(r != nullptr, "no widget " << id);
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    int vertices = 0;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            // Marks and dots may reach a little above or below the line's box.
            const bool inside = v.pos.x >= r->x - 1 && v.pos.x <= r->x + r->w + 1 && v.pos.y >= r->y - 8 && v.pos.y <= r->y + r->h + 8;
            if (inside && (colour == 0 || v.col == colour) && !(v.uv.x == white.x && v.uv.y == white.y)) ++vertices;
        }
    return vertices / 4;
}

bool have_hb_shape() {
    safetynet::test::ReferenceShape probe;
    return safetynet::test::hb_shape(kFontsDir + "/NotoSansArabic-Bold.ttf", "ب", probe);
}

// The label of widget `id` (its name: the visible label), in `font` (a face of the bold file), is
// placed with hb-shape's glyphs at hb-shape's positions, and the widget drew one quad per glyph
// with ink (hb-shape's spaces have none) in `colour` (0: any).
void check_like_hb_shape(ShapedApp& a, const std::string& id, ImFont* font, ImU32 colour) {
    const std::string text = a.h.app->semantics().find(id)->name;
    CAPTURE(text);
    safetynet::test::ReferenceShape want;
    REQUIRE(safetynet::test::hb_shape(kFontsDir + "/NotoSansArabic-Bold.ttf", text, want));
    const auto placed = a.shaped.place(font, text, 0, 0);
    REQUIRE(placed.size() == want.glyphs.size());
    const float px_per_unit = a.shaped.em_px(font) / 1000.0f;  // Noto's em: 1000 units
    for (std::size_t i = 0; i < placed.size(); ++i) {
        CAPTURE(i);
        CHECK(placed[i].glyph == want.glyphs[i].glyph);
        CHECK(placed[i].x == doctest::Approx(want.glyphs[i].x * px_per_unit).epsilon(0.0001));
    }
    const int spaces = static_cast<int>(std::count(text.begin(), text.end(), ' '));
    CHECK(glyph_quads_in(a, id, colour) == static_cast<int>(want.glyphs.size()) - spaces);
}
#endif

}  // namespace

TEST_CASE("issue 14: an Arabic kiosk's header reads from the right: its first control in reading order is at the right") {
    ShapedApp a(1280, 800, "");
    a.h.frame();
    a.h.activate("lang.ar");
    a.settle("ar");
    // The site's name at the right, its controls leftwards from it, each line right to left.
    const std::vector<int> controls = a.children("display");
    REQUIRE(controls.size() >= 5);  // three languages, the text sizes, contrast
    const ui::Bounds first = a.tree().screen_bounds(controls.front());
    CHECK(a.tree().nodes()[static_cast<std::size_t>(controls.front())].id == "lang.en");  // the first the header draws
    for (std::size_t i = 1; i < controls.size(); ++i) {
        const ui::Bounds prev = a.tree().screen_bounds(controls[i - 1]), b = a.tree().screen_bounds(controls[i]);
        if (b.y == prev.y) CHECK(right(b) <= prev.x);  // on one row: each left of the one before
    }
    // The site's name (Latin, shaped as a run in the Arabic line) at the right edge, right of
    // every control: where reading starts.
    bool name_seen = false;
    for (int i = 0; i < static_cast<int>(a.tree().nodes().size()); ++i) {
        const ui::SemanticNode& n = a.tree().nodes()[static_cast<std::size_t>(i)];
        if (n.role != ui::Role::Text || n.name != "Demo clinic") continue;
        name_seen = true;
        const ui::Bounds b = a.tree().screen_bounds(i);
        CHECK(b.x >= right(first));
        CHECK(right(b) > 1280 - 60);
    }
    CHECK(name_seen);
    check_controls_apart_and_inside(a, 1280);
}

TEST_CASE("issue 14: Arabic is offered in the staff workspace with a shaper - its set-up form and dashboard mirrored, shaped, inside the window") {
    const float width = 1280;
    ShapedApp a(width, 800, "clinic");
    REQUIRE(run_until_store(a.h, "absent"));
    a.h.activate("ws.lang.menu");
    REQUIRE(a.tree().find("ws.lang.ar") != nullptr);
    CHECK(a.tree().find("ws.lang.ar")->name == "العربية");
    a.h.activate("ws.lang.ar");
    a.settle("ar");

    // The set-up form: its title, the fields and the button against the right edge.
    const ui::Bounds title = a.bounds("setup.title"), name = a.bounds("setup.name"), create = a.bounds("setup.create");
    const ui::Bounds lang = a.bounds("ws.lang.menu"), heading = drawn(a, "ws.title");
    CHECK(right(lang) > width - 40);       // the top bar starts at the right
    CHECK(right(heading) > width - 40);
    CHECK(right(create) == doctest::Approx(right(name)).epsilon(0.01));  // the button ends where the field does
    CHECK(right(title) == doctest::Approx(right(name)).epsilon(0.01));   // the heading too: right-aligned
    CHECK(create.w < name.w * 0.8f);                                     // a button, not a full-width bar
    // "SafetyNet للعيادات" (the title): in an Arabic line the Latin name, first in logical order,
    // is first in reading order: at the right (FriBidi, the paragraph right to left).
    {
        ImFont* font = a.h.app->fonts().heading;
        const auto placed = a.shaped.place(font, a.h.app->translator().tr("ws.role.clinic"), 0, 0);
        REQUIRE(placed.size() > 10);
        const std::uint16_t latin = a.shaped.place(font, "S", 0, 0).front().font;
        const auto [leftmost, rightmost] =
            std::minmax_element(placed.begin(), placed.end(), [](const auto& l, const auto& r) { return l.x < r.x; });
        CHECK(rightmost->font == latin);
        CHECK(leftmost->font != latin);
    }
    check_controls_apart_and_inside(a, width);

    // Set up, then the dashboard.
    a.h.click("setup.pass");
    a.h.type("clinic passphrase 1");
    a.h.click("setup.pass2");
    a.h.type("clinic passphrase 1");
    a.h.click("setup.create");
    REQUIRE(run_until_store(a.h, "unlocked"));
    a.h.activate("tab.dashboard");
    a.settle("ar");
    REQUIRE(ws(a.h)["tab"] == "dashboard");

    // The tabs in reading order: the first (Screenings) at the right, each next one left of it.
    const std::vector<int> tabs = a.children("tabs");
    REQUIRE(tabs.size() == 6);
    CHECK(a.tree().nodes()[static_cast<std::size_t>(tabs.front())].id == "tab.screenings");
    CHECK(right(a.tree().screen_bounds(tabs.front())) > width - 40);
    for (std::size_t i = 1; i < tabs.size(); ++i) {
        const ui::Bounds prev = a.tree().screen_bounds(tabs[i - 1]), b = a.tree().screen_bounds(tabs[i]);
        if (b.y == prev.y) CHECK(right(b) <= prev.x);
    }
    // The period's fields: "From" at the right, "To" left of it; the headline figures likewise.
    CHECK(a.bounds("dash.to").x + a.bounds("dash.to").w <= a.bounds("dash.from").x);
    CHECK(drawn(a, "dash.with_need").x + drawn(a, "dash.with_need").w <= drawn(a, "dash.screenings").x);
    // Each figure's caption on one line under it (a word of one broke at a rounding of its width).
    for (const char* key : {"ws.dash.with_need", "ws.dash.closure", "ws.dash.overdue"}) {
        const std::string caption = a.h.app->translator().tr(key);
        CAPTURE(caption);
        const int i = [&] {
            for (int k = 0; k < static_cast<int>(a.tree().nodes().size()); ++k)
                if (a.tree().nodes()[static_cast<std::size_t>(k)].name == caption) return k;
            return -1;
        }();
        REQUIRE(i >= 0);
        CHECK(a.tree().screen_bounds(i).h < ui::font_px(a.h.app->fonts().small) * 1.5f);
    }
    // Texts right-aligned in their widgets: the section headings end at the content's right edge
    // (the window's, less the workspace's margins), each as wide as its text.
    int headings = 0;
    for (int i = 0; i < static_cast<int>(a.tree().nodes().size()); ++i) {
        const ui::SemanticNode& n = a.tree().nodes()[static_cast<std::size_t>(i)];
        if (n.role != ui::Role::Heading) continue;
        CAPTURE(n.name);
        const ui::Bounds b = a.tree().screen_bounds(i);
        CHECK(right(b) > width - 60);
        CHECK(right(b) <= width);
        CHECK(b.w < width * 0.6f);
        ++headings;
    }
    CHECK(headings >= 3);
    check_controls_apart_and_inside(a, width);
#ifndef __EMSCRIPTEN__
    // The top bar's labels are drawn with hb-shape's glyphs (the native copy: hb-shape is a program).
    if (have_hb_shape()) {
        const ui::Palette& p = ui::palette(false);
        check_like_hb_shape(a, "tab.dashboard", a.h.app->fonts().bold, ImGui::GetColorU32(p.on_primary));
        check_like_hb_shape(a, "ws.lock", a.h.app->fonts().bold, ImGui::GetColorU32(p.on_secondary));
    }
#endif
}

TEST_CASE("issue 14: the Arabic workspace's labels are drawn with hb-shape's glyphs, for the file the app loads") {
#ifdef __EMSCRIPTEN__
    MESSAGE("skipped in WebAssembly: hb-shape is a native program (the native copy of this test runs it)");
#else
    if (!have_hb_shape()) {
        MESSAGE("skipped: hb-shape (libharfbuzz-bin) is not installed");
        return;
    }
    ShapedApp a(1280, 800, "clinic");
    REQUIRE(run_until_store(a.h, "absent"));
    a.h.activate("ws.lang.menu");
    a.h.activate("ws.lang.ar");
    a.settle("ar");
    // The set-up screen's heading and its button (both faces of the bold file).
    const ui::FontSet& fonts = a.h.app->fonts();
    check_like_hb_shape(a, "setup.create", fonts.bold, ImGui::GetColorU32(ui::palette(false).on_primary));
    check_like_hb_shape(a, "setup.title", fonts.heading, 0u);
#endif
}
