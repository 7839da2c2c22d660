#pragma once
// The encrypted store's bytes in storage (docs/STORE.md has the whole format).
//
// Two kinds of blob under the store's prefix (default "store/"):
//
//   <prefix>head          the commit point, written LAST by every save:
//                           safetynet-store/v1\n
//                           store: <32 hex digits, random per store>\n
//                           generation: <decimal, +1 per save>\n
//                           kdf: scrypt <log2 N> <r> <p> <base64 16-byte salt>\n
//                           check: <base64 32 bytes: the passphrase check value>\n
//                           \n
//                           <24-byte nonce><XChaCha20-Poly1305 of the manifest JSON>
//                         the text above the nonce is the AEAD's associated data, so the KDF
//                         parameters, the generation and the store id are authenticated.
//   <prefix>seg/<hex>     one section (core/store/store_data.hpp), under a fresh random name every
//                         time it is written (a live blob is never overwritten):
//                           <24-byte nonce><XChaCha20-Poly1305 of the section>
//                         associated data "safetynet-store/v1 segment <store id> <section>".
//
// The manifest names each section's blob and its BLAKE2b-256 digest, so a blob swapped for
// another (or an older one) is refused.
//
// Keys: master = scrypt(passphrase, "safetynet-store/v1" || salt, N, r = 8, p = 1, 32 bytes)
// (RFC 7914, run as the project's incremental ScryptJob); from it, with libsodium's
// crypto_kdf (BLAKE2b) and context "SNstore1": subkey 1 = the XChaCha20-Poly1305 key,
// subkey 2 = the check value stored in the header. The check value tells a wrong passphrase
// from a damaged store; it lets an attacker test passphrases offline exactly as the AEAD tag
// would, no more.
#include "core/base/bytes.hpp"
#include "core/crypto/scrypt.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

inline constexpr std::string_view kStoreMagic = "safetynet-store/v1";
inline constexpr std::size_t kStoreMaxHeadTextBytes = 1024;
inline constexpr std::size_t kStoreMaxBlobBytes = std::size_t{64} << 20;  // a section or the manifest

struct StoreKdf {
    std::array<std::uint8_t, 16> salt{};
    int log_n = kScryptEncryptLogN;
    std::uint32_t r = 8;
    std::uint32_t p = 1;
};

struct StoreHeader {
    std::string store_id;            // 32 lowercase hex digits
    std::uint64_t generation = 0;
    StoreKdf kdf;
    std::array<std::uint8_t, 32> check{};
};

std::string format_store_header(const StoreHeader& h);
// Parses the text part of a head blob; `text_bytes` gets its length (through the blank line).
// Throws core::Error("store-damaged", "<prefix>head", ...) when malformed, and
// ("work-factor") when the KDF asks more than `max_log_n` (this device's scrypt cap).
StoreHeader parse_store_header(ByteView head, std::size_t& text_bytes, int max_log_n = scrypt_default_max_log_n());

// The derived keys (wiped on destruction).
struct StoreKeys {
    SecretBytes aead;                  // 32 bytes, XChaCha20-Poly1305
    std::array<std::uint8_t, 32> check{};
};

// A fresh random salt and the job that derives the master key from `passphrase`.
StoreKdf new_store_kdf(int log_n);
ScryptJob store_kdf_job(ByteView passphrase, const StoreKdf& kdf);
StoreKeys derive_store_keys(const SecretBytes& master);

// XChaCha20-Poly1305 (libsodium crypto_aead_xchacha20poly1305_ietf): nonce || ciphertext.
// A fresh random 24-byte nonce per call: random nonces are safe at this size.
Bytes store_seal(const SecretBytes& key, ByteView plaintext, ByteView associated_data);
// nullopt when the blob does not authenticate (wrong key, altered, truncated).
std::optional<SecretBytes> store_open(const SecretBytes& key, ByteView blob, ByteView associated_data);

std::string store_segment_ad(std::string_view store_id, std::string_view section);
// BLAKE2b-256 of a blob, lowercase hex.
std::string store_blob_digest(ByteView blob);
// 16 random bytes as 32 hex digits (store ids and segment names).
std::string random_hex16();

}  // namespace safetynet::core
