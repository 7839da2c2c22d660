#include "ui/app.hpp"

#include "ui/context.hpp"
#include "ui/kiosk_screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>

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
        m_data_changed = true;
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

bool App::wants_redraw(double now) const {
    if (m_data_changed) return true;
    // A visible notice must disappear on time; once a second is enough for that.
    if (m_notice) return m_notice->shown_at < 0 || now - m_notice->shown_at >= 1.0;
    return false;
}

void App::frame() {
    m_data_changed = false;
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
    draw_notice(ctx);
    ImGui::End();
    m_widgets.end_frame();
}

void App::show_notice(std::string key, std::vector<std::pair<std::string, std::string>> args) {
    m_notice = Notice{std::move(key), std::move(args), -1};
    m_data_changed = true;
}

void App::draw_notice(Context& ctx) {
    if (!m_notice) return;
    constexpr double kSeconds = 15.0;
    const double now = m_platform.now_seconds();
    if (m_notice->shown_at < 0) m_notice->shown_at = now;
    if (now - m_notice->shown_at > kSeconds) {
        m_notice.reset();
        return;
    }
    const std::string text = ctx.i18n.format(m_notice->key, m_notice->args);
    const Palette& p = *ctx.palette;
    const ImVec2 win = ImGui::GetWindowSize();
    const float pad = 20 * ctx.scale;
    const float width = std::min(win.x - 2 * pad, 900 * ctx.scale);
    ImGui::PushFont(ctx.fonts.body);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 2 * pad);
    const ImVec2 box(width, std::max(size.y + 2 * pad, touch_target(ctx.scale)));
    const ImVec2 pos((win.x - box.x) * 0.5f, win.y - box.y - pad);
    ImGui::SetCursorPos(pos);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.primary_active);
    ImGui::PushStyleColor(ImGuiCol_Text, p.on_primary);
    ImGui::BeginChild("notice", box, false, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(pad, (box.y - size.y) * 0.5f));
    ImGui::PushTextWrapPos(box.x - pad);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    // Touching the note dismisses it.
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##dismiss", box)) m_notice.reset();
    ImGui::EndChild();
    register_last_item(ctx, "notice");
    ImGui::PopStyleColor(2);
    ImGui::PopFont();
}

std::string App::state_json() const {
    return nlohmann::json{{"screen", screen_id(m_screen)},
                          {"lang", m_i18n.language()},
                          {"text_size", m_display.text_size},
                          {"high_contrast", m_display.high_contrast},
                          {"notice", m_notice ? nlohmann::json(m_notice->key) : nlohmann::json(nullptr)}}
        .dump();
}

}  // namespace safetynet::ui
