#pragma once
// Numbers as a person types them (a form field, a command-line value) or a file writes them: the
// whole text must be the number, so "12abc", "1e", "0x1F", "inf" and "" are not numbers
// (std::stoll and std::strtod would read "12abc" as 12). Blanks around the number are ignored.
#include <optional>
#include <string_view>

namespace safetynet::core {

// [+-] digits, within the range of long long.
std::optional<long long> parse_integer(std::string_view text);
// [+-] digits [. digits] [(e|E) [+-] digits], at least one digit before or after the point;
// finite. "1.5", "-0.25", ".5", "5." and "2e3" are decimals.
std::optional<double> parse_decimal(std::string_view text);

}  // namespace safetynet::core
