// The follow-up list, calls, calendar and next steps (follow_up_list.hpp).
#include "core/actions/follow_up_list.hpp"

#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"

#include <algorithm>

namespace safetynet::core {

ResponseDays response_days(const StoreSettings& s) { return s.response_days; }

std::vector<FollowUpRow> follow_up_list(const StoreData& data, std::string_view today, bool all) {
    std::vector<const Referral*> refs;
    for (const auto& [id, r] : data.referrals) refs.push_back(&r);
    std::vector<FollowUpRow> due, later;
    for (const Referral* r : refs) {
        const FollowUpState s = follow_up_state(*r, refs, today, data.settings.response_days, data.settings.overdue_days);
        if (s.closed) continue;
        (s.reason != FollowUpReason::None ? due : later).push_back({r, s});
    }
    auto by_due = [](const FollowUpRow& a, const FollowUpRow& b) {
        return a.state.due != b.state.due ? a.state.due < b.state.due : a.referral->id < b.referral->id;
    };
    std::sort(due.begin(), due.end(), by_due);
    if (all) {
        std::sort(later.begin(), later.end(), by_due);
        due.insert(due.end(), later.begin(), later.end());
    }
    return due;
}

void record_follow_up_call(Store& store, std::string_view referral_id, FollowUpCall call, std::string_view actor) {
    const std::string id(referral_id);  // the view may point into the store, which put_referral replaces
    const Referral* stored = store.referral(id);
    if (!stored) throw Error("unknown-referral", "referral " + id, "no such referral in the store");
    if (stored->direction != ReferralDirection::Outgoing)
        throw Error("referral-status", "referral " + id, "follow-up calls are the referring clinic's");
    Referral r = *stored;
    const std::string at = call.at, outcome = call.outcome;
    record_follow_up(r, std::move(call));
    store.put_referral(std::move(r));
    store.audit(std::string(actor), "follow-up-recorded", "referral " + id, outcome, at);
}

namespace {

// RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma escaped; newlines as \n.
std::string ics_text(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '\\' || c == ';' || c == ',') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out;
}

// RFC 5545 §3.1: lines of at most 75 octets, folded with CRLF + one space, never inside a
// UTF-8 sequence.
void ics_line(std::string& out, const std::string& line) {
    std::size_t at = 0, width = 75;
    while (line.size() - at > width) {
        std::size_t cut = at + width;
        while (cut > at && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out += line.substr(at, cut - at) + "\r\n ";
        at = cut;
        width = 74;  // the leading space of a continuation line counts
    }
    out += line.substr(at) + "\r\n";
}

std::string ics_stamp(std::string_view rfc3339) {
    std::string s;
    for (const char c : rfc3339)
        if (c != '-' && c != ':') s += c;
    return s;  // 20260115T093000Z
}

}  // namespace

std::string follow_up_calendar(const StoreData& data, std::string_view today, std::string_view now) {
    std::string out;
    ics_line(out, "BEGIN:VCALENDAR");
    ics_line(out, "VERSION:2.0");
    ics_line(out, "PRODID:-//SafetyNet//Referral follow-ups//EN");
    ics_line(out, "CALSCALE:GREGORIAN");
    for (const FollowUpRow& row : follow_up_list(data, today, true)) {
        const Referral& r = *row.referral;
        const std::string day = std::max(row.state.due, std::string(today));
        const std::string date(day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2));
        const std::string next = add_days(day, 1);
        ics_line(out, "BEGIN:VEVENT");
        ics_line(out, "UID:" + r.id + "@follow-up.safetynet");
        ics_line(out, "DTSTAMP:" + ics_stamp(now));
        ics_line(out, "DTSTART;VALUE=DATE:" + date);
        ics_line(out, "DTEND;VALUE=DATE:" + next.substr(0, 4) + next.substr(5, 2) + next.substr(8, 2));
        ics_line(out, "SUMMARY:" + ics_text("Follow up referral " + r.id.substr(0, 8) + " — " + r.organization.name));
        ics_line(out, "DESCRIPTION:" + ics_text("SafetyNet referral " + r.id + " to " + r.organization.name + ", status " +
                                               std::string(task_status_code(r.status())) + ". Open the workspace for details."));
        ics_line(out, "TRANSP:TRANSPARENT");
        ics_line(out, "END:VEVENT");
    }
    ics_line(out, "END:VCALENDAR");
    return out;
}

NextStep what_happens_next(const Referral& r, const ResponseDays& days) {
    NextStep n;
    n.organization = r.organization.name;
    n.organization_calls = !r.patient.do_not_contact;
    n.by = expected_response_date(r, days);
    n.clinic_calls_on = add_days(n.by, 1);
    return n;
}

}  // namespace safetynet::core
