#include "core/directory/schedule.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace safetynet::core {

namespace {

constexpr std::array<std::string_view, 7> kDayCodes = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    const auto* end = s.data() + s.size();
    const auto r = std::from_chars(s.data(), end, out);
    return r.ec == std::errc() && r.ptr == end;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Civil date from days since 1970-01-01 (H. Hinnant's algorithm, public domain description).
void civil_from_days(std::int32_t z, int& y, int& m, int& d) {
    std::int64_t zz = static_cast<std::int64_t>(z) + 719468;
    const std::int64_t era = (zz >= 0 ? zz : zz - 146096) / 146097;
    const std::int64_t doe = zz - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Days since 1970-01-01 for any proleptic Gregorian date (H. Hinnant's algorithm); the checked
// public days_from_civil() refuses what a schedule may not name, this one serves arithmetic.
std::int64_t civil_days(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const int mp = m > 2 ? m - 3 : m + 9;
    const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool bit(const std::uint32_t* words, int n) { return (words[n / 32] >> (n % 32)) & 1u; }
void set_bit(std::uint32_t* words, int n) { words[n / 32] |= 1u << (n % 32); }

// Days since the start of the week `day` is in, weeks starting on `wkst` (0 Monday).
int days_into_week(std::int32_t day, int wkst) { return (weekday_of(day) - wkst % 7 + 7) % 7; }

// RFC 5545 §3.3.10 BYWEEKNO: week 1 is the first week (starting on wkst) with at least four days
// of the year, i.e. the week holding 4 January.
std::int64_t first_week_start(int year, int wkst) {
    const std::int64_t jan4 = civil_days(year, 1, 4);
    return jan4 - days_into_week(static_cast<std::int32_t>(jan4), wkst);
}

// The week `day` falls in, numbered within the year that holds most of that week (its 4th
// day), and how many weeks that year has.
void week_number(std::int32_t day, int wkst, int& week, int& weeks_in_year) {
    const std::int32_t start = day - days_into_week(day, wkst);
    int y = 0, m = 0, d = 0;
    civil_from_days(start + 3, y, m, d);
    const std::int64_t first = first_week_start(y, wkst);
    week = static_cast<int>((start - first) / 7) + 1;
    weeks_in_year = static_cast<int>((first_week_start(y + 1, wkst) - first) / 7);
}

// A comma list of non-zero integers within ±limit, each handed to `put`; false on a bad part.
template <typename Put>
bool parse_signed_list(std::string_view text, int limit, Put&& put) {
    bool any = false;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view part = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (part.empty()) continue;
        int n = 0;
        if (!parse_int(part[0] == '+' ? part.substr(1) : part, n) || n == 0 || n > limit || n < -limit) return false;
        put(n);
        any = true;
    }
    return any;
}

// The parts of a rule that narrow the days (bymonthday, byweekno, byyearday): all must hold.
bool date_limits_hold(const OpeningRule& rule, std::int32_t day, int y, int m, int d) {
    if (rule.monthdays || rule.monthdays_last) {
        const int dim = days_in_month(y, m);
        if (!((rule.monthdays >> d) & 1u) && !((rule.monthdays_last >> (dim - d)) & 1u)) return false;
    }
    if (rule.has_weeks()) {
        int week = 0, weeks = 0;
        week_number(day, rule.wkst, week, weeks);
        if (!bit(rule.weeks, week) && !bit(rule.weeks_last, weeks - week)) return false;
    }
    if (rule.has_yeardays()) {
        const int doy = static_cast<int>(day - civil_days(y, 1, 1)) + 1;
        const int len = is_leap(y) ? 366 : 365;
        if (!bit(rule.yeardays, doy) && !bit(rule.yeardays_last, len - doy)) return false;
    }
    return true;
}

// byday within the month, for freq MONTHLY: every such weekday, or its nth / nth last.
bool monthly_byday_holds(const OpeningRule& rule, int weekday, int y, int m, int d) {
    if (rule.days == 0) return true;  // bymonthday alone picks the days
    if (!((rule.days >> weekday) & 1u)) return false;
    const std::uint16_t nth = rule.nth[weekday];
    if (nth == 0xFFFF) return true;
    const int from_start = (d - 1) / 7;                 // 0 = the first such weekday of the month
    const int from_end = (days_in_month(y, m) - d) / 7;  // 0 = the last
    return ((nth >> from_start) & 1u) || ((nth >> (5 + from_end)) & 1u);
}

// interval: every nth week (starting on wkst) or month, counted from dtstart's.
bool interval_holds(const OpeningRule& rule, std::int32_t day, int y, int m) {
    if (rule.interval <= 1) return true;
    if (rule.dtstart == kNoDate) return false;
    if (rule.freq == 0) {
        const std::int32_t week0 = rule.dtstart - days_into_week(rule.dtstart, rule.wkst);
        const std::int32_t week = day - days_into_week(day, rule.wkst);
        return ((week - week0) / 7) % rule.interval == 0;
    }
    int y0 = 0, m0 = 0, d0 = 0;
    civil_from_days(rule.dtstart, y0, m0, d0);
    return ((y - y0) * 12 + (m - m0)) % rule.interval == 0;
}

}  // namespace

// 1970-01-01 was a Thursday (index 3).
int weekday_of(std::int32_t day) {
    const int w = static_cast<int>((static_cast<std::int64_t>(day) + 3) % 7);
    return w < 0 ? w + 7 : w;
}

int weekday_index(std::string_view code) {
    for (std::size_t i = 0; i < kDayCodes.size(); ++i)
        if (code.size() == 2 && (code[0] & ~0x20) == kDayCodes[i][0] && (code[1] & ~0x20) == kDayCodes[i][1])
            return static_cast<int>(i);
    return -1;
}

std::string format_date(std::int32_t day) {
    int y = 0, m = 0, d = 0;
    civil_from_days(day, y, m, d);
    char buf[48];  // room for any int, so the compiler can see nothing is cut
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::optional<std::int32_t> days_from_civil(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return static_cast<std::int32_t>(civil_days(y, m, d));
}

std::optional<std::int32_t> parse_date(std::string_view text) {
    text = trim(text);
    if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d))
        return std::nullopt;
    return days_from_civil(y, m, d);
}

std::optional<int> parse_time_of_day(std::string_view text) {
    text = trim(text);
    // Drop a zone designator: every time is read as the directory's local time.
    if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) text.remove_suffix(1);
    if (text.size() > 5) {
        const auto sign = text.find_first_of("+-", 5);
        if (sign != std::string_view::npos) text = text.substr(0, sign);
    }
    if (text.size() != 5 && text.size() != 8) return std::nullopt;
    if (text[2] != ':' || (text.size() == 8 && text[5] != ':')) return std::nullopt;
    int h = 0, m = 0, s = 0;
    if (!parse_int(text.substr(0, 2), h) || !parse_int(text.substr(3, 2), m)) return std::nullopt;
    if (text.size() == 8 && !parse_int(text.substr(6, 2), s)) return std::nullopt;
    if (m > 59 || s > 59) return std::nullopt;
    if (h == 24 && m == 0 && s == 0) return 1440;
    if (h > 23) return std::nullopt;
    return h * 60 + m;  // seconds are ignored, as the reference does
}

bool parse_byday(std::string_view text, bool monthly, OpeningRule& rule) {
    bool any = false;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view part = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (part.empty()) continue;
        if (part.size() < 2) return false;
        const int wd = weekday_index(part.substr(part.size() - 2));
        if (wd < 0) return false;
        const std::string_view ord = part.substr(0, part.size() - 2);
        rule.days |= static_cast<std::uint8_t>(1u << wd);
        any = true;
        if (ord.empty()) {
            if (monthly) rule.nth[wd] = 0xFFFF;  // every such weekday of the month
            continue;
        }
        if (!monthly) return false;  // ordinals only mean something with freq MONTHLY
        int n = 0;
        if (!parse_int(ord[0] == '+' ? ord.substr(1) : ord, n) || n == 0 || n > 5 || n < -5) return false;
        if (rule.nth[wd] != 0xFFFF) rule.nth[wd] |= static_cast<std::uint16_t>(n > 0 ? 1u << (n - 1) : 1u << (4 - n));
    }
    return any;
}

