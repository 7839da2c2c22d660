#pragma once
// The first kiosk screen and the header bar every kiosk screen shares.
#include "ui/shell/context.hpp"
#include "ui/shell/display_settings.hpp"

#include <string>

namespace safetynet::ui {

// The bar across the top of every kiosk screen: site name, language, text size, contrast.
// Changes `settings` and the translator's language in place.
void draw_kiosk_header(Context& ctx, const std::string& site_name, DisplaySettings& settings);

enum class WelcomeAction { None, Start, Staff };
WelcomeAction draw_kiosk_welcome(Context& ctx);

}  // namespace safetynet::ui
