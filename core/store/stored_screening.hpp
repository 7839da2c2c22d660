#pragma once
// Screenings in the store: made from the engine's types (a clinician's screening) or from a
// kiosk's screening bundle, and rebuilt into them (to refer, or to export to the EMR).
//
// The store keeps the QuestionnaireResponse itself, not the derived Observations: rebuilding
// re-scores it with the same engine and rules, so what a referral or an export says about the
// needs is always the engine's answer, never a copy an outside file asserted.
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "core/store/store_data.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace safetynet::core {

// A clinician's (or any in-memory) screening: instrument = a built-in id (or the
// Questionnaire's URL, whose JSON is then kept too: `questionnaire_json`).
StoredScreening record_screening(const Response& response, const ScreeningResult& result, std::string_view instrument,
                                 std::string_view authored, std::string_view now, std::string source,
                                 std::string language, std::string questionnaire_json = {});

// A screening bundle (FHIR JSON, as a kiosk shares it): its QuestionnaireResponse must answer a
// built-in instrument (matched by canonical URL); the pickup code comes from the Patient's
// kiosk identifier. Throws core::Error("screening-bundle", ...), or the engine's answer
// errors for a response that does not fit its Questionnaire.
StoredScreening screening_from_bundle(std::string_view fhir_json, std::string source, std::string_view now);

struct RebuiltScreening {
    std::shared_ptr<const Questionnaire> questionnaire;
    Response response;
    ScreeningResult result;
};
// Throws core::Error("store-data", "screening <id>", ...) when it cannot be rebuilt.
RebuiltScreening rebuild_screening(const StoredScreening& s);

// The built-in instrument id whose Questionnaire has this canonical URL ("url" or
// "url|version"), or "" when none.
std::string builtin_instrument_for_canonical(std::string_view canonical);

}  // namespace safetynet::core
