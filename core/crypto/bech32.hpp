#pragma once
// Bech32 (BIP 173) as age uses it for keys: `age1…` recipients and `AGE-SECRET-KEY-1…`
// identities (age §"Conventions": BIP 173 without its 90-character limit; a string is all
// lowercase or all uppercase, and the checksum is computed over the lowercase form).
// libsodium has no Bech32; it is a short checksum over 5-bit groups.
#include "core/base/bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

inline constexpr std::size_t kBech32NoLengthLimit = std::numeric_limits<std::size_t>::max();
// BIP 173's own limit, for callers that want strict BIP 173 strings.
inline constexpr std::size_t kBech32Bip173MaxLength = 90;

struct Bech32Values {
    std::string hrp;                   // human-readable part, lowercase
    std::vector<std::uint8_t> values;  // data part without the checksum, 5-bit values
};
struct Bech32Bytes {
    std::string hrp;  // lowercase
    Bytes data;
};

// Encodes `data` (8-bit bytes, regrouped into 5-bit values with zero padding) in lowercase.
// `hrp` must be 1.. characters in 33..126 and is lowercased.
std::string bech32_encode(std::string_view hrp, ByteView data);
std::string bech32_encode_values(std::string_view hrp, const std::vector<std::uint8_t>& values);

// Decoding throws core::Error("bech32", "", reason) on: a character outside 33..126, mixed
// case, no separator, an empty human-readable part, fewer than 6 checksum characters, a
// character outside the data alphabet, a wrong checksum, or a string over `max_length`.
Bech32Values bech32_decode_values(std::string_view text, std::size_t max_length = kBech32NoLengthLimit);
// Also regroups to bytes; leftover padding must be at most 4 bits, all zero (BIP 173).
Bech32Bytes bech32_decode(std::string_view text, std::size_t max_length = kBech32NoLengthLimit);

}  // namespace safetynet::core
