#pragma once
// Opening hours from HSDS 3.0 schedules (RFC 5545 RRULE-style fields): "open at a given local
// time?" for the matcher, and the period that makes a service open, for the reasons.
//
// Supported, the RRULE subset HSDS 3.0 names (schema/schedule.json): freq WEEKLY (byday) and
// MONTHLY (byday with ordinals such as 2MO or -1FR, bymonthday such as 1,15,-1), interval
// counted from dtstart in weeks or months, wkst, byweekno (1…53, -1 the last week), byyearday
// (1…366, -1 the last day), dtstart as the first day, until/count and valid_from/valid_to as
// the last; opens_at/closes_at as HH:MM[:SS] with an optional zone suffix (Z or ±HH:MM,
// ignored: every time is the directory's local time).
//
// How the parts combine: byday picks the days of each week (WEEKLY) or month (MONTHLY), as
// RFC 5545 §3.3.10 expands them; bymonthday, byweekno and byyearday then each narrow those days
// (RFC 5545's "limit"), whatever the freq, so a schedule holding all of them opens only on days
// that meet every one. Weeks are numbered as RFC 5545 §3.3.10 says: week 1 is the first week,
// starting on wkst (Monday unless given), with at least four days of the year; a day belongs to
// the year that holds most of its week (30 December 2024 is in week 1 of 2025).
//
// A period whose closes_at is not after opens_at runs past midnight into the next day
// (22:00-06:00), as the matching reference treats it. Several schedules per service give
// several periods a day.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

inline constexpr std::int32_t kNoDate = INT32_MIN;  // a date bound that is not set

// One period of opening, compact enough to keep for a million services.
struct OpeningRule {
    std::uint16_t opens = 0;     // minutes since midnight
    std::uint16_t closes = 0;    // minutes since midnight; <= opens: past midnight
    std::uint8_t days = 0;       // bit 0 Monday … bit 6 Sunday (days the period starts on)
    std::uint8_t freq = 0;       // 0 weekly, 1 monthly
    std::uint8_t interval = 1;   // every n weeks (weekly) or months (monthly) from dtstart
    std::uint8_t wkst = 0;       // the day weeks start on (0 Monday … 6 Sunday): interval, byweekno
    std::uint16_t nth[7] = {};   // monthly byday: per weekday, bit k<5 = (k+1)th, bit 5+k = (k+1)th
                                 // last; 0xFFFF = every such weekday
    std::uint16_t reserved1 = 0;
    std::uint32_t monthdays = 0;      // monthly bymonthday: bit d = day d (1..31)
    std::uint32_t monthdays_last = 0; // bit k = (k+1)th day from the end of the month
    std::int32_t valid_from = kNoDate;  // days since 1970-01-01, inclusive
    std::int32_t valid_to = kNoDate;    // inclusive
    std::int32_t dtstart = kNoDate;     // the first day; anchors `interval`
    std::uint32_t weeks[2] = {};          // byweekno: bit n of these 64 = week n (1..53)
    std::uint32_t weeks_last[2] = {};     // bit n-1 = the nth week from the end of the year
    std::uint32_t yeardays[12] = {};      // byyearday: bit n of these 384 = day n of the year (1..366)
    std::uint32_t yeardays_last[12] = {}; // bit n-1 = the nth day from the end (-1: 31 December)

    bool has_weeks() const { return (weeks[0] | weeks[1] | weeks_last[0] | weeks_last[1]) != 0; }
    bool has_yeardays() const {
        std::uint32_t any = 0;
        for (int i = 0; i < 12; ++i) any |= yeardays[i] | yeardays_last[i];
        return any != 0;
    }
    // True when the rule needs a calendar date (not just a weekday) to evaluate.
    bool needs_date() const {
        return freq != 0 || interval > 1 || valid_from != kNoDate || valid_to != kNoDate || dtstart != kNoDate ||
               monthdays != 0 || monthdays_last != 0 || has_weeks() || has_yeardays();
    }
};

// A local moment: a weekday and a time, and when known the date.
struct LocalTime {
    int weekday = 0;              // 0 Monday … 6 Sunday
    int minute = 0;               // minutes since midnight
    std::int32_t day = kNoDate;   // days since 1970-01-01, or kNoDate when only the weekday is known

    // "2026-11-24T10:30" or "2026-11-24T10:30:00" (no zone: a local time). nullopt if malformed.
    static std::optional<LocalTime> parse_iso(std::string_view text);
    // A weekday code (MO…SU) and "HH:MM", as the reference queries give them.
    static std::optional<LocalTime> from_weekday(std::string_view day_code, std::string_view hhmm);
};

// Days since 1970-01-01 for a proleptic Gregorian date, or nullopt when it does not exist.
std::optional<std::int32_t> days_from_civil(int year, int month, int day);
// "YYYY-MM-DD" (a trailing time part is ignored) → days since 1970-01-01.
std::optional<std::int32_t> parse_date(std::string_view text);
// "HH:MM" or "HH:MM:SS", optionally followed by Z or ±HH[:MM] → minutes; 24:00 is 1440.
std::optional<int> parse_time_of_day(std::string_view text);
// "MO,TU" (weekly) or "1MO,-1FR" (monthly ordinals) into `rule`; false on any bad part.
bool parse_byday(std::string_view text, bool monthly, OpeningRule& rule);
// "1,15,-1" into `rule`; false on any bad part.
bool parse_bymonthday(std::string_view text, OpeningRule& rule);
// "41,42,-1" (weeks 1…53, or from the end) into `rule`; false on any bad part.
bool parse_byweekno(std::string_view text, OpeningRule& rule);
// "1,32,-1" (days 1…366 of the year, or from the end) into `rule`; false on any bad part.
bool parse_byyearday(std::string_view text, OpeningRule& rule);
// A weekday code (MO … SU, any case) → 0 … 6, or -1.
int weekday_index(std::string_view code);
// The weekday of a day since 1970-01-01: 0 Monday … 6 Sunday.
int weekday_of(std::int32_t day);
// "2026-11-24" for a day since 1970-01-01.
std::string format_date(std::int32_t day);

// Does `rule` start a period on calendar `day` (weekday `weekday`)? `day` may be kNoDate, in
// which case rules that need a date do not occur.
bool rule_occurs_on(const OpeningRule& rule, std::int32_t day, int weekday);

// The first day in [from, from + days) on which the rule occurs, or nullopt. `from` must be a
// date. Used at import: a rule that never occurs is reported, and `count` becomes a last day.
std::optional<std::int32_t> first_occurrence(const OpeningRule& rule, std::int32_t from, std::int32_t days);
// The day of the nth (1-based) occurrence on or after `from`, looking `days` ahead, or nullopt.
std::optional<std::int32_t> nth_occurrence(const OpeningRule& rule, std::int32_t from, std::uint32_t n,
                                           std::int32_t days);

// Is the service open at `t` by this rule? `end_of_day_inclusive` treats a period closing at
// 23:59 as closing at midnight (the product's reading of HSDS's "00:00 to 23:59 means 24 h");
// the reference reads 23:59 literally.
bool rule_open_at(const OpeningRule& rule, const LocalTime& t, bool end_of_day_inclusive);

// Two-letter weekday code, 0 = "MO".
std::string_view weekday_code(int weekday);
// "09:30" for 570.
std::string format_minutes(int minutes);

}  // namespace safetynet::core
