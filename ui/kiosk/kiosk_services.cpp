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
        paragraph(ctx.tr("kiosk.results.no_services"), ctx.fonts.small, p.text_muted);
        return;
    }
    for (std::size_t i = 0; i < services.size(); ++i) {
        const ServiceCard& s = services[i];
        ImGui::Indent(12 * ctx.scale);
        // One service reads as one block: its lines close together, the blocks apart.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 3 * ctx.scale));
        paragraph(s.name.c_str(), ctx.fonts.bold, p.text);
        register_last_item(ctx, "results.service." + domain + "." + std::to_string(i));
        if (!s.description.empty()) paragraph(s.description.c_str(), ctx.fonts.small, p.text);
        const std::string where = s.distance.empty() ? s.address : s.address + " (" + s.distance + ")";
        for (const std::string* line : {&where, &s.phone, &s.hours, &s.languages})
            if (!line->empty()) paragraph(line->c_str(), ctx.fonts.small, p.text_muted);
        ImGui::PopStyleVar();
        ImGui::Unindent(12 * ctx.scale);
        ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    }
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

    const ImVec2 win = ImGui::GetWindowSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    dl->AddRectFilled(origin, ImVec2(origin.x + win.x, origin.y + win.y), ImGui::GetColorU32(ImVec4(0, 0, 0, 0.55f)));
    const float side = std::min(win.x, win.y) * 0.62f;
    const float card_w = side + 80 * ctx.scale, card_h = side + 260 * ctx.scale;
    const ImVec2 card((win.x - card_w) * 0.5f, (win.y - card_h) * 0.5f);
    ImGui::SetCursorPos(card);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface);
    ImGui::BeginChild("qr", ImVec2(card_w, card_h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(40 * ctx.scale, 20 * ctx.scale));
    ImGui::PushTextWrapPos(card_w - 40 * ctx.scale);
    heading(ctx, ctx.tr("kiosk.qr.title"));
    paragraph(ctx.tr("kiosk.qr.lead"), ctx.fonts.small, p.text_muted);
    ImGui::PopTextWrapPos();
    // Dark modules on white with a quiet zone of four modules, whatever the theme (cameras need it).
    const int n = qr.getSize();
    const float module = std::floor(side / static_cast<float>(n + 8));
    const ImVec2 at(ImGui::GetCursorScreenPos().x + (card_w - module * (n + 8)) * 0.5f - 40 * ctx.scale,
                    ImGui::GetCursorScreenPos().y + 8 * ctx.scale);
    ImDrawList* cdl = ImGui::GetWindowDrawList();
    cdl->AddRectFilled(at, ImVec2(at.x + module * (n + 8), at.y + module * (n + 8)), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (qr.getModule(x, y))
                cdl->AddRectFilled(ImVec2(at.x + module * (x + 4), at.y + module * (y + 4)),
                                   ImVec2(at.x + module * (x + 5), at.y + module * (y + 5)), IM_COL32(0, 0, 0, 255));
    const float code_side = module * (n + 8);
    ctx.widgets.add("qr.code", WidgetRect{at.x, at.y, code_side, code_side, true, code_side, code_side});
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + 40 * ctx.scale, at.y + module * (n + 8) + 16 * ctx.scale));
    if (button(ctx, "qr.close", ctx.tr("kiosk.qr.close"), ButtonStyle::Primary, ImVec2(card_w - 80 * ctx.scale, 0)))
        m_show_qr = false;
    ImGui::EndChild();
    ImGui::PopStyleColor();
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
