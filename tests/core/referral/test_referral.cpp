// The referral model: creation, checks, status recording, JSON round trip.
#include "core/referral/referral.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <set>
#include <vector>

using namespace safetynet::core;
using safetynet::test::event;
using safetynet::test::kind_of;

TEST_CASE("referral: new_referral fills ids, time and the first status") {
    const safetynet::test::SampleScreening sc;
    const Referral r = safetynet::test::sample_referral(sc.result);
    CHECK(r.id.size() == 36);
    CHECK(r.id != r.service_request_id);
    CHECK(r.patient_id != r.consent_id);
    CHECK(r.requester.fhir_id.size() == 36);
    CHECK(r.organization.fhir_id.size() == 36);
    CHECK(r.direction == ReferralDirection::Outgoing);
    CHECK(r.created == "2025-06-01T14:30:00Z");
    REQUIRE(r.history.size() == 1);
    CHECK(r.status() == TaskStatus::Requested);
    CHECK(r.last_event().by == ReferralActor::Requester);
    // The needs are the screening's positive domains only.
    REQUIRE(r.needs.size() == 3);
    std::set<std::string> domains;
    for (const ReferralNeed& n : r.needs) domains.insert(n.domain);
    CHECK(domains == std::set<std::string>{"food-insecurity", "housing-instability", "transportation-insecurity"});
    for (const ReferralNeed& n : r.needs) CHECK_FALSE(n.codes.empty());
}

TEST_CASE("referral: needs_from_screening puts urgent needs first") {
    const auto q = load_builtin_instrument("ahc-hrsn");
    // Transportation positive, and HITS 5+5+5+5 = 20 (intimate partner violence: urgent).
    const Response resp = Response::from_simple(q, nlohmann::json::parse(R"({"93030-5": "LA33-6",
        "95618-5": "LA6482-9", "95617-7": "LA6482-9", "95616-9": "LA6482-9", "95615-1": "LA6482-9"})"));
    const auto needs = needs_from_screening(score(resp, "ahc-hrsn"));
    REQUIRE(needs.size() == 2);
    CHECK(needs[0].domain == "intimate-partner-violence");
    CHECK(needs[0].urgent);
    CHECK(needs[1].domain == "transportation-insecurity");
}

TEST_CASE("referral: check_referral refuses what a referral cannot be sent without") {
    const safetynet::test::SampleScreening sc;
    const Referral good = safetynet::test::sample_referral(sc.result);
    struct Case {
        const char* name;
        std::function<void(Referral&)> mutate;
        const char* where;
    };
    const std::vector<Case> cases = {
        {"no name", [](Referral& r) { r.patient.name.clear(); }, "patient.name"},
        {"a birth date that is not a date", [](Referral& r) { r.patient.birth_date = "1980-13-01"; }, "patient.birth_date"},
        {"sms preferred without a phone", [](Referral& r) { r.patient.phone.clear(); }, "patient.preferred_contact"},
        {"an unknown contact method", [](Referral& r) { r.patient.preferred_contact = "fax"; }, "patient.preferred_contact"},
        {"no needs", [](Referral& r) { r.needs.clear(); }, "needs"},
        {"no organization name", [](Referral& r) { r.organization.name.clear(); }, "organization.name"},
        {"no consent time", [](Referral& r) { r.consent.date_time.clear(); }, "consent.date_time"},
        {"an id that is not a UUID", [](Referral& r) { r.id = "42"; }, "id"},
        {"created not RFC 3339 UTC", [](Referral& r) { r.created = "2025-06-01 14:30"; }, "created"},
        {"a service without a name", [](Referral& r) { r.services[0].name.clear(); }, "services[0].name"},
        {"starting as accepted", [](Referral& r) { r.history[0].status = TaskStatus::Accepted; }, "history[0]"},
        {"starting by the performer", [](Referral& r) { r.history[0].by = ReferralActor::Performer; }, "history[0]"},
        {"a forbidden move in the history",
         [](Referral& r) { r.history.push_back(event(TaskStatus::Draft, "2025-06-02T00:00:00Z")); }, "history[1]"},
        {"leaving a final status",
         [](Referral& r) {
             r.history.push_back(event(TaskStatus::Completed, "2025-06-02T00:00:00Z"));
             r.history.push_back(event(TaskStatus::InProgress, "2025-06-03T00:00:00Z"));
         }, "history[2]"},
        {"time going backwards",
         [](Referral& r) { r.history.push_back(event(TaskStatus::Accepted, "2025-05-01T00:00:00Z")); }, "history[1].at"},
    };
    CHECK_NOTHROW(check_referral(good));
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Referral r = good;
        c.mutate(r);
        try {
            check_referral(r);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.where() == c.where);
        }
    }
}

