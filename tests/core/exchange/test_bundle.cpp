#include "core/crypto/age_armor.hpp"
#include "core/exchange/bundle.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"
#include "core/exchange/keyset.hpp"

#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>

using namespace safetynet::core;
using safetynet::test::data_path;
using safetynet::test::field;
using safetynet::test::kind_of;
using safetynet::test::read_test_file;

namespace {

const std::string kFhir = R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"ServiceRequest","status":"active"}}]})";

struct StockVector {
    std::map<std::string, std::string> keys;
    std::string file;
};

StockVector stock_vector() {
    const std::string all = read_test_file(data_path("bundle_stock_v1.txt"));
    const std::size_t split = all.find("\n\n");
    StockVector v;
    v.file = all.substr(split + 2);
    std::istringstream hdr(all.substr(0, split));
    std::string line;
    while (std::getline(hdr, line)) v.keys[line.substr(0, line.find(": "))] = line.substr(line.find(": ") + 2);
    return v;
}

BundleHeader header_for(const KeySet& ks, const std::string& id = new_bundle_id()) {
    return BundleHeader{BundleKind::Referral, id, "2025-06-01T14:30:00Z", ks.contact_card()};
}

// A plaintext signed by `signer` over arbitrary header/body text (to test what a forger or a
// careless writer could produce).
std::string signed_text(const std::string& message, const MinisignSecretKey& signer, const std::string& trusted_comment) {
    return message + minisign_sign(signer, as_bytes(message), trusted_comment, "x").to_text();
}

std::string message_for(const KeySet& ks, const std::string& id, const std::string& body, const std::string& kind = "referral") {
    return "safetynet-bundle/v1\nkind: " + kind + "\nid: " + id + "\ncreated: 2025-06-01T14:30:00Z\nsender: " + ks.name +
           "\nsender-recipient: " + ks.age_identity.recipient().encode() +
           "\nsender-key: " + ks.signing_key.public_key().to_base64() +
           "\ncontent-type: application/fhir+json\ncontent-length: " + std::to_string(body.size()) + "\n\n" + body + "\n";
}

}  // namespace

TEST_CASE("bundle: the test vector made with stock age and minisign opens as documented") {
    const StockVector v = stock_vector();
    const auto receiver = X25519Identity::parse(v.keys.at("identity"));
    const auto sender = X25519Identity::parse(v.keys.at("sender-identity"));
    const ContactCard sender_card{v.keys.at("sender"), sender.recipient(), MinisignPublicKey::parse(v.keys.at("trusted-key"))};

    SeenLedger ledger;
    const OpenedBundle b = open_bundle(as_bytes(v.file), {receiver}, {sender_card}, &ledger);
    CHECK(b.trust == BundleTrust::Trusted);
    CHECK(bundle_kind_name(b.header.kind) == v.keys.at("kind"));
    CHECK(b.header.id == v.keys.at("id"));
    CHECK(b.header.created == v.keys.at("created"));
    CHECK(b.header.sender.name == v.keys.at("sender"));
    CHECK(b.header.sender.recipient == sender.recipient());
    CHECK(to_hex(sha256(as_bytes(b.fhir_json))) == v.keys.at("content-sha256"));
    CHECK(b.digest == v.keys.at("plaintext-sha256"));
    CHECK(b.signer_key_id == sender_card.signing_key.key_id_hex());
    CHECK(b.signer_fingerprint == sender_card.fingerprint());

    // The sender reopens what it sent (it is a recipient too).
    CHECK(open_bundle(as_bytes(v.file), {sender}, {sender_card}, nullptr).trust == BundleTrust::Trusted);
    // Unknown signer: reported with its key id and fingerprint, no content released.
    const OpenedBundle u = open_bundle(as_bytes(v.file), {receiver}, {}, &ledger);
    CHECK(u.trust == BundleTrust::UnknownSigner);
    CHECK(u.fhir_json.empty());
    CHECK(u.signer_fingerprint == sender_card.fingerprint());
    CHECK(u.header.sender.name == "Eastside Community Clinic");
}

