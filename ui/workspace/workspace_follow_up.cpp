// Follow-up that nobody forgets: the tracker opens on the referrals that need a call today
// (no answer by the expected date, overdue, declined without another referral, a call-back
// date that has come), a call is recorded in two clicks, the coming follow-ups download as a
// calendar file without names, and the person's take-home list says what happens next.
#include "core/actions/follow_up_list.hpp"
#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

namespace safetynet::ui {

void Workspace::draw_follow_up(Context& ctx) {
    const Palette& p = *ctx.palette;
    const core::StoreData& data = m_session.store().data();
    const std::vector<core::FollowUpRow> due = core::follow_up_list(data, today());
    section_title(ctx, ctx.i18n.format("ws.follow.title", {{"n", std::to_string(due.size())}}).c_str());
    register_last_item(ctx, "follow.title");
    if (due.empty()) paragraph(ctx, ctx.tr("ws.follow.none"), ctx.fonts.body, p.text_muted);
    std::size_t n = 0;
    for (const core::FollowUpRow& row : due) {
        const core::Referral& r = *row.referral;
        const std::string id = "follow." + std::to_string(n++);
        begin_card(ctx, id, &p.urgent);
        paragraph(ctx, (r.organization.name + "  ·  " + r.patient.name).c_str(), ctx.fonts.bold, p.text);
        const std::string reason(core::follow_up_reason_code(row.state.reason));
        badge(ctx, ctx.tr("ws.follow.reason." + reason), p.urgent);
        register_last_item(ctx, id + ".reason");
        ImGui::SameLine();
        std::string detail = ctx.i18n.format("ws.follow.due", {{"date", row.state.due}});
        if (!r.patient.phone.empty()) detail += "  ·  " + r.patient.phone;
        paragraph(ctx, detail.c_str(), ctx.fonts.small, p.text_muted);
        if (!r.follow_ups.empty()) {
            const core::FollowUpCall& last = r.follow_ups.back();
            paragraph(ctx, ctx.i18n.format("ws.follow.last_call", {{"date", last.at.substr(0, 10)},
                                                              {"outcome", ctx.tr("ws.call.outcome." + last.outcome)}})
                          .c_str(),
                      ctx.fonts.small, p.text_muted);
        }
        const bool open = m_call_referral == r.id;
        if (small_button(ctx, id + ".call", ctx.tr(open ? "ws.hide" : "ws.follow.record"))) {
            m_call_referral = open ? "" : r.id;
            m_call_outcome = 0;
            sodium_memzero(m_call_note.data(), m_call_note.size());
            m_call_next = {};
        }
        if (open) draw_call_form(ctx, r.id);
        end_card();
    }
    if (small_button(ctx, "follow.calendar", ctx.tr("ws.follow.calendar")))
        m_platform.save_file("safetynet-follow-ups.ics", core::follow_up_calendar(data, today(), now()), "text/calendar");
    ImGui::SameLine();
    paragraph(ctx, ctx.tr("ws.follow.calendar_hint"), ctx.fonts.small, p.text_muted);
}

void Workspace::draw_call_form(Context& ctx, const std::string& referral_id) {
    const Palette& p = *ctx.palette;
    const auto& outcomes = core::follow_up_outcomes();
    paragraph(ctx, ctx.tr("ws.call.outcome"), ctx.fonts.small, p.text_muted);
    begin_group(ctx, "call.outcome", Role::RadioGroup, ctx.tr("ws.call.outcome"));
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const char* label = ctx.tr(std::string("ws.call.outcome.") + outcomes[i].code);
        if (i % 3) same_line_if_fits(ctx, label);
        const std::string id = std::string("call.outcome.") + outcomes[i].code;
        if (radio(ctx, id, label, m_call_outcome == static_cast<int>(i)))
            m_call_outcome = static_cast<int>(i);
    }
    end_group(ctx);
    text_field(ctx, "call.note", ctx.tr("ws.call.note"), m_call_note.data(), m_call_note.size());
    text_field(ctx, "call.next", ctx.tr("ws.call.next"), m_call_next.data(), m_call_next.size(), 0, 140 * ctx.scale);
    if (small_button(ctx, "call.save", ctx.tr("ws.call.save"))) {
        // By value: the id may point into the store, which the recording replaces.
        const std::string id = referral_id;
        try {
            core::record_follow_up_call(m_session.store(), id,
                                        {now(), actor(), outcomes[static_cast<std::size_t>(m_call_outcome)].code,
                                         m_call_note.data(), m_call_next.data()},
                                        actor());
            sodium_memzero(m_call_note.data(), m_call_note.size());
            m_call_referral.clear();
            changed();
            set_message(ctx.tr("ws.call.saved"), false);
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
    }
}

void Workspace::print_take_home(Context& ctx, const std::vector<std::string>& referral_ids) {
    const core::Store& store = m_session.store();
    PrintDocument doc;
    doc.lang = ctx.i18n.language();
    doc.title = ctx.tr("ws.takehome.title");
    doc.intro = ctx.tr("ws.takehome.intro");
    PrintDocument::Section next{ctx.tr("ws.takehome.next"), {}};
    for (const std::string& id : referral_ids) {
        const core::Referral* r = store.referral(id);
        if (!r) continue;
        const core::NextStep step = core::what_happens_next(*r, store.data().settings.response_days);
        PrintDocument::Entry e{r->organization.name, {}};
        for (const core::ReferralService& s : r->services) e.lines.push_back(s.address.empty() ? s.name : s.name + " — " + s.address);
        e.lines.push_back(ctx.i18n.format(step.organization_calls ? "ws.takehome.org_calls" : "ws.takehome.you_call",
                                          {{"org", step.organization}, {"date", step.by}}));
        e.lines.push_back(ctx.i18n.format("ws.takehome.clinic_calls", {{"clinic", r->requester.name}, {"date", step.clinic_calls_on}}));
        e.lines.push_back(ctx.i18n.format("ws.takehome.reference", {{"ref", r->id.substr(0, 8)}}));
        next.entries.push_back(std::move(e));
    }
    doc.sections.push_back(std::move(next));
    doc.footer = ctx.tr("ws.takehome.footer");
    m_platform.print(doc);
    m_session.store().audit(actor(), "take-home-printed", std::to_string(referral_ids.size()) + " referrals");
    changed();
}

}  // namespace safetynet::ui
