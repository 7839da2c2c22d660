#include "ui/kiosk/kiosk_device.hpp"

#include "core/exchange/bundle.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/screening/screening_fhir.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <chrono>

namespace safetynet::ui {
namespace {

constexpr const char* kKeysetKey = "kiosk/keyset";
constexpr const char* kOutboxPrefix = "outbox/";
// Names the person in the bundle: a code shown on screen, read out at the front desk.
constexpr const char* kPickupCodeSystem = "urn:safetynet:kiosk-pickup-code";

std::string pickup_code() {
    // 6 digits, grouped for reading aloud; 1 in a million between two people at one kiosk.
    const std::uint32_t n = randombytes_uniform(1000000);
    char text[16];
    std::snprintf(text, sizeof text, "%03u %03u", n / 1000 % 1000, n % 1000);
    return text;
}

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
            m_keys = core::KeySet::generate((name.empty() ? std::string("SafetyNet") : name).substr(0, 180) + " kiosk");
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
        const auto clinic = core::X25519Recipient::parse(site.clinic_recipient);
        const std::string code = pickup_code();
        core::ScreeningFhirOptions options;
        options.authored = core::utc_now_rfc3339();
        options.language = lang;
        nlohmann::json fhir = core::screening_bundle(response, result, options);
        for (auto& entry : fhir["entry"])
            if (core::string_field(entry["resource"], "resourceType") == "Patient")
                entry["resource"]["identifier"] = {{{"system", kPickupCodeSystem}, {"value", code}}};
        std::string text = fhir.dump();
        core::BundleHeader header;
        header.kind = core::BundleKind::Screening;
        header.id = core::new_bundle_id();
        header.created = options.authored;
        header.sender = m_keys->contact_card();
        // The clinic only: the kiosk must not be able to read back what a patient shared.
        const core::Bytes sealed = core::seal_bundle(header, text, m_keys->signing_key, {core::AgeRecipient(clinic)});
        sodium_memzero(text.data(), text.size());
        const std::string key = std::string(kOutboxPrefix) + header.created + "-" + header.id + ".age";
        m_platform.storage_put(key, std::string(sealed.begin(), sealed.end()),
                               [this, stored = std::move(stored)](bool ok) {
                                   refresh();
                                   if (stored) stored(ok);
                               });
        return code;
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
