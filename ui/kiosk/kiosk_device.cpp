#include "ui/kiosk/kiosk_device.hpp"

#include "core/actions/seal_screening.hpp"
#include "core/base/error.hpp"
#include "core/base/clock.hpp"

#include <sodium.h>

#include <memory>

namespace safetynet::ui {
namespace {

constexpr const char* kKeysetKey = "kiosk/keyset";
constexpr const char* kOutboxPrefix = "outbox/";

}  // namespace

void KioskDevice::load(const SiteConfig& site) {
    m_platform.storage_get(kKeysetKey, [this, name = site.site_name](std::optional<std::string> text) {
        if (text) {
            try {
                m_keys = core::KeySet::parse_secret_text(
                    core::ByteView(reinterpret_cast<const std::uint8_t*>(text->data()), text->size()));
            } catch (const core::Error&) {
                m_keys.reset();  // a damaged key: make a new one (the clinic trusts it again)
            }
            sodium_memzero(text->data(), text->size());
        }
        if (!m_keys) {
            m_keys = core::KeySet::generate((name.empty() ? std::string("SafetyNet") : name).substr(0, 180) + " kiosk",
                                            core::utc_rfc3339(m_platform));
            const core::SecretBytes secret = m_keys->to_secret_text();
            m_platform.storage_put(kKeysetKey, std::string(reinterpret_cast<const char*>(secret.data()), secret.size()),
                                   [](bool) {});
        }
        refresh();
    });
}

std::optional<std::string> KioskDevice::share(const core::Response& response, const core::ScreeningResult& result,
                                              const std::string& lang, const SiteConfig& site,
                                              std::function<void(bool)> stored) {
    if (!m_keys || site.clinic_recipient.empty()) return std::nullopt;
    try {
        core::SealedScreening sealed = core::seal_screening_for_clinic(response, result, lang, *m_keys,
                                                                       site.clinic_recipient, core::utc_rfc3339(m_platform));
        const std::string key = std::string(kOutboxPrefix) + sealed.created + "-" + sealed.bundle_id + ".age";
        m_platform.storage_put(key, std::string(sealed.file.begin(), sealed.file.end()),
                               [this, stored = std::move(stored)](bool ok) {
                                   refresh();
                                   if (stored) stored(ok);
                               });
        return std::move(sealed.pickup_code);
    } catch (const core::Error&) {
        return std::nullopt;
    }
}

void KioskDevice::refresh(std::function<void()> done) {
    m_platform.storage_keys(kOutboxPrefix, [this, done = std::move(done)](std::vector<std::string> keys) {
        m_outbox = std::move(keys);  // keys sort by creation time: they start with it
        if (done) done();
    });
}

void KioskDevice::export_outbox() {
    m_exported.clear();
    for (const std::string& key : m_outbox) {
        m_platform.storage_get(key, [this, key](std::optional<std::string> bytes) {
            if (!bytes) return;
            m_platform.save_file(key.substr(std::string(kOutboxPrefix).size()), std::move(*bytes),
                                 "application/octet-stream");
            m_exported.push_back(key);
        });
    }
}

void KioskDevice::remove_exported(std::function<void()> done) {
    auto left = std::make_shared<std::size_t>(m_exported.size());
    if (*left == 0) {
        refresh(std::move(done));
        return;
    }
    for (const std::string& key : m_exported)
        m_platform.storage_remove(key, [this, left, done](bool) {
            if (--*left == 0) refresh(done);
        });
    m_exported.clear();
}

void KioskDevice::read_outbox_file(const std::string& key, std::function<void(std::optional<std::string>)> done) {
    m_platform.storage_get(key, std::move(done));
}

}  // namespace safetynet::ui
