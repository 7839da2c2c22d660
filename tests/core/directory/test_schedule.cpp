// Opening hours (core/directory/schedule.hpp).
#include "core/directory/schedule.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;

namespace {
OpeningRule weekly(const char* days, const char* opens, const char* closes) {
    OpeningRule r;
    REQUIRE(parse_byday(days, false, r));
    r.opens = static_cast<std::uint16_t>(*parse_time_of_day(opens));
    r.closes = static_cast<std::uint16_t>(*parse_time_of_day(closes));
    return r;
}
LocalTime at(const char* iso) {
    const auto t = LocalTime::parse_iso(iso);
    REQUIRE(t.has_value());
    return *t;
}
}  // namespace

TEST_CASE("dates and weekdays") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK_FALSE(days_from_civil(2026, 2, 29).has_value());
    CHECK(days_from_civil(2028, 2, 29).has_value());
    CHECK(at("2026-11-24T10:30").weekday == 1);  // Tuesday
    CHECK(at("2026-11-22T00:00").weekday == 6);  // Sunday
    CHECK(at("2026-11-24T10:30").minute == 630);
    CHECK_FALSE(LocalTime::parse_iso("2026-11-24").has_value());
    CHECK_FALSE(LocalTime::parse_iso("2026-11-24T10:30Z").has_value());  // a zone is not a local time
    CHECK_FALSE(LocalTime::parse_iso("2026-13-01T10:30").has_value());
    CHECK_FALSE(LocalTime::parse_iso("2026-11-24T24:00").has_value());
}

TEST_CASE("times of day: seconds ignored, zones dropped, 24:00 allowed as a closing time") {
    CHECK(parse_time_of_day("09:00") == 540);
    CHECK(parse_time_of_day("09:00:59") == 540);
    CHECK(parse_time_of_day("09:00-05:00") == 540);
    CHECK(parse_time_of_day("17:30Z") == 1050);
    CHECK(parse_time_of_day("24:00") == 1440);
    CHECK_FALSE(parse_time_of_day("24:01").has_value());
    CHECK_FALSE(parse_time_of_day("9:00").has_value());
    CHECK_FALSE(parse_time_of_day("09:60").has_value());
}

TEST_CASE("byday: weekdays, and ordinals only with MONTHLY") {
    OpeningRule r;
    CHECK(parse_byday("MO, we,FR", false, r));
    CHECK(r.days == (1 | 4 | 16));
    OpeningRule m;
    CHECK(parse_byday("2MO,-1FR", true, m));
    CHECK(m.nth[0] == 2);          // the 2nd Monday
    CHECK(m.nth[4] == (1u << 5));  // the last Friday
    OpeningRule bad;
    CHECK_FALSE(parse_byday("2MO", false, bad));
    CHECK_FALSE(parse_byday("MON", false, bad));
    CHECK_FALSE(parse_byday("0MO", true, bad));
    CHECK_FALSE(parse_byday("", false, bad));
}

TEST_CASE("open: several periods a day, closed days, a closing time that is exclusive") {
    const OpeningRule morning = weekly("MO,TU,WE,TH,FR", "09:00", "12:00");
    const OpeningRule afternoon = weekly("MO,TU,WE,TH,FR", "13:00", "17:00");
    auto open = [&](const char* t) {
        return rule_open_at(morning, at(t), true) || rule_open_at(afternoon, at(t), true);
    };
    CHECK(open("2026-11-24T09:00"));
    CHECK(open("2026-11-24T11:59"));
    CHECK_FALSE(open("2026-11-24T12:00"));
    CHECK_FALSE(open("2026-11-24T12:30"));
    CHECK(open("2026-11-24T13:00"));
    CHECK_FALSE(open("2026-11-24T17:00"));
    CHECK_FALSE(open("2026-11-28T10:00"));  // Saturday: a closed day
    CHECK_FALSE(open("2026-11-29T10:00"));  // Sunday
}

