#pragma once
// UUIDs, made in one place: random (version 4) UUIDs from libsodium's CSPRNG, in the lowercase
// text form "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (RFC 9562 §4, §5.4). Referral, patient,
// consent and screening ids, bundle ids and FHIR full URLs ("urn:uuid:" + one) are all these.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace safetynet::core {

// A fresh random UUID.
std::string new_uuid();
// 16 unpredictable bytes as a version 4 UUID: the version and variant bits are set over them.
// For callers that draw their bytes another way (a keyed hash per FHIR Bundle entry).
std::string uuid_v4_text(std::array<std::uint8_t, 16> bytes);
// The RFC 9562 text form: 8-4-4-4-12 hex digits, either case, any version.
bool is_uuid(std::string_view text);

}  // namespace safetynet::core
