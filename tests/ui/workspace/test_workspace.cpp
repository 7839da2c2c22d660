// The staff workspace in the headless UI: the encrypted store is set up, locked, refused with a
// wrong passphrase (nothing in storage changes), unlocked again, and locks itself when idle.
#include "tests/support/ui_harness.hpp"

#include "core/exchange/bundle.hpp"
#include "core/exchange/keyset.hpp"
#include "core/store/store_backup.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <algorithm>
#include <map>
#include <string>

using safetynet::test::UiHarness;
using safetynet::test::run_until_store;

namespace {

nlohmann::json ws(UiHarness& h) { return h.state()["workspace"]; }


void set_up(UiHarness& h, const std::string& passphrase) {
    REQUIRE(run_until_store(h, "absent"));
    // An organization names itself (a clinic's name is offered from the site file).
    if (h.app->semantics().find("setup.name")->value.empty()) {
        h.click("setup.name");
        h.type("Test Organization");
    }
    h.click("setup.pass");
    h.type(passphrase);
    h.click("setup.pass2");
    h.type(passphrase);
    h.click("setup.create");
}

}  // namespace

TEST_CASE("#clinic opens the clinic workspace, #org the organization's, nothing else does") {
    UiHarness clinic(1280, 800, "clinic");
    clinic.frame();
    CHECK(clinic.state()["mode"] == "clinic");
    CHECK(clinic.state()["screen"] == "workspace");
    UiHarness kiosk(1280, 800, "nonsense");
    kiosk.frame();
    CHECK(kiosk.state()["mode"] == "kiosk");
    CHECK(kiosk.state()["screen"] == "welcome");
}

TEST_CASE("set-up refuses a short or mistyped passphrase, then creates an encrypted store") {
    UiHarness h(1280, 800, "clinic");
    REQUIRE(run_until_store(h, "absent"));
    // An organization names itself (a clinic's name is offered from the site file).
    if (h.app->semantics().find("setup.name")->value.empty()) {
        h.click("setup.name");
        h.type("Test Organization");
    }
    h.click("setup.pass");
    h.type("short");
    h.click("setup.pass2");
    h.type("short");
    h.click("setup.create");
    CHECK(ws(h)["store"] == "absent");
    CHECK(h.platform.storage.empty());

    h.click("setup.pass");
    h.type("-but-longer-now");
    h.click("setup.create");  // the second field still says "short": they differ
    CHECK(ws(h)["store"] == "absent");

    h.click("setup.pass2");
    h.type("-but-longer-now");
    h.click("setup.create");
    REQUIRE(run_until_store(h, "unlocked"));
    CHECK(h.platform.storage.count("store/head") == 1);
    // Storage holds ciphertext only: the site's name is nowhere in it.
    const std::string name = ws(h)["name"];
    CHECK(!name.empty());
    for (const auto& [key, bytes] : h.platform.storage) {
        CHECK(key.find(name) == std::string::npos);
        CHECK(bytes.find(name) == std::string::npos);
    }
}

TEST_CASE("a wrong passphrase changes nothing; the right one unlocks; idle locks") {
    UiHarness h(1280, 800, "org");
    set_up(h, "organization passphrase");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("ws.lock");
    CHECK(ws(h)["store"] == "locked");
    CHECK(!ws(h).contains("referrals"));
    const auto before = h.platform.storage;

    h.click("unlock.pass");
    h.type("organization passphrasf");
    h.click("unlock.go");
    REQUIRE(run_until_store(h, "locked"));
    CHECK(ws(h)["store_error"] == "wrong-passphrase");
    CHECK(h.has("unlock.wrong"));
    CHECK(h.platform.storage == before);

    h.click("unlock.pass");
    h.type("organization passphrase");
    h.click("unlock.go");
    REQUIRE(run_until_store(h, "unlocked"));
    CHECK(ws(h)["tab"] == "inbox");

    // Ten minutes without input: the store locks itself, on time, without a touch; the sleeping
    // loop is told that moment (issue 16: it wakes then, not several times a second before).
    for (int i = 0; i < 5 && h.app->wants_redraw(h.platform.now); ++i) h.frame();
    h.app->note_input();
    const double lock_at = h.platform.now + safetynet::ui::Workspace::kLockAfterSeconds;
    CHECK(h.app->redraw_due_at(h.platform.now) == doctest::Approx(lock_at));
    h.platform.now = lock_at - 1;
    CHECK_FALSE(h.app->wants_redraw(h.platform.now));
    h.platform.now = lock_at + 1;
    CHECK(h.app->wants_redraw(h.platform.now));
    h.frame();
    CHECK(ws(h)["store"] == "locked");
}

