#pragma once
// FHIRPath's Date, DateTime and Time (FHIRPath N1 §2.1.20 "Date, DateTime and Time", §6.2
// "Comparison", §6.6.4 "Date/Time Arithmetic"): partial values that remember their precision
// (@2014, @2014-01-05T10:30, @T10:30:00.000) and, for DateTime, an optional time-zone offset.
// Two values that agree down to the precision of the less precise one, whose precisions differ,
// compare as unknown (empty), not as equal.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core::fhirpath {

struct Temporal {
    enum class Kind : std::uint8_t { Date, DateTime, Time };
    // Seconds and milliseconds are one precision for comparison (§6.1.1), two for printing.
    enum class Precision : std::uint8_t { Year, Month, Day, Hour, Minute, Second, Millisecond };

    Kind kind = Kind::Date;
    Precision precision = Precision::Year;
    int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
    std::optional<int> offset_minutes;  // DateTime at hour precision or finer; nullopt: not given

    // FHIR / FHIRPath text without the '@': "2014", "2014-01-05", with a time part for DateTime
    // ("2014-01-05T10:30:00.123+02:00", "2014-01-05T" is a DateTime of day precision), and
    // "10:30:00" for Time (no leading 'T'). nullopt for anything else or an impossible date.
    static std::optional<Temporal> parse_date(std::string_view text);
    static std::optional<Temporal> parse_date_time(std::string_view text);
    static std::optional<Temporal> parse_time(std::string_view text);

    // FHIR's text (as parse reads it): "2014-01", "2014-01-05T10:30:00.000+02:00", "10:30".
    std::string to_string() const;

    // Adds `amount` of a calendar or UCUM time unit (year(s), month(s), week(s), day(s),
    // hour(s), minute(s), second(s), millisecond(s), 'wk', 'd', 'h', 'min', 's', 'ms');
    // fractions of the unit are dropped (§6.6.4). nullopt when the unit is not one of those
    // (UCUM 'a' and 'mo' are not calendar durations) or does not apply (days on a Time).
    std::optional<Temporal> plus(std::int64_t amount, std::string_view unit) const;

    // Digits of precision (precision()): 4 for a year … 17 for milliseconds; Time 2 … 9.
    int digits() const;
    // The earliest / latest value within the precision, as a value with `digits` digits of
    // precision (lowBoundary() / highBoundary()); nullopt for an impossible precision.
    std::optional<Temporal> low_boundary(int digits) const;
    std::optional<Temporal> high_boundary(int digits) const;
};

// Ordering (§6.2): -1, 0, 1, or nullopt when unknown (precisions differ where the values agree,
// or only one has a time zone) or not comparable (a Time and a Date).
std::optional<int> compare(const Temporal& a, const Temporal& b);
// Equivalence (§6.1.3): values of different precision are not equivalent.
bool equivalent(const Temporal& a, const Temporal& b);

}  // namespace safetynet::core::fhirpath
