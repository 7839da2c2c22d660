#pragma once
// The first kiosk screen and the header bar every kiosk screen shares.
#include "ui/shell/context.hpp"
#include "ui/shell/display_settings.hpp"

#include <string>

namespace safetynet::ui {

// The bar across the top of every kiosk screen: site name, language, text size, contrast.
// Changes `settings` and the translator's language in place.
// The kiosk's banner: the site's name, the languages the site offers (each in its own name; all of
// them when `list_languages`, else behind a disclosure when there are many), text size, contrast.
void draw_kiosk_header(Context& ctx, const std::string& site_name, const std::vector<std::string>& offered,
                       bool list_languages, DisplaySettings& settings);

enum class WelcomeAction { None, Start, Staff };
WelcomeAction draw_kiosk_welcome(Context& ctx);

}  // namespace safetynet::ui
