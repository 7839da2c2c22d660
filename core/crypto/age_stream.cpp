// age v1 payload: STREAM over ChaCha20-Poly1305 (age §"Payload").
#include "core/crypto/age_stream.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include <algorithm>
#include <array>
#include <sodium.h>
#include <string>

namespace safetynet::core {

namespace {

// age §Payload: the 12-byte nonce is an 11-byte big-endian chunk counter and a final byte
// 0x01 for the last chunk, 0x00 before. The nonce never repeats under a key because the
// payload key is derived from a fresh random nonce for every file.
std::array<std::uint8_t, 12> chunk_nonce(std::uint64_t counter, bool last) {
    std::array<std::uint8_t, 12> n{};
    for (int i = 0; i < 8; ++i) n[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
    n[11] = last ? 0x01 : 0x00;
    return n;
}

// age §Payload: payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload").
SecretBytes payload_key(const SecretBytes& file_key, ByteView nonce) {
    return hkdf_sha256(file_key.view(), nonce, "payload", crypto_aead_chacha20poly1305_ietf_KEYBYTES);
}

std::string where_chunk(std::uint64_t counter) { return "payload chunk " + std::to_string(counter + 1); }

}  // namespace

void age_payload_encrypt(const SecretBytes& file_key, ByteView plaintext, Bytes& out) {
    ensure_sodium();
    std::array<std::uint8_t, kAgePayloadNonceSize> nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    const SecretBytes key = payload_key(file_key, nonce);
    const std::size_t chunks = plaintext.empty() ? 1 : (plaintext.size() + kAgeChunkSize - 1) / kAgeChunkSize;
    const std::size_t start = out.size();
    out.resize(start + nonce.size() + plaintext.size() + chunks * kAgeTagSize);
    std::copy(nonce.begin(), nonce.end(), out.begin() + static_cast<std::ptrdiff_t>(start));
    std::size_t in = 0, at = start + nonce.size();
    for (std::size_t i = 0; i < chunks; ++i) {
        // The final chunk may be shorter than 64 KiB, and is empty only for an empty payload.
        const std::size_t n = std::min(kAgeChunkSize, plaintext.size() - in);
        const auto cn = chunk_nonce(i, i + 1 == chunks);
        unsigned long long written = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(out.data() + at, &written, plaintext.data() + in, n, nullptr, 0,
                                                  nullptr, cn.data(), key.data());
        in += n;
        at += static_cast<std::size_t>(written);
    }
}

void age_payload_decrypt(const SecretBytes& file_key, ByteView payload, std::size_t max_plaintext, Bytes& released) {
    ensure_sodium();
    if (payload.size() < kAgePayloadNonceSize)
        throw Error(age_error::kHeaderTruncated, "payload nonce", "the file ends before the payload nonce");
    // An upper bound on the plaintext, checked before any work.
    if (std::uint64_t{payload.size()} - kAgePayloadNonceSize >
        std::uint64_t{max_plaintext} + (std::uint64_t{max_plaintext} / kAgeChunkSize + 1) * kAgeTagSize)
        throw Error(age_error::kPayloadTooLarge, "payload",
                    "the payload is larger than the limit of " + std::to_string(max_plaintext) + " bytes");
    const SecretBytes key = payload_key(file_key, payload.first(kAgePayloadNonceSize));
    released.reserve(released.size() + payload.size());
    std::size_t pos = kAgePayloadNonceSize;
    for (std::uint64_t counter = 0;; ++counter) {
        const std::size_t remaining = payload.size() - pos;
        if (remaining == 0)
            throw Error(age_error::kPayloadTruncated, where_chunk(counter),
                        "the payload ends without a final chunk (truncated file)");
        const std::size_t n = std::min(remaining, kAgeChunkSize + kAgeTagSize);
        if (n < kAgeTagSize)
            throw Error(age_error::kPayloadTruncated, where_chunk(counter), "the payload ends inside a chunk (truncated file)");
        const std::size_t plain = n - kAgeTagSize;
        const std::size_t at = released.size();
        released.resize(at + plain);
        // A short chunk can only be the final one; a full one is tried as a middle chunk
        // first and then as a full-length final chunk.
        bool last = n < kAgeChunkSize + kAgeTagSize;
        auto open = [&](bool final_chunk) {
            const auto cn = chunk_nonce(counter, final_chunk);
            return crypto_aead_chacha20poly1305_ietf_decrypt(released.data() + at, nullptr, nullptr,
                                                             payload.data() + pos, n, nullptr, 0, cn.data(),
                                                             key.data()) == 0;
        };
        bool ok = open(last);
        if (!ok && !last) {
            last = true;
            ok = open(true);
        }
        if (!ok) {
            released.resize(at);
            throw Error(age_error::kPayloadAuth, where_chunk(counter),
                        "payload authentication failed (the file was modified or corrupted)");
        }
        if (released.size() > max_plaintext) {
            released.resize(at);
            throw Error(age_error::kPayloadTooLarge, "payload",
                        "the payload is larger than the limit of " + std::to_string(max_plaintext) + " bytes");
        }
        pos += n;
        if (last) {
            if (plain == 0 && counter != 0)
                throw Error(age_error::kPayloadEmptyChunk, where_chunk(counter),
                            "the final chunk is empty, which only an empty payload may have");
            if (pos != payload.size())
                throw Error(age_error::kPayloadTrailing, where_chunk(counter + 1),
                            "data after the final chunk (trailing garbage)");
            return;
        }
    }
}

}  // namespace safetynet::core
