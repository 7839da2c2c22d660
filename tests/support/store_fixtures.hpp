#pragma once
// A storage stand-in for the store tests: a map of blobs that runs save plans one operation at
// a time (as IndexedDB or the CLI's directory would), optionally stopping after a prefix.
#include "core/store/store.hpp"
#include "core/store/store_data.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace safetynet::test {

// Scrypt work factor for tests: 2^10 (1 MiB) keeps hundreds of unlocks fast; the format and
// code path are the same as at 18.
inline constexpr int kTestLogN = 10;

inline core::Store create_store(const std::string& passphrase, const std::string& name = "Eastside Community Clinic",
                                const core::StoreBlobs& existing = {}) {
    auto job = core::Store::start_create(core::as_bytes(passphrase), kTestLogN);
    job.job.run();
    core::StoreSettings settings;
    settings.name = name;
    return core::Store::create(std::move(job), settings, existing);
}

struct MemoryStorage {
    core::StoreBlobs blobs;

    // Runs the first `limit` operations of the plan (all by default) and returns how many ran.
    std::size_t run(const core::SavePlan& plan, std::size_t limit = static_cast<std::size_t>(-1)) {
        std::size_t done = 0;
        for (const core::StoreOp& op : plan.ops) {
            if (done == limit) break;
            if (op.kind == core::StoreOp::Kind::Put)
                blobs[op.key] = op.bytes;
            else
                blobs.erase(op.key);
            ++done;
        }
        return done;
    }
    // save() + run everything + save_finished().
    void save(core::Store& store) {
        const core::SavePlan plan = store.save();
        store.save_finished(plan, run(plan));
    }
};

inline core::Store open_unlocked(const core::StoreBlobs& blobs, const std::string& passphrase) {
    core::Store s = core::Store::open(blobs);
    s.unlock(core::as_bytes(passphrase));
    return s;
}

// Every section's plaintext: two stores hold the same data exactly when these are equal.
inline std::map<std::string, std::string> canonical(const core::Store& store) {
    std::map<std::string, std::string> out;
    for (const auto& [name, bytes] : core::serialize_store_sections(store.data()))
        out.emplace(name, std::string(core::as_chars(bytes.view())));
    return out;
}

}  // namespace safetynet::test
