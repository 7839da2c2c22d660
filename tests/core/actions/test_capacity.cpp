// Issue 15: capacity and waitlists: a signed capacity update published by an organization,
// imported by a clinic like a status update, and matching that follows it (and stops
// following it once it is stale).
#include "core/actions/capacity.hpp"
#include "core/actions/store_actions.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/need_map.hpp"
#include "core/match/matcher.hpp"
#include "tests/support/store_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace safetynet::core;

namespace {

const Directory& directory() {
    static const LoadedDirectory loaded =
        load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/matching.hsds.json");
    REQUIRE(loaded.directory.has_value());
    return *loaded.directory;
}

CapacityUpdate update(const std::string& status, const std::string& updated = "2026-03-02T10:00:00Z") {
    return {"Test Org 1", "org-01", updated, {{"svc-01", "Near Pantry", status, "About 15 people waiting, 4-6 weeks", "2026-03-01"}}};
}

MatchQuery food_near() {
    MatchQuery q;
    q.needs = NeedMask{1} << *NeedMap::builtin().find("food-insecurity");
    q.latitude = 45.0;
    q.longitude = -122.0;
    q.limit = 50;
    return q;
}

std::optional<MatchHit> near_pantry(const MatchResult& r) {
    for (const MatchHit& h : r.hits)
        if (directory().service_id(h.service) == "svc-01") return h;
    return std::nullopt;
}

Store clinic_trusting(const KeySet& org) {
    Store s = safetynet::test::create_store("capacity passphrase");
    s.key_sets().push_back(KeySet::generate("Eastside Clinic"));
    trust_contact(s, org.contact_card(), "compared by phone", "2026-03-01T09:00:00Z", "nurse");
    return s;
}

OpenedBundle open_plain(const std::string& file, const Store& s) {
    return read_bundle_plaintext(as_bytes(file), trusted_cards(s), &s.data().ledger);
}

}  // namespace

TEST_CASE("capacity: an update is signed FHIR with the SDOHCC capacity extension, read back exactly") {
    const CapacityUpdate u = update("waitlist");
    const nlohmann::json fhir = capacity_update_fhir(u);
    CHECK(fhir["entry"][1]["resource"]["extension"][0]["url"] == kCapacityExtensionUrl);
    const CapacityUpdate back = read_capacity_update_fhir(fhir.dump());
    REQUIRE(back.services.size() == 1);
    CHECK(back.services[0].status == "waitlist");
    CHECK(back.services[0].since == "2026-03-01");
    CHECK(back.services[0].note == u.services[0].note);
    CapacityUpdate bad = u;
    bad.services[0].status = "full";
    CHECK_THROWS_WITH_AS(check_capacity_update(bad), doctest::Contains("services[0].status"), Error);
}

TEST_CASE("capacity: a clinic imports an organization's update like a status update, replays and older ones refused") {
    const KeySet org = KeySet::generate("Test Org 1");
    Store clinic = clinic_trusting(org);
    const std::string file = export_capacity_update(update("no-capacity"), org);
    OpenedBundle b = open_plain(file, clinic);
    REQUIRE(b.trust == BundleTrust::Trusted);
    import_bundle(clinic, b, "2026-03-02T11:00:00Z", "nurse");
    REQUIRE(clinic.data().capacity.size() == 1);
    CHECK(clinic.data().capacity[0].status == "no-capacity");
    CHECK(open_plain(file, clinic).trust == BundleTrust::Replay);
    // A newer update replaces it; then an older one is stale.
    import_bundle(clinic, open_plain(export_capacity_update(update("waitlist", "2026-03-05T10:00:00Z"), org), clinic),
                  "2026-03-05T11:00:00Z", "nurse");
    CHECK(clinic.data().capacity.size() == 1);
    CHECK(clinic.data().capacity[0].status == "waitlist");
    const OpenedBundle older = open_plain(export_capacity_update(update("capacity", "2026-03-03T10:00:00Z"), org), clinic);
    CHECK_THROWS_WITH_AS(import_bundle(clinic, older, "2026-03-05T12:00:00Z", "nurse"), doctest::Contains("older"), Error);
    // A stranger's update is not imported.
    const KeySet stranger = KeySet::generate("Test Org 1");
    CHECK(open_plain(export_capacity_update(update("capacity"), stranger), clinic).trust == BundleTrust::UnknownSigner);
}

TEST_CASE("capacity: matching leaves out no-capacity, ranks a waitlist lower, ignores what is stale") {
    Matcher m(directory());
    const MatchQuery plain = food_near();
    const auto before = near_pantry(m.match(plain));
    REQUIRE(before.has_value());

    auto overlay_for = [&](const std::string& status, const std::string& updated, const std::string& today) {
        const CapacityUpdate u = update(status, updated);
        std::vector<CapacityRecord> recs = {{"Test Org 1", "fp", "org-01", "svc-01", "Near Pantry", status, u.services[0].note,
                                             "2026-03-01", updated, updated, "b"}};
        return capacity_overlay(recs, directory(), today, 30);
    };
    const CapacityOverlay none = overlay_for("no-capacity", "2026-03-02T10:00:00Z", "2026-03-10");
    MatchQuery q = food_near();
    q.capacity = &none.by_service;
    CHECK_FALSE(near_pantry(m.match(q)).has_value());
    REQUIRE(none.notices.size() == 1);
    CHECK(none.notices.begin()->second.since == "2026-03-01");
    CHECK_FALSE(none.notices.begin()->second.stale);

    const CapacityOverlay wait = overlay_for("waitlist", "2026-03-02T10:00:00Z", "2026-03-10");
    q.capacity = &wait.by_service;
    const auto waiting = near_pantry(m.match(q));
    REQUIRE(waiting.has_value());
    CHECK(waiting->score < before->score);
    bool said = false;
    for (const Reason& r : m.explain(waiting->service, q)) said = said || r.code == "waitlist";
    CHECK(said);

    // 40 days later the update is stale: marked so, and matching is back to the directory's.
    const CapacityOverlay stale = overlay_for("no-capacity", "2026-03-02T10:00:00Z", "2026-04-11");
    CHECK(stale.notices.begin()->second.stale);
    q.capacity = &stale.by_service;
    const auto back = near_pantry(m.match(q));
    REQUIRE(back.has_value());
    CHECK(back->score == doctest::Approx(before->score));
}
