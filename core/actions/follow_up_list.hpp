#pragma once
// What the clinic's tracker opens on: the referrals that need a follow-up call today, and why
// (core/referral/follow_up.hpp has the rules); recording a call; a calendar (.ics) of the
// coming follow-ups; and "what happens next" for the patient's take-home list.
#include "core/referral/follow_up.hpp"
#include "core/store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

// The site's response days (settings) as the rules take them.
ResponseDays response_days(const StoreSettings& settings);

struct FollowUpRow {
    const Referral* referral = nullptr;
    FollowUpState state;
};
// Outgoing referrals whose follow-up is due on `today` (YYYY-MM-DD) or earlier, the longest
// waiting first; then (all = true) every other open one, soonest due first.
std::vector<FollowUpRow> follow_up_list(const StoreData& data, std::string_view today, bool all = false);

// Records a call on an outgoing referral ("follow-up" errors; "referral-status" for an
// incoming one); audited without the note.
void record_follow_up_call(Store& store, std::string_view referral_id, FollowUpCall call, std::string_view actor);

// iCalendar (RFC 5545) of the follow-ups due from `today` on and those already due: one
// all-day VEVENT per referral on its due date, its summary the referral's short number and
// the organization, its UID the referral id. No patient name, phone or need: a calendar is
// often synced to places the store is not. `now` is DTSTAMP.
std::string follow_up_calendar(const StoreData& data, std::string_view today, std::string_view now);

// For the person's take-home list: who will be in touch, and by when.
struct NextStep {
    std::string organization;
    bool organization_calls = true;  // false: the person asked not to be contacted; they call
    std::string by;                  // the expected-response date
    std::string clinic_calls_on;     // the day after: the clinic calls if nobody has been in touch
};
NextStep what_happens_next(const Referral& r, const ResponseDays& days);

}  // namespace safetynet::core
