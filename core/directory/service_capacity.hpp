#pragma once
// HSDS 3.1 service_capacity: how much of a service is available now ("12 beds of 40"), as a
// service publishes it (schema 3.1 service.capacities[], or service_capacity.csv + units.csv).
// Read by the importers into the records and shown in a service's details; the waitlist logic
// that uses it lives beside the matcher.
#include <optional>
#include <string>

namespace safetynet::core {

struct ServiceCapacity {
    std::string id;
    double available = 0;            // required
    std::optional<double> maximum;   // the most there can be
    std::string unit;                // the unit's name ("Bed"), else its identifier; may be empty
    std::string unit_scheme;         // the unit's scheme ("SI"), if given
    std::string description;         // "Beds available for people experiencing homelessness."
    std::string updated;             // ISO 8601 date-time as given
};

}  // namespace safetynet::core
