// FHIRPath evaluation over untrusted expressions and resources: the input is an expression,
// optionally followed by a NUL byte and a JSON resource to evaluate it on (else a small Patient,
// QuestionnaireResponse and Questionnaire built in here). Every result must be an item
// collection or core::Error, never a crash, a hang or unbounded memory; the result must also
// convert to JSON.
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/fhir/fhirpath.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

using namespace safetynet::core;
using nlohmann::json;

namespace {

const json& builtin_response() {
    static const json r = json::parse(R"({
      "resourceType": "QuestionnaireResponse", "id": "r1", "status": "completed",
      "contained": [{"resourceType": "Patient", "id": "p", "name": [{"given": ["Ann", null], "_given": [null, {"id": "g"}], "family": "Lee"}],
                     "birthDate": "1980-02-29", "gender": "female"}],
      "subject": {"reference": "#p"},
      "authored": "2026-01-05T10:30:00+01:00",
      "item": [
        {"linkId": "q1", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6569-3"}}]},
        {"linkId": "g", "item": [{"linkId": "q2", "answer": [{"valueInteger": 7, "_valueInteger": {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2.5}]}}]},
                                 {"linkId": "q3", "answer": [{"valueQuantity": {"value": 72.5, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}},
                                                             {"valueDate": "2026-01", "item": [{"linkId": "q4", "answer": [{"valueString": "x y"}]}]}]}]}
      ]
    })");
    return r;
}

const json& builtin_questionnaire() {
    static const json q = json::parse(R"({
      "resourceType": "Questionnaire", "url": "http://example.org/q",
      "contained": [{"resourceType": "ValueSet", "id": "vs", "compose": {"include": [{"system": "http://loinc.org", "concept": [{"code": "LA6569-3", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 1}]}]}]}}],
      "item": [{"linkId": "q1", "type": "choice", "answerValueSet": "#vs"},
               {"linkId": "g", "type": "group", "item": [{"linkId": "q2", "type": "integer"}, {"linkId": "q3", "type": "quantity", "item": [{"linkId": "q4", "type": "string"}]}]}]
    })");
    return q;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = all.find('\0');
    const std::string_view expression = all.substr(0, nul);
    json resource;
    if (nul != std::string_view::npos) {
        try {
            // As the app reads a file: nesting bounded while parsing.
            resource = parse_json_text(all.substr(nul + 1), "fuzz", "fuzz.json", 64);
        } catch (const Error&) {
            return 0;
        }
    }
    const json& input = nul == std::string_view::npos ? builtin_response() : resource;
    try {
        const fhirpath::Expression e = fhirpath::compile(expression);
        fhirpath::Environment env;
        env.now = fhirpath::Temporal::parse_date_time("2026-01-05T10:30:00.000+01:00");
        env.set_json("questionnaire", builtin_questionnaire());
        env.set("qitem", fhirpath::Collection::of_element(builtin_questionnaire()["item"][1], "Questionnaire.item"));
        env.set("n", fhirpath::Collection::of(fhirpath::Value::integer(3)));
        const fhirpath::Collection result = e.evaluate(input, env);
        (void)result.to_json().dump(-1, ' ', false, json::error_handler_t::replace);
        for (const fhirpath::Value& v : result) (void)v.to_text();
        (void)result.as_boolean();
    } catch (const Error&) {
    }
    return 0;
}
