#pragma once
// What every screen draws with: the platform, the translator, the widget registry, the
// palette and fonts of the moment. Screens take a Context& and hold no globals.
#include "core/i18n.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

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
