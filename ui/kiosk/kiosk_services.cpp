#include "ui/kiosk/kiosk.hpp"
#include "core/base/clock.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <qrcodegen/qrcodegen.hpp>
#include <sodium.h>

#include <cmath>

namespace safetynet::ui {

const std::vector<ServiceCard>& Kiosk::services_for(Context& ctx, const std::string& domain) {
    const std::string key = domain + "|" + ctx.i18n.language();
    auto it = m_services.find(key);
    if (it == m_services.end()) {
        std::vector<ServiceCard> found;
        if (m_find_services) found = m_find_services(domain, m_flow.zip(), ctx.i18n.language());
        it = m_services.emplace(key, std::move(found)).first;
    }
    return it->second;
}

void Kiosk::draw_services(Context& ctx, const std::string& domain) {
    const Palette& p = *ctx.palette;
    const auto& services = services_for(ctx, domain);
    if (services.empty()) {
        paragraph(ctx, ctx.tr("kiosk.results.no_services"), ctx.fonts.small, p.text_muted);
        return;
    }
    begin_group(ctx, "results.services." + domain, Role::List, ctx.tr("kiosk.need." + domain));
    for (std::size_t i = 0; i < services.size(); ++i) {
        const ServiceCard& s = services[i];
        const std::string id = "results.service." + domain + "." + std::to_string(i);
        begin_group(ctx, id + ".item", Role::ListItem, {});
        ImGui::Indent(12 * ctx.scale);
        // One service reads as one block: its lines close together, the blocks apart.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 3 * ctx.scale));
        heading(ctx, s.name.c_str(), id, 3);
        mark_language(ctx, ctx.semantics.last(), s.name_lang);
        if (!s.description.empty()) paragraph(ctx, s.description.c_str(), ctx.fonts.small, p.text, s.description_lang);
        const std::string where = s.distance.empty() ? s.address : s.address + " (" + s.distance + ")";
        for (const std::string* line : {&where, &s.phone, &s.hours, &s.languages})
            if (!line->empty()) paragraph(ctx, line->c_str(), ctx.fonts.small, p.text_muted);
        ImGui::PopStyleVar();
        ImGui::Unindent(12 * ctx.scale);
        end_group(ctx);
        ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    }
    end_group(ctx);
}

std::string Kiosk::take_home_text(Context& ctx) {
    std::string out = std::string(ctx.tr("kiosk.print.title")) + " - " + m_site.site_name + "\n";
    if (const core::ScreeningResult* r = m_flow.result()) {
        for (const auto& n : r->needs) {
            if (!n.positive) continue;
            out += "\n" + std::string(ctx.tr("kiosk.need." + n.domain)) + ":\n";
            for (const ServiceCard& s : services_for(ctx, n.domain)) {
                out += "- " + s.name;
                if (!s.phone.empty()) out += ", " + s.phone;
                if (!s.address.empty()) out += ", " + s.address;
                out += "\n";
            }
        }
    }
    return out;
}

// The list as a QR code a phone camera reads as text: no link, no server, nothing leaves.
void Kiosk::draw_qr(Context& ctx) {
    const Palette& p = *ctx.palette;
    std::string text = take_home_text(ctx);
    // Phone cameras read QR codes up to about version 20 reliably from a screen: keep the
    // text under ~800 bytes (version 17 at ECC level M) by dropping addresses, then lines.
    if (text.size() > 800) text.resize(800);
    const qrcodegen::QrCode qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    sodium_memzero(text.data(), text.size());

    const ImVec2 view = ImGui::GetMainViewport()->Size;
    const float side = std::min(view.x * 0.8f, view.y * 0.62f);
    begin_dialog(ctx, "qr", Role::Dialog, ctx.tr("kiosk.qr.title"), ImVec2(side + 80 * ctx.scale, side + 300 * ctx.scale));
    heading(ctx, ctx.tr("kiosk.qr.title"), "qr.title");
    paragraph(ctx, ctx.tr("kiosk.qr.lead"), ctx.fonts.small, p.text_muted);
    // Dark modules on white with a quiet zone of four modules, whatever the theme (cameras need it).
    const int n = qr.getSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float module = std::floor(std::min(side, avail) / static_cast<float>(n + 8));
    const float code = module * static_cast<float>(n + 8);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - code) * 0.5f));  // centred in the card
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + code, at.y + code), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (qr.getModule(x, y))
                dl->AddRectFilled(ImVec2(at.x + module * (x + 4), at.y + module * (y + 4)),
                                  ImVec2(at.x + module * (x + 5), at.y + module * (y + 5)), IM_COL32(0, 0, 0, 255));
    ImGui::Dummy(ImVec2(code, code));
    describe(ctx, "qr.code", Role::Image, ctx.tr("kiosk.qr.image"));
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    const bool close = button(ctx, "qr.close", ctx.tr("kiosk.qr.close"), ButtonStyle::Primary,
                              ImVec2(ImGui::GetContentRegionAvail().x, 0));
    end_dialog(ctx);
    if (close || dialog_escape(ctx, "qr")) m_show_qr = false;
}

// A clean printed page: the needs and the places, no answers.
void Kiosk::print_list(Context& ctx) {
    PrintDocument doc;
    doc.lang = ctx.i18n.language();
    doc.title = ctx.tr("kiosk.print.title");
    const std::string date = core::local_iso8601(ctx.platform).substr(0, 10);  // the kiosk's own day
    doc.intro = ctx.i18n.format("kiosk.print.intro", {{"site", m_site.site_name}, {"date", date}});
    if (const core::ScreeningResult* r = m_flow.result()) {
        for (const auto& n : r->needs) {
            if (!n.positive) continue;
            PrintDocument::Section section;
            section.heading = ctx.tr("kiosk.need." + n.domain);
            for (const ServiceCard& s : services_for(ctx, n.domain)) {
                PrintDocument::Entry e{s.name, {}};
                for (const std::string* line : {&s.description, &s.address, &s.phone, &s.hours, &s.languages})
                    if (!line->empty()) e.lines.push_back(*line);
                section.entries.push_back(std::move(e));
            }
            doc.sections.push_back(std::move(section));
        }
    }
    doc.footer = ctx.tr("kiosk.print.footer");
    ctx.platform.print(doc);
}

}  // namespace safetynet::ui