TEST_CASE("the clinic refers to an organization whose card it trusts, and exports a sealed referral") {
    UiHarness h(1600, 2400, "clinic");  // tall: both columns of the form in view
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})";
    h.platform.files["assets/directory/demo-region.hsds.json"] = safetynet::test::read_source_file("assets/directory/demo-region.hsds.json");
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("screen.start.ahc-hrsn");
    h.click("q.88122-7.0");
    h.click("assisted.finish");
    REQUIRE(ws(h)["tab"] == "refer");
    h.click("need.food-insecurity");
    const std::string org = ws(h)["refer"]["services"][0];
    // Issue 12: each "Refer to this service" box lies in a group named by its service (a screen
    // reader hears which service it picks). (One unit of distance per card needs the ZIP
    // centroids, which only the web build has: e2e a11y_loop checks it.)
    {
        const auto& nodes = h.app->semantics().nodes();
        const safetynet::ui::SemanticNode* pick = h.app->semantics().find("service.0.pick");
        REQUIRE(pick != nullptr);
        REQUIRE(pick->parent >= 0);
        const safetynet::ui::SemanticNode& card = nodes[static_cast<std::size_t>(pick->parent)];
        CHECK(card.role == safetynet::ui::Role::Group);
        CHECK(!card.name.empty());
    }
    h.click("service.0.pick");
    h.click("person.name");
    h.type("Test Person");
    h.click("consent.given");
    h.click("refer.create");
    REQUIRE(ws(h)["referrals"].size() == 1);
    CHECK(ws(h)["referrals"][0]["organization"] == org);

    // The organization's card arrives after the referral was made; the fingerprint is compared.
    const safetynet::core::KeySet org_keys = safetynet::core::KeySet::generate(org);
    h.click("tab.contacts");
    h.platform.to_pick = {{"org.contact.json", org_keys.contact_card().to_json()}};
    h.click("contacts.add");
    h.frame();
    REQUIRE(h.has("contacts.trust"));
    h.click("contacts.trust");
    CHECK(ws(h)["contacts"] == 1);

    h.click("tab.referrals");
    h.click("referral.0.export");
    REQUIRE(h.platform.saved.size() >= 1);
    const auto& [name, bytes] = h.platform.saved.back();
    CHECK(name.rfind("referral-", 0) == 0);
    CHECK(bytes.rfind("-----BEGIN AGE ENCRYPTED FILE-----", 0) == 0);
    CHECK(bytes.find("Test Person") == std::string::npos);
    CHECK(ws(h)["referrals"][0]["sent"] == true);
    // The organization opens it with its own identity and sees the clinic as a new signer.
    const auto opened = safetynet::core::open_bundle(safetynet::core::as_bytes(bytes), {org_keys.age_identity}, {}, nullptr);
    CHECK(opened.trust == safetynet::core::BundleTrust::UnknownSigner);
    CHECK(opened.header.sender.name == ws(h)["name"].get<std::string>());
}

