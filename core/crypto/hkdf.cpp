#include "core/crypto/hkdf.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <algorithm>
#include <sodium.h>

namespace safetynet::core {

Sha256Digest hmac_sha256(ByteView key, ByteView message) {
    ensure_sodium();
    // crypto_auth_hmacsha256_init takes keys of any length (hashing longer ones), as RFC 2104.
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    crypto_auth_hmacsha256_update(&st, message.data(), message.size());
    Sha256Digest mac{};
    crypto_auth_hmacsha256_final(&st, mac.data());
    sodium_memzero(&st, sizeof st);
    return mac;
}

SecretBytes hkdf_sha256_extract(ByteView salt, ByteView ikm) {
    static const std::array<std::uint8_t, 32> kZeroSalt{};
    Sha256Digest prk = hmac_sha256(salt.empty() ? ByteView(kZeroSalt) : salt, ikm);
    SecretBytes out{ByteView(prk)};
    secure_wipe(prk.data(), prk.size());
    return out;
}

SecretBytes hkdf_sha256_expand(ByteView prk, ByteView info, std::size_t length) {
    ensure_sodium();
    if (length > 255 * 32) throw Error("hkdf", "length", "HKDF-SHA-256 output is limited to 8160 bytes");
    SecretBytes okm(length);
    std::array<std::uint8_t, 32> t{};
    std::size_t t_len = 0;
    std::size_t done = 0;
    for (std::uint8_t counter = 1; done < length; ++counter) {
        // T(i) = HMAC-Hash(PRK, T(i-1) | info | i)
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, prk.data(), prk.size());
        crypto_auth_hmacsha256_update(&st, t.data(), t_len);
        crypto_auth_hmacsha256_update(&st, info.data(), info.size());
        crypto_auth_hmacsha256_update(&st, &counter, 1);
        crypto_auth_hmacsha256_final(&st, t.data());
        sodium_memzero(&st, sizeof st);
        t_len = t.size();
        const std::size_t n = std::min(t.size(), length - done);
        std::copy_n(t.begin(), n, okm.data() + done);
        done += n;
    }
    sodium_memzero(t.data(), t.size());
    return okm;
}

SecretBytes hkdf_sha256(ByteView ikm, ByteView salt, ByteView info, std::size_t length) {
    const SecretBytes prk = hkdf_sha256_extract(salt, ikm);
    return hkdf_sha256_expand(prk.view(), info, length);
}

Sha256Digest sha256(ByteView message) {
    ensure_sodium();
    Sha256Digest out{};
    crypto_hash_sha256(out.data(), message.data(), message.size());
    return out;
}

}  // namespace safetynet::core
