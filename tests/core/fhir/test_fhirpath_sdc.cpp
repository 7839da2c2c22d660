// What SDC adds to FHIRPath and the conformance suite does not test (SDC 3.0 "Expression
// extensions", FHIRPath supplements): answers(), ordinal() / weight() looked up in the
// Questionnaire, %questionnaire and %qitem, and a calculated score written the way real forms
// write it. (The real forms themselves are compared with fhirpath.js in tests/fhirpath.)
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace safetynet::core;
using namespace safetynet::core::fhirpath;
using nlohmann::json;

namespace {

// A two-question form scored by ordinalValue, one question nested in a group, one answered
// from a contained ValueSet, and a question under an answer.
const json questionnaire = json::parse(R"({
  "resourceType": "Questionnaire", "url": "http://example.org/q",
  "contained": [{"resourceType": "ValueSet", "id": "freq", "compose": {"include": [{"system": "http://loinc.org", "concept": [
      {"code": "LA6568-5", "display": "Not at all", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]},
      {"code": "LA6570-1", "display": "More than half the days", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2}]}]}]}}],
  "item": [
    {"linkId": "q1", "type": "choice", "text": "Interest", "answerOption": [
        {"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]},
        {"valueCoding": {"system": "http://loinc.org", "code": "LA6569-3"}, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 1}]}]},
    {"linkId": "g", "type": "group", "item": [
        {"linkId": "q2", "type": "choice", "answerValueSet": "#freq"},
        {"linkId": "q3", "type": "integer", "answerOption": [{"valueInteger": 7, "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 70}]}]}]},
    {"linkId": "smoke", "type": "boolean", "item": [{"linkId": "packs", "type": "decimal"}]}
  ]
})");

const json response = json::parse(R"({
  "resourceType": "QuestionnaireResponse", "status": "completed",
  "item": [
    {"linkId": "q1", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6569-3"}}]},
    {"linkId": "g", "item": [
        {"linkId": "q2", "answer": [{"valueCoding": {"code": "LA6570-1"}}]},
        {"linkId": "q3", "answer": [{"valueInteger": 7}]}]},
    {"linkId": "smoke", "answer": [{"valueBoolean": true, "item": [{"linkId": "packs", "answer": [{"valueDecimal": 1.5}]}]}]}
  ]
})");

Environment sdc_env() {
    Environment env;
    env.set_json("questionnaire", questionnaire);
    return env;
}

json eval_json(std::string_view expression, const json& input, const Environment& env) {
    return compile(expression).evaluate(input, env).to_json();
}

}  // namespace

TEST_CASE("answers() returns every answer, nested ones included, in document order") {
    const Environment env = sdc_env();
    CHECK(eval_json("answers().count()", response, env) == json::array({5}));
    CHECK(eval_json("answers().value.code", response, env) == json::array({"LA6569-3", "LA6570-1"}));
    CHECK(eval_json("answers().value.ofType(decimal)", response, env) == json::array({1.5}));  // under an answer
    CHECK(eval_json("item.where(linkId = 'g').answers().value.ofType(integer)", response, env) == json::array({7}));
    CHECK(eval_json("%resource.answers().exists()", json::parse(R"({"resourceType": "QuestionnaireResponse"})"), env) ==
          json::array({false}));
}

TEST_CASE("ordinal() and weight() find an answer's score in the Questionnaire") {
    const Environment env = sdc_env();
    // answerOption with itemWeight (q1), contained ValueSet concept matched by code when the
    // response leaves the system out (q2), an integer option (q3); the boolean has none.
    CHECK(eval_json("answers().value.ordinal()", response, env) == json::array({1, 2, 70}));
    CHECK(eval_json("answers().weight()", response, env) == json::array({1, 2, 70}));
    CHECK(eval_json("answers().value.ordinal().sum()", response, env) == json::array({73}));
    // A score on the answer itself comes first, and needs no Questionnaire.
    json scored = response;
    scored["item"][0]["answer"][0]["valueCoding"]["extension"] = json::parse(R"([{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 5}])");
    CHECK(eval_json("item.first().answer.value.ordinal()", scored, Environment{}) == json::array({5}));
    // ordinal() on an option of the Questionnaire itself.
    CHECK(eval_json("%questionnaire.item.first().answerOption.valueCoding.ordinal()", response, env) == json::array({0, 1}));
}

TEST_CASE("ordinal() says what is missing rather than guessing") {
    CHECK_THROWS_WITH(compile("answers().value.ordinal()").evaluate(response), doctest::Contains("ordinal() needs %questionnaire"));
    json stray = response;
    stray["item"][0]["linkId"] = "q9";
    CHECK_THROWS_WITH(compile("answers().value.weight()").evaluate(stray, sdc_env()), doctest::Contains("no item with linkId q9"));
}

TEST_CASE("%qitem is the Questionnaire item of the item being calculated") {
    Environment env = sdc_env();
    env.set("qitem", Collection::of_element(questionnaire["item"][0], "Questionnaire.item"));
    CHECK(eval_json("%qitem.text", response, env) == json::array({"Interest"}));
    CHECK(eval_json("%qitem.answerOption.value.code", response, env) == json::array({"LA6568-5", "LA6569-3"}));
    CHECK(eval_json("%resource.item.where(linkId = %qitem.linkId).answer.value.code", response, env) == json::array({"LA6569-3"}));
}

TEST_CASE("an item-level variable evaluated on its item, then a calculated score from it") {
    // As SDC evaluates them: the item's variable with the item as %context, the calculated
    // expression after it, with the variable in the environment.
    Environment env = sdc_env();
    env.set_json("resource", response);
    const Collection group = compile("item.where(linkId = 'g')").evaluate(response);
    const Collection scores = compile("item.answer.value.ordinal()").evaluate(group, env);
    CHECK(scores.to_json() == json::array({2, 70}));
    env.set("groupScores", scores);
    const Expression total = compile("iif(%groupScores.exists(), %groupScores.sum() + %resource.item.first().answer.value.weight(), {})");
    CHECK(total.evaluate(group, env).to_json() == json::array({73}));
    env.set("groupScores", Collection());
    CHECK(total.evaluate(group, env).to_json() == json::array());
}

TEST_CASE("aggregate, iif and the sums SDC forms use") {
    const Environment env = sdc_env();
    CHECK(eval_json("answers().value.ordinal().aggregate($total + $this, 0)", response, env) == json::array({73}));
    CHECK(eval_json("answers().value.ordinal().aggregate(iif($total.empty() or $this > $total, $this, $total))", response, env) ==
          json::array({70}));
    CHECK(eval_json("(1.5 | 2.25).sum()", response, env) == json::array({3.75}));
    CHECK(eval_json("(1 | 2 | 3).avg()", response, env) == json::array({2}));
    CHECK(eval_json("(4 | 1 | 3).min().toString() & '-' & (4 | 1 | 3).max().toString()", response, env) == json::array({"1-4"}));
    CHECK(eval_json("{}.sum()", response, env) == json::array());  // as fhirpath.js
}
