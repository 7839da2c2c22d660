#pragma once
// Need scoring: per-instrument rules that turn a Response into needs a clinician can act on.
//
// Rules attach to an instrument by its canonical URL or its LOINC panel code (so an imported
// copy of the same instrument scores too), and find questions by LOINC item code (the linkId
// of the built-ins, or item.code of an imported copy). Rule sets: AHC HRSN core and
// supplemental (96777-8, 97023-6), Hunger Vital Sign (88121-9), PRAPARE (93025-5), PHQ-2
// (55757-9), PHQ-9 (44249-1). docs/SCREENING.md lists every rule, domain and code.
//
// One Need per domain the instrument screens, positive or not. Urgent needs (interpersonal
// safety positive; any PHQ-9 item 9 answer above "Not at all") also raise an Alert, and the
// result's `urgent` flag, so a UI can escalate at once.
#include "core/base/i18n.hpp"
#include "core/screening/response.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

// An item the rule read: its answers (while enabled), and whether they indicate the need.
struct Evidence {
    std::string link_id;
    AnswerState state = AnswerState::Unanswered;
    std::vector<AnswerValue> answers;  // codings carry their code only (look the option up for the rest)
    bool positive = false;
};

// A score the rule derived from several answers, for the FHIR output (HITS total 95614-4,
// HVS risk 88124-3, PHQ-2 total 55758-7, PHQ-9 total 44261-6).
struct DerivedValue {
    Coding code;                          // LOINC
    AnswerValue value;                    // integer score or coded result
    std::vector<std::string> from;        // the linkIds it is computed from
};

struct Need {
    std::string domain;   // Gravity SDOH category code, or one of ours (docs/SCREENING.md)
    std::string display;  // English name of the domain
    bool gravity = false; // the domain is a code of the SDOHCC SDOH category value set
    bool positive = false;
    bool urgent = false;
    bool answered = false;              // enough answers to decide
    std::optional<double> score;        // where the instrument has one
    std::string band;                   // PHQ-9 severity band ("moderate"), else empty
    std::vector<Coding> codes;          // suggested SNOMED CT and ICD-10-CM, when positive
    std::vector<Evidence> evidence;
    std::vector<DerivedValue> derived;
};

struct Alert {
    std::string domain;
    std::string link_id;
    std::string kind;     // "interpersonal-safety", "self-harm"
    std::string message;  // English, for logs of the clinician UI; the kiosk shows its own text
};

struct ScreeningResult {
    std::string instrument;  // the id the caller screened with
    std::string rules;       // the rule set used ("ahc-hrsn", "phq-9"...), empty when none applies
    bool complete = false;   // valid response and every domain decided
    bool urgent = false;
    std::vector<Alert> alerts;
    std::vector<Need> needs;
};

// Which rule set applies to this Questionnaire (empty when none).
std::string rule_set_for(const Questionnaire& q);
// Scores the response; `instrument` is echoed in the result.
ScreeningResult score(const Response& r, std::string_view instrument);
// The `safetynet screen --format needs` document; domain names and alert messages in the
// translator's language (catalog keys screening.domain.<code>, screening.alert.<kind>).
nlohmann::json needs_json(const ScreeningResult& result, const Translator& tr);

// Our domain codes that are not Gravity SDOH categories, and the Gravity ones we emit.
struct DomainInfo {
    const char* code;
    const char* display;         // our English name (sentence case, as the app shows it)
    bool gravity;
    // The display of the code in SDOHCC-CodeSystemTemporaryCodes (SDOHCC 2.3.0,
    // SDOHCC-ValueSetSDOHCategory): what a Coding must carry; nullptr when not gravity.
    const char* sdohcc_display = nullptr;
};
const std::vector<DomainInfo>& known_domains();
// The SDOHCC CodeSystem display of a Gravity domain code; nullptr for ours.
const char* sdohcc_category_display(std::string_view domain);

}  // namespace safetynet::core
