#include "core/crypto/age.hpp"
#include "core/crypto/age_armor.hpp"
#include "core/crypto/age_errors.hpp"
#include "core/crypto/age_stream.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>

using safetynet::test::kind_of;

using namespace safetynet::core;

namespace {

Bytes pattern(std::size_t n, std::uint8_t seed = 1) {
    Bytes b(n);
    std::uint32_t x = seed;
    for (auto& c : b) {
        x = x * 1103515245u + 12345u;
        c = static_cast<std::uint8_t>(x >> 16);
    }
    return b;
}

std::size_t chunks_for(std::size_t n) { return n == 0 ? 1 : (n + kAgeChunkSize - 1) / kAgeChunkSize; }

}  // namespace

TEST_CASE("age X25519 keys: the spec's example pair and Bech32 forms") {
    // age §"The X25519 recipient type" shows this identity and its recipient.
    const auto id = X25519Identity::parse("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    CHECK(id.recipient().encode() == "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
    CHECK(id.encode() == "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    CHECK(X25519Recipient::parse("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj") == id.recipient());

    const auto fresh = X25519Identity::generate();
    CHECK(X25519Identity::parse(fresh.encode()).recipient() == fresh.recipient());
    CHECK(fresh.encode().rfind("AGE-SECRET-KEY-1", 0) == 0);

    // A recipient is not an identity and vice versa; typos fail the checksum.
    CHECK(kind_of([&] { X25519Identity::parse(fresh.recipient().encode()); }) == "identity");
    CHECK(kind_of([&] { X25519Recipient::parse(fresh.encode()); }) == "recipient");
    std::string typo = fresh.recipient().encode();
    typo[10] = typo[10] == 'q' ? 'p' : 'q';
    CHECK(kind_of([&] { X25519Recipient::parse(typo); }) == "recipient");
}

TEST_CASE("age round trip at the chunk boundaries and multi-MB") {
    const auto id = X25519Identity::generate();
    const std::vector<AgeRecipient> to = {id.recipient()};
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, kAgeChunkSize - 1, kAgeChunkSize, kAgeChunkSize + 1,
                                2 * kAgeChunkSize, std::size_t{3} * 1024 * 1024 + 17}) {
        CAPTURE(n);
        const Bytes plain = pattern(n, static_cast<std::uint8_t>(n));
        const Bytes file = age_encrypt(plain, to);
        const AgeHeader h = parse_age_header(file);
        // nonce + plaintext + one tag per 64 KiB chunk (an empty payload is one empty chunk).
        CHECK(file.size() == h.payload_offset + kAgePayloadNonceSize + n + chunks_for(n) * kAgeTagSize);
        const SecretBytes back = age_decrypt(file, {id});
        CHECK(Bytes(back.view().begin(), back.view().end()) == plain);
    }
}

TEST_CASE("age: several recipients, each opens; a stranger gets no-identity") {
    const auto a = X25519Identity::generate(), b = X25519Identity::generate(), c = X25519Identity::generate();
    const Bytes plain = to_bytes("referral for one household");
    const Bytes file = age_encrypt(plain, {a.recipient(), b.recipient()});
    CHECK(parse_age_header(file).stanzas.size() == 2);
    CHECK(to_string(age_decrypt(file, {a}).view()) == "referral for one household");
    CHECK(to_string(age_decrypt(file, {b}).view()) == "referral for one household");
    CHECK(to_string(age_decrypt(file, {c, b}).view()) == "referral for one household");
    CHECK(kind_of([&] { age_decrypt(file, {c}); }) == "no-identity");
    CHECK(kind_of([&] { age_decrypt(file, {}); }) == "no-identity");
    // Two encryptions of the same input differ (fresh file key, shares and nonce).
    CHECK(age_encrypt(plain, {a.recipient()}) != age_encrypt(plain, {a.recipient()}));
}