TEST_CASE("bundle: seal to the receiver and to the sender; replay refused, first import kept") {
    const KeySet clinic = KeySet::generate("Eastside Community Clinic");
    const KeySet pantry = KeySet::generate("Northside Food Pantry");
    const std::string id = new_bundle_id();
    CHECK(id.size() == 36);
    CHECK(id[14] == '4');
    const Bytes sealed = seal_bundle(header_for(clinic, id), kFhir, clinic.signing_key,
                                     {pantry.age_identity.recipient(), clinic.age_identity.recipient()}, true);
    CHECK(age_is_armored(sealed));

    SeenLedger ledger;
    OpenedBundle first = open_bundle(sealed, {pantry.age_identity}, {clinic.contact_card()}, &ledger);
    REQUIRE(first.trust == BundleTrust::Trusted);
    CHECK(first.fhir_json == kFhir);
    CHECK(first.trusted_contact->name == "Eastside Community Clinic");
    CHECK(record_import(ledger, first));
    const std::string saved = ledger.to_json();

    // The same file again, and a new file reusing the id: both refused, ledger unchanged.
    const OpenedBundle again = open_bundle(sealed, {pantry.age_identity}, {clinic.contact_card()}, &ledger);
    CHECK(again.trust == BundleTrust::Replay);
    CHECK(again.fhir_json.empty());
    CHECK_FALSE(record_import(ledger, again));
    const Bytes reused = seal_bundle(header_for(clinic, id), R"({"resourceType":"Bundle","type":"collection"})",
                                     clinic.signing_key, {pantry.age_identity.recipient()});
    CHECK(open_bundle(reused, {pantry.age_identity}, {clinic.contact_card()}, &ledger).trust == BundleTrust::Replay);
    CHECK(ledger.to_json() == saved);
    const SeenLedger reloaded = SeenLedger::from_json(saved);
    CHECK(reloaded.size() == 1);
    REQUIRE(reloaded.find(first.signer_key_id, id) != nullptr);
    CHECK(reloaded.find(first.signer_key_id, id)->digest == first.digest);
    // Another sender may use the same id: ids are per signer.
    const Bytes other = seal_bundle(header_for(pantry, id), kFhir, pantry.signing_key, {clinic.age_identity.recipient()});
    CHECK(open_bundle(other, {clinic.age_identity}, {pantry.contact_card()}, &ledger).trust == BundleTrust::Trusted);
    // The sender opens its own copy.
    CHECK(open_bundle(sealed, {clinic.age_identity}, {clinic.contact_card()}, nullptr).fhir_json == kFhir);
    // A third party that is not a recipient cannot.
    CHECK(kind_of([&] { open_bundle(sealed, {X25519Identity::generate()}, {clinic.contact_card()}, nullptr); }) ==
          "no-identity");
    first.wipe();
    CHECK(first.fhir_json.empty());
}

TEST_CASE("bundle: signature checks") {
    const KeySet clinic = KeySet::generate("Clinic");
    const KeySet mallory = KeySet::generate("Mallory");
    const std::string id = "referral-1";
    const std::string good = to_string(make_bundle_plaintext(header_for(clinic, id), kFhir, clinic.signing_key).view());
    CHECK(read_bundle_plaintext(as_bytes(good), {clinic.contact_card()}, nullptr).trust == BundleTrust::Trusted);

    SUBCASE("a changed byte in the header or the content breaks the signature") {
        for (const std::size_t at : {good.find("kind: ") + 6 + 1, good.find("id: ") + 4, good.find("ServiceRequest")}) {
            std::string t = good;
            t[at] = t[at] == 'e' ? 'E' : 'e';
            CAPTURE(at);
            CHECK(kind_of([&] { read_bundle_plaintext(as_bytes(t), {clinic.contact_card()}, nullptr); }) != "success");
        }
        std::string t = good;
        t[good.find("ServiceRequest")] = 's';
        CHECK(kind_of([&] { read_bundle_plaintext(as_bytes(t), {clinic.contact_card()}, nullptr); }) == "bad-signature");
    }
    SUBCASE("someone else's signature over a header naming the clinic") {
        // Mallory signs, but claims to be the clinic (sender-key = clinic's): key ids differ.
        std::string msg = message_for(clinic, id, kFhir);
        const std::string t = signed_text(msg, mallory.signing_key, "safetynet-bundle/v1 referral " + id + " 2025-06-01T14:30:00Z");
        CHECK(kind_of([&] { read_bundle_plaintext(as_bytes(t), {clinic.contact_card()}, nullptr); }) == "bad-signature");
    }
    SUBCASE("a valid signature by an untrusted key is an unknown signer, not an error") {
        const std::string t = signed_text(message_for(mallory, id, kFhir), mallory.signing_key,
                                          "safetynet-bundle/v1 referral " + id + " 2025-06-01T14:30:00Z");
        const auto b = read_bundle_plaintext(as_bytes(t), {clinic.contact_card()}, nullptr);
        CHECK(b.trust == BundleTrust::UnknownSigner);
        CHECK(b.signer_fingerprint == mallory.contact_card().fingerprint());
        CHECK(b.signer_key_id == mallory.signing_key.public_key().key_id_hex());
    }
    SUBCASE("the trusted comment must restate kind, id and created") {
        const std::string t = signed_text(message_for(clinic, id, kFhir), clinic.signing_key,
                                          "safetynet-bundle/v1 referral other-id 2025-06-01T14:30:00Z");
        CHECK(kind_of([&] { read_bundle_plaintext(as_bytes(t), {clinic.contact_card()}, nullptr); }) == "bundle");
    }
    SUBCASE("sealing with a key that is not the sender's") {
        CHECK(kind_of([&] { make_bundle_plaintext(header_for(clinic), kFhir, mallory.signing_key); }) == "bundle");
    }
}

