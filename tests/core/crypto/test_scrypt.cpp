#include "core/base/bytes.hpp"
#include "core/base/error.hpp"
#include "core/crypto/scrypt.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

using namespace safetynet::core;
using safetynet::test::field;

TEST_CASE("PBKDF2-HMAC-SHA256 and scrypt give the RFC 7914 results") {
    const auto blocks = safetynet::test::read_vector_blocks(safetynet::test::data_path("scrypt_rfc7914.txt"));
    int pbkdf2 = 0, scrypts = 0;
    for (const auto& b : blocks) {
        const std::string pass = field(b, "passphrase"), salt = field(b, "salt");
        const std::string expected = field(b, "output");
        CAPTURE(pass);
        if (field(b, "kdf") == "pbkdf2") {
            const auto out = pbkdf2_hmac_sha256(as_bytes(pass), as_bytes(salt), std::stoull(field(b, "iterations")),
                                                expected.size() / 2);
            CHECK(to_hex(out.view()) == expected);
            ++pbkdf2;
        } else {
            const ScryptParams params{std::stoi(field(b, "log_n")), static_cast<std::uint32_t>(std::stoul(field(b, "r"))),
                                      static_cast<std::uint32_t>(std::stoul(field(b, "p")))};
            CHECK(to_hex(scrypt(as_bytes(pass), as_bytes(salt), params, expected.size() / 2).view()) == expected);
            ++scrypts;
        }
    }
    CHECK(pbkdf2 == 2);
    CHECK(scrypts == 3);
}

TEST_CASE("the incremental job equals libsodium's crypto_pwhash_scryptsalsa208sha256_ll") {
    REQUIRE(sodium_init() >= 0);
    const std::string pass = "correct horse battery staple";
    const Bytes salt = from_hex("6167652d656e6372797074696f6e2e6f72672f76312f7363727970740102030405060708090a0b0c0d0e0f10");
    struct Case {
        ScryptParams params;
        std::size_t length;
    };
    for (const Case& c : {Case{{1, 1, 1}, 16}, Case{{10, 8, 1}, 32}, Case{{8, 2, 3}, 104}, Case{{12, 8, 1}, 32},
                          Case{{6, 3, 2}, 33}}) {
        CAPTURE(c.params.log_n);
        CAPTURE(c.params.r);
        CAPTURE(c.params.p);
        Bytes expected(c.length);
        REQUIRE(crypto_pwhash_scryptsalsa208sha256_ll(reinterpret_cast<const std::uint8_t*>(pass.data()), pass.size(),
                                                      salt.data(), salt.size(), std::uint64_t{1} << c.params.log_n,
                                                      c.params.r, c.params.p, expected.data(), expected.size()) == 0);
        // Run in uneven slices, checking progress as it goes.
        ScryptJob job(as_bytes(pass), salt, c.params, c.length);
        CHECK(job.total_iterations() == 2 * (std::uint64_t{1} << c.params.log_n) * c.params.p);
        double last = -1;
        int slices = 0;
        while (!job.step(37)) {
            CHECK(job.progress() > last);
            CHECK(job.progress() < 1.0);
            last = job.progress();
            ++slices;
        }
        CHECK(job.progress() == doctest::Approx(1.0));
        CHECK(slices == static_cast<int>((job.total_iterations() - 1) / 37));
        CHECK(to_hex(job.result().view()) == to_hex(expected));
    }
}

TEST_CASE("scrypt job: result only when done, bad parameters refused") {
    ScryptJob job(as_bytes("pw"), as_bytes("salt"), {4, 8, 1}, 32);
    CHECK_FALSE(job.done());
    CHECK_THROWS_AS(static_cast<void>(job.result()), Error);
    job.run();
    CHECK(job.done());
    CHECK(job.result().size() == 32);
    // A further step is a no-op.
    CHECK(job.step(100));

    CHECK_THROWS_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {0, 8, 1}, 32), Error);
    CHECK_THROWS_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {4, 0, 1}, 32), Error);
    CHECK_THROWS_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {4, 8, 0}, 32), Error);
    CHECK_THROWS_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {4, 8, 1}, 0), Error);
    // RFC 7914 §2: N < 2^(128 r / 8); with r = 1 that is 2^16.
    CHECK_THROWS_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {16, 1, 1}, 32), Error);
}

TEST_CASE("scrypt work-factor policy") {
    CHECK(kScryptEncryptLogN == 18);
    CHECK(scrypt_memory_bytes({18, 8, 1}) == (std::uint64_t{256} << 20));
    CHECK(scrypt_memory_bytes({20, 8, 1}) == (std::uint64_t{1} << 30));
    if (sizeof(void*) < 8) {
        CHECK(scrypt_default_max_log_n() == 20);
        // 2^21 would need 2 GiB: refused before any work, with a clear message.
        CHECK_THROWS_WITH_AS(ScryptJob(as_bytes("pw"), as_bytes("s"), {21, 8, 1}, 32),
                             doctest::Contains("more than this device can address"), Error);
    } else {
        CHECK(scrypt_default_max_log_n() == 22);
    }
}
