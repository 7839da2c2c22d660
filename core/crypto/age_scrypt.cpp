// The age scrypt recipient type (age §"The scrypt recipient type").
#include "core/crypto/age_scrypt.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/base64.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <sodium.h>
#include <string>

namespace safetynet::core {

namespace {

// age §"scrypt recipient stanza": the salt label, r = 8, p = 1, a 32-byte wrap key.
constexpr std::string_view kSaltLabel = "age-encryption.org/v1/scrypt";
constexpr std::size_t kFileKeySize = 16;
constexpr std::size_t kWrappedSize = kFileKeySize + crypto_aead_chacha20poly1305_ietf_ABYTES;

std::optional<SecretBytes> open_body(const Stanza& s, const SecretBytes& key) {
    const std::array<std::uint8_t, 12> zero_nonce{};
    SecretBytes file_key(kFileKeySize);
    if (crypto_aead_chacha20poly1305_ietf_decrypt(file_key.data(), nullptr, nullptr, s.body.data(), s.body.size(),
                                                  nullptr, 0, zero_nonce.data(), key.data()) != 0)
        return std::nullopt;
    return file_key;
}

Stanza seal_body(const ScryptStanzaParams& p, const SecretBytes& key, const SecretBytes& file_key) {
    // The zero nonce is safe: every wrap key comes from a fresh salt and wraps one file key.
    const std::array<std::uint8_t, 12> zero_nonce{};
    Stanza s;
    s.args = {"scrypt", base64_encode(p.salt, Base64Padding::Unpadded), std::to_string(p.log_n)};
    s.body.resize(kWrappedSize);
    crypto_aead_chacha20poly1305_ietf_encrypt(s.body.data(), nullptr, file_key.data(), file_key.size(), nullptr, 0,
                                              nullptr, zero_nonce.data(), key.data());
    return s;
}

ScryptStanzaParams fresh_params(int log_n) {
    ensure_sodium();
    if (log_n < 1 || log_n > kScryptMaxLogNNative)
        throw Error(age_error::kWorkFactor, "work factor", "the scrypt work factor must be 1 to 22");
    ScryptStanzaParams p;
    randombytes_buf(p.salt.data(), p.salt.size());
    p.log_n = log_n;
    return p;
}

}  // namespace

ScryptStanzaParams parse_scrypt_stanza(const Stanza& s, int max_log_n, std::string_view where_sv) {
    const std::string where(where_sv);
    if (s.args.size() != 3) throw Error(age_error::kStanza, where, "an scrypt stanza has exactly two arguments");
    const auto salt = base64_decode(s.args[1], Base64Padding::Unpadded);
    if (!salt) throw Error(age_error::kHeaderBase64, where, "the scrypt salt is not canonical base64");
    if (salt->size() != 16) throw Error(age_error::kStanza, where, "the scrypt salt is not 16 bytes");
    const std::string& f = s.args[2];
    // ^[1-9][0-9]*$, read without overflow: anything longer than two digits is over any cap.
    if (f.empty() || f[0] < '1' || f[0] > '9')
        throw Error(age_error::kStanza, where, "the scrypt work factor is not a decimal number without leading zeros");
    for (const char c : f)
        if (c < '0' || c > '9')
            throw Error(age_error::kStanza, where, "the scrypt work factor is not a decimal number");
    const int log_n = f.size() > 2 ? 1000 : std::stoi(f);
    if (log_n > max_log_n)
        throw Error(age_error::kWorkFactor, where,
                    "the scrypt work factor " + (f.size() > 6 ? f.substr(0, 6) + "…" : f) +
                        " is above this device's limit of " + std::to_string(max_log_n) + " (it would need " +
                        (log_n > 40 ? std::string("far too much") : std::to_string((std::uint64_t{1} << log_n) >> 10)) +
                        " MiB of memory)");
    if (s.body.size() != kWrappedSize) throw Error(age_error::kStanza, where, "the scrypt stanza body is not 32 bytes");
    ScryptStanzaParams p;
    std::copy(salt->begin(), salt->end(), p.salt.begin());
    p.log_n = log_n;
    return p;
}

ScryptJob age_scrypt_job(ByteView passphrase, const ScryptStanzaParams& params) {
    Bytes salt = to_bytes(kSaltLabel);
    salt.insert(salt.end(), params.salt.begin(), params.salt.end());
    return ScryptJob(passphrase, salt, ScryptParams{params.log_n, 8, 1}, 32);
}

ScryptRecipient::ScryptRecipient(ByteView passphrase, int log_n) : m_passphrase(passphrase), m_log_n(log_n) {
    if (passphrase.empty()) throw Error(age_error::kRecipient, "passphrase", "the passphrase is empty");
    (void)fresh_params(log_n);  // validates the factor now rather than at the first wrap
}

ScryptRecipient::Job ScryptRecipient::start(ByteView passphrase, int log_n) {
    if (passphrase.empty()) throw Error(age_error::kRecipient, "passphrase", "the passphrase is empty");
    const ScryptStanzaParams p = fresh_params(log_n);
    return Job{p, age_scrypt_job(passphrase, p)};
}

ScryptRecipient ScryptRecipient::from_job(Job&& job) {
    ScryptRecipient r;
    r.m_log_n = job.params.log_n;
    r.m_prepared = job.params;
    r.m_key = job.job.result();  // throws if the job has not finished
    r.m_used = std::make_shared<bool>(false);
    return r;
}

Stanza ScryptRecipient::wrap(const SecretBytes& file_key) const {
    if (m_prepared) {
        // age §"scrypt recipient stanza": a new salt for each file.
        if (*m_used) throw Error(age_error::kRecipient, "passphrase", "a prepared passphrase recipient wraps one file only");
        *m_used = true;
        return seal_body(*m_prepared, m_key, file_key);
    }
    const ScryptStanzaParams p = fresh_params(m_log_n);
    ScryptJob job = age_scrypt_job(m_passphrase.view(), p);
    job.run();
    return seal_body(p, job.result(), file_key);
}

ScryptIdentity::ScryptIdentity(ByteView passphrase, int max_log_n) : m_passphrase(passphrase), m_max_log_n(max_log_n) {}

ScryptIdentity ScryptIdentity::from_job(const ScryptStanzaParams& params, const ScryptJob& job) {
    ScryptIdentity id;
    id.m_prepared = params;
    id.m_key = job.result();
    id.m_max_log_n = params.log_n;
    return id;
}

std::optional<SecretBytes> ScryptIdentity::unwrap(const std::vector<Stanza>& stanzas) const {
    for (std::size_t i = 0; i < stanzas.size(); ++i) {
        const Stanza& s = stanzas[i];
        if (s.args.empty() || s.args[0] != "scrypt") continue;
        const ScryptStanzaParams p = parse_scrypt_stanza(s, m_max_log_n, "header stanza " + std::to_string(i + 1));
        if (m_prepared) {
            if (p.salt != m_prepared->salt || p.log_n != m_prepared->log_n) return std::nullopt;
            return open_body(s, m_key);
        }
        ScryptJob job = age_scrypt_job(m_passphrase.view(), p);
        job.run();
        return open_body(s, job.result());
    }
    return std::nullopt;
}

}  // namespace safetynet::core
