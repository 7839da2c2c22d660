#pragma once
// Capacity and waitlists. A community organization publishes a small signed capacity update:
// its services and, for each, an SDOHCC STU 3 capacity status (SDOHCC-ValueSetCapacityStatus:
// capacity, no-capacity, waitlist, additional-assessment-required) since a date, with a note
// ("about 15 people waiting, 4-6 weeks"). A clinic imports it through the same door as a
// status update (signer checked against its trusted contacts, replays refused), keeps it in
// its store, and matching uses it: no-capacity is left out (and listed apart with its date
// and note), a waitlist or an assessment ranks lower, and capacity older than the site's
// limit (settings: capacity_stale_days) is marked stale and no longer changes the ranking.
//
// On the wire (docs/REFERRALS.md §9): a bundle plaintext of kind capacity-update (signed, not
// encrypted: it holds no PHI) whose content is a FHIR Bundle: the Organization and one
// HealthcareService per service, carrying the SDOHCC extension
// SDOHCC-ExtensionHealthcareServiceCapacityStatus (capacityStatus, capacityNotes), the HSDS
// service id as its identifier and the date the status began as meta.lastUpdated. HSDS 3.1's
// service_capacity (available / maximum units, updated) maps onto it: an `updated` time per
// service, and "no units available" is no-capacity.
#include "core/directory/directory.hpp"
#include "core/exchange/bundle.hpp"
#include "core/exchange/keyset.hpp"
#include "core/store/store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

inline constexpr const char* kCapacityExtensionUrl =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus";

// The four codes, in the order the screens offer them.
const std::vector<std::string>& capacity_status_codes();
std::optional<Capacity> capacity_from_code(std::string_view code);

struct CapacityStatement {
    std::string service_id;    // HSDS service.id
    std::string service_name;
    std::string status;        // one of capacity_status_codes()
    std::string note;          // optional, at most 500 bytes
    std::string since;         // YYYY-MM-DD: when this status began
};

struct CapacityUpdate {
    std::string organization;     // its name
    std::string organization_id;  // HSDS organization.id, optional
    std::string updated;          // RFC 3339 UTC
    std::vector<CapacityStatement> services;
};

// Throws core::Error("capacity-update", field, ...) for a malformed update.
void check_capacity_update(const CapacityUpdate& u);
nlohmann::json capacity_update_fhir(const CapacityUpdate& u);
CapacityUpdate read_capacity_update_fhir(std::string_view fhir_json);

// The signed file (kind capacity-update), signed by the organization's keys.
std::string export_capacity_update(const CapacityUpdate& u, const KeySet& keys);

// Called by import_bundle for a trusted capacity-update bundle: replaces what the store held
// from the same signer (an update older than the one kept is "stale-update"); audited.
void apply_capacity_update(Store& store, const OpenedBundle& bundle, std::string_view now, std::string_view actor);

// What matching uses: by directory service index, the capacity a (fresh) update gives, and
// for every service an update names, what to show.
struct CapacityNotice {
    std::string status, since, note, organization, updated;
    bool stale = false;
};
struct CapacityOverlay {
    std::vector<std::uint8_t> by_service;           // Capacity per service; Unknown: the directory's own
    std::map<std::uint32_t, CapacityNotice> notices;  // by service index
};
CapacityOverlay capacity_overlay(const std::vector<CapacityRecord>& records, const Directory& directory,
                                 std::string_view today, int stale_days);

}  // namespace safetynet::core
