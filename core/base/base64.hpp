#pragma once
// Standard base64 (RFC 4648 §4), strict: decoding accepts only the canonical encoding
// (RFC 4648 §3.5: unused trailing bits are zero), no whitespace, no other alphabet.
// age uses it unpadded everywhere but in the ASCII armor (age §"Conventions", §"ASCII armor");
// minisign uses it padded.
#include "core/base/bytes.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

enum class Base64Padding { Unpadded, Padded };

std::string base64_encode(ByteView bytes, Base64Padding padding);
// nullopt unless `text` is exactly the canonical encoding of some bytes.
std::optional<Bytes> base64_decode(std::string_view text, Base64Padding padding);

}  // namespace safetynet::core
