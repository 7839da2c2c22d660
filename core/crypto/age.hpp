#pragma once
// age v1 (C2SP age, age-encryption.org/v1) on libsodium: X25519 and scrypt recipients,
// several recipients per file, the header MAC, the 64 KiB STREAM payload and the ASCII
// armor. Files made here open with the stock `age -d`, and `age -e` files open here.
//
// Failures throw core::Error with a kind from core/crypto/age_errors.hpp (armor, header,
// header-mac, no-identity, payload-auth, ...). Decryption is all or nothing: no plaintext
// is returned unless the whole payload authenticated.
//
// The pieces: core/crypto/age_header.hpp (header), core/crypto/age_stream.hpp (payload),
// core/crypto/age_armor.hpp (armor), core/crypto/age_x25519.hpp and core/crypto/age_scrypt.hpp (recipient types).
#include "core/crypto/age_header.hpp"
#include "core/crypto/age_scrypt.hpp"
#include "core/crypto/age_x25519.hpp"
#include "core/base/bytes.hpp"
#include "core/crypto/scrypt.hpp"
#include "core/base/secret.hpp"

#include <cstddef>
#include <variant>
#include <vector>

namespace safetynet::core {

using AgeRecipient = std::variant<X25519Recipient, ScryptRecipient>;
using AgeIdentity = std::variant<X25519Identity, ScryptIdentity>;

struct AgeLimits {
    std::size_t max_header_bytes = kAgeDefaultMaxHeaderBytes;
    // Plaintext cap: everything is held in memory, so a hostile file must not be able to ask
    // for more. 256 MiB is far beyond any referral bundle.
    std::size_t max_payload_bytes = std::size_t{256} << 20;
    int max_work_factor = scrypt_default_max_log_n();
};

// Encrypts to every recipient (an scrypt recipient must be the only one, age §"scrypt
// recipient stanza"); binary, or ASCII-armored when `armor`.
Bytes age_encrypt(ByteView plaintext, const std::vector<AgeRecipient>& recipients, bool armor = false);

// Decrypts a binary or armored file with the first identity that unwraps the file key.
SecretBytes age_decrypt(ByteView file, const std::vector<AgeIdentity>& identities, const AgeLimits& limits = {});

// Decryption in steps, for the UI: parse first (armor and header errors show at once), then
// either decrypt with identities or, for a passphrase file, run the scrypt job a slice per
// frame and finish with it.
// How to read the input: detect (armor if it starts, after whitespace, with "-----"), or force.
enum class AgeEncoding { Detect, Binary, Armored };

class AgeDecryption {
public:
    explicit AgeDecryption(ByteView file, const AgeLimits& limits = {}, AgeEncoding encoding = AgeEncoding::Detect);

    bool armored() const { return m_armored; }
    const AgeHeader& header() const { return m_header; }
    // True when the file is passphrase-encrypted (its only stanza is scrypt).
    bool needs_passphrase() const { return m_scrypt.has_value(); }
    // The validated scrypt stanza (work factor already checked against the limit).
    const ScryptStanzaParams& scrypt_params() const;

    // The job deriving the wrap key from `passphrase`; step it, then call finish().
    ScryptJob start_passphrase(ByteView passphrase) const;
    SecretBytes finish(const ScryptJob& done_job) const;

    SecretBytes decrypt(const std::vector<AgeIdentity>& identities) const;

    // For conformance tests only: like decrypt(), but on a payload failure `released` keeps
    // the plaintext of the chunks that authenticated before it (what a streaming reader
    // would have handed out). Production code must never use partial plaintext.
    void decrypt_streaming(const std::vector<AgeIdentity>& identities, Bytes& released) const;

private:
    SecretBytes unwrap(const std::vector<AgeIdentity>& identities) const;
    void open_payload(const SecretBytes& file_key, Bytes& released) const;

    Bytes m_binary;
    bool m_armored = false;
    AgeLimits m_limits;
    AgeHeader m_header;
    std::optional<ScryptStanzaParams> m_scrypt;
};

}  // namespace safetynet::core
