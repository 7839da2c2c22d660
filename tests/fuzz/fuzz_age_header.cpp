// The age header parser and everything a hostile header reaches: stanza checks, X25519 and
// scrypt unwrapping, the MAC, the payload. Any bytes must give plaintext or a core::Error,
// never a crash, a hang or a sanitizer report.
#include "core/crypto/age.hpp"
#include "core/base/error.hpp"

#include <cstddef>
#include <cstdint>

namespace {
// A fixed identity so stanzas addressed to it (from the seed corpus) get unwrapped.
const safetynet::core::X25519Identity& identity() {
    static const auto id =
        safetynet::core::X25519Identity::parse("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    return id;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace safetynet::core;
    const ByteView in(data, size);
    try {
        (void)parse_age_header(in);
    } catch (const Error&) {
    }
    try {
        AgeLimits limits;
        limits.max_work_factor = 6;  // cheap scrypt: the parser is under test, not scrypt
        limits.max_payload_bytes = 1 << 20;
        const AgeDecryption d(in, limits, AgeEncoding::Binary);
        (void)d.decrypt({identity(), ScryptIdentity(as_bytes("password"), 6)});
    } catch (const Error&) {
    }
    return 0;
}
