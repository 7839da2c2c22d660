// Issue 15: follow-up that nobody forgets: expected-response dates, "needs follow-up today",
// recorded calls, the calendar file without names, and what the take-home list says.
#include "core/actions/follow_up_list.hpp"
#include "core/actions/store_actions.hpp"
#include "core/base/error.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;

namespace {

// An outgoing referral sent on `sent` (09:00 UTC), routine unless said.
Referral sent_referral(const std::string& sent, ReferralPriority priority = ReferralPriority::Routine,
                       const std::string& org = "Westside Food Bank") {
    static const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result, sent + "T09:00:00Z", org);
    r.priority = priority;
    return r;
}

FollowUpReason reason_of(const StoreData& d, const std::string& id, const std::string& today) {
    for (const FollowUpRow& row : follow_up_list(d, today))
        if (row.referral->id == id) return row.state.reason;
    return FollowUpReason::None;
}

}  // namespace

TEST_CASE("follow-up: the expected-response date comes from the priority and the site's settings") {
    ResponseDays days;  // routine 7, urgent 2
    CHECK(expected_response_date(sent_referral("2026-03-02"), days) == "2026-03-09");
    CHECK(expected_response_date(sent_referral("2026-03-02", ReferralPriority::Urgent), days) == "2026-03-04");
    days.routine = 10;
    CHECK(expected_response_date(sent_referral("2026-03-02"), days) == "2026-03-12");
    // Kept on the referral when it is stored: a later change of settings does not move it.
    Store store = safetynet::test::create_store("follow up passphrase");
    Referral r = sent_referral("2026-03-02");
    const std::string id = r.id;
    store_add_referral(store, r, "nurse");
    CHECK(store.referral(id)->expected_response == "2026-03-09");
    store.settings().response_days.routine = 30;
    CHECK(expected_response_date(*store.referral(id), store.settings().response_days) == "2026-03-09");
}

TEST_CASE("follow-up: an unanswered referral needs a call the day after its date, not before") {
    StoreData d;
    Referral r = sent_referral("2026-03-02");  // expected 2026-03-09
    d.referrals[r.id] = r;
    CHECK(reason_of(d, r.id, "2026-03-09") == FollowUpReason::None);  // the organization has all of that day
    CHECK(reason_of(d, r.id, "2026-03-10") == FollowUpReason::NoAnswer);
    // A call "not yet, call again on the 13th" takes it off the list until then.
    record_follow_up(d.referrals[r.id], {"2026-03-10T10:00:00Z", "nurse", "not-yet", "left a message", "2026-03-13"});
    CHECK(reason_of(d, r.id, "2026-03-12") == FollowUpReason::None);
    CHECK(reason_of(d, r.id, "2026-03-13") == FollowUpReason::CallAgain);
    // "Connected": the person is in touch with the organization; nothing more to follow.
    record_follow_up(d.referrals[r.id], {"2026-03-13T10:00:00Z", "nurse", "connected", "", ""});
    CHECK(reason_of(d, r.id, "2026-04-30") == FollowUpReason::None);
    CHECK(follow_up_state(d.referrals[r.id], {}, "2026-04-30", {}, 14).closed);
}

