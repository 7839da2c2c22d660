#pragma once
// The age ASCII armor (age §"ASCII armor"): strict PEM (RFC 7468 §3, Figure 3) with the
// label "AGE ENCRYPTED FILE", padded base64 in 64-column lines. Decoding rejects every
// deviation but whitespace before and after the block, and accepts LF or CRLF line ends.
#include "core/base/bytes.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace safetynet::core {

inline constexpr std::string_view kAgeArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr std::string_view kAgeArmorEnd = "-----END AGE ENCRYPTED FILE-----";

std::string age_armor(ByteView binary);
// Throws core::Error("armor") on any deviation, ("payload-too-large") past `max_bytes`.
Bytes age_dearmor(std::string_view text, std::size_t max_bytes);
// True when the file, after leading whitespace, starts like a PEM block ("-----"), or does not
// start with the binary intro ("age-encryption.org/") but holds the armor's BEGIN line in its
// first 4 KiB: such a file is decoded as armor (and fails as armor if it is not ours), anything
// else as binary.
bool age_is_armored(ByteView file);

}  // namespace safetynet::core
