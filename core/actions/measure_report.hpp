#pragma once
// FHIR R4 MeasureReports (summary) of the measures (measures.hpp) and of the network's
// referral aggregates (network_report.hpp), and the Measure resources they report on, shipped
// as data (assets/measures/*.measure.json). One model, `Report`, is written and read back, so
// a network coordinator reads exactly what a site wrote.
//
// A count that is not given carries FHIR's data-absent-reason extension on its population:
// "masked" (a small cell suppressed) or "unknown" (the denominator needs the EHR roster and
// the site has none). A score is written only when every count it needs is there.
#include "core/actions/measures.hpp"
#include "core/base/calendar_date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

inline constexpr const char* kAbsentMasked = "masked";
inline constexpr const char* kAbsentUnknown = "unknown";

struct ReportCount {
    std::optional<std::int64_t> value;
    std::string absent;  // "" when value is given; else kAbsentMasked or kAbsentUnknown
    static ReportCount of(std::optional<std::size_t> v) {
        return v ? ReportCount{static_cast<std::int64_t>(*v), ""} : ReportCount{std::nullopt, kAbsentUnknown};
    }
    bool operator==(const ReportCount&) const = default;
};

using ReportPopulations = std::vector<std::pair<std::string, ReportCount>>;  // measure-population code -> count

struct ReportStratum {
    // One (name, value) per stratifier component; a single-criterion stratifier has one.
    std::vector<std::pair<std::string, std::string>> key;
    ReportPopulations populations;
    std::optional<double> score;
};

struct ReportGroup {
    std::string code;  // "" for a single-group measure
    ReportPopulations populations;
    std::optional<double> score;
    std::vector<std::string> stratifier;  // component names; one name: a single-criterion stratifier
    std::vector<ReportStratum> strata;
};

struct Report {
    std::string measure;  // the Measure's id: mips-487, ..., safetynet-referrals
    std::vector<ReportGroup> groups;
};

// The Measure resource shipped for `id` (throws core::Error("measures", id) for an unknown one)
// and every id, in report order.
const nlohmann::json& measure_definition(std::string_view id);
const std::vector<std::string>& measure_ids();

// Count lookups in a population list (nullptr when the code is absent).
const ReportCount* find_population(const ReportPopulations& pops, std::string_view code);
// numerator ÷ (denominator − exclusion − exception) when every present count is known.
std::optional<double> proportion_score(const ReportPopulations& pops);

// The measures' results as reports (unknown counts marked "unknown").
std::vector<Report> reports_from_measures(const MeasuresReport& measures);

// A summary MeasureReport. `reporter`: the site's name (a display-only reference).
nlohmann::json measure_report_json(const Report& report, const DatePeriod& period, std::string_view date,
                                   std::string_view reporter);
// A collection Bundle of summary MeasureReports, timestamp `date`.
nlohmann::json measure_reports_bundle(const std::vector<Report>& reports, const DatePeriod& period, std::string_view date,
                                      std::string_view reporter);

// Reads one of our summary MeasureReports back. Throws core::Error("measure-report", where, ...)
// naming the field, for anything that is not what measure_report_json writes (an unknown
// measure, a count that is neither given nor marked absent, a negative count...).
Report read_measure_report(const nlohmann::json& measure_report, const std::string& where, DatePeriod* period = nullptr);

}  // namespace safetynet::core
