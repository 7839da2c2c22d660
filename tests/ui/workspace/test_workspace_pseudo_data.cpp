// Issue 14, Tests ("Pseudo-localization: every string 40 % longer with accents: no text clipped
// or overlapping"), for the workspace's screens that show data: the walk in
// test_workspace_pseudo_locale.cpp sees empty lists; here the clinic and an organization
// exchange a real referral, and each screen with data is checked in the
// pseudo catalog (tests/support/pseudo_locale.hpp) at 1280x800, and in English at 320x256 (WCAG
// 1.4.10, as test_workspace_pseudo_locale.cpp does for the empty screens): the refer form with a need's
// services and a pick, the first-contact card with a fingerprint, the tracker with a referral and
// a follow-up to call, the call's record, the dashboard over a month with measures and figures;
// the organization's inbox with the clinic's first contact, an opened referral with its actions,
// and the capacity screen with the directory's services.
// The two workspaces run one after the other (one ImGui context at a time); the organization's
// encrypted store is carried from its set-up to its second run as the browser keeps IndexedDB.
#include "tests/support/pseudo_locale.hpp"
#include "tests/support/test_helpers.hpp"

#include <map>
#include <string>

using safetynet::test::PseudoHarness;

namespace {

constexpr const char* kOrgPass = "pseudo passphrase org 1";
constexpr const char* kClinicPass = "pseudo passphrase clinic 1";

struct Workspace : PseudoHarness {
    // `storage`: what the browser kept of an earlier run (the encrypted store), there before the first frame.
    Workspace(const std::string& mode, bool pseudo_language = true, std::map<std::string, std::string> storage = {},
              float w = 1280, float h = 800)
        : PseudoHarness(w, h, mode) {
        platform.storage = std::move(storage);
        platform.files["assets/site.json"] =
            R"J({"site_name": "Riverside Community Health (demo)", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})J";
        platform.files["assets/directory/demo-region.hsds.json"] =
            safetynet::test::read_source_file("assets/directory/demo-region.hsds.json");
        frame();
        if (pseudo_language) use_pseudo_language();
    }
    nlohmann::json ws() { return state()["workspace"]; }
    bool shows(const std::string& id) { return app->semantics().find(id) != nullptr; }
    bool run_until_store(const std::string& want) { return safetynet::test::run_until_store(*this, want, 3000); }
    void passphrase_twice(const std::string& name, const char* pass) {
        if (app->semantics().find("setup.name")->value.empty()) {
            focus("setup.name");
            type(name);
        }
        focus("setup.pass");
        type(pass);
        focus("setup.pass2");
        type(pass);
        activate("setup.create");
    }
    // The file the workspace handed out last whose name starts with `prefix`.
    std::string saved(const std::string& prefix) {
        for (auto it = platform.saved.rbegin(); it != platform.saved.rend(); ++it)
            if (it->first.rfind(prefix, 0) == 0) return it->second;
        FAIL("no file starting with " << prefix << " was saved");
        return {};
    }
    void pick_file(const std::string& id, const std::string& name, const std::string& bytes) {
        platform.to_pick = {{name, bytes}};
        activate(id);
        frame();
        frame();
    }
};

// The organization that offers the demo directory's first food service: its name is the
// directory's, so the clinic's referral goes to it.
struct Organization {
    std::string name;
    std::map<std::string, std::string> storage;  // its encrypted store, between its two runs
    std::string card;                             // its contact card, handed to the clinic
};

Organization set_up_organization(const std::string& name) {
    Workspace o("org", false);
    REQUIRE(o.run_until_store("absent"));
    o.passphrase_twice(name, kOrgPass);
    REQUIRE(o.run_until_store("unlocked"));
    o.activate("tab.contacts");
    o.activate("contacts.download");
    return Organization{name, o.platform.storage, o.saved("")};
}

// The walk: at w x h, in the pseudo catalog or in English.
void walk_with_data(float w, float h, bool pseudo) {
    // Which organization the clinic will refer to: asked of a plain English clinic first.
    std::string org_name;
    {
        Workspace probe("clinic", false);
        probe.passphrase_twice("", kClinicPass);
        REQUIRE(probe.run_until_store("unlocked"));
        probe.activate("screen.start.ahc-hrsn");
        probe.activate("q.88122-7.0");
        probe.activate("assisted.finish");
        probe.activate("need.food-insecurity");
        org_name = probe.ws()["refer"]["services"][0];
    }
    REQUIRE(!org_name.empty());
    Organization org = set_up_organization(org_name);

    // --- The clinic, in the pseudo language.
    std::string referral_file;
    {
        Workspace c("clinic", pseudo, {}, w, h);
        const std::string at = "clinic with data at " + std::to_string(static_cast<int>(w)) + (pseudo ? ", pseudo" : ", English");
        REQUIRE(c.run_until_store("absent"));
        c.passphrase_twice("", kClinicPass);
        REQUIRE(c.run_until_store("unlocked"));
        c.activate("screen.start.ahc-hrsn");
        c.focus("assisted.patient_id");
        c.type("MRN-42");
        c.activate("q.71802-3.1");
        c.activate("q.88122-7.0");
        c.activate("q.93030-5.0");
        c.check(at + ", an assisted screening with answers");
        c.activate("assisted.finish");
        REQUIRE(c.ws()["tab"] == "refer");
        c.check(at + ", refer: the needs of a finished screening");
        c.activate("need.food-insecurity");
        REQUIRE(c.ws()["refer"]["services"][0] == org_name);
        c.check(at + ", refer: a need's services");
        c.activate("service.0.pick");
        // The person's column scrolls on its own (the checks above focused its last control): the
        // keyboard's way there, as the wheel over the needs' column would not move it.
        c.focus("person.name");
        c.type("Alex Testperson");
        c.activate("consent.given");
        c.check(at + ", refer: a service picked, a person, consent");
        c.activate("refer.create");
        REQUIRE(c.ws()["referrals"].size() == 1);
        c.check(at + ", refer: the referral made");

        c.activate("tab.contacts");
        c.pick_file("contacts.add", "org.contact.json", org.card);
        REQUIRE(c.shows("contacts.trust"));
        c.check(at + ", contacts: a card to compare and trust");
        c.activate("contacts.trust");
        REQUIRE(c.ws()["contacts"] == 1);
        c.check(at + ", contacts: one trusted organization");

        c.activate("tab.referrals");
        c.check(at + ", referrals: one to export");
        c.activate("referral.0.export");
        referral_file = c.saved("referral-");
        REQUIRE(c.run_until_store("unlocked"));
        c.check(at + ", referrals: one sent");
        c.platform.wall += 8 * 86400;  // eight days later: no answer, a call is due
        c.frame();
        REQUIRE(c.ws()["follow_up"].size() == 1);
        c.activate("tab.screenings");
        c.activate("tab.referrals");
        c.check(at + ", referrals: a follow-up to call today");
        c.activate("follow.0.call");
        c.check(at + ", referrals: the call's record open");
        c.activate("call.outcome.not-yet");
        c.focus("call.note");
        c.type("left a voicemail");
        c.check(at + ", referrals: the call's outcome and note");
        c.activate("call.save");
        REQUIRE(c.run_until_store("unlocked"));
        c.check(at + ", referrals: the call recorded");

        c.activate("tab.dashboard");
        c.focus("dash.from");
        c.type("2026-11-01");
        c.focus("dash.to");
        c.type("2026-12-31");
        c.frame();
        REQUIRE(c.ws().contains("measures"));
        c.check(at + ", dashboard: a month's measures and figures");
        CHECK(c.screens >= 14);
    }

    // --- The organization, in the pseudo language: the clinic's first contact, the referral.
    {
        Workspace o("org", pseudo, org.storage, w, h);
        const std::string at = "organization with data at " + std::to_string(static_cast<int>(w)) + (pseudo ? ", pseudo" : ", English");
        REQUIRE(o.run_until_store("locked"));
        o.focus("unlock.pass");
        o.type(kOrgPass);
        o.activate("unlock.go");
        REQUIRE(o.run_until_store("unlocked"));
        o.pick_file("inbox.import", "referral.age", referral_file);
        REQUIRE(o.shows("trust.accept"));
        o.check(at + ", inbox: the clinic's first contact to compare");
        o.activate("trust.accept");
        REQUIRE(o.run_until_store("unlocked"));
        REQUIRE(o.ws()["referrals"].size() == 1);
        o.check(at + ", inbox: one referral");
        o.activate("incoming.0.open");
        o.check(at + ", inbox: the referral opened with its actions");
        o.activate("act.accept");
        REQUIRE(o.run_until_store("unlocked"));
        o.check(at + ", inbox: the referral accepted");
        REQUIRE(o.scroll_into_view("capacity.title") != nullptr);
        o.check(at + ", inbox: the capacity of the directory's services");
        o.activate("tab.dashboard");
        o.check(at + ", dashboard: one referral received");
        CHECK(o.screens >= 6);
    }
}

}  // namespace

TEST_CASE("issue 14: pseudo-localized, the workspace's screens with data fit at 1280x800 (a referral, a follow-up, measures, an inbox, capacity)") {
    walk_with_data(1280, 800, true);
}

TEST_CASE("WCAG 1.4.10: the workspace's screens with data fit at 320x256 CSS px in English (the call's record, a first contact, capacity too)") {
    walk_with_data(320, 256, false);
}
