#pragma once
// What became of a referral, in the words an organization uses ("got help", "no capacity"),
// mapped onto the SDOHCC Task: its status, its statusReason and, for "got help", its output.
//
//   code                 display                          Task.status                 SDOHCC code (statusReason)
//   got-help             Got help                         completed                   (output resulting-activity)
//   no-capacity          No capacity                      rejected                    no-capacity
//   waitlist             On a waiting list                on-hold                     waitlist (STU 3; was no-capacity-has-waitlist)
//   not-eligible         Not eligible                     rejected, failed            -
//   couldnt-contact      Could not reach the person       rejected, failed            -
//   declined-by-patient  The person declined              rejected, failed, cancelled -
//   no-longer-needed     No longer needed                 cancelled                   -
//   other                Other (say why in the reason)    any                         -
//
// In FHIR the outcome travels as a statusReason coding in our code system
// (kReferralOutcomeSystem); the SDOHCC STU 3 capacity codes (no-capacity, waitlist) are read
// but not written, since the 2.3.0 CodeSystem we claim lacks them; statusReason.text always present
// (the profile requires it whenever a reason is given).
#include "core/referral/referral_status.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

inline constexpr const char* kReferralOutcomeSystem = "urn:safetynet:fhir:referral-outcome";

struct ReferralOutcome {
    const char* code;
    const char* display;
    std::vector<TaskStatus> statuses;  // empty: any status
    const char* sdohcc_code;           // nullptr when the IG has none
};

const std::vector<ReferralOutcome>& referral_outcomes();
const ReferralOutcome* find_referral_outcome(std::string_view code);
// The outcome an SDOHCC statusReason code stands for (no-capacity -> no-capacity, ...).
const ReferralOutcome* outcome_for_sdohcc_code(std::string_view code);
// Throws core::Error("outcome", where, ...) for an unknown code or one that does not fit the
// status ("got-help" with anything but completed), and for "other" without a reason text.
void check_outcome(std::string_view outcome, TaskStatus status, std::string_view reason, std::string_view where);

}  // namespace safetynet::core
