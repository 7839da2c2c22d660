#include "ui/kiosk/kiosk.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>

#include <cmath>

namespace safetynet::ui {

// Consent, in plain words, before anything is prepared for the care team. "No" is as easy to
// press as "Yes", and the person stays on their results either way.
void Kiosk::draw_share(Context& ctx) {
    const Palette& p = *ctx.palette;
    begin_content(ctx);
    begin_column(ctx, 760);
    heading(ctx, ctx.tr("kiosk.share.title"), "share.title");
    const std::string lead = ctx.i18n.format(
        "kiosk.share.lead", {{"site", m_site.clinic_name.empty() ? m_site.site_name : m_site.clinic_name}});
    paragraph(lead.c_str(), ctx.fonts.body, p.text);
    paragraph(ctx.tr("kiosk.share.not_you"), ctx.fonts.small, p.text_muted);
    ImGui::Dummy(ImVec2(0, 16 * ctx.scale));
    if (m_share_status == ShareStatus::Failed) {
        paragraph(ctx.tr("kiosk.share.failed"), ctx.fonts.bold, p.urgent);
        register_last_item(ctx, "share.failed");
    }
    const float width = column_width();
    if (button(ctx, "share.yes", ctx.tr("kiosk.share.yes"), ButtonStyle::Primary, ImVec2(width, 0))) {
        std::optional<std::string> code;
        if (m_share) code = m_share(m_flow.response(), *m_flow.result(), ctx.i18n.language());
        m_share_status = code ? ShareStatus::Done : ShareStatus::Failed;
        if (code) {
            m_pickup_code = std::move(*code);
            m_flow.mark_shared();
            m_flow.close_share();
        }
    }
    if (button(ctx, "share.no", ctx.tr("kiosk.share.no"), ButtonStyle::Secondary, ImVec2(width, 0))) m_flow.close_share();
    end_column();
    end_content();
}

void Kiosk::draw_finished(Context& ctx, DisplaySettings& display) {
    const Palette& p = *ctx.palette;
    begin_content(ctx, false);
    begin_column(ctx, 760);
    ImGui::Dummy(ImVec2(0, 60 * ctx.scale));
    heading(ctx, ctx.tr("kiosk.finished.title"), "finished.title");
    paragraph(ctx.tr("kiosk.finished.lead"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 24 * ctx.scale));
    const bool again = button(ctx, "finished.again", ctx.tr("kiosk.finished.again"), ButtonStyle::Primary,
                              ImVec2(column_width(), 0));
    end_column();
    end_content();
    // The "thank you" stays a few seconds in the person's language, then the kiosk resets.
    constexpr double kThanksSeconds = 8.0;
    if (again || ctx.platform.now_seconds() - m_finished_at > kThanksSeconds) wipe(ctx, display);
}

void Kiosk::finish_and_clear(Context& ctx, DisplaySettings& display) {
    const std::string lang = ctx.i18n.language();
    const DisplaySettings keep = display;
    wipe(ctx, display);
    // Everything is gone; only the person's language and text size stay for the thank-you.
    ctx.i18n.set_language(lang);
    display = keep;
    m_flow.finish();
    m_finished_at = ctx.platform.now_seconds();
}

// After the site's idle timeout: a warning with a countdown, then everything is erased.
void Kiosk::draw_idle_warning(Context& ctx, DisplaySettings& display, double now) {
    const double idle = now - m_last_input;
    if (idle < m_site.idle_timeout_seconds || m_flow.step() == KioskStep::Finished) return;
    const double left = m_site.idle_timeout_seconds + m_site.idle_warning_seconds - idle;
    if (left <= 0) {
        wipe(ctx, display);
        return;
    }
    const Palette& p = *ctx.palette;
    const ImVec2 win = ImGui::GetWindowSize();
    const ImVec2 origin = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddRectFilled(origin, ImVec2(origin.x + win.x, origin.y + win.y),
                                              ImGui::GetColorU32(ImVec4(0, 0, 0, 0.6f)));
    const float w = std::min(win.x - 40 * ctx.scale, 720 * ctx.scale), h = 320 * ctx.scale;
    ImGui::SetCursorPos(ImVec2((win.x - w) * 0.5f, (win.y - h) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    ImGui::BeginChild("idle", ImVec2(w, h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(32 * ctx.scale, 28 * ctx.scale));
    ImGui::PushTextWrapPos(w - 32 * ctx.scale);
    heading(ctx, ctx.tr("kiosk.idle.title"), "idle.title");
    const std::string lead =
        ctx.i18n.format("kiosk.idle.lead", {{"seconds", std::to_string(static_cast<int>(std::ceil(left)))}});
    paragraph(lead.c_str(), ctx.fonts.body, p.text);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosX(32 * ctx.scale);
    if (button(ctx, "idle.stay", ctx.tr("kiosk.idle.stay"), ButtonStyle::Primary, ImVec2(w - 64 * ctx.scale, 0)))
        m_last_input = now;
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace safetynet::ui
