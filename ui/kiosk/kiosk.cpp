#include "ui/kiosk/kiosk.hpp"

#include "core/screening/translation_provenance.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace safetynet::ui {

Kiosk::Kiosk(std::shared_ptr<const core::Questionnaire> questionnaire, const SiteConfig& site)
    : m_site(site), m_flow(std::move(questionnaire), site.ask_location) {}

void Kiosk::draw(Context& ctx, DisplaySettings& display) {
    const double now = ctx.platform.now_seconds();
    m_drawn_at = now;
    m_redraw_after_wipe = false;
    ctx.form_language = form_language(ctx);
    if (const std::string key = screen_key(); key != m_announced_screen) {
        m_announced_screen = key;
        announce_screen(ctx);
    }
    switch (m_flow.step()) {
        case KioskStep::Welcome: break;  // the App draws the welcome screen
        case KioskStep::Privacy: draw_privacy(ctx); break;
        case KioskStep::Question: draw_question(ctx); break;
        case KioskStep::Review: draw_review(ctx); break;
        case KioskStep::Location: draw_location(ctx); break;
        case KioskStep::Results: draw_results(ctx); break;
        case KioskStep::Share: draw_share(ctx); break;
        case KioskStep::Finished: draw_finished(ctx, display); break;
    }
    if (m_confirm_finish) draw_finish_confirm(ctx, display);
    if (m_finish_requested) {
        m_finish_requested = false;
        finish_and_clear(ctx, display);
    }
    if (session_active()) draw_idle_warning(ctx, display, now);
    ctx.form_language.clear();
}

std::string Kiosk::form_language(const Context& ctx) {
    const core::Questionnaire& q = m_flow.questionnaire();
    const bool validated_only = m_site.instrument_translations == "validated-only";
    const auto wording = core::translation_provenance(q, ctx.i18n.language());
    m_translation_withheld = validated_only && wording && !wording->validated();
    m_untranslated = !wording;
    return core::screening_language(q, ctx.i18n.language(), validated_only);
}

std::string Kiosk::screen_key() const {
    std::string key = kiosk_step_id(m_flow.step());
    if (m_flow.step() == KioskStep::Question) key += ":" + std::to_string(m_flow.current_item());
    return key;
}

void Kiosk::announce_screen(Context& ctx) {
    const std::string& lang = ctx.i18n.language();
    switch (m_flow.step()) {
        case KioskStep::Question: {
            const core::Item& it = m_flow.questionnaire().item(m_flow.current_item());
            const std::string& form = ctx.form_lang();
            std::string text = it.prefix.in(form).empty() ? it.text.in(form) : it.prefix.in(form) + " " + it.text.in(form);
            if (m_flow.position() > 0)
                text = ctx.i18n.format("kiosk.announce.question", {{"n", std::to_string(m_flow.position())},
                                                                    {"total", std::to_string(m_flow.question_count())},
                                                                    {"text", text}});
            // The first question says once why the questions are not in the person's language.
            if (m_flow.position() <= 1 && (m_translation_withheld || m_untranslated))
                text = std::string(ctx.tr(m_translation_withheld ? "kiosk.form.english" : "kiosk.form.untranslated")) + " " + text;
            ctx.semantics.announce(std::move(text));
            break;
        }
        case KioskStep::Results: {
            const core::ScreeningResult* r = m_flow.result();
            if (r && r->urgent) {
                // An urgent need: the crisis card's words and numbers, at once (assertive).
                std::string text = std::string(ctx.tr("kiosk.results.urgent_title")) + ". " +
                                   SiteConfig::pick(m_site.crisis_message, lang);
                for (const CrisisLine& line : m_site.crisis_lines)
                    text += " " + SiteConfig::pick(line.label, lang) + ": " + line.number + ".";
                ctx.semantics.announce(std::move(text), Announcement::Politeness::Assertive);
            } else {
                ctx.semantics.announce(ctx.tr("kiosk.results.title"));
            }
            break;
        }
        case KioskStep::Privacy: ctx.semantics.announce(ctx.tr("kiosk.privacy.title")); break;
        case KioskStep::Review: ctx.semantics.announce(ctx.tr("kiosk.review.title")); break;
        case KioskStep::Location: ctx.semantics.announce(ctx.tr("kiosk.location.title")); break;
        case KioskStep::Share: ctx.semantics.announce(ctx.tr("kiosk.share.title")); break;
        case KioskStep::Finished: ctx.semantics.announce(ctx.tr("kiosk.finished.lead")); break;
        case KioskStep::Welcome: ctx.semantics.announce(ctx.tr("welcome.title")); break;
    }
}