TEST_CASE("age armor: 64-column PEM both ways") {
    const auto id = X25519Identity::generate();
    const Bytes plain = pattern(1000);
    const Bytes armored = age_encrypt(plain, {id.recipient()}, true);
    const std::string text = to_string(armored);
    CHECK(text.rfind("-----BEGIN AGE ENCRYPTED FILE-----\n", 0) == 0);
    CHECK(text.size() > 40);
    CHECK(text.substr(text.size() - 33) == "-----END AGE ENCRYPTED FILE-----\n");
    std::size_t pos = text.find('\n') + 1, lines = 0;
    while (text.compare(pos, 5, "-----") != 0) {
        const std::size_t nl = text.find('\n', pos);
        CHECK(nl - pos <= 64);
        pos = nl + 1;
        ++lines;
    }
    CHECK(lines > 1);
    CHECK(to_hex(age_decrypt(armored, {id}).view()) == to_hex(plain));
    // CRLF line ends and whitespace around the block are accepted; anything else is not.
    std::string crlf;
    for (const char ch : text) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    CHECK(to_hex(age_decrypt(as_bytes("\n  " + crlf + "  \n"), {id}).view()) == to_hex(plain));
    // Text before the block is armor gone wrong, not a binary file (CCTV armor_garbage_leading).
    CHECK(kind_of([&] { age_decrypt(as_bytes("x" + text), {id}, {}); }) == "armor");
    CHECK(kind_of([&] { age_decrypt(as_bytes("garbage\n" + text), {id}, {}); }) == "armor");
    CHECK(kind_of([&] { age_decrypt(as_bytes("not age at all"), {id}, {}); }) == "header");
    CHECK(kind_of([&] { age_decrypt(as_bytes(text + "x"), {id}); }) == "armor");
    std::string wrapped = text;
    wrapped.insert(text.find('\n') + 10, "\n");
    CHECK(kind_of([&] { age_decrypt(as_bytes(wrapped), {id}); }) == "armor");
    // The armor's own limits.
    CHECK(to_hex(age_dearmor(age_armor(plain), 1000)) == to_hex(plain));
    CHECK(kind_of([&] { age_dearmor(age_armor(plain), 999); }) == "payload-too-large");
}

TEST_CASE("age scrypt: passphrase round trip, wrong passphrase, work-factor cap, never mixed") {
    const Bytes plain = to_bytes("kiosk outbox");
    const Bytes file = age_encrypt(plain, {ScryptRecipient(as_bytes("correct horse"), 10)});
    const AgeHeader h = parse_age_header(file);
    REQUIRE(h.stanzas.size() == 1);
    CHECK(h.stanzas[0].args[0] == "scrypt");
    CHECK(h.stanzas[0].args[2] == "10");
    CHECK(to_string(age_decrypt(file, {ScryptIdentity(as_bytes("correct horse"))}).view()) == "kiosk outbox");
    CHECK(kind_of([&] { age_decrypt(file, {ScryptIdentity(as_bytes("wrong horse"))}); }) == "no-identity");
    CHECK(kind_of([&] { age_decrypt(file, {X25519Identity::generate()}); }) == "no-identity");
    // A device whose cap is below the file's factor refuses before doing any work.
    CHECK(kind_of([&] { age_decrypt(file, {ScryptIdentity(as_bytes("correct horse"))}, AgeLimits{.max_work_factor = 9}); }) ==
          "work-factor");
    // age §"scrypt recipient stanza": never combined with other recipients.
    CHECK(kind_of([&] {
              age_encrypt(plain, {ScryptRecipient(as_bytes("pw"), 10), X25519Identity::generate().recipient()});
          }) == "scrypt-mixed");
    CHECK(kind_of([&] { ScryptRecipient(as_bytes(""), 10); }) == "recipient");
    CHECK(kind_of([&] { ScryptRecipient(as_bytes("pw"), 23); }) == "work-factor");
}

TEST_CASE("age scrypt in slices: the UI flow with progress") {
    auto job = ScryptRecipient::start(as_bytes("a long passphrase"), 12);
    double last = 0;
    while (!job.job.step(500)) {
        CHECK(job.job.progress() > last);
        last = job.job.progress();
    }
    const ScryptRecipient prepared = ScryptRecipient::from_job(std::move(job));
    const Bytes file = age_encrypt(to_bytes("outbox"), {prepared});
    // The salt of a prepared recipient is for one file only.
    CHECK(kind_of([&] { age_encrypt(to_bytes("again"), {prepared}); }) == "recipient");

    AgeDecryption d(file);
    REQUIRE(d.needs_passphrase());
    CHECK(d.scrypt_params().log_n == 12);
    ScryptJob open_job = d.start_passphrase(as_bytes("a long passphrase"));
    int frames = 0;
    while (!open_job.step_for(std::chrono::milliseconds(1))) ++frames;
    CHECK(to_string(d.finish(open_job).view()) == "outbox");
    ScryptJob wrong = d.start_passphrase(as_bytes("not it"));
    wrong.run();
    CHECK(kind_of([&] { d.finish(wrong); }) == "no-identity");
    // X25519 files do not need a passphrase.
    CHECK_FALSE(AgeDecryption(age_encrypt(to_bytes("x"), {X25519Identity::generate().recipient()})).needs_passphrase());
}

