#include "ui/app.hpp"

#include "ui/context.hpp"
#include "ui/kiosk_screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

namespace safetynet::ui {

const char* screen_id(Screen s) {
    switch (s) {
        case Screen::Welcome: return "welcome";
        case Screen::Questions: return "questions";
    }
    return "unknown";
}

App::App(Platform& platform) : m_platform(platform) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of a session is written anywhere
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    apply_display_settings();

    m_platform.fetch_asset("assets/site.json", [this](std::optional<std::string> text) {
        if (!text) return;  // no site file: the defaults are a working kiosk
        const auto doc = nlohmann::json::parse(*text, nullptr, false);
        if (doc.is_object() && doc.contains("site_name") && doc["site_name"].is_string())
            m_site.site_name = doc["site_name"].get<std::string>();
    });
}

void App::apply_display_settings() {
    const float scale = ui_scale(m_display);
    if (m_display.text_size != m_applied.text_size)
        m_fonts = build_fonts(*ImGui::GetIO().Fonts, kTextSizes[static_cast<std::size_t>(m_display.text_size)]);
    apply_theme(palette(m_display.high_contrast), scale);
    m_applied = m_display;
}

bool App::prepare_frame() {
    if (m_display == m_applied) return false;
    const bool fonts_changed = m_display.text_size != m_applied.text_size;
    apply_display_settings();
    return fonts_changed;
}

void App::frame() {
    m_widgets.begin_frame();
    Context ctx{m_platform, m_i18n, m_widgets, &palette(m_display.high_contrast), m_fonts, ui_scale(m_display)};

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("SafetyNet", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_kiosk_header(ctx, m_site.site_name, m_display);
    switch (m_screen) {
        case Screen::Welcome:
            if (draw_kiosk_welcome(ctx) == WelcomeAction::Start) m_screen = Screen::Questions;
            break;
        case Screen::Questions:
            // The questionnaire flow arrives with the screening engine (issue #6).
            break;
    }
    ImGui::End();
    m_widgets.end_frame();
}

std::string App::state_json() const {
    return nlohmann::json{{"screen", screen_id(m_screen)},
                          {"lang", m_i18n.language()},
                          {"text_size", m_display.text_size},
                          {"high_contrast", m_display.high_contrast}}
        .dump();
}

}  // namespace safetynet::ui
