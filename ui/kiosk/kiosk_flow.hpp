#pragma once
// The kiosk's journey as a state machine, separate from drawing so it can be tested on its
// own: welcome → privacy → one screen per question → review → location → results, with the
// share and finish steps after. Questions come from the Response's flow(), recomputed after
// every answer, so enableWhen shows and hides screens live, also when the person goes back.
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"

#include <memory>
#include <optional>
#include <string>

namespace safetynet::ui {

enum class KioskStep { Welcome, Privacy, Question, Review, Location, Results, Share, Finished };
const char* kiosk_step_id(KioskStep s);

class KioskFlow {
public:
    explicit KioskFlow(std::shared_ptr<const core::Questionnaire> questionnaire, bool ask_location = true);

    KioskStep step() const { return m_step; }
    core::Response& response() { return m_response; }
    const core::Response& response() const { return m_response; }
    const core::Questionnaire& questionnaire() const { return m_response.questionnaire(); }

    // --- moving on and back
    void start();             // Welcome → Privacy
    void accept_privacy();    // Privacy → the first question (or Review when there is none)
    // Question → the next enabled question; after the last, Review. When the person came from
    // Review to change an answer, the next screen is the next question they have not seen
    // yet (one the change just enabled), else Review again.
    void next();
    // Question → the previous enabled question (the first goes back to Privacy); Review → the
    // last question; Location → Review; Results → Location (or Review).
    void back();
    void change_answer(std::size_t item);  // Review → that question
    void finish_review();                  // Review → Location (or Results)
    void set_location(std::string zip);    // Location → Results (an empty zip: the site's place)
    void open_share();                     // Results → Share (consent to send to the care team)
    void close_share();                    // Share → Results
    void finish();                         // → Finished ("thank you", then the app wipes)
    // A repeating group's instances ("Add another", "Remove"): a new instance's first question
    // comes up next; removing the instance on screen goes back to the question before it.
    void add_instance(std::size_t group);
    void remove_instance(std::size_t group);

    // --- the question on screen
    std::size_t current_item() const { return m_item; }
    std::size_t position() const;     // 1-based among the questions enabled now; 0 on a display item
    std::size_t question_count() const;  // the questions enabled now (display items not counted)
    bool from_review() const { return m_from_review; }

    // --- results, computed when the flow reaches Results
    const core::ScreeningResult* result() const { return m_result ? &*m_result : nullptr; }
    const std::string& zip() const { return m_zip; }
    bool shared() const { return m_shared; }
    void mark_shared() { m_shared = true; }

    // Everything the person entered is gone; back to Welcome. Overwrites text before freeing.
    void wipe();

private:
    std::vector<std::size_t> questions() const;  // enabled questions and displays, in order
    void show_results();
    void follow(const core::Questionnaire::Reindex& r);  // m_item and m_seen after a change of instances

    core::Response m_response;
    bool m_ask_location = true;
    KioskStep m_step = KioskStep::Welcome;
    std::size_t m_item = 0;
    bool m_from_review = false;
    std::vector<char> m_seen;  // per item: shown to the person in this session
    std::string m_zip;
    std::optional<core::ScreeningResult> m_result;
    bool m_shared = false;
};

}  // namespace safetynet::ui
