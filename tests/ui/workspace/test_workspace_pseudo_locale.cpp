// Issue 14, Tests ("Pseudo-localization: every string 40 % longer with accents: no text clipped
// or overlapping"), for the staff workspace: the screens tests/e2e/a11y_loop.e2e.mjs visits
// (set-up, the clinic's screenings, an assisted screening, refer, the tracker with its follow-up,
// the dashboard with its measures, contacts, settings, the language menu, the locked screen; the
// organization's set-up, inbox, dashboard, contacts and settings) drawn in the pseudo catalog
// (tests/support/pseudo_locale.hpp) at 1280x800: no two controls overlap, nothing lies outside
// the window or scrolls sideways, no label is wider or taller than its control.
// And WCAG 1.4.10 (reflow): the same screens at 320x256 CSS px (400 % zoom) in English, in
// Spanish (longer) and in the pseudo catalog, with the same checks: a button longer than its line wraps its label inside
// a line-wide button, fixed-width fields narrow to the line, the dashboard's bars put their
// label above them and its tables become one stack per row (docs/ACCESSIBILITY.md, 1.4.10).
// A second walk brings data: refer with a need and its services, a referral made, the tracker
// and dashboard with it, an organization's card offered in contacts.
#include "core/exchange/keyset.hpp"
#include "tests/support/pseudo_locale.hpp"
#include "tests/support/test_helpers.hpp"

#include <string>

using safetynet::test::PseudoHarness;

namespace {

struct Workspace : PseudoHarness {
    // `language`: kPseudo, or a real language the page asks for (?lang=), "" for English.
    Workspace(float w, float h, const std::string& mode, const std::string& language)
        : PseudoHarness(w, h, mode, language == safetynet::test::kPseudo ? std::string() : language) {
        platform.files["assets/site.json"] =
            R"J({"site_name": "Riverside Community Health (demo)", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})J";
        platform.files["assets/directory/demo-region.hsds.json"] =
            safetynet::test::read_source_file("assets/directory/demo-region.hsds.json");
        frame();
        if (language == safetynet::test::kPseudo) use_pseudo_language();
    }
    nlohmann::json ws() { return state()["workspace"]; }
    bool run_until_store(const std::string& want) { return safetynet::test::run_until_store(*this, want, 3000); }
    void set_up() {
        if (app->semantics().find("setup.name")->value.empty()) {
            click("setup.name");
            type("Pantry network");
        }
        click("setup.pass");
        type("pseudo passphrase 1");
        click("setup.pass2");
        type("pseudo passphrase 1");
        click("setup.create");
    }
    void tab(const std::string& id, const std::string& at) {
        activate(id);
        check(at + ", " + id);
    }
};

std::string where(const char* who, float w, float h, const std::string& language) {
    return std::string(who) + " at " + std::to_string(static_cast<int>(w)) + "x" + std::to_string(static_cast<int>(h)) + " in " +
           (language.empty() ? std::string("en") : language);
}

void walk_clinic(float w, float h, const std::string& language) {
    Workspace k(w, h, "clinic", language);
    const std::string at = where("clinic", w, h, language);
    INFO(at);
    REQUIRE(k.run_until_store("absent"));
    k.check(at + ", set-up");
    k.set_up();
    REQUIRE(k.run_until_store("unlocked"));
    k.check(at + ", screenings");
    k.activate("ws.lang.menu");
    k.check(at + ", language menu");
    k.activate("ws.lang.menu");
    k.activate("screen.start.ahc-hrsn");
    k.check(at + ", assisted screening");
    for (const char* id : {"tab.refer", "tab.referrals", "tab.dashboard", "tab.contacts", "tab.settings"}) k.tab(id, at);
    k.activate("ws.lock");
    REQUIRE(k.run_until_store("locked"));
    k.check(at + ", locked");
    CHECK(k.screens >= 9);
}

void walk_organization(float w, float h, const std::string& language) {
    Workspace k(w, h, "org", language);
    const std::string at = where("org", w, h, language);
    INFO(at);
    REQUIRE(k.run_until_store("absent"));
    k.check(at + ", set-up");
    k.set_up();
    REQUIRE(k.run_until_store("unlocked"));
    k.check(at + ", inbox");
    for (const char* id : {"tab.dashboard", "tab.contacts", "tab.settings"}) k.tab(id, at);
    CHECK(k.screens >= 5);
}

// The screens that need data: an assisted screening finished into refer (a need picked, its
// services), a referral made, the tracker and follow-up with it, the dashboard's figures by
// organization, and an organization's card offered in contacts.
void walk_clinic_with_referral(float w, float h, const std::string& language) {
    Workspace k(w, h, "clinic", language);
    const std::string at = where("clinic with a referral", w, h, language);
    INFO(at);
    REQUIRE(k.run_until_store("absent"));
    k.set_up();
    REQUIRE(k.run_until_store("unlocked"));
    k.activate("screen.start.ahc-hrsn");
    k.activate("q.88122-7.0");
    k.activate("assisted.finish");
    REQUIRE(k.ws()["tab"] == "refer");
    k.activate("need.food-insecurity");
    k.check(at + ", refer with a need picked");
    REQUIRE(k.app->semantics().find("service.0.pick") != nullptr);
    const std::string org = k.ws()["refer"]["services"][0];
    k.activate("service.0.pick");
    k.app->actions().set_text("person.name", "Test Person");  // as the page's <input> does
    k.frame();
    k.activate("consent.given");
    k.check(at + ", refer ready");
    k.activate("refer.create");
    REQUIRE(k.ws()["referrals"].size() == 1);
    k.check(at + ", refer with a referral made");
    for (const char* id : {"tab.referrals", "tab.dashboard"}) k.tab(id, at);
    k.activate("tab.contacts");
    const safetynet::core::KeySet org_keys = safetynet::core::KeySet::generate(org);
    k.platform.to_pick = {{"org.contact.json", org_keys.contact_card().to_json()}};
    k.activate("contacts.add");
    k.frame();
    k.check(at + ", contacts with a card offered");
    CHECK(k.screens >= 6);
}

}  // namespace

TEST_CASE("issue 14: pseudo-localized, the clinic's workspace screens fit at 1280x800") {
    walk_clinic(1280, 800, safetynet::test::kPseudo);
}

TEST_CASE("issue 14: pseudo-localized, the organization's workspace screens fit at 1280x800") {
    walk_organization(1280, 800, safetynet::test::kPseudo);
}

TEST_CASE("WCAG 1.4.10: at 320x256 CSS px (400 % zoom) the clinic's workspace screens fit, in English, Spanish and pseudo") {
    for (const char* language : {"", "es", "qps"}) walk_clinic(320, 256, language);
}

TEST_CASE("WCAG 1.4.10: at 320x256 CSS px (400 % zoom) the organization's workspace screens fit, in English, Spanish and pseudo") {
    for (const char* language : {"", "es", "qps"}) walk_organization(320, 256, language);
}

TEST_CASE("WCAG 1.4.10: with a referral, the clinic's refer, tracker, dashboard and contacts fit at 320x256 and, pseudo-localized, at 1280x800") {
    for (const char* language : {"", "es", "qps"}) walk_clinic_with_referral(320, 256, language);
    walk_clinic_with_referral(1280, 800, safetynet::test::kPseudo);
}
