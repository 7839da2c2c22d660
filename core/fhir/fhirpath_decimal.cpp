#include "core/fhir/fhirpath_decimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace safetynet::core::fhirpath {

namespace {

// 18 digits always fit an int64 (its limit is 9.2e18), so every value with up to 18
// significant digits is exact.
constexpr int max_digits = 18;
constexpr std::int64_t pow10_table[max_digits + 1] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL, 1000000000LL,
    10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL, 1000000000000000000LL};

// m * 10^by into `out`; false on overflow.
bool scaled_up(std::int64_t m, int by, std::int64_t& out) {
    if (by < 0 || by > max_digits) return m == 0 ? (out = 0, true) : false;
    return !__builtin_mul_overflow(m, pow10_table[by], &out);
}

// Both values at the larger scale; false when that overflows.
bool aligned(const Decimal& a, const Decimal& b, std::int64_t& ma, std::int64_t& mb, int& scale) {
    scale = std::max(a.scale(), b.scale());
    return scaled_up(a.mantissa(), scale - a.scale(), ma) && scaled_up(b.mantissa(), scale - b.scale(), mb);
}

// Decimal digits (no sign, no point) with an exponent: value = digits * 10^-scale.
std::optional<Decimal> from_digits(bool negative, std::string_view digits, int scale) {
    std::size_t start = 0;
    while (start + 1 < digits.size() && digits[start] == '0') ++start;
    digits.remove_prefix(start);
    bool round_up = false;
    if (digits.size() > static_cast<std::size_t>(max_digits)) {
        const std::size_t drop = digits.size() - max_digits;
        round_up = digits[max_digits] >= '5';
        scale -= static_cast<int>(drop);
        digits = digits.substr(0, max_digits);
    }
    std::int64_t m = 0;
    for (char c : digits) m = m * 10 + (c - '0');
    if (round_up) ++m;  // 999…9 + 1 = 10^18 still fits
    return Decimal(negative ? -m : m, scale);
}

// Rounds m / 10^by to an integer with the given rule.
enum class Rounding { HalfAwayFromZero, Floor, Ceiling, TowardZero };
std::int64_t divide_pow10(std::int64_t m, int by, Rounding rule) {
    if (by <= 0) return m;
    if (by > max_digits) {
        // |m| < 10^19 <= 10^by: the quotient is 0 or +-1 depending on the rule.
        if (m == 0) return 0;
        if (rule == Rounding::Floor && m < 0) return -1;
        if (rule == Rounding::Ceiling && m > 0) return 1;
        return 0;
    }
    const std::int64_t p = pow10_table[by];
    std::int64_t q = m / p;
    const std::int64_t r = m % p;  // same sign as m
    if (r == 0) return q;
    switch (rule) {
    case Rounding::HalfAwayFromZero:
        if (r > 0 && r >= p - r) ++q;
        if (r < 0 && -r >= p + r) --q;
        break;
    case Rounding::Floor:
        if (r < 0) --q;
        break;
    case Rounding::Ceiling:
        if (r > 0) ++q;
        break;
    case Rounding::TowardZero:
        break;
    }
    return q;
}

std::optional<Decimal> at_scale(const Decimal& d, int places, Rounding rule) {
    if (places >= d.scale()) {
        std::int64_t m = 0;
        if (!scaled_up(d.mantissa(), places - d.scale(), m)) return std::nullopt;
        return Decimal(m, places);
    }
    return Decimal(divide_pow10(d.mantissa(), d.scale() - places, rule), places);
}

std::optional<Decimal> via_double(double value) { return Decimal::of_double(value); }

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    const auto all_digits = [](std::string_view s) {
        for (char c : s) if (c < '0' || c > '9') return false;
        return true;
    };
    if (whole.empty() || !all_digits(whole) || !all_digits(fraction)) return std::nullopt;
    if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
    std::string digits(whole);
    digits.append(fraction);
    return from_digits(negative, digits, static_cast<int>(fraction.size()));
}

std::optional<Decimal> Decimal::of_double(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    if (value == 0) return Decimal(0, 0);
    // The shortest "%.*e" that reads back as `value`: round-tripping is monotonic in the
    // number of digits, so a binary search over 1..17 finds it. (std::to_chars would do this
    // directly but Emscripten 3.1.6's libc++ has no floating-point to_chars.)
    char buf[40];
    int lo = 1, hi = 17;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        std::snprintf(buf, sizeof buf, "%.*e", mid - 1, value);
        if (std::strtod(buf, nullptr) == value) hi = mid;
        else lo = mid + 1;
    }
    std::snprintf(buf, sizeof buf, "%.*e", lo - 1, value);
    // buf: [-]d[.ddd]e[+-]xx
    std::string_view s(buf);
    const bool negative = s[0] == '-';
    if (negative) s.remove_prefix(1);
    const std::size_t e = s.find('e');
    std::string digits;
    for (char c : s.substr(0, e)) if (c != '.') digits.push_back(c);
    const int exponent = std::atoi(buf + (negative ? 1 : 0) + e + 1);
    // value = d.ddd * 10^exponent = digits * 10^(exponent - (n - 1))
    const int scale = static_cast<int>(digits.size()) - 1 - exponent;
    std::optional<Decimal> d = from_digits(negative, digits, scale);
    // Drop trailing zeros a positive scale does not need (1.5e1 -> 15, not 15.0).
    while (d && d->m_scale > 0 && d->m_mantissa % 10 == 0) {
        d->m_mantissa /= 10;
        --d->m_scale;
    }
    return d;
}

