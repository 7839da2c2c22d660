#include "ui/kiosk/kiosk.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>

namespace safetynet::ui {

// The crisis card: first on the results when a safety or self-harm answer needs it, in the
// site's own words and numbers.
static void crisis_card(Context& ctx, const SiteConfig& site) {
    const Palette& p = *ctx.palette;
    const std::string& lang = ctx.i18n.language();
    const float width = column_width();
    const float pad = 20 * ctx.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    ImGui::PushFont(ctx.fonts.heading);
    ImGui::PushStyleColor(ImGuiCol_Text, p.urgent);
    ImGui::TextUnformatted(ctx.tr("kiosk.results.urgent_title"));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    paragraph(SiteConfig::pick(site.crisis_message, lang).c_str(), ctx.fonts.body, p.text);
    for (const CrisisLine& line : site.crisis_lines) {
        ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
        paragraph(SiteConfig::pick(line.label, lang).c_str(), ctx.fonts.body, p.text);
        paragraph(line.number.c_str(), ctx.fonts.heading, p.text);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const ImVec2 bottom(top.x + width, ImGui::GetItemRectMax().y + pad);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(top, bottom, ImGui::GetColorU32(p.surface), 14 * ctx.scale);
    dl->AddRect(top, bottom, ImGui::GetColorU32(p.urgent), 14 * ctx.scale, 0, 4 * ctx.scale);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom.y));
    ImGui::Dummy(ImVec2(width, 1));
    ctx.widgets.add("results.crisis", WidgetRect{top.x, top.y, width, bottom.y - top.y, true, width, bottom.y - top.y});
    ImGui::Dummy(ImVec2(0, 16 * ctx.scale));
}

// What the person's answers point to, in plain words, with places that can help; then what
// they can take home or share, and "Finish and clear".
void Kiosk::draw_results(Context& ctx) {
    const Palette& p = *ctx.palette;
    const core::ScreeningResult* result = m_flow.result();
    begin_content(ctx);
    begin_column(ctx, 900);
    if (result && result->urgent) crisis_card(ctx, m_site);
    heading(ctx, ctx.tr("kiosk.results.title"), "results.title");
    std::vector<const core::Need*> positive;
    if (result)
        for (const auto& n : result->needs)
            if (n.positive) positive.push_back(&n);
    if (positive.empty()) {
        paragraph(ctx.tr("kiosk.results.none"), ctx.fonts.body, p.text);
    } else {
        paragraph(ctx.tr("kiosk.results.help_available"), ctx.fonts.body, p.text);
        ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
        for (const core::Need* n : positive) {
            const std::string key = "kiosk.need." + n->domain;
            ImGui::PushFont(ctx.fonts.heading);
            ImGui::TextUnformatted(ctx.tr(key));
            ImGui::PopFont();
            register_last_item(ctx, "results.need." + n->domain);
            draw_services(ctx, n->domain);
            ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
        }
    }
    ImGui::Dummy(ImVec2(0, 12 * ctx.scale));
    const float width = column_width();
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (!positive.empty()) {
        if (button(ctx, "results.print", ctx.tr("kiosk.results.print"), ButtonStyle::Secondary, ImVec2(half, 0)))
            print_list(ctx);
        ImGui::SameLine();
        if (button(ctx, "results.qr", ctx.tr("kiosk.results.qr"), ButtonStyle::Secondary, ImVec2(half, 0)))
            m_show_qr = true;
    }
    if (!m_site.clinic_recipient.empty()) {
        if (m_flow.shared() && m_share_status == ShareStatus::Done) {
            paragraph(ctx.tr("kiosk.results.shared"), ctx.fonts.bold, p.primary_active);
            register_last_item(ctx, "results.shared");
            const std::string code = ctx.i18n.format("kiosk.results.code", {{"code", m_pickup_code}});
            paragraph(code.c_str(), ctx.fonts.heading, p.text);
            register_last_item(ctx, "results.code");
        } else if (m_share_status == ShareStatus::Failed) {
            paragraph(ctx.tr("kiosk.share.failed"), ctx.fonts.bold, p.urgent);
            register_last_item(ctx, "share.failed");
        } else if (button(ctx, "results.share", ctx.tr("kiosk.results.share"), ButtonStyle::Secondary, ImVec2(width, 0))) {
            m_flow.open_share();
        }
    }
    end_column();
    end_content();
    switch (nav_bar(ctx, ctx.tr("kiosk.back"), ctx.tr("kiosk.results.finish"))) {
        case NavAction::Back: m_flow.back(); break;
        case NavAction::Next: m_finish_requested = true; break;
        case NavAction::None:
        case NavAction::Middle: break;
    }
    if (m_show_qr) draw_qr(ctx);
}

}  // namespace safetynet::ui
