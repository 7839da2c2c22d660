#include "core/fhir/fhirpath_temporal.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace safetynet::core::fhirpath {

namespace chr = std::chrono;
using Precision = Temporal::Precision;
using Kind = Temporal::Kind;

namespace {

// Reads exactly `n` digits.
bool read_digits(std::string_view& s, int n, int& out) {
    if (s.size() < static_cast<std::size_t>(n)) return false;
    out = 0;
    for (int i = 0; i < n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    s.remove_prefix(n);
    return true;
}

bool take(std::string_view& s, char c) {
    if (s.empty() || s[0] != c) return false;
    s.remove_prefix(1);
    return true;
}

int days_in_month(int year, int month) {
    return static_cast<int>(unsigned(chr::year_month_day_last(chr::year(year), chr::month_day_last(chr::month(month))).day()));
}

// hh[:mm[:ss[.fff…]]] into `t` (precision from Hour on).
bool read_time(std::string_view& s, Temporal& t) {
    if (!read_digits(s, 2, t.hour) || t.hour > 23) return false;
    t.precision = Precision::Hour;
    if (!take(s, ':')) return true;
    if (!read_digits(s, 2, t.minute) || t.minute > 59) return false;
    t.precision = Precision::Minute;
    if (!take(s, ':')) return true;
    if (!read_digits(s, 2, t.second) || t.second > 59) return false;
    t.precision = Precision::Second;
    if (!take(s, '.')) return true;
    // Any number of fraction digits; milliseconds are the first three.
    std::size_t n = 0;
    int ms = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') {
        if (n < 3) ms = ms * 10 + (s[n] - '0');
        ++n;
    }
    if (n == 0) return false;
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
    t.millisecond = ms;
    t.precision = Precision::Millisecond;
    s.remove_prefix(n);
    return true;
}

// YYYY[-MM[-DD]] into `t`.
bool read_date(std::string_view& s, Temporal& t) {
    if (!read_digits(s, 4, t.year)) return false;
    t.precision = Precision::Year;
    if (s.size() < 3 || s[0] != '-' || s[1] < '0' || s[1] > '9') return true;
    s.remove_prefix(1);
    if (!read_digits(s, 2, t.month) || t.month < 1 || t.month > 12) return false;
    t.precision = Precision::Month;
    if (s.size() < 3 || s[0] != '-' || s[1] < '0' || s[1] > '9') return true;
    s.remove_prefix(1);
    if (!read_digits(s, 2, t.day) || t.day < 1 || t.day > days_in_month(t.year, t.month)) return false;
    t.precision = Precision::Day;
    return true;
}

// Z | (+|-)hh:mm
bool read_offset(std::string_view& s, Temporal& t) {
    if (take(s, 'Z')) {
        t.offset_minutes = 0;
        return true;
    }
    if (s.empty() || (s[0] != '+' && s[0] != '-')) return true;
    const int sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
    int hh = 0, mm = 0;
    if (!read_digits(s, 2, hh) || !take(s, ':') || !read_digits(s, 2, mm) || hh > 14 || mm > 59 || (hh == 14 && mm > 0)) return false;
    t.offset_minutes = sign * (hh * 60 + mm);
    return true;
}

std::int64_t day_number(const Temporal& t) {
    return chr::sys_days(chr::year_month_day(chr::year(t.year), chr::month(t.month), chr::day(t.day))).time_since_epoch().count();
}

void set_day_number(Temporal& t, std::int64_t n) {
    const chr::year_month_day ymd{chr::sys_days(chr::days(n))};
    t.year = int(ymd.year());
    t.month = static_cast<int>(unsigned(ymd.month()));
    t.day = static_cast<int>(unsigned(ymd.day()));
}

constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t ms_of_day(const Temporal& t) {
    return ((t.hour * 60LL + t.minute) * 60 + t.second) * 1000 + t.millisecond;
}

void set_ms_of_day(Temporal& t, std::int64_t ms) {
    t.millisecond = static_cast<int>(ms % 1000);
    t.second = static_cast<int>(ms / 1000 % 60);
    t.minute = static_cast<int>(ms / 60000 % 60);
    t.hour = static_cast<int>(ms / 3600000);
}

// Moves a DateTime by `ms` milliseconds (days and time of day together).
void shift(Temporal& t, std::int64_t ms) {
    std::int64_t total = day_number(t) * ms_per_day + ms_of_day(t) + ms;
    std::int64_t days = total / ms_per_day, rest = total % ms_per_day;
    if (rest < 0) {
        rest += ms_per_day;
        --days;
    }
    set_day_number(t, days);
    set_ms_of_day(t, rest);
}

// Fields finer than the precision go back to their defaults, so that they never take part in
// what a later operation computes.
void clear_below_precision(Temporal& t) {
    if (t.precision < Precision::Month) t.month = 1;
    if (t.precision < Precision::Day) t.day = 1;
    if (t.precision < Precision::Hour) t.hour = 0;
    if (t.precision < Precision::Minute) t.minute = 0;
    if (t.precision < Precision::Second) t.second = 0;
    if (t.precision < Precision::Millisecond) t.millisecond = 0;
}

// The comparison level: seconds and milliseconds are one precision (§6.1.1).
int level(Precision p) { return static_cast<int>(std::min(p, Precision::Second)); }

enum class Unit { Year, Month, Week, Day, Hour, Minute, Second, Millisecond, None };

// Calendar duration keywords (§2.1.20, singular and plural) and the UCUM definite-duration
// units FHIRPath allows in date arithmetic. UCUM 'a' and 'mo' are averages, not calendar
// units, and are refused (§6.6.4).
Unit time_unit(std::string_view u) {
    if (u == "year" || u == "years") return Unit::Year;
    if (u == "month" || u == "months") return Unit::Month;
    if (u == "week" || u == "weeks" || u == "wk") return Unit::Week;
    if (u == "day" || u == "days" || u == "d") return Unit::Day;
    if (u == "hour" || u == "hours" || u == "h") return Unit::Hour;
    if (u == "minute" || u == "minutes" || u == "min") return Unit::Minute;
    if (u == "second" || u == "seconds" || u == "s") return Unit::Second;
    if (u == "millisecond" || u == "milliseconds" || u == "ms") return Unit::Millisecond;
    return Unit::None;
}

std::optional<Precision> precision_of_digits(Kind kind, int digits) {
    if (kind == Kind::Time) {
        switch (digits) {
        case 2: return Precision::Hour;
        case 4: return Precision::Minute;
        case 6: return Precision::Second;
        case 9: return Precision::Millisecond;
        default: return std::nullopt;
        }
    }
    switch (digits) {
    case 4: return Precision::Year;
    case 6: return Precision::Month;
    case 8: return Precision::Day;
    case 10: return Precision::Hour;
    case 12: return Precision::Minute;
    case 14: return Precision::Second;
    case 17: return Precision::Millisecond;
    default: return std::nullopt;
    }
}

std::optional<Temporal> boundary(const Temporal& t, int digits, bool high) {
    const std::optional<Precision> p = precision_of_digits(t.kind, digits);
    if (!p || (t.kind == Kind::Date && *p > Precision::Day)) return std::nullopt;
    Temporal b = t;
    if (*p < t.precision) {
        b.precision = *p;
        clear_below_precision(b);
    } else {
        if (t.precision < Precision::Month) b.month = high ? 12 : 1;
        if (t.precision < Precision::Day) b.day = high ? days_in_month(b.year, b.month) : 1;
        if (t.precision < Precision::Hour) b.hour = high ? 23 : 0;
        if (t.precision < Precision::Minute) b.minute = high ? 59 : 0;
        if (t.precision < Precision::Second) b.second = high ? 59 : 0;
        if (t.precision < Precision::Millisecond) b.millisecond = high ? 999 : 0;
        b.precision = *p;
        // Without a time zone the instant could be anywhere from UTC+14 to UTC-12.
        if (t.kind == Kind::DateTime && *p >= Precision::Hour && !b.offset_minutes) b.offset_minutes = high ? -12 * 60 : 14 * 60;
    }
    if (b.precision < Precision::Hour) b.offset_minutes.reset();
    return b;
}

}  // namespace

