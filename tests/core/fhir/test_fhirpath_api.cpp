// The FHIRPath engine's interface (core/fhir/fhirpath.hpp): compile once and evaluate many
// times, the environment (%variables, %resource, %context, now, trace, strict), results as JSON,
// and the errors: where a syntax error is, which expression failed at evaluation. The spec's own
// semantics are the conformance suite's (tests/fhirpath).
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace safetynet::core;
using namespace safetynet::core::fhirpath;
using nlohmann::json;

namespace {

const json patient = json::parse(R"({
  "resourceType": "Patient", "id": "p1", "active": true, "birthDate": "1974-12-25",
  "name": [{"use": "official", "family": "Chalmers", "given": ["Peter", "James"]},
           {"use": "usual", "given": ["Jim"]}],
  "_birthDate": {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime", "valueDateTime": "1974-12-25T14:35:45-05:00"}]}
})");

const json observation = json::parse(R"({
  "resourceType": "Observation", "status": "final",
  "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7"}]},
  "valueQuantity": {"value": 185, "unit": "lbs", "system": "http://unitsofmeasure.org", "code": "[lb_av]"}
})");

json eval_json(std::string_view expression, const json& input, const Environment& env = {}) {
    return compile(expression).evaluate(input, env).to_json();
}

}  // namespace

TEST_CASE("an expression compiled once evaluates against many resources") {
    const Expression e = compile("name.where(use = 'official').given.first() + ' ' + name.family.first()");
    CHECK(e.text() == "name.where(use = 'official').given.first() + ' ' + name.family.first()");
    CHECK(e.evaluate(patient).to_json() == json::array({"Peter Chalmers"}));
    json other = patient;
    other["name"][0]["given"][0] = "Paul";
    CHECK(e.evaluate(other).to_json() == json::array({"Paul Chalmers"}));
    CHECK(e.evaluate(json::object()).to_json() == json::array());  // nothing to concatenate: empty
}

TEST_CASE("choice elements are reached by their base name and typed by the FHIR model") {
    CHECK(eval_json("Observation.value.unit", observation) == json::array({"lbs"}));
    CHECK(eval_json("Observation.value is Quantity", observation) == json::array({true}));
    CHECK(eval_json("Observation.value > 180 '[lb_av]'", observation) == json::array({true}));
    CHECK(eval_json("Observation.value > 90 'kg'", observation) == json::array({false}));  // 83.9 kg
    CHECK(eval_json("Patient.birthDate < @2000-01-01", patient) == json::array({true}));  // a FHIR date, compared as a Date
    CHECK(eval_json("Patient.birthDate.extension('http://hl7.org/fhir/StructureDefinition/patient-birthTime').value.toString()", patient) ==
          json::array({"1974-12-25T14:35:45-05:00"}));
}

TEST_CASE("syntax errors say where") {
    struct Case {
        const char* expression;
        std::size_t position;  // 0-based
        const char* says;
    };
    const Case cases[] = {
        {"name.where(", 11, "end of expression"},
        {"name.frobnicate()", 5, "unknown function frobnicate()"},
        {"'abc'.substring()", 6, "substring() takes 1 to 2 arguments, not 0"},
        {"name.given = 'Peter", 13, "not closed"},
        {"@2020-13-01", 0, "not a valid date"},
        {"1 + * 2", 4, "unexpected '*'"},
        {"'\\x'", 1, "unknown escape"},
        {"name /* never closed", 5, "comment is not closed"},
        {"$that", 0, "$this, $index and $total"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.expression);
        try {
            (void)compile(c.expression);
            FAIL("no error for " << c.expression);
        } catch (const SyntaxError& e) {
            CHECK(e.kind() == "fhirpath-syntax");
            CHECK(e.position() == c.position);
            CHECK(e.where() == std::string("fhirpath `") + c.expression + "`");
            CHECK(e.message().find("at character " + std::to_string(c.position + 1)) == 0);
            CHECK(std::string(e.message()).find(c.says) != std::string::npos);
        }
    }
}

TEST_CASE("evaluation errors name the expression and the place in it") {
    const auto error_of = [](std::string_view expression, const json& input) -> std::string {
        try {
            (void)compile(expression).evaluate(input);
        } catch (const Error& e) {
            CHECK(e.kind() == "fhirpath-evaluation");
            CHECK(e.where() == "fhirpath `" + std::string(expression) + "`");
            return e.message();
        }
        return "no error";
    };
    CHECK(error_of("name.single()", patient) == "at character 6: single() expects a single item, not 2");
    CHECK(error_of("%questionnaire.item", patient) == "at character 1: the variable %questionnaire is not defined");
    CHECK(error_of("name.given + 1", patient) == "at character 12: an arithmetic operator expects a single item, not 3");
    CHECK(error_of("birthDate < 'x'", patient) == "at character 11: cannot compare FHIR.date with System.String");
    CHECK(error_of("'a'.matches('[')", patient) ==
          "at character 13: not a valid regular expression: [ (an unclosed [ at character 2 of the regular expression)");
    CHECK(error_of("1.repeat($this + 1)", patient) == "at character 3: repeat() went past 100000 items");
}

TEST_CASE("nesting deeper than the engine recurses is refused at compile time") {
    CHECK_THROWS_WITH_AS(compile(std::string(300, '(') + "1" + std::string(300, ')')), doctest::Contains("nests too deeply"), SyntaxError);
    std::string chain = "a";
    for (int i = 0; i < 300; ++i) chain += ".a";
    CHECK_THROWS_WITH_AS(compile(chain), doctest::Contains("nests too deeply"), SyntaxError);
    std::string sum = "1";
    for (int i = 0; i < 300; ++i) sum += "+1";
    CHECK_THROWS_AS(compile(sum), SyntaxError);
    std::string fine = "1";
    for (int i = 0; i < 150; ++i) fine += "+1";
    CHECK(eval_json(fine, json::object()) == json::array({151}));
}

