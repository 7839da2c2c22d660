#include "core/crypto/age.hpp"
#include "core/base/error.hpp"
#include "core/exchange/keyset.hpp"
#include "core/base/utc_time.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <regex>

using namespace safetynet::core;
using safetynet::test::kind_of;

TEST_CASE("key set: secret text round trip, encrypted export and import") {
    const KeySet ks = KeySet::generate("Eastside Community Clinic — Clínica");
    CHECK(is_utc_rfc3339(ks.created));
    const SecretBytes text = ks.to_secret_text();
    CHECK(to_string(text.view()).rfind("safetynet-keyset/v1\nname: Eastside", 0) == 0);
    const KeySet back = KeySet::parse_secret_text(text.view());
    CHECK(back.name == ks.name);
    CHECK(back.created == ks.created);
    CHECK(back.age_identity.recipient() == ks.age_identity.recipient());
    CHECK(back.signing_key.public_key() == ks.signing_key.public_key());

    const Bytes file = ks.export_encrypted(as_bytes("a long passphrase"), 10);
    CHECK(looks_like_age_file(file));
    AgeDecryption d(file);
    CHECK(d.armored());
    CHECK(d.needs_passphrase());
    const KeySet imported = KeySet::import_encrypted(file, as_bytes("a long passphrase"));
    CHECK(imported.signing_key.public_key() == ks.signing_key.public_key());
    CHECK(imported.age_identity.recipient() == ks.age_identity.recipient());
    CHECK(kind_of([&] { KeySet::import_encrypted(file, as_bytes("wrong")); }) == "no-identity");

    // The UI path: a stepped job, then the plaintext.
    ScryptJob job = d.start_passphrase(as_bytes("a long passphrase"));
    while (!job.step(64)) {
    }
    CHECK(KeySet::parse_secret_text(d.finish(job).view()).name == ks.name);
}

TEST_CASE("key set: malformed secret text names the line") {
    const KeySet ks = KeySet::generate("Clinic");
    std::string t = to_string(ks.to_secret_text().view());
    CHECK(kind_of([&] { KeySet::parse_secret_text(as_bytes(t.substr(0, t.size() - 1))); }) == "keyset");
    std::string renamed = t;
    renamed.replace(renamed.find("name: "), 6, "nom: ");
    CHECK_THROWS_WITH_AS(KeySet::parse_secret_text(as_bytes(renamed)), doctest::Contains("line 2"), Error);
    std::string bad_key = t;
    bad_key[bad_key.find("AGE-SECRET-KEY-1") + 20] ^= 1;
    CHECK(kind_of([&] { KeySet::parse_secret_text(as_bytes(bad_key)); }) == "keyset");
    CHECK(kind_of([&] { KeySet::generate(""); }) == "keyset");
    CHECK(kind_of([&] { KeySet::generate("two\nlines"); }) == "keyset");
    CHECK(kind_of([&] { KeySet::generate("bad \xff utf8"); }) == "keyset");
}

TEST_CASE("key set: made at the time the caller's clock gives, kept through the secret text") {
    const KeySet ks = KeySet::generate("Clinic", "2026-11-18T11:06:40Z");
    CHECK(ks.created == "2026-11-18T11:06:40Z");
    CHECK(KeySet::parse_secret_text(ks.to_secret_text().view()).created == "2026-11-18T11:06:40Z");
    CHECK(kind_of([&] { KeySet::generate("Clinic", "2026-11-18 11:06"); }) == "keyset");
}

TEST_CASE("contact card: JSON round trip and a fingerprint to read aloud") {
    const KeySet ks = KeySet::generate("Northside Food Pantry");
    const ContactCard card = ks.contact_card();
    const std::string fp = card.fingerprint();
    CHECK(std::regex_match(fp, std::regex("^[0-9]{5}( [0-9]{5}){7}$")));
    const ContactCard back = ContactCard::parse(card.to_json());
    CHECK(back.name == card.name);
    CHECK(back.recipient == card.recipient);
    CHECK(back.signing_key == card.signing_key);
    CHECK(back.fingerprint() == fp);

    // Either key changing changes the fingerprint; an edited card is refused.
    const KeySet other = KeySet::generate("x");
    CHECK(contact_fingerprint(other.age_identity.recipient(), card.signing_key) != fp);
    CHECK(contact_fingerprint(card.recipient, other.signing_key.public_key()) != fp);
    std::string edited = card.to_json();
    const std::string theirs = card.recipient.encode(), mine = other.age_identity.recipient().encode();
    edited.replace(edited.find(theirs), theirs.size(), mine);
    CHECK(kind_of([&] { ContactCard::parse(edited); }) == "contact-card");
    CHECK(kind_of([] { ContactCard::parse("[]"); }) == "contact-card");
    CHECK(kind_of([] { ContactCard::parse(R"({"safetynet_contact":1,"name":"x"})"); }) == "contact-card");
}

TEST_CASE("UTC timestamps") {
    CHECK(format_utc_rfc3339(std::chrono::system_clock::time_point{}) == "1970-01-01T00:00:00Z");
    CHECK(format_utc_rfc3339(std::chrono::system_clock::time_point{std::chrono::seconds{951782400}}) ==
          "2000-02-29T00:00:00Z");
    CHECK(is_utc_rfc3339(utc_now_rfc3339()));
    CHECK(is_utc_rfc3339("2024-02-29T23:59:59Z"));
    CHECK_FALSE(is_utc_rfc3339("2023-02-29T00:00:00Z"));
    CHECK_FALSE(is_utc_rfc3339("2024-02-29 23:59:59Z"));
    CHECK_FALSE(is_utc_rfc3339("2024-02-29T23:59:59+00:00"));
    CHECK_FALSE(is_utc_rfc3339("2024-00-10T00:00:00Z"));
}

TEST_CASE("contact fingerprints match an independent implementation (fingerprint.py)") {
    const auto blocks =
        safetynet::test::read_vector_blocks(safetynet::test::data_path("fingerprint_vectors.txt"));
    REQUIRE(blocks.size() == 2);
    for (const auto& b : blocks) {
        const auto r = X25519Recipient::parse(safetynet::test::field(b, "recipient"));
        const auto k = MinisignPublicKey::parse(safetynet::test::field(b, "minisign-key"));
        CHECK(contact_fingerprint(r, k) == safetynet::test::field(b, "fingerprint"));
    }
}
