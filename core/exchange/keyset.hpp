#pragma once
// An organization's key set: its age identity (to open what is sent to it) and its minisign
// signing key (to sign what it sends), with its name. The secret form is only ever stored
// encrypted under a passphrase: an age file with a single scrypt recipient (ASCII-armored, so
// it survives e-mail and copy-paste), which the stock `age -d` also opens. Inside is a short
// text (a secret; held in SecretBytes):
//
//   safetynet-keyset/v1
//   name: Eastside Community Clinic
//   created: 2025-06-01T14:30:00Z
//   age-identity: AGE-SECRET-KEY-1…
//   minisign-secret-key: <the base64 line of an unencrypted minisign secret key file>
//
// Its public half is the contact card (core/exchange/contact_card.hpp).
#include "core/crypto/age.hpp"
#include "core/exchange/contact_card.hpp"
#include "core/crypto/minisign.hpp"

#include <string>
#include <string_view>

namespace safetynet::core {

struct KeySet {
    std::string name;
    std::string created;  // RFC 3339 UTC
    X25519Identity age_identity;
    MinisignSecretKey signing_key;

    // New keys, created now by the machine's clock, or at `created` (RFC 3339 UTC; a screen
    // passes its platform's time).
    static KeySet generate(std::string_view name);
    static KeySet generate(std::string_view name, std::string_view created);
    ContactCard contact_card() const;

    SecretBytes to_secret_text() const;
    // Throws core::Error("keyset") naming the line when malformed.
    static KeySet parse_secret_text(ByteView text);

    // The encrypted export (blocking scrypt at `log_n`), and its UI form with a recipient
    // prepared by a stepped job (ScryptRecipient::start / from_job).
    Bytes export_encrypted(ByteView passphrase, int log_n = kScryptEncryptLogN) const;
    Bytes export_encrypted(const ScryptRecipient& prepared) const;
    // The import (blocking). The UI form: AgeDecryption, its passphrase job, finish(), then
    // parse_secret_text() on the plaintext.
    static KeySet import_encrypted(ByteView file, ByteView passphrase, const AgeLimits& limits = {});
};

// True when `file` looks like an age file (binary or armored), e.g. an encrypted key set or an
// identity file encrypted with `age -p`, rather than a plain identity file.
bool looks_like_age_file(ByteView file);

}  // namespace safetynet::core
