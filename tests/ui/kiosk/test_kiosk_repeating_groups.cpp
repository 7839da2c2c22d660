// Issue 13: a site's own form with a repeating group on the kiosk. "Add another <group>" and
// "Remove <group> <n>" are buttons in the semantic tree (role, name = the visible label),
// pressed here by activation as a screen reader or the keyboard does; SDC maxOccurs holds.
#include "tests/support/ui_harness.hpp"

#include <algorithm>
#include <string>

using safetynet::test::UiHarness;

namespace {

const char* const kSite = R"({"site_name": "Test Clinic", "form": "forms/household.json", "ask_location": false})";

const char* const kForm = R"({
  "resourceType": "Questionnaire", "id": "household", "url": "http://example.org/q/household", "status": "active",
  "title": "Household",
  "item": [
    {"linkId": "person", "type": "group", "text": "Person", "repeats": true,
     "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs", "valueInteger": 2}],
     "item": [
       {"linkId": "name", "type": "string", "text": "Name"},
       {"linkId": "works", "type": "boolean", "text": "Works?"}]},
    {"linkId": "done", "type": "boolean", "text": "Anything else?"}]
})";

struct Kiosk : UiHarness {
    Kiosk() {
        platform.files["assets/site.json"] = kSite;
        platform.files["forms/household.json"] = kForm;
        frame();
        frame();
        frame();
    }
    std::string item() { return state()["kiosk"].value("item", ""); }
    void type_name(const std::string& name) {
        focus("answer.text");
        type(name);
    }
};

}  // namespace

TEST_CASE("kiosk: a second instance of a repeating group is added and removed through the semantic tree") {
    Kiosk k;
    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.item() == "name");
    CHECK_FALSE(k.has("instance.add.person"));  // on the instance's last question, not its first
    k.type_name("Ana");
    k.click("nav.next");
    REQUIRE(k.item() == "works");
    k.click("answer.yes");

    const safetynet::ui::SemanticNode* add = k.app->semantics().find("instance.add.person");
    REQUIRE(add != nullptr);
    CHECK(add->role == safetynet::ui::Role::Button);
    CHECK(add->name == "Add another Person");
    CHECK_FALSE(k.has("instance.remove.person"));  // the only instance stays
    k.activate("instance.add.person");
    CHECK(k.item() == "name#2");  // the new instance's first question comes next
    k.type_name("Ben");
    k.click("nav.next");
    CHECK(k.item() == "works#2");
    k.frame();
    CHECK_FALSE(k.has("instance.add.person#2"));  // maxOccurs 2
    const safetynet::ui::SemanticNode* remove = k.app->semantics().find("instance.remove.person#2");
    REQUIRE(remove != nullptr);
    CHECK(remove->role == safetynet::ui::Role::Button);
    CHECK(remove->name == "Remove Person 2");
    k.click("answer.no");
    k.click("nav.next");
    CHECK(k.item() == "done");
    k.click("answer.no");
    k.click("nav.next");
    REQUIRE(k.state()["kiosk"]["step"] == "review");
    CHECK(k.state()["kiosk"]["answered"] == nlohmann::json({"name", "works", "name", "works", "done"}));

    // Back to the second person's last question, and remove that person.
    k.click("nav.back");
    k.click("nav.back");
    REQUIRE(k.item() == "works#2");
    k.activate("instance.remove.person#2");
    CHECK(k.item() == "works");  // the question before the removed instance
    k.click("nav.next");
    REQUIRE(k.item() == "done");
    k.click("nav.next");
    REQUIRE(k.state()["kiosk"]["step"] == "review");
    CHECK(k.state()["kiosk"]["answered"] == nlohmann::json({"name", "works", "done"}));
}
