#pragma once
// A contact card: what an organization publishes so others can send it referrals and trust
// what it sends: its name, its age recipient (to encrypt to it), its minisign public key (to
// verify its signatures), and a fingerprint of both keys that two people can compare by eye
// or read aloud over the phone before trusting the card.
#include "core/crypto/age_x25519.hpp"
#include "core/crypto/minisign.hpp"

#include <string>
#include <string_view>

namespace safetynet::core {

// Eight groups of five digits ("40215 88120 …"): BLAKE2b over a label and both public keys,
// 40 bytes cut into 5-byte numbers taken modulo 100000 (about 132 bits in all, far beyond
// what a forger can search for a matching card). Digits read aloud in any language.
std::string contact_fingerprint(const X25519Recipient& recipient, const MinisignPublicKey& signing_key);

struct ContactCard {
    std::string name;
    X25519Recipient recipient;
    MinisignPublicKey signing_key;

    std::string fingerprint() const { return contact_fingerprint(recipient, signing_key); }
    // {"safetynet_contact": 1, "name": …, "age_recipient": "age1…", "minisign_public_key": "RW…",
    //  "fingerprint": "…"}
    std::string to_json() const;
    // Throws core::Error("contact-card") when malformed, or when the card's fingerprint does not
    // match its keys (an edited card).
    static ContactCard parse(std::string_view json);
};

// A display name: 1 to 200 bytes of UTF-8 without control characters. Throws
// core::Error(kind, field) otherwise.
void check_display_name(std::string_view name, const char* kind, const char* field);

}  // namespace safetynet::core