bool parse_bymonthday(std::string_view text, OpeningRule& rule) {
    return parse_signed_list(text, 31, [&](int n) {
        if (n > 0) rule.monthdays |= 1u << n;
        else rule.monthdays_last |= 1u << (-n - 1);
    });
}

bool parse_byweekno(std::string_view text, OpeningRule& rule) {
    return parse_signed_list(text, 53, [&](int n) {
        if (n > 0) set_bit(rule.weeks, n);
        else set_bit(rule.weeks_last, -n - 1);
    });
}

bool parse_byyearday(std::string_view text, OpeningRule& rule) {
    return parse_signed_list(text, 366, [&](int n) {
        if (n > 0) set_bit(rule.yeardays, n);
        else set_bit(rule.yeardays_last, -n - 1);
    });
}

bool rule_occurs_on(const OpeningRule& rule, std::int32_t day, int weekday) {
    if (day == kNoDate) {
        if (rule.needs_date()) return false;
        return (rule.days >> weekday) & 1u;
    }
    if (rule.valid_from != kNoDate && day < rule.valid_from) return false;
    if (rule.valid_to != kNoDate && day > rule.valid_to) return false;
    if (rule.dtstart != kNoDate && day < rule.dtstart) return false;  // HSDS: "the date of the first event"
    int y = 0, m = 0, d = 0;
    civil_from_days(day, y, m, d);
    if (rule.freq == 0) {
        if (!((rule.days >> weekday) & 1u)) return false;
    } else if (!monthly_byday_holds(rule, weekday, y, m, d)) {
        return false;
    }
    return interval_holds(rule, day, y, m) && date_limits_hold(rule, day, y, m, d);
}

