// "Create referrals": one referral per receiving organization, each with the needs its services
// were picked for, addressed to a trusted card when the organization has one; all or nothing.
#include "core/actions/refer_per_organization.hpp"
#include "core/actions/store_actions.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace safetynet::core;
using safetynet::test::kind_of;

namespace {

const std::string kNow = "2026-11-18T10:00:00Z";

PickedService pick(const std::string& service, const std::string& org, const std::string& domain) {
    return PickedService{"svc-" + service, "loc-" + service, service, org, "org-" + org, "1 Main St", domain};
}

struct Clinic {
    Store store = safetynet::test::create_store("pass clinic", "Eastside Community Clinic");
    KeySet keys = KeySet::generate("Eastside Community Clinic");
    safetynet::test::SampleScreening sc;  // food, housing and transportation positive
    ReferralRequest request;
    Clinic() {
        store.key_sets().push_back(keys);
        request.patient = safetynet::test::sample_patient();
        request.consent = safetynet::test::sample_consent(kNow);
        request.priority = ReferralPriority::Urgent;
        request.note = "mornings";
        request.clinician = "Dr. Diaz";
        request.screening_id = "screening-1";
        request.needs = needs_from_screening(sc.result);
    }
};

std::set<std::string> domains(const Referral& r) {
    std::set<std::string> out;
    for (const ReferralNeed& n : r.needs) out.insert(n.domain);
    return out;
}

}  // namespace

TEST_CASE("group_by_organization: one group per organization, by name, picks in the order given") {
    const auto groups = group_by_organization({pick("Pantry", "Westside Food Bank", "food-insecurity"),
                                               pick("Shelter", "Harbor Housing", "housing-instability"),
                                               pick("SNAP help", "Westside Food Bank", "food-insecurity")});
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].organization == "Harbor Housing");
    CHECK(groups[1].organization == "Westside Food Bank");
    REQUIRE(groups[1].services.size() == 2);
    CHECK(groups[1].services[0].name == "Pantry");
    CHECK(groups[1].services[1].name == "SNAP help");
    CHECK(group_by_organization({}).empty());
}

TEST_CASE("contact_for_organization: names compared without case or accents") {
    Clinic c;
    const KeySet org = KeySet::generate("Clínica del Valle");
    trust_contact(c.store, org.contact_card(), "compared", kNow, "admin");
    const TrustedContact* found = contact_for_organization(c.store, "CLINICA DEL VALLE");
    REQUIRE(found != nullptr);
    CHECK(found->card.name == "Clínica del Valle");
    CHECK(contact_for_organization(c.store, "Clinica del Monte") == nullptr);
}

TEST_CASE("refer_per_organization: one referral per organization, with the needs its services were picked for") {
    Clinic c;
    const KeySet food = KeySet::generate("Westside Food Bank");
    trust_contact(c.store, food.contact_card(), "compared", kNow, "admin");
    const std::vector<std::string> ids = refer_per_organization(
        c.store, c.request,
        {pick("Pantry", "Westside Food Bank", "food-insecurity"), pick("Shelter", "Harbor Housing", "housing-instability"),
         pick("Rides", "Harbor Housing", "transportation-insecurity")},
        kNow, "Dr. Diaz");
    REQUIRE(ids.size() == 2);
    CHECK(c.store.referrals().size() == 2);
    const Referral& housing = *c.store.referral(ids[0]);  // organizations in name order
    const Referral& pantry = *c.store.referral(ids[1]);
    CHECK(housing.organization.name == "Harbor Housing");
    CHECK(housing.organization.directory_id == "org-Harbor Housing");
    CHECK_FALSE(housing.organization.card.has_value());  // no trusted card: it will be printed
    CHECK(housing.services.size() == 2);
    CHECK(domains(housing) == std::set<std::string>{"housing-instability", "transportation-insecurity"});
    CHECK(pantry.organization.name == "Westside Food Bank");
    REQUIRE(pantry.organization.card.has_value());
    CHECK(pantry.organization.card->fingerprint() == food.contact_card().fingerprint());
    CHECK(domains(pantry) == std::set<std::string>{"food-insecurity"});
    for (const Referral* r : {&housing, &pantry}) {
        CHECK(r->requester.name == "Eastside Community Clinic");
        CHECK(r->requester.card->fingerprint() == c.keys.contact_card().fingerprint());
        CHECK(r->priority == ReferralPriority::Urgent);
        CHECK(r->note == "mornings");
        CHECK(r->clinician == "Dr. Diaz");
        CHECK(r->screening_id == "screening-1");
        CHECK(r->created == kNow);
        CHECK(r->patient.name == c.request.patient.name);
    }
    std::size_t created = 0;
    for (const AuditEntry& e : c.store.audit_log()) created += e.action == "referral-created";
    CHECK(created == 2);
}

TEST_CASE("refer_per_organization: all or nothing when one referral cannot be made") {
    Clinic c;
    // The second organization's service has no name: its referral is refused after the first
    // organization's was made, and that one is taken back.
    const auto attempt = [&] {
        refer_per_organization(c.store, c.request,
                               {pick("Pantry", "A Food Bank", "food-insecurity"), pick("", "B Shelter", "housing-instability")},
                               kNow, "Dr. Diaz");
    };
    CHECK(kind_of(attempt) == "referral");
    CHECK(c.store.referrals().empty());

    c.request.patient.name.clear();  // every referral needs the person's name
    CHECK(kind_of([&] {
              refer_per_organization(c.store, c.request, {pick("Pantry", "A Food Bank", "food-insecurity")}, kNow, "x");
          }) == "referral");
    CHECK(c.store.referrals().empty());
}

TEST_CASE("refer_per_organization: a store without a key set cannot send referrals") {
    Store store = safetynet::test::create_store("pass", "No Keys Clinic");
    Clinic c;
    CHECK(kind_of([&] {
              refer_per_organization(store, c.request, {pick("Pantry", "A Food Bank", "food-insecurity")}, kNow, "x");
          }) == "no-keys");
    CHECK(store.referrals().empty());
}
