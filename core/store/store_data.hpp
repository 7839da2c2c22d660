#pragma once
// What the encrypted local store holds (core/store/store.hpp keeps it, encrypted, in storage):
//   settings    the site's role (clinic or organization), its name, the overdue threshold
//   key sets    the site's own keys (secrets: age identity and minisign key)
//   contacts    trusted contact cards (organizations, clinics, kiosks), with when and why
//   ledger      the seen-ids ledger (replayed bundles are refused)
//   screenings  imported or clinician screenings (the QuestionnaireResponse, PHI) with a
//               summary of their needs for the dashboard
//   referrals   core/referral/referral.hpp, with their status history
//   audit       who did what when: ids and actions only, never PHI
//
// The store saves it in SECTIONS, each encrypted on its own, so a change rewrites only what
// changed: "settings", "keys", "contacts", "ledger", one "referral/<id>" per referral, one
// "screening/<id>" per screening, the audit log in chunks of kAuditChunk entries
// ("audit/0", "audit/1", ...), and, once there is something in them, "roster" (the EHR's
// patients and visits) and "capacity" (organizations' capacity updates). A backup is the same
// sections in one file. A store written before these existed reads as one without them.
#include "core/exchange/keyset.hpp"
#include "core/referral/follow_up.hpp"
#include "core/referral/referral.hpp"
#include "core/base/secret.hpp"
#include "core/exchange/seen_ledger.hpp"
#include "core/screening/translation_provenance.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

inline constexpr std::size_t kAuditChunk = 256;

struct StoreSettings {
    std::string role = "clinic";  // "clinic" or "organization"
    std::string name;             // the site's name (shown to others on its contact card)
    int overdue_days = 14;        // a referral with no update for this long is overdue
    ResponseDays response_days;   // an answer is expected this many days after sending, by priority
    int capacity_stale_days = 30; // capacity information older than this is stale in matching
};

struct TrustedContact {
    ContactCard card;
    std::string added;  // RFC 3339 UTC
    std::string note;   // "fingerprint compared by phone with J. Diaz"
};

struct NeedSummary {
    std::string domain;
    bool positive = false;
    bool answered = false;  // enough answers to decide
    bool urgent = false;
};

struct StoredScreening {
    std::string id;                      // UUID
    std::string authored;                // when it was answered (RFC 3339 UTC)
    std::string imported;                // when it entered the store
    std::string instrument;              // built-in id, or the Questionnaire's canonical URL
    std::string source;                  // "clinician", "bundle <id>" (a kiosk's), ...
    std::string language;
    // Where the wording in `language` came from, as the QuestionnaireResponse records it (read
    // from it, not stored twice); none for the form's own language.
    std::optional<TranslationProvenance> translation{};
    std::string pickup_code;             // the kiosk's code for the person, if any
    std::string patient_id;              // the clinic's own patient id (the EHR's), for the measures; optional
    std::string birth_date;              // YYYY-MM-DD when known, for the measures' ages; optional
    std::string questionnaire;           // the Questionnaire JSON when not built-in, else ""
    std::string questionnaire_response;  // the QuestionnaireResponse JSON (PHI)
    std::vector<NeedSummary> needs;      // every domain screened
    bool urgent = false;

    void wipe();
};

// The EHR's list of patients and visits, for the measures' denominators
// (core/actions/roster_import.hpp). PHI.
struct RosterVisit {
    std::string start;  // YYYY-MM-DD
    std::string end;    // YYYY-MM-DD or empty (a one-day visit)
    std::string kind;   // ambulatory, inpatient, ... (as the EHR says)
};
struct RosterPatient {
    std::string id;          // the clinic's patient id
    std::string birth_date;  // YYYY-MM-DD
    std::vector<RosterVisit> visits;     // by start date
    std::vector<std::string> declined;   // dates the person declined screening
};
struct Roster {
    std::string imported;  // RFC 3339 UTC of the last import
    std::string source;    // the last file's name
    std::map<std::string, RosterPatient> patients;
    void wipe();
};

// A service's capacity as an organization's signed update gave it (core/actions/capacity.hpp).
struct CapacityRecord {
    std::string organization;        // the signer's trusted name
    std::string signer_fingerprint;  // of its contact card: a newer update from it replaces these
    std::string organization_id;     // HSDS organization.id, when given
    std::string service_id;          // HSDS service.id
    std::string service_name;
    std::string status;              // capacity, no-capacity, waitlist, additional-assessment-required
    std::string note;
    std::string since;               // YYYY-MM-DD
    std::string updated;             // RFC 3339 UTC: the update's time
    std::string received;            // RFC 3339 UTC: when it was imported
    std::string bundle_id;
};

struct AuditEntry {
    std::string at;      // RFC 3339 UTC
    std::string actor;   // who, as the UI names them (a staff name or role), no PHI
    std::string action;  // "referral-created", "status-imported", "backup-exported", ...
    std::string object;  // an id ("referral <uuid>", "bundle <id>"), no PHI
    std::string detail;  // e.g. "requested -> accepted", no PHI
};

struct StoreData {
    StoreSettings settings;
    std::vector<KeySet> key_sets;
    std::vector<TrustedContact> contacts;
    SeenLedger ledger;
    std::map<std::string, StoredScreening> screenings;  // by id
    std::map<std::string, Referral> referrals;          // by id
    std::vector<AuditEntry> audit;
    Roster roster;                                      // section "roster", when not empty
    std::vector<CapacityRecord> capacity;               // section "capacity", when not empty

    // Overwrites the PHI and secrets with zeros, then empties everything.
    void wipe();
};

// A section's plaintext, by name. Secret: sections hold PHI and keys.
using StoreSections = std::map<std::string, SecretBytes>;

// The names of every section `data` has, in storage order.
std::vector<std::string> store_section_names(const StoreData& data);
// One section's plaintext; throws core::Error("store-data") for a name `data` has no section for.
SecretBytes serialize_store_section(const StoreData& data, std::string_view name);
// Whether a section is one of the small ones written whenever it changed (compared by
// content at every save), rather than marked dirty by the Store's methods.
bool is_small_store_section(std::string_view name);
// Every section, then back. parse throws core::Error("store-data", <section name>, ...) for a
// malformed section or an unknown name (a store written by a newer version), and when a
// required section (settings) is missing.
StoreSections serialize_store_sections(const StoreData& data);
StoreData parse_store_sections(const StoreSections& sections);

// A data set: the referrals and screenings of a store (no keys, contacts or audit), as one
// JSON document for the dashboard command and for scripts:
//   {"safetynet_dataset": 1, "referrals": [<referral JSON>...], "screenings": [<screening JSON>...]}
// PHI: treat the file as the store itself.
std::string dataset_to_json(const StoreData& data);
// Throws core::Error("dataset", <path>, ...).
StoreData dataset_from_json(std::string_view json);

// The roster as JSON (the "roster" section's and a data set's form):
//   {"safetynet_roster": 1, "imported", "source", "patients": [{"id", "birth_date",
//    "visits": [{"start", "end"?, "kind"?}], "declined"?: [dates]}]}
nlohmann::json roster_to_json(const Roster& r);
Roster roster_from_json(const nlohmann::json& j, const std::string& where);  // throws "store-data"

// StoredScreening as JSON (the section's form), for tests and the CLI.
std::string stored_screening_to_json(const StoredScreening& s);
StoredScreening stored_screening_from_json(std::string_view json, const std::string& where);

}  // namespace safetynet::core
