// Issue 14, Tests ("Pseudo-localization: every string 40 % longer with accents: no text clipped
// or overlapping"), for the staff workspace: the screens tests/e2e/a11y_loop.e2e.mjs visits
// (set-up, the clinic's screenings, an assisted screening, refer, the tracker with its follow-up,
// the dashboard with its measures, contacts, settings, the language menu, the locked screen; the
// organization's set-up, inbox, dashboard, contacts and settings) drawn in the pseudo catalog
// (tests/support/pseudo_locale.hpp) at 1280x800: no two controls overlap, nothing lies outside
// the window or scrolls sideways, no label is wider or taller than its control.
// Not yet at 320x256 CSS px (400 % zoom, WCAG 1.4.10 reflow): there the workspace fails in
// English too (buttons whose one-line labels are wider than the screen, the top bar's title,
// the dashboard's bars, fields with a fixed width; docs/TRANSLATIONS.md, "Pseudo-localization").
#include "tests/support/pseudo_locale.hpp"
#include "tests/support/test_helpers.hpp"

#include <string>

using safetynet::test::PseudoHarness;

namespace {

struct Workspace : PseudoHarness {
    Workspace(float w, float h, const std::string& mode) : PseudoHarness(w, h, mode) {
        platform.files["assets/site.json"] =
            R"J({"site_name": "Riverside Community Health (demo)", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})J";
        platform.files["assets/directory/demo-region.hsds.json"] =
            safetynet::test::read_source_file("assets/directory/demo-region.hsds.json");
        frame();
        use_pseudo_language();
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

void walk_clinic(float w, float h) {
    Workspace k(w, h, "clinic");
    const std::string at = "clinic at " + std::to_string(static_cast<int>(w)) + "x" + std::to_string(static_cast<int>(h));
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

void walk_organization(float w, float h) {
    Workspace k(w, h, "org");
    const std::string at = "org at " + std::to_string(static_cast<int>(w)) + "x" + std::to_string(static_cast<int>(h));
    INFO(at);
    REQUIRE(k.run_until_store("absent"));
    k.check(at + ", set-up");
    k.set_up();
    REQUIRE(k.run_until_store("unlocked"));
    k.check(at + ", inbox");
    for (const char* id : {"tab.dashboard", "tab.contacts", "tab.settings"}) k.tab(id, at);
    CHECK(k.screens >= 5);
}

}  // namespace

TEST_CASE("issue 14: pseudo-localized, the clinic's workspace screens fit at 1280x800") {
    walk_clinic(1280, 800);
}

TEST_CASE("issue 14: pseudo-localized, the organization's workspace screens fit at 1280x800") {
    walk_organization(1280, 800);
}
