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
    paragraph(ctx, lead.c_str(), ctx.fonts.body, p.text);
    paragraph(ctx, ctx.tr("kiosk.share.not_you"), ctx.fonts.small, p.text_muted);
    ImGui::Dummy(ImVec2(0, 16 * ctx.scale));
    if (m_share_status == ShareStatus::Failed) {
        paragraph(ctx, ctx.tr("kiosk.share.failed"), ctx.fonts.bold, p.urgent);
        register_last_item(ctx, "share.failed");
    }
    const float width = column_width();
    if (button(ctx, "share.yes", ctx.tr("kiosk.share.yes"), ButtonStyle::Primary, ImVec2(width, 0))) {
        std::optional<std::string> code;
        if (m_share) code = m_share(m_flow.response(), *m_flow.result(), ctx.form_lang());
        m_share_status = code ? ShareStatus::Done : ShareStatus::Failed;
        if (code) {
            m_pickup_code = std::move(*code);
            m_flow.mark_shared();
            m_flow.close_share();
            ctx.semantics.announce(ctx.tr("kiosk.results.shared"));
        } else {
            ctx.semantics.announce(ctx.tr("kiosk.share.failed"), Announcement::Politeness::Assertive);
        }
    }
    if (button(ctx, "share.no", ctx.tr("kiosk.share.no"), ButtonStyle::Secondary, ImVec2(width, 0))) m_flow.close_share();
    end_column();
    end_content(ctx);
}

void Kiosk::draw_finished(Context& ctx, DisplaySettings& display) {
    const Palette& p = *ctx.palette;
    begin_content(ctx, false);
    begin_column(ctx, 760);
    ImGui::Dummy(ImVec2(0, 60 * ctx.scale));
    heading(ctx, ctx.tr("kiosk.finished.title"), "finished.title");
    paragraph(ctx, ctx.tr("kiosk.finished.lead"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 24 * ctx.scale));
    const bool again = button(ctx, "finished.again", ctx.tr("kiosk.finished.again"), ButtonStyle::Primary,
                              ImVec2(column_width(), 0));
    end_column();
    end_content(ctx);
    // The "thank you" stays a few seconds in the person's language, then the kiosk resets.
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

// "Finish and clear" erases the person's answers and list at once: ask first, and remind them to
// take the list with them if they have not printed, sent or shared it.
void Kiosk::draw_finish_confirm(Context& ctx, DisplaySettings& display) {
    const Palette& p = *ctx.palette;
    const float w = 640 * ctx.scale;
    begin_dialog(ctx, "confirm", Role::AlertDialog, ctx.tr("kiosk.confirm.title"), ImVec2(w, 380 * ctx.scale));
    heading(ctx, ctx.tr("kiosk.confirm.title"), "confirm.title");
    paragraph(ctx, ctx.tr("kiosk.confirm.lead"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    const float bw = ImGui::GetContentRegionAvail().x;
    const bool yes = button(ctx, "confirm.yes", ctx.tr("kiosk.confirm.yes"), ButtonStyle::Primary, ImVec2(bw, 0));
    const bool no = button(ctx, "confirm.no", ctx.tr("kiosk.confirm.no"), ButtonStyle::Secondary, ImVec2(bw, 0));
    end_dialog(ctx);
    if (no || dialog_escape(ctx, "confirm")) m_confirm_finish = false;
    if (yes) {
        m_confirm_finish = false;
        finish_and_clear(ctx, display);
    }
}

// After the site's idle timeout: a warning with a countdown, then everything is erased. Said
// aloud too (assertive), again as the time runs out, so a person who cannot see it can stay.
void Kiosk::draw_idle_warning(Context& ctx, DisplaySettings& display, double now) {
    const double idle = now - m_last_input;
    if (idle < m_site.idle_timeout_seconds || m_flow.step() == KioskStep::Finished) {
        m_idle_announced = -1;
        return;
    }
    const double left = m_site.idle_timeout_seconds + m_site.idle_warning_seconds - idle;
    if (left <= 0) {
        wipe(ctx, display);
        return;
    }
    const int seconds = static_cast<int>(std::ceil(left));
    const std::string lead = ctx.i18n.format("kiosk.idle.lead", {{"seconds", std::to_string(seconds)}});
    // Announced when it appears, then at 10 and 5 seconds left.
    const int step = m_idle_announced < 0 ? seconds : (seconds <= 5 ? 5 : seconds <= 10 ? 10 : m_idle_announced);
    if (step != m_idle_announced) {
        m_idle_announced = step;
        ctx.semantics.announce(std::string(ctx.tr("kiosk.idle.title")) + " " + lead, Announcement::Politeness::Assertive);
    }
    const Palette& p = *ctx.palette;
    const float w = 720 * ctx.scale;
    begin_dialog(ctx, "idle", Role::AlertDialog, ctx.tr("kiosk.idle.title"), ImVec2(w, 340 * ctx.scale));
    heading(ctx, ctx.tr("kiosk.idle.title"), "idle.title");
    paragraph(ctx, lead.c_str(), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    const bool stay = button(ctx, "idle.stay", ctx.tr("kiosk.idle.stay"), ButtonStyle::Primary,
                             ImVec2(ImGui::GetContentRegionAvail().x, 0));
    end_dialog(ctx);
    if (stay || dialog_escape(ctx, "idle")) {
        m_last_input = now;
        m_idle_announced = -1;
    }
}

}  // namespace safetynet::ui
