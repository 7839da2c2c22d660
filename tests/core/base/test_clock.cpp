// The one seam for "now": a fixed clock gives fixed UTC and local times; the machine's clock
// gives a sane time and takes its local zone from TZ.
#include "core/base/clock.hpp"
#include "core/base/utc_time.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace safetynet::core;

namespace {

struct FixedClock final : Clock {
    std::int64_t at = 0;
    int offset = 0;
    std::int64_t unix_time() override { return at; }
    int utc_offset_seconds() override { return offset; }
};

#ifdef __EMSCRIPTEN__
constexpr bool kZoneFromTz = false;  // under node the C library asks JavaScript's Date for the zone
#else
constexpr bool kZoneFromTz = true;
#endif

// Sets TZ for the life of the object, and puts the old value back.
class ZoneOverride {
public:
    explicit ZoneOverride(const char* tz) {
        if (const char* old = std::getenv("TZ")) m_old = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ZoneOverride() {
        if (m_old) setenv("TZ", m_old->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
    ZoneOverride(const ZoneOverride&) = delete;
    ZoneOverride& operator=(const ZoneOverride&) = delete;

private:
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("clock: a fixed clock's UTC and local times") {
    FixedClock c;
    c.at = 1795000000;  // 2026-11-18T11:06:40Z
    CHECK(utc_rfc3339(c) == "2026-11-18T11:06:40Z");
    CHECK(local_iso8601(c) == "2026-11-18T11:06:40");
    c.offset = -12 * 3600;  // the day before, twelve hours west
    CHECK(utc_rfc3339(c) == "2026-11-18T11:06:40Z");
    CHECK(local_iso8601(c) == "2026-11-17T23:06:40");
    c.offset = 5 * 3600 + 45 * 60;  // Nepal
    CHECK(local_iso8601(c) == "2026-11-18T16:51:40");
    c.at = 0;
    c.offset = 0;
    CHECK(utc_rfc3339(c) == "1970-01-01T00:00:00Z");
}

TEST_CASE("clock: the machine's clock reads a real date, in the format the bundles use") {
    const std::int64_t now = system_clock().unix_time();
    CHECK(now > 1735689600);  // after 2025-01-01: the clock is set, and read in seconds
    CHECK(is_utc_rfc3339(utc_rfc3339(system_clock())));
    CHECK(is_utc_rfc3339(utc_now_rfc3339()));
    const int offset = system_clock().utc_offset_seconds();
    CHECK(offset >= -12 * 3600);
    CHECK(offset <= 14 * 3600);
}

TEST_CASE("clock: the machine's local zone, with and without daylight saving" * doctest::skip(!kZoneFromTz)) {
    {
        const ZoneOverride utc("UTC0");
        CHECK(system_clock().utc_offset_seconds() == 0);
    }
    {
        // A POSIX rule (no zone database needed): five hours west, an hour less in summer.
        const ZoneOverride new_york("EST5EDT,M3.2.0,M11.1.0");
        const int offset = system_clock().utc_offset_seconds();
        CHECK((offset == -5 * 3600 || offset == -4 * 3600));
    }
    {
        const ZoneOverride kathmandu("<+0545>-5:45");
        CHECK(system_clock().utc_offset_seconds() == 5 * 3600 + 45 * 60);
    }
}
