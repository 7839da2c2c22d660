#pragma once
// Timestamps in bundles and key files: RFC 3339 in UTC to the second ("2025-06-01T14:30:00Z"),
// one fixed form so the strings compare and sort as they read.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

std::string format_utc_rfc3339(std::chrono::system_clock::time_point t);
// Now by the machine's clock (core/base/clock.hpp): for the CLI and defaults; a screen passes
// its platform's time instead.
std::string utc_now_rfc3339();
// True for exactly "YYYY-MM-DDTHH:MM:SSZ" with a real date and time.
bool is_utc_rfc3339(std::string_view s);
// Seconds since the Unix epoch of such a string (nullopt unless is_utc_rfc3339): referral ages,
// overdue flags and days to close count from it.
std::optional<std::int64_t> parse_utc_rfc3339(std::string_view s);

}  // namespace safetynet::core
