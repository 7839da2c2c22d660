#pragma once
// minisign (jedisct1/minisign) key and signature files, Ed25519 on libsodium, so that stock
// `minisign -V` verifies our signatures and we verify its.
//
//   public key file   "untrusted comment: minisign public key <KEY ID>\n" base64("Ed" || key id (8) || pk (32))
//   secret key file   "untrusted comment: …\n" base64("Ed" || kdf "Sc"/"\0\0" || "B2" || salt (32)
//                     || opslimit (8, LE) || memlimit (8, LE) || key id (8) || sk (64) || checksum (32));
//                     with kdf "Sc" the last 104 bytes are XORed with scrypt(password, salt) stretched to
//                     104 bytes, scrypt's N, r, p picked from opslimit/memlimit as libsodium does;
//                     the checksum is BLAKE2b-256("Ed" || key id || sk) and detects a wrong password
//   signature file    "untrusted comment: …\n" base64("ED" || key id || Ed25519(BLAKE2b-512(message)))
//                     "\ntrusted comment: <text>\n" base64(Ed25519(signature || text)) "\n"
// "ED" is the prehashed form minisign 0.11 writes by default; the legacy "Ed" (signature over
// the message itself) verifies too.
#include "core/base/bytes.hpp"
#include "core/crypto/scrypt.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace safetynet::core {

// Error kinds: "minisign-key" (malformed key file), "minisign-password" (wrong password),
// "signature" (malformed signature file), "bad-signature" (does not verify),
// "signature-key" (made by another key than the one given).

struct MinisignPublicKey {
    std::array<std::uint8_t, 8> key_id{};
    std::array<std::uint8_t, 32> key{};

    // A .pub file (comment line + base64 line) or the bare base64 line ("RWQ…").
    static MinisignPublicKey parse(std::string_view text);
    std::string to_base64() const;
    std::string to_file() const;
    // As minisign prints it: the key id read as a little-endian 64-bit number, in hex.
    std::string key_id_hex() const;
    bool operator==(const MinisignPublicKey& other) const = default;
};

// minisign's scrypt parameters: libsodium's crypto_pwhash_scryptsalsa208sha256 picks N, r, p
// from an operations limit and a memory limit (pickparams); this is the same rule.
ScryptParams minisign_scrypt_params(std::uint64_t opslimit, std::uint64_t memlimit);
// What we write: N = 2^18, r = 8, p = 1 (256 MiB, as age's passphrase files), so a key opens
// in the browser in 2-3 s. minisign's own default is N = 2^20 (1 GiB); both open everywhere.
inline constexpr std::uint64_t kMinisignOpsLimit = std::uint64_t{1} << 23;
inline constexpr std::uint64_t kMinisignMemLimit = std::uint64_t{1} << 28;

class MinisignSecretKey {
public:
    static MinisignSecretKey generate();
    MinisignSecretKey(const std::array<std::uint8_t, 8>& key_id, ByteView secret_key);

    const std::array<std::uint8_t, 8>& key_id() const { return m_key_id; }
    MinisignPublicKey public_key() const;
    const SecretBytes& secret_key() const { return m_sk; }  // libsodium's 64-byte Ed25519 sk

    // An encrypted key file under `password`; with an empty password, an unencrypted one
    // (minisign -W). The limits choose scrypt's cost (see kMinisignOpsLimit).
    std::string to_file(ByteView password, std::uint64_t opslimit = kMinisignOpsLimit,
                        std::uint64_t memlimit = kMinisignMemLimit) const;

private:
    std::array<std::uint8_t, 8> m_key_id{};
    SecretBytes m_sk;
};

// A secret key file, read but not yet decrypted: the UI runs the scrypt job in slices.
class MinisignKeyFile {
public:
    static MinisignKeyFile parse(std::string_view text);
    bool encrypted() const { return m_encrypted; }
    ScryptParams kdf_params() const;
    // The job that stretches the password; throws "work-factor" over `max_log_n`.
    ScryptJob start(ByteView password, int max_log_n = scrypt_default_max_log_n()) const;
    MinisignSecretKey finish(const ScryptJob& done_job) const;  // "minisign-password" if wrong
    MinisignSecretKey unencrypted_key() const;                   // "minisign-key" if encrypted

    // Blocking: decrypts with `password` (ignored for an unencrypted file).
    MinisignSecretKey open(ByteView password, int max_log_n = scrypt_default_max_log_n()) const;

private:
    MinisignSecretKey decode(ByteView keynum_sk) const;
    bool m_encrypted = false;
    std::array<std::uint8_t, 32> m_salt{};
    std::uint64_t m_opslimit = 0, m_memlimit = 0;
    SecretBytes m_keynum_sk;  // key id || sk || checksum, still encrypted when m_encrypted
};

struct MinisignSignature {
    std::string untrusted_comment;
    bool prehashed = true;  // "ED"; false for the legacy "Ed"
    std::array<std::uint8_t, 8> key_id{};
    std::array<std::uint8_t, 64> signature{};
    std::string trusted_comment;
    std::array<std::uint8_t, 64> global_signature{};

    static MinisignSignature parse(std::string_view text);
    std::string to_text() const;
    std::string key_id_hex() const;
};

MinisignSignature minisign_sign(const MinisignSecretKey& key, ByteView message, std::string_view trusted_comment,
                                std::string_view untrusted_comment = "signature from minisign secret key");
// Throws "signature-key" when the key ids differ, "bad-signature" when either signature fails.
void minisign_verify(const MinisignPublicKey& key, ByteView message, const MinisignSignature& sig);

}  // namespace safetynet::core
