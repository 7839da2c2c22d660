// The closed loop through the screens' operations, with real bundles between two stores: a
// clinic refers to two organizations; each opens the referral, works on it and answers; the
// clinic imports the answers; replays, forgeries and out-of-order updates are refused.
#include "core/exchange/bundle.hpp"
#include "core/actions/dashboard.hpp"
#include "core/actions/store_actions.hpp"
#include "core/screening/screening_fhir.hpp"
#include "core/store/stored_screening.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;
using safetynet::test::event;
using safetynet::test::kind_of;
using safetynet::test::MemoryStorage;

namespace {

struct Site {
    MemoryStorage storage;
    Store store;
    KeySet keys;
    Site(const std::string& name, const std::string& role)
        : store(safetynet::test::create_store("pass " + name, name)), keys(KeySet::generate(name)) {
        store.settings().role = role;
        store.key_sets().push_back(keys);
        storage.save(store);
    }
    OpenedBundle open(const SealedBundle& b) {
        return open_bundle(b.file, {keys.age_identity}, trusted_cards(store), &store.ledger());
    }
};

StatusEvent local(TaskStatus s, const std::string& at, const std::string& outcome = {}, const std::string& reason = {}) {
    StatusEvent e = event(s, at, outcome, reason);
    e.source.clear();
    return e;
}

}  // namespace

