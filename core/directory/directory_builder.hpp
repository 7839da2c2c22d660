#pragma once
// Builds a compiled Directory from HSDS records. The importers (core/directory/hsds_import.hpp) turn
// JSON or CSV into these plain records after validating them; the builder interns strings,
// cuts words into tokens, links services to locations, sorts rows into grid cells and writes
// the index image.
#include "core/directory/directory.hpp"
#include "core/directory/geo.hpp"
#include "core/directory/need_map.hpp"
#include "core/directory/schedule.hpp"
#include "core/directory/service_capacity.hpp"
#include "core/directory/text_translations.hpp"
#include "core/base/text_fold.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct OrganizationInput {
    std::string id;
    std::string name;
    std::string alternate_name;
    std::string recipient;  // an age recipient (age1…) published for referrals, or empty
    Translations translations;  // its name in other languages (the index keeps them)
};

struct LocationInput {
    std::string id;
    std::string name;
    std::string postal_code;
    std::optional<double> latitude, longitude;  // both or neither
    std::vector<OpeningRule> rules;             // the location's own hours
    std::vector<std::string> languages;         // language codes spoken there
    Translations translations;                  // read, not compiled: the index keeps no location names
};

struct SiteInput {                   // an HSDS service_at_location
    std::string location_id;
    std::vector<OpeningRule> rules;  // hours of the service at this location
};

struct TermInput {
    std::string code;
    std::string name;
    std::string taxonomy;
};

struct AreaInput {
    AreaKind kind = AreaKind::Named;
    std::string value;              // postal code, county name as given, or the area's name
    std::vector<Polygon> polygons;  // kind == Polygon
};

struct ServiceInput {
    std::string id;
    std::string name;
    std::string alternate_name;
    std::string description;
    ServiceStatus status = ServiceStatus::Active;
    std::string organization_id;
    std::optional<double> min_age, max_age;  // years
    std::vector<std::string> languages;      // codes
    std::vector<TermInput> terms;
    Capacity capacity = Capacity::Unknown;
    std::vector<AreaInput> areas;
    std::vector<SiteInput> sites;
    std::vector<OpeningRule> rules;  // the service's hours wherever it is offered
    std::vector<ServiceCapacity> capacities;  // HSDS 3.1; read, not compiled into the index
    Translations translations;  // names kept in the index; names and descriptions searched
};

struct BuildOptions {
    TokenChars token_chars = TokenChars::Unicode;
    double cell_degrees = 0.02;         // grid cell size
    const NeedMap* need_map = nullptr;  // nullptr: the built-in map
};

class DirectoryBuilder {
public:
    explicit DirectoryBuilder(BuildOptions options = {});
    ~DirectoryBuilder();
    DirectoryBuilder(const DirectoryBuilder&) = delete;
    DirectoryBuilder& operator=(const DirectoryBuilder&) = delete;

    // Each returns false (and adds nothing) when a record with the same id was added before.
    bool add_organization(const OrganizationInput& org);
    bool add_location(const LocationInput& loc);
    bool add_service(const ServiceInput& svc);

    bool has_organization(std::string_view id) const;
    bool has_location(std::string_view id) const;
    bool has_service(std::string_view id) const;
    std::size_t organizations() const;
    std::size_t locations() const;
    std::size_t services() const;

    // Links, sorts and writes the index. `unresolved(service_id, location_id)` is called for
    // each service_at_location naming a location that was never added (the site is dropped).
    // The builder is empty afterwards.
    Directory finish(std::string_view source,
                     const std::function<void(const std::string&, const std::string&)>& unresolved = {});

private:
    struct State;
    std::unique_ptr<State> m;
};

// Normalises a language code for matching: the primary subtag, lower case ("zh-Hant" → "zh").
std::string language_key(std::string_view code);

}  // namespace safetynet::core
