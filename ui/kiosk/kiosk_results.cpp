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
    begin_group(ctx, "results.crisis", Role::Region, ctx.tr("kiosk.results.urgent_title"));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    ImGui::PushStyleColor(ImGuiCol_Text, p.urgent);
    heading(ctx, ctx.tr("kiosk.results.urgent_title"), {}, 2);
    ImGui::PopStyleColor();
    paragraph(ctx, SiteConfig::pick(site.crisis_message, lang).c_str(), ctx.fonts.body, p.text);
    for (const CrisisLine& line : site.crisis_lines) {
        ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
        paragraph(ctx, SiteConfig::pick(line.label, lang).c_str(), ctx.fonts.body, p.text);
        paragraph(ctx, line.number.c_str(), ctx.fonts.heading, p.text);
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
    end_group(ctx);
    ImGui::Dummy(ImVec2(0, 16 * ctx.scale));
}

// What the person can take with them, first (before the long list): print, a QR code for their
// phone, sharing with the care team and, once shared, the pickup code.
void Kiosk::draw_take_home(Context& ctx, bool any_need) {
    const Palette& p = *ctx.palette;
    const float width = column_width();
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool narrow = half < 220 * ctx.scale;  // one per row where two do not fit their labels
    if (any_need) {
        if (button(ctx, "results.print", ctx.tr("kiosk.results.print"), ButtonStyle::Secondary, ImVec2(narrow ? width : half, 0)))
            print_list(ctx);
        if (!narrow) ImGui::SameLine();
        if (button(ctx, "results.qr", ctx.tr("kiosk.results.qr"), ButtonStyle::Secondary, ImVec2(narrow ? width : half, 0)))
            m_show_qr = true;
    }
    if (m_site.clinic_recipient.empty()) return;
    if (m_flow.shared() && m_share_status == ShareStatus::Done) {
        paragraph(ctx, ctx.tr("kiosk.results.shared"), ctx.fonts.bold, p.primary_active);
        register_last_item(ctx, "results.shared");
        const std::string code = ctx.i18n.format("kiosk.results.code", {{"code", m_pickup_code}});
        paragraph(ctx, code.c_str(), ctx.fonts.heading, p.text);
        register_last_item(ctx, "results.code");
    } else if (m_share_status == ShareStatus::Failed) {
        paragraph(ctx, ctx.tr("kiosk.share.failed"), ctx.fonts.bold, p.urgent);
        register_last_item(ctx, "share.failed");
    } else if (button(ctx, "results.share", ctx.tr("kiosk.results.share"), ButtonStyle::Secondary, ImVec2(width, 0))) {
        m_flow.open_share();
    }
}

// What the person's answers point to, in plain words, with places that can help; what they can
// take home or share comes first, "Finish and clear" (which asks) in the nav bar.
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
    paragraph(ctx, ctx.tr(positive.empty() ? "kiosk.results.none" : "kiosk.results.help_available"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    draw_take_home(ctx, !positive.empty());
    ImGui::Dummy(ImVec2(0, 12 * ctx.scale));
    for (const core::Need* n : positive) {
        heading(ctx, ctx.tr("kiosk.need." + n->domain), "results.need." + n->domain, 2);
        draw_services(ctx, n->domain);
        ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    }
    end_column();
    end_content(ctx);
    switch (nav_bar(ctx, ctx.tr("kiosk.back"), ctx.tr("kiosk.results.finish"))) {
        case NavAction::Back: m_flow.back(); break;
        case NavAction::Next: m_confirm_finish = true; break;
        case NavAction::None:
        case NavAction::Middle: break;
    }
    if (m_show_qr) draw_qr(ctx);
}

}  // namespace safetynet::ui