TEST_CASE("bundle: malformed plaintext and hostile sizes") {
    const KeySet ks = KeySet::generate("Clinic");
    const std::string tc = "safetynet-bundle/v1 referral b1 2025-06-01T14:30:00Z";
    auto read = [&](const std::string& text, const BundleLimits& limits = {}) {
        return kind_of([&] { read_bundle_plaintext(as_bytes(text), {ks.contact_card()}, nullptr, limits); });
    };
    const std::string msg = message_for(ks, "b1", kFhir);
    CHECK(read(signed_text(msg, ks.signing_key, tc)) == "success");

    CHECK(read("") == "bundle");
    CHECK(read("safetynet-bundle/v2\n") == "bundle");
    CHECK(read(msg) == "bundle");  // no signature
    CHECK(read(signed_text(msg, ks.signing_key, tc) + "x") == "bundle");
    CHECK(read(signed_text(msg, ks.signing_key, tc) + "more\n") == "bundle");
    std::string swapped = msg;
    swapped.replace(swapped.find("kind: referral\nid: b1"), 21, "id: b1\nkind: referral");
    CHECK(read(signed_text(swapped, ks.signing_key, tc)) == "bundle");
    std::string zero = msg;
    zero.replace(zero.find("content-length: "), 16, "content-length: 0");
    CHECK(read(signed_text(zero, ks.signing_key, tc)) == "bundle");
    std::string huge = msg;
    huge.replace(huge.find("content-length: ") + 16, std::to_string(kFhir.size()).size(), "9999999999");
    CHECK(read(signed_text(huge, ks.signing_key, tc)) == "bundle-content");
    CHECK(read(signed_text(message_for(ks, "b1", kFhir, "invoice"), ks.signing_key, tc)) == "bundle");
    CHECK(read(signed_text(message_for(ks, "b/1", kFhir), ks.signing_key, tc)) == "bundle");

    // The content: JSON, an object, a FHIR Bundle, not too deep, not too large.
    auto content = [&](const std::string& body, const BundleLimits& limits = {}) {
        return read(signed_text(message_for(ks, "b1", body), ks.signing_key, tc), limits);
    };
    CHECK(content("{not json") == "bundle-content");
    CHECK(content("[1,2]") == "bundle-content");
    CHECK(content(R"({"resourceType":"Patient"})") == "bundle-content");
    CHECK(content(R"({"entry":{"resourceType":"Bundle"}})") == "bundle-content");
    std::string deep = R"({"resourceType":"Bundle","x":)";
    for (int i = 0; i < 100; ++i) deep += "[";
    for (int i = 0; i < 100; ++i) deep += "]";
    deep += "}";
    CHECK(content(deep) == "bundle-content");
    CHECK(content(deep, BundleLimits{.max_json_depth = 200}) == "success");
    CHECK(content(kFhir, BundleLimits{.max_content_bytes = kFhir.size() - 1}) == "bundle-content");
    CHECK(kind_of([&] { make_bundle_plaintext(header_for(ks), "[]", ks.signing_key); }) == "bundle-content");
    CHECK(kind_of([&] {
              make_bundle_plaintext(BundleHeader{BundleKind::Referral, "id", "2025-13-01T00:00:00Z", ks.contact_card()}, kFhir,
                                    ks.signing_key);
          }) == "bundle");
}

TEST_CASE("bundle kinds and ids") {
    for (const auto k : {BundleKind::Screening, BundleKind::Referral, BundleKind::StatusUpdate})
        CHECK(parse_bundle_kind(bundle_kind_name(k)) == k);
    CHECK_FALSE(parse_bundle_kind("Referral").has_value());
    CHECK(new_bundle_id() != new_bundle_id());
    CHECK(is_bundle_plaintext(as_bytes("safetynet-bundle/v1\nkind: x")));
    CHECK_FALSE(is_bundle_plaintext(as_bytes("safetynet-bundle/v10\n")));
}

TEST_CASE("seen ledger: malformed JSON refused") {
    CHECK(kind_of([] { SeenLedger::from_json("{"); }) == "ledger");
    CHECK(kind_of([] { SeenLedger::from_json(R"({"safetynet_seen_ledger":2,"entries":[]})"); }) == "ledger");
    CHECK(kind_of([] {
              SeenLedger::from_json(R"({"safetynet_seen_ledger":1,"entries":[{"signer":"A","id":"1","created":"c","digest":"d"},)"
                                    R"({"signer":"A","id":"1","created":"c","digest":"d"}]})");
          }) == "ledger");
    CHECK(SeenLedger::from_json(R"({"safetynet_seen_ledger":1,"entries":[]})").size() == 0);
}
