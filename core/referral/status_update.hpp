#pragma once
// A status update: what one side of a referral tells the other about it, as a FHIR Bundle
// (collection) holding the SDOHCC Task in its new state and the two Organizations it names:
//
//   Task  identifier urn:uuid:<referral id>, status, statusReason (text, our outcome code and
//         the SDOHCC code where there is one, e.g. no-capacity), businessStatus, note,
//         output resulting-activity (completed with "got help"), lastModified, and the
//         required SDOHCC elements: intent order, code fulfill, focus and for (by identifier:
//         the ServiceRequest and Patient stay with the referral), authoredOn, requester, owner.
//
// Usually the organization sends it (accepted, in progress, completed with an outcome, ...);
// the clinic may send one too (cancelled). It travels as a signed, encrypted bundle of kind
// status-update (core/exchange/bundle.hpp); who signed it says who acts.
//
// The clinic reads it back and applies it to the referral it matches (Task and ServiceRequest
// identifiers), after the transition rules (core/referral/referral_status.hpp) and time order allow.
#include "core/referral/referral.hpp"

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

// The referral's current state (its last event) as a status-update Bundle; timestamp = the
// event's time.
nlohmann::json status_update_bundle(const Referral& r);

struct StatusUpdate {
    std::string task_id;             // the referral's id (UUID)
    std::string service_request_id;  // UUID
    std::string patient_id;          // UUID
    std::string requester_name;      // as the Organizations in the update name them
    std::string organization_name;
    StatusEvent event;               // status, at (lastModified), outcome, reason, business
                                     // status, note; `by` is set when applied
};

// Reads a status-update Bundle. Throws core::Error("status-update", "<Resource>.<field>", ...)
// for anything that is not a well-formed update: no Task, a Task that is not a referral Task
// (code fulfill), missing identifiers, a status outside the SDOHCC referral task statuses
// (ready, received), a time that is not RFC 3339 UTC, an unknown outcome or one that does not
// fit the status, ...
StatusUpdate read_status_update(std::string_view fhir_json);

// Which side a bundle signer is on for this referral: the organization's card (Performer) or
// the requester's card (Requester), compared by signing key. Throws core::Error("wrong-sender")
// when the signer is neither, e.g. another organization's update for this referral.
ReferralActor actor_for_signer(const Referral& r, const ContactCard& signer);

// Applies the update to the referral it is about: appends the event with `by` = `actor` and
// `source`. Throws, changing nothing:
//   "referral-mismatch"  the ServiceRequest or Patient identifiers differ from the referral's
//   "duplicate-update"   the same update as the last event (already applied)
//   "stale-update"       older than the referral's last event
//   "status-transition"  a status the SDOHCC rules cannot reach from the current one by moves
//                        this actor may make (transition_reachable: an update may skip states
//                        the clinic never saw, e.g. requested -> completed; never go back)
//   "outcome"            an outcome that does not fit the status
void apply_status_update(Referral& r, const StatusUpdate& u, ReferralActor actor, std::string source);

// The referral an update is about, by Task identifier; throws core::Error("unknown-referral",
// "Task.identifier", ...) when none matches.
Referral& find_referral_for(std::map<std::string, Referral>& referrals, const StatusUpdate& u);

}  // namespace safetynet::core
