#pragma once
// Pseudo-localization (issue 14, Tests): a pseudo catalog made from English at test time (each
// text accented and about 40 % longer, placeholders and plural forms kept), and the checks a
// screen must pass in it (and in any language at 320x256 CSS px, WCAG 1.4.10 reflow), read from the semantic tree and the widget registry: no two controls
// overlap, nothing lies outside the window or scrolls sideways, no control's label is wider or
// taller than the control. Used by the kiosk's and the workspace's walks
// (tests/ui/kiosk/test_kiosk_pseudo_locale.cpp, tests/ui/workspace/test_workspace_pseudo_locale.cpp).
#include "tests/support/ui_harness.hpp"

#include <imgui_internal.h>

#include <cfloat>
#include <set>
#include <string>
#include <vector>

namespace safetynet::test {

namespace pseudo_detail {
namespace core = safetynet::core;
namespace ui = safetynet::ui;

inline constexpr const char* kPseudo = "qps";  // a private-use code (BCP 47 "qaa-qtz" style): no real language

// ASCII letters and their accented Latin-1 twins (the built-in font's range).
inline std::string accented(char c) {
    static const std::string from = "aeiouyncAEIOUYNC";
    static const char* const to[] = {"á", "é", "î", "õ", "ü", "ý", "ñ", "ç", "Á", "É", "Î", "Õ", "Ü", "Ý", "Ñ", "Ç"};
    const auto at = from.find(c);
    return at == std::string::npos ? std::string(1, c) : to[at];
}

// "Start" -> "[Śtárt ààà]": accents outside {placeholders}, then about 40 % more characters, as
// short words a line can break between, inside brackets that show where a text was cut.
inline std::string pseudo(const std::string& english) {
    std::string out = "[";
    std::size_t letters = 0;
    bool placeholder = false;
    for (char c : english) {
        if (c == '{') placeholder = true;
        if (placeholder) {
            out += c;
            if (c == '}') placeholder = false;
            continue;
        }
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++letters;
        out += accented(c);
    }
    const std::size_t extra = (letters * 4 + 9) / 10;
    for (std::size_t i = 0; i < extra; ++i) out += i % 6 == 0 ? " " : "à";
    return out + "]";
}

// The English catalog, every text made pseudo.
inline core::Catalog pseudo_catalog(const core::Translator& i18n) {
    const core::Catalog& en = *i18n.catalog("en");
    nlohmann::json j = {{"_meta", {{"language", kPseudo}, {"plural_forms", "nplurals=2; plural=(n != 1);"}}}};
    for (const auto& [key, text] : en.texts()) j[key] = pseudo(text);
    for (const auto& [key, forms] : en.plurals()) j[key] = {pseudo(forms.front()), pseudo(forms.back())};
    return core::Catalog::parse(j.dump(), "pseudo");
}

// The smallest face the app draws text in: a label measured in it is at most as wide as drawn.
inline ImFont* smallest_font() {
    ImFont* smallest = nullptr;
    for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
        if (!smallest || f->FontSize < smallest->FontSize) smallest = f;
    return smallest;
}

inline bool overlap(const ui::WidgetRect& a, const ui::WidgetRect& b) {
    return a.x + 0.5f < b.x + b.w && b.x + 0.5f < a.x + a.w && a.y + 0.5f < b.y + b.h && b.y + 0.5f < a.y + a.h;
}


}  // namespace pseudo_detail

using pseudo_detail::kPseudo;
using pseudo_detail::pseudo;
using pseudo_detail::pseudo_catalog;

// A harness whose screens are checked: in the pseudo language (switched to by the caller, once
// the app has its site: use_pseudo_language()), or in a real one (`language`, as the page's
// ?lang= asks for it; English when empty), e.g. English and Spanish at 320x256 (WCAG 1.4.10).
struct PseudoHarness : UiHarness {
    PseudoHarness(float w, float h, std::string mode = {}, std::string language = {})
        : UiHarness(w, h, std::move(mode), true, std::move(language)), width(w) {}

