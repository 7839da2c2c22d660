#pragma once
// "Now", through one seam. Every reading of the wall clock (UTC or local) goes through a Clock:
// the machine's (system_clock(), which the CLI uses and the browser's platform stands on), or
// one a test fixes (tests/support/ui_harness.hpp). Nothing else in the code reads the time;
// functions that need "now" take it as an argument or take a Clock.
//
// Monotonic time for frame pacing and idle timers is not "now": the UI's platform keeps it
// (ui/shell/platform.hpp now_seconds()).
#include <cstdint>
#include <string>

namespace safetynet::core {

class Clock {
public:
    virtual ~Clock() = default;
    // Seconds since the Unix epoch (UTC): timestamps in bundles, FHIR resources, the store.
    virtual std::int64_t unix_time() = 0;
    // The offset of local time from UTC at this moment, in seconds (local = UTC + offset): what
    // a person at the site reads on a wall clock ("open now", the date on a printout).
    virtual int utc_offset_seconds() = 0;
};

// The machine's clock: std::chrono::system_clock, and the C library's local time zone.
Clock& system_clock();

// Now as an RFC 3339 UTC time, "2026-11-18T09:15:00Z" (core/base/utc_time.hpp).
std::string utc_rfc3339(Clock& clock);
// Now as the local wall time, ISO 8601 without a zone, "2026-11-18T01:15:00".
std::string local_iso8601(Clock& clock);

}  // namespace safetynet::core
