#pragma once
// A referral: one person, referred by a clinic to ONE receiving organization for one or more of
// its services, with the needs that justify it, the person's consent, and the status history
// (what each side said, and when). The same model serves both ends of the loop:
//   - the clinic (direction Outgoing, it is the requester) makes one, exports it as a signed,
//     encrypted bundle per organization (core/referral/referral_fhir.hpp), imports the organization's
//     status updates (core/referral/status_update.hpp) into its history;
//   - the organization (direction Incoming, it is the performer) reads the referral bundle
//     back into this model, records its own status changes, and sends updates.
//
// Minimum necessary: the person's name is the only identifying item required; birth date,
// phone, e-mail, language are what the clinician chooses to share. Everything here is PHI:
// call wipe() when done (the store does on lock()).
//
// [SECTION] Model
// [SECTION] Creating and recording
// [SECTION] JSON (the store's form and the CLI's input)
#include "core/referral/referral_status.hpp"
#include "core/exchange/contact_card.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/scoring.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Model
//----------------------------------------------------------------------------------------------

enum class ReferralDirection { Outgoing, Incoming };
// FHIR request-priority codes (ServiceRequest.priority, Task.priority).
enum class ReferralPriority { Routine, Urgent, Asap, Stat };

std::string_view referral_priority_code(ReferralPriority p);
std::optional<ReferralPriority> parse_referral_priority(std::string_view code);

struct ReferralPatient {
    std::string name;               // required: as the person gives it (HumanName.text)
    std::string family;             // optional structured parts, when the screen has them
    std::vector<std::string> given;
    std::string birth_date;         // YYYY, YYYY-MM or YYYY-MM-DD, or empty
    std::string phone;
    std::string email;
    std::string preferred_contact;  // "", "phone", "sms" or "email" (that ContactPoint gets rank 1)
    std::string language;           // BCP 47 ("es"), or empty
    // The person does not want to be contacted by the organization (ServiceRequest.orderDetail
    // contacting-subject-prohibited; e.g. when contact could put them at risk).
    bool do_not_contact = false;
    std::string contact_note;       // "after 5 pm; do not leave a message": goes in the note
};

struct ReferralNeed {
    std::string domain;         // Gravity SDOH category, or one of ours (docs/SCREENING.md)
    std::string display;
    bool urgent = false;
    std::vector<Coding> codes;  // suggested SNOMED CT / ICD-10-CM (ScreeningResult)
};

struct ReferralService {
    std::string id;        // the directory's service id (HSDS service.id)
    std::string name;
    std::string location_id;
    std::string location_name;
    std::string address;   // one line, as shown to the person
};

struct ReferralParty {
    std::string name;                  // required
    std::string directory_id;          // HSDS organization.id, when it came from the directory
    std::optional<ContactCard> card;   // keys, when the organization has them
    std::string fhir_id;               // UUID of its FHIR Organization resource
};

struct ReferralConsent {
    std::string given_by;      // empty: the person themself; else a representative's name
    std::string relationship;  // of the representative ("mother", "guardian"), if any
    std::string date_time;     // RFC 3339 UTC, required
    std::string scope;         // what the person agreed to share and with whom (plain text)
};

// One change of status, or a note on the current one.
struct StatusEvent {
    TaskStatus status = TaskStatus::Requested;
    ReferralActor by = ReferralActor::Requester;
    std::string at;               // Task.lastModified (RFC 3339 UTC)
    std::string outcome;          // an outcome code (core/referral/status_update.hpp), or empty
    std::string reason;           // statusReason.text
    std::string business_status;  // free text ("appointment on 3 June")
    std::string note;
    std::string source;           // "local", "bundle <id>", "recorded" (told by phone, ...)
};

// A follow-up call the clinic made about a referral (core/referral/follow_up.hpp): the
// clinic's own record, never sent in a bundle.
struct FollowUpCall {
    std::string at;       // RFC 3339 UTC
    std::string by;       // staff name, optional
    std::string outcome;  // follow_up_outcomes(): connected, not-yet, could-not-reach, ...
    std::string note;     // optional
    std::string next;     // YYYY-MM-DD: call again then, or empty
};

