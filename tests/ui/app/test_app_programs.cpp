// The two web programs (web/CMakeLists.txt, issue 16): App with the workspace (safetynet-staff)
// and App without it (safetynet, the kiosk's first load). The kiosk-only App must still screen,
// and must say when a URL or site asks for a staff mode it cannot draw.
#include "core/screening/form_expressions.hpp"
#include "tests/support/ui_harness.hpp"

using safetynet::test::UiHarness;

TEST_CASE("the whole app opens a clinic's workspace for #clinic") {
    UiHarness h(1280, 800, "clinic");
    h.frame();
    CHECK(h.state()["mode"] == "clinic");
    CHECK(h.state()["screen"] == "workspace");
    CHECK_FALSE(h.app->needs_workspace());
}

TEST_CASE("the kiosk-only app screens, and asks for the staff program when a staff mode is wanted") {
    for (const char* mode : {"clinic", "org"}) {
        CAPTURE(mode);
        UiHarness h(1280, 800, mode, false);
        h.frame();
        CHECK(h.state()["mode"] == mode);
        CHECK(h.app->needs_workspace());
        CHECK(h.state()["screen"] == "welcome");  // never a blank screen while the other program loads
    }
    UiHarness kiosk(1280, 800, "kiosk", false);
    kiosk.click("welcome.start");
    CHECK(kiosk.state()["mode"] == "kiosk");
    CHECK_FALSE(kiosk.app->needs_workspace());
    CHECK(kiosk.state()["screen"] != "welcome");
}

namespace {

// A site's own form with an SDC calculated expression (core/screening/form_expressions.hpp).
constexpr const char* kFormWithExpressions = R"json({"resourceType": "Questionnaire", "id": "site-form", "status": "active",
  "title": "Household size", "item": [
    {"linkId": "adults", "type": "integer", "text": "How many adults live with you?"},
    {"linkId": "children", "type": "integer", "text": "How many children live with you?"},
    {"linkId": "total", "type": "integer", "text": "People in the household", "readOnly": true,
     "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
                    "valueExpression": {"language": "text/fhirpath",
                      "expression": "%resource.item.where(linkId='adults').answer.value.first() + %resource.item.where(linkId='children').answer.value.first()"}}]}]})json";

// The engine a program linked, unset while a test plays the kiosk program (which has none) and
// set back after.
struct WithoutFormExpressions {
    const safetynet::core::FormExpressionEngine* engine = safetynet::core::form_expression_engine();
    WithoutFormExpressions() { safetynet::core::set_form_expression_engine(nullptr); }
    ~WithoutFormExpressions() { safetynet::core::set_form_expression_engine(engine); }
};

}  // namespace

TEST_CASE("issue 16: the kiosk program has no FHIRPath engine: a site form with expressions asks for the program that has one") {
    const auto site = [](UiHarness& h) {
        h.platform.files["assets/site.json"] = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn", "form": "forms/site.json"})";
        h.platform.files["forms/site.json"] = kFormWithExpressions;
        h.frame();
        h.frame();
    };
    {
        const WithoutFormExpressions kiosk_program;
        UiHarness h(1280, 800, "kiosk", false);
        site(h);
        CHECK(h.app->needs_form_expressions());
        // Until the other program starts, the built-in instrument screens (never a blank screen).
        h.click("welcome.start");
        CHECK(h.state()["screen"] != "welcome");
    }
    // With the engine (the program it asks for), the site's form runs and calculates.
    UiHarness h(1280, 800, "kiosk", false);
    site(h);
    CHECK_FALSE(h.app->needs_form_expressions());
    h.click("welcome.start");
    h.click("nav.next");
    REQUIRE(h.state()["screen"] == "question");
    const safetynet::ui::SemanticNode* q = h.app->semantics().find("question.text");
    REQUIRE(q != nullptr);
    CHECK(q->name.find("How many adults live with you?") != std::string::npos);
}
