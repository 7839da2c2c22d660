// Questionnaires come from anyone (a clinic's own form, an LHC-Forms export): any bytes must
// import or raise core::Error, never crash; an imported form must then answer, validate,
// score and export without crashing either.
#include "core/base/error.hpp"
#include "core/screening/fhirpath_in_forms.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "core/screening/screening_fhir.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

using namespace safetynet::core;

// Forms with SDC expressions run as in the CLI and the staff program (with FHIRPath).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    use_fhirpath_in_forms();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::shared_ptr<const Questionnaire> q;
    try {
        q = std::make_shared<const Questionnaire>(
            Questionnaire::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz"));
    } catch (const Error&) {
        return 0;
    }
    // Exercise the model: answer what can be answered (first option, a few values), with the
    // bytes choosing which items to touch, then read everything back.
    Response r(q);
    int added = 0;  // instances of repeating groups: a few, chosen by the bytes
    for (std::size_t i = 0; i < r.questionnaire().items().size(); ++i) {
        const Item it = r.questionnaire().item(i);  // a copy: an answer may change the layout
        const std::uint8_t pick = size ? data[i % size] : 0;
        if (it.type == ItemType::Group && added < 6 && pick % 4 == 1 && r.can_add_instance(i)) {
            try {
                r.add_instance(i);
                ++added;
                if (pick % 8 == 5 && r.can_remove_instance(i)) r.remove_instance(i);
            } catch (const Error&) {
            }
        }
        if (!it.is_question() || it.read_only) continue;
        try {
            if (!it.options.empty()) {
                if (it.repeats) r.toggle_option(i, pick % it.options.size());
                else r.select_option(i, pick % it.options.size());
            } else if (pick % 3 == 0) {
                r.decline(i);
            } else {
                r.set(i, AnswerValue::of_integer(pick));
            }
        } catch (const Error&) {
        }
        (void)r.flow();
    }
    (void)r.validate();
    const ScreeningResult result = score(r, "fuzz");
    (void)needs_json(result, safetynet::core::Translator());
    (void)screening_bundle(r, result, {"2026-01-01T00:00:00Z", "", "en"});
    try {
        (void)Response::from_fhir(q, r.to_fhir());
    } catch (const Error&) {
    }
    return 0;
}
