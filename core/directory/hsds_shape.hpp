#pragma once
// Which HSDS 3.x record a JSON object is (private to core/directory). The API returns every
// kind alone (GET /services/{id}), in arrays and in pages; the importer and the service
// details both ask this, so that they read the same shapes the same way.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace safetynet::core::hsds {

enum class Entity { Service, Organization, Location, ServiceAtLocation, Taxonomy, TaxonomyTerm, ApiDetails, Unknown };

// By the fields only that kind has (HSDS 3.0 schema/*.json, the UK profile, and the API's
// base document): a service_at_location has a nested service or location, or both ids; an
// organization has its services or locations, or fields such as website or legal_status; a
// location has location_type, coordinates or addresses; a taxonomy term has code, parent_id,
// term_uri or its taxonomy; a taxonomy has version or taxonomy_terms; the API's details have
// openapi_url or profile. Anything else with an id or a name is a service (so that a broken
// service is reported as one); an object with none of these is Unknown.
Entity classify(const nlohmann::json& object);

// "service", "organization", "service_at_location", … (plural: "services", …).
std::string entity_name(Entity e, bool plural = false);

// tabular.json: the Tabular Data Package as one JSON object keyed by CSV file name.
bool is_tabular_key(std::string_view key);

}  // namespace safetynet::core::hsds