struct Referral {
    std::string id;                  // UUID: the Task's identifier (urn:uuid:<id>)
    std::string service_request_id;  // UUID of the ServiceRequest
    std::string patient_id;          // UUID of the Patient (its identifier; no PHI)
    std::string consent_id;          // UUID of the Consent
    ReferralDirection direction = ReferralDirection::Outgoing;
    std::string created;             // Task.authoredOn (RFC 3339 UTC)
    ReferralParty requester;         // the clinic
    std::string clinician;           // who made the referral, optional
    ReferralParty organization;      // the receiving organization
    ReferralPatient patient;
    std::vector<ReferralNeed> needs;
    std::vector<ReferralService> services;
    ReferralPriority priority = ReferralPriority::Routine;
    std::string note;                // to the organization
    std::string occurrence;          // requested by (YYYY-MM-DD), optional
    ReferralConsent consent;
    std::string screening_id;        // the stored screening it came from, optional
    std::string bundle_id;           // the bundle it was sent or received in, once it was
    std::vector<StatusEvent> history;  // never empty: the first event is draft or requested
    std::string expected_response;     // YYYY-MM-DD an answer is expected by (the clinic's; may be empty)
    std::vector<FollowUpCall> follow_ups;  // the clinic's calls, oldest first

    TaskStatus status() const { return history.back().status; }
    const StatusEvent& last_event() const { return history.back(); }
    // The time of the last event (Task.lastModified).
    const std::string& last_modified() const { return history.back().at; }

    // Overwrites every string with zeros before freeing it (PHI).
    void wipe();
};

//----------------------------------------------------------------------------------------------
// [SECTION] Creating and recording
//----------------------------------------------------------------------------------------------

// A new outgoing referral: fresh UUIDs (id, ServiceRequest, Patient, Consent, and the parties'
// FHIR ids when empty), created = `now`, history = [{initial, requester, now, source "local"}].
// Checks it (check_referral) and throws core::Error("referral", field, ...) when incomplete.
Referral new_referral(ReferralPatient patient, ReferralParty requester, ReferralParty organization,
                      std::vector<ReferralNeed> needs, std::vector<ReferralService> services, ReferralConsent consent,
                      std::string_view now, TaskStatus initial = TaskStatus::Requested);

// The positive needs of a screening, urgent first, as a referral's needs.
std::vector<ReferralNeed> needs_from_screening(const ScreeningResult& result);

// Throws core::Error("referral", <field>, ...) unless: the ids are UUIDs, created and every
// event time are RFC 3339 UTC and never go backwards, the patient has a name, the
// organization and requester have names, there is at least one need, the consent has a
// date_time, the history starts with draft/requested by the requester and every step is one
// the rules can reach (check_reachable: a history may skip states this side never saw).
void check_referral(const Referral& r);

// Appends `event` after checking that it is not older than the last event ("stale-update")
// and the move: one allowed move for a change made here (Move), or a reachable status for an
// update imported from the other side (Reachable). Nothing changes when it throws.
enum class TransitionCheck { Move, Reachable };
void record_status(Referral& r, StatusEvent event, TransitionCheck check = TransitionCheck::Move);

//----------------------------------------------------------------------------------------------
// [SECTION] JSON (the store's form and the CLI's input)
//----------------------------------------------------------------------------------------------

// {"safetynet_referral": 1, "id", ..., "history": [...]}: docs/REFERRALS.md has the fields.
nlohmann::json referral_to_json(const Referral& r);
// Strict: unknown fields, wrong types and a failing check_referral throw
// core::Error("referral", <json path>, ...).
Referral referral_from_json(const nlohmann::json& j);

// A referral REQUEST in the same form, as a script or the CLI writes it: the ids, direction,
// created, parties' fhir_ids and history may be left out; the missing ones are filled as
// new_referral() does (fresh UUIDs, created = now, history = requested by the requester).
Referral referral_from_request(const nlohmann::json& j, std::string_view now);

// The same for the parts, for other JSON documents (CLI input, status updates).
nlohmann::json coding_to_json(const Coding& c);
Coding coding_from_json(const nlohmann::json& j, const std::string& where);

}  // namespace safetynet::core
