#pragma once
// The status of a referral: the status of its SDOHCC Task For Referral Management, and who may
// move it where.
//
// Statuses: the SDOHCC referral task status value set (SDOHCC-ValueSetReferralTaskStatus):
// every FHIR R4 TaskStatus code except `ready` and `received` (ten codes).
//
// Who sets which (SDOHCC STU2, TaskForReferralManagement "Status Management" table):
//   draft, requested, entered-in-error            the requester (the referring clinic)
//   accepted, rejected, in-progress, on-hold,
//   failed, completed                             the performer (the receiving organization)
//   cancelled                                     either
//
// Which moves (the same page's Referral Task State Diagram), plus one edge the diagram lacks:
//   (new)        -> draft | requested
//   draft        -> requested | entered-in-error
//   requested    -> accepted | rejected | cancelled*
//   accepted     -> in-progress | on-hold | completed | failed | cancelled
//   in-progress  -> on-hold | completed | failed | cancelled
//   on-hold      -> in-progress | completed | failed | cancelled
//   rejected, cancelled, failed, completed, entered-in-error: final, nothing leaves them.
// * requested -> cancelled is not drawn, but the IG's referral workflow notes name "canceling
//   the referral by either party" and FHIR's own Task state machine allows it; without it a
//   clinic could never withdraw a referral the organization has not answered yet.
//
// A status update may also repeat the current status (a note, a new businessStatus) when that
// status is not final and the actor is one who may set it.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

enum class TaskStatus {
    Draft,
    Requested,
    Accepted,
    Rejected,
    Cancelled,
    InProgress,
    OnHold,
    Failed,
    Completed,
    EnteredInError,
};

// Who acts on a referral: the requester (the clinic that sent it) or the performer (the
// organization it was sent to).
enum class ReferralActor { Requester, Performer };

inline constexpr std::array<TaskStatus, 10> kAllTaskStatuses = {
    TaskStatus::Draft,   TaskStatus::Requested,  TaskStatus::Accepted, TaskStatus::Rejected,  TaskStatus::Cancelled,
    TaskStatus::InProgress, TaskStatus::OnHold, TaskStatus::Failed,   TaskStatus::Completed, TaskStatus::EnteredInError,
};

// The FHIR code ("in-progress") and back. parse_task_status gives nullopt for anything else,
// including the TaskStatus codes SDOHCC excludes (ready, received).
std::string_view task_status_code(TaskStatus status);
std::optional<TaskStatus> parse_task_status(std::string_view code);
std::string_view referral_actor_name(ReferralActor actor);  // "requester" | "performer"
std::optional<ReferralActor> parse_referral_actor(std::string_view name);

// rejected, cancelled, failed, completed, entered-in-error: the loop is closed.
bool is_final(TaskStatus status);
// Whether `actor` may ever set `status` (the "Set By" column).
bool may_set(TaskStatus status, ReferralActor actor);
// The status a new referral may start in: draft or requested, by the requester.
bool initial_status_allowed(TaskStatus status, ReferralActor actor);
// Whether `actor` may move a referral from `from` to `to` (see the table above; from == to is
// the "repeat a non-final status" rule).
bool transition_allowed(TaskStatus from, TaskStatus to, ReferralActor actor);
// The same as a clear sentence when refused ("the organization cannot set draft", "completed
// is final: ..."), empty when allowed.
std::string transition_refusal(TaskStatus from, TaskStatus to, ReferralActor actor);
// Throws core::Error("status-transition", where, transition_refusal(...)) when refused.
void check_transition(TaskStatus from, TaskStatus to, ReferralActor actor, std::string_view where);

// A status update is a snapshot: the other side may have moved through states this side never
// saw (an organization that accepts and completes, and sends only "completed"). Reachable:
// `to` can be reached from `from` by one or more moves `actor` is allowed to make (or from ==
// to, as above). It still refuses going back (in-progress -> accepted), leaving a final
// status, and any status the actor may not set. Imported updates and stored histories are
// checked this way; a change made on this device is checked move by move (transition_allowed).
bool transition_reachable(TaskStatus from, TaskStatus to, ReferralActor actor);
void check_reachable(TaskStatus from, TaskStatus to, ReferralActor actor, std::string_view where);

}  // namespace safetynet::core
