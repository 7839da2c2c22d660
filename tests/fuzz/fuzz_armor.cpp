// The age ASCII armor decoder: any text gives bytes or a core::Error; what decodes must
// re-encode to something that decodes to the same bytes.
#include "core/crypto/age_armor.hpp"
#include "core/base/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace safetynet::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const Bytes decoded = age_dearmor(text, 1 << 20);
        if (age_dearmor(age_armor(decoded), 1 << 20) != decoded) std::abort();
    } catch (const Error&) {
    }
    (void)age_is_armored(ByteView(data, size));
    return 0;
}
