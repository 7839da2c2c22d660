#include "core/screening/instruments.hpp"
#include "core/screening/questionnaire.hpp"
#include "ui/kiosk/kiosk_flow.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

using safetynet::core::AnswerState;
using safetynet::core::AnswerValue;
using safetynet::core::Questionnaire;
using safetynet::ui::KioskFlow;
using safetynet::ui::KioskStep;

namespace {

std::shared_ptr<const Questionnaire> flow_questionnaire() {
    return std::make_shared<const Questionnaire>(
        Questionnaire::parse(safetynet::test::read_source_file("tests/data/kiosk/flow.json"), "flow.json"));
}

std::string on_screen(const KioskFlow& f) {
    if (f.step() != KioskStep::Question) return safetynet::ui::kiosk_step_id(f.step());
    return f.questionnaire().item(f.current_item()).link_id;
}

std::size_t idx(const KioskFlow& f, const char* link_id) { return f.response().index_of(link_id); }

}  // namespace

TEST_CASE("welcome, privacy, then one screen per enabled question, then review") {
    KioskFlow f(flow_questionnaire());
    CHECK(on_screen(f) == "welcome");
    f.next();  // nothing to go to from welcome
    CHECK(on_screen(f) == "welcome");
    f.start();
    CHECK(on_screen(f) == "privacy");
    f.accept_privacy();
    CHECK(on_screen(f) == "intro");
    CHECK(f.position() == 1);
    CHECK(f.question_count() == 4);  // car-works is hidden until car = yes
    f.next();
    CHECK(on_screen(f) == "car");
    f.next();
    CHECK(on_screen(f) == "household");
    f.next();
    CHECK(on_screen(f) == "food");
    CHECK(f.position() == 4);
    f.next();
    CHECK(on_screen(f) == "review");
}

TEST_CASE("enableWhen shows and hides screens live, also going back") {
    KioskFlow f(flow_questionnaire());
    f.start();
    f.accept_privacy();
    f.next();
    f.response().set(idx(f, "car"), AnswerValue::of_bool(true));
    f.next();
    CHECK(on_screen(f) == "car-works");
    CHECK(f.question_count() == 5);
    f.response().set(idx(f, "car-works"), AnswerValue::of_bool(false));
    f.next();
    CHECK(on_screen(f) == "household");
    f.back();
    CHECK(on_screen(f) == "car-works");
    f.back();
    CHECK(on_screen(f) == "car");
    // Changing the answer on the way back hides the follow-up screen again...
    f.response().set(idx(f, "car"), AnswerValue::of_bool(false));
    f.next();
    CHECK(on_screen(f) == "household");
    CHECK(f.question_count() == 4);
    // ...and its answer no longer counts, but comes back if the person changes their mind.
    CHECK(f.response().effective_answers(idx(f, "car-works")).empty());
    f.back();
    f.response().set(idx(f, "car"), AnswerValue::of_bool(true));
    f.next();
    CHECK(on_screen(f) == "car-works");
    CHECK(f.response().state(idx(f, "car-works")) == AnswerState::Answered);
}

TEST_CASE("back from the first question returns to privacy, and from privacy to welcome") {
    KioskFlow f(flow_questionnaire());
    f.start();
    f.accept_privacy();
    f.back();
    CHECK(on_screen(f) == "privacy");
    f.back();
    CHECK(on_screen(f) == "welcome");
}

TEST_CASE("changing an answer from review returns to review, through any screen it enables") {
    KioskFlow f(flow_questionnaire());
    f.start();
    f.accept_privacy();
    for (int i = 0; i < 4; ++i) f.next();
    REQUIRE(on_screen(f) == "review");

    f.change_answer(idx(f, "household"));
    CHECK(on_screen(f) == "household");
    CHECK(f.from_review());
    f.response().set(idx(f, "household"), AnswerValue::of_integer(4));
    f.next();
    CHECK(on_screen(f) == "review");

    f.change_answer(idx(f, "car"));
    f.response().set(idx(f, "car"), AnswerValue::of_bool(true));
    f.next();
    CHECK(on_screen(f) == "car-works");  // new, never seen: asked before review
    f.next();
    CHECK(on_screen(f) == "review");     // household and food were seen already

    f.change_answer(idx(f, "food"));
    f.back();  // back from a change goes straight back to review
    CHECK(on_screen(f) == "review");
    f.back();  // back from review: the last question
    CHECK(on_screen(f) == "food");
}

TEST_CASE("location then results: the AHC HRSN is scored, and wipe leaves nothing") {
    KioskFlow f(safetynet::core::load_builtin_instrument("ahc-hrsn"));
    f.start();
    f.accept_privacy();
    f.response().set("71802-3", AnswerValue::of_coding("http://loinc.org", "LA31995-6"));  // no steady place
    f.response().decline("88122-7");
    for (std::size_t guard = 0; f.step() == KioskStep::Question && guard < 100; ++guard) f.next();
    REQUIRE(on_screen(f) == "review");
    f.finish_review();
    CHECK(on_screen(f) == "location");
    f.set_location("97201");
    REQUIRE(on_screen(f) == "results");
    REQUIRE(f.result() != nullptr);
    bool homeless = false;
    for (const auto& n : f.result()->needs)
        if (n.domain == "homelessness") homeless = n.positive;
    CHECK(homeless);
    CHECK(f.zip() == "97201");
    f.open_share();
    CHECK(on_screen(f) == "share");
    f.close_share();
    f.mark_shared();
    f.finish();
    CHECK(on_screen(f) == "finished");

    f.wipe();
    CHECK(on_screen(f) == "welcome");
    CHECK(f.zip().empty());
    CHECK(f.result() == nullptr);
    CHECK_FALSE(f.shared());
    CHECK(f.response().state(f.response().index_of("71802-3")) == AnswerState::Unanswered);
    CHECK(f.response().state(f.response().index_of("88122-7")) == AnswerState::Unanswered);
}

TEST_CASE("without a location step, review goes straight to results") {
    KioskFlow f(flow_questionnaire(), /*ask_location=*/false);
    f.start();
    f.accept_privacy();
    for (int i = 0; i < 4; ++i) f.next();
    f.finish_review();
    CHECK(on_screen(f) == "results");
    f.back();
    CHECK(on_screen(f) == "review");
}