TEST_CASE("a period past midnight belongs to the day it starts") {
    const OpeningRule sat_night = weekly("SA", "22:00", "06:00");
    CHECK(rule_open_at(sat_night, at("2026-11-28T23:00"), true));   // Saturday night
    CHECK(rule_open_at(sat_night, at("2026-11-29T03:00"), true));   // early Sunday
    CHECK_FALSE(rule_open_at(sat_night, at("2026-11-29T06:00"), true));
    CHECK_FALSE(rule_open_at(sat_night, at("2026-11-29T23:00"), true));  // Sunday night: not listed
    CHECK_FALSE(rule_open_at(sat_night, at("2026-11-28T03:00"), true));  // early Saturday: Friday not listed
    const OpeningRule sunday_night = weekly("SU", "20:00", "04:00");
    CHECK(rule_open_at(sunday_night, at("2026-11-30T02:00"), true));  // Monday 2am, across the week's end
}

TEST_CASE("00:00 to 23:59 is a whole day in the product, up to 23:59 in the reference") {
    const OpeningRule always = weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59");
    CHECK(rule_open_at(always, at("2026-11-24T23:58"), false));
    CHECK_FALSE(rule_open_at(always, at("2026-11-24T23:59"), false));
    CHECK(rule_open_at(always, at("2026-11-24T23:59"), true));
}

TEST_CASE("a weekday without a date: dated rules do not apply") {
    OpeningRule r = weekly("TU", "09:00", "17:00");
    const auto t = LocalTime::from_weekday("TU", "10:00");
    REQUIRE(t.has_value());
    CHECK(rule_open_at(r, *t, false));
    r.valid_from = *parse_date("2026-01-01");
    CHECK_FALSE(rule_open_at(r, *t, false));
    CHECK_FALSE(LocalTime::from_weekday("XX", "10:00").has_value());
}

TEST_CASE("monthly: the nth and the last weekday, days of the month") {
    OpeningRule r;
    r.freq = 1;
    REQUIRE(parse_byday("2TU,-1FR", true, r));
    r.opens = 600;
    r.closes = 720;
    CHECK(rule_open_at(r, at("2026-11-10T11:00"), true));   // the 2nd Tuesday of November 2026
    CHECK_FALSE(rule_open_at(r, at("2026-11-17T11:00"), true));
    CHECK(rule_open_at(r, at("2026-11-27T11:00"), true));   // the last Friday
    CHECK_FALSE(rule_open_at(r, at("2026-11-20T11:00"), true));
    OpeningRule d;
    d.freq = 1;
    REQUIRE(parse_bymonthday("1,15,-1", d));
    d.opens = 0;
    d.closes = 1439;
    CHECK(rule_open_at(d, at("2026-02-01T10:00"), true));
    CHECK(rule_open_at(d, at("2026-02-15T10:00"), true));
    CHECK(rule_open_at(d, at("2026-02-28T10:00"), true));  // the last day of February
    CHECK_FALSE(rule_open_at(d, at("2026-02-27T10:00"), true));
    CHECK_FALSE(parse_bymonthday("0", d));
    CHECK_FALSE(parse_bymonthday("32", d));
}

TEST_CASE("validity dates and every other week") {
    OpeningRule r = weekly("TU", "09:00", "17:00");
    r.valid_from = *parse_date("2026-11-01");
    r.valid_to = *parse_date("2026-11-30");
    CHECK(rule_open_at(r, at("2026-11-24T10:00"), true));
    CHECK_FALSE(rule_open_at(r, at("2026-12-01T10:00"), true));
    CHECK_FALSE(rule_open_at(r, at("2026-10-27T10:00"), true));
    OpeningRule biweekly = weekly("TU", "09:00", "17:00");
    biweekly.interval = 2;
    biweekly.dtstart = *parse_date("2026-11-03");
    CHECK(rule_open_at(biweekly, at("2026-11-03T10:00"), true));
    CHECK_FALSE(rule_open_at(biweekly, at("2026-11-10T10:00"), true));
    CHECK(rule_open_at(biweekly, at("2026-11-17T10:00"), true));
    CHECK_FALSE(rule_open_at(biweekly, at("2026-10-27T10:00"), true));  // before dtstart
}

// [SECTION] The HSDS RRULE subset of issue 13: byweekno, byyearday, bymonthday as limits,
// wkst, monthly intervals, dtstart as the first day, until/count.

namespace {
bool occurs(const OpeningRule& r, const char* date) {
    const auto d = parse_date(date);
    REQUIRE(d.has_value());
    return rule_occurs_on(r, *d, weekday_of(*d));
}
}  // namespace

