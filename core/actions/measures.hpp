#pragma once
// Quality measures computed on the device from the store, for a chosen period, with the reason
// each patient (or visit) is in or out of every population. docs/MEASURES.md quotes the
// published specifications and says how each rule below reads them.
//
//   mips-487  MIPS Quality ID #487 Screening for Social Drivers of Health (patients)
//             denominator  roster patients with a visit in the period, 18+ on that visit's date
//             exception    declined screening in the period (only when not in the numerator)
//             numerator    screened in the period for all five HRSNs (food, housing,
//                          transportation, utilities, interpersonal safety), across screenings
//   mips-498  MIPS Quality ID #498 Connection to Community Service Provider (patients)
//             identification period = the period moved back two months (1 Nov - 31 Oct for a
//             calendar year, as the specification's), so 60 days after each screening fit
//             denominator  18+ patients screened positive for one of the five in that window
//                          (with a roster: and a visit in it)
//             numerator    contact with a community service provider for one of their positive
//                          HRSNs 0-60 days after the (first positive) screening, and no later
//                          than the end of the period: the organization's status update
//                          in-progress or completed, or a follow-up call that confirmed it
//   sdoh-1    Screening for Social Drivers of Health, hospital logic (visits)
//             denominator  roster visits in the period, patient 18+ on the visit's start
//             exclusion    the patient declined (opted out) during the visit
//             numerator    screened for all five during the visit (start to end date)
//   sdoh-2    Screen Positive Rate, one group per HRSN (visits)
//             denominator  the sdoh-1 numerator
//             numerator    positive for that HRSN during the visit
//
// Patients are known by the clinic's own patient id: the roster (the EHR's list of patients
// and visits, imported: core/actions/roster_import.hpp) and a screening's `patient_id` (given
// when screening, or linked later). Without a roster the visit-based denominators are MISSING
// (never guessed): mips-487 and sdoh-1/2 report their numerators only.
#include "core/base/calendar_date.hpp"
#include "core/store/store_data.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safetynet::core {

// The five health-related social needs the measures name, and our domains that screen each
// (the AHC HRSN living-situation question decides housing instability and homelessness).
struct Hrsn {
    const char* code;  // food-insecurity, housing-instability, transportation-insecurity, utility-insecurity, interpersonal-safety
    std::vector<std::string_view> domains;
};
const std::array<Hrsn, 5>& hrsn_domains();

// FHIR measure-population codes (http://terminology.hl7.org/CodeSystem/measure-population).
inline constexpr const char* kPopInitial = "initial-population";
inline constexpr const char* kPopDenominator = "denominator";
inline constexpr const char* kPopExclusion = "denominator-exclusion";
inline constexpr const char* kPopException = "denominator-exception";
inline constexpr const char* kPopNumerator = "numerator";

struct MeasureGroupResult {
    std::string code;  // "" for a single-group measure; the HRSN code for sdoh-2
    // nullopt: unknown (the denominator needs the roster and there is none)
    std::optional<std::size_t> initial, denominator, exclusion, exception, numerator;
    // numerator ÷ (denominator − exclusion − exception), when all are known and that is > 0
    std::optional<double> score() const;
};

struct MeasureResult {
    std::string id;  // mips-487, mips-498, sdoh-1, sdoh-2
    std::vector<MeasureGroupResult> groups;
    bool denominator_missing = false;  // no roster: the report says so
};

// Why a subject is where it is: one line per subject and measure (and group for sdoh-2).
// `reason` is a catalog key suffix ("measure.why.<reason>"), `params` fill it.
struct MeasureExplanation {
    std::string measure;   // mips-487 ...
    std::string group;     // sdoh-2's HRSN, else ""
    std::string patient;   // the clinic's patient id
    std::string visit;     // the visit's start date for visit-based measures, else ""
    std::vector<std::string> populations;  // the populations it is in (measure-population codes)
    std::string reason;
    std::vector<std::pair<std::string, std::string>> params;
};

struct MeasureOptions {
    DatePeriod period;
    std::string now;          // RFC 3339 UTC: the report's date
    std::string explain = "*";  // whose inclusion to explain: "*" everyone, a patient id, "" nobody
};

struct MeasuresReport {
    MeasureOptions options;
    std::vector<MeasureResult> measures;  // mips-487, mips-498, sdoh-1, sdoh-2, in that order
    std::vector<MeasureExplanation> explanations;
    bool has_roster = false;
    std::size_t unlinked_screenings = 0;  // in the period, with no patient id: in no measure

    const MeasureResult& measure(std::string_view id) const;
};

// Throws core::Error("measures", "now", ...) for a malformed time.
MeasuresReport compute_measures(const StoreData& data, const MeasureOptions& options);

// The identification period of #498 for a report period: both ends two months earlier.
DatePeriod mips498_identification_period(const DatePeriod& period);
// Contact with a community service provider counts for #498 within this many days after the
// screening (the specification's 60 days; day 60 included).
inline constexpr int kConnectionDays = 60;

}  // namespace safetynet::core
