#include "core/referral/referral_outcome.hpp"

#include "core/base/error.hpp"

#include <algorithm>

namespace safetynet::core {

const std::vector<ReferralOutcome>& referral_outcomes() {
    using S = TaskStatus;
    static const std::vector<ReferralOutcome> all = {
        {"got-help", "Got help", {S::Completed}, nullptr},
        // SDOHCC-CodeSystemTemporaryCodes, the STU 3 capacity statuses (SDOHCC-ValueSetCapacityStatus:
        // capacity, no-capacity, waitlist, additional-assessment-required).
        {"no-capacity", "No capacity", {S::Rejected}, "no-capacity"},
        {"waitlist", "On a waiting list", {S::OnHold}, "waitlist"},
        {"not-eligible", "Not eligible", {S::Rejected, S::Failed}, nullptr},
        {"couldnt-contact", "Could not reach the person", {S::Rejected, S::Failed}, nullptr},
        {"declined-by-patient", "The person declined", {S::Rejected, S::Failed, S::Cancelled}, nullptr},
        {"no-longer-needed", "No longer needed", {S::Cancelled}, nullptr},
        {"other", "Other", {}, nullptr},
    };
    return all;
}

const ReferralOutcome* find_referral_outcome(std::string_view code) {
    for (const ReferralOutcome& o : referral_outcomes())
        if (code == o.code) return &o;
    return nullptr;
}

const ReferralOutcome* outcome_for_sdohcc_code(std::string_view code) {
    // The STU 3 ballot's "no-capacity-has-waitlist" became "waitlist" in the published STU 3;
    // updates written before still read.
    if (code == "no-capacity-has-waitlist") code = "waitlist";
    for (const ReferralOutcome& o : referral_outcomes())
        if (o.sdohcc_code && code == o.sdohcc_code) return &o;
    return nullptr;
}

void check_outcome(std::string_view outcome, TaskStatus status, std::string_view reason, std::string_view where) {
    if (outcome.empty()) return;
    const ReferralOutcome* o = find_referral_outcome(outcome);
    if (!o) throw Error("outcome", std::string(where), "unknown outcome \"" + std::string(outcome) + "\"");
    if (!o->statuses.empty() && std::find(o->statuses.begin(), o->statuses.end(), status) == o->statuses.end()) {
        std::string allowed;
        for (TaskStatus s : o->statuses) allowed += (allowed.empty() ? "" : ", ") + std::string(task_status_code(s));
        throw Error("outcome", std::string(where),
                    "outcome " + std::string(outcome) + " goes with " + allowed + ", not " +
                        std::string(task_status_code(status)));
    }
    if (outcome == "other" && reason.empty())
        throw Error("outcome", std::string(where), "outcome other needs a reason saying what happened");
}

}  // namespace safetynet::core
