#pragma once
// The age v1 payload (age §"Payload"): a 16-byte nonce, then the plaintext in 64 KiB chunks,
// each sealed with ChaCha20-Poly1305 under the payload key (the STREAM construction).
#include "core/base/bytes.hpp"
#include "core/base/secret.hpp"

#include <cstddef>

namespace safetynet::core {

inline constexpr std::size_t kAgeChunkSize = 64 * 1024;   // age §Payload: 64 KiB chunks
inline constexpr std::size_t kAgeTagSize = 16;            // Poly1305 tag per chunk
inline constexpr std::size_t kAgePayloadNonceSize = 16;   // age §Payload: 16-byte nonce

// Appends nonce || chunks for `plaintext` to `out`, with a fresh random nonce.
void age_payload_encrypt(const SecretBytes& file_key, ByteView plaintext, Bytes& out);

// Decrypts `payload` (nonce || chunks). Plaintext is appended to `released` one authenticated
// chunk at a time; on failure it throws (kinds in core/crypto/age_errors.hpp) and `released` holds
// what a streaming reader would have handed out before the failure. The CCTV vectors check
// exactly that; every other caller must discard it. At most `max_plaintext` bytes.
void age_payload_decrypt(const SecretBytes& file_key, ByteView payload, std::size_t max_plaintext, Bytes& released);

}  // namespace safetynet::core
