#pragma once
// The SafetyNet UI as one object the platform drives: call prepare_frame() before
// ImGui::NewFrame() and frame() between NewFrame() and Render().
#include "core/i18n.hpp"
#include "ui/display_settings.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"
#include "ui/widget_registry.hpp"

#include <string>

namespace safetynet::ui {

enum class Screen { Welcome, Questions };
const char* screen_id(Screen s);

// The site's own settings (assets/site.json), editable by a clinic without rebuilding.
struct SiteConfig {
    std::string site_name = "SafetyNet";
};

class App {
public:
    // Needs a current ImGui context; loads fonts and starts reading the site configuration.
    explicit App(Platform& platform);

    // Before ImGui::NewFrame(): applies a pending text-size or contrast change. Returns true
    // when the font atlas was rebuilt, so the renderer must upload its texture again.
    bool prepare_frame();
    // Draws the whole UI for one frame.
    void frame();

    Screen screen() const { return m_screen; }
    const core::Translator& translator() const { return m_i18n; }
    const DisplaySettings& display() const { return m_display; }
    const WidgetRegistry& widgets() const { return m_widgets; }
    // A JSON snapshot for the end-to-end test surface: screen, language, display settings.
    std::string state_json() const;

private:
    void apply_display_settings();

    Platform& m_platform;
    core::Translator m_i18n;
    WidgetRegistry m_widgets;
    SiteConfig m_site;
    DisplaySettings m_display;
    DisplaySettings m_applied{-1, false};
    FontSet m_fonts;
    Screen m_screen = Screen::Welcome;
};

}  // namespace safetynet::ui