TEST_CASE("byweekno: RFC 5545 week numbers, week 1 holding 4 January, counted from wkst") {
    OpeningRule r = weekly("MO,TU,WE,TH,FR", "09:00", "17:00");
    REQUIRE(parse_byweekno("1", r));
    CHECK(r.needs_date());
    CHECK(occurs(r, "2025-12-29"));        // Monday of week 1 of 2026 (1 January 2026 is a Thursday)
    CHECK(occurs(r, "2026-01-02"));
    CHECK_FALSE(occurs(r, "2026-01-05"));  // week 2
    OpeningRule last = weekly("MO", "09:00", "17:00");
    REQUIRE(parse_byweekno("-1", last));
    CHECK(occurs(last, "2026-12-28"));        // 2026 has 53 weeks: the last begins 28 December
    CHECK_FALSE(occurs(last, "2026-12-21"));
    CHECK(occurs(last, "2027-12-27"));        // 2027 has 52
    OpeningRule sunday_weeks = weekly("MO", "09:00", "17:00");
    REQUIRE(parse_byweekno("1", sunday_weeks));
    sunday_weeks.wkst = 6;                    // weeks from Sunday: week 1 of 2026 is 4–10 January
    CHECK(occurs(sunday_weeks, "2026-01-05"));
    CHECK_FALSE(occurs(sunday_weeks, "2025-12-29"));
    OpeningRule bad;
    CHECK_FALSE(parse_byweekno("0", bad));
    CHECK_FALSE(parse_byweekno("54", bad));
    CHECK_FALSE(parse_byweekno("1,x", bad));
}

TEST_CASE("byyearday: days of the year from the start or the end, leap years counted") {
    OpeningRule r = weekly("MO,TU,WE,TH,FR,SA,SU", "09:00", "17:00");
    REQUIRE(parse_byyearday("1,-1", r));
    CHECK(occurs(r, "2026-01-01"));
    CHECK(occurs(r, "2026-12-31"));
    CHECK_FALSE(occurs(r, "2026-01-02"));
    OpeningRule leap = weekly("MO,TU,WE,TH,FR,SA,SU", "09:00", "17:00");
    REQUIRE(parse_byyearday("60,366", leap));
    CHECK(occurs(leap, "2028-02-29"));   // day 60 of a leap year
    CHECK(occurs(leap, "2026-03-01"));   // day 60 of a common year
    CHECK(occurs(leap, "2028-12-31"));   // day 366 exists only in a leap year
    CHECK_FALSE(occurs(leap, "2026-12-31"));
    OpeningRule bad;
    CHECK_FALSE(parse_byyearday("367", bad));
    CHECK_FALSE(parse_byyearday("-367", bad));
}

TEST_CASE("bymonthday narrows a weekly rule; monthly intervals count months from dtstart") {
    OpeningRule friday13 = weekly("FR", "09:00", "17:00");
    REQUIRE(parse_bymonthday("13", friday13));
    CHECK(occurs(friday13, "2026-02-13"));
    CHECK(occurs(friday13, "2026-03-13"));
    CHECK_FALSE(occurs(friday13, "2026-02-20"));
    OpeningRule every_other_month;
    every_other_month.freq = 1;
    REQUIRE(parse_byday("1MO", true, every_other_month));
    every_other_month.interval = 2;
    every_other_month.dtstart = *parse_date("2026-01-05");
    CHECK(occurs(every_other_month, "2026-01-05"));
    CHECK_FALSE(occurs(every_other_month, "2026-02-02"));
    CHECK(occurs(every_other_month, "2026-03-02"));
    CHECK_FALSE(occurs(every_other_month, "2025-11-03"));  // before dtstart
}

TEST_CASE("dtstart is the first day; first and nth occurrences") {
    OpeningRule r = weekly("MO", "09:00", "17:00");
    r.dtstart = *parse_date("2026-11-09");
    CHECK_FALSE(occurs(r, "2026-11-02"));
    CHECK(occurs(r, "2026-11-09"));
    CHECK(first_occurrence(r, *parse_date("2026-11-01"), 30) == parse_date("2026-11-09"));
    CHECK(nth_occurrence(r, *parse_date("2026-11-01"), 3, 60) == parse_date("2026-11-23"));
    CHECK_FALSE(first_occurrence(r, *parse_date("2026-11-01"), 5).has_value());
    CHECK(format_date(*parse_date("2026-11-09")) == "2026-11-09");
    CHECK(weekday_index("su") == 6);
    CHECK(weekday_index("XX") == -1);
}