TEST_CASE("issue 15: the tracker opens on what needs a call, a call is recorded, the take-home list says what happens next") {
    UiHarness h(1600, 2400, "clinic");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})";
    h.platform.files["assets/directory/demo-region.hsds.json"] = safetynet::test::read_source_file("assets/directory/demo-region.hsds.json");
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("screen.start.ahc-hrsn");
    h.click("assisted.patient_id");
    h.type("MRN-42");
    h.click("q.88122-7.0");
    h.click("assisted.finish");
    h.click("need.food-insecurity");
    const std::string org = ws(h)["refer"]["services"][0];
    // Issue 12: each "Refer to this service" box lies in a group named by its service (a screen
    // reader hears which service it picks). (One unit of distance per card needs the ZIP
    // centroids, which only the web build has: e2e a11y_loop checks it.)
    {
        const auto& nodes = h.app->semantics().nodes();
        const safetynet::ui::SemanticNode* pick = h.app->semantics().find("service.0.pick");
        REQUIRE(pick != nullptr);
        REQUIRE(pick->parent >= 0);
        const safetynet::ui::SemanticNode& card = nodes[static_cast<std::size_t>(pick->parent)];
        CHECK(card.role == safetynet::ui::Role::Group);
        CHECK(!card.name.empty());
    }
    h.click("service.0.pick");
    h.click("person.name");
    h.type("Test Person");
    h.click("consent.given");
    h.click("refer.create");
    REQUIRE(ws(h)["referrals"].size() == 1);
    h.click("refer.take_home");
    REQUIRE(h.platform.printed.size() == 1);
    const auto& entry = h.platform.printed.back().sections.at(0).entries.at(0);
    CHECK(entry.title == org);
    bool says_when = false;
    for (const std::string& line : entry.lines) says_when = says_when || line.find("will contact you by 2026-11-25") != std::string::npos;
    CHECK(says_when);  // routine: 7 days after 2026-11-18

    CHECK(ws(h)["follow_up"].empty());
    h.platform.wall += 8 * 86400;  // the test clock: eight days later
    h.frame();
    REQUIRE(ws(h)["follow_up"].size() == 1);
    CHECK(ws(h)["follow_up"][0]["reason"] == "no-answer");
    h.click("tab.referrals");
    h.click("follow.0.call");
    h.click("call.outcome.connected");
    h.click("call.save");
    CHECK(ws(h)["follow_up"].empty());  // in touch with the organization: nothing more to follow
    h.click("follow.calendar");
    REQUIRE(!h.platform.saved.empty());
    CHECK(h.platform.saved.back().first == "safetynet-follow-ups.ics");
    CHECK(h.platform.saved.back().second.find("Test Person") == std::string::npos);

    // The measures for the month: the screening is linked to MRN-42, but without the EHR roster
    // the denominator is missing.
    h.click("tab.dashboard");
    h.click("dash.from");
    h.type("2026-11-01");
    h.click("dash.to");
    h.type("2026-11-30");
    h.frame();
    REQUIRE(ws(h).contains("measures"));
    CHECK(ws(h)["measures"]["mips-487"]["missing"] == true);
    CHECK(ws(h)["measures"]["mips-487"]["denominator"].is_null());
}

TEST_CASE("issue 14: the clinician sees the language a screening was answered in and its translation's provenance") {
    UiHarness h(1600, 2400, "clinic", true, "vi");  // a workspace opened in Vietnamese
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112"})";
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("screen.start.ahc-hrsn");
    h.click("q.88122-7.0");
    h.click("assisted.finish");
    h.click("tab.screenings");
    h.frame();
    const safetynet::ui::SemanticNode* line = nullptr;
    for (const auto& n : h.app->semantics().nodes())
        if (n.name.find("Tiếng Việt") != std::string::npos) line = &n;
    REQUIRE(line != nullptr);
    CHECK(h.has("screening.0.language"));
    // "Trả lời bằng Tiếng Việt — bản dịch của dự án, chưa được kiểm chứng": the workspace
    // catalog's Vietnamese of "Answered in {language} — project translation, not validated".
    CHECK(line->name.find("bản dịch của dự án") != std::string::npos);
}

