#include "core/base/clock.hpp"

#include "core/base/utc_time.hpp"

#include <chrono>
#include <ctime>

namespace safetynet::core {

namespace {

class SystemClock final : public Clock {
public:
    std::int64_t unix_time() override {
        return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    // The local wall time of this instant (POSIX localtime_r: the TZ zone, DST included), read
    // back as if it were UTC: the difference is the offset. tm_gmtoff would say it directly, but
    // is not standard C or POSIX.
    int utc_offset_seconds() override {
        const std::time_t t = static_cast<std::time_t>(unix_time());
        std::tm local{};
        char text[32];
        if (!localtime_r(&t, &local) || !std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &local)) return 0;
        const auto as_utc = parse_utc_rfc3339(text);
        return as_utc ? static_cast<int>(*as_utc - static_cast<std::int64_t>(t)) : 0;
    }
};

std::string format_seconds(std::int64_t unix_seconds) {
    return format_utc_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds)));
}

}  // namespace

Clock& system_clock() {
    static SystemClock clock;
    return clock;
}

std::string utc_rfc3339(Clock& clock) { return format_seconds(clock.unix_time()); }

std::string local_iso8601(Clock& clock) {
    std::string text = format_seconds(clock.unix_time() + clock.utc_offset_seconds());
    text.pop_back();  // the 'Z': a local time names no zone
    return text;
}

}  // namespace safetynet::core
