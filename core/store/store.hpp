#pragma once
// The encrypted local store: a clinic's or an organization's data on its own device (key sets,
// trusted contacts, screenings, referrals with their history, the seen-ids ledger, an audit
// log), encrypted under a key derived from a passphrase. docs/STORE.md has the format, the
// write protocol and the crash test.
//
// The store never touches storage itself. The browser keeps opaque blobs under string keys in
// IndexedDB, asynchronously, each put atomic (ui/shell/platform.hpp storage_*); natively the CLI uses
// a directory of files written by temp + rename. So:
//   - opening starts from a SNAPSHOT of the blobs the caller read (every key under the prefix);
//   - save() returns the ORDERED operations (put key bytes / remove key) the caller executes
//     one after the other, stopping at the first failure, then reports how many completed.
// Whatever prefix of a save's operations ran before a crash or reload, opening again gives the
// state before that save or the state after it, never a mix and never an error: new sections
// go to fresh blob names, the head (the commit point) is put after all of them, and old blobs
// are removed only after the head. tests/core/store/test_store_crash.cpp checks this after every
// operation of many saves.
//
// How the screens use it (every passphrase step runs a slice per frame, never blocking):
//
//   // First start: no store yet (Store::present(blobs) is false).
//   auto c = Store::start_create(passphrase);          // step c.job.step_for(8ms) per frame,
//   Store s = Store::create(std::move(c), settings, blobs);   // draw c.job.progress()
//   SavePlan p = s.save();  run p.ops in order;  s.save_finished(p, ops_done);
//
//   // Later: read every key under "store/" into `blobs`, then
//   Store s = Store::open(blobs);                      // locked; header checked
//   ScryptJob j = s.start_unlock(passphrase);          // step per frame, show progress
//   s.finish_unlock(j);                                // throws "wrong-passphrase": nothing changes
//   s.put_referral(r); s.audit("Dr. Diaz", "referral-created", "referral " + r.id);
//   SavePlan p = s.save(); ...                         // after each change, or on a timer
//   s.lock();                                          // on idle: key and data wiped
//                                                      // (save first: has_unsaved_changes())
//
// core/actions/store_actions.hpp holds the operations the screens perform (add a referral, import a
// status update, list referrals with overdue flags, ...); core/store/store_backup.hpp the backup.
//
// [SECTION] Blobs and save plans
// [SECTION] Store
#include "core/store/store_data.hpp"
#include "core/store/store_format.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Blobs and save plans
//----------------------------------------------------------------------------------------------

// Storage key -> bytes (ciphertext only), as the caller read them.
using StoreBlobs = std::map<std::string, std::string>;

struct StoreOp {
    enum class Kind { Put, Remove };
    Kind kind = Kind::Put;
    std::string key;
    std::string bytes;  // Put only
};

struct SavePlan {
    std::uint64_t id = 0;        // matches save_finished() to its save()
    std::vector<StoreOp> ops;    // run in this order, one after the other
    std::size_t commit = 0;      // index of the head put: the save counts once it completed
    bool empty() const { return ops.empty(); }
};

// A key derivation in progress for a new passphrase (create, change of passphrase).
struct StoreKeyJob {
    StoreKdf kdf;
    ScryptJob job;
};

//----------------------------------------------------------------------------------------------
// [SECTION] Store
//----------------------------------------------------------------------------------------------

class Store {
public:
    static constexpr std::string_view kDefaultPrefix = "store/";

    // Is there a store (a head blob) among these blobs?
    static bool present(const StoreBlobs& blobs, std::string_view prefix = kDefaultPrefix);

    // A new store. start_create draws a salt and returns the passphrase's key derivation
    // (log_n: scrypt work factor; 18 = 256 MiB, 2-3 s in the browser). create() takes the
    // finished job and returns the store unlocked, empty but for `settings`; nothing is
    // persisted until its first save. `existing`: the blobs already under the prefix (left by
    // an interrupted first save): they are removed by that save. Throws "store-exists" when
    // they hold a store's head.
    static StoreKeyJob start_create(ByteView passphrase, int log_n = kScryptEncryptLogN);
    static Store create(StoreKeyJob&& job, StoreSettings settings, const StoreBlobs& existing = {},
                        std::string prefix = std::string(kDefaultPrefix));