TEST_CASE("variables: caller-supplied, %resource, %context and the spec's constants") {
    Environment env;
    env.set("factor", Collection::of(Value::integer(3)));
    env.set_json("obs", observation);
    CHECK(eval_json("%factor * 2", patient, env) == json::array({6}));
    CHECK(eval_json("%obs.value.code", patient, env) == json::array({"[lb_av]"}));  // a resource variable is typed
    CHECK(eval_json("%ucum & '|' & %loinc", patient, env) == json::array({"http://unitsofmeasure.org|http://loinc.org"}));
    CHECK(eval_json("%`vs-administrative-gender`", patient, env) == json::array({"http://hl7.org/fhir/ValueSet/administrative-gender"}));

    // Evaluated on an element, %context is that element and %resource the resource above it.
    const Collection official = compile("name.where(use = 'official')").evaluate(patient);
    REQUIRE(official.size() == 1);
    CHECK(compile("%context.family").evaluate(official).to_json() == json::array({"Chalmers"}));
    CHECK(compile("%resource.id").evaluate(official).to_json() == json::array({"p1"}));
    // The environment's %resource wins.
    Environment other;
    other.set_json("resource", observation);
    CHECK(compile("%resource.status").evaluate(official, other).to_json() == json::array({"final"}));
}

TEST_CASE("a variable's collection keeps its elements' place, so later expressions can use it") {
    Environment env;
    const Collection names = compile("name").evaluate(patient);
    env.set("names", names);
    CHECK(eval_json("%names.where(use = 'usual').given", json::object(), env) == json::array({"Jim"}));
    CHECK(eval_json("%names.given.count()", json::object(), env) == json::array({3}));
}

TEST_CASE("results as JSON values") {
    const json out = eval_json("name[1] | birthDate | 1.50 | 2 | (3 'mg') | @2024-02-29T10:00 | true | 'x'", patient);
    CHECK(out == json::parse(R"([{"use": "usual", "given": ["Jim"]}, "1974-12-25", 1.5, 2,
                                 {"value": 3, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"},
                                 "2024-02-29T10:00", true, "x"])"));
    // A primitive with only an extension counts as an item but has no value to give.
    const json with_gap = json::parse(R"({"resourceType": "Patient", "name": [{"given": [null, "Jim"], "_given": [{"id": "g0"}, null]}]})");
    const Collection given = compile("name.given").evaluate(with_gap);
    CHECK(given.size() == 2);
    CHECK(given.to_json() == json::array({"Jim"}));
    CHECK(eval_json("name.given.first().id", with_gap) == json::array({"g0"}));
    CHECK(eval_json("name.given.first().hasValue()", with_gap) == json::array({false}));
}

TEST_CASE("Collection::of_element types a piece of a resource by its model path") {
    const json item = json::parse(R"({"linkId": "1", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}]})");
    // Typed as a QuestionnaireResponse item, answer.value finds valueCoding (a choice element).
    CHECK(compile("answer.value.code").evaluate(Collection::of_element(item, "QuestionnaireResponse.item")).to_json() == json::array({"LA6568-5"}));
    CHECK(compile("answer.value is Coding").evaluate(Collection::of_element(item, "QuestionnaireResponse.item")).to_json() == json::array({true}));
    // As untyped JSON there is no element called "value".
    CHECK(compile("answer.value.code").evaluate(Collection::of_json(item)).to_json() == json::array());
    CHECK(compile("code").evaluate(Collection::of_element(item["answer"][0]["valueCoding"], "Coding")).to_json() == json::array({"LA6568-5"}));
}

TEST_CASE("strict evaluation reports names the model does not have") {
    CHECK(eval_json("name.given1", patient) == json::array());
    CHECK(eval_json("Observation.valueQuantity.unit", observation) == json::array({"lbs"}));  // fhirpath.js reads forms this way
    Environment strict;
    strict.strict = true;
    CHECK_THROWS_WITH(compile("name.given1").evaluate(patient, strict), doctest::Contains("'given1' is not an element of HumanName"));
    CHECK_THROWS_WITH(compile("Observation.valueQuantity.unit").evaluate(observation, strict),
                      doctest::Contains("'valueQuantity' is a choice element: use 'value'"));
}

TEST_CASE("now(), today() and trace() use the environment, and nothing is logged without it") {
    Environment env;
    env.now = Temporal::parse_date_time("2026-03-01T08:30:00.000+01:00");
    CHECK(eval_json("today()", patient, env) == json::array({"2026-03-01"}));
    CHECK(eval_json("now()", patient, env) == json::array({"2026-03-01T08:30:00.000+01:00"}));
    CHECK(eval_json("today() - 1 day", patient, env) == json::array({"2026-02-28"}));
    std::vector<std::string> traced;
    env.trace = [&](std::string_view name, const Collection& values) { traced.push_back(std::string(name) + "=" + values.to_json().dump()); };
    CHECK(eval_json("name.trace('names', given).count()", patient, env) == json::array({2}));
    CHECK(traced == std::vector<std::string>{R"(names=["Peter","James","Jim"])"});
}

TEST_CASE("a collection read as a Boolean follows singleton evaluation") {
    CHECK(compile("active").evaluate(patient).as_boolean() == true);
    CHECK(compile("deceased").evaluate(patient).as_boolean() == std::nullopt);
    CHECK(compile("id").evaluate(patient).as_boolean() == true);  // one item that is not a Boolean
    CHECK_THROWS_AS((void)compile("name").evaluate(patient).as_boolean(), Error);
}