TEST_CASE("issue 14: the clinic loads its certified translation, and a bad file changes nothing") {
    UiHarness h(1600, 2400, "clinic", true, "vi");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112"})";
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    auto catalog = nlohmann::json::parse(safetynet::test::read_source_file("assets/instruments/translations/ahc-hrsn.vi.json"));
    catalog["provenance"] = {{"kind", "official"}, {"source", "Riverside Health certified translation, 2026-11"}};

    // A file missing a text: refused, naming the file and field; nothing loaded.
    auto bad = catalog;
    bad["texts"].erase("Living situation");
    h.platform.to_pick = {{"clinic-vi.json", bad.dump()}};
    h.click("screen.translation");
    h.frame();
    CHECK(ws(h)["message"] == "error");
    CHECK_FALSE(h.has("screen.translation.ahc-hrsn.vi"));

    h.platform.to_pick = {{"clinic-vi.json", catalog.dump()}};
    h.click("screen.translation");
    h.frame();
    REQUIRE(h.has("screen.translation.ahc-hrsn.vi"));
    h.click("screen.start.ahc-hrsn");
    h.click("q.88122-7.0");
    h.click("assisted.finish");
    h.click("tab.screenings");
    h.frame();
    bool official = false;
    for (const auto& n : h.app->semantics().nodes())
        official = official || (n.name.find("Tiếng Việt") != std::string::npos &&
                                n.name.find("Riverside Health certified translation, 2026-11") != std::string::npos &&
                                n.name.find("bản dịch chính thức") != std::string::npos);
    CHECK(official);
}

namespace {

// The workspace's message (a paragraph in the semantic tree) that begins with `start`; "" if none.
std::string message_text(UiHarness& h, const std::string& start) {
    for (const auto& n : h.app->semantics().nodes())
        if (n.role == safetynet::ui::Role::Text && n.name.rfind(start, 0) == 0) return n.name;
    return {};
}

}  // namespace

TEST_CASE("issue 14: a Spanish workspace names a malformed file's line, and a wrong backup passphrase, in Spanish") {
    UiHarness h(1600, 2400, "clinic", true, "es");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112"})";
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));

    // A clinic's own form with a syntax error on line 3: the file and the line, in Spanish.
    h.platform.to_pick = {{"clinic-form.json", "{\n  \"resourceType\": \"Questionnaire\",\n  oops\n}"}};
    h.click("screen.import_form");
    h.frame();
    CHECK(ws(h)["message"] == "error");
    CHECK(message_text(h, "clinic-form.json") == "clinic-form.json: no se importó. clinic-form.json: no es JSON válido. (línea 3, columna 3)");

    // Another site's backup (made at the tests' small work factor), restored with a passphrase
    // that does not open it: refused in Spanish, nothing changed.
    namespace core = safetynet::core;
    const core::Store other = safetynet::test::create_store("other store passphrase");
    const core::Bytes file = core::export_store_backup(other, core::as_bytes(std::string("backup passphrase 1")),
                                                       "2026-11-18T00:00:00Z", safetynet::test::kTestLogN);
    const std::string name = "safetynet-backup-2026-11-18.age";
    h.click("tab.settings");
    h.platform.to_pick = {{name, core::to_string(file)}};
    h.click("backup.restore");
    h.frame();
    h.click("backup.pass");
    h.type("another passphrase");
    const auto before = h.platform.storage;
    h.click("backup.restore_go");
    for (int i = 0; i < 3000 && message_text(h, name).empty(); ++i) h.frame();
    CHECK(message_text(h, name) == name + " no se restauró: Esta frase de contraseña no abre este archivo. No se cambió nada.");
    CHECK(h.platform.storage == before);
}

