#pragma once
// The encrypted store (core/store/store.hpp) on this device's storage: reading its blobs, creating
// it, unlocking it with the passphrase's key derived a slice per frame (a progress bar, never
// a frozen page), saving after every change by running the store's save plan one storage
// operation after the other, and locking it.
//
// The passphrase is copied into the derivation job and wiped by it; this class keeps no copy.
#include "core/base/error.hpp"
#include "core/store/store.hpp"
#include "ui/shell/platform.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::ui {

class StoreSession {
public:
    enum class State {
        Loading,   // reading what storage holds
        Absent,    // no store on this device yet: set one up
        Locked,    // a store, waiting for its passphrase
        Deriving,  // deriving the key (create or unlock), `progress()` tells how far
        Unlocked,
        Failed,    // storage could not be read, or the store is damaged: `error()` says why
    };

    explicit StoreSession(Platform& platform, std::string prefix = std::string(core::Store::kDefaultPrefix));

    // Reads every blob under the prefix (again). `done` runs when the state is known.
    void load(std::function<void()> done = {});
    State state() const { return m_state; }
    double progress() const;
    // What went wrong last (its kind: "wrong-passphrase", "store-damaged", ...), empty when
    // nothing did; the error itself, which a screen renders in its language (ui/shell/error_text.hpp).
    const std::string& error_kind() const { return m_error_kind; }
    const core::Error* error() const { return m_error ? &*m_error : nullptr; }
    void clear_error();

    // Starts making a new store protected by `passphrase`; `settings` become its first content.
    // A key set named after the site is made for it once the key is derived.
    void begin_create(std::string_view passphrase, core::StoreSettings settings, int log_n = core::kScryptEncryptLogN);
    // Starts deriving the key for an existing, locked store.
    void begin_unlock(std::string_view passphrase);
    // Advances a derivation for about `budget_ms`; call once per frame while Deriving.
    void step(double budget_ms = 12.0);

    core::Store& store() { return *m_store; }
    const core::Store& store() const { return *m_store; }

    // Persists what changed (call after every change). Saves run one at a time; a change made
    // during a save is persisted by the next one. `saving()` is true until storage has it.
    void save();
    bool saving() const { return m_in_flight || (m_store && m_store->unlocked() && m_store->has_unsaved_changes()); }
    bool save_failed() const { return m_save_failed; }

    // Wipes the key and the data from memory (unsaved changes are saved first when possible:
    // the plan is computed before locking and finishes on its own).
    void lock();

private:
    void run_ops(std::shared_ptr<core::SavePlan> plan, std::size_t next);
    void fail(core::Error error);

    Platform& m_platform;
    std::string m_prefix;
    State m_state = State::Loading;
    std::unique_ptr<core::Store> m_store;
    core::StoreBlobs m_blobs;  // read at load(), for create() over an interrupted first save
    // A derivation in progress: for a new store, or to unlock.
    std::optional<core::StoreKeyJob> m_create_job;
    core::StoreSettings m_create_settings;
    std::optional<core::ScryptJob> m_unlock_job;
    bool m_in_flight = false;
    bool m_save_again = false;
    bool m_save_failed = false;
    std::string m_error_kind;
    std::optional<core::Error> m_error;
};

}  // namespace safetynet::ui
