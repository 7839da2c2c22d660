// The clinic's referral tracker: what needs a follow-up call today (workspace_follow_up.cpp),
// then every referral with its status, overdue flags, history, and the door for the
// organizations' status updates and capacity updates (several files at once).
#include "core/actions/dashboard.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/actions/store_actions.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>

namespace safetynet::ui {

void Workspace::draw_history(Context& ctx, const core::Referral& r) {
    const Palette& p = *ctx.palette;
    for (const core::StatusEvent& e : r.history) {
        std::string line = e.at.substr(0, 16) + "  " + std::string(ctx.tr("ws.status." + std::string(core::task_status_code(e.status))));
        line += "  (" + std::string(ctx.tr(e.by == core::ReferralActor::Requester ? "ws.by.requester" : "ws.by.performer")) + ")";
        if (const core::ReferralOutcome* o = core::find_referral_outcome(e.outcome))
            line += " — " + std::string(ctx.tr("ws.outcome." + std::string(o->code)));
        if (!e.reason.empty()) line += " — " + e.reason;
        paragraph(ctx, line.c_str(), ctx.fonts.small, p.text);
    }
}

void Workspace::draw_referrals(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Store& store = m_session.store();
    // The tracker opens on what needs a call today.
    draw_follow_up(ctx);
    section_title(ctx, ctx.tr("ws.referrals.updates"));
    paragraph(ctx, ctx.tr("ws.referrals.import_hint"), ctx.fonts.small, p.text_muted);
    if (small_button(ctx, "referrals.import", ctx.tr("ws.referrals.import"))) pick_and_import(".age,.txt,application/octet-stream");
    const std::string at = now();
    const auto rows = core::list_referrals(store, at);
    section_title(ctx, ctx.i18n.format("ws.referrals.title", {{"n", std::to_string(rows.size())}}).c_str());
    if (rows.empty()) paragraph(ctx, ctx.tr("ws.referrals.none"), ctx.fonts.body, p.text_muted);
    std::size_t n = 0;
    for (const core::ReferralRow& row : rows) {
        const core::Referral& r = *row.referral;
        const std::string id = "referral." + std::to_string(n++);
        begin_card(ctx, id, row.overdue ? &p.urgent : nullptr);
        // A group named by its title: a screen reader hears whose "Details" or "Download" it is.
        const std::string title = r.organization.name + "  ·  " + r.patient.name;
        begin_group(ctx, id + ".card", Role::Group, title);
        paragraph(ctx, title.c_str(), ctx.fonts.bold, p.text);
        register_last_item(ctx, id + ".title");
        badge(ctx, ctx.tr("ws.status." + std::string(core::task_status_code(row.status))), status_color(p, row.status));
        register_last_item(ctx, id + ".status");
        if (row.overdue) {
            ImGui::SameLine();
            badge(ctx, ctx.i18n.format("ws.referrals.overdue", {{"days", std::to_string(row.days_since_update)}}).c_str(), p.urgent);
        }
        std::string needs;
        for (const core::ReferralNeed& need : r.needs) needs += (needs.empty() ? "" : ", ") + std::string(ctx.tr("domain." + need.domain));
        paragraph(ctx, (ctx.i18n.format("ws.referrals.sent", {{"date", r.created.substr(0, 10)}}) + "  ·  " + needs).c_str(),
                  ctx.fonts.small, p.text_muted);
        const bool open = m_open_referral == r.id;
        if (small_button(ctx, id + ".details", ctx.tr(open ? "ws.hide" : "ws.details"))) m_open_referral = open ? "" : r.id;
        if (r.bundle_id.empty() && (r.organization.card || contact_for_organization(r.organization.name))) {
            ImGui::SameLine();
            if (small_button(ctx, id + ".export", ctx.tr("ws.refer.export"))) export_referral(ctx, r.id);
        }
        if (!core::is_final(row.status)) {
            ImGui::SameLine();
            if (small_button(ctx, id + ".cancel", ctx.tr("ws.referrals.cancel"))) record(ctx, r.id, core::TaskStatus::Cancelled);
        }
        if (open) draw_history(ctx, r);
        end_group(ctx);
        end_card();
    }
}

}  // namespace safetynet::ui