std::optional<std::int32_t> first_occurrence(const OpeningRule& rule, std::int32_t from, std::int32_t days) {
    return nth_occurrence(rule, from, 1, days);
}

std::optional<std::int32_t> nth_occurrence(const OpeningRule& rule, std::int32_t from, std::uint32_t n,
                                           std::int32_t days) {
    std::uint32_t seen = 0;
    for (std::int32_t day = from; day - from < days; ++day)
        if (rule_occurs_on(rule, day, weekday_of(day)) && ++seen == n) return day;
    return std::nullopt;
}

bool rule_open_at(const OpeningRule& rule, const LocalTime& t, bool end_of_day_inclusive) {
    int closes = rule.closes;
    if (end_of_day_inclusive && closes == 1439) closes = 1440;
    if (closes > rule.opens)
        return t.minute >= rule.opens && t.minute < closes && rule_occurs_on(rule, t.day, t.weekday);
    // Past midnight: open from `opens` on a day the rule occurs, until `closes` the next day.
    if (t.minute >= rule.opens && rule_occurs_on(rule, t.day, t.weekday)) return true;
    const std::int32_t prev_day = t.day == kNoDate ? kNoDate : t.day - 1;
    return t.minute < closes && rule_occurs_on(rule, prev_day, (t.weekday + 6) % 7);
}

std::optional<LocalTime> LocalTime::parse_iso(std::string_view text) {
    text = trim(text);
    if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    const auto day = parse_date(text.substr(0, 10));
    const std::string_view time = text.substr(11);
    if (!day || (time.size() != 5 && time.size() != 8)) return std::nullopt;  // no zone: local
    const auto minute = parse_time_of_day(time);
    if (!minute || *minute >= 1440) return std::nullopt;
    LocalTime t;
    t.day = *day;
    t.weekday = weekday_of(*day);
    t.minute = *minute;
    return t;
}

std::optional<LocalTime> LocalTime::from_weekday(std::string_view day_code, std::string_view hhmm) {
    const int wd = weekday_index(day_code);
    const auto minute = parse_time_of_day(hhmm);
    if (wd < 0 || !minute || *minute >= 1440) return std::nullopt;
    LocalTime t;
    t.weekday = wd;
    t.minute = *minute;
    return t;
}

std::string_view weekday_code(int weekday) { return kDayCodes[static_cast<std::size_t>(weekday % 7)]; }

std::string format_minutes(int minutes) {
    std::string s(5, '0');
    const int h = (minutes / 60) % 25;
    const int m = minutes % 60;
    s[0] = static_cast<char>('0' + h / 10);
    s[1] = static_cast<char>('0' + h % 10);
    s[2] = ':';
    s[3] = static_cast<char>('0' + m / 10);
    s[4] = static_cast<char>('0' + m % 10);
    return s;
}

}  // namespace safetynet::core
