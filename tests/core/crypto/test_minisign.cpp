#include "core/base/bytes.hpp"
#include "core/base/error.hpp"
#include "core/crypto/minisign.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <sodium.h>

using namespace safetynet::core;
using safetynet::test::data_path;
using safetynet::test::kind_of;
using safetynet::test::read_test_file;

namespace {
std::string fixture(const std::string& name) { return read_test_file(data_path("minisign/" + name)); }
// Cheap scrypt for tests: pickparams gives N = 2^10, r = 8, p = 1.
constexpr std::uint64_t kTestOps = 32768, kTestMem = std::uint64_t{1} << 20;
}  // namespace

TEST_CASE("minisign: stock minisign 0.11 signatures verify, prehashed and legacy") {
    const auto pub = MinisignPublicKey::parse(fixture("stock.pub"));
    const std::string message = fixture("message.txt");
    // The key id as minisign prints it in the .pub comment.
    CHECK(pub.key_id_hex() == fixture("stock.pub").substr(std::string("untrusted comment: minisign public key ").size(), 16));
    // Our writer produces the very same .pub text.
    CHECK(pub.to_file() == fixture("stock.pub"));
    CHECK(MinisignPublicKey::parse(pub.to_base64()) == pub);

    for (const char* name : {"message.txt.minisig", "message.txt.legacy.minisig"}) {
        CAPTURE(name);
        const auto sig = MinisignSignature::parse(fixture(name));
        CHECK(sig.prehashed == (std::string(name) == "message.txt.minisig"));
        CHECK(sig.to_text() == fixture(name));
        CHECK_NOTHROW(minisign_verify(pub, as_bytes(message), sig));
        CHECK(kind_of([&] { minisign_verify(pub, as_bytes(message + "x"), sig); }) == "bad-signature");
        auto forged = sig;
        forged.trusted_comment += " (edited)";
        CHECK(kind_of([&] { minisign_verify(pub, as_bytes(message), forged); }) == "bad-signature");
        auto other = pub;
        other.key_id[0] ^= 1;
        CHECK(kind_of([&] { minisign_verify(other, as_bytes(message), sig); }) == "signature-key");
    }
}

TEST_CASE("minisign: stock unencrypted (-W) secret key reads, signs, verifies") {
    const auto file = MinisignKeyFile::parse(fixture("stock.key"));
    CHECK_FALSE(file.encrypted());
    const auto sk = file.open({});
    CHECK(sk.public_key() == MinisignPublicKey::parse(fixture("stock.pub")));
    const auto sig = minisign_sign(sk, as_bytes("hello"), "trusted words");
    CHECK(sig.prehashed);
    CHECK_NOTHROW(minisign_verify(sk.public_key(), as_bytes("hello"), MinisignSignature::parse(sig.to_text())));
}

TEST_CASE("minisign: our key files, encrypted and not, and a wrong password") {
    const auto sk = MinisignSecretKey::generate();
    const std::string enc = sk.to_file(as_bytes("s3cret"), kTestOps, kTestMem);
    const auto f = MinisignKeyFile::parse(enc);
    CHECK(f.encrypted());
    CHECK(f.kdf_params().log_n == 10);
    CHECK(f.open(as_bytes("s3cret")).public_key() == sk.public_key());
    CHECK(kind_of([&] { f.open(as_bytes("S3cret")); }) == "minisign-password");
    CHECK(kind_of([&] { f.unencrypted_key(); }) == "minisign-key");
    CHECK(kind_of([&] { f.start(as_bytes("s3cret"), 9); }) == "work-factor");
    // The UI path: the same key through a job stepped in slices.
    ScryptJob job = f.start(as_bytes("s3cret"));
    while (!job.step(100)) {
    }
    CHECK(f.finish(job).public_key() == sk.public_key());

    const auto plain = MinisignKeyFile::parse(sk.to_file({}));
    CHECK_FALSE(plain.encrypted());
    CHECK(plain.unencrypted_key().public_key() == sk.public_key());
    // The default cost is N = 2^18, r = 8, p = 1.
    const auto params = minisign_scrypt_params(kMinisignOpsLimit, kMinisignMemLimit);
    CHECK(params.log_n == 18);
    CHECK(params.r == 8);
    CHECK(params.p == 1);
}

TEST_CASE("minisign: scrypt parameters are picked as libsodium picks them") {
    REQUIRE(sodium_init() >= 0);
    const Bytes salt(32, 0x5a);
    const std::string pw = "password";
    for (const auto& limits : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
             {32768, std::uint64_t{1} << 20}, {32768, std::uint64_t{16} << 20}, {std::uint64_t{1} << 19, std::uint64_t{1} << 22},
             {std::uint64_t{1} << 20, std::uint64_t{1} << 20}, {1000, std::uint64_t{1} << 21}}) {
        // Not a structured binding: clang 14 cannot capture those in CAPTURE's lambda.
        const std::uint64_t ops = limits.first, mem = limits.second;
        CAPTURE(ops);
        CAPTURE(mem);
        Bytes expected(104);
        REQUIRE(crypto_pwhash_scryptsalsa208sha256(expected.data(), expected.size(), pw.data(), pw.size(), salt.data(),
                                                   ops, static_cast<std::size_t>(mem)) == 0);
        CHECK(to_hex(scrypt(as_bytes(pw), salt, minisign_scrypt_params(ops, mem), 104).view()) == to_hex(expected));
    }
}

TEST_CASE("minisign: malformed files are refused with a kind") {
    const std::string pub = fixture("stock.pub");
    const std::string sig = fixture("message.txt.minisig");
    CHECK(kind_of([&] { MinisignPublicKey::parse("RWQ"); }) == "minisign-key");
    CHECK(kind_of([&] { MinisignPublicKey::parse("comment\n" + pub.substr(pub.find('\n') + 1)); }) == "minisign-key");
    CHECK(kind_of([&] { MinisignKeyFile::parse(pub); }) == "minisign-key");
    CHECK(kind_of([&] { MinisignSignature::parse(sig.substr(0, sig.rfind('\n', sig.size() - 2))); }) == "signature");
    std::string bad_alg = sig;
    bad_alg[sig.find('\n') + 2] = 'X';  // "RU…" -> "RX…": the algorithm bytes change
    CHECK(kind_of([&] { MinisignSignature::parse(bad_alg); }) != "success");
    CHECK(kind_of([&] { minisign_sign(MinisignSecretKey::generate(), as_bytes("m"), "two\nlines"); }) == "signature");
}
