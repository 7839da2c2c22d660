#pragma once
// The kiosk's staff panel, behind a PIN: how many shared screenings wait in the outbox, and the
// ways to take them (download the files, or show them as a sequence of QR codes for a clinic
// tablet to scan); the kiosk's contact card for the clinic to trust; what is wrong in the site
// file. Nothing here can open a screening: they are sealed for the clinic.
#include "ui/shell/context.hpp"
#include "ui/kiosk/kiosk_device.hpp"
#include "ui/shell/site_config.hpp"

#include <string>
#include <vector>

namespace safetynet::ui {

class KioskStaff {
public:
    bool open() const { return m_state != State::Closed; }
    void show() { m_state = State::Pin; }
    // Draws over the whole window while open.
    void draw(Context& ctx, KioskDevice& device, const SiteConfig& site);
    std::string state_id() const;

private:
    void draw_pin(Context& ctx, const SiteConfig& site);
    void draw_panel(Context& ctx, KioskDevice& device, const SiteConfig& site);
    void draw_qr(Context& ctx, KioskDevice& device);
    void close();

    enum class State { Closed, Pin, Panel, Qr } m_state = State::Closed;
    std::string m_pin;
    bool m_wrong_pin = false;
    bool m_downloaded = false;
    std::size_t m_qr_file = 0;          // which outbox file is shown as QR codes
    std::size_t m_qr_part = 0;
    std::vector<std::string> m_qr_parts;  // of the file on screen
};

}  // namespace safetynet::ui
