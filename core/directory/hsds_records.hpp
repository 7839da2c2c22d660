#pragma once
// Record-level parsing shared by the HSDS JSON and CSV importers (private to core/). A Record
// is one JSON object or one CSV row; each parse_* function reads the fields HSDS 3.0 defines
// for that object, reports each bad field through `bad(field, message)` and says whether the
// record is usable.
#include "core/directory/directory_builder.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
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

using Bad = std::function<void(const std::string& field, const std::string& message)>;

bool parse_organization(const Record& r, OrganizationInput& out, const Bad& bad);
// The service's own fields (id, name, status, description, alternate_name, organization_id,
// minimum_age, maximum_age); sub-records are read by the importers.
bool parse_service(const Record& r, ServiceInput& out, const Bad& bad);
bool parse_location(const Record& r, LocationInput& out, const Bad& bad);

enum class ScheduleResult { Rule, TextOnly, Invalid };
ScheduleResult parse_schedule(const Record& r, OpeningRule& out, const Bad& bad);

bool parse_language(const Record& r, std::string& code, const Bad& bad);
bool parse_service_area(const Record& r, std::vector<AreaInput>& out, const Bad& bad);
bool parse_term(const Record& r, TermInput& out, const Bad& bad);

// Applies an attribute's taxonomy term to a service: the SDOHCC capacity codes set its
// capacity; any other term classifies it.
void apply_term(const TermInput& term, ServiceInput& svc);
// An organization attribute carrying the organization's age recipient for referrals.
bool is_recipient_term(const TermInput& term);
bool valid_age_recipient(std::string_view value);

// "97201", "97201-1234" → true (US ZIP, what the ZIP centroids know).
bool is_postal_code(std::string_view s);

}  // namespace safetynet::core::hsds
