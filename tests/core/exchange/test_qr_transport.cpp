#include "core/exchange/base45.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"
#include "core/exchange/png.hpp"
#include "core/exchange/qr_transport.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>

using namespace safetynet::core;
using safetynet::test::kind_of;

namespace {
Bytes random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    Bytes b(n);
    for (auto& c : b) c = static_cast<std::uint8_t>(rng());
    return b;
}
std::uint32_t be32(const Bytes& b, std::size_t at) {
    return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}
}  // namespace

TEST_CASE("Base45: the RFC 9285 examples") {
    CHECK(base45_encode(as_bytes("AB")) == "BB8");
    CHECK(base45_encode(as_bytes("Hello!!")) == "%69 VD92EX0");
    CHECK(base45_encode(as_bytes("base-45")) == "UJCLQE7W581");
    CHECK(base45_decode("QED8WEX0") == to_bytes("ietf!"));
    // §6: a triple above 65535 is an error, as is a dangling single character.
    CHECK_FALSE(base45_decode("GGW").has_value());
    CHECK_FALSE(base45_decode("BB8B").has_value());
    CHECK_FALSE(base45_decode("bb8").has_value());
    for (std::size_t n = 0; n < 40; ++n) {
        const Bytes b = random_bytes(n, static_cast<unsigned>(n));
        CHECK(base45_decode(base45_encode(b)) == b);
    }
}

TEST_CASE("PNG: CRC-32, Adler-32 and a well-formed 1-bit image") {
    CHECK(crc32(as_bytes("123456789")) == 0xcbf43926u);   // the CRC-32 check value
    CHECK(adler32(as_bytes("Wikipedia")) == 0x11e60398u);  // the customary Adler-32 example
    CHECK(adler32({}) == 1u);

    // A 300x7 image (the stored blocks and odd widths) with a diagonal.
    const int w = 300, h = 250;
    std::vector<bool> dark(static_cast<std::size_t>(w * h));
    for (int y = 0; y < h; ++y) dark[static_cast<std::size_t>(y * w + y)] = true;
    const Bytes png = png_encode_bilevel(w, h, dark);
    REQUIRE(png.size() > 8 + 25);
    CHECK(Bytes(png.begin(), png.begin() + 8) == Bytes{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    // Walk the chunks: every CRC must hold; collect IDAT.
    std::size_t pos = 8;
    Bytes idat;
    std::vector<std::string> types;
    while (pos < png.size()) {
        const std::uint32_t len = be32(png, pos);
        const std::string type(png.begin() + static_cast<std::ptrdiff_t>(pos + 4), png.begin() + static_cast<std::ptrdiff_t>(pos + 8));
        CHECK(crc32(ByteView(png).subspan(pos + 4, len + 4)) == be32(png, pos + 8 + len));
        if (type == "IHDR") {
            CHECK(be32(png, pos + 8) == static_cast<std::uint32_t>(w));
            CHECK(be32(png, pos + 12) == static_cast<std::uint32_t>(h));
            CHECK(png[pos + 16] == 1);  // bit depth
            CHECK(png[pos + 17] == 0);  // greyscale
        }
        if (type == "IDAT") idat.insert(idat.end(), png.begin() + static_cast<std::ptrdiff_t>(pos + 8), png.begin() + static_cast<std::ptrdiff_t>(pos + 8 + len));
        types.push_back(type);
        pos += 12 + len;
    }
    CHECK(types == std::vector<std::string>{"IHDR", "IDAT", "IEND"});
    // Inflate the stored blocks by hand and check the pixels and the Adler-32.
    REQUIRE(idat.size() > 6);
    CHECK((idat[0] * 256 + idat[1]) % 31 == 0);  // RFC 1950 FCHECK
    Bytes raw;
    std::size_t at = 2;
    bool final_block = false;
    while (!final_block) {
        final_block = idat[at] & 1;
        CHECK((idat[at] >> 1) == 0);  // stored
        const std::size_t n = idat[at + 1] | idat[at + 2] << 8;
        CHECK((n ^ (idat[at + 3] | idat[at + 4] << 8)) == 0xffff);
        raw.insert(raw.end(), idat.begin() + static_cast<std::ptrdiff_t>(at + 5), idat.begin() + static_cast<std::ptrdiff_t>(at + 5 + n));
        at += 5 + n;
    }
    CHECK(be32(idat, at) == adler32(raw));
    const std::size_t row = (w + 7) / 8 + 1;
    REQUIRE(raw.size() == row * h);
    for (int y = 0; y < h; ++y) {
        CHECK(raw[y * row] == 0);  // filter: none
        for (int x = 0; x < w; x += 37) {
            const bool white = raw[y * row + 1 + x / 8] & (0x80 >> (x % 8));
            CHECK(white == !dark[static_cast<std::size_t>(y * w + x)]);
        }
    }
    CHECK(kind_of([] { png_encode_bilevel(0, 1, {}); }) == "png");
}

TEST_CASE("QR split and join: any order, duplicates, within version 15-M") {
    const std::size_t cap = qr_part_capacity();
    MESSAGE("a version 15-M part carries " << cap << " bytes");
    CHECK(cap > 300);
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, cap, cap + 1, 5 * cap + 7}) {
        CAPTURE(n);
        const Bytes data = random_bytes(n, static_cast<unsigned>(n) + 7);
        auto parts = qr_split(data);
        CHECK(parts.size() == std::max<std::size_t>(1, (n + cap - 1) / cap));
        for (const auto& p : parts) {
            CHECK(p.rfind("SN1:", 0) == 0);
            CHECK(qr_encode(p).version <= 15);
        }
        std::mt19937 rng(static_cast<unsigned>(n));
        std::shuffle(parts.begin(), parts.end(), rng);
        parts.push_back(parts.front());  // a code scanned twice
        CHECK(qr_join(parts) == data);
    }
    // Other versions and levels hold what they claim.
    const QrOptions small{8, QrEcc::High};
    for (const auto& p : qr_split(random_bytes(1000, 3), small)) CHECK(qr_encode(p, small).version <= 8);
    CHECK(qr_part_capacity(small) < cap);
    CHECK(kind_of([] { qr_part_capacity(QrOptions{41, QrEcc::Low}); }) == "qr-options");
    CHECK(kind_of([&] { qr_split(Bytes(cap * kQrMaxParts + 1), {}); }) == "qr-too-large");
}

