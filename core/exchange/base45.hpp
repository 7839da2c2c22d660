#pragma once
// Base45 (RFC 9285): bytes as text in the 45 characters of the QR code alphanumeric mode, so a
// QR code holds 97% of what raw bytes would, in plain text that every scanner app passes
// through unchanged (raw binary QR payloads are often mangled by charset guessing).
#include "core/base/bytes.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

std::string base45_encode(ByteView bytes);
// nullopt for a character outside the alphabet, a length of 3k+1, or a group out of range.
std::optional<Bytes> base45_decode(std::string_view text);

}  // namespace safetynet::core
