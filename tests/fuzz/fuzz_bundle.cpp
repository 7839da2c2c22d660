// The bundle reader. The first byte picks the mode:
//   even: the input is a whole decrypted plaintext (header, content, signature), as received;
//   odd:  the input (after that byte) is the signed part, and a valid signature by the
//         trusted key is appended, so the fuzzer reaches what lies behind the signature check
//         (field checks, the FHIR content's SAX pass with its depth limit, trust, replay).
// Any bytes must give a result or a core::Error.
#include "core/exchange/bundle.hpp"
#include "core/base/error.hpp"

#include <sodium.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {
// Fixed keys, so a crash found once reproduces.
safetynet::core::MinisignSecretKey fixed_key() {
    (void)sodium_init();
    std::array<std::uint8_t, 32> seed{}, pk{};
    seed.fill(7);
    std::array<std::uint8_t, 64> sk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
    return safetynet::core::MinisignSecretKey({1, 2, 3, 4, 5, 6, 7, 8}, sk);
}
struct Fixture {
    safetynet::core::MinisignSecretKey key = fixed_key();
    safetynet::core::ContactCard card{"Fuzz Clinic",
                                      safetynet::core::X25519Identity(safetynet::core::Bytes(32, 9)).recipient(),
                                      key.public_key()};
    safetynet::core::SeenLedger ledger;
};
Fixture& fixture() {
    static Fixture f;
    return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace safetynet::core;
    if (size == 0) return 0;
    Fixture& f = fixture();
    std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] & 1) {
        // The trusted comment that a well-formed header would need is unknown here; sign with
        // one derived from the text's own kind/id/created lines when present.
        auto field = [&](const std::string& name) {
            const std::size_t at = text.find("\n" + name + ": ");
            if (at == std::string::npos) return std::string();
            const std::size_t start = at + name.size() + 3, end = text.find('\n', start);
            return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        };
        const std::string tc = "safetynet-bundle/v1 " + field("kind") + " " + field("id") + " " + field("created");
        try {
            text += minisign_sign(f.key, as_bytes(text), tc, "fuzz").to_text();
        } catch (const Error&) {
            return 0;  // a comment with a newline in it: not a signature anyone could make
        }
    }
    try {
        BundleLimits limits;
        limits.max_content_bytes = 1 << 20;
        OpenedBundle b = read_bundle_plaintext(as_bytes(text), {f.card}, &f.ledger, limits);
        record_import(f.ledger, b);
        b.wipe();
    } catch (const Error&) {
    }
    return 0;
}