TEST_CASE("issue 14: a Spanish workspace says which records of the site's HSDS directory could not be used, by file, row and field") {
    UiHarness h(1600, 2400, "clinic", true, "es");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112", "directory": "region.hsds.json"})";
    h.platform.files["region.hsds.json"] = R"([
      {"id": "svc-1", "name": "Food pantry", "status": "active"},
      {"id": "svc-2", "status": "active"},
      {"id": "svc-3", "name": "Evening clinic", "status": "active",
       "schedules": [{"id": "s1", "byday": "MO", "opens_at": "25:00", "closes_at": "17:00"}]}
    ])";
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("tab.settings");
    h.frame();
    CHECK(message_text(h, "Registros de este directorio") == "Registros de este directorio que no se pudieron usar (2):");
    CHECK(message_text(h, "region.hsds.json") == "region.hsds.json, registro svc-2: falta name; es obligatorio.");
    bool schedule = false;
    for (const auto& n : h.app->semantics().nodes())
        schedule = schedule || n.name == "region.hsds.json, registro svc-3: schedules[0].opens_at no se puede usar; se esperaba HH:MM, HH:MM:SS.";
    CHECK(schedule);
}

TEST_CASE("issue 14: a directory that cannot be loaded is said in the workspace's language") {
    UiHarness h(1600, 2400, "clinic", true, "es");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112", "directory": "missing.hsds.json"})";
    set_up(h, "clinic passphrase 1");
    REQUIRE(run_until_store(h, "unlocked"));
    h.click("tab.settings");
    h.frame();
    CHECK(message_text(h, "missing.hsds.json") == "missing.hsds.json: no se pudo cargar el archivo del directorio.");
}

TEST_CASE("issue 14: staff switch the workspace's language in its top bar, by each language's own name, and it is remembered") {
    const std::string site = R"({"site_name": "Demo clinic", "zip": "95112", "languages": ["en", "es", "vi", "ar"]})";
    std::map<std::string, std::string> storage;
    {
        UiHarness h(1280, 800, "clinic");
        h.platform.files["assets/site.json"] = site;
        REQUIRE(run_until_store(h, "absent"));
        CHECK(h.app->semantics().find("setup.create")->name == "Create encrypted workspace");
        const safetynet::ui::SemanticNode* menu = h.app->semantics().find("ws.lang.menu");
        REQUIRE(menu != nullptr);
        CHECK(menu->name == "Language: English");
        h.activate("ws.lang.menu");
        // Each of the site's languages in its own name, marked as that language; not Arabic,
        // which the workspace cannot yet draw right to left.
        REQUIRE(h.app->semantics().find("ws.lang.es") != nullptr);
        CHECK(h.app->semantics().find("ws.lang.es")->name == "Español");
        CHECK(h.app->semantics().find("ws.lang.vi")->name == "Tiếng Việt");
        CHECK(h.app->semantics().find("ws.lang.ar") == nullptr);
        h.activate("ws.lang.es");
        CHECK(h.state()["lang"] == "es");
        CHECK(h.app->semantics().find("setup.create")->name == "Crear espacio de trabajo cifrado");
        CHECK(h.app->semantics().find("ws.lang.menu")->name == "Idioma: Español");

        // Vietnamese: a catalog this program fetches when chosen, as the kiosk does.
        h.activate("ws.lang.menu");
        h.activate("ws.lang.vi");
        h.frame();
        CHECK(std::count(h.platform.fetched.begin(), h.platform.fetched.end(), "i18n/vi.json") == 1);
        CHECK(h.state()["lang"] == "vi");
        storage = h.platform.storage;
    }
    // The workspace opened again on this device: in Vietnamese.
    UiHarness again(1280, 800, "clinic");
    again.platform.files["assets/site.json"] = site;
    again.platform.storage = storage;
    REQUIRE(run_until_store(again, "absent"));
    for (int i = 0; i < 10 && again.state()["lang"] != "vi"; ++i) again.frame();  // its catalog fetched first
    CHECK(again.state()["lang"] == "vi");
    CHECK(again.app->semantics().find("ws.lang.menu")->name.rfind("Tiếng Việt") != std::string::npos);
}
