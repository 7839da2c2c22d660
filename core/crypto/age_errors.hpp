#pragma once
// The classes of failure the age code reports, as core::Error kinds. Each is stable (the CLI
// prints it, the UI maps it to a message) and falls in one of the classes the C2SP CCTV age
// test vectors distinguish, noted on the right.
#include <string_view>

namespace safetynet::core::age_error {

inline constexpr const char* kArmor = "armor";                         // armor failure
inline constexpr const char* kHeader = "header";                       // header failure: syntax
inline constexpr const char* kHeaderVersion = "header-version";        // header failure: not v1
inline constexpr const char* kHeaderTooLarge = "header-too-large";     // header failure: over the cap
inline constexpr const char* kHeaderTruncated = "header-truncated";    // header failure: ends in the header or the nonce
inline constexpr const char* kHeaderBase64 = "header-base64";          // header failure: non-canonical base64
inline constexpr const char* kStanza = "stanza";                       // header failure: wrong stanza arguments/body
inline constexpr const char* kScryptMixed = "scrypt-mixed";            // header failure: scrypt not alone
inline constexpr const char* kWorkFactor = "work-factor";              // header failure: scrypt factor over the cap
inline constexpr const char* kLowOrder = "low-order-share";            // header failure: X25519 all-zero secret
inline constexpr const char* kNoIdentity = "no-identity";              // no match
inline constexpr const char* kHeaderMac = "header-mac";                // HMAC failure
inline constexpr const char* kPayloadAuth = "payload-auth";            // payload failure: a chunk fails authentication
inline constexpr const char* kPayloadTruncated = "payload-truncated";  // payload failure: no final chunk
inline constexpr const char* kPayloadTrailing = "payload-trailing";    // payload failure: data after the final chunk
inline constexpr const char* kPayloadEmptyChunk = "payload-empty-chunk";  // payload failure: empty final chunk
inline constexpr const char* kPayloadTooLarge = "payload-too-large";   // payload failure: over the cap
inline constexpr const char* kRecipient = "recipient";                 // a recipient string we cannot use
inline constexpr const char* kIdentity = "identity";                   // an identity string or file we cannot use

// The CCTV class a kind belongs to: "armor failure", "header failure", "no match",
// "HMAC failure", "payload failure", or "" for kinds outside decryption.
std::string_view cctv_class(std::string_view kind);

}  // namespace safetynet::core::age_error