TEST_CASE("age: tampering with any region of a sealed file fails, never gives wrong plaintext") {
    const auto id = X25519Identity::generate();
    const auto other = X25519Identity::generate();
    // Two recipients and two chunks, so every region exists: version line, stanza arguments
    // and bodies, MAC line, payload nonce, full chunk (body and tag), final chunk.
    const Bytes plain = pattern(kAgeChunkSize + 300);
    const Bytes file = age_encrypt(plain, {other.recipient(), id.recipient()});
    const AgeHeader h = parse_age_header(file);
    const std::size_t nonce_end = h.payload_offset + kAgePayloadNonceSize;
    const std::size_t chunk1_end = nonce_end + kAgeChunkSize + kAgeTagSize;

    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < nonce_end; ++i) positions.push_back(i);  // every header and nonce byte
    for (std::size_t i = nonce_end; i < file.size(); i += 331) positions.push_back(i);
    for (const std::size_t edge : {chunk1_end - kAgeTagSize, chunk1_end, file.size() - kAgeTagSize})
        for (std::size_t k = 0; k < kAgeTagSize; ++k) positions.push_back(edge - 8 + k);
    positions.push_back(file.size() - 1);

    std::map<std::string, int> kinds;
    for (const std::size_t pos : positions) {
        for (const std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
            Bytes t = file;
            t[pos] ^= flip;
            CAPTURE(pos);
            const std::string k = kind_of([&] { age_decrypt(t, {id}); });
            CHECK(k != "success");
            ++kinds[k];
        }
    }
    // Truncation anywhere, and bytes appended after the final chunk.
    for (const std::size_t len : {std::size_t{0}, std::size_t{10}, h.mac_covered, h.payload_offset, nonce_end - 1,
                                  nonce_end, nonce_end + 5, chunk1_end - 1, chunk1_end, chunk1_end + 1,
                                  file.size() - 1}) {
        CAPTURE(len);
        const std::string k = kind_of([&] { age_decrypt(ByteView(file).first(len), {id}); });
        CHECK(k != "success");
        ++kinds[k];
    }
    // A byte appended to a short final chunk makes that chunk fail; after a full-length
    // final chunk it is recognised as trailing data.
    Bytes longer = file;
    longer.push_back(0);
    CHECK(kind_of([&] { age_decrypt(longer, {id}); }) == "payload-auth");
    Bytes full = age_encrypt(pattern(kAgeChunkSize), {id.recipient()});
    full.push_back(0);
    CHECK(kind_of([&] { age_decrypt(full, {id}); }) == "payload-trailing");
    // The failures spread over the classes they should.
    for (const char* k : {"header", "header-base64", "header-mac", "no-identity", "payload-auth", "payload-truncated",
                          "header-truncated"}) {
        CAPTURE(k);
        CHECK(kinds[k] > 0);
    }
}

TEST_CASE("age limits: header and payload caps") {
    const auto id = X25519Identity::generate();
    const Bytes file = age_encrypt(pattern(5000), {id.recipient()});
    CHECK(kind_of([&] { age_decrypt(file, {id}, AgeLimits{.max_payload_bytes = 4999}); }) == "payload-too-large");
    CHECK(kind_of([&] { age_decrypt(file, {id}, AgeLimits{.max_payload_bytes = 5000}); }) == "success");
    CHECK(kind_of([&] { age_decrypt(file, {id}, AgeLimits{.max_header_bytes = 40}); }) == "header-too-large");
    // A header of many unknown stanzas beyond the cap.
    std::string big = "age-encryption.org/v1\n";
    while (big.size() < 70 * 1024) big += "-> grease x\n\n";
    CHECK(kind_of([&] { age_decrypt(as_bytes(big), {id}); }) == "header-too-large");
}

TEST_CASE("age identity files as age-keygen writes them") {
    const auto id = X25519Identity::generate();
    const std::string file = format_age_identity_file(id, "2025-01-02T03:04:05Z");
    CHECK(file.rfind("# created: 2025-01-02T03:04:05Z\n# public key: age1", 0) == 0);
    const auto ids = parse_age_identity_file(file, "key.txt");
    REQUIRE(ids.size() == 1);
    CHECK(ids[0].recipient() == id.recipient());
    // CRLF, blank lines and several keys.
    const auto id2 = X25519Identity::generate();
    const auto two = parse_age_identity_file("# a\r\n" + id.encode() + "\r\n\r\n" + id2.encode() + "\n", "k");
    CHECK(two.size() == 2);
    CHECK_THROWS_WITH_AS(parse_age_identity_file("# only comments\n", "k.txt"), doctest::Contains("no identity"), Error);
    CHECK_THROWS_WITH_AS(parse_age_identity_file(id.encode() + "\nnot a key\n", "k.txt"), doctest::Contains("k.txt:2"),
                         Error);
    CHECK_THROWS_AS(parse_age_identity_file("AGE-PLUGIN-YUBIKEY-1XXXX\n", "k.txt"), Error);
}
