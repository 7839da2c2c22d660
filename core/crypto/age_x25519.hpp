#pragma once
// The age X25519 recipient type (age §"The X25519 recipient type"): identities are 32 random
// bytes written as Bech32 "AGE-SECRET-KEY-1…", recipients the X25519 public key as "age1…".
#include "core/crypto/age_header.hpp"
#include "core/base/bytes.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

class X25519Recipient {
public:
    // Throws core::Error("recipient") unless `text` is a Bech32 "age1…" key of 32 bytes.
    static X25519Recipient parse(std::string_view text);
    X25519Recipient() = default;  // all zeros: a placeholder, never a usable recipient
    explicit X25519Recipient(const std::array<std::uint8_t, 32>& public_key) : m_public_key(public_key) {}

    std::string encode() const;  // "age1…"
    const std::array<std::uint8_t, 32>& public_key() const { return m_public_key; }

    // A stanza "-> X25519 <ephemeral share>" wrapping the 16-byte file key.
    Stanza wrap(const SecretBytes& file_key) const;

    bool operator==(const X25519Recipient& other) const { return m_public_key == other.m_public_key; }

private:
    std::array<std::uint8_t, 32> m_public_key{};
};

class X25519Identity {
public:
    static X25519Identity generate();
    // Throws core::Error("identity") unless `text` is a Bech32 "AGE-SECRET-KEY-1…" key.
    static X25519Identity parse(std::string_view text);
    explicit X25519Identity(ByteView secret_key);

    // "AGE-SECRET-KEY-1…" in uppercase, as age-keygen writes it. A secret: wipe it after use.
    std::string encode() const;
    X25519Recipient recipient() const;

    // age §"X25519 recipient stanza": tries every X25519 stanza; nullopt when none is addressed
    // to this identity. Throws core::Error("stanza") for a malformed X25519 stanza and
    // ("low-order-share") when the shared secret is all zeros, as the spec requires.
    std::optional<SecretBytes> unwrap(const std::vector<Stanza>& stanzas) const;

private:
    SecretBytes m_secret;  // 32 bytes
};

// An identity file as age-keygen writes it: "# …" comment lines, blank lines, and one
// "AGE-SECRET-KEY-1…" per line. Throws core::Error("identity") naming the line otherwise.
std::vector<X25519Identity> parse_age_identity_file(std::string_view text, std::string_view file_name);
// The same form: "# created: …", "# public key: age1…", then the key.
std::string format_age_identity_file(const X25519Identity& identity, std::string_view created_rfc3339);

}  // namespace safetynet::core