TEST_CASE("referral: record_status follows the rules and time order, and changes nothing when it refuses") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    record_status(r, event(TaskStatus::Accepted, "2025-06-02T09:00:00Z"));
    record_status(r, event(TaskStatus::InProgress, "2025-06-03T09:00:00Z"));
    CHECK(r.status() == TaskStatus::InProgress);

    const auto before = referral_to_json(r);
    CHECK(kind_of([&] { record_status(r, event(TaskStatus::Accepted, "2025-06-04T00:00:00Z")); }) == "status-transition");
    CHECK(kind_of([&] { record_status(r, event(TaskStatus::Completed, "2025-06-02T10:00:00Z")); }) == "stale-update");
    StatusEvent by_clinic = event(TaskStatus::Completed, "2025-06-05T00:00:00Z");
    by_clinic.by = ReferralActor::Requester;
    CHECK(kind_of([&] { record_status(r, by_clinic); }) == "status-transition");
    CHECK(referral_to_json(r) == before);

    record_status(r, event(TaskStatus::Completed, "2025-06-05T00:00:00Z", "got-help"));
    CHECK(r.status() == TaskStatus::Completed);
    CHECK(kind_of([&] { record_status(r, event(TaskStatus::Cancelled, "2025-06-06T00:00:00Z")); }) == "status-transition");
}

TEST_CASE("referral: JSON round trip, strict reading") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    r.patient.do_not_contact = true;
    r.occurrence = "2025-06-15";
    r.consent.given_by = "Maria Testperson";
    r.consent.relationship = "mother";
    record_status(r, event(TaskStatus::Rejected, "2025-06-02T09:00:00Z", "no-capacity", "Pantry full until July"));
    const nlohmann::json j = referral_to_json(r);
    const Referral back = referral_from_json(j);
    CHECK(referral_to_json(back) == j);
    CHECK(back.patient.given == std::vector<std::string>{"Alex"});
    CHECK(back.history[1].reason == "Pantry full until July");
    CHECK(back.priority == ReferralPriority::Urgent);

    nlohmann::json extra = j;
    extra["patient"]["ssn"] = "000-00-0000";
    try {
        referral_from_json(extra);
        FAIL("unknown field accepted");
    } catch (const Error& e) {
        CHECK(e.kind() == "referral");
        CHECK(e.where() == "referral.patient.ssn");
    }
    nlohmann::json wrong_type = j;
    wrong_type["needs"][0]["urgent"] = "yes";
    CHECK(kind_of([&] { referral_from_json(wrong_type); }) == "referral");
    nlohmann::json version = j;
    version["safetynet_referral"] = 2;
    CHECK(kind_of([&] { referral_from_json(version); }) == "referral");
    nlohmann::json bad_status = j;
    bad_status["history"][1]["status"] = "received";
    CHECK(kind_of([&] { referral_from_json(bad_status); }) == "referral");
}

TEST_CASE("referral: wipe leaves no PHI") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    r.wipe();
    CHECK(r.patient.name.empty());
    CHECK(r.patient.phone.empty());
    CHECK(r.patient.given.empty());
    CHECK(r.consent.scope.empty());
    CHECK(r.history.empty());
    CHECK(r.needs.empty());
}