TEST_CASE("store actions: the closed loop between a clinic and two organizations") {
    Site clinic("Eastside Community Clinic", "clinic");
    Site food("Westside Food Bank", "organization");
    Site housing("Harbor Housing", "organization");
    const std::string t0 = "2025-06-01T14:30:00Z";
    // Fingerprints compared: each side trusts the other's card.
    trust_contact(clinic.store, food.keys.contact_card(), "compared by phone", t0, "admin");
    trust_contact(clinic.store, housing.keys.contact_card(), "compared in person", t0, "admin");
    trust_contact(food.store, clinic.keys.contact_card(), "compared by phone", t0, "intake");
    trust_contact(housing.store, clinic.keys.contact_card(), "compared in person", t0, "intake");

    // The clinician screens, keeps the screening, and refers to both organizations.
    const safetynet::test::SampleScreening sc;
    StoredScreening stored = record_screening(sc.response, sc.result, "ahc-hrsn", "2025-06-01T14:00:00Z", t0,
                                              "clinician", "en");
    const std::string screening_id = stored.id;
    clinic.store.put_screening(std::move(stored));
    Referral to_food = safetynet::test::sample_referral(sc.result, t0, "Westside Food Bank");
    to_food.organization.card = food.keys.contact_card();
    to_food.requester.card = clinic.keys.contact_card();
    to_food.screening_id = screening_id;
    Referral to_housing = safetynet::test::sample_referral(sc.result, t0, "Harbor Housing");
    to_housing.organization.card = housing.keys.contact_card();
    to_housing.requester.card = clinic.keys.contact_card();
    store_add_referral(clinic.store, to_food, "Dr. Diaz");
    store_add_referral(clinic.store, to_housing, "Dr. Diaz");
    CHECK(kind_of([&] { store_add_referral(clinic.store, to_food, "Dr. Diaz"); }) == "duplicate-referral");
    const SealedBundle b1 = export_referral(clinic.store, to_food.id, clinic.keys, true, t0, "Dr. Diaz");
    const SealedBundle b2 = export_referral(clinic.store, to_housing.id, clinic.keys, false, t0, "Dr. Diaz");
    CHECK(clinic.store.referral(to_food.id)->bundle_id == b1.bundle_id);
    clinic.storage.save(clinic.store);

    // Each organization opens only what was sealed to it.
    CHECK(kind_of([&] { (void)housing.open(b1); }) == "no-identity");
    OpenedBundle in1 = food.open(b1);
    REQUIRE(in1.trust == BundleTrust::Trusted);
    const ImportResult got = import_bundle(food.store, in1, "2025-06-02T08:00:00Z", "intake");
    CHECK(got.kind == BundleKind::Referral);
    CHECK(got.id == to_food.id);
    const Referral& received = *food.store.referral(to_food.id);
    CHECK(received.direction == ReferralDirection::Incoming);
    CHECK(received.patient.name == "Alex Testperson");
    CHECK(received.requester.card->fingerprint() == clinic.keys.contact_card().fingerprint());
    // The same bundle again is a replay, refused by the ledger before any import.
    CHECK(food.open(b1).trust == BundleTrust::Replay);
    CHECK(kind_of([&] { import_bundle(food.store, food.open(b1), "2025-06-02T08:01:00Z", "intake"); }) == "untrusted-bundle");
    import_bundle(housing.store, housing.open(b2), "2025-06-02T09:00:00Z", "intake");

    // The food bank accepts, then completes with "got help"; housing has no capacity.
    CHECK(kind_of([&] { record_referral_status(food.store, to_food.id, local(TaskStatus::Completed, "2025-06-02T09:00:00Z", "got-help"), "intake"); }) == "status-transition");
    record_referral_status(food.store, to_food.id, local(TaskStatus::Accepted, "2025-06-02T09:00:00Z"), "intake");
    const SealedBundle u1 = export_status_update(food.store, to_food.id, food.keys, true, "2025-06-02T09:00:00Z", "intake");
    record_referral_status(food.store, to_food.id, local(TaskStatus::Completed, "2025-06-06T16:00:00Z", "got-help"), "intake");
    const SealedBundle u2 = export_status_update(food.store, to_food.id, food.keys, true, "2025-06-06T16:00:00Z", "intake");
    record_referral_status(housing.store, to_housing.id,
                           local(TaskStatus::Rejected, "2025-06-03T10:00:00Z", "no-capacity", "Waiting list is closed"), "intake");
    const SealedBundle u3 = export_status_update(housing.store, to_housing.id, housing.keys, true, "2025-06-03T10:00:00Z", "intake");
    food.storage.save(food.store);
    housing.storage.save(housing.store);

    // The clinic imports the answers, the newest first: the older one is then stale.
    import_bundle(clinic.store, clinic.open(u2), "2025-06-07T08:00:00Z", "Dr. Diaz");
    const auto stored_before = safetynet::test::canonical(clinic.store);
    const OpenedBundle late = clinic.open(u1);
    try {
        import_bundle(clinic.store, late, "2025-06-07T08:01:00Z", "Dr. Diaz");
        FAIL("a stale update was applied");
    } catch (const Error& e) {
        CHECK(e.kind() == "stale-update");  // older than the completion already applied
    }
    CHECK(safetynet::test::canonical(clinic.store) == stored_before);  // not even the ledger
    CHECK_FALSE(clinic.store.ledger().contains(late.signer_key_id, late.header.id));
    const ImportResult h = import_bundle(clinic.store, clinic.open(u3), "2025-06-07T08:02:00Z", "Dr. Diaz");
    CHECK(h.status == TaskStatus::Rejected);
    const Referral& done = *clinic.store.referral(to_food.id);
    CHECK(done.status() == TaskStatus::Completed);
    CHECK(done.last_event().by == ReferralActor::Performer);
    CHECK(done.last_event().outcome == "got-help");
    CHECK(clinic.store.referral(to_housing.id)->last_event().reason == "Waiting list is closed");

    // An update for the housing referral signed by the food bank: right form, wrong sender.
    Referral forged = *food.store.referral(to_food.id);
    forged.id = to_housing.id;
    forged.service_request_id = to_housing.service_request_id;
    forged.patient_id = to_housing.patient_id;
    food.store.put_referral(forged);
    const SealedBundle fake = export_status_update(food.store, forged.id, food.keys, true, "2025-06-08T00:00:00Z", "intake");
    CHECK(kind_of([&] { import_bundle(clinic.store, clinic.open(fake), "2025-06-08T00:00:00Z", "x"); }) == "wrong-sender");

    // The tracker and the dashboard.
    clinic.storage.save(clinic.store);
    const Store reopened = safetynet::test::open_unlocked(clinic.storage.blobs, "pass Eastside Community Clinic");
    const auto rows = list_referrals(reopened, "2025-06-30T00:00:00Z");
    REQUIRE(rows.size() == 2);
    for (const ReferralRow& row : rows) CHECK_FALSE(row.overdue);  // both closed
    DashboardOptions o;
    o.now = "2025-06-30T00:00:00Z";
    const DashboardFigures f = compute_dashboard(reopened.data(), o);
    CHECK(f.sent == 2);
    CHECK(f.completed == 1);
    CHECK(f.closed == 2);
    // The audit log names actions and ids, never the person.
    bool imported = false;
    for (const AuditEntry& a : reopened.audit_log()) {
        CHECK(a.object.find("Alex") == std::string::npos);
        CHECK(a.detail.find("Alex") == std::string::npos);
        imported = imported || (a.action == "status-imported" && a.detail.find("accepted -> completed") == std::string::npos &&
                                a.detail.find("requested -> completed (got-help)") != std::string::npos);
    }
    CHECK(imported);
}

