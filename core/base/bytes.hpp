#pragma once
// Byte strings for the crypto and bundle code: a vector to own bytes, a span to look at them,
// and the hex helpers tests and fingerprints use.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes to_bytes(std::string_view s) {
    const ByteView v = as_bytes(s);
    return Bytes(v.begin(), v.end());
}
inline std::string to_string(ByteView b) { return std::string(as_chars(b)); }

// Lowercase hex.
std::string to_hex(ByteView bytes);
// Hex of either case; throws core::Error("hex", ...) on odd length or a non-hex character.
Bytes from_hex(std::string_view hex);

}  // namespace safetynet::core
