// The age X25519 recipient type (age §"The X25519 recipient type").
#include "core/crypto/age_x25519.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/base64.hpp"
#include "core/crypto/bech32.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include <sodium.h>

namespace safetynet::core {

namespace {

// age §"The X25519 recipient type": HRPs and the HKDF info string.
constexpr std::string_view kRecipientHrp = "age";
constexpr std::string_view kIdentityHrp = "age-secret-key-";
constexpr std::string_view kX25519Info = "age-encryption.org/v1/X25519";
// The stanza body is ChaCha20-Poly1305 of the 16-byte file key: 16 + 16 bytes.
constexpr std::size_t kFileKeySize = 16;
constexpr std::size_t kWrappedSize = kFileKeySize + crypto_aead_chacha20poly1305_ietf_ABYTES;

// wrap key = HKDF-SHA-256(ikm = shared secret, salt = ephemeral share || recipient, info)
SecretBytes wrap_key(const SecretBytes& shared, ByteView share, ByteView recipient) {
    Bytes salt(share.begin(), share.end());
    salt.insert(salt.end(), recipient.begin(), recipient.end());
    return hkdf_sha256(shared.view(), salt, kX25519Info, 32);
}

}  // namespace

X25519Recipient X25519Recipient::parse(std::string_view text) {
    Bech32Bytes b;
    try {
        b = bech32_decode(text);
    } catch (const Error& e) {
        throw Error(age_error::kRecipient, std::string(text.substr(0, 12)), "not an age recipient: " + e.message());
    }
    if (b.hrp != kRecipientHrp || b.data.size() != 32)
        throw Error(age_error::kRecipient, std::string(text.substr(0, 12)), "not an age X25519 recipient (age1…)");
    std::array<std::uint8_t, 32> pk{};
    std::copy(b.data.begin(), b.data.end(), pk.begin());
    return X25519Recipient(pk);
}

std::string X25519Recipient::encode() const { return bech32_encode(kRecipientHrp, m_public_key); }

Stanza X25519Recipient::wrap(const SecretBytes& file_key) const {
    ensure_sodium();
    // A new ephemeral secret for every stanza of every file (age §"X25519 recipient stanza").
    SecretBytes ephemeral(32);
    randombytes_buf(ephemeral.data(), ephemeral.size());
    std::array<std::uint8_t, 32> share{};
    crypto_scalarmult_base(share.data(), ephemeral.data());
    SecretBytes shared(32);
    if (crypto_scalarmult(shared.data(), ephemeral.data(), m_public_key.data()) != 0)
        throw Error(age_error::kRecipient, encode().substr(0, 12), "the recipient is a low-order point");
    const SecretBytes key = wrap_key(shared, share, m_public_key);
    // The nonce is fixed at zero: each wrap key encrypts exactly one message.
    const std::array<std::uint8_t, 12> zero_nonce{};
    Stanza s;
    s.args = {"X25519", base64_encode(share, Base64Padding::Unpadded)};
    s.body.resize(kWrappedSize);
    crypto_aead_chacha20poly1305_ietf_encrypt(s.body.data(), nullptr, file_key.data(), file_key.size(), nullptr, 0,
                                              nullptr, zero_nonce.data(), key.data());
    return s;
}

X25519Identity X25519Identity::generate() {
    ensure_sodium();
    SecretBytes sk(32);
    randombytes_buf(sk.data(), sk.size());
    return X25519Identity(sk.view());
}

X25519Identity::X25519Identity(ByteView secret_key) : m_secret(secret_key) {
    ensure_sodium();
    if (secret_key.size() != 32) throw Error(age_error::kIdentity, "", "an X25519 identity is 32 bytes");
}

X25519Identity X25519Identity::parse(std::string_view text) {
    Bech32Bytes b;
    try {
        b = bech32_decode(text);
    } catch (const Error& e) {
        throw Error(age_error::kIdentity, "", "not an age identity: " + e.message());
    }
    const SecretBytes key{ByteView(b.data)};
    secure_wipe(b.data);
    if (b.hrp != kIdentityHrp || key.size() != 32)
        throw Error(age_error::kIdentity, "", "not an age X25519 identity (AGE-SECRET-KEY-1…)");
    return X25519Identity(key.view());
}

std::string X25519Identity::encode() const {
    std::string s = bech32_encode(kIdentityHrp, m_secret.view());
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

X25519Recipient X25519Identity::recipient() const {
    std::array<std::uint8_t, 32> pk{};
    crypto_scalarmult_base(pk.data(), m_secret.data());
    return X25519Recipient(pk);
}

std::optional<SecretBytes> X25519Identity::unwrap(const std::vector<Stanza>& stanzas) const {
    const auto me = recipient().public_key();
    for (std::size_t i = 0; i < stanzas.size(); ++i) {
        const Stanza& s = stanzas[i];
        // Stanzas of other types are not ours to judge (age §"Recipient stanza").
        if (s.args.empty() || s.args[0] != "X25519") continue;
        const std::string where = "header stanza " + std::to_string(i + 1);
        if (s.args.size() != 2) throw Error(age_error::kStanza, where, "an X25519 stanza has exactly one argument");
        const auto share = base64_decode(s.args[1], Base64Padding::Unpadded);
        if (!share) throw Error(age_error::kHeaderBase64, where, "the X25519 share is not canonical base64");
        if (share->size() != 32) throw Error(age_error::kStanza, where, "the X25519 share is not 32 bytes");
        // Checked before decrypting, against partitioning oracles (age §"X25519 recipient stanza").
        if (s.body.size() != kWrappedSize)
            throw Error(age_error::kStanza, where, "the X25519 stanza body is not 32 bytes");
        SecretBytes shared(32);
        // libsodium returns -1 for an all-zero result, which the spec says to abort on.
        if (crypto_scalarmult(shared.data(), m_secret.data(), share->data()) != 0)
            throw Error(age_error::kLowOrder, where, "the X25519 share is a low-order point");
        const SecretBytes key = wrap_key(shared, *share, me);
        const std::array<std::uint8_t, 12> zero_nonce{};
        SecretBytes file_key(kFileKeySize);
        if (crypto_aead_chacha20poly1305_ietf_decrypt(file_key.data(), nullptr, nullptr, s.body.data(), s.body.size(),
                                                      nullptr, 0, zero_nonce.data(), key.data()) == 0)
            return file_key;
    }
    return std::nullopt;
}

std::vector<X25519Identity> parse_age_identity_file(std::string_view text, std::string_view file_name) {
    std::vector<X25519Identity> out;
    std::size_t pos = 0, line_no = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        const std::string where = std::string(file_name) + ":" + std::to_string(line_no);
        if (line.rfind("AGE-PLUGIN-", 0) == 0)
            throw Error(age_error::kIdentity, where, "age plugin identities are not supported");
        try {
            out.push_back(X25519Identity::parse(line));
        } catch (const Error& e) {
            throw Error(age_error::kIdentity, where, e.message());
        }
    }
    if (out.empty()) throw Error(age_error::kIdentity, std::string(file_name), "no identity in the file");
    return out;
}

std::string format_age_identity_file(const X25519Identity& identity, std::string_view created_rfc3339) {
    std::string out = "# created: " + std::string(created_rfc3339) + "\n";
    out += "# public key: " + identity.recipient().encode() + "\n";
    out += identity.encode() + "\n";
    return out;
}

}  // namespace safetynet::core
