// Typed numbers (core/base/number.hpp): the whole text is the number, or it is not one.
#include "core/base/number.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace safetynet::core;

TEST_CASE("integers: digits with a sign, blanks around, within long long") {
    CHECK(parse_integer("12") == 12);
    CHECK(parse_integer("-3") == -3);
    CHECK(parse_integer("+7") == 7);
    CHECK(parse_integer(" 42\t") == 42);
    CHECK(parse_integer("007") == 7);
    CHECK(parse_integer("9223372036854775807") == std::numeric_limits<long long>::max());
    CHECK(parse_integer("-9223372036854775808") == std::numeric_limits<long long>::min());
}

TEST_CASE("issue 11 - '12abc' is not a number (std::stoll read it as 12)") {
    for (const char* text : {"12abc", "", " ", "-", "+", "+-5", "--5", "1 2", "1.5", "1e3", "0x1F", "inf", "nan",
                             "12,000", "9223372036854775808", "-9223372036854775809", "١٢"}) {
        CHECK_MESSAGE(!parse_integer(text).has_value(), '"' << text << '"');
    }
}

TEST_CASE("decimals: a point, an exponent, a sign, blanks around") {
    CHECK(parse_decimal("1.5") == 1.5);
    CHECK(parse_decimal("-0.25") == -0.25);
    CHECK(parse_decimal(".5") == 0.5);
    CHECK(parse_decimal("5.") == 5.0);
    CHECK(parse_decimal("2e3") == 2000.0);
    CHECK(parse_decimal("2.5E-1") == 0.25);
    CHECK(parse_decimal("+12") == 12.0);
    CHECK(parse_decimal(" -122.6 ") == -122.6);
    CHECK(parse_decimal("0.1") == 0.1);  // correctly rounded: the same double as the literal
}

TEST_CASE("not decimals: trailing text, no digits, hex, infinities, beyond range") {
    for (const char* text : {"12abc", "", ".", "-.", "e5", "1e", "1e+", "1.2.3", "0x1F", "inf", "-infinity", "nan",
                             "1,5", "1e999", "- 1", "1 e5"}) {
        CHECK_MESSAGE(!parse_decimal(text).has_value(), '"' << text << '"');
    }
}
