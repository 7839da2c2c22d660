#include "core/base/utc_time.hpp"

#include "core/base/clock.hpp"

#include <cstdint>
#include <cstdio>

namespace safetynet::core {

namespace {
// Days since 1970-01-01 to a civil date (the proleptic Gregorian algorithm of H. Hinnant's
// "chrono-Compatible Low-Level Date Algorithms"), so no non-thread-safe gmtime is needed.
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
// The inverse (same source): days since 1970-01-01 of a civil date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

std::string format_utc_rfc3339(std::chrono::system_clock::time_point t) {
    const std::int64_t secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    std::int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60));
    return buf;
}

std::string utc_now_rfc3339() { return utc_rfc3339(system_clock()); }

bool is_utc_rfc3339(std::string_view s) {
    if (s.size() != 20) return false;
    constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (kShape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != kShape[i]) return false;
    }
    auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (s[at + i] - '0');
        return v;
    };
    const int year = num(0, 4), month = num(5, 2), day = num(8, 2);
    const int hour = num(11, 2), minute = num(14, 2), second = num(17, 2);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return false;
    return hour < 24 && minute < 60 && second < 61;  // 60: a leap second
}

std::optional<std::int64_t> parse_utc_rfc3339(std::string_view s) {
    if (!is_utc_rfc3339(s)) return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
        std::int64_t v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (s[at + i] - '0');
        return v;
    };
    const std::int64_t days =
        days_from_civil(num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2)));
    return days * 86400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
}

}  // namespace safetynet::core
