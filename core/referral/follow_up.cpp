// Follow-up rules (follow_up.hpp).
#include "core/referral/follow_up.hpp"

#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"
#include "core/base/utc_time.hpp"

#include <algorithm>

namespace safetynet::core {

int ResponseDays::for_priority(ReferralPriority p) const {
    switch (p) {
        case ReferralPriority::Routine: return routine;
        case ReferralPriority::Urgent: return urgent;
        case ReferralPriority::Asap: return asap;
        case ReferralPriority::Stat: return stat;
    }
    return routine;
}

std::string expected_response_date(const Referral& r, const ResponseDays& days) {
    if (!r.expected_response.empty()) return r.expected_response;
    const std::optional<std::string> sent = [&]() -> std::optional<std::string> {
        for (const StatusEvent& e : r.history)
            if (e.status == TaskStatus::Requested) return e.at;
        return std::nullopt;
    }();
    return add_days(sent.value_or(r.created).substr(0, 10), days.for_priority(r.priority));
}

const std::vector<FollowUpOutcomeInfo>& follow_up_outcomes() {
    static const std::vector<FollowUpOutcomeInfo> kOutcomes = {
        {"connected", true, true},              // the person is in touch with the organization
        {"not-yet", false, false},              // reached, not connected yet: call again
        {"could-not-reach", false, false},      // no answer: call again
        {"new-referral-needed", true, false},   // closes this one; the clinic refers elsewhere
        {"no-longer-needed", true, false},
        {"declined-help", true, false},
    };
    return kOutcomes;
}

const FollowUpOutcomeInfo* find_follow_up_outcome(std::string_view code) {
    for (const FollowUpOutcomeInfo& o : follow_up_outcomes())
        if (code == o.code) return &o;
    return nullptr;
}

bool follow_up_confirms_contact(std::string_view outcome) {
    const FollowUpOutcomeInfo* o = find_follow_up_outcome(outcome);
    return o && o->contact;
}

void record_follow_up(Referral& r, FollowUpCall call) {
    constexpr const char* kKind = "follow-up";
    if (!find_follow_up_outcome(call.outcome)) throw Error(kKind, "outcome", "unknown outcome \"" + call.outcome + "\"");
    if (!is_utc_rfc3339(call.at)) throw Error(kKind, "at", "must be an RFC 3339 UTC time");
    if (call.at < r.created) throw Error(kKind, "at", "is before the referral was made");
    if (!call.next.empty() && (!is_calendar_date(call.next) || call.next < call.at.substr(0, 10)))
        throw Error(kKind, "next", "must be a date (YYYY-MM-DD) on or after the call");
    if (call.note.size() > 2000) throw Error(kKind, "note", "is longer than 2000 bytes");
    if (call.by.size() > 200) throw Error(kKind, "by", "is longer than 200 bytes");
    if (!r.follow_ups.empty() && call.at < r.follow_ups.back().at) throw Error(kKind, "at", "is before the last call");
    r.follow_ups.push_back(std::move(call));
}

std::string_view follow_up_reason_code(FollowUpReason reason) {
    switch (reason) {
        case FollowUpReason::None: return "";
        case FollowUpReason::NoAnswer: return "no-answer";
        case FollowUpReason::Overdue: return "overdue";
        case FollowUpReason::Declined: return "declined";
        case FollowUpReason::CallAgain: return "call-again";
    }
    return "";
}

namespace {

bool declined(const Referral& r) {
    return (r.status() == TaskStatus::Rejected || r.status() == TaskStatus::Failed) &&
           r.last_event().by == ReferralActor::Performer;
}

// Same person: the same screening, else the same folded name and birth date.
bool same_person(const Referral& a, const Referral& b) {
    if (!a.screening_id.empty() || !b.screening_id.empty()) return a.screening_id == b.screening_id;
    return fold_text(a.patient.name) == fold_text(b.patient.name) && a.patient.birth_date == b.patient.birth_date;
}

bool replaced(const Referral& r, const std::vector<const Referral*>& others) {
    for (const Referral* o : others) {
        if (o == &r || o->id == r.id || o->direction != r.direction || o->created < r.created) continue;
        if (o->status() == TaskStatus::EnteredInError || declined(*o) || !same_person(r, *o)) continue;
        for (const ReferralNeed& a : r.needs)
            for (const ReferralNeed& b : o->needs)
                if (a.domain == b.domain) return true;
    }
    return false;
}

}  // namespace

FollowUpState follow_up_state(const Referral& r, const std::vector<const Referral*>& others, std::string_view today,
                              const ResponseDays& days, int overdue_days) {
    FollowUpState s;
    const TaskStatus st = r.status();
    const bool sent = std::any_of(r.history.begin(), r.history.end(),
                                  [](const StatusEvent& e) { return e.status == TaskStatus::Requested; });
    const FollowUpCall* last = r.follow_ups.empty() ? nullptr : &r.follow_ups.back();
    const bool call_closed = last && find_follow_up_outcome(last->outcome) && find_follow_up_outcome(last->outcome)->closes;
    if (r.direction != ReferralDirection::Outgoing || !sent || st == TaskStatus::Completed || st == TaskStatus::Cancelled ||
        st == TaskStatus::EnteredInError || call_closed || (declined(r) && replaced(r, others))) {
        s.closed = true;
        return s;
    }
    // The date the next follow-up is due, before any call: by status.
    FollowUpReason reason = FollowUpReason::None;
    if (declined(r)) {
        s.due = r.last_modified().substr(0, 10);
        reason = FollowUpReason::Declined;
    } else if (st == TaskStatus::Requested) {
        s.due = expected_response_date(r, days);
        reason = FollowUpReason::NoAnswer;
    } else {
        s.due = add_days(r.last_modified().substr(0, 10), overdue_days);
        reason = FollowUpReason::Overdue;
    }
    // A call since the last status event moves the due date to the one it asked for (or, when
    // none was asked, to the next day the status rule gives after the call).
    if (last && last->at >= r.last_modified()) {
        s.due = last->next.empty() ? add_days(last->at.substr(0, 10), std::max(1, days.for_priority(r.priority)))
                                   : last->next;
        reason = FollowUpReason::CallAgain;
    }
    // no-answer is due the day AFTER the expected date: the organization has that whole day.
    const bool due_now = reason == FollowUpReason::NoAnswer ? s.due < today : s.due <= today;
    if (due_now) s.reason = reason;
    return s;
}

}  // namespace safetynet::core
