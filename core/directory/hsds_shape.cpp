#include "core/directory/hsds_shape.hpp"

#include <initializer_list>

namespace safetynet::core::hsds {

namespace {

using nlohmann::json;

bool has_any(const json& o, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (const auto it = o.find(k); it != o.end() && !it->is_null()) return true;
    return false;
}

bool has_object(const json& o, const char* key) {
    const auto it = o.find(key);
    return it != o.end() && it->is_object();
}

}  // namespace

Entity classify(const json& o) {
    if (!o.is_object()) return Entity::Unknown;
    // A service has a status; nothing else does. Decide it first so that a service carrying an
    // unusual field is never taken for something else.
    if (has_any(o, {"status", "service_at_locations"})) return Entity::Service;
    if (has_object(o, "service") || has_object(o, "location") || (o.contains("service_id") && o.contains("location_id")))
        return Entity::ServiceAtLocation;
    if (has_any(o, {"openapi_url", "profile"})) return Entity::ApiDetails;
    if (has_any(o, {"services", "locations", "website", "legal_status", "tax_status", "year_incorporated",
                    "parent_organization_id", "organization_identifiers", "logo"}))
        return Entity::Organization;
    if (has_any(o, {"location_type", "latitude", "longitude", "addresses", "accessibility", "transportation",
                    "external_identifier"}))
        return Entity::Location;
    if (has_any(o, {"code", "parent_id", "taxonomy_id", "term_uri", "taxonomy_detail", "taxonomy", "term"}))
        return Entity::TaxonomyTerm;
    if (has_any(o, {"taxonomy_terms", "version"})) return Entity::Taxonomy;
    if (has_any(o, {"id", "name"})) return Entity::Service;
    return Entity::Unknown;
}

std::string entity_name(Entity e, bool plural) {
    const char* names[][2] = {{"service", "services"},
                              {"organization", "organizations"},
                              {"location", "locations"},
                              {"service_at_location", "service_at_locations"},
                              {"taxonomy", "taxonomies"},
                              {"taxonomy term", "taxonomy terms"},
                              {"API details document", "API details documents"},
                              {"unknown record", "unknown records"}};
    return names[static_cast<int>(e)][plural ? 1 : 0];
}

bool is_tabular_key(std::string_view key) {
    return key.size() > 4 && key.substr(key.size() - 4) == ".csv";
}

}  // namespace safetynet::core::hsds
