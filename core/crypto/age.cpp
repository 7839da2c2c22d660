// age v1 encryption and decryption (C2SP age).
//
// [SECTION] Encryption
// [SECTION] Decryption
// [SECTION] CCTV classes
#include "core/crypto/age.hpp"

#include "core/crypto/age_armor.hpp"
#include "core/crypto/age_errors.hpp"
#include "core/crypto/age_stream.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <sodium.h>
#include <string>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Encryption
//----------------------------------------------------------------------------------------------

Bytes age_encrypt(ByteView plaintext, const std::vector<AgeRecipient>& recipients, bool armor) {
    ensure_sodium();
    if (recipients.empty()) throw Error(age_error::kRecipient, "recipients", "no recipient to encrypt to");
    for (const AgeRecipient& r : recipients)
        if (std::holds_alternative<ScryptRecipient>(r) && recipients.size() > 1)
            throw Error(age_error::kScryptMixed, "recipients", "a passphrase cannot be combined with other recipients");
    // age §"File key": 16 bytes of CSPRNG output, never reused.
    SecretBytes file_key(16);
    randombytes_buf(file_key.data(), file_key.size());
    std::vector<Stanza> stanzas;
    for (const AgeRecipient& r : recipients)
        stanzas.push_back(std::visit([&](const auto& rec) { return rec.wrap(file_key); }, r));
    const std::string body = encode_age_header_body(stanzas);
    const std::string header = finish_age_header(body, age_header_mac(file_key, as_bytes(body)));
    Bytes out;
    out.reserve(header.size() + 16 + plaintext.size() + (plaintext.size() / (64 * 1024) + 1) * 16);
    out.assign(header.begin(), header.end());
    age_payload_encrypt(file_key, plaintext, out);
    if (!armor) return out;
    const std::string text = age_armor(out);
    return to_bytes(text);
}

SecretBytes age_decrypt(ByteView file, const std::vector<AgeIdentity>& identities, const AgeLimits& limits) {
    return AgeDecryption(file, limits).decrypt(identities);
}

//----------------------------------------------------------------------------------------------
// [SECTION] Decryption
//----------------------------------------------------------------------------------------------

AgeDecryption::AgeDecryption(ByteView file, const AgeLimits& limits, AgeEncoding encoding) : m_limits(limits) {
    ensure_sodium();
    m_armored = encoding == AgeEncoding::Detect ? age_is_armored(file) : encoding == AgeEncoding::Armored;
    if (m_armored)
        m_binary = age_dearmor(as_chars(file), limits.max_header_bytes + limits.max_payload_bytes + (limits.max_payload_bytes >> 12) + 64);
    else
        m_binary.assign(file.begin(), file.end());
    m_header = parse_age_header(m_binary, limits.max_header_bytes);
    // age §"scrypt recipient stanza": an scrypt stanza must be the only stanza.
    for (std::size_t i = 0; i < m_header.stanzas.size(); ++i) {
        const Stanza& s = m_header.stanzas[i];
        if (s.args.empty() || s.args[0] != "scrypt") continue;
        if (m_header.stanzas.size() != 1)
            throw Error(age_error::kScryptMixed, "header stanza " + std::to_string(i + 1),
                        "an scrypt (passphrase) stanza must be the only stanza in the header");
        m_scrypt = parse_scrypt_stanza(s, limits.max_work_factor, "header stanza 1");
    }
}

const ScryptStanzaParams& AgeDecryption::scrypt_params() const {
    if (!m_scrypt) throw Error(age_error::kNoIdentity, "header", "the file is not passphrase-encrypted");
    return *m_scrypt;
}

ScryptJob AgeDecryption::start_passphrase(ByteView passphrase) const {
    return age_scrypt_job(passphrase, scrypt_params());
}

SecretBytes AgeDecryption::finish(const ScryptJob& done_job) const {
    return decrypt({ScryptIdentity::from_job(scrypt_params(), done_job)});
}

SecretBytes AgeDecryption::unwrap(const std::vector<AgeIdentity>& identities) const {
    for (const AgeIdentity& id : identities) {
        auto key = std::visit([&](const auto& i) { return i.unwrap(m_header.stanzas); }, id);
        if (key) return std::move(*key);
    }
    throw Error(age_error::kNoIdentity, "header",
                m_scrypt ? "the passphrase does not open this file (no matching identity)"
                         : "no identity matches any recipient of this file");
}

void AgeDecryption::open_payload(const SecretBytes& file_key, Bytes& released) const {
    // The MAC is checked before a single payload byte is decrypted.
    const auto mac = age_header_mac(file_key, ByteView(m_binary).first(m_header.mac_covered));
    if (!equal_constant_time(mac, m_header.mac))
        throw Error(age_error::kHeaderMac, "header", "header MAC mismatch (the header was modified)");
    age_payload_decrypt(file_key, ByteView(m_binary).subspan(m_header.payload_offset), m_limits.max_payload_bytes,
                        released);
}

SecretBytes AgeDecryption::decrypt(const std::vector<AgeIdentity>& identities) const {
    const SecretBytes file_key = unwrap(identities);
    Bytes plain;
    try {
        open_payload(file_key, plain);
    } catch (...) {
        secure_wipe(plain);
        throw;
    }
    return SecretBytes(std::move(plain));
}

void AgeDecryption::decrypt_streaming(const std::vector<AgeIdentity>& identities, Bytes& released) const {
    open_payload(unwrap(identities), released);
}

//----------------------------------------------------------------------------------------------
// [SECTION] CCTV classes
//----------------------------------------------------------------------------------------------

std::string_view age_error::cctv_class(std::string_view kind) {
    if (kind == kArmor) return "armor failure";
    if (kind == kHeader || kind == kHeaderVersion || kind == kHeaderTooLarge || kind == kHeaderTruncated ||
        kind == kHeaderBase64 || kind == kStanza || kind == kScryptMixed || kind == kWorkFactor || kind == kLowOrder)
        return "header failure";
    if (kind == kNoIdentity) return "no match";
    if (kind == kHeaderMac) return "HMAC failure";
    if (kind == kPayloadAuth || kind == kPayloadTruncated || kind == kPayloadTrailing || kind == kPayloadEmptyChunk ||
        kind == kPayloadTooLarge)
        return "payload failure";
    return "";
}

}  // namespace safetynet::core
