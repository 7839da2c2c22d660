// [SECTION] The workspace's language (issue 14 item 1: "the staff workspace can be switched too").
//
// The site's languages (site.json "languages"), each in its own name as the kiosk offers them,
// behind one disclosure in the top bar ("Language: Español"): staff find it on the lock screens
// as well as in every tab. A catalog this program does not carry is fetched by the App as for the
// kiosk (App::fetch_wanted_catalog); <html lang> follows the screen's language. The choice is
// remembered on this device (platform storage "workspace/language", beside the store and not in
// it: a language code is no PHI) and chosen again when the workspace opens, unless the page was
// opened in a language (?lang=), which says what is wanted now.
#include "core/base/languages.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace safetynet::ui {

namespace {

constexpr std::string_view kLanguageKey = "workspace/language";

}  // namespace

void Workspace::load_language() {
    m_platform.storage_get(std::string(kLanguageKey), [this](std::optional<std::string> code) {
        if (code && m_platform.requested_language().empty()) m_remembered_language = *code;
        m_redraw = true;
    });
}

// The site's languages this workspace can be drawn in. Right-to-left ones only where the program
// has a text shaper (the staff program has: web/CMakeLists.txt): there the workspace's text is
// shaped and its layout mirrored (docs/TRANSLATIONS.md); without one Arabic would be drawn as
// unjoined letters in the wrong order.
std::vector<const core::LanguageInfo*> Workspace::switchable_languages(const Context& ctx) const {
    std::vector<const core::LanguageInfo*> out;
    for (const core::LanguageInfo& l : ctx.i18n.languages()) {
        const core::Language* known = core::find_language(l.code);
        const bool rtl = known && known->direction == core::TextDirection::RightToLeft;
        if (std::count(m_site.languages.begin(), m_site.languages.end(), l.code) && (!rtl || ctx.shaped))
            out.push_back(&l);
    }
    return out;
}

void Workspace::draw_language_switch(Context& ctx) {
    const auto languages = switchable_languages(ctx);
    if (!m_remembered_language.empty()) {
        for (const core::LanguageInfo* l : languages)
            if (l->code == m_remembered_language) ctx.i18n.set_language(l->code);
        m_remembered_language.clear();
    }
    if (languages.size() < 2) return;
    std::string current = ctx.i18n.language();
    for (const core::LanguageInfo* l : languages)
        if (l->code == ctx.i18n.language()) current = l->native_name;
    const std::string label = ctx.i18n.format("lang.menu", {{"language", current}});
    if (!disclosure(ctx, "ws.lang.menu", label.c_str(), &m_language_menu_open)) return;
    begin_group(ctx, "ws.lang", Role::Group, ctx.tr("lang.choose"));
    for (std::size_t i = 0; i < languages.size(); ++i) {
        const core::LanguageInfo& l = *languages[i];
        if (i) same_line_if_fits(ctx, l.native_name.c_str());
        const bool pressed = toggle_button(ctx, "ws.lang." + l.code, l.native_name.c_str(), ctx.i18n.language() == l.code);
        mark_language(ctx, ctx.semantics.last(), l.code);  // each name is in its own language
        if (!pressed) continue;
        ctx.i18n.set_language(l.code);  // or, for a catalog not here, wanted: the App fetches it
        m_platform.storage_put(std::string(kLanguageKey), l.code, [](bool) {});
        m_language_menu_open = false;
    }
    end_group(ctx);
}

}  // namespace safetynet::ui
