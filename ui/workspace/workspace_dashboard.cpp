// Outcome figures over a period, drawn as bars, with the exports an EMR or a funder asks for.
#include "core/base/error.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace safetynet::ui {
namespace {

std::string percent(const std::optional<double>& v) {
    if (!v) return "—";
    char s[16];
    std::snprintf(s, sizeof s, "%.0f%%", *v * 100.0);
    return s;
}

std::string days(const core::Translator& i18n, const std::optional<double>& v) { return v ? i18n.decimal(*v, 1) : "—"; }

// One horizontal bar: label, a bar proportional to value/max, the value as text; right to left
// the label at the right and the bar filling leftwards from it. Where the three do not fit on one
// line (a phone, 400 % zoom: WCAG 1.4.10) the label goes above, wrapped, the bar and its value
// below it.
void bar(Context& ctx, const std::string& label, double value, double max, const std::string& text, const ImVec4& color) {
    ImFont* font = ImGui::GetFont();
    const float room = room_on_line(ctx), min_bar = 100 * ctx.scale, gap = 8 * ctx.scale;
    float label_w = 220 * ctx.scale, value_w = 140 * ctx.scale;
    const bool stacked = room < label_w + min_bar + value_w;
    if (stacked) {
        draw_paragraph(ctx, label.c_str(), font, ctx.palette->text);
        label_w = 0;
        value_w = text_size(ctx, font, text).x + gap;
    }
    const float bar_w = std::max(stacked ? gap : min_bar, room - label_w - value_w);
    const float h = ImGui::GetTextLineHeight();
    place_next(ctx, label_w + bar_w + value_w);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 ink = ImGui::GetColorU32(ctx.palette->text);
    const bool rtl = ctx.mirrored();
    const float bar_x = rtl ? at.x + value_w : at.x + label_w;
    if (!stacked)
        draw_text(ctx, dl, font, ImVec2(rtl ? at.x + value_w + bar_w + gap : at.x, at.y), ink, label, 0, rtl ? label_w - gap : 0);
    const ImVec2 b0(bar_x, at.y + h * 0.15f);
    dl->AddRectFilled(b0, ImVec2(b0.x + bar_w, b0.y + h * 0.7f), ImGui::GetColorU32(ctx.palette->secondary), 3);
    const float f = max > 0 ? static_cast<float>(value / max) : 0.0f;
    const float from = rtl ? b0.x + bar_w * (1 - f) : b0.x;
    if (f > 0) dl->AddRectFilled(ImVec2(from, b0.y), ImVec2(from + bar_w * f, b0.y + h * 0.7f), ImGui::GetColorU32(color), 3);
    draw_text(ctx, dl, font, ImVec2(rtl ? at.x : b0.x + bar_w + gap, at.y), ink, text, 0, rtl ? value_w - gap : 0);
    ImGui::Dummy(ImVec2(label_w + bar_w + value_w, h + 4 * ctx.scale));
    ctx.semantics.add_item({}, Role::Text, label + ": " + text);  // what the bar says, in words
}

// `first`: the row's first figure, at the row's start (right to left: its right end).
void figure(Context& ctx, std::string_view id, const char* label, const std::string& value, bool first = false) {
    const float width = std::max(text_size(ctx, ctx.fonts.heading, value).x, text_size(ctx, ctx.fonts.small, label).x);
    // Beside the last one when it fits there, else on the next row (a longer language, a narrow
    // screen). Asked before each figure, not after: a space kept after the row's last figure
    // reached past a 320 px window's edge and let it scroll sideways.
    const float spacing = 40 * ctx.scale;
    const bool fits = ctx.mirrored() ? fits_beside_last(ctx, width)
                                     : ImGui::GetItemRectMax().x + spacing + width <=
                                           ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first && fits) ImGui::SameLine(0, spacing);
    begin_placed_group(ctx, width);
    paragraph(ctx, value.c_str(), ctx.fonts.heading, ctx.palette->primary_active);
    register_last_item(ctx, id);
    paragraph(ctx, label, ctx.fonts.small, ctx.palette->text_muted);
    end_placed_group(ctx);
}

// The headline figures in one row; the clinic also sees its screenings.
void headline_figures(Context& ctx, const core::DashboardFigures& f, bool clinic) {
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    if (clinic) {
        figure(ctx, "dash.screenings", ctx.tr("ws.dash.screenings"), std::to_string(f.screenings), true);
        figure(ctx, "dash.with_need", ctx.tr("ws.dash.with_need"), std::to_string(f.screenings_with_need));
    }
    figure(ctx, "dash.sent", ctx.tr(clinic ? "ws.dash.sent" : "ws.dash.received"), std::to_string(f.sent), !clinic);
    figure(ctx, "dash.closure", ctx.tr("ws.dash.closure"), percent(f.closure_rate));
    figure(ctx, "dash.loop_closed", ctx.tr("ws.dash.loop_closed"), percent(f.loop_closed_rate));
    figure(ctx, "dash.median_days", ctx.tr("ws.dash.median_days"), days(ctx.i18n, f.median_days_to_close));
    figure(ctx, "dash.overdue", ctx.tr("ws.dash.overdue"), std::to_string(f.overdue));
}

// Bars: how often each need was found, and the referrals by status.
void charts(Context& ctx, const core::DashboardFigures& f) {
    const Palette& p = *ctx.palette;
    if (!f.positive_rates.empty()) {
        section_title(ctx, ctx.tr("ws.dash.positive"));
        for (const core::DomainRate& d : f.positive_rates)
            bar(ctx, ctx.tr("domain." + d.domain), d.rate, 1.0,
                percent(d.rate) + " (" + std::to_string(d.positive) + "/" + std::to_string(d.decided) + ")", p.primary);
    }
    section_title(ctx, ctx.tr("ws.dash.by_status"));
    std::size_t most = 1;
    for (const auto& [s, n] : f.by_status) most = std::max(most, n);
    for (const auto& [s, n] : f.by_status) {
        if (n == 0 && (s == core::TaskStatus::Draft || s == core::TaskStatus::EnteredInError)) continue;
        bar(ctx, ctx.tr("ws.status." + std::string(core::task_status_code(s))), static_cast<double>(n), static_cast<double>(most),
            std::to_string(n), status_color(p, s));
    }
}