    void use_pseudo_language() {
        app->translator().add_catalog(pseudo_catalog(app->translator()), "pseudo");
        REQUIRE(app->translator().set_language(kPseudo));
        frame();
        frame();
    }

    // The checks on a screen; `where` names it in a failure. Every control is looked at where a
    // person sees it: those out of view are focused (scrolled into view) one by one first.
    void check(const std::string& where) {
        ++screens;
        frame();
        INFO(where);
        std::set<std::string> seen = check_in_view(where);
        for (const std::string& id : controls_of_screen())
            if (!seen.count(id)) {
                focus(id);
                const std::set<std::string> more = check_in_view(where + " (scrolled to " + id + ")");
                seen.insert(more.begin(), more.end());
            }
        CHECK(!seen.empty());
        for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
            if (w->Active) {
                INFO(where << ": window " << w->Name);
                CHECK(w->ScrollMax.x <= 0.5f);  // nothing scrolls sideways
            }
    }

    // The interactive nodes a person can reach now: inside the dialog when one is open (it is
    // modal: what is behind it is out of reach, and may lie under it).
    std::vector<std::string> controls_of_screen() {
        const safetynet::ui::SemanticTree& tree = app->semantics();
        int dialog = -1;
        for (std::size_t i = 0; i < tree.nodes().size(); ++i)
            if (tree.nodes()[i].role == safetynet::ui::Role::Dialog || tree.nodes()[i].role == safetynet::ui::Role::AlertDialog) dialog = static_cast<int>(i);
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < tree.nodes().size(); ++i) {
            bool in = dialog < 0;
            for (int p = static_cast<int>(i); p >= 0 && !in; p = tree.nodes()[static_cast<std::size_t>(p)].parent) in = p == dialog;
            if (in && safetynet::ui::is_interactive(tree.nodes()[i].role)) ids.push_back(tree.nodes()[i].id);
        }
        return ids;
    }

    // Checks what is in view now; returns the controls seen.
    std::set<std::string> check_in_view(const std::string& where) {
        const safetynet::ui::SemanticTree& tree = app->semantics();
        for (std::size_t i = 0; i < tree.nodes().size(); ++i) {
            const safetynet::ui::Bounds b = tree.screen_bounds(static_cast<int>(i));
            INFO(where << ": " << std::string(safetynet::ui::role_name(tree.nodes()[i].role)) << " " << tree.nodes()[i].id << " \"" << tree.nodes()[i].name << "\"");
            if (b.w > 0) {  // inside the window's width
                CHECK(b.x >= -0.5f);
                CHECK(b.x + b.w <= width + 0.5f);
            }
        }
        ImFont* font = pseudo_detail::smallest_font();
        std::vector<std::pair<std::string, safetynet::ui::WidgetRect>> controls;
        for (const std::string& id : controls_of_screen()) {
            const safetynet::ui::WidgetRect* r = app->widgets().find(id);
            if (!r || r->w <= 0 || r->h <= 0) continue;  // out of view
            const safetynet::ui::SemanticNode& n = *tree.find(id);
            INFO(where << ": " << std::string(safetynet::ui::role_name(n.role)) << " " << n.id << " \"" << n.name << "\"");
            // The label fits its control: not one word wider, and wrapped at the control's
            // width not taller (measured in the smallest face: a lower bound of what is drawn).
            if (!n.name.empty() && n.role != safetynet::ui::Role::TextField && r->item_w > 0) {
                const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, r->item_w, n.name.c_str());
                CHECK(size.x <= r->item_w + 0.5f);
                CHECK(size.y <= r->item_h + 0.5f);
            }
            for (const auto& other : controls)
                CHECK_MESSAGE(!pseudo_detail::overlap(*r, other.second), n.id << " overlaps " << other.first);
            controls.emplace_back(n.id, *r);
        }
        std::set<std::string> seen;
        for (const auto& c : controls) seen.insert(c.first);
        return seen;
    }

    float width;
    int screens = 0;
};

}  // namespace safetynet::test
