#pragma once
// A screening as FHIR R4 resources (SDOH Clinical Care IG, STU 2):
//   - the QuestionnaireResponse;
//   - an SDOHCC Observation Screening Response per asked question that has a code: category
//     survey + sdoh (+ the SDOH category of its domain), value or dataAbsentReason
//     (asked-declined when the person declined, unknown when skipped), interpretation POS
//     only on an answer that indicates a need, derivedFrom the QuestionnaireResponse;
//   - derived scores (HITS total, HVS risk, PHQ-2/PHQ-9 totals) as Observations with no
//     performer and derivedFrom the item Observations;
//   - an SDOHCC Condition per positive domain: category health-concern + sdoh + the SDOH
//     category, verificationStatus unconfirmed, the suggested SNOMED CT / ICD-10-CM codes,
//     evidence pointing at the positive Observations.
#include "core/fhir/fhir_bundle.hpp"
#include "core/screening/scoring.hpp"

#include <map>
#include <string>
#include <vector>

namespace safetynet::core {

struct ScreeningFhirOptions {
    std::string authored;     // dateTime of the screening; default: now
    std::string patient;      // the subject's fullUrl; empty adds an anonymous Patient
    std::string language;     // QuestionnaireResponse.language
};

// What add_screening() put in the Bundle, for resources added later to point at.
struct ScreeningRefs {
    std::string patient;
    std::string questionnaire_response;
    std::vector<std::string> observations;
    std::map<std::string, std::string> conditions;  // domain -> Condition fullUrl
};

ScreeningRefs add_screening(fhir::Bundle& bundle, const Response& response, const ScreeningResult& result,
                            const ScreeningFhirOptions& options = {});

// The `safetynet screen --format fhir` document: a collection Bundle holding the above.
nlohmann::json screening_bundle(const Response& response, const ScreeningResult& result,
                                const ScreeningFhirOptions& options = {});

}  // namespace safetynet::core