TEST_CASE("follow-up: overdue after acceptance, declined without another referral, and the replacement") {
    using safetynet::test::event;
    StoreData d;
    Referral accepted = sent_referral("2026-03-02");
    record_status(accepted, event(TaskStatus::Accepted, "2026-03-03T09:00:00Z"));
    d.referrals[accepted.id] = accepted;
    CHECK(reason_of(d, accepted.id, "2026-03-16") == FollowUpReason::None);   // 13 days without news
    CHECK(reason_of(d, accepted.id, "2026-03-17") == FollowUpReason::Overdue);  // 14

    Referral declined = sent_referral("2026-03-02", ReferralPriority::Routine, "Harbor Food Pantry");
    declined.screening_id = "screening-1";
    record_status(declined, event(TaskStatus::Rejected, "2026-03-04T09:00:00Z", "no-capacity"));
    d.referrals[declined.id] = declined;
    CHECK(reason_of(d, declined.id, "2026-03-04") == FollowUpReason::Declined);
    // A new referral from the same screening for the same need closes it.
    Referral again = sent_referral("2026-03-05", ReferralPriority::Routine, "Eastside Pantry");
    again.screening_id = "screening-1";
    d.referrals[again.id] = again;
    CHECK(reason_of(d, declined.id, "2026-03-06") == FollowUpReason::None);
    CHECK(follow_up_state(declined, {&declined, &d.referrals[again.id]}, "2026-03-06", {}, 14).closed);
    // Completed ones never need a call.
    Referral done = sent_referral("2026-03-02");
    record_status(done, event(TaskStatus::Accepted, "2026-03-03T09:00:00Z"));
    record_status(done, event(TaskStatus::Completed, "2026-03-04T09:00:00Z", "got-help"));
    CHECK(follow_up_state(done, {}, "2026-06-01", {}, 14).closed);
}

TEST_CASE("follow-up: a call is checked before it is kept") {
    Referral r = sent_referral("2026-03-02");
    CHECK_THROWS_WITH_AS(record_follow_up(r, {"2026-03-10T10:00:00Z", "", "maybe", "", ""}), doctest::Contains("unknown outcome"), Error);
    CHECK_THROWS_WITH_AS(record_follow_up(r, {"2026-03-01T10:00:00Z", "", "not-yet", "", ""}), doctest::Contains("before"), Error);
    CHECK_THROWS_WITH_AS(record_follow_up(r, {"2026-03-10T10:00:00Z", "", "not-yet", "", "2026-03-09"}), doctest::Contains("next"), Error);
    CHECK(r.follow_ups.empty());
    // Recorded calls survive the store's JSON, and an incoming referral takes none.
    record_follow_up(r, {"2026-03-10T10:00:00Z", "nurse", "not-yet", "voicemail", "2026-03-12"});
    const Referral back = referral_from_json(referral_to_json(r));
    REQUIRE(back.follow_ups.size() == 1);
    CHECK(back.follow_ups[0].next == "2026-03-12");
    CHECK(back.follow_ups[0].note == "voicemail");
}

TEST_CASE("follow-up: the calendar carries referral numbers and organizations, never the person") {
    StoreData d;
    Referral r = sent_referral("2026-03-02");
    r.organization.name = "Westside; Food, Bank";
    d.referrals[r.id] = r;
    const std::string ics = follow_up_calendar(d, "2026-03-05", "2026-03-05T08:00:00Z");
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(ics.find("UID:" + r.id + "@follow-up.safetynet\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART;VALUE=DATE:20260309\r\n") != std::string::npos);
    CHECK(ics.find("Westside\\; Food\\, Bank") != std::string::npos);  // RFC 5545 TEXT escaping
    CHECK(ics.find(r.patient.name) == std::string::npos);
    CHECK(ics.find("Testperson") == std::string::npos);
    CHECK(ics.find(r.patient.phone) == std::string::npos);
    CHECK(ics.find("food") == std::string::npos);
    for (std::size_t at = 0, end; (end = ics.find("\r\n", at)) != std::string::npos; at = end + 2) CHECK(end - at <= 75);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
}

TEST_CASE("follow-up: what happens next, for the take-home list") {
    Referral r = sent_referral("2026-03-02", ReferralPriority::Urgent);
    NextStep n = what_happens_next(r, {});
    CHECK(n.organization == "Westside Food Bank");
    CHECK(n.organization_calls);
    CHECK(n.by == "2026-03-04");
    CHECK(n.clinic_calls_on == "2026-03-05");
    r.patient.do_not_contact = true;
    CHECK_FALSE(what_happens_next(r, {}).organization_calls);
}