void Kiosk::wipe(Context& ctx, DisplaySettings& display) {
    m_flow.wipe();
    sodium_memzero(m_number.data(), m_number.size());
    m_number.clear();
    sodium_memzero(m_zip_entry.data(), m_zip_entry.size());
    m_zip_entry.clear();
    m_share_status = ShareStatus::None;
    sodium_memzero(m_pickup_code.data(), m_pickup_code.size());
    m_pickup_code.clear();
    m_finished_at = -1;
    m_finish_requested = false;
    m_confirm_finish = false;
    m_show_qr = false;
    m_no_voice.clear();
    m_idle_announced = -1;
    for (auto& [key, cards] : m_services)
        for (ServiceCard& c : cards)
            for (std::string* s : {&c.name, &c.description, &c.address, &c.phone, &c.hours, &c.languages, &c.distance})
                sodium_memzero(s->data(), s->size());
    m_services.clear();
    ctx.platform.stop_speaking();
    // Whatever was typed and queued through the page goes too (text fields' copies, the focus).
    ctx.actions.wipe();
    // The next person starts from the site's defaults, not this person's choices.
    display = m_display_defaults;
    // The frame that wiped drew this session: one more frame must replace it on the screen and in
    // the page's mirror (an idle wipe has no input to wake the draw-on-demand loop).
    m_redraw_after_wipe = true;
    ctx.i18n.set_language("en");
}

void Kiosk::share_stored(bool ok) {
    if (ok || m_share_status != ShareStatus::Done) return;
    m_share_status = ShareStatus::Failed;
    sodium_memzero(m_pickup_code.data(), m_pickup_code.size());
    m_pickup_code.clear();
}

double Kiosk::redraw_due_at(double now) const {
    if (m_redraw_after_wipe) return now;
    if (!session_active()) return std::numeric_limits<double>::infinity();
    // Past the moment, by a hair: the screens compare with ">" (kiosk_share.cpp).
    constexpr double kAfter = 1e-3;
    if (m_flow.step() == KioskStep::Finished) return m_finished_at + kThanksSeconds + kAfter;
    // The first change after the last frame drawn: the warning appearing, then its countdown's
    // whole seconds (draw_idle_warning shows ceil(left)), then the wipe when the time is up.
    const double warn_at = m_last_input + m_site.idle_timeout_seconds;
    if (m_drawn_at < warn_at) return warn_at;
    const double end = warn_at + m_site.idle_warning_seconds;
    if (m_drawn_at >= end) return now;
    return end - (std::ceil(end - m_drawn_at) - 1.0) + kAfter;
}

nlohmann::json Kiosk::state() const {
    nlohmann::json s{{"step", kiosk_step_id(m_flow.step())}};
    if (m_flow.step() == KioskStep::Question) {
        // The linkId, with the instance of a repeating group it is in ("name#2").
        s["item"] = m_flow.questionnaire().item(m_flow.current_item()).link_id +
                    m_flow.questionnaire().instance_key(m_flow.current_item());
        s["position"] = m_flow.position();
        s["count"] = m_flow.question_count();
    }
    if (const core::ScreeningResult* r = m_flow.result()) {
        nlohmann::json needs = nlohmann::json::array();
        for (const auto& n : r->needs)
            if (n.positive) needs.push_back(n.domain);
        s["needs"] = std::move(needs);
        s["urgent"] = r->urgent;
    }
    if (m_flow.step() == KioskStep::Review) s["answered"] = m_flow.response().answered_link_ids();
    s["shared"] = m_flow.shared();
    s["qr"] = m_show_qr;
    s["confirm_finish"] = m_confirm_finish;
    s["share_status"] = m_share_status == ShareStatus::Done ? "done" : m_share_status == ShareStatus::Failed ? "failed" : "none";
    return s;
}

}  // namespace safetynet::ui
