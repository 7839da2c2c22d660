#include "ui/kiosk/kiosk_flow.hpp"

#include <sodium.h>

#include <algorithm>

namespace safetynet::ui {

const char* kiosk_step_id(KioskStep s) {
    switch (s) {
        case KioskStep::Welcome: return "welcome";
        case KioskStep::Privacy: return "privacy";
        case KioskStep::Question: return "question";
        case KioskStep::Review: return "review";
        case KioskStep::Location: return "location";
        case KioskStep::Results: return "results";
        case KioskStep::Share: return "share";
        case KioskStep::Finished: return "finished";
    }
    return "unknown";
}

KioskFlow::KioskFlow(std::shared_ptr<const core::Questionnaire> questionnaire, bool ask_location)
    : m_response(std::move(questionnaire)), m_ask_location(ask_location),
      m_seen(m_response.questionnaire().items().size(), 0) {}

std::vector<std::size_t> KioskFlow::questions() const {
    std::vector<std::size_t> out;
    for (const core::FlowStep& s : m_response.flow()) out.push_back(s.item);
    return out;
}

void KioskFlow::start() {
    if (m_step == KioskStep::Welcome) m_step = KioskStep::Privacy;
}

void KioskFlow::accept_privacy() {
    if (m_step != KioskStep::Privacy) return;
    const auto qs = questions();
    if (qs.empty()) {
        m_step = KioskStep::Review;
        return;
    }
    m_item = qs.front();
    m_seen[m_item] = 1;
    m_step = KioskStep::Question;
}

void KioskFlow::next() {
    if (m_step != KioskStep::Question) return;
    const auto qs = questions();
    auto it = std::find(qs.begin(), qs.end(), m_item);
    // The current question is always enabled (enableWhen cannot depend on itself); if an
    // imported form made it vanish anyway, continue from the start of the list.
    auto from = it == qs.end() ? qs.begin() : std::next(it);
    if (m_from_review) {
        from = std::find_if(from, qs.end(), [&](std::size_t i) { return !m_seen[i]; });
        if (from == qs.end()) {
            m_from_review = false;
            m_step = KioskStep::Review;
            return;
        }
    }
    if (from == qs.end()) {
        m_step = KioskStep::Review;
        return;
    }
    m_item = *from;
    m_seen[m_item] = 1;
}

void KioskFlow::back() {
    switch (m_step) {
        case KioskStep::Privacy: m_step = KioskStep::Welcome; break;
        case KioskStep::Question: {
            if (m_from_review) {
                m_from_review = false;
                m_step = KioskStep::Review;
                break;
            }
            const auto qs = questions();
            const auto it = std::find(qs.begin(), qs.end(), m_item);
            if (it == qs.begin() || it == qs.end()) {
                m_step = KioskStep::Privacy;
            } else {
                m_item = *std::prev(it);
            }
            break;
        }
        case KioskStep::Review: {
            const auto qs = questions();
            if (qs.empty()) {
                m_step = KioskStep::Privacy;
            } else {
                m_item = qs.back();
                m_step = KioskStep::Question;
            }
            break;
        }
        case KioskStep::Location: m_step = KioskStep::Review; break;
        case KioskStep::Results: m_step = m_ask_location ? KioskStep::Location : KioskStep::Review; break;
        case KioskStep::Share: m_step = KioskStep::Results; break;
        case KioskStep::Welcome:
        case KioskStep::Finished: break;
    }
}

void KioskFlow::change_answer(std::size_t item) {
    if (m_step != KioskStep::Review || !m_response.enabled(item)) return;
    m_item = item;
    m_from_review = true;
    m_step = KioskStep::Question;
}

void KioskFlow::finish_review() {
    if (m_step != KioskStep::Review) return;
    if (m_ask_location) {
        m_step = KioskStep::Location;
    } else {
        show_results();
    }
}

void KioskFlow::set_location(std::string zip) {
    if (m_step != KioskStep::Location) return;
    sodium_memzero(m_zip.data(), m_zip.size());
    m_zip = std::move(zip);
    show_results();
}

void KioskFlow::show_results() {
    m_result = core::score(m_response, m_response.questionnaire().id());
    m_step = KioskStep::Results;
}

void KioskFlow::open_share() {
    if (m_step == KioskStep::Results) m_step = KioskStep::Share;
}

void KioskFlow::close_share() {
    if (m_step == KioskStep::Share) m_step = KioskStep::Results;
}

void KioskFlow::finish() { m_step = KioskStep::Finished; }

void KioskFlow::follow(const core::Questionnaire::Reindex& r) {
    std::vector<char> seen(questionnaire().items().size(), 0);
    for (std::size_t i = 0; i < m_seen.size() && i < r.old_to_new.size(); ++i)
        if (r.old_to_new[i] < seen.size()) seen[r.old_to_new[i]] = m_seen[i];
    m_seen = std::move(seen);
}

void KioskFlow::add_instance(std::size_t group) {
    if (m_step != KioskStep::Question) return;
    const core::Questionnaire::Reindex r = m_response.add_instance(group);
    follow(r);
    m_item = r.old_to_new[m_item];
    for (const std::size_t i : questions())
        if (i >= r.first && i < r.first + r.count) {
            m_item = i;
            m_seen[i] = 1;
            break;
        }
}

void KioskFlow::remove_instance(std::size_t group) {
    if (m_step != KioskStep::Question) return;
    std::optional<std::size_t> before;  // the question before the instance, in the flow
    for (const std::size_t i : questions())
        if (i < group) before = i;
    const std::size_t on_screen = m_item;
    const core::Questionnaire::Reindex r = m_response.remove_instance(group);
    follow(r);
    if (r.old_to_new[on_screen] < m_seen.size()) {
        m_item = r.old_to_new[on_screen];
    } else if (before) {
        m_item = r.old_to_new[*before];
    } else {
        const auto qs = questions();
        m_item = qs.empty() ? 0 : qs.front();
    }
}

// Only questions count: an introduction (a display item, e.g. before the safety questions) is
// not "Question 7 of 11", and the count then agrees with the questions' own numbers.
std::size_t KioskFlow::position() const {
    if (!questionnaire().item(m_item).is_question()) return 0;
    std::size_t n = 0;
    for (std::size_t i : questions()) {
        if (questionnaire().item(i).is_question()) ++n;
        if (i == m_item) return n;
    }
    return 0;
}

std::size_t KioskFlow::question_count() const {
    std::size_t n = 0;
    for (std::size_t i : questions()) n += questionnaire().item(i).is_question() ? 1 : 0;
    return n;
}

namespace {
void wipe_string(std::string& s) {
    sodium_memzero(s.data(), s.size());
    s.clear();
}
}  // namespace

void KioskFlow::wipe() {
    m_response.wipe();
    if (m_result) {
        // The evidence repeats the answers: overwrite it too before it is freed.
        for (auto& need : m_result->needs)
            for (auto& ev : need.evidence)
                for (auto& v : ev.answers) {
                    wipe_string(v.string);
                    wipe_string(v.coding.code);
                    wipe_string(v.coding.display);
                }
    }
    sodium_memzero(m_zip.data(), m_zip.size());
    m_zip.clear();
    m_zip.shrink_to_fit();
    m_result.reset();
    std::fill(m_seen.begin(), m_seen.end(), 0);
    m_from_review = false;
    m_shared = false;
    m_item = 0;
    m_step = KioskStep::Welcome;
}

}  // namespace safetynet::ui
