#include "core/base/base64.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;

TEST_CASE("base64: RFC 4648 §10 vectors, padded and unpadded") {
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* padded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    const char* unpadded[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
        CAPTURE(i);
        CHECK(base64_encode(as_bytes(plain[i]), Base64Padding::Padded) == padded[i]);
        CHECK(base64_encode(as_bytes(plain[i]), Base64Padding::Unpadded) == unpadded[i]);
        CHECK(base64_decode(padded[i], Base64Padding::Padded) == to_bytes(plain[i]));
        CHECK(base64_decode(unpadded[i], Base64Padding::Unpadded) == to_bytes(plain[i]));
    }
}

TEST_CASE("base64: only the canonical encoding decodes") {
    // RFC 4648 §3.5: the unused bits of the last character must be zero ("Zh" has them set).
    CHECK_FALSE(base64_decode("Zh", Base64Padding::Unpadded).has_value());
    CHECK_FALSE(base64_decode("Zh==", Base64Padding::Padded).has_value());
    CHECK_FALSE(base64_decode("Zm9=", Base64Padding::Padded).has_value());
    // Padding where there must be none, or none where there must be some.
    CHECK_FALSE(base64_decode("Zg==", Base64Padding::Unpadded).has_value());
    CHECK_FALSE(base64_decode("Zg", Base64Padding::Padded).has_value());
    CHECK_FALSE(base64_decode("Zg=", Base64Padding::Padded).has_value());
    CHECK_FALSE(base64_decode("Zm9v=", Base64Padding::Padded).has_value());
    // A lone character carries 6 bits: never a whole byte.
    CHECK_FALSE(base64_decode("Z", Base64Padding::Unpadded).has_value());
    // Whitespace, URL-safe characters and anything else outside the alphabet.
    CHECK_FALSE(base64_decode("Zm9v ", Base64Padding::Unpadded).has_value());
    CHECK_FALSE(base64_decode("Zm\n9v", Base64Padding::Unpadded).has_value());
    CHECK_FALSE(base64_decode("-_-_", Base64Padding::Unpadded).has_value());
    CHECK(base64_decode("+/+/", Base64Padding::Unpadded).has_value());
}