TEST_CASE("store actions: an organization without keys gets no bundle; overdue flags in the tracker") {
    Site clinic("Eastside Community Clinic", "clinic");
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result, "2025-06-01T10:00:00Z", "Paper-only Pantry");
    store_add_referral(clinic.store, r, "Dr. Diaz");
    CHECK(kind_of([&] { export_referral(clinic.store, r.id, clinic.keys, true, "2025-06-01T10:00:00Z", "x"); }) ==
          "no-recipient");
    clinic.store.settings().overdue_days = 7;
    auto rows = list_referrals(clinic.store, "2025-06-08T09:59:59Z");
    CHECK_FALSE(rows[0].overdue);
    CHECK(rows[0].days_since_update == 6);
    rows = list_referrals(clinic.store, "2025-06-08T10:00:00Z");
    CHECK(rows[0].overdue);
    // The clinic cancels (the person found help elsewhere): no longer overdue.
    record_referral_status(clinic.store, r.id, local(TaskStatus::Cancelled, "2025-06-09T00:00:00Z", "no-longer-needed"), "Dr. Diaz");
    CHECK(clinic.store.referral(r.id)->last_event().by == ReferralActor::Requester);
    CHECK_FALSE(list_referrals(clinic.store, "2025-07-01T00:00:00Z")[0].overdue);
}

TEST_CASE("store actions: a kiosk screening bundle becomes a stored screening, re-scored") {
    Site clinic("Eastside Community Clinic", "clinic");
    const KeySet kiosk = KeySet::generate("Lobby kiosk");
    trust_contact(clinic.store, kiosk.contact_card(), "installed by IT", "2025-06-01T08:00:00Z", "admin");
    const safetynet::test::SampleScreening sc;
    ScreeningFhirOptions o;
    o.authored = "2025-06-01T08:30:00Z";
    nlohmann::json fhir = screening_bundle(sc.response, sc.result, o);
    for (auto& e : fhir["entry"])
        if (e["resource"]["resourceType"] == "Patient")
            e["resource"]["identifier"] = {{{"system", "urn:safetynet:kiosk-pickup-code"}, {"value", "K7Q2"}}};
    BundleHeader header{BundleKind::Screening, new_bundle_id(), "2025-06-01T08:30:00Z", kiosk.contact_card()};
    const Bytes file = seal_bundle(header, fhir.dump(), kiosk.signing_key, {AgeRecipient(clinic.keys.age_identity.recipient())});
    const OpenedBundle b = open_bundle(file, {clinic.keys.age_identity}, trusted_cards(clinic.store), &clinic.store.ledger());
    const ImportResult r = import_bundle(clinic.store, b, "2025-06-01T09:00:00Z", "front desk");
    const StoredScreening& s = *clinic.store.screening(r.id);
    CHECK(s.pickup_code == "K7Q2");
    CHECK(s.instrument == "ahc-hrsn");
    CHECK(s.authored == "2025-06-01T08:30:00Z");
    CHECK(s.source == "bundle " + header.id);
    std::set<std::string> positive;
    for (const NeedSummary& n : s.needs)
        if (n.positive) positive.insert(n.domain);
    CHECK(positive == std::set<std::string>{"food-insecurity", "housing-instability", "transportation-insecurity"});
    const RebuiltScreening rebuilt = rebuild_screening(s);
    CHECK(needs_from_screening(rebuilt.result).size() == 3);
}