void organization_table(Context& ctx, const core::DashboardFigures& f) {
    if (f.by_organization.empty()) return;
    section_title(ctx, ctx.tr("ws.dash.by_org"));
    static const char* const headers[] = {"ws.dash.org", "ws.dash.sent", "ws.dash.open", "ws.dash.completed",
                                          "ws.dash.closure", "ws.dash.median_days"};
    if (table_stacks(ctx, 6)) {
        std::vector<std::string> names;
        for (const char* h : headers) names.emplace_back(ctx.tr(h));
        begin_group(ctx, "dash.orgs", Role::List, ctx.tr("ws.dash.by_org"));
        for (const core::OrganizationFigures& org : f.by_organization)
            stacked_row(ctx, names, {org.name, std::to_string(org.sent), std::to_string(org.open), std::to_string(org.completed),
                                     percent(org.closure_rate), days(ctx.i18n, org.median_days_to_close)});
        end_group(ctx);
        return;
    }
    if (!ImGui::BeginTable("orgs", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp))
        return;
    for (const char* h : headers) ImGui::TableSetupColumn(ctx.tr(h));
    mirror_table_columns(ctx);
    begin_group(ctx, "dash.orgs", Role::Table, ctx.tr("ws.dash.by_org"));
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    begin_group(ctx, {}, Role::Row, {});
    for (const char* h : headers) table_cell(ctx, ctx.tr(h), true);
    end_group(ctx);
    for (const core::OrganizationFigures& org : f.by_organization) {
        ImGui::TableNextRow();
        begin_group(ctx, {}, Role::Row, {});
        for (const std::string& cell : {org.name, std::to_string(org.sent), std::to_string(org.open), std::to_string(org.completed),
                                        percent(org.closure_rate), days(ctx.i18n, org.median_days_to_close)})
            table_cell(ctx, cell.c_str());
        end_group(ctx);
    }
    end_group(ctx);
    ImGui::EndTable();
}

}  // namespace

void Workspace::draw_dashboard(Context& ctx) {
    const core::DashboardOptions o = draw_dashboard_period(ctx);
    core::DashboardFigures f;
    try {
        f = core::compute_dashboard(m_session.store().data(), o);
    } catch (const core::Error& e) {
        // A half-typed date: say which, keep the last figures out of view rather than wrong.
        paragraph(ctx, error_message(e).c_str(), ctx.fonts.bold, ctx.palette->urgent);
        register_last_item(ctx, "dash.error");
        return;
    }
    m_last_figures = f;
    headline_figures(ctx, f, m_role == WorkspaceRole::Clinic);
    charts(ctx, f);
    organization_table(ctx, f);
    draw_dashboard_exports(ctx, f, o);
}

// The period's two dates, and the options the figures are computed with.
core::DashboardOptions Workspace::draw_dashboard_period(Context& ctx) {
    // Labels above their fields, the date format as the fields' hint.
    TextFieldOptions date;
    date.kind = InputKind::Date;
    date.width = 200 * ctx.scale;
    date.hint = "YYYY-MM-DD";
    text_field(ctx, "dash.from", ctx.tr("ws.dash.from"), m_from.data(), m_from.size(), date);
    ImGui::SameLine();
    text_field(ctx, "dash.to", ctx.tr("ws.dash.to"), m_to.data(), m_to.size(), date);
    core::DashboardOptions o;
    o.from = m_from.data();
    o.to = m_to.data();
    o.now = now();
    o.overdue_days = m_session.store().settings().overdue_days;
    o.direction = m_role == WorkspaceRole::Clinic ? core::ReferralDirection::Outgoing : core::ReferralDirection::Incoming;
    return o;
}

// The figures as CSV, the referrals as CSV, and the period as a FHIR Bundle (PHI: audited).
void Workspace::draw_dashboard_exports(Context& ctx, const core::DashboardFigures& f, const core::DashboardOptions& o) {
    core::Store& store = m_session.store();
    section_title(ctx, ctx.tr("ws.dash.export"));
    const std::string period = (o.from.empty() ? std::string("start") : o.from) + "_" + (o.to.empty() ? std::string("today") : o.to);
    if (small_button(ctx, "dash.csv", ctx.tr("ws.dash.csv")))
        m_platform.save_file("safetynet-figures-" + period + ".csv", core::dashboard_csv(f), "text/csv");
    ImGui::SameLine();
    if (small_button(ctx, "dash.referrals_csv", ctx.tr("ws.dash.referrals_csv")))
        m_platform.save_file("safetynet-referrals-" + period + ".csv", core::referrals_csv(store.data(), o), "text/csv");
    ImGui::SameLine();
    if (small_button(ctx, "dash.fhir", ctx.tr("ws.dash.fhir"))) {
        try {
            m_platform.save_file("safetynet-period-" + period + ".fhir.json", core::period_bundle(store.data(), o).dump(2),
                                 "application/fhir+json");
            store.audit(actor(), "period-exported", "period " + period, {}, now());
            changed();
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
    }
    paragraph(ctx, ctx.tr("ws.dash.fhir_phi"), ctx.fonts.small, ctx.palette->text_muted);
    if (m_role == WorkspaceRole::Clinic) draw_measures(ctx);
}

}  // namespace safetynet::ui
