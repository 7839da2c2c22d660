#pragma once
// The age scrypt (passphrase) recipient type (age §"The scrypt recipient type"):
//   -> scrypt <base64 16-byte salt> <log2 work factor>
//   wrap key = scrypt(N = 2^factor, r = 8, p = 1, dkLen = 32,
//                     S = "age-encryption.org/v1/scrypt" || salt, P = passphrase)
// Work-factor policy and the incremental job are in core/crypto/scrypt.hpp. The blocking forms here
// serve the CLI and tests; the UI uses the Job forms and steps the ScryptJob a slice per frame.
#include "core/crypto/age_header.hpp"
#include "core/base/bytes.hpp"
#include "core/crypto/scrypt.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct ScryptStanzaParams {
    std::array<std::uint8_t, 16> salt{};
    int log_n = 0;
};

// Checks an "scrypt" stanza as age requires: exactly three arguments, a canonical base64
// 16-byte salt, a decimal work factor without leading zeros (^[1-9][0-9]*$) no larger than
// `max_log_n`, a 32-byte body. Throws "stanza", "header-base64" or "work-factor".
ScryptStanzaParams parse_scrypt_stanza(const Stanza& stanza, int max_log_n, std::string_view where);

// The job that derives the wrap key for these parameters.
ScryptJob age_scrypt_job(ByteView passphrase, const ScryptStanzaParams& params);

class ScryptRecipient {
public:
    // Derives the key when wrapping (blocking), with a fresh salt for every file.
    explicit ScryptRecipient(ByteView passphrase, int log_n = kScryptEncryptLogN);

    // The UI form: start() draws the salt and returns the job; step job.job until done, then
    // from_job() gives a recipient that wraps one file key (the salt must not be reused).
    struct Job {
        ScryptStanzaParams params;
        ScryptJob job;
    };
    static Job start(ByteView passphrase, int log_n = kScryptEncryptLogN);
    static ScryptRecipient from_job(Job&& job);

    int log_n() const { return m_log_n; }
    Stanza wrap(const SecretBytes& file_key) const;

private:
    ScryptRecipient() = default;
    SecretBytes m_passphrase;
    int m_log_n = kScryptEncryptLogN;
    // Set for a recipient made from a finished job: its key, its salt, and whether it was used.
    std::optional<ScryptStanzaParams> m_prepared;
    SecretBytes m_key;
    std::shared_ptr<bool> m_used;
};

class ScryptIdentity {
public:
    // Derives the key when unwrapping (blocking), refusing work factors over `max_log_n`.
    explicit ScryptIdentity(ByteView passphrase, int max_log_n = scrypt_default_max_log_n());
    // The UI form: a key already derived by a finished job for the stanza `params` came from.
    static ScryptIdentity from_job(const ScryptStanzaParams& params, const ScryptJob& job);

    int max_log_n() const { return m_max_log_n; }
    // nullopt when the passphrase does not open the scrypt stanza (or there is none).
    std::optional<SecretBytes> unwrap(const std::vector<Stanza>& stanzas) const;

private:
    ScryptIdentity() = default;
    SecretBytes m_passphrase;
    int m_max_log_n = kScryptMaxLogNNative;
    std::optional<ScryptStanzaParams> m_prepared;
    SecretBytes m_key;
};

}  // namespace safetynet::core
