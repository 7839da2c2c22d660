#pragma once
// Calendar dates, "YYYY-MM-DD" in the proleptic Gregorian calendar, counted as whole days since
// 1970-01-01: ages on a date, day counts (the 60 days of MIPS #498), months and periods of
// months (a quality report's "2026-01/2026-03"). Dates here are UTC dates: the date part of
// an RFC 3339 UTC time (core/base/utc_time.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's "chrono-Compatible Low-Level
// Date Algorithms": exact for every Gregorian date, no gmtime).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d);

// True for exactly "YYYY-MM-DD" naming a real date (2025-02-29 is not one).
bool is_calendar_date(std::string_view date);
// Days since 1970-01-01, or nullopt unless is_calendar_date. The first 10 characters of an
// RFC 3339 time are its date.
std::optional<std::int64_t> date_days(std::string_view date);
std::string date_from_days(std::int64_t days);
// `date` + `days` (negative goes back). `date` must be a calendar date.
std::string add_days(std::string_view date, std::int64_t days);
// Whole days from `a` to `b` (b - a), both calendar dates (or RFC 3339 times: their dates).
std::int64_t days_between_dates(std::string_view a, std::string_view b);

// Age in completed years on `date` of someone born on `birth_date` (a calendar date): the
// birthday is reached on its month and day; a 29 February birthday is reached on 1 March in
// common years. nullopt when either is not a calendar date or `date` is before the birth.
std::optional<int> age_on(std::string_view birth_date, std::string_view date);

// Months: "YYYY-MM".
bool is_calendar_month(std::string_view month);
std::string first_day_of_month(std::string_view month);
std::string last_day_of_month(std::string_view month);
// The month of `date` + `months` (negative goes back), as "YYYY-MM".
std::string add_months(std::string_view month, int months);
// The same day `months` months later (earlier when negative), clamped to the month's last day
// (31 March - 1 month = 28 or 29 February).
std::string add_months_to_date(std::string_view date, int months);

// A period of whole days, both ends included.
struct DatePeriod {
    std::string from;  // YYYY-MM-DD
    std::string to;    // YYYY-MM-DD
    bool contains(std::string_view date_or_time) const {
        const std::string_view d = date_or_time.substr(0, 10);
        return d >= from && d <= to;
    }
};
// "2026-01/2026-03" (whole months: 1 January to 31 March), "2026-01" (one month), or
// "2026-01-01/2026-03-31". Throws core::Error(kind, "period", ...) otherwise, or when it ends
// before it starts.
DatePeriod parse_date_period(std::string_view text, const char* kind);
// The period as months when it is exactly whole months ("2026-01/2026-03"), else as dates.
std::string format_date_period(const DatePeriod& p);

}  // namespace safetynet::core
