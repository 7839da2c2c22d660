#pragma once
// Matching: given a person's needs and context, the services that fit, best first, with the
// reasons each matched or ranked lower.
//
// Filters (all must hold):
//   need       the service helps with at least one of the person's needs (need map)
//   status     active
//   age        minimum_age <= age <= maximum_age, bounds inclusive (when the person's age is known)
//   language   the service lists one of the person's languages
//   place      within the radius, or inside one of the service's service areas (postal code,
//              county, GeoJSON polygon); a service whose areas provably exclude the person is
//              excluded even when near
//   hours      open at the requested local time (weekly and monthly schedules, periods past
//              midnight)
//   capacity   not "no-capacity" (SDOHCC capacity codes)
//   text       every query word matches a word of its name, description or keywords, exactly,
//              as a prefix or within a small edit distance
//
// Ranking: score = relevance × 1/(1 + d/10 km) — the matching reference's formula, relevance 1
// without text — times product adjustments: ×(1 + 0.25 per extra need met), ×0.85 when the
// service does not list its languages, ×0.8 when its hours are unknown, ×0.7 on a waitlist,
// ×0.9 when it needs an assessment first. Ties: nearer first, then by id.
//
// MatchMode::Reference follows the search-peers harness exactly instead (its README, "Query
// semantics"): no service areas or capacity, a service that lists no language or publishes no
// hours does not match such a query, 23:59 closes at 23:59, only name and description words,
// no product adjustments. The benchmark checks agreement with the harness in this mode.
#include "core/directory/directory.hpp"
#include "core/directory/schedule.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace safetynet::core {

enum class MatchMode { Product, Reference };

inline constexpr double kDefaultRadiusKm = 25;

struct MatchQuery {
    NeedMask needs = 0;                     // 0: any need
    std::optional<double> latitude, longitude;
    std::string postal_code;                // the person's ZIP, for postal service areas
    std::string county;                     // the person's county, for county service areas
    std::optional<double> radius_km;        // kDefaultRadiusKm when a location is given
    std::vector<std::string> languages;     // any of them (language codes)
    std::optional<double> age;              // years
    std::optional<LocalTime> open_at;
    std::string text;
    std::size_t limit = 10;
    // Capacity by service index from organizations' capacity updates (a Capacity per service,
    // Unknown where the directory's own applies; core/actions/capacity.hpp). Not owned.
    const std::vector<std::uint8_t>* capacity = nullptr;
};

// A user-visible reason: a stable code and its parameters; Translator keys
// "match.reason.<code>" render it (core/match/match_reasons.hpp).
struct Reason {
    std::string code;
    std::vector<std::pair<std::string, std::string>> params;
    const std::string* param(std::string_view name) const {
        for (const auto& [k, v] : params)
            if (k == name) return &v;
        return nullptr;
    }
};

struct MatchHit {
    std::uint32_t service = 0;
    std::uint32_t row = 0;
    double distance_km = std::nan("");  // NaN when either place is unknown
    double score = 0;
    double relevance = 1;
    std::vector<Reason> reasons;        // Product mode
};

struct MatchResult {
    std::vector<MatchHit> hits;  // best first, at most `limit`
    std::size_t total = 0;       // services that match
    std::size_t excluded = 0;    // services offering a requested need that failed another filter
    std::size_t scanned = 0;     // rows looked at (for benchmarks)
    std::size_t text_checked = 0;  // services whose words were read for a text query (benchmarks)
};

class Matcher {
public:
    explicit Matcher(const Directory& directory, MatchMode mode = MatchMode::Product);
    ~Matcher();
    Matcher(const Matcher&) = delete;
    Matcher& operator=(const Matcher&) = delete;

    // Not thread-safe: a Matcher reuses its scratch memory across queries (one per thread).
    MatchResult match(const MatchQuery& query);

    // Why one service does or does not match: the reasons its result carries, or an
    // "excluded-…" reason for each filter that excludes it (decided by the same evaluation as
    // match(): the filters every location of it fails, or, when its locations fail different
    // ones, each of those).
    std::vector<Reason> explain(std::uint32_t service, const MatchQuery& query);

private:
    struct Impl;
    Impl* m;
};

}  // namespace safetynet::core
