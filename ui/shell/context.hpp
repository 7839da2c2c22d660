#pragma once
// What every screen draws with: the platform, the translator, the widget registry, the
// semantic tree and the requests that come through it, the palette and fonts of the moment.
// Screens take a Context& and hold no globals.
#include "core/base/i18n.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/semantic_actions.hpp"
#include "ui/shell/semantic_tree.hpp"
#include "ui/shell/shaped_text.hpp"
#include "ui/shell/theme.hpp"
#include "ui/shell/widget_registry.hpp"

#include <string>
#include <string_view>

namespace safetynet::ui {

struct Context {
    Platform& platform;
    core::Translator& i18n;
    WidgetRegistry& widgets;
    SemanticTree& semantics;
    SemanticActions& actions;
    const Palette* palette = nullptr;
    FontSet fonts;
    float scale = 1.0f;
    // What the screen shows (e.g. "question:3"): when it changes, the content opens at its top.
    std::string_view screen;
    // The screen's language is written right to left (assets/i18n/languages.json): the kiosk's
    // layout is mirrored, and text is drawn by `shaped` where the program has one (the
    // right-to-left program does: web/CMakeLists.txt), else by ImGui.
    bool rtl = false;
    ShapedText* shaped = nullptr;
    // Right to left, the widgets also place themselves mirrored in ImGui's flow (place_next in
    // widgets.hpp): the workspace sets it, whose screens are laid out by that flow. The kiosk
    // does not: it places its controls itself, mirrored where they sit side by side.
    bool mirror_flow = false;

    bool mirrored() const { return rtl && mirror_flow; }
    // The language a form's own texts (questions, answers) are shown in, when not the screen's:
    // the kiosk sets it while it draws, to the form's language where the site keeps project
    // instrument translations from patients (site.json "instrument_translations").
    std::string form_language{};

    const std::string& form_lang() const { return form_language.empty() ? i18n.language() : form_language; }

    const char* tr(std::string_view key) const { return i18n.tr(key); }
};

}  // namespace safetynet::ui
