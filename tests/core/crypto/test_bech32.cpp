#include "core/crypto/bech32.hpp"
#include "core/base/error.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace safetynet::core;

namespace {
// "\xNN" escapes in the vector file stand for bytes a text file cannot show.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() + 0 && s[i + 1] == 'x') {
            out.push_back(static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16)));
            i += 3;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}
}  // namespace

TEST_CASE("Bech32: the BIP 173 test vectors") {
    std::istringstream in(safetynet::test::read_test_file(safetynet::test::data_path("bech32_bip173.txt")));
    std::string line;
    int valid = 0, invalid = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t sp = line.find(' ');
        const std::string verdict = line.substr(0, sp);
        std::string rest = line.substr(sp + 1);
        const std::size_t bar = rest.find(" | ");
        const std::string text = unescape(rest.substr(0, bar));
        CAPTURE(line);
        if (verdict == "valid") {
            const auto v = bech32_decode_values(text, kBech32Bip173MaxLength);
            // Re-encoding gives the lowercase form back.
            std::string lower = text;
            for (char& c : lower)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            CHECK(bech32_encode_values(v.hrp, v.values) == lower);
            ++valid;
        } else if (verdict == "invalid") {
            CHECK_THROWS_AS(bech32_decode_values(text, kBech32Bip173MaxLength), Error);
            CHECK_THROWS_AS(bech32_decode_values(text), Error);
            ++invalid;
        } else {
            REQUIRE(verdict == "invalid-bip173-length");
            // Over BIP 173's 90 characters: age drops that limit (age §"Conventions").
            CHECK_THROWS_AS(bech32_decode_values(text, kBech32Bip173MaxLength), Error);
            CHECK_NOTHROW(bech32_decode_values(text));
            ++invalid;
        }
    }
    CHECK(valid == 7);
    CHECK(invalid == 12);
}

TEST_CASE("Bech32: bytes round-trip and the age key encodings") {
    Bytes data(32);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 1);
    const std::string s = bech32_encode("age", data);
    CHECK(s.rfind("age1", 0) == 0);
    CHECK(s.size() == 4 + 52 + 6);  // 256 bits -> 52 five-bit groups, plus the checksum
    const auto d = bech32_decode(s);
    CHECK(d.hrp == "age");
    CHECK(d.data == data);

    // The same string in uppercase decodes the same (age secret keys are written that way).
    std::string upper = s;
    for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    CHECK(bech32_decode(upper).data == data);
    CHECK(bech32_decode(upper).hrp == "age");

    // Empty data is fine.
    CHECK(bech32_decode(bech32_encode("x", {})).data.empty());
}

TEST_CASE("Bech32: edge cases fail with a reason") {
    Bytes data(32, 0xAB);
    const std::string s = bech32_encode("age", data);

    SUBCASE("mixed case") {
        std::string m = s;
        m[5] = static_cast<char>(m[5] >= 'a' && m[5] <= 'z' ? m[5] - 'a' + 'A' : m[5]);
        if (m == s) m[0] = 'A';
        CHECK_THROWS_WITH_AS(bech32_decode(m), doctest::Contains("mixed"), Error);
    }
    SUBCASE("every single-character substitution breaks the checksum") {
        const std::string charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        for (std::size_t i = 4; i < s.size(); ++i) {
            std::string m = s;
            m[i] = charset[(charset.find(s[i]) + 1) % charset.size()];
            CHECK_THROWS_AS(bech32_decode(m), Error);
        }
    }
    SUBCASE("swapping two adjacent characters breaks the checksum") {
        for (std::size_t i = 4; i + 1 < s.size(); ++i) {
            if (s[i] == s[i + 1]) continue;
            std::string m = s;
            std::swap(m[i], m[i + 1]);
            CHECK_THROWS_AS(bech32_decode(m), Error);
        }
    }
    SUBCASE("excluded characters b, i, o and 1 in the data part") {
        for (const char c : std::string("bio")) {
            std::string m = s;
            m[10] = c;
            CHECK_THROWS_WITH_AS(bech32_decode(m), doctest::Contains("invalid data character"), Error);
        }
    }
    SUBCASE("the last '1' is the separator") {
        // "a1b1..." has human-readable part "a1b"; a '1' inside the data part is invalid data.
        const std::string t = bech32_encode("a1b", Bytes{1, 2, 3});
        CHECK(bech32_decode(t).hrp == "a1b");
    }
    SUBCASE("non-zero padding bits") {
        // One byte = 8 bits -> two groups (10 bits) whose last 2 bits must be zero.
        std::vector<std::uint8_t> values = {0x1f, 0x1f};
        const std::string t = bech32_encode_values("x", values);
        CHECK_NOTHROW(bech32_decode_values(t));
        CHECK_THROWS_WITH_AS(bech32_decode(t), doctest::Contains("padding"), Error);
    }
    SUBCASE("more than 4 bits of padding") {
        std::vector<std::uint8_t> values = {0, 0, 0};  // 15 bits: 1 byte and 7 padding bits
        CHECK_THROWS_WITH_AS(bech32_decode(bech32_encode_values("x", values)), doctest::Contains("4 bits"), Error);
    }
    SUBCASE("truncated string") {
        CHECK_THROWS_AS(bech32_decode(s.substr(0, s.size() - 1)), Error);
        CHECK_THROWS_AS(bech32_decode("age1"), Error);
        CHECK_THROWS_AS(bech32_decode(""), Error);
    }
}
