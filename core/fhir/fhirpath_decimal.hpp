#pragma once
// FHIRPath's Decimal (FHIRPath N1 §2.1.20 "Decimal"): a base-10 number that keeps the scale it was
// written with, so that 1.10 prints as "1.10", 1.2 + 1.8 = 3.0 exactly and precision(),
// lowBoundary() and highBoundary() can see the digits written. Held as a 64-bit mantissa and a
// scale (value = mantissa / 10^scale), exact to 18 significant digits. Arithmetic that would
// need more digits is done in binary floating point and brought back to the shortest decimal
// that reads back as the result (what JavaScript, and so fhirpath.js, prints); so are the
// transcendental functions (ln, exp, sqrt, power).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core::fhirpath {

class Decimal {
public:
    Decimal() = default;
    Decimal(std::int64_t mantissa, int scale) : m_mantissa(mantissa), m_scale(scale) {}
    static Decimal of(std::int64_t integer) { return Decimal(integer, 0); }

    // "[+-]digits[.digits]" as FHIRPath literals and FHIR JSON write decimals; nullopt for any
    // other text. Digits beyond 18 significant ones are rounded away.
    static std::optional<Decimal> parse(std::string_view text);
    // The shortest decimal that reads back as `value`; nullopt for NaN and infinities.
    static std::optional<Decimal> of_double(double value);

    std::int64_t mantissa() const { return m_mantissa; }
    int scale() const { return m_scale; }  // digits after the decimal point (negative: trailing zeros)
    double to_double() const;
    std::string to_string() const;
    int sign() const { return (m_mantissa > 0) - (m_mantissa < 0); }
    // Digits after the point without the trailing zeros (1.100 -> 1): the precision that counts
    // for equivalence (FHIRPath N1 §6.1.3).
    int significant_scale() const;

    // Arithmetic; nullopt when the result is not a finite number (or, for divide, the divisor is 0).
    static std::optional<Decimal> add(const Decimal& a, const Decimal& b);
    static std::optional<Decimal> subtract(const Decimal& a, const Decimal& b);
    static std::optional<Decimal> multiply(const Decimal& a, const Decimal& b);
    static std::optional<Decimal> divide(const Decimal& a, const Decimal& b);
    Decimal negated() const { return Decimal(-m_mantissa, m_scale); }

    // -1, 0, 1; 1.10 and 1.1 compare equal.
    int compare(const Decimal& other) const;

    // Rounded half away from zero to `places` digits after the point (FHIRPath round());
    // a value with fewer digits is returned unchanged.
    Decimal rounded(int places) const;
    // Exactly `places` digits after the point: padded with zeros, or rounded toward negative
    // (floor) or positive (ceiling) infinity. nullopt when the digits do not fit.
    std::optional<Decimal> floor_to(int places) const;
    std::optional<Decimal> ceiling_to(int places) const;
    // The integer part, toward zero / negative infinity / positive infinity.
    std::int64_t truncated() const;
    std::int64_t floored() const;
    std::int64_t ceiled() const;
    // The value as an integer if it is one (1.0 -> 1); nullopt otherwise.
    std::optional<std::int64_t> exact_integer() const;

private:
    std::int64_t m_mantissa = 0;
    int m_scale = 0;
};

}  // namespace safetynet::core::fhirpath
