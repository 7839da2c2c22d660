// Issue 15: the EHR roster (the denominators' patients and visits), from CSV or FHIR, into the
// encrypted store; every error names the line or the entry.
#include "core/actions/roster_import.hpp"
#include "core/base/error.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;

TEST_CASE("roster: CSV with visits, a multi-day stay and a declined screening") {
    const Roster r = parse_roster_csv(
        "Patient_ID,birth_date,visit_date,visit_end,visit_type,declined_screening\r\n"
        "P01,1980-05-05,2026-01-10,,ambulatory,\r\n"
        "P01,1980-05-05,2026-02-03,2026-02-06,inpatient,\r\n"
        "P07,1970-07-07,2026-03-10,,ambulatory,2026-03-10\r\n"
        "P08,1985-08-08,,,,\r\n",
        "roster.csv");
    REQUIRE(r.patients.size() == 3);
    CHECK(r.patients.at("P01").visits.size() == 2);
    CHECK(r.patients.at("P01").visits[1].end == "2026-02-06");
    CHECK(r.patients.at("P07").declined == std::vector<std::string>{"2026-03-10"});
    CHECK(r.patients.at("P08").visits.empty());
}

TEST_CASE("roster: bad rows are named by line and nothing is imported") {
    CHECK_THROWS_WITH_AS(parse_roster_csv("patient_id,birth_date,visit_date\nP1,1980-02-30,2026-01-01\n", "r.csv"),
                         doctest::Contains("r.csv line 2"), Error);
    CHECK_THROWS_WITH_AS(parse_roster_csv("patient_id,visit_date\nP1,2026-01-01\n", "r.csv"), doctest::Contains("birth_date"), Error);
    CHECK_THROWS_WITH_AS(parse_roster_csv("patient_id,birth_date,visit_date\nP1,1980-01-01,2026-01-01\nP1,1981-01-01,2026-01-02\n", "r.csv"),
                         doctest::Contains("two birth dates"), Error);
    CHECK_THROWS_WITH_AS(parse_roster_csv("patient_id,birth_date,visit_date,visit_end\nP1,1980-01-01,2026-01-05,2026-01-04\n", "r.csv"),
                         doctest::Contains("before"), Error);
}

TEST_CASE("roster: a FHIR Bundle of Patients, Encounters and asked-declined Observations") {
    const std::string fhir = R"({"resourceType": "Bundle", "type": "collection", "entry": [
      {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "id": "a", "identifier": [{"system": "urn:mrn", "value": "MRN-1"}], "birthDate": "1990-01-01"}},
      {"resource": {"resourceType": "Encounter", "status": "finished", "class": {"code": "AMB"}, "subject": {"reference": "urn:uuid:1"},
                    "period": {"start": "2026-01-15T09:30:00-05:00"}}},
      {"resource": {"resourceType": "Encounter", "status": "finished", "class": {"code": "IMP"}, "subject": {"reference": "Patient/a"},
                    "period": {"start": "2026-02-01", "end": "2026-02-04"}}},
      {"resource": {"resourceType": "Observation", "status": "final", "code": {"text": "SDOH screening"}, "subject": {"reference": "urn:uuid:1"},
                    "effectiveDateTime": "2026-02-02", "dataAbsentReason": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "asked-declined"}]}}}
    ]})";
    const Roster r = parse_roster(fhir, "ehr.json");
    REQUIRE(r.patients.count("MRN-1"));
    const RosterPatient& p = r.patients.at("MRN-1");
    CHECK(p.birth_date == "1990-01-01");
    REQUIRE(p.visits.size() == 2);
    CHECK(p.visits[0].start == "2026-01-15");
    CHECK(p.visits[1].kind == "IMP");
    CHECK(p.declined == std::vector<std::string>{"2026-02-02"});
    CHECK_THROWS_WITH_AS(parse_roster(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Encounter", "subject": {"reference": "Patient/x"}, "period": {"start": "2026-01-01"}}}]})",
                                      "ehr.json"),
                         doctest::Contains("entry[0] Encounter.subject"), Error);
}

TEST_CASE("roster: importing adds to the store's roster; a conflicting birth date changes nothing") {
    Store s = safetynet::test::create_store("roster passphrase");
    const auto res = import_roster(s, parse_roster_csv("patient_id,birth_date,visit_date\nP1,1980-01-01,2026-01-01\n", "a.csv"),
                                   "2026-04-01T10:00:00Z", "nurse");
    CHECK(res.new_patients == 1);
    import_roster(s, parse_roster_csv("patient_id,birth_date,visit_date\nP1,1980-01-01,2026-02-01\nP1,1980-01-01,2026-01-01\n", "b.csv"),
                  "2026-04-02T10:00:00Z", "nurse");
    CHECK(s.roster().patients.at("P1").visits.size() == 2);
    CHECK_THROWS_WITH_AS(import_roster(s, parse_roster_csv("patient_id,birth_date,visit_date\nP1,1981-01-01,2026-03-01\n", "c.csv"),
                                       "2026-04-03T10:00:00Z", "nurse"),
                         doctest::Contains("another birth date"), Error);
    CHECK(s.roster().patients.at("P1").visits.size() == 2);
    // It is saved in its own section and read back.
    safetynet::test::MemoryStorage storage;
    storage.save(s);
    const Store again = safetynet::test::open_unlocked(storage.blobs, "roster passphrase");
    CHECK(again.data().roster.patients.at("P1").visits.size() == 2);
}
