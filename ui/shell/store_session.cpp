#include "ui/shell/store_session.hpp"

#include "core/base/clock.hpp"
#include "core/base/error.hpp"
#include "core/exchange/keyset.hpp"

#include <chrono>
#include <utility>

namespace safetynet::ui {

StoreSession::StoreSession(Platform& platform, std::string prefix) : m_platform(platform), m_prefix(std::move(prefix)) {}

void StoreSession::fail(core::Error error) {
    m_error_kind = error.kind();
    m_error = std::move(error);
}

void StoreSession::clear_error() {
    m_error_kind.clear();
    m_error.reset();
}

void StoreSession::load(std::function<void()> done) {
    m_state = State::Loading;
    m_platform.storage_keys(m_prefix, [this, done](std::vector<std::string> keys) {
        auto blobs = std::make_shared<core::StoreBlobs>();
        auto left = std::make_shared<std::size_t>(keys.size());
        auto finish = [this, blobs, done] {
            m_blobs = std::move(*blobs);
            m_store.reset();
            if (!core::Store::present(m_blobs, m_prefix)) {
                m_state = State::Absent;
            } else {
                try {
                    // The store keeps what it read; the copy here serves only a first set-up.
                    m_store = std::make_unique<core::Store>(core::Store::open(std::exchange(m_blobs, {}), m_prefix));
                    m_state = State::Locked;
                } catch (const core::Error& e) {
                    fail(e);
                    m_state = State::Failed;
                }
            }
            if (done) done();
        };
        if (keys.empty()) return finish();
        for (const std::string& key : keys) {
            m_platform.storage_get(key, [blobs, left, key, finish](std::optional<std::string> bytes) {
                if (bytes) (*blobs)[key] = std::move(*bytes);
                if (--*left == 0) finish();
            });
        }
    });
}

double StoreSession::progress() const {
    if (m_create_job) return m_create_job->job.progress();
    if (m_unlock_job) return m_unlock_job->progress();
    return 0;
}

void StoreSession::begin_create(std::string_view passphrase, core::StoreSettings settings, int log_n) {
    clear_error();
    try {
        m_create_job.emplace(core::Store::start_create(core::as_bytes(passphrase), log_n));
        m_create_settings = std::move(settings);
        m_state = State::Deriving;
    } catch (const core::Error& e) {
        fail(e);
    }
}

void StoreSession::begin_unlock(std::string_view passphrase) {
    clear_error();
    if (!m_store) return;
    try {
        m_unlock_job.emplace(m_store->start_unlock(core::as_bytes(passphrase)));
        m_state = State::Deriving;
    } catch (const core::Error& e) {
        fail(e);
    }
}

void StoreSession::step(double budget_ms) {
    if (m_state != State::Deriving) return;
    const auto budget = std::chrono::microseconds(static_cast<long long>(budget_ms * 1000));
    try {
        if (m_create_job) {
            if (!m_create_job->job.step_for(budget)) return;
            core::StoreSettings settings = m_create_settings;
            const std::string name = settings.name;
            m_store = std::make_unique<core::Store>(
                core::Store::create(std::move(*m_create_job), std::move(settings), m_blobs, m_prefix));
            m_create_job.reset();
            // The site's own keys: it signs what it sends and opens what is sealed to it.
            const std::string now = core::utc_rfc3339(m_platform);
            m_store->key_sets().push_back(core::KeySet::generate(name, now));
            m_store->audit("setup", "store-created", "store " + m_store->store_id(), {}, now);
            m_state = State::Unlocked;
            save();
            return;
        }
        if (m_unlock_job) {
            if (!m_unlock_job->step_for(budget)) return;
            core::ScryptJob job = std::move(*m_unlock_job);
            m_unlock_job.reset();
            m_store->finish_unlock(job);
            m_state = State::Unlocked;
        }
    } catch (const core::Error& e) {
        m_create_job.reset();
        m_unlock_job.reset();
        fail(e);
        m_state = m_store ? State::Locked : State::Absent;
    }
}

void StoreSession::save() {
    if (!m_store || !m_store->unlocked()) return;
    if (m_in_flight) {
        m_save_again = true;
        return;
    }
    core::SavePlan plan;
    try {
        plan = m_store->save();
    } catch (const core::Error& e) {
        m_save_failed = true;
        fail(e);
        return;
    } catch (const std::exception& e) {
        // Not expected (the store checks what it is given), but a save must never take the
        // page down with it: what is in storage is still the last good state.
        m_save_failed = true;
        fail(core::Error("store-data", "", e.what()));
        return;
    }
    if (plan.empty()) return;
    m_in_flight = true;
    run_ops(std::make_shared<core::SavePlan>(std::move(plan)), 0);
}

void StoreSession::run_ops(std::shared_ptr<core::SavePlan> plan, std::size_t next) {
    auto finished = [this, plan](std::size_t completed) {
        m_store->save_finished(*plan, completed);
        m_in_flight = false;
        m_save_failed = completed < plan->ops.size();
        if (m_save_failed) fail(core::Error("storage", "", "the browser's storage refused a write; nothing saved was lost"));
        if (m_save_again || (!m_save_failed && m_store->unlocked() && m_store->has_unsaved_changes())) {
            m_save_again = false;
            save();
        }
    };
    if (next == plan->ops.size()) return finished(next);
    const core::StoreOp& op = plan->ops[next];
    auto cont = [this, plan, next, finished](bool ok) {
        if (!ok) return finished(next);
        run_ops(plan, next + 1);
    };
    if (op.kind == core::StoreOp::Kind::Put)
        m_platform.storage_put(op.key, op.bytes, cont);
    else
        m_platform.storage_remove(op.key, cont);
}

void StoreSession::lock() {
    if (!m_store) return;
    save();  // the plan holds ciphertext only; it completes after the key is gone
    m_store->lock();
    m_create_job.reset();
    m_unlock_job.reset();
    m_state = State::Locked;
}

}  // namespace safetynet::ui
