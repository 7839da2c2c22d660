#pragma once
// What every screen draws with: the platform, the translator, the widget registry, the
// palette and fonts of the moment. Screens take a Context& and hold no globals.
#include "core/base/i18n.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/theme.hpp"
#include "ui/shell/widget_registry.hpp"

#include <string_view>

namespace safetynet::ui {

struct Context {
    Platform& platform;
    core::Translator& i18n;
    WidgetRegistry& widgets;
    const Palette* palette = nullptr;
    FontSet fonts;
    float scale = 1.0f;

    const char* tr(std::string_view key) const { return i18n.tr(key); }
};

}  // namespace safetynet::ui
