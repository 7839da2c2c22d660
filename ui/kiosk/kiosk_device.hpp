#pragma once
// What a kiosk keeps between sessions, and nothing about anyone:
//  - its own key set (made on first start): it signs the screenings it seals, so the clinic
//    can tell them from forgeries once it has trusted the kiosk's contact card;
//  - the outbox: screenings sealed to the clinic (ciphertext the kiosk itself cannot open),
//    waiting for staff to take them.
// Storage keys: "kiosk/keyset" (the key set's secret text) and "outbox/<created>-<id>.age".
#include "core/exchange/keyset.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/site_config.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace safetynet::ui {

class KioskDevice {
public:
    explicit KioskDevice(Platform& platform) : m_platform(platform) {}

    // Reads the key set from storage, or makes and stores one named after the site.
    void load(const SiteConfig& site);
    bool ready() const { return m_keys.has_value(); }
    core::ContactCard contact_card() const { return m_keys->contact_card(); }

    // Seals the screening for the clinic (core::seal_screening_for_clinic) and stores it in the
    // outbox. Returns the pickup code the person shows at the front desk, or nullopt when it
    // cannot seal (no clinic key, no device key yet). `stored` reports whether the outbox write
    // committed.
    std::optional<std::string> share(const core::Response& response, const core::ScreeningResult& result,
                                     const std::string& lang, const SiteConfig& site, std::function<void(bool)> stored);

    // The outbox, as storage keys, oldest first (refresh() reads them again).
    const std::vector<std::string>& outbox() const { return m_outbox; }
    void refresh(std::function<void()> done = {});
    // Hands every outbox file to staff (downloads), and later removes what was handed out.
    void export_outbox();
    void remove_exported(std::function<void()> done);
    // The outbox as one bundle file per QR sequence, for a phone or tablet that scans them.
    void read_outbox_file(const std::string& key, std::function<void(std::optional<std::string>)> done);

private:
    Platform& m_platform;
    std::optional<core::KeySet> m_keys;
    std::vector<std::string> m_outbox;
    std::vector<std::string> m_exported;
};

}  // namespace safetynet::ui
