// The clinic's quality measures (MIPS #487, #498, SDOH-1/2) for the dashboard's period, with
// why each patient counts; the EHR roster import; FHIR MeasureReports and the signed network
// report to download; and the network coordinator's view of several sites' files.
#include "core/actions/measure_report.hpp"
#include "core/actions/measures.hpp"
#include "core/actions/network_report.hpp"
#include "core/actions/roster_import.hpp"
#include "core/actions/store_actions.hpp"
#include "core/base/error.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <string>
#include <vector>

namespace safetynet::ui {
namespace {

std::string count_text(const std::optional<std::size_t>& v) { return v ? std::to_string(*v) : std::string("—"); }

std::string rate_text(const core::Translator& i18n, const std::optional<double>& v) {
    return v ? i18n.decimal(*v * 100.0, 1) + "%" : "—";
}

std::string explain_line(Context& ctx, const core::MeasureExplanation& e) {
    std::string line = std::string(ctx.tr("ws.measure." + e.measure));
    if (!e.group.empty()) line += " · " + std::string(ctx.tr("ws.hrsn." + e.group));
    if (!e.visit.empty()) line += " · " + ctx.i18n.format("ws.why.visit", {{"date", e.visit}});
    line += ": " + ctx.i18n.format("ws.why." + e.reason, e.params);
    return line;
}

}  // namespace

void Workspace::draw_measures(Context& ctx) {
    section_title(ctx, ctx.tr("ws.measures.title"));
    register_last_item(ctx, "measures.title");
    import_pending_roster(ctx);
    draw_roster_line(ctx);
    if (!m_from[0] || !m_to[0]) {
        paragraph(ctx, ctx.tr("ws.measures.need_period"), ctx.fonts.body, ctx.palette->text_muted);
        return;
    }
    core::MeasuresReport m;
    core::DatePeriod period;
    try {
        period = core::parse_date_period(std::string(m_from.data()) + "/" + m_to.data(), "measures");
        m = core::compute_measures(m_session.store().data(), {period, now(), m_explain_patient.data()});
    } catch (const core::Error& e) {
        paragraph(ctx, error_message(e).c_str(), ctx.fonts.bold, ctx.palette->urgent);
        register_last_item(ctx, "measures.error");
        return;
    }
    draw_measures_table(ctx, m);
    draw_measure_explain(ctx, m);
    draw_measures_exports(ctx, m, period);
    m_last_measures = std::move(m);
    draw_network(ctx);
}

// The EHR's part of the denominators: the roster files the user picked, read into the store.
void Workspace::import_pending_roster(Context& ctx) {
    for (PickedFile& f : std::exchange(m_pending_roster, {})) {
        try {
            const core::Roster r = core::parse_roster(f.bytes, f.name);
            const auto res = core::import_roster(m_session.store(), r, now(), actor());
            changed();
            set_message(ctx.i18n.format("ws.roster.imported", {{"file", f.name}, {"patients", std::to_string(res.patients)},
                                                               {"visits", std::to_string(res.visits)}}),
                        false);
        } catch (const core::Error& e) {
            set_message(ctx.i18n.format("ws.import.failed", {{"file", f.name}, {"error", error_message(e)}}), true);
        }
        sodium_memzero(f.bytes.data(), f.bytes.size());
    }
}

// Which roster the measures use (or that none is there), and the button that imports one.
void Workspace::draw_roster_line(Context& ctx) {
    const Palette& p = *ctx.palette;
    const core::Roster& roster = m_session.store().data().roster;
    paragraph(ctx, roster.patients.empty() ? ctx.tr("ws.roster.none")
                                      : ctx.i18n.format("ws.roster.have", {{"n", std::to_string(roster.patients.size())},
                                                                           {"date", roster.imported.substr(0, 10)}}).c_str(),
              ctx.fonts.small, roster.patients.empty() ? p.urgent : p.text_muted);
    if (small_button(ctx, "measures.roster", ctx.tr("ws.roster.import")))
        m_platform.pick_files(".csv,.json,text/csv,application/json", false, [this](std::vector<PickedFile> files) {
            if (m_session.state() != StoreSession::State::Unlocked) return;
            m_pending_roster = std::move(files);
            m_redraw = true;
        });
}

// One row per measure and group: denominator, excluded, numerator, rate.
void Workspace::draw_measures_table(Context& ctx, const core::MeasuresReport& m) {
    const Palette& p = *ctx.palette;
    static const char* const headers[] = {"ws.measures.measure", "ws.measures.denominator", "ws.measures.excluded",
                                          "ws.measures.numerator", "ws.measures.rate", "ws.measures.group"};
    auto cells = [&](const core::MeasureResult& r, const core::MeasureGroupResult& g) {
        const std::string excluded = g.exclusion && g.exception ? std::to_string(*g.exclusion + *g.exception) : count_text({});
        return std::vector<std::string>{std::string(ctx.tr("ws.measure." + r.id)), count_text(g.denominator), excluded,
                                        count_text(g.numerator), rate_text(ctx.i18n, g.score()),
                                        std::string(g.code.empty() ? "" : ctx.tr("ws.hrsn." + g.code))};
    };
    if (table_stacks(ctx, 6)) {
        std::vector<std::string> names;
        for (const char* h : headers) names.emplace_back(ctx.tr(h));
        ImGui::BeginGroup();
        begin_group(ctx, "measures.grid", Role::List, ctx.tr("ws.measures.title"));
        for (const core::MeasureResult& r : m.measures)
            for (const core::MeasureGroupResult& g : r.groups) stacked_row(ctx, names, cells(r, g));
        end_group(ctx);
        ImGui::EndGroup();
    } else if (ImGui::BeginTable("measures", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : headers) ImGui::TableSetupColumn(ctx.tr(h));
        mirror_table_columns(ctx);
        begin_group(ctx, "measures.grid", Role::Table, ctx.tr("ws.measures.title"));
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        begin_group(ctx, {}, Role::Row, {});
        for (const char* h : headers) table_cell(ctx, ctx.tr(h), true);
        end_group(ctx);
        for (const core::MeasureResult& r : m.measures)
            for (const core::MeasureGroupResult& g : r.groups) {
                ImGui::TableNextRow();
                begin_group(ctx, {}, Role::Row, {});
                for (const std::string& cell : cells(r, g)) table_cell(ctx, cell.c_str());
                end_group(ctx);
            }
        end_group(ctx);
        ImGui::EndTable();
    }
    register_last_item(ctx, "measures.table");
    if (!m.has_roster) paragraph(ctx, ctx.tr("ws.measures.denominator_missing"), ctx.fonts.bold, p.urgent);
    if (m.unlinked_screenings)
        paragraph(ctx, ctx.i18n.format("ws.measures.unlinked", {{"n", std::to_string(m.unlinked_screenings)}}).c_str(), ctx.fonts.small,
                  p.text_muted);
}

// The period's MeasureReports as FHIR, and the signed network report for the other sites.
void Workspace::draw_measures_exports(Context& ctx, const core::MeasuresReport& m, const core::DatePeriod& period) {
    core::Store& store = m_session.store();
    const std::string name = core::format_date_period(period);
    std::string file_period = name;
    for (char& c : file_period)
        if (c == '/') c = '_';
    if (small_button(ctx, "measures.fhir", ctx.tr("ws.measures.download"))) {
        m_platform.save_file("safetynet-measures-" + file_period + ".fhir.json",
                             core::measure_reports_bundle(core::reports_from_measures(m), period, now(), store.settings().name).dump(2),
                             "application/fhir+json");
        store.audit(actor(), "measures-exported", "period " + name);
        changed();
    }
    ImGui::SameLine();
    if (small_button(ctx, "measures.network", ctx.tr("ws.measures.network_export"))) {
        try {
            if (store.data().key_sets.empty()) throw core::Error("network", "keys", "this site has no key to sign with");
            std::vector<core::Report> reports = core::network_reports(store.data(), period, now());
            core::suppress_small_cells(reports);
            m_platform.save_file("safetynet-network-" + file_period + ".txt",
                                 core::export_network_report(reports, period, now(), store.data().key_sets.front()), "text/plain");
            store.audit(actor(), "network-report-exported", "period " + name);
            changed();
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
    }
    paragraph(ctx, ctx.tr("ws.measures.network_hint"), ctx.fonts.small, ctx.palette->text_muted);
}

void Workspace::draw_measure_explain(Context& ctx, const core::MeasuresReport& m) {
    const Palette& p = *ctx.palette;
    text_field(ctx, "measures.why", ctx.tr("ws.measures.why"), m_explain_patient.data(), m_explain_patient.size(), 0,
               220 * ctx.scale);
    const std::string who = m_explain_patient.data();
    if (who.empty()) return;
    std::size_t shown = 0;
    for (const core::MeasureExplanation& e : m.explanations) {
        if (e.patient != who) continue;
        paragraph(ctx, explain_line(ctx, e).c_str(), ctx.fonts.small, e.populations.empty() ? p.text_muted : p.text);
        register_last_item(ctx, "measures.why." + std::to_string(shown++));
    }
    if (!shown) paragraph(ctx, ctx.tr("ws.why.nothing"), ctx.fonts.small, p.text_muted);
}

void Workspace::open_network_files(Context& ctx, std::vector<PickedFile> files) {
    m_network_report.clear();
    std::vector<core::SiteReport> sites;
    const std::vector<core::ContactCard> cards = core::trusted_cards(m_session.store());
    for (const PickedFile& f : files) {
        try {
            sites.push_back(core::read_network_report(f.bytes, f.name, cards));
            m_network_report.emplace_back(ctx.i18n.format("ws.network.read", {{"file", f.name}, {"site", sites.back().site}}), false);
        } catch (const core::Error& e) {
            m_network_report.emplace_back(ctx.i18n.format("ws.import.failed", {{"file", f.name}, {"error", error_message(e)}}), true);
        }
    }
    m_network.reset();
    if (sites.empty()) return;
    try {
        m_network = core::merge_network(sites);
    } catch (const core::Error& e) {
        m_network_report.emplace_back(error_message(e), true);
    }
}

void Workspace::draw_network(Context& ctx) {
    const Palette& p = *ctx.palette;
    section_title(ctx, ctx.tr("ws.network.title"));
    if (!m_pending_network.empty()) open_network_files(ctx, std::exchange(m_pending_network, {}));
    paragraph(ctx, ctx.tr("ws.network.hint"), ctx.fonts.small, p.text_muted);
    if (small_button(ctx, "network.open", ctx.tr("ws.network.open")))
        m_platform.pick_files(".txt,text/plain", true, [this](std::vector<PickedFile> files) {
            if (m_session.state() != StoreSession::State::Unlocked) return;
            m_pending_network = std::move(files);
            m_redraw = true;
        });
    for (const auto& [line, error] : m_network_report) paragraph(ctx, line.c_str(), ctx.fonts.small, error ? p.urgent : p.text);
    if (!m_network) return;
    const core::NetworkView& v = *m_network;
    const int cols = static_cast<int>(v.sites.size()) + 3;
    std::vector<std::string> names{ctx.tr("ws.measures.measure"), ctx.tr("ws.network.cell")};
    names.insert(names.end(), v.sites.begin(), v.sites.end());
    names.emplace_back(ctx.tr("ws.network.total"));
    auto cells = [&](const core::NetworkCell& c) {
        std::string what = c.population;
        if (!c.group.empty()) what = std::string(ctx.tr("ws.hrsn." + c.group)) + " · " + what;
        if (!c.stratum.empty()) what += " · " + c.stratum;
        std::vector<std::string> row{ctx.tr("ws.measure." + c.measure), what};
        for (const auto& s : c.sites) row.emplace_back(s ? std::to_string(*s) : std::string(ctx.tr("ws.network.suppressed")));
        row.push_back(c.total() ? std::to_string(*c.total())
                                : ctx.i18n.plural("ws.network.partial", c.suppressed_sites, {{"known", std::to_string(c.known_total)}}));
        return row;
    };
    if (table_stacks(ctx, cols)) {
        ImGui::BeginGroup();
        begin_group(ctx, "network.grid", Role::List, ctx.tr("ws.network.title"));
        for (const core::NetworkCell& c : v.cells) stacked_row(ctx, names, cells(c));
        end_group(ctx);
        ImGui::EndGroup();
    } else if (ImGui::BeginTable("network", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp |
                                               ImGuiTableFlags_ScrollY,
                          ImVec2(0, 320 * ctx.scale))) {
        ImGui::TableSetupColumn(ctx.tr("ws.measures.measure"));
        ImGui::TableSetupColumn(ctx.tr("ws.network.cell"));
        for (const std::string& s : v.sites) ImGui::TableSetupColumn(s.c_str());
        ImGui::TableSetupColumn(ctx.tr("ws.network.total"));
        mirror_table_columns(ctx);
        begin_group(ctx, "network.grid", Role::Table, ctx.tr("ws.network.title"));
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        begin_group(ctx, {}, Role::Row, {});
        table_cell(ctx, ctx.tr("ws.measures.measure"), true);
        table_cell(ctx, ctx.tr("ws.network.cell"), true);
        for (const std::string& s : v.sites) table_cell(ctx, s.c_str(), true);
        table_cell(ctx, ctx.tr("ws.network.total"), true);
        end_group(ctx);
        for (const core::NetworkCell& c : v.cells) {
            ImGui::TableNextRow();
            begin_group(ctx, {}, Role::Row, {});
            for (const std::string& cell : cells(c)) table_cell(ctx, cell.c_str());
            end_group(ctx);
        }
        end_group(ctx);
        ImGui::EndTable();
    }
    register_last_item(ctx, "network.table");
    if (small_button(ctx, "network.csv", ctx.tr("ws.network.csv")))
        m_platform.save_file("safetynet-network.csv", core::network_csv(v), "text/csv");
}

}  // namespace safetynet::ui