std::optional<Temporal> Temporal::parse_date(std::string_view text) {
    Temporal t;
    t.kind = Kind::Date;
    if (!read_date(text, t) || !text.empty()) return std::nullopt;
    return t;
}

std::optional<Temporal> Temporal::parse_date_time(std::string_view text) {
    Temporal t;
    t.kind = Kind::DateTime;
    if (!read_date(text, t)) return std::nullopt;
    if (take(text, 'T')) {
        if (!text.empty() && text[0] != 'Z' && text[0] != '+' && text[0] != '-') {
            // A time needs the full date before it (FHIR dateTime; FHIRPath @2014-01-05T10).
            if (t.precision != Precision::Day || !read_time(text, t)) return std::nullopt;
        }
        if (!read_offset(text, t)) return std::nullopt;
    }
    if (!text.empty()) return std::nullopt;
    if (t.precision < Precision::Hour) t.offset_minutes.reset();
    return t;
}

std::optional<Temporal> Temporal::parse_time(std::string_view text) {
    Temporal t;
    t.kind = Kind::Time;
    if (!read_time(text, t) || !text.empty()) return std::nullopt;
    return t;
}

std::string Temporal::to_string() const {
    char buf[48];
    std::string out;
    if (kind != Kind::Time) {
        std::snprintf(buf, sizeof buf, "%04d", year);
        out = buf;
        if (precision >= Precision::Month) std::snprintf(buf, sizeof buf, "-%02d", month), out += buf;
        if (precision >= Precision::Day) std::snprintf(buf, sizeof buf, "-%02d", day), out += buf;
        if (kind == Kind::Date || precision < Precision::Hour) return out;
        out += 'T';
    }
    std::snprintf(buf, sizeof buf, "%02d", hour);
    out += buf;
    if (precision >= Precision::Minute) std::snprintf(buf, sizeof buf, ":%02d", minute), out += buf;
    if (precision >= Precision::Second) std::snprintf(buf, sizeof buf, ":%02d", second), out += buf;
    if (precision >= Precision::Millisecond) std::snprintf(buf, sizeof buf, ".%03d", millisecond), out += buf;
    if (kind == Kind::DateTime && offset_minutes) {
        if (*offset_minutes == 0) {
            out += 'Z';
        } else {
            const int m = *offset_minutes < 0 ? -*offset_minutes : *offset_minutes;
            std::snprintf(buf, sizeof buf, "%c%02d:%02d", *offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
            out += buf;
        }
    }
    return out;
}

std::optional<Temporal> Temporal::plus(std::int64_t amount, std::string_view unit) const {
    const Unit u = time_unit(unit);
    if (u == Unit::None) return std::nullopt;
    Temporal t = *this;
    if (kind == Kind::Time) {
        std::int64_t ms = 0;
        switch (u) {
        case Unit::Hour: ms = amount * 3'600'000; break;
        case Unit::Minute: ms = amount * 60'000; break;
        case Unit::Second: ms = amount * 1000; break;
        case Unit::Millisecond: ms = amount; break;
        default: return std::nullopt;
        }
        set_ms_of_day(t, ((ms_of_day(t) + ms) % ms_per_day + ms_per_day) % ms_per_day);
        clear_below_precision(t);
        return t;
    }
    // Beyond ±10000 years nothing is a date any more.
    if (amount > 3'650'000'000'000LL || amount < -3'650'000'000'000LL) return std::nullopt;
    switch (u) {
    case Unit::Year:
    case Unit::Month: {
        const std::int64_t months = t.year * 12LL + (t.month - 1) + (u == Unit::Year ? amount * 12 : amount);
        if (months < 0 || months >= 10000 * 12) return std::nullopt;
        t.year = static_cast<int>(months / 12);
        t.month = static_cast<int>(months % 12) + 1;
        t.day = std::min(t.day, days_in_month(t.year, t.month));
        break;
    }
    case Unit::Week: shift(t, amount * 7 * ms_per_day); break;
    case Unit::Day: shift(t, amount * ms_per_day); break;
    default: {
        const std::int64_t per = u == Unit::Hour ? 3'600'000 : u == Unit::Minute ? 60'000 : u == Unit::Second ? 1000 : 1;
        // On a Date a time-valued quantity counts in whole days (§6.6.4).
        if (kind == Kind::Date) shift(t, amount * per / ms_per_day * ms_per_day);
        else shift(t, amount * per);
    }
    }
    if (t.year < 1 || t.year > 9999) return std::nullopt;
    clear_below_precision(t);
    return t;
}

int Temporal::digits() const {
    if (kind == Kind::Time) {
        switch (precision) {
        case Precision::Hour: return 2;
        case Precision::Minute: return 4;
        case Precision::Second: return 6;
        default: return 9;
        }
    }
    static constexpr int by_precision[] = {4, 6, 8, 10, 12, 14, 17};
    return by_precision[static_cast<int>(precision)];
}

std::optional<Temporal> Temporal::low_boundary(int d) const { return boundary(*this, d, false); }
std::optional<Temporal> Temporal::high_boundary(int d) const { return boundary(*this, d, true); }

std::optional<int> compare(const Temporal& a, const Temporal& b) {
    if ((a.kind == Kind::Time) != (b.kind == Kind::Time)) return std::nullopt;
    Temporal x = a, y = b;
    const bool timed = x.precision >= Precision::Hour && y.precision >= Precision::Hour;
    if (timed && x.offset_minutes.has_value() != y.offset_minutes.has_value()) return std::nullopt;
    if (timed && x.offset_minutes && *x.offset_minutes != *y.offset_minutes) {
        // Both in UTC.
        shift(x, -*x.offset_minutes * 60'000LL);
        shift(y, -*y.offset_minutes * 60'000LL);
    }
    const int common = std::min(level(x.precision), level(y.precision));
    const std::int64_t fx[] = {x.year, x.month, x.day, x.hour, x.minute, x.second * 1000LL + x.millisecond};
    const std::int64_t fy[] = {y.year, y.month, y.day, y.hour, y.minute, y.second * 1000LL + y.millisecond};
    for (int i = (a.kind == Kind::Time ? static_cast<int>(Precision::Hour) : 0); i <= common; ++i) {
        if (fx[i] != fy[i]) return fx[i] < fy[i] ? -1 : 1;
    }
    if (level(x.precision) != level(y.precision)) return std::nullopt;
    return 0;
}

bool equivalent(const Temporal& a, const Temporal& b) {
    if (level(a.precision) != level(b.precision)) return false;
    const std::optional<int> c = compare(a, b);
    return c && *c == 0;
}

}  // namespace safetynet::core::fhirpath
