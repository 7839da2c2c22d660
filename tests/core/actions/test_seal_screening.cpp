// A kiosk's screening sealed for the clinic: only the clinic can open it, the kiosk's key signs
// it, the person is named by the pickup code alone, and the clinic's import reads that code back.
#include "core/actions/seal_screening.hpp"
#include "core/actions/store_actions.hpp"
#include "core/exchange/bundle.hpp"
#include "core/store/stored_screening.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace safetynet::core;
using safetynet::test::kind_of;

namespace {

const std::string kNow = "2026-11-18T09:15:00Z";

struct Sealed {
    KeySet kiosk = KeySet::generate("Lobby kiosk");
    KeySet clinic = KeySet::generate("Eastside Community Clinic");
    safetynet::test::SampleScreening sc;
    SealedScreening out = seal_screening_for_clinic(sc.response, sc.result, "es", kiosk,
                                                    clinic.age_identity.recipient().encode(), kNow);
    OpenedBundle open_as_clinic() const {
        return open_bundle(out.file, {clinic.age_identity}, {kiosk.contact_card()}, nullptr);
    }
};

std::vector<nlohmann::json> resources(const nlohmann::json& fhir, const std::string& type) {
    std::vector<nlohmann::json> out;
    for (const auto& e : fhir["entry"])
        if (e["resource"]["resourceType"] == type) out.push_back(e["resource"]);
    return out;
}

}  // namespace

TEST_CASE("seal_screening_for_clinic: the clinic opens a screening bundle signed by the kiosk") {
    const Sealed s;
    const OpenedBundle b = s.open_as_clinic();
    CHECK(b.trust == BundleTrust::Trusted);
    CHECK(b.header.kind == BundleKind::Screening);
    CHECK(b.header.id == s.out.bundle_id);
    CHECK(b.header.created == kNow);
    CHECK(s.out.created == kNow);
    CHECK(b.header.sender.name == "Lobby kiosk");
    const auto fhir = nlohmann::json::parse(b.fhir_json);
    const auto qr = resources(fhir, "QuestionnaireResponse");
    REQUIRE(qr.size() == 1);
    CHECK(qr[0]["authored"] == kNow);
    CHECK(qr[0]["language"] == "es");
    CHECK_FALSE(resources(fhir, "Condition").empty());
}

TEST_CASE("seal_screening_for_clinic: the person is named by the pickup code, and only by it") {
    const Sealed s;
    const auto fhir = nlohmann::json::parse(s.open_as_clinic().fhir_json);
    const auto patients = resources(fhir, "Patient");
    REQUIRE(patients.size() == 1);
    const nlohmann::json expected = {{{"system", "urn:safetynet:kiosk-pickup-code"}, {"value", s.out.pickup_code}}};
    CHECK(patients[0]["identifier"] == expected);
    // No name: only the data-absent-reason US Core asks for when there is none (us-core-6).
    REQUIRE(patients[0]["name"].size() == 1);
    CHECK(patients[0]["name"][0].size() == 1);
    CHECK(patients[0]["name"][0]["extension"][0]["valueCode"] == "unknown");
    // What the clinic's import makes of it: the same code, read by the reader of the store.
    const StoredScreening stored = screening_from_bundle(s.open_as_clinic().fhir_json, "bundle", kNow);
    CHECK(stored.pickup_code == s.out.pickup_code);
    CHECK(stored.language == "es");
}

TEST_CASE("seal_screening_for_clinic: sealed to the clinic alone, not to the kiosk") {
    const Sealed s;
    CHECK(kind_of([&] { open_bundle(s.out.file, {s.kiosk.age_identity}, {s.kiosk.contact_card()}, nullptr); }) ==
          "no-identity");
    // Two shares of the same screening are two bundles with two codes' chances.
    const SealedScreening again = seal_screening_for_clinic(s.sc.response, s.sc.result, "es", s.kiosk,
                                                            s.clinic.age_identity.recipient().encode(), kNow);
    CHECK(again.bundle_id != s.out.bundle_id);
}

TEST_CASE("seal_screening_for_clinic: a clinic recipient that is not an age key is refused") {
    const Sealed s;
    CHECK(kind_of([&] { seal_screening_for_clinic(s.sc.response, s.sc.result, "en", s.kiosk, "age1notakey", kNow); }) ==
          "recipient");
    CHECK(kind_of([&] { seal_screening_for_clinic(s.sc.response, s.sc.result, "en", s.kiosk, "", kNow); }) ==
          "recipient");
}

TEST_CASE("new_pickup_code: six digits in two groups of three") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string code = new_pickup_code();
        REQUIRE(code.size() == 7);
        CHECK(code[3] == ' ');
        for (std::size_t k : {0u, 1u, 2u, 4u, 5u, 6u}) CHECK((code[k] >= '0' && code[k] <= '9'));
        seen.insert(code);
    }
    CHECK(seen.size() > 190);  // random: 200 draws from a million rarely collide more than a few times
}
