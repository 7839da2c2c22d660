// Issue 13: SDC answerExpression evaluated on the device. The options come from the response
// (here: what was ticked in another item) and follow it as answers change; an expression that
// needs a server (%terminologies, a URL) is reported by linkId and the item takes free text.
#include "core/base/error.hpp"
#include "core/screening/form_expressions.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

using namespace safetynet::core;
using nlohmann::json;

namespace {

const char* const kForm = R"J({
  "resourceType": "Questionnaire", "status": "active",
  "item": [
    {"linkId": "needs", "type": "choice", "repeats": true, "text": "What do you need?",
     "answerOption": [
       {"valueCoding": {"system": "http://example.org/needs", "code": "food", "display": "Food"}},
       {"valueCoding": {"system": "http://example.org/needs", "code": "rent", "display": "Rent"}},
       {"valueCoding": {"system": "http://example.org/needs", "code": "ride", "display": "A ride"}}]},
    {"linkId": "first", "type": "choice", "text": "Which matters most?",
     "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression",
                    "valueExpression": {"language": "text/fhirpath",
                                        "expression": "%resource.item.where(linkId='needs').answer.value"}}]},
    {"linkId": "city", "type": "choice", "text": "City",
     "extension": [{"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression",
                    "valueExpression": {"language": "text/fhirpath",
                                        "expression": "%terminologies.expand('http://example.org/vs/cities')"}}]}]
})J";

std::shared_ptr<const Questionnaire> form() { return std::make_shared<const Questionnaire>(Questionnaire::parse(kForm, "form")); }

}  // namespace

TEST_CASE("answerExpression: options computed from the response follow its answers") {
    Response r(form());
    const std::size_t needs = r.index_of("needs"), first = r.index_of("first");
    CHECK(r.questionnaire().item(first).options.empty());
    r.toggle_option(needs, 0);
    r.toggle_option(needs, 2);
    REQUIRE(r.questionnaire().item(first).options.size() == 2);
    CHECK(r.questionnaire().item(first).options[1].label.base == "A ride");
    CHECK(r.expression_issues().empty());
    r.select_option(first, 1);
    const json qr = r.to_fhir();
    CHECK(qr["item"][1]["linkId"] == "first");
    CHECK(qr["item"][1]["answer"][0]["valueCoding"]["code"] == "ride");
    // Not an option now: refused like any other answer outside the list.
    CHECK_THROWS_WITH_AS(r.set(first, AnswerValue::of_coding("http://example.org/needs", "rent")),
                         doctest::Contains("not one of the answers"), Error);
    r.toggle_option(needs, 0);  // food no longer ticked: one option left
    REQUIRE(r.questionnaire().item(first).options.size() == 1);
    CHECK(r.questionnaire().item(first).options[0].value.coding.code == "ride");
    // A response read back computes the same options before its answers are checked.
    const Response back = Response::from_fhir(form(), qr);
    CHECK(back.answers(back.index_of("first")).front().coding.code == "ride");
}

TEST_CASE("answerExpression: one that needs a server is reported by linkId and the item takes free text") {
    const auto q = form();
    const Item& city = q->item(*q->find("city"));
    CHECK(city.type == ItemType::OpenChoice);
    CHECK(city.unresolved_value_set.find("%terminologies") != std::string::npos);
    bool reported = false;
    for (const ImportWarning& w : q->warnings())
        reported = reported || (w.link_id == "city" && w.kind == "unresolved-answer-expression");
    CHECK(reported);
    Response r(q);
    r.set_typed(*q->find("city"), "Portland");
    CHECK(r.expression_issues().empty());
    CHECK(r.to_fhir()["item"][0]["answer"][0]["valueString"] == "Portland");
}

TEST_CASE("issue 16: a program without the FHIRPath engine refuses a form with expressions, and reads one without") {
    const FormExpressionEngine* engine = form_expression_engine();
    REQUIRE(engine != nullptr);  // the tests run with it (tests/test_main.cpp)
    set_form_expression_engine(nullptr);
    const json form = {{"resourceType", "Questionnaire"}, {"status", "active"},
                       {"item", json::array({{{"linkId", "a"}, {"type", "integer"}, {"text", "A"}},
                                             {{"linkId", "twice"}, {"type", "integer"}, {"text", "Twice A"},
                                              {"extension", json::array({{{"url", "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"},
                                                                          {"valueExpression", {{"language", "text/fhirpath"},
                                                                                               {"expression", "%resource.item.where(linkId='a').answer.value * 2"}}}}})}}})}};
    std::string kind, where;
    try {
        Questionnaire::parse(form.dump(), "form.json");
    } catch (const Error& e) {
        kind = e.kind();
        where = e.where();
    }
    const bool plain_form_reads = Questionnaire::parse(R"({"resourceType": "Questionnaire", "status": "active",
        "item": [{"linkId": "a", "type": "integer", "text": "A"}]})", "plain.json").items().size() == 1;
    set_form_expression_engine(engine);
    CHECK(kind == "form-needs-expressions");
    CHECK(where.find("twice") != std::string::npos);
    CHECK(plain_form_reads);
    // With the engine back, the same form reads and calculates.
    const auto q = std::make_shared<const Questionnaire>(Questionnaire::parse(form.dump(), "form.json"));
    Response r(q);
    r.set(*q->find("a"), AnswerValue::of_integer(21));
    REQUIRE(r.answers(*q->find("twice")).size() == 1);
    CHECK(r.answers(*q->find("twice"))[0].integer == 42);
}
