#include "ui/kiosk/kiosk_staff.hpp"

#include "core/exchange/qr_transport.hpp"
#include "ui/shell/error_text.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <cctype>
#include <cmath>

namespace safetynet::ui {
namespace {

std::string sha256_hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool equal_ignoring_case(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

}  // namespace

std::string KioskStaff::state_id() const {
    switch (m_state) {
        case State::Closed: return "closed";
        case State::Pin: return "pin";
        case State::Panel: return "panel";
        case State::Qr: return "qr";
    }
    return "closed";
}

void KioskStaff::close() {
    sodium_memzero(m_pin.data(), m_pin.size());
    m_pin.clear();
    m_qr_parts.clear();
    m_wrong_pin = false;
    m_state = State::Closed;
}

void KioskStaff::draw(Context& ctx, KioskDevice& device, const SiteConfig& site) {
    if (m_state == State::Closed) return;
    begin_content(ctx);
    begin_column(ctx, 900);
    switch (m_state) {
        case State::Pin: draw_pin(ctx, site); break;
        case State::Panel: draw_panel(ctx, device, site); break;
        case State::Qr: draw_qr(ctx, device); break;
        case State::Closed: break;
    }
    end_column();
    end_content(ctx);
    if (nav_bar(ctx, ctx.tr("staff.close"), nullptr) == NavAction::Back) close();
}

void KioskStaff::draw_pin(Context& ctx, const SiteConfig& site) {
    const Palette& p = *ctx.palette;
    heading(ctx, ctx.tr("staff.pin.title"), "staff.pin.title");
    if (site.staff_pin_sha256.empty()) {
        paragraph(ctx, ctx.tr("staff.pin.none"), ctx.fonts.body, p.text);
        return;
    }
    if (m_wrong_pin) paragraph(ctx, ctx.tr("staff.pin.wrong"), ctx.fonts.bold, p.urgent);
    if (numpad(ctx, "staff.pin", ctx.tr("staff.pin.title"), m_pin, 8)) m_wrong_pin = false;
    // OK under the pad, as wide as it, and a gap before the nav bar so it is never under it.
    ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
    if (button(ctx, "staff.pin.ok", ctx.tr("staff.pin.ok"), ButtonStyle::Primary,
               ImVec2(std::min(column_width(), std::max(touch_target(ctx.scale) * 1.6f, 110.0f * ctx.scale) * 3 + 24 * ctx.scale), 0)) &&
        !m_pin.empty()) {
        const bool ok = equal_ignoring_case(sha256_hex(m_pin), site.staff_pin_sha256);
        sodium_memzero(m_pin.data(), m_pin.size());
        m_pin.clear();
        m_wrong_pin = !ok;
        if (ok) m_state = State::Panel;
        else ctx.semantics.announce(ctx.tr("staff.pin.wrong"), Announcement::Politeness::Assertive);
    }
}

void KioskStaff::draw_panel(Context& ctx, KioskDevice& device, const SiteConfig& site) {
    const Palette& p = *ctx.palette;
    heading(ctx, ctx.tr("staff.title"), "staff.title");
    const std::string waiting = ctx.i18n.format(
        "staff.outbox", {{"count", std::to_string(device.outbox().size())},
                         {"clinic", site.clinic_name.empty() ? site.site_name : site.clinic_name}});
    paragraph(ctx, waiting.c_str(), ctx.fonts.body, p.text);
    register_last_item(ctx, "staff.outbox");
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    const float w = column_width();
    if (!device.outbox().empty()) {
        if (button(ctx, "staff.download", ctx.tr("staff.download"), ButtonStyle::Primary, ImVec2(w, 0))) {
            device.export_outbox();
            m_downloaded = true;
        }
        if (m_downloaded &&
            button(ctx, "staff.remove", ctx.tr("staff.remove"), ButtonStyle::Secondary, ImVec2(w, 0))) {
            device.remove_exported([] {});
            m_downloaded = false;
        }
        if (button(ctx, "staff.qr", ctx.tr("staff.qr"), ButtonStyle::Secondary, ImVec2(w, 0))) {
            m_qr_file = 0;
            m_qr_part = 0;
            m_qr_parts.clear();
            m_state = State::Qr;
        }
    }
    if (device.ready()) {
        const core::ContactCard card = device.contact_card();
        if (button(ctx, "staff.card", ctx.tr("staff.card"), ButtonStyle::Secondary, ImVec2(w, 0)))
            ctx.platform.save_file("kiosk-contact-card.json", card.to_json(), "application/json");
        const std::string fp = ctx.i18n.format("staff.fingerprint", {{"fingerprint", card.fingerprint()}});
        paragraph(ctx, fp.c_str(), ctx.fonts.small, p.text_muted);
    }
    if (!site.warnings.empty()) {
        ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
        paragraph(ctx, ctx.tr("staff.warnings"), ctx.fonts.bold, p.urgent);
        for (const core::Error& warning : site.warnings)
            paragraph(ctx, error_text(ctx.i18n, warning).c_str(), ctx.fonts.small, p.text);
    }
}

// One outbox file at a time as numbered QR codes (core/qr_transport): a clinic tablet scans
// them in any order and reassembles the sealed file.
void KioskStaff::draw_qr(Context& ctx, KioskDevice& device) {
    const Palette& p = *ctx.palette;
    const auto& files = device.outbox();
    if (files.empty() || m_qr_file >= files.size()) {
        m_state = State::Panel;
        return;
    }
    if (m_qr_parts.empty()) {
        // Read once; the parts stay until another file is shown.
        device.read_outbox_file(files[m_qr_file], [this](std::optional<std::string> bytes) {
            if (!bytes) return;
            m_qr_parts = core::qr_split(core::ByteView(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size()));
        });
        return;
    }
    const std::string label = ctx.i18n.format("staff.qr.part", {{"n", std::to_string(m_qr_part + 1)},
                                                                {"total", std::to_string(m_qr_parts.size())},
                                                                {"file", std::to_string(m_qr_file + 1)},
                                                                {"files", std::to_string(files.size())}});
    paragraph(ctx, label.c_str(), ctx.fonts.bold, p.text);
    register_last_item(ctx, "staff.qr.label");
    const core::QrMatrix m = core::qr_encode(m_qr_parts[m_qr_part]);
    const float side = std::min(column_width(), ImGui::GetContentRegionAvail().y - 150 * ctx.scale);
    const float module = std::floor(side / static_cast<float>(m.size + 8));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + module * (m.size + 8), at.y + module * (m.size + 8)), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.at(x, y))
                dl->AddRectFilled(ImVec2(at.x + module * (x + 4), at.y + module * (y + 4)),
                                  ImVec2(at.x + module * (x + 5), at.y + module * (y + 5)), IM_COL32(0, 0, 0, 255));
    ImGui::Dummy(ImVec2(module * (m.size + 8), module * (m.size + 8)));
    describe(ctx, "staff.qr.code", Role::Image, label);
    const float half = (column_width() - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (button(ctx, "staff.qr.prev", ctx.tr("staff.qr.prev"), ButtonStyle::Secondary, ImVec2(half, 0))) {
        if (m_qr_part > 0) {
            --m_qr_part;
        } else if (m_qr_file > 0) {
            --m_qr_file;
            m_qr_parts.clear();
        }
    }
    ImGui::SameLine();
    if (button(ctx, "staff.qr.next", ctx.tr("staff.qr.next"), ButtonStyle::Primary, ImVec2(half, 0))) {
        if (m_qr_part + 1 < m_qr_parts.size()) {
            ++m_qr_part;
        } else if (m_qr_file + 1 < files.size()) {
            ++m_qr_file;
            m_qr_part = 0;
            m_qr_parts.clear();
        }
    }
}

}  // namespace safetynet::ui
