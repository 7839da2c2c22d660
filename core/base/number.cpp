#include "core/base/number.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace safetynet::core {

namespace {

std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `s` is a decimal as parse_decimal() defines it.
bool decimal_syntax(std::string_view s) {
    std::size_t i = 0;
    const auto sign = [&] {
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    };
    const auto digits = [&] {
        const std::size_t from = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        return i - from;
    };
    sign();
    std::size_t mantissa = digits();
    if (i < s.size() && s[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        sign();
        if (digits() == 0) return false;
    }
    return i == s.size();
}

}  // namespace

std::optional<long long> parse_integer(std::string_view text) {
    text = trim_blanks(text);
    // std::from_chars takes a '-' but no '+'.
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') return std::nullopt;
    }
    long long value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
    return value;
}

std::optional<double> parse_decimal(std::string_view text) {
    text = trim_blanks(text);
    if (!decimal_syntax(text)) return std::nullopt;
    // std::from_chars for double is missing from the libc++ of Emscripten 3.1.6 (LLVM 13), so
    // strtod converts, on text the grammar above has already checked: there it reads exactly
    // the number written, correctly rounded. (The program keeps the "C" locale: '.' is the point.)
    const std::string copy(text);
    const double value = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(value)) return std::nullopt;  // beyond double's range, "1e999"
    return value;
}

}  // namespace safetynet::core
