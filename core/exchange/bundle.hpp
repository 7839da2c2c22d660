#pragma once
// Referral bundles: how screenings, referrals and their status updates leave the device.
// The plaintext (docs/BUNDLES.md has the full format and a test vector) is a small header and
// a FHIR R4 Bundle (JSON; opaque here but for its size, depth and resourceType), signed with
// the sender's minisign key (the signature travels inside the encryption), then encrypted in
// the age format to one or more recipients: the receiving organization and the sender itself,
// so it can reopen what it sent.
//
//   safetynet-bundle/v1
//   kind: referral                        screening | referral | status-update | network-report |
//                                         capacity-update (the last two are signed, not encrypted:
//                                         aggregates and capacity hold no PHI)
//   id: 4f3c2a10-9b7e-4d21-8c55-0a1b2c3d4e5f
//   created: 2025-06-01T14:30:00Z
//   sender: Eastside Community Clinic
//   sender-recipient: age1…               the sender's contact card: where replies go
//   sender-key: RWQ…                      and the key that signs
//   content-type: application/fhir+json
//   content-length: 1234
//   (blank line)
//   <content-length bytes of FHIR JSON>\n
//   <a minisign signature (4 lines) over every byte above, with the trusted comment
//    "safetynet-bundle/v1 <kind> <id> <created>">
//
// Opening checks everything, then the signer against the trusted contacts, then the id
// against the seen-ids ledger.
#include "core/crypto/age.hpp"
#include "core/exchange/contact_card.hpp"
#include "core/crypto/minisign.hpp"
#include "core/exchange/seen_ledger.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

enum class BundleKind { Screening, Referral, StatusUpdate, NetworkReport, CapacityUpdate };
std::string_view bundle_kind_name(BundleKind kind);
std::optional<BundleKind> parse_bundle_kind(std::string_view name);

struct BundleHeader {
    BundleKind kind = BundleKind::Referral;
    std::string id;       // 1-128 of [A-Za-z0-9._:-], starting alphanumeric; a UUID by default
    std::string created;  // RFC 3339 UTC
    ContactCard sender;
};

struct BundleLimits {
    std::size_t max_content_bytes = std::size_t{8} << 20;  // the FHIR JSON
    std::size_t max_json_depth = 64;                        // FHIR nests a dozen levels deep
    int max_work_factor = scrypt_default_max_log_n();
};

// A fresh random id (a version 4 UUID).
std::string new_bundle_id();

// Error kinds: "bundle" (malformed plaintext), "bundle-content" (the FHIR JSON: not JSON, too
// deep, too large, not a Bundle), "bad-signature", plus every age kind.

// The signed plaintext. The signer must be the sender's signing key.
SecretBytes make_bundle_plaintext(const BundleHeader& header, std::string_view fhir_json, const MinisignSecretKey& signer,
                                  const BundleLimits& limits = {});
// Signs and encrypts. Add the sender's own recipient to `recipients` so it can reopen it.
Bytes seal_bundle(const BundleHeader& header, std::string_view fhir_json, const MinisignSecretKey& signer,
                  const std::vector<AgeRecipient>& recipients, bool armor = false, const BundleLimits& limits = {});

enum class BundleTrust {
    Trusted,        // signed by a trusted contact, id not seen before: import it
    UnknownSigner,  // a valid signature by a key not among the trusted contacts
    Replay,         // trusted, but this signer's id was already imported
};

struct OpenedBundle {
    BundleTrust trust = BundleTrust::UnknownSigner;
    BundleHeader header;              // as the (verified) plaintext says
    std::string signer_key_id;        // minisign key id, as minisign prints it
    std::string signer_fingerprint;   // of the sender's card: compare before trusting it
    std::optional<ContactCard> trusted_contact;  // the trusted card that matched
    std::string digest;               // SHA-256 (hex) of the plaintext, for the ledger
    // The FHIR JSON, only when trust == Trusted. PHI: call wipe() when done with it.
    std::string fhir_json;

    void wipe();
};

// Parses and verifies a decrypted plaintext; `seen` may be null (no replay check).
OpenedBundle read_bundle_plaintext(ByteView plaintext, const std::vector<ContactCard>& trusted, const SeenLedger* seen,
                                   const BundleLimits& limits = {});
// Decrypts (binary or armored) with `identities`, then read_bundle_plaintext.
OpenedBundle open_bundle(ByteView file, const std::vector<AgeIdentity>& identities,
                         const std::vector<ContactCard>& trusted, const SeenLedger* seen, const BundleLimits& limits = {});

// Records an imported bundle in the ledger (after the app stored it); false if already there.
bool record_import(SeenLedger& ledger, const OpenedBundle& bundle);

// True when the plaintext starts like a bundle (its first line).
bool is_bundle_plaintext(ByteView plaintext);

}  // namespace safetynet::core
