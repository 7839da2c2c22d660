#include "ui/kiosk/kiosk.hpp"

#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <algorithm>

namespace safetynet::ui {

Kiosk::Kiosk(std::shared_ptr<const core::Questionnaire> questionnaire, const SiteConfig& site)
    : m_site(site), m_flow(std::move(questionnaire), site.ask_location) {}

void Kiosk::draw(Context& ctx, DisplaySettings& display) {
    const double now = ctx.platform.now_seconds();
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
    if (m_finish_requested) {
        m_finish_requested = false;
        finish_and_clear(ctx, display);
    }
    if (session_active()) draw_idle_warning(ctx, display, now);
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
    m_show_qr = false;
    for (auto& [key, cards] : m_services)
        for (ServiceCard& c : cards)
            for (std::string* s : {&c.name, &c.description, &c.address, &c.phone, &c.hours, &c.languages, &c.distance})
                sodium_memzero(s->data(), s->size());
    m_services.clear();
    ctx.platform.stop_speaking();
    // The next person starts from the site's defaults, not this person's choices.
    display = DisplaySettings{};
    ctx.i18n.set_language("en");
}

void Kiosk::share_stored(bool ok) {
    if (ok || m_share_status != ShareStatus::Done) return;
    m_share_status = ShareStatus::Failed;
    sodium_memzero(m_pickup_code.data(), m_pickup_code.size());
    m_pickup_code.clear();
}

bool Kiosk::wants_redraw(double now) const {
    if (!session_active()) return false;
    const double idle = now - m_last_input;
    return idle >= m_site.idle_timeout_seconds - 1 || m_flow.step() == KioskStep::Finished;
}

nlohmann::json Kiosk::state() const {
    nlohmann::json s{{"step", kiosk_step_id(m_flow.step())}};
    if (m_flow.step() == KioskStep::Question) {
        s["item"] = m_flow.questionnaire().item(m_flow.current_item()).link_id;
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
    s["shared"] = m_flow.shared();
    s["qr"] = m_show_qr;
    s["share_status"] = m_share_status == ShareStatus::Done ? "done" : m_share_status == ShareStatus::Failed ? "failed" : "none";
    return s;
}

}  // namespace safetynet::ui
