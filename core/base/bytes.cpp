#include "core/base/bytes.hpp"

#include "core/base/error.hpp"
#include "core/base/secret.hpp"

#include <sodium.h>

namespace safetynet::core {

std::string to_hex(ByteView bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0f]);
    }
    return out;
}

Bytes from_hex(std::string_view hex) {
    auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw Error("hex", "", "not a hex digit: '" + std::string(1, c) + "'");
    };
    if (hex.size() % 2 != 0) throw Error("hex", "", "odd number of hex digits");
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
    return out;
}

void secure_wipe(void* data, std::size_t size) {
    if (data != nullptr && size > 0) sodium_memzero(data, size);
}

bool equal_constant_time(ByteView a, ByteView b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace safetynet::core
