// Answers come from files and other systems: a QuestionnaireResponse or the simple
// {"linkId": value} map. Any bytes must read or raise core::Error, never crash, against each
// built-in instrument and a form with nested repeating groups and an answerExpression (several
// instances of a group in one response); whatever reads must score and export.
#include "core/base/error.hpp"
#include "core/screening/fhirpath_in_forms.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "core/screening/screening_fhir.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

using namespace safetynet::core;

namespace {

// Issue 13: instances of repeating groups (nested, with maxOccurs), enableWhen inside an
// instance, and options computed by an answerExpression.
const char* const kRepeatingForm = R"J({"resourceType": "Questionnaire", "status": "active", "item": [
  {"linkId": "needs", "type": "choice", "repeats": true, "answerOption": [
    {"valueCoding": {"code": "food", "display": "Food"}}, {"valueCoding": {"code": "rent", "display": "Rent"}}]},
  {"linkId": "first", "type": "choice", "extension": [
    {"url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression",
     "valueExpression": {"language": "text/fhirpath", "expression": "%resource.item.where(linkId='needs').answer.value"}}]},
  {"linkId": "person", "type": "group", "repeats": true, "extension": [
    {"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs", "valueInteger": 5}], "item": [
    {"linkId": "name", "type": "string"},
    {"linkId": "works", "type": "boolean"},
    {"linkId": "hours", "type": "integer", "enableWhen": [{"question": "works", "operator": "=", "answerBoolean": true}]},
    {"linkId": "job", "type": "group", "repeats": true, "item": [{"linkId": "employer", "type": "string"}]}]}]})J";

}  // namespace

// Forms with SDC expressions run as in the CLI and the staff program (with FHIRPath).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    use_fhirpath_in_forms();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::shared_ptr<const Questionnaire>> instruments = [] {
        std::vector<std::shared_ptr<const Questionnaire>> all;
        for (const std::string& id : builtin_instrument_ids()) all.push_back(load_builtin_instrument(id));
        all.push_back(std::make_shared<const Questionnaire>(Questionnaire::parse(kRepeatingForm, "repeating")));
        return all;
    }();
    if (size == 0) return 0;
    // The first byte picks the instrument; the rest is the answers document.
    const auto& q = instruments[data[0] % instruments.size()];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        Response r = Response::parse(q, text, "fuzz");
        const ScreeningResult result = score(r, "fuzz");
        {
            safetynet::core::Translator es;
            es.set_language("es");
            (void)needs_json(result, es);
        }
        (void)screening_bundle(r, result, {"2026-01-01T00:00:00Z", "", "es"});
        const Response back = Response::from_fhir(q, r.to_fhir());
        (void)back.validate();
        r.wipe();
    } catch (const Error&) {
    }
    return 0;
}
