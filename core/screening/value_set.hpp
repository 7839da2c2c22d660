#pragma once
// answerValueSet resolved offline: a ValueSet contained in the Questionnaire ("#id" or its url)
// or one the user imported beside the form, enumerated from its expansion (FHIR R4
// ValueSet.expansion.contains, nested ones included) or else from an enumerated compose
// (compose.include.concept). A set that needs a terminology server (a filter, a whole code
// system, another ValueSet) is not resolved here: the caller falls back to free text.
#include "core/screening/questionnaire.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

struct ValueSetConcept {
    Coding coding;
    std::optional<double> weight;  // the ordinalValue / itemWeight extension on the concept
};

struct ValueSetLookup {
    bool found = false;                   // a ValueSet with that reference exists here
    std::vector<ValueSetConcept> concepts;  // empty when found but not enumerable offline
    std::string name;                     // its title / name / url, for messages
};

// Finds `reference` among `contained` (the Questionnaire's contained resources) and
// `imported` (ValueSets, or Bundles of them). Throws core::Error "malformed-valueset" (where =
// `where`) for a ValueSet whose concepts are malformed.
ValueSetLookup resolve_value_set(std::string_view reference, const nlohmann::json* contained,
                                 const std::vector<nlohmann::json>* imported, const std::string& where);

}  // namespace safetynet::core
