#pragma once
// Following up a referral from the clinic's side: when an answer is expected, the calls the
// staff make and what came of them, and which referrals need a call today.
//
// Expected response: the referral's creation date + the site's days for its priority
// (routine 7, urgent 2, asap 1, stat 1 by default), kept on the referral when it is made so
// a later change of settings does not move it; older referrals without one get it computed.
//
// Needs follow-up today (docs/REFERRALS.md §8), for an outgoing referral that was sent:
//   no-answer  still requested and the expected-response date has passed
//   overdue    accepted / in progress / on hold and no event for the site's overdue days
//   declined   rejected or failed, and no later referral from the same screening (or for the
//              same person) covers one of its needs
//   call-again a follow-up call asked to call again on a date that has come
// A call that ends the follow-up (connected, no longer needed, declined help, a new referral
// made) takes it off the list; completed and cancelled referrals are never on it.
#include "core/referral/referral.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct ResponseDays {
    int routine = 7;
    int urgent = 2;
    int asap = 1;
    int stat = 1;
    int for_priority(ReferralPriority p) const;
};

// The date (YYYY-MM-DD) an answer is expected: r.expected_response when set, else created + days.
std::string expected_response_date(const Referral& r, const ResponseDays& days);

// Follow-up call outcomes: code, whether it closes the follow-up, whether the person
// confirmed contact with the organization (counts for MIPS #498 as the patient's report).
struct FollowUpOutcomeInfo {
    const char* code;
    bool closes;
    bool contact;
};
const std::vector<FollowUpOutcomeInfo>& follow_up_outcomes();  // connected, not-yet, could-not-reach,
                                                                // new-referral-needed, no-longer-needed, declined-help
const FollowUpOutcomeInfo* find_follow_up_outcome(std::string_view code);
bool follow_up_confirms_contact(std::string_view outcome);

// Records a call: checks the outcome code, the time (RFC 3339 UTC, not before the referral
// was made), the next date (YYYY-MM-DD or empty, not before the call) and a note's length.
// Throws core::Error("follow-up", field, ...) and changes nothing when one is wrong.
void record_follow_up(Referral& r, FollowUpCall call);

enum class FollowUpReason { None, NoAnswer, Overdue, Declined, CallAgain };
std::string_view follow_up_reason_code(FollowUpReason reason);  // "", no-answer, overdue, declined, call-again

struct FollowUpState {
    FollowUpReason reason = FollowUpReason::None;  // why it needs a call today (None: it does not)
    std::string due;       // when the next follow-up is due (YYYY-MM-DD), "" when nothing is left to do
    bool closed = false;   // nothing more to follow up
};

// `others`: the other referrals of the store (to see whether a declined one was replaced).
FollowUpState follow_up_state(const Referral& r, const std::vector<const Referral*>& others, std::string_view today,
                              const ResponseDays& days, int overdue_days);

}  // namespace safetynet::core
