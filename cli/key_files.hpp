#pragma once
// Reading the key material the bundle commands take on the command line: recipients,
// identity files (age-keygen's, `age -p`-encrypted ones, organization key sets), signing keys
// (minisign files or key sets) and trusted signers.
#include "core/crypto/age.hpp"
#include "core/exchange/contact_card.hpp"
#include "core/exchange/keyset.hpp"
#include "core/crypto/minisign.hpp"

#include <optional>
#include <string>
#include <vector>

namespace safetynet::cli {

// "age1…", or a contact card file.
core::X25519Recipient load_recipient(const std::string& value);

// Identity files: age-keygen's form, or an age file under a passphrase holding an identity
// file or a SafetyNet key set. `passphrase_file` answers the passphrase for encrypted ones.
std::vector<core::AgeIdentity> load_identities(const std::vector<std::string>& files,
                                               const std::optional<std::string>& passphrase_file, int max_work_factor);

struct Signer {
    core::MinisignSecretKey key;
    std::optional<core::KeySet> key_set;  // when KEY was a key set: name and recipient come from it
};
// A minisign secret key file (encrypted or not) or an encrypted key set.
Signer load_signer(const std::string& file, const std::optional<std::string>& passphrase_file, int max_work_factor);

// A minisign public key file, a bare key ("RW…"), or a contact card file. Only the signing
// key decides trust; a bare key gets the name "minisign key <ID>".
core::ContactCard load_trusted_signer(const std::string& value);

// Whether `path` exists (for refusing to overwrite keys).
bool file_exists(const std::string& path);

}  // namespace safetynet::cli