    // An existing store, locked. Throws "store-missing" (no head), "store-damaged" (a head that
    // is not one), "store-version", "work-factor" (a KDF above `max_log_n`, by default this
    // device's cap: scrypt_default_max_log_n()).
    static Store open(StoreBlobs blobs, std::string prefix = std::string(kDefaultPrefix),
                      int max_log_n = scrypt_default_max_log_n());

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // --- locking
    bool unlocked() const { return m_unlocked; }
    // The key derivation for `passphrase` with this store's parameters; step it, then finish.
    ScryptJob start_unlock(ByteView passphrase) const;
    // Throws, staying locked and changing nothing: "wrong-passphrase" (the check value differs),
    // "store-damaged" (the right passphrase, but a blob is missing, altered or unreadable;
    // `where` names the section).
    void finish_unlock(const ScryptJob& job);
    void unlock(ByteView passphrase);  // the blocking form (CLI, tests)
    // Wipes the key and every piece of data from memory. Unsaved changes are lost: save first.
    // A save in flight may still be finished (save_finished) after locking.
    void lock();

    // --- what is in it (each throws "store-locked" while locked)
    StoreSettings& settings();
    std::vector<KeySet>& key_sets();
    std::vector<TrustedContact>& contacts();
    SeenLedger& ledger();
    const std::map<std::string, Referral>& referrals() const;
    const Referral* referral(std::string_view id) const;
    void put_referral(Referral r);  // adds or replaces (by id); check_referral() first
    bool remove_referral(std::string_view id);
    const std::map<std::string, StoredScreening>& screenings() const;
    const StoredScreening* screening(std::string_view id) const;
    void put_screening(StoredScreening s);
    bool remove_screening(std::string_view id);
    // The EHR roster (measures' denominators): replaced whole, marking its section.
    const Roster& roster() const;
    void set_roster(Roster r);
    // Capacity updates received: a small section, compared by content at each save.
    std::vector<CapacityRecord>& capacity();
    const std::vector<AuditEntry>& audit_log() const;
    // Appends to the audit log. Ids and actions only: never PHI in these strings.
    void audit(std::string actor, std::string action, std::string object, std::string detail = {}, std::string at = {});
    // The whole content (dashboard, backup).
    const StoreData& data() const;
    // Replaces everything (a restored backup); every section is rewritten by the next save.
    void replace_data(StoreData data);

    // --- saving
    bool has_unsaved_changes() const;
    // The operations that persist every change since the last completed save; an empty plan
    // when there is none. Throws "store-locked", and "store-busy" while a plan is in flight.
    SavePlan save();
    // How many of the plan's operations completed (all of them, or those before the first
    // failure). The save counts once the head put (ops[commit]) completed; otherwise its
    // changes stay pending for the next save.
    void save_finished(const SavePlan& plan, std::size_t completed_ops);
    bool saving() const { return m_pending != nullptr; }

    // --- a new passphrase: every section is re-encrypted under the new key by the next save
    // (until it completes, the old passphrase still opens what is in storage).
    StoreKeyJob start_rekey(ByteView new_passphrase, int log_n = kScryptEncryptLogN) const;
    void finish_rekey(StoreKeyJob&& job);

    // --- about the store (also while locked)
    const std::string& prefix() const { return m_prefix; }
    const std::string& store_id() const { return m_header.store_id; }
    std::uint64_t generation() const { return m_header.generation; }
    const StoreKdf& kdf() const { return m_header.kdf; }
    // The blobs this store believes are in storage (what it read and what completed since).
    const StoreBlobs& persisted() const { return m_persisted; }

private:
    struct Entry {
        std::string blob;    // storage key
        std::string digest;  // BLAKE2b-256 of the blob
    };
    struct Pending;

    Store() = default;
    void require_unlocked() const;
    std::string head_key() const { return m_prefix + "head"; }
    std::string plain_digest(const SecretBytes& plaintext) const;
    // The sections to (re)write and the ones to drop, against the committed manifest.
    std::map<std::string, SecretBytes> changed_sections(std::vector<std::string>& dropped) const;
    void mark_audit_dirty();

    std::string m_prefix;
    StoreHeader m_header;       // of the committed head (the one in storage)
    StoreBlobs m_persisted;     // blobs believed in storage, under the prefix
    bool m_unlocked = false;
    SecretBytes m_key;          // the AEAD key (unlocked only)
    SecretBytes m_digest_key;   // keys the in-memory digests of persisted plaintexts
    std::map<std::string, Entry> m_manifest;         // committed: section -> blob
    std::map<std::string, std::string> m_plain;      // committed: section -> keyed digest
    std::set<std::string> m_dirty;                   // sections changed through the methods
    StoreData m_data;
    // A pending new passphrase (finish_rekey): header KDF and check, and the new key.
    std::optional<StoreHeader> m_rekey_header;
    SecretBytes m_rekey_key;
    std::unique_ptr<Pending> m_pending;
    std::uint64_t m_next_plan = 1;
    int m_max_log_n = scrypt_default_max_log_n();
};

}  // namespace safetynet::core
