// Network export, suppression, verification and merge (network_report.hpp).
//
// [SECTION] The site's reports
// [SECTION] Small-cell suppression
// [SECTION] The signed file
// [SECTION] Merging sites
#include "core/actions/network_report.hpp"

#include "core/actions/dashboard.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/base/utc_time.hpp"
#include "core/exchange/bundle.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] The site's reports
//----------------------------------------------------------------------------------------------

namespace {

ReportCount count(std::size_t n) { return {static_cast<std::int64_t>(n), ""}; }

std::optional<double> median_of(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool whole_months(const DatePeriod& p) { return p.from.substr(8) == "01" && p.to == last_day_of_month(p.to.substr(0, 7)); }

}  // namespace

std::vector<Report> network_reports(const StoreData& data, const DatePeriod& months, std::string_view now) {
    if (!whole_months(months)) throw Error("network", "period", "a network report covers whole months (YYYY-MM/YYYY-MM)");
    std::vector<Report> out = reports_from_measures(compute_measures(data, {months, std::string(now), ""}));

    // Referral aggregates: as the dashboard counts them (sent in the period, status as of now).
    DashboardOptions o;
    o.from = months.from;
    o.to = months.to;
    o.now = std::string(now);
    std::map<std::vector<std::pair<std::string, std::string>>, std::size_t> cells;
    struct Org { std::size_t sent = 0, completed = 0; std::vector<double> days; };
    std::map<std::string, Org> orgs;
    Org all;
    for (const auto& [id, r] : data.referrals) {
        if (r.direction != ReferralDirection::Outgoing || r.status() == TaskStatus::EnteredInError) continue;
        const auto sent = referral_sent_at(r);
        if (!sent || !months.contains(*sent)) continue;
        const std::string outcome = r.last_event().outcome.empty() ? "none" : r.last_event().outcome;
        ++cells[{{"organization", r.organization.name}, {"status", std::string(task_status_code(r.status()))},
                 {"outcome", outcome}, {"month", sent->substr(0, 7)}}];
        Org& org = orgs[r.organization.name];
        for (Org* g : {&org, &all}) {
            ++g->sent;
            if (r.status() == TaskStatus::Completed) ++g->completed;
            if (is_final(r.status()))
                g->days.push_back(static_cast<double>(*parse_utc_rfc3339(r.last_modified()) - *parse_utc_rfc3339(*sent)) / 86400.0);
        }
    }
    Report referrals{"safetynet-referrals", {}};
    ReportGroup rg;
    rg.populations = {{kPopInitial, count(all.sent)}};
    rg.stratifier = {"organization", "status", "outcome", "month"};
    for (const auto& [key, n] : cells) rg.strata.push_back({key, {{kPopInitial, count(n)}}, std::nullopt});
    referrals.groups.push_back(std::move(rg));
    out.push_back(std::move(referrals));

    Report closure{"safetynet-closure", {}};
    ReportGroup cg;
    cg.populations = {{kPopInitial, count(all.sent)}, {kPopDenominator, count(all.sent)}, {kPopNumerator, count(all.completed)}};
    cg.score = proportion_score(cg.populations);
    cg.stratifier = {"organization"};
    for (const auto& [name, org] : orgs) {
        ReportStratum s{{{"organization", name}},
                        {{kPopInitial, count(org.sent)}, {kPopDenominator, count(org.sent)}, {kPopNumerator, count(org.completed)}},
                        std::nullopt};
        s.score = proportion_score(s.populations);
        cg.strata.push_back(std::move(s));
    }
    closure.groups.push_back(std::move(cg));
    out.push_back(std::move(closure));

    Report days{"safetynet-days-to-close", {}};
    ReportGroup dg;
    dg.populations = {{kPopInitial, count(all.sent)}, {"measure-population", count(all.days.size())}};
    dg.score = median_of(all.days);
    dg.stratifier = {"organization"};
    for (const auto& [name, org] : orgs)
        dg.strata.push_back({{{"organization", name}},
                             {{kPopInitial, count(org.sent)}, {"measure-population", count(org.days.size())}},
                             median_of(org.days)});
    days.groups.push_back(std::move(dg));
    out.push_back(std::move(days));
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Small-cell suppression
//----------------------------------------------------------------------------------------------

namespace {

bool small(const ReportCount& c) { return c.value && *c.value >= 1 && *c.value <= kSmallCellMax; }
void mask(ReportCount& c) { c = {std::nullopt, kAbsentMasked}; }
bool masked(const ReportCount& c) { return !c.value; }

ReportCount* find_mut(ReportPopulations& pops, std::string_view code) {
    for (auto& [c, n] : pops)
        if (c == code) return &n;
    return nullptr;
}

// Within one stratified population: the strata add up to the group's count. While exactly one
// of them (group included) is hidden, hide the smallest visible non-zero stratum too, or the
// hidden one is the difference.
void complementary(ReportGroup& g, const std::string& code) {
    for (;;) {
        ReportCount* total = find_mut(g.populations, code);
        if (!total) return;
        std::size_t hidden = masked(*total) ? 1 : 0;
        ReportCount* smallest = nullptr;
        for (ReportStratum& s : g.strata) {
            ReportCount* c = find_mut(s.populations, code);
            if (!c) continue;
            if (masked(*c)) ++hidden;
            else if (*c->value > 0 && (!smallest || *c->value < *smallest->value)) smallest = c;
        }
        if (hidden != 1) return;
        if (smallest) mask(*smallest);
        else if (!masked(*total)) mask(*total);
        else return;
    }
}

}  // namespace

void suppress_small_cells(std::vector<Report>& reports) {
    for (Report& r : reports)
        for (ReportGroup& g : r.groups) {
            for (auto& [code, c] : g.populations)
                if (small(c)) mask(c);
            for (ReportStratum& s : g.strata)
                for (auto& [code, c] : s.populations)
                    if (small(c)) mask(c);
            std::set<std::string> codes;
            for (const auto& [code, c] : g.populations) codes.insert(code);
            if (!g.strata.empty())
                for (const std::string& code : codes) complementary(g, code);
            // A score needs every count it is made of; a median, its population.
            auto keep = [&](const ReportPopulations& pops) {
                return std::none_of(pops.begin(), pops.end(), [](const auto& p) { return masked(p.second); });
            };
            if (!keep(g.populations)) g.score.reset();
            for (ReportStratum& s : g.strata)
                if (!keep(s.populations)) s.score.reset();
        }
}

//----------------------------------------------------------------------------------------------
// [SECTION] The signed file
//----------------------------------------------------------------------------------------------

std::string export_network_report(const std::vector<Report>& suppressed, const DatePeriod& months, std::string_view now,
                                  const KeySet& keys) {
    BundleHeader h;
    h.kind = BundleKind::NetworkReport;
    h.id = new_bundle_id();
    h.created = std::string(now);
    h.sender = keys.contact_card();
    const std::string fhir = measure_reports_bundle(suppressed, months, now, h.sender.name).dump(1);
    const SecretBytes plain = make_bundle_plaintext(h, fhir, keys.signing_key);
    return std::string(as_chars(plain.view()));
}

SiteReport read_network_report(std::string_view bytes, std::string_view file_name, const std::vector<ContactCard>& sites) {
    const std::string file(file_name);
    if (!is_bundle_plaintext(as_bytes(bytes)))
        throw Error("network-file", file, "not a signed SafetyNet network report (unsigned or another kind of file)");
    OpenedBundle b;
    try {
        b = read_bundle_plaintext(as_bytes(bytes), sites, nullptr);
    } catch (const Error& e) {
        throw Error(e.kind(), file, e.message());
    }
    if (b.header.kind != BundleKind::NetworkReport)
        throw Error("network-file", file, "a " + std::string(bundle_kind_name(b.header.kind)) + " bundle, not a network report");
    if (b.trust != BundleTrust::Trusted)
        throw Error("untrusted-signer", file,
                    "signed by \"" + b.header.sender.name + "\" (fingerprint " + b.signer_fingerprint +
                        "), which is not one of the network's sites");
    SiteReport out;
    out.file = file;
    out.site = b.trusted_contact ? b.trusted_contact->name : b.header.sender.name;
    out.fingerprint = b.signer_fingerprint;
    out.created = b.header.created;
    const nlohmann::json bundle = parse_json_text(b.fhir_json, "network-file", file);
    const nlohmann::json& entries = bundle.contains("entry") ? bundle["entry"] : nlohmann::json();
    if (!entries.is_array() || entries.empty()) throw Error("network-file", file, "holds no MeasureReport");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        DatePeriod p;
        const std::string where = file + " entry[" + std::to_string(i) + "]";
        const nlohmann::json& res = entries[i].is_object() && entries[i].contains("resource") ? entries[i]["resource"] : nlohmann::json();
        out.reports.push_back(read_measure_report(res, where, &p));
        if (i == 0) out.period = p;
        else if (p.from != out.period.from || p.to != out.period.to) throw Error("network-file", where, "another period than the file's first report");
    }
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Merging sites
//----------------------------------------------------------------------------------------------

namespace {

std::string stratum_text(const std::vector<std::pair<std::string, std::string>>& key) {
    std::string out;
    for (const auto& [k, v] : key) out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
}

}  // namespace

NetworkView merge_network(const std::vector<SiteReport>& sites) {
    NetworkView view;
    using Key = std::tuple<std::size_t, std::string, std::string, std::string>;  // measure order, group, stratum, population
    std::map<Key, NetworkCell> cells;
    std::map<std::tuple<std::size_t, std::string, std::string>, NetworkScore> scores;
    const auto& ids = measure_ids();
    for (std::size_t s = 0; s < sites.size(); ++s) {
        const SiteReport& site = sites[s];
        if (s == 0) view.period = site.period;
        else if (site.period.from != view.period.from || site.period.to != view.period.to)
            throw Error("network", site.file, "covers " + format_date_period(site.period) + ", the others " +
                                                  format_date_period(view.period) + ": merge reports of one period");
        for (std::size_t t = 0; t < s; ++t)
            if (sites[t].fingerprint == site.fingerprint) throw Error("network", site.file, "the same site as " + sites[t].file);
        view.sites.push_back(site.site);
    }
    auto cell = [&](std::size_t m, const std::string& measure, const std::string& group, const std::string& stratum,
                    const std::string& pop) -> NetworkCell& {
        NetworkCell& c = cells[{m, group, stratum, pop}];
        if (c.sites.empty()) {
            c = {measure, group, stratum, pop, std::vector<std::optional<std::int64_t>>(sites.size()), 0, 0};
        }
        return c;
    };
    auto score = [&](std::size_t m, const std::string& measure, const std::string& group, const std::string& stratum) -> NetworkScore& {
        NetworkScore& sc = scores[{m, group, stratum}];
        if (sc.sites.empty()) sc = {measure, group, stratum, std::vector<std::optional<double>>(sites.size()), std::nullopt};
        return sc;
    };
    for (std::size_t s = 0; s < sites.size(); ++s)
        for (const Report& r : sites[s].reports) {
            const std::size_t m = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), r.measure) - ids.begin());
            for (const ReportGroup& g : r.groups) {
                for (const auto& [pop, n] : g.populations) cell(m, r.measure, g.code, "", pop).sites[s] = n.value;
                score(m, r.measure, g.code, "").sites[s] = g.score;
                for (const ReportStratum& st : g.strata) {
                    const std::string key = stratum_text(st.key);
                    for (const auto& [pop, n] : st.populations) cell(m, r.measure, g.code, key, pop).sites[s] = n.value;
                    score(m, r.measure, g.code, key).sites[s] = st.score;
                }
            }
        }
    // A site that has no such cell at all (no referral to that organization) counts 0 for it;
    // a site that suppressed it leaves the total open. Absent and suppressed differ: absence is
    // only possible for a stratum, and a stratum a site does not list is a true zero.
    for (auto& [key, c] : cells) {
        for (std::size_t s = 0; s < sites.size(); ++s) {
            bool listed = false;
            for (const Report& r : sites[s].reports) {
                if (r.measure != c.measure) continue;
                for (const ReportGroup& g : r.groups) {
                    if (g.code != c.group) continue;
                    if (c.stratum.empty()) listed = listed || find_population(g.populations, c.population);
                    for (const ReportStratum& st : g.strata)
                        listed = listed || (stratum_text(st.key) == c.stratum && find_population(st.populations, c.population));
                }
            }
            if (!listed) c.sites[s] = 0;
            if (c.sites[s]) c.known_total += *c.sites[s];
            else ++c.suppressed_sites;
        }
        view.cells.push_back(c);
    }
    for (auto& [key, sc] : scores) {
        const auto& [m, group, stratum] = key;
        if (sc.measure != "safetynet-days-to-close") {
            ReportPopulations pops;
            bool all = true;
            for (const NetworkCell& c : view.cells)
                if (c.measure == sc.measure && c.group == group && c.stratum == stratum) {
                    if (!c.total()) all = false;
                    pops.push_back({c.population, ReportCount{c.total(), c.total() ? "" : kAbsentMasked}});
                }
            if (all) sc.network = proportion_score(pops);
        }
        if (std::any_of(sc.sites.begin(), sc.sites.end(), [](const auto& v) { return v.has_value(); }) || sc.network)
            view.scores.push_back(sc);
    }
    return view;
}

std::string network_csv(const NetworkView& view) {
    std::string out;
    auto row = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
        out += "\r\n";
    };
    std::vector<std::string> head = {"measure", "group", "stratum", "population"};
    for (const std::string& s : view.sites) head.push_back(s);
    head.push_back("network");
    head.push_back("network_suppressed_sites");
    row(head);
    for (const NetworkCell& c : view.cells) {
        std::vector<std::string> f = {c.measure, c.group, c.stratum, c.population};
        for (const auto& v : c.sites) f.push_back(v ? std::to_string(*v) : "suppressed");
        f.push_back(c.total() ? std::to_string(*c.total()) : "suppressed");
        f.push_back(std::to_string(c.suppressed_sites));
        row(f);
    }
    auto num = [](const std::optional<double>& v) {
        if (!v) return std::string("suppressed");
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", *v);
        return std::string(buf);
    };
    for (const NetworkScore& s : view.scores) {
        std::vector<std::string> f = {s.measure, s.group, s.stratum, "score"};
        for (const auto& v : s.sites) f.push_back(num(v));
        f.push_back(s.measure == "safetynet-days-to-close" ? "not mergeable" : num(s.network));
        f.push_back("");
        row(f);
    }
    return out;
}

}  // namespace safetynet::core