int Decimal::significant_scale() const {
    int scale = m_scale;
    for (std::int64_t m = m_mantissa; scale > 0 && m % 10 == 0; m /= 10) --scale;
    return std::max(scale, 0);
}

double Decimal::to_double() const {
    // Both operands are exact in binary up to 2^53 and 10^22, and IEEE division rounds
    // correctly, so the common cases give the nearest double.
    if (m_scale >= 0) return static_cast<double>(m_mantissa) / std::pow(10.0, m_scale);
    return static_cast<double>(m_mantissa) * std::pow(10.0, -m_scale);
}

std::string Decimal::to_string() const {
    std::string digits = std::to_string(m_mantissa < 0 ? -(m_mantissa + 1) + 1ULL : static_cast<unsigned long long>(m_mantissa));
    std::string out = m_mantissa < 0 ? "-" : "";
    if (m_scale <= 0) {
        out += digits;
        if (m_mantissa != 0) out.append(static_cast<std::size_t>(-m_scale), '0');
        return out;
    }
    const std::size_t scale = static_cast<std::size_t>(m_scale);
    if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    out += digits.substr(0, digits.size() - scale);
    out += '.';
    out += digits.substr(digits.size() - scale);
    return out;
}

std::optional<Decimal> Decimal::add(const Decimal& a, const Decimal& b) {
    std::int64_t ma = 0, mb = 0, sum = 0;
    int scale = 0;
    if (aligned(a, b, ma, mb, scale) && !__builtin_add_overflow(ma, mb, &sum)) return Decimal(sum, scale);
    return via_double(a.to_double() + b.to_double());
}

std::optional<Decimal> Decimal::subtract(const Decimal& a, const Decimal& b) { return add(a, b.negated()); }

std::optional<Decimal> Decimal::multiply(const Decimal& a, const Decimal& b) {
    std::int64_t m = 0;
    if (!__builtin_mul_overflow(a.m_mantissa, b.m_mantissa, &m) && a.m_scale + b.m_scale <= 3 * max_digits) {
        return Decimal(m, a.m_scale + b.m_scale);
    }
    return via_double(a.to_double() * b.to_double());
}

std::optional<Decimal> Decimal::divide(const Decimal& a, const Decimal& b) {
    if (b.m_mantissa == 0) return std::nullopt;
    // An exact quotient with up to 8 more digits than the dividend when there is one
    // (0.3 / 0.1 = 3, 1 / 8 = 0.125), else the double quotient.
    for (int k = 0; k <= 8; ++k) {
        // a / b = (ma * 10^(sb - sa + k)) / mb * 10^-k
        const int shift = b.m_scale - a.m_scale + k;
        std::int64_t num = a.m_mantissa, den = b.m_mantissa;
        if (shift >= 0 ? !scaled_up(num, shift, num) : !scaled_up(den, -shift, den)) break;
        if (num % den == 0) return Decimal(num / den, k);
    }
    return via_double(a.to_double() / b.to_double());
}

int Decimal::compare(const Decimal& other) const {
    std::int64_t ma = 0, mb = 0;
    int scale = 0;
    if (aligned(*this, other, ma, mb, scale)) return (ma > mb) - (ma < mb);
    const double x = to_double(), y = other.to_double();
    return (x > y) - (x < y);
}

Decimal Decimal::rounded(int places) const {
    if (places >= m_scale) return *this;
    return Decimal(divide_pow10(m_mantissa, m_scale - places, Rounding::HalfAwayFromZero), places);
}

std::optional<Decimal> Decimal::floor_to(int places) const { return at_scale(*this, places, Rounding::Floor); }
std::optional<Decimal> Decimal::ceiling_to(int places) const { return at_scale(*this, places, Rounding::Ceiling); }

std::int64_t Decimal::truncated() const { return m_scale <= 0 ? at_scale(*this, 0, Rounding::TowardZero).value_or(Decimal()).m_mantissa : divide_pow10(m_mantissa, m_scale, Rounding::TowardZero); }
std::int64_t Decimal::floored() const { return m_scale <= 0 ? truncated() : divide_pow10(m_mantissa, m_scale, Rounding::Floor); }
std::int64_t Decimal::ceiled() const { return m_scale <= 0 ? truncated() : divide_pow10(m_mantissa, m_scale, Rounding::Ceiling); }

std::optional<std::int64_t> Decimal::exact_integer() const {
    if (m_scale <= 0) {
        std::int64_t m = 0;
        if (!scaled_up(m_mantissa, -m_scale, m)) return std::nullopt;
        return m;
    }
    if (m_scale > max_digits || m_mantissa % pow10_table[m_scale] != 0) return m_mantissa == 0 ? std::optional<std::int64_t>(0) : std::nullopt;
    return m_mantissa / pow10_table[m_scale];
}

}  // namespace safetynet::core::fhirpath
