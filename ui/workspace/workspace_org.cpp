// The organization's inbox: referral bundles opened and acted on, status updates sent back.
#include "core/base/error.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/actions/store_actions.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <cctype>

namespace safetynet::ui {

void Workspace::draw_inbox(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Store& store = m_session.store();
    paragraph(ctx, ctx.tr("ws.inbox.import_hint"), ctx.fonts.small, p.text_muted);
    if (small_button(ctx, "inbox.import", ctx.tr("ws.inbox.import"))) pick_and_import(".age,.txt,application/octet-stream");
    const auto rows = core::list_referrals(store, now());
    section_title(ctx, ctx.i18n.format("ws.inbox.title", {{"n", std::to_string(rows.size())}}).c_str());
    if (rows.empty()) paragraph(ctx, ctx.tr("ws.inbox.none"), ctx.fonts.body, p.text_muted);
    std::size_t n = 0;
    for (const core::ReferralRow& row : rows) {
        const core::Referral& r = *row.referral;
        const std::string id = "incoming." + std::to_string(n++);
        begin_card(ctx, id, row.overdue ? &p.urgent : nullptr);
        // A group named by its title: a screen reader hears whose "Open" it is.
        const std::string title = r.patient.name + "  ·  " + ctx.i18n.format("ws.inbox.from", {{"clinic", r.requester.name}});
        begin_group(ctx, id + ".card", Role::Group, title);
        paragraph(ctx, title.c_str(), ctx.fonts.bold, p.text);
        register_last_item(ctx, id + ".title");
        badge(ctx, ctx.tr("ws.status." + std::string(core::task_status_code(row.status))), status_color(p, row.status));
        register_last_item(ctx, id + ".status");
        if (r.priority != core::ReferralPriority::Routine) {
            ImGui::SameLine();
            badge(ctx, ctx.tr("ws.priority." + std::string(core::referral_priority_code(r.priority))), p.urgent);
        }
        const bool open = m_open_referral == r.id;
        if (small_button(ctx, id + ".open", ctx.tr(open ? "ws.hide" : "ws.inbox.open"))) {
            m_open_referral = open ? "" : r.id;
            m_reason_choice = 0;
            sodium_memzero(m_reason_text.data(), m_reason_text.size());
        }
        if (open) draw_incoming(ctx, r);
        end_group(ctx);
        end_card();
    }
    draw_capacity(ctx);
}

void Workspace::draw_incoming(Context& ctx, const core::Referral& r) {
    const Palette& p = *ctx.palette;
    // What the clinic shared, in the order an intake worker reads it.
    std::string needs;
    for (const core::ReferralNeed& need : r.needs) needs += (needs.empty() ? "" : ", ") + std::string(ctx.tr("domain." + need.domain));
    paragraph(ctx, (std::string(ctx.tr("ws.refer.needs")) + ": " + needs).c_str(), ctx.fonts.body, p.text);
    for (const core::ReferralService& s : r.services)
        paragraph(ctx, ("• " + s.name + (s.address.empty() ? "" : "  ·  " + s.address)).c_str(), ctx.fonts.small, p.text);
    if (!r.patient.phone.empty()) paragraph(ctx, (std::string(ctx.tr("ws.person.phone")) + ": " + r.patient.phone).c_str(), ctx.fonts.small, p.text);
    if (!r.patient.email.empty()) paragraph(ctx, (std::string(ctx.tr("ws.person.email")) + ": " + r.patient.email).c_str(), ctx.fonts.small, p.text);
    if (!r.patient.preferred_contact.empty())
        paragraph(ctx, (std::string(ctx.tr("ws.person.contact")) + ": " + ctx.tr("ws.person.contact." + r.patient.preferred_contact)).c_str(),
                  ctx.fonts.small, p.text);
    if (!r.patient.language.empty()) paragraph(ctx, (std::string(ctx.tr("ws.person.language")) + ": " + r.patient.language).c_str(), ctx.fonts.small, p.text);
    if (r.patient.do_not_contact) paragraph(ctx, ctx.tr("ws.inbox.do_not_contact"), ctx.fonts.bold, p.urgent);
    if (!r.note.empty()) paragraph(ctx, (std::string(ctx.tr("ws.refer.note")) + ": " + r.note).c_str(), ctx.fonts.small, p.text);
    paragraph(ctx, (std::string(ctx.tr("ws.refer.consent")) + ": " + r.consent.scope).c_str(), ctx.fonts.small, p.text_muted);
    draw_history(ctx, r);

    // What can happen next: only the moves the SDOHCC rules allow the performer from here.
    using S = core::TaskStatus;
    const S from = r.status();
    const auto allowed = [&](S to) { return core::transition_allowed(from, to, core::ReferralActor::Performer); };
    const std::vector<const core::ReferralOutcome*> outcomes = [&] {
        std::vector<const core::ReferralOutcome*> out;
        for (const core::ReferralOutcome& o : core::referral_outcomes()) out.push_back(&o);
        return out;
    }();
    if (allowed(S::Accepted) || allowed(S::InProgress) || allowed(S::Completed) || allowed(S::Rejected) || allowed(S::Failed)) {
        section_title(ctx, ctx.tr("ws.inbox.act"));
        std::vector<std::string> choices{ctx.tr("ws.inbox.no_outcome")};
        for (const core::ReferralOutcome* o : outcomes) choices.emplace_back(ctx.tr("ws.outcome." + std::string(o->code)));
        choice(ctx, "inbox.outcome", ctx.tr("ws.inbox.outcome"), choices, &m_reason_choice, 420 * ctx.scale);
        text_field(ctx, "inbox.reason", ctx.tr("ws.inbox.reason"), m_reason_text.data(), m_reason_text.size());
        struct Action {
            S to;
            const char* id;
            const char* key;
        };
        static const Action actions[] = {{S::Accepted, "act.accept", "ws.act.accept"},
                                         {S::InProgress, "act.in_progress", "ws.act.in_progress"},
                                         {S::OnHold, "act.on_hold", "ws.act.on_hold"},
                                         {S::Completed, "act.complete", "ws.act.complete"},
                                         {S::Rejected, "act.decline", "ws.act.decline"},
                                         {S::Failed, "act.failed", "ws.act.failed"}};
        bool first = true;
        for (const Action& a : actions) {
            if (!allowed(a.to)) continue;
            if (!first) ImGui::SameLine();
            first = false;
            if (small_button(ctx, a.id, ctx.tr(a.key))) record(ctx, r.id, a.to);
        }
    }
    ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
    if (r.requester.card) {
        if (small_button(ctx, "inbox.send", ctx.tr("ws.inbox.send"))) send_update(ctx, r.id);
    } else {
        paragraph(ctx, ctx.tr("ws.inbox.no_clinic_key"), ctx.fonts.small, p.urgent);
    }
}

// A status change made here: by the organization on an incoming referral, or by the clinic
// cancelling its own. The rules, time order and outcome fit are checked by the core.
void Workspace::record(Context& ctx, std::string id, core::TaskStatus status) {
    core::StatusEvent e;
    e.status = status;
    e.at = now();
    if (m_role == WorkspaceRole::Organization && m_reason_choice > 0) {
        const auto& outcomes = core::referral_outcomes();
        if (static_cast<std::size_t>(m_reason_choice) <= outcomes.size()) e.outcome = outcomes[m_reason_choice - 1].code;
    }
    e.reason = m_reason_text.data();
    if (e.reason.empty() && !e.outcome.empty()) e.reason = core::find_referral_outcome(e.outcome)->display;
    try {
        core::record_referral_status(m_session.store(), id, e, actor());
        changed();
        set_message(ctx.i18n.format("ws.recorded", {{"status", ctx.tr("ws.status." + std::string(core::task_status_code(status)))}}), false);
        m_reason_choice = 0;
        sodium_memzero(m_reason_text.data(), m_reason_text.size());
    } catch (const core::Error& err) {
        set_message(err.what(), true);
    }
}

void Workspace::send_update(Context& ctx, std::string id) {
    core::Store& store = m_session.store();
    try {
        const core::SealedBundle b = core::export_status_update(store, id, store.key_sets().front(), true, now(), actor());
        const core::Referral* r = store.referral(id);
        const std::string status = r ? std::string(core::task_status_code(r->status())) : "update";
        m_platform.save_file("status-" + status + "-" + id.substr(0, 8) + ".age", core::to_string(b.file), "application/octet-stream");
        changed();
        set_message(ctx.tr("ws.inbox.sent"), false);
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

}  // namespace safetynet::ui
