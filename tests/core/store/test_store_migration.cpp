// Issue 15 changed what a store holds (a screening's patient id, a referral's expected-response
// date and follow-up calls, the settings' response days, the "roster" and "capacity"
// sections). tests/data/store/before-measures/ is a store written by the code BEFORE that
// change (work factor 10, passphrase "fixture passphrase v1"): it must open, read as a store
// without the new parts, take them, save and open again.
#include "core/store/store.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace safetynet::core;

namespace {
StoreBlobs read_fixture() {
    StoreBlobs blobs;
    const std::filesystem::path dir = std::filesystem::path(SAFETYNET_SOURCE_DIR) / "tests/data/store/before-measures";
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            blobs[std::filesystem::relative(e.path(), dir).generic_string()] = safetynet::test::read_test_file(e.path().string());
    return blobs;
}
}  // namespace

TEST_CASE("store migration: a store from before issue 15 opens, and takes the new parts") {
    Store s = safetynet::test::open_unlocked(read_fixture(), "fixture passphrase v1");
    CHECK(s.data().settings.name == "Eastside Community Clinic");
    CHECK(s.data().settings.response_days.routine == 7);  // the defaults, as the settings had none
    CHECK(s.data().settings.capacity_stale_days == 30);
    REQUIRE(s.data().screenings.size() == 1);
    CHECK(s.data().screenings.begin()->second.patient_id.empty());
    const Referral* r = s.referral("0b6c2f0e-3d4a-4b5c-9d6e-7f8091a2b3c4");
    REQUIRE(r);
    CHECK(r->status() == TaskStatus::Accepted);
    CHECK(r->expected_response.empty());
    CHECK(r->follow_ups.empty());
    CHECK(s.data().roster.patients.empty());
    CHECK(s.data().contacts.size() == 1);
    CHECK(s.data().audit.size() == 1);

    // The new parts, saved over the old store, and read again.
    safetynet::test::MemoryStorage storage{s.persisted()};
    StoredScreening sc = s.data().screenings.begin()->second;
    sc.patient_id = "MRN-1";
    s.put_screening(sc);
    Referral changed = *r;
    changed.follow_ups.push_back({"2025-06-10T10:00:00Z", "nurse", "not-yet", "", "2025-06-12"});
    s.put_referral(changed);
    Roster roster;
    roster.patients["MRN-1"] = {"MRN-1", "1980-02-29", {{"2025-06-01", "", "ambulatory"}}, {}};
    s.set_roster(roster);
    s.capacity().push_back({"Westside Food Bank", "fp", "", "svc-pantry", "Food pantry", "waitlist", "", "2025-06-01",
                            "2025-06-02T10:00:00Z", "2025-06-02T11:00:00Z", "b"});
    s.settings().response_days.routine = 5;
    storage.save(s);
    const Store again = safetynet::test::open_unlocked(storage.blobs, "fixture passphrase v1");
    CHECK(again.data().screenings.begin()->second.patient_id == "MRN-1");
    CHECK(again.referral("0b6c2f0e-3d4a-4b5c-9d6e-7f8091a2b3c4")->follow_ups.size() == 1);
    CHECK(again.data().roster.patients.count("MRN-1") == 1);
    CHECK(again.data().capacity.size() == 1);
    CHECK(again.data().settings.response_days.routine == 5);
    CHECK(safetynet::test::canonical(again) == safetynet::test::canonical(s));
}
