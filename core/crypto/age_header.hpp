#pragma once
// The age v1 header (age §"Header"): a version line, one or more recipient stanzas, and the
// header MAC. Parsing is strict as the spec's ABNF: anything else is an error of a distinct
// kind (core/crypto/age_errors.hpp).
#include "core/base/bytes.hpp"
#include "core/base/secret.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace safetynet::core {

// age §"Recipient stanza": "-> " arguments, then a base64 body wrapped at 64 columns.
struct Stanza {
    std::vector<std::string> args;  // args[0] is the recipient type
    Bytes body;
};

struct AgeHeader {
    std::vector<Stanza> stanzas;
    std::array<std::uint8_t, 32> mac{};
    std::size_t mac_covered = 0;     // the MAC covers file[0, mac_covered): through the "---"
    std::size_t payload_offset = 0;  // where the payload (its nonce) starts
};

inline constexpr std::string_view kAgeVersionLine = "age-encryption.org/v1";
// A header of 64 KiB holds hundreds of recipients; anything larger is hostile.
inline constexpr std::size_t kAgeDefaultMaxHeaderBytes = 64 * 1024;

// Parses the header at the start of a binary age file.
AgeHeader parse_age_header(ByteView file, std::size_t max_header_bytes = kAgeDefaultMaxHeaderBytes);

// The header text up to and including "---" (what the MAC covers), for these stanzas.
std::string encode_age_header_body(const std::vector<Stanza>& stanzas);
// Adds " <mac>\n" to the body.
std::string finish_age_header(const std::string& body, const std::array<std::uint8_t, 32>& mac);

// age §"Header MAC": HMAC-SHA-256 under HKDF-SHA-256(ikm = file key, salt = empty,
// info = "header") over the header through "---".
std::array<std::uint8_t, 32> age_header_mac(const SecretBytes& file_key, ByteView covered);

}  // namespace safetynet::core
