#pragma once
// Record-level parsing shared by the HSDS JSON and CSV importers (private to core/). A Record
// is one JSON object or one CSV row; each parse_* function reads the fields HSDS 3.0 defines
// for that object, reports each bad field through `bad(field, message)` and says whether the
// record is usable.
#include "core/directory/directory_builder.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/text_translations.hpp"
#include "core/directory/zip_centroids.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace safetynet::core::hsds {

enum class FieldState { Absent, Present, WrongType };

class Record {
public:
    static Record from_json(const nlohmann::json& object) {
        Record r;
        r.m_json = &object;
        return r;
    }
    static Record from_csv(const std::unordered_map<std::string, std::size_t>& columns,
                           const std::vector<std::string>& fields) {
        Record r;
        r.m_columns = &columns;
        r.m_fields = &fields;
        return r;
    }
    // A scalar field as text (JSON numbers in their shortest form). Absent covers a missing
    // key, null and an empty or blank string.
    FieldState get(std::string_view key, std::string& out) const;
    // A JSON object or array value (GeoJSON extents), or nullptr.
    const nlohmann::json* structured(std::string_view key) const;

private:
    Record() = default;
    const nlohmann::json* m_json = nullptr;
    const std::unordered_map<std::string, std::size_t>* m_columns = nullptr;
    const std::vector<std::string>* m_fields = nullptr;
};

// What a screen needs to say an issue in the person's language (core/base/error_kinds.hpp):
// its kind ("hsds-required", "hsds-invalid", …; empty: "hsds-unusable") and, read where the
// issue arises, the value found and what was expected, written in a notation every language
// reads ("HH:MM", "YYYY-MM-DD", "0 … 130"). The English message stays the CLI's text.
struct IssueFacts {
    std::string_view kind;
    std::string expected;
    std::string value;
};

// Hears of a bad field: `bad(field, message)` or `bad(field, message, facts)`. A callable of
// (field, message) alone is accepted too, for callers that ignore the facts.
class Bad {
public:
    using Function = std::function<void(const std::string& field, const std::string& message, const IssueFacts& facts)>;
    Bad() = default;
    template <class F>
        requires std::is_invocable_v<F&, const std::string&, const std::string&, const IssueFacts&>
    Bad(F f) : m_f(std::move(f)) {}
    template <class F>
        requires(std::is_invocable_v<F&, const std::string&, const std::string&> &&
                 !std::is_invocable_v<F&, const std::string&, const std::string&, const IssueFacts&>)
    Bad(F f) : m_f([f = std::move(f)](const std::string& field, const std::string& message, const IssueFacts&) mutable { f(field, message); }) {}
    void operator()(const std::string& field, const std::string& message, const IssueFacts& facts = {}) const {
        m_f(field, message, facts);
    }
    explicit operator bool() const { return static_cast<bool>(m_f); }

private:
    Function m_f;
};

// The report's entry for a bad field: the English message and the facts a screen renders.
ImportError issue(std::string file, std::size_t line, std::string id, std::string field, std::string message,
                  const IssueFacts& facts);

// id and name are required. website, email and uri must be well formed when given: a bad one is
// reported and the organization kept.
bool parse_organization(const Record& r, OrganizationInput& out, const Bad& bad);
// The service's own fields (id, name, status, description, alternate_name, organization_id,
// minimum_age, maximum_age; url and email checked as above); sub-records are read by the
// importers.
bool parse_service(const Record& r, ServiceInput& out, const Bad& bad);

// Coordinates that cannot be used (out of range, not numbers, one without the other) do not
// cost a location its address and hours: it is kept without them, and this says why.
struct CoordinateIssue {
    std::string field;    // "latitude" or "longitude"; empty when the coordinates are fine
    std::string problem;  // "100 is not a number from -90 to 90"
};
bool parse_location(const Record& r, LocationInput& out, const Bad& bad, CoordinateIssue& issue);
// Once the location's postal code is known: a physical location without usable coordinates is
// placed at the centre of its US ZIP code when `zips` knows it. `warn` hears of coordinates
// dropped and of every location placed that way.
void place_location(const Record& r, LocationInput& loc, const CoordinateIssue& issue, const ZipCentroids* zips,
                    const Bad& warn);

enum class ScheduleResult { Rule, TextOnly, Invalid };
// `warn` (optional) hears of a rule that is kept but never occurs.
ScheduleResult parse_schedule(const Record& r, OpeningRule& out, const Bad& bad, const Bad& warn = {});

bool parse_language(const Record& r, std::string& code, const Bad& bad);
// The record's "translations" (text_translations.hpp; JSON only: a CSV row has no nested
// objects). A broken entry is skipped with a warning naming it ("translations.es.name"); the
// record, its own text and the other translations are kept.
void parse_translations(const Record& r, Translations& out, const Bad& warn);
bool parse_service_area(const Record& r, std::vector<AreaInput>& out, const Bad& bad);
bool parse_term(const Record& r, TermInput& out, const Bad& bad);
// HSDS 3.1 service_capacity: available is required; `warn` hears of more available than the
// maximum. The unit is read by the caller (nested in JSON, units.csv in a package).
bool parse_capacity(const Record& r, ServiceCapacity& out, const Bad& bad, const Bad& warn);
// HSDS 3.1 unit: its name, else its identifier.
bool parse_unit(const Record& r, ServiceCapacity& out, const Bad& bad);

// Records a directory does not import, checked so that a file of them says what is wrong:
// a taxonomy term or taxonomy (id, name and description are required, HSDS 3.0
// schema/taxonomy_term.json and taxonomy.json; term_uri and uri are URLs) and an API's
// details (GET /: version, profile, openapi_url).
void check_taxonomy_term(const Record& r, const Bad& bad);
void check_taxonomy(const Record& r, const Bad& bad);
void check_api_details(const Record& r, const Bad& bad);

// JSON Schema "format": "uri" (an absolute URI: a scheme, a colon, no spaces) and "email".
bool is_absolute_url(std::string_view s);
bool is_email(std::string_view s);

// Applies an attribute's taxonomy term to a service: the SDOHCC capacity codes set its
// capacity; any other term classifies it.
void apply_term(const TermInput& term, ServiceInput& svc);
// An organization attribute carrying the organization's age recipient for referrals.
bool is_recipient_term(const TermInput& term);
bool valid_age_recipient(std::string_view value);

// "97201", "97201-1234" → true (US ZIP, what the ZIP centroids know).
bool is_postal_code(std::string_view s);

}  // namespace safetynet::core::hsds
