#include "core/base/bytes.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;
using safetynet::test::field;

TEST_CASE("HKDF-SHA-256 gives the RFC 5869 Appendix A results") {
    const auto blocks = safetynet::test::read_vector_blocks(safetynet::test::data_path("hkdf_rfc5869.txt"));
    REQUIRE(blocks.size() == 3);
    for (const auto& b : blocks) {
        CAPTURE(field(b, "case"));
        const Bytes ikm = from_hex(field(b, "ikm"));
        const Bytes salt = from_hex(field(b, "salt"));
        const Bytes info = from_hex(field(b, "info"));
        const std::size_t length = std::stoul(field(b, "length"));
        CHECK(to_hex(hkdf_sha256_extract(salt, ikm).view()) == field(b, "prk"));
        CHECK(to_hex(hkdf_sha256(ikm, salt, ByteView(info), length).view()) == field(b, "okm"));
    }
}

TEST_CASE("HKDF-SHA-256 output length limits") {
    const Bytes ikm(32, 7);
    CHECK(hkdf_sha256(ikm, {}, "x", 0).size() == 0);
    CHECK(hkdf_sha256(ikm, {}, "x", 255 * 32).size() == 255 * 32);
    CHECK_THROWS_AS(hkdf_sha256(ikm, {}, "x", 255 * 32 + 1), Error);
    // A prefix of a longer output equals the shorter output (T(1) | T(2) | ...).
    const auto long_out = hkdf_sha256(ikm, {}, "info", 100);
    const auto short_out = hkdf_sha256(ikm, {}, "info", 33);
    CHECK(to_hex(long_out.view().first(33)) == to_hex(short_out.view()));
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 test case 2") {
    const auto mac = hmac_sha256(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"));
    CHECK(to_hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
