#include "core/base/calendar_date.hpp"

#include "core/base/error.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <utility>

namespace safetynet::core {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_length(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool parse_ymd(std::string_view s, int& y, int& m, int& d) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= month_length(y, m);
}

bool parse_ym(std::string_view s, int& y, int& m) {
    return s.size() == 7 && s[4] == '-' && digits(s, 0, 4, y) && digits(s, 5, 2, m) && m >= 1 && m <= 12;
}

std::string format_ym(int y, int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

}  // namespace

bool is_calendar_date(std::string_view date) {
    int y, m, d;
    return date.size() == 10 && parse_ymd(date, y, m, d);
}

std::optional<std::int64_t> date_days(std::string_view date) {
    int y, m, d;
    if (!parse_ymd(date.substr(0, std::min<std::size_t>(date.size(), 10)), y, m, d)) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string date_from_days(std::int64_t days) {
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

std::string add_days(std::string_view date, std::int64_t days) { return date_from_days(date_days(date).value_or(0) + days); }

std::int64_t days_between_dates(std::string_view a, std::string_view b) {
    return date_days(b).value_or(0) - date_days(a).value_or(0);
}

std::optional<int> age_on(std::string_view birth_date, std::string_view date) {
    int by, bm, bd, y, m, d;
    if (birth_date.size() != 10 || !parse_ymd(birth_date, by, bm, bd) || !parse_ymd(date.substr(0, 10), y, m, d))
        return std::nullopt;
    if (std::make_tuple(y, m, d) < std::make_tuple(by, bm, bd)) return std::nullopt;
    int age = y - by;
    // The birthday this year: 29 February falls on 1 March in a common year, so the
    // comparison with (2, 29) already does the right thing for every date but 29 Feb itself.
    if (std::make_pair(m, d) < std::make_pair(bm, bd)) --age;
    return age;
}

bool is_calendar_month(std::string_view month) {
    int y, m;
    return parse_ym(month, y, m);
}

std::string first_day_of_month(std::string_view month) { return std::string(month) + "-01"; }

std::string last_day_of_month(std::string_view month) {
    int y = 0, m = 1;
    parse_ym(month, y, m);
    char buf[8];
    std::snprintf(buf, sizeof buf, "-%02d", month_length(y, m));
    return std::string(month) + buf;
}

std::string add_months(std::string_view month, int months) {
    int y = 0, m = 1;
    parse_ym(month.substr(0, 7), y, m);
    const int total = y * 12 + (m - 1) + months;
    return format_ym(total / 12, total % 12 + 1);
}

std::string add_months_to_date(std::string_view date, int months) {
    const std::string month = add_months(date.substr(0, 7), months);
    const std::string last = last_day_of_month(month);
    const std::string day(date.substr(8, 2));
    return std::min(month + "-" + day, last);
}

DatePeriod parse_date_period(std::string_view text, const char* kind) {
    const std::size_t slash = text.find('/');
    const std::string_view a = text.substr(0, slash);
    const std::string_view b = slash == std::string_view::npos ? a : text.substr(slash + 1);
    DatePeriod p;
    if (is_calendar_month(a) && is_calendar_month(b)) {
        p = {first_day_of_month(a), last_day_of_month(b)};
    } else if (is_calendar_date(a) && is_calendar_date(b)) {
        p = {std::string(a), std::string(b)};
    } else {
        throw Error(kind, "period", "must be YYYY-MM/YYYY-MM, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD, not \"" +
                                        std::string(text.substr(0, 40)) + "\"");
    }
    if (p.to < p.from) throw Error(kind, "period", "ends before it starts");
    return p;
}

std::string format_date_period(const DatePeriod& p) {
    const bool whole = p.from.substr(8) == "01" && p.to == last_day_of_month(p.to.substr(0, 7));
    if (!whole) return p.from + "/" + p.to;
    return p.from.substr(0, 7) + "/" + p.to.substr(0, 7);
}

}  // namespace safetynet::core