TEST_CASE("QR join: missing, foreign, conflicting and altered parts") {
    const Bytes data = random_bytes(3000, 11), other = random_bytes(3000, 12);
    const auto parts = qr_split(data), others = qr_split(other);
    REQUIRE(parts.size() >= 3);

    QrAssembler a;
    CHECK(a.add(parts[2]) == QrAssembler::Added::New);
    CHECK(a.add(parts[2]) == QrAssembler::Added::Duplicate);
    CHECK(a.started());
    CHECK_FALSE(a.complete());
    CHECK(a.missing().size() == parts.size() - 1);
    CHECK_THROWS_WITH_AS(a.assemble(), doctest::Contains("missing: 1, 2"), Error);
    CHECK(kind_of([&] { a.add(others[0]); }) == "qr-foreign");
    CHECK(kind_of([&] { a.add("hello"); }) == "qr-part");
    CHECK(kind_of([&] { a.add("SN1:XYZ:1:2:00000000:"); }) == "qr-part");

    // A character changed in the data fails that part's check.
    std::string altered = parts[0];
    altered.back() = altered.back() == '0' ? '1' : '0';
    CHECK(kind_of([&] { a.add(altered); }) == "qr-part");

    // A part with the right header and a valid check but other data: a conflict.
    const std::string p3 = parts[2];
    std::size_t data_at = 0;  // after the fifth ':' (Base45 data may hold ':' itself)
    for (int k = 0; k < 5; ++k) data_at = p3.find(':', data_at) + 1;
    const std::string b45 = base45_encode(random_bytes(10, 99));
    std::string check_hex = to_hex(ByteView(sha256(as_bytes(b45))).first(4));
    for (char& c : check_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string forged = p3.substr(0, data_at - 9) + check_hex + ":" + b45;
    CHECK(kind_of([&] { a.add(forged); }) == "qr-conflict");

    // Well-formed parts whose data does not match the set id (a forged set).
    QrAssembler b;
    std::string lone = "SN1:" + parts[0].substr(4, 16) + ":1:1:" + check_hex + ":" + b45;
    b.add(lone);
    CHECK(b.complete());
    CHECK(kind_of([&] { b.assemble(); }) == "qr-digest");

    for (const auto& p : parts) a.add(p);
    CHECK(a.complete());
    CHECK(a.assemble() == data);
}
