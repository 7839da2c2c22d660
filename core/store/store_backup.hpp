#pragma once
// Backup: the whole store as ONE file, an age file (ASCII-armored by default) with a single
// scrypt passphrase recipient, so the stock `age -d` opens it as well. Inside:
//
//   safetynet-store-backup/v1\n
//   created: <RFC 3339 UTC>\n
//   store: <the store's id>\n
//   sections: <count>\n
//   \n
//   then per section, in name order: "<name> <byte length>\n" <the section's bytes> "\n"
//
// The sections are exactly what the store encrypts one by one (core/store/store_data.hpp), so a
// restore gives back the same data, keys included: keep the file and its passphrase apart.
//
// The screens: export with a prepared recipient (ScryptRecipient::start(pass), step its job a
// slice per frame, ScryptRecipient::from_job) and hand the file to the person; import with
// AgeDecryption d(file): job = d.start_passphrase(pass), step, plain = finish_store_backup(d, job)
// (a wrong passphrase throws "wrong-passphrase", a tampered file "header-mac" / "payload-auth":
// nothing changes), then store.replace_data(parse_store_backup(plain.view()).data) and save.
#include "core/crypto/age.hpp"
#include "core/store/store.hpp"

#include <string>
#include <string_view>

namespace safetynet::core {

struct StoreBackup {
    std::string created;
    std::string store_id;  // of the store it came from
    StoreData data;
};

// The plaintext (secret).
SecretBytes store_backup_plaintext(const Store& store, std::string_view now);
// Throws core::Error("backup", <where>, ...) when malformed.
StoreBackup parse_store_backup(ByteView plaintext);

// Encrypted exports: with a recipient prepared by a stepped job (UI), or blocking (CLI, tests).
Bytes export_store_backup(const Store& store, const ScryptRecipient& prepared, std::string_view now, bool armor = true);
Bytes export_store_backup(const Store& store, ByteView passphrase, std::string_view now,
                          int log_n = kScryptEncryptLogN, bool armor = true);
// Blocking import: decrypt and parse. Throws "wrong-passphrase" for a passphrase that does not
// open it, the age kinds for a damaged or altered file, "backup" for a malformed plaintext.
StoreBackup import_store_backup(ByteView file, ByteView passphrase, const AgeLimits& limits = {});
// d.finish(done_job) for a backup: a passphrase that does not open it is "wrong-passphrase".
SecretBytes finish_store_backup(const AgeDecryption& d, const ScryptJob& done_job);

}  // namespace safetynet::core
