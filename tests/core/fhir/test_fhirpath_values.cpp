// The value types under the FHIRPath engine: Decimal (scale kept, exact where it can be),
// partial dates and times (precision-aware comparison and calendar arithmetic) and UCUM unit
// conversion from UCUM's own definitions.
#include "core/fhir/fhirpath_decimal.hpp"
#include "core/fhir/fhirpath_quantity.hpp"
#include "core/fhir/fhirpath_temporal.hpp"
#include "core/fhir/ucum.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace safetynet::core::fhirpath;

namespace {

Decimal dec(const char* text) {
    const std::optional<Decimal> d = Decimal::parse(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Temporal dt(const char* text) {
    const std::optional<Temporal> t = Temporal::parse_date_time(text);
    REQUIRE_MESSAGE(t, text);
    return *t;
}

}  // namespace

TEST_CASE("Decimal keeps the digits written and is exact where binary floating point is not") {
    CHECK(dec("1.10").to_string() == "1.10");
    CHECK(dec("-0.5").to_string() == "-0.5");
    CHECK(dec("007").to_string() == "7");
    CHECK(dec("1.10").compare(dec("1.1")) == 0);
    CHECK(Decimal::add(dec("0.1"), dec("0.2"))->to_string() == "0.3");  // 0.30000000000000004 in binary
    CHECK(Decimal::multiply(dec("1.2"), dec("1.8"))->to_string() == "2.16");
    CHECK(Decimal::divide(dec("0.3"), dec("0.1"))->to_string() == "3");
    CHECK(Decimal::divide(dec("1"), dec("8"))->to_string() == "0.125");
    CHECK(Decimal::divide(dec("1"), dec("3"))->to_string() == "0.3333333333333333");  // as JavaScript prints 1/3
    CHECK_FALSE(Decimal::divide(dec("1"), dec("0")));
    for (const char* bad : {"", "1.", ".5", "1e5", "1,5", "--1", "0x1F"}) CHECK_FALSE(Decimal::parse(bad));
    // Past 18 digits the arithmetic goes through binary and back, staying finite.
    const std::optional<Decimal> big = Decimal::multiply(dec("123456789012.5"), dec("98765432109.25"));
    REQUIRE(big);
    CHECK(std::fabs(big->to_double() / (123456789012.5 * 98765432109.25) - 1) < 1e-15);
    CHECK(Decimal::of_double(1e300).has_value());
    CHECK_FALSE(Decimal::of_double(std::nan("")));
}

TEST_CASE("Decimal rounding") {
    CHECK(dec("3.14159").rounded(3).to_string() == "3.142");
    CHECK(dec("2.5").rounded(0).to_string() == "3");
    CHECK(dec("-2.5").rounded(0).to_string() == "-3");  // half away from zero
    CHECK(dec("1.5").rounded(4).to_string() == "1.5");  // nothing to round
    CHECK(dec("1.5865").floor_to(2)->to_string() == "1.58");
    CHECK(dec("-1.5875").floor_to(2)->to_string() == "-1.59");
    CHECK(dec("1.5875").ceiling_to(8)->to_string() == "1.58750000");
    CHECK(dec("-1.56").truncated() == -1);
    CHECK(dec("-1.56").floored() == -2);
    CHECK(dec("1.01").ceiled() == 2);
    CHECK(dec("1.100").significant_scale() == 1);
}

TEST_CASE("partial dates and times keep their precision") {
    CHECK(Temporal::parse_date("2014")->to_string() == "2014");
    CHECK(Temporal::parse_date("2014-02")->to_string() == "2014-02");
    CHECK(dt("2014-01-05T10:30:00.1+02:00").to_string() == "2014-01-05T10:30:00.100+02:00");
    CHECK(dt("2014-01-05T10:30:00Z").to_string() == "2014-01-05T10:30:00Z");
    CHECK(Temporal::parse_time("10:30")->to_string() == "10:30");
    for (const char* bad : {"2023-02-29", "2014-13", "2014-01-05T25:00", "2014-01-05T10:30:00+15:00", "14", "2014-1-5"}) {
        CAPTURE(bad);
        CHECK_FALSE(Temporal::parse_date_time(bad));
    }
    CHECK(Temporal::parse_date_time("2024-02-29"));
}

TEST_CASE("comparing dates of different precision is unknown unless they already differ") {
    CHECK(compare(dt("2012-04-15"), dt("2012-04-15T10:00:00")) == std::nullopt);
    CHECK(compare(dt("2012-04-14"), dt("2012-04-15T10:00:00")) == -1);
    CHECK(compare(dt("2012-04-15T15:30:31"), dt("2012-04-15T15:30:31.000")) == 0);  // seconds and ms are one precision
    CHECK(compare(dt("2012-04-15T15:00:00+02:00"), dt("2012-04-15T16:00:00+03:00")) == 0);  // the same instant
    CHECK(compare(dt("2017-11-05T01:30:00.0-04:00"), dt("2017-11-05T01:15:00.0-05:00")) == -1);
    CHECK(compare(dt("2012-04-15T15:00:00Z"), dt("2012-04-15T10:00:00")) == std::nullopt);  // one has no time zone
    CHECK_FALSE(equivalent(dt("2012-04-15"), dt("2012-04-15T10:00:00")));
}

TEST_CASE("calendar arithmetic") {
    CHECK(dt("2024-01-31").plus(1, "month")->to_string() == "2024-02-29");  // the day is clamped
    CHECK(dt("2023-01-31").plus(1, "months")->to_string() == "2023-02-28");
    CHECK(dt("2024-02-29").plus(1, "year")->to_string() == "2025-02-28");
    CHECK(dt("1973-12-25T23:00:00+10:00").plus(2, "h")->to_string() == "1973-12-26T01:00:00+10:00");
    CHECK(dt("2014").plus(24, "months")->to_string() == "2016");  // at the value's own precision
    CHECK(Temporal::parse_time("23:30")->plus(45, "minutes")->to_string() == "00:15");
    CHECK_FALSE(dt("2014-01-01").plus(1, "a"));  // UCUM's average year is not a calendar year
    CHECK_FALSE(dt("2014-01-01").plus(1, "mo"));
    CHECK_FALSE(Temporal::parse_time("10:00")->plus(1, "day"));
}

TEST_CASE("UCUM units convert by their definitions") {
    const auto in = [](double value, const char* from, const char* to) {
        const std::optional<ucum::Conversion> c = ucum::conversion(from, to);
        return c ? value * c->from / c->to : std::nan("");
    };
    CHECK(in(4000, "mg", "g") == doctest::Approx(4));
    CHECK(in(185, "[lb_av]", "kg") == doctest::Approx(83.9146));
    CHECK(in(1, "[in_i]", "cm") == doctest::Approx(2.54));
    CHECK(in(120, "mm[Hg]", "kPa") == doctest::Approx(15.999).epsilon(1e-4));
    CHECK(in(5.5, "mmol/L", "umol/mL") == doctest::Approx(5.5));
    CHECK(in(1, "10*3/uL", "10*9/L") == doctest::Approx(1));
    CHECK(in(2, "kg/m2", "g/cm2") == doctest::Approx(0.2));
    CHECK(in(7, "d", "wk") == doctest::Approx(1));
    CHECK(ucum::parse("{score}"));
    CHECK(ucum::parse("1"));
    CHECK(ucum::parse("mL{total}"));
    CHECK_FALSE(ucum::conversion("Cel", "K"));  // a special unit: no ratio conversion
    CHECK_FALSE(ucum::conversion("[iU]", "mg"));
    CHECK_FALSE(ucum::conversion("g", "m"));
    for (const char* bad : {"", "foo", "m/", "(m", "kg.", "m999999", "{unclosed"}) {
        CAPTURE(bad);
        CHECK_FALSE(ucum::parse(bad));
    }
}

TEST_CASE("quantities compare across units; calendar year and month only with each other") {
    const auto q = [](const char* v, const char* unit, bool calendar = false) { return Quantity{dec(v), unit, calendar}; };
    CHECK(compare(q("4.0000", "g"), q("4000.0", "mg")) == 0);
    CHECK(compare(q("303", "cm"), q("3.03", "m")) == 0);  // exact in decimal
    CHECK(compare(q("7", "days", true), q("1", "wk")) == 0);
    CHECK(compare(q("1", "year", true), q("12", "months", true)) == 0);
    CHECK(compare(q("1", "year", true), q("1", "a")) == std::nullopt);
    CHECK(equivalent(q("1", "year", true), q("1", "a")));
    CHECK(equivalent(q("4", "g"), q("4040", "mg")));  // at the precision of the less precise one
    CHECK(compare(q("1", "g"), q("1", "m")) == std::nullopt);
    CHECK(add(q("3", "m"), q("3", "cm"))->to_string() == "3.03 'm'");
    CHECK(multiply(q("2.0", "cm"), q("2.0", "m"))->to_string() == "4.00 'cm.m'");
}
