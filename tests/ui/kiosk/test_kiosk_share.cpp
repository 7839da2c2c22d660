// Sharing with the care team: sealed to the clinic only, signed by the kiosk, kept in the
// outbox as ciphertext, taken out by staff behind a PIN.
#include "tests/support/ui_harness.hpp"

#include "core/crypto/age.hpp"
#include "core/exchange/bundle.hpp"
#include "core/base/error.hpp"
#include "core/exchange/keyset.hpp"
#include "tests/support/test_helpers.hpp"

using safetynet::test::UiHarness;
namespace core = safetynet::core;

namespace {

core::ByteView bytes(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

// The demo clinic of assets/site.json, whose identity is a public test fixture.
const char* kSite = R"({"site_name": "Share Test", "instrument": "ahc-hrsn",
  "clinic": {"name": "Test Care Team", "recipient": "age1wqjj57yj9ay80fzdasa03xp824lkp9k0ttympv68j9qqg7qleeksssq03a"},
  "staff_pin_sha256": "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"})";

struct ShareKiosk : UiHarness {
    ShareKiosk() {
        platform.files["assets/site.json"] = kSite;
        for (int i = 0; i < 4; ++i) frame();
    }
    std::string screen() { return state()["screen"]; }
    void screen_to_results() {
        click("welcome.start");
        click("nav.next");
        click("answer.1");  // housing: worried about losing it
        for (int guard = 0; guard < 40 && screen() == "question"; ++guard) click("nav.next");
        click("nav.next");  // review
        click("nav.next");  // skip the ZIP
        REQUIRE(screen() == "results");
    }
    std::vector<std::string> outbox() const {
        std::vector<std::string> keys;
        for (const auto& kv : platform.storage)
            if (kv.first.rfind("outbox/", 0) == 0) keys.push_back(kv.first);
        return keys;
    }
};

}  // namespace

TEST_CASE("sharing seals the screening to the clinic only, signed by the kiosk, with a pickup code") {
    ShareKiosk k;
    REQUIRE(k.platform.storage.count("kiosk/keyset") == 1);  // made on first start
    k.screen_to_results();
    k.click("results.share");
    CHECK(k.screen() == "share");
    k.click("share.yes");
    CHECK(k.screen() == "results");
    CHECK(k.state()["kiosk"]["shared"] == true);
    CHECK(k.has("results.code"));
    const auto keys = k.outbox();
    REQUIRE(keys.size() == 1);
    const std::string sealed = k.platform.storage[keys.front()];

    // The clinic opens it and trusts the kiosk's card; the content is the FHIR screening.
    const core::KeySet kiosk = core::KeySet::parse_secret_text(bytes(k.platform.storage["kiosk/keyset"]));
    auto clinic = core::parse_age_identity_file(
        safetynet::test::read_source_file("tests/data/kiosk/demo-clinic.identity.txt"), "demo-clinic");
    std::vector<core::AgeIdentity> ids(clinic.begin(), clinic.end());
    core::OpenedBundle b = core::open_bundle(bytes(sealed), ids, {kiosk.contact_card()}, nullptr);
    CHECK(b.trust == core::BundleTrust::Trusted);
    CHECK(b.header.kind == core::BundleKind::Screening);
    const auto fhir = nlohmann::json::parse(b.fhir_json);
    CHECK(fhir["resourceType"] == "Bundle");
    bool code_found = false, qr_found = false;
    for (const auto& e : fhir["entry"]) {
        if (e["resource"]["resourceType"] == "Patient")
            code_found = e["resource"]["identifier"][0]["system"] == "urn:safetynet:kiosk-pickup-code";
        if (e["resource"]["resourceType"] == "QuestionnaireResponse") qr_found = true;
    }
    CHECK(code_found);
    CHECK(qr_found);
    CHECK(fhir.dump().find("LA31994-9") != std::string::npos);  // the answer that was given

    // The kiosk itself cannot read back what the patient shared.
    std::vector<core::AgeIdentity> own{kiosk.age_identity};
    CHECK_THROWS_AS(core::open_bundle(bytes(sealed), own, {kiosk.contact_card()}, nullptr), core::Error);
    // And nothing else the session entered is in storage.
    CHECK(k.platform.storage.size() == 2);
}

TEST_CASE("no clinic key in the site file: no share button") {
    UiHarness h;
    h.platform.files["assets/site.json"] = R"({"site_name": "No Key"})";
    for (int i = 0; i < 3; ++i) h.frame();
    h.click("welcome.start");
    h.click("nav.next");
    for (int guard = 0; guard < 40 && h.state()["screen"] == "question"; ++guard) h.click("nav.next");
    h.click("nav.next");
    h.click("nav.next");
    REQUIRE(h.state()["screen"] == "results");
    CHECK_FALSE(h.has("results.share"));
}

TEST_CASE("staff: a wrong PIN is refused, the right one shows the outbox, download then remove") {
    ShareKiosk k;
    k.screen_to_results();
    k.click("results.share");
    k.click("share.yes");
    k.click("nav.next");  // finish and clear
    k.platform.now += 20;
    for (int i = 0; i < 3; ++i) k.frame();
    REQUIRE(k.screen() == "welcome");

    k.click("staff.open");
    CHECK(k.screen() == "staff");
    for (const char* d : {"1", "1", "1", "1"}) k.click(std::string("staff.pin.") + d);
    k.click("staff.pin.ok");
    CHECK(k.state()["staff"] == "pin");
    CHECK_FALSE(k.has("staff.outbox"));
    for (const char* d : {"2", "4", "6", "8"}) k.click(std::string("staff.pin.") + d);
    k.click("staff.pin.ok");
    CHECK(k.state()["staff"] == "panel");
    CHECK(k.state()["outbox"] == 1);
    k.click("staff.download");
    k.frame();
    REQUIRE(k.platform.saved.size() == 1);
    CHECK(k.platform.saved.front().first.size() > 10);
    CHECK(core::looks_like_age_file(bytes(k.platform.saved.front().second)));
    k.click("staff.remove");
    k.frame();
    CHECK(k.outbox().empty());
    CHECK(k.state()["outbox"] == 0);
    k.click("nav.back");  // close
    CHECK(k.screen() == "welcome");
}
