#pragma once
// HMAC-SHA-256 (RFC 2104) and HKDF-SHA-256 (RFC 5869), on libsodium's crypto_auth_hmacsha256:
// libsodium 1.0.18 has no HKDF call (it arrived in 1.0.19). age derives every key with
// HKDF-SHA-256 and 32-byte outputs (age §"Conventions").
#include "core/base/bytes.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace safetynet::core {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest hmac_sha256(ByteView key, ByteView message);
// RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes.
SecretBytes hkdf_sha256_extract(ByteView salt, ByteView ikm);
// RFC 5869 §2.3: at most 255 * 32 bytes.
SecretBytes hkdf_sha256_expand(ByteView prk, ByteView info, std::size_t length);
SecretBytes hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length);
inline SecretBytes hkdf_sha256(ByteView ikm, ByteView salt, std::string_view info, std::size_t length) {
    return hkdf_sha256(ikm, salt, as_bytes(info), length);
}

Sha256Digest sha256(ByteView message);

}  // namespace safetynet::core
