// MeasureReports and their Measures (measure_report.hpp).
//
// [SECTION] Measures shipped as data
// [SECTION] From the measures' results
// [SECTION] Writing MeasureReports
// [SECTION] Reading them back
#include "core/actions/measure_report.hpp"

#include "core/base/assets.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

namespace safetynet::core {

namespace {
constexpr const char* kPopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";
constexpr const char* kAbsentReasonUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
constexpr const char* kHrsnSystem = "urn:safetynet:fhir:hrsn";
constexpr const char* kStratifierSystem = "urn:safetynet:fhir:stratifier";
constexpr const char* kReadKind = "measure-report";
}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Measures shipped as data
//----------------------------------------------------------------------------------------------

const std::vector<std::string>& measure_ids() {
    static const std::vector<std::string> kIds = {"mips-487", "mips-498", "sdoh-1", "sdoh-2",
                                                  "safetynet-referrals", "safetynet-closure", "safetynet-days-to-close"};
    return kIds;
}

const nlohmann::json& measure_definition(std::string_view id) {
    static const std::map<std::string, nlohmann::json, std::less<>> kMeasures = [] {
        std::map<std::string, nlohmann::json, std::less<>> out;
        for (const std::string& m : measure_ids()) {
            const auto text = builtin_asset("measures/" + m + ".measure.json");
            if (!text) throw Error("measures", m, "the Measure is not compiled in");
            out.emplace(m, nlohmann::json::parse(*text));
        }
        return out;
    }();
    const auto it = kMeasures.find(id);
    if (it == kMeasures.end()) throw Error("measures", std::string(id), "no such measure");
    return it->second;
}

const ReportCount* find_population(const ReportPopulations& pops, std::string_view code) {
    for (const auto& [c, n] : pops)
        if (c == code) return &n;
    return nullptr;
}

std::optional<double> proportion_score(const ReportPopulations& pops) {
    const ReportCount* num = find_population(pops, kPopNumerator);
    const ReportCount* den = find_population(pops, kPopDenominator);
    if (!num || !den || !num->value || !den->value) return std::nullopt;
    std::int64_t eligible = *den->value;
    for (const char* minus : {kPopExclusion, kPopException})
        if (const ReportCount* c = find_population(pops, minus)) {
            if (!c->value) return std::nullopt;
            eligible -= *c->value;
        }
    if (eligible <= 0) return std::nullopt;
    return static_cast<double>(*num->value) / static_cast<double>(eligible);
}

//----------------------------------------------------------------------------------------------
// [SECTION] From the measures' results
//----------------------------------------------------------------------------------------------

std::vector<Report> reports_from_measures(const MeasuresReport& measures) {
    std::vector<Report> out;
    for (const MeasureResult& m : measures.measures) {
        Report r{m.id, {}};
        for (const MeasureGroupResult& g : m.groups) {
            ReportGroup rg;
            rg.code = g.code;
            rg.populations.push_back({kPopInitial, ReportCount::of(g.initial)});
            rg.populations.push_back({kPopDenominator, ReportCount::of(g.denominator)});
            if (m.id == "mips-487") rg.populations.push_back({kPopException, ReportCount::of(g.exception)});
            if (m.id == "sdoh-1") rg.populations.push_back({kPopExclusion, ReportCount::of(g.exclusion)});
            rg.populations.push_back({kPopNumerator, ReportCount::of(g.numerator)});
            rg.score = proportion_score(rg.populations);
            r.groups.push_back(std::move(rg));
        }
        out.push_back(std::move(r));
    }
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Writing MeasureReports
//----------------------------------------------------------------------------------------------

namespace {

nlohmann::json population_json(const std::string& code, const ReportCount& n) {
    nlohmann::json p = {{"code", {{"coding", {{{"system", kPopulationSystem}, {"code", code}}}}}}};
    if (n.value) p["count"] = *n.value;
    else p["extension"] = {{{"url", kAbsentReasonUrl}, {"valueCode", n.absent.empty() ? kAbsentUnknown : n.absent}}};
    return p;
}

nlohmann::json populations_json(const ReportPopulations& pops) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [code, n] : pops) out.push_back(population_json(code, n));
    return out;
}

nlohmann::json score_json(const std::string& measure, double v) {
    // Rounded so a report reads the same on every platform (6 decimals).
    const double r = std::round(v * 1e6) / 1e6;
    if (measure == "safetynet-days-to-close")
        return {{"value", r}, {"unit", "d"}, {"system", "http://unitsofmeasure.org"}, {"code", "d"}};
    return {{"value", r}, {"unit", "1"}, {"system", "http://unitsofmeasure.org"}, {"code", "1"}};
}

nlohmann::json concept_text(const std::string& system, const std::string& code) {
    return {{"coding", {{{"system", system}, {"code", code}}}}, {"text", code}};
}

}  // namespace

nlohmann::json measure_report_json(const Report& report, const DatePeriod& period, std::string_view date,
                                   std::string_view reporter) {
    const nlohmann::json& measure = measure_definition(report.measure);
    nlohmann::json mr = {{"resourceType", "MeasureReport"},
                         {"status", "complete"},
                         {"type", "summary"},
                         {"measure", measure["url"].get<std::string>()},
                         {"date", std::string(date)},
                         {"reporter", {{"display", std::string(reporter)}}},
                         {"period", {{"start", period.from}, {"end", period.to}}},
                         {"group", nlohmann::json::array()}};
    if (measure.contains("improvementNotation")) mr["improvementNotation"] = measure["improvementNotation"];
    for (const ReportGroup& g : report.groups) {
        nlohmann::json jg = nlohmann::json::object();
        if (!g.code.empty()) jg["code"] = concept_text(kHrsnSystem, g.code);
        jg["population"] = populations_json(g.populations);
        if (g.score) jg["measureScore"] = score_json(report.measure, *g.score);
        if (!g.stratifier.empty()) {
            nlohmann::json strat = {{"code", nlohmann::json::array()}, {"stratum", nlohmann::json::array()}};
            for (const std::string& c : g.stratifier) strat["code"].push_back(concept_text(kStratifierSystem, c));
            for (const ReportStratum& s : g.strata) {
                nlohmann::json js = nlohmann::json::object();
                if (g.stratifier.size() == 1) {
                    js["value"] = {{"text", s.key.empty() ? std::string() : s.key[0].second}};
                } else {
                    js["component"] = nlohmann::json::array();
                    for (const auto& [name, value] : s.key)
                        js["component"].push_back({{"code", concept_text(kStratifierSystem, name)}, {"value", {{"text", value}}}});
                }
                js["population"] = populations_json(s.populations);
                if (s.score) js["measureScore"] = score_json(report.measure, *s.score);
                strat["stratum"].push_back(std::move(js));
            }
            jg["stratifier"] = nlohmann::json::array({std::move(strat)});
        }
        mr["group"].push_back(std::move(jg));
    }
    return mr;
}

nlohmann::json measure_reports_bundle(const std::vector<Report>& reports, const DatePeriod& period, std::string_view date,
                                      std::string_view reporter) {
    nlohmann::json b = {{"resourceType", "Bundle"}, {"type", "collection"}, {"timestamp", std::string(date)},
                        {"entry", nlohmann::json::array()}};
    std::size_t n = 0;
    for (const Report& r : reports) {
        // Stable, content-free ids: the report's measure and the period, so two exports of the
        // same period name their reports alike.
        const std::string id = r.measure + "-" + period.from + "-" + period.to;
        nlohmann::json mr = measure_report_json(r, period, date, reporter);
        mr["id"] = id;
        b["entry"].push_back({{"fullUrl", "urn:safetynet:measure-report:" + id}, {"resource", std::move(mr)}});
        ++n;
    }
    return b;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Reading them back
//----------------------------------------------------------------------------------------------

namespace {

const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    static const nlohmann::json kNull;
    if (!j.is_object()) return kNull;
    const auto it = j.find(key);
    return it == j.end() ? kNull : *it;
}

std::string first_code(const nlohmann::json& cc) {
    const nlohmann::json& cs = member(cc, "coding");
    if (cs.is_array() && !cs.empty()) return string_field(cs[0], "code");
    return {};
}

ReportPopulations read_populations(const nlohmann::json& pops, const std::string& where) {
    if (!pops.is_array()) throw Error(kReadKind, where, "population must be a list");
    ReportPopulations out;
    for (std::size_t i = 0; i < pops.size(); ++i) {
        const std::string w = where + "[" + std::to_string(i) + "]";
        const std::string code = first_code(member(pops[i], "code"));
        if (code.empty()) throw Error(kReadKind, w + ".code", "missing");
        ReportCount n;
        const nlohmann::json& count = member(pops[i], "count");
        if (count.is_number_integer()) {
            n.value = count.get<std::int64_t>();
            if (*n.value < 0) throw Error(kReadKind, w + ".count", "is negative");
        } else if (!count.is_null()) {
            throw Error(kReadKind, w + ".count", "must be an integer");
        } else {
            const nlohmann::json& ext = member(pops[i], "extension");
            if (ext.is_array())
                for (const nlohmann::json& e : ext)
                    if (string_field(e, "url") == kAbsentReasonUrl) n.absent = string_field(e, "valueCode");
            if (n.absent != kAbsentMasked && n.absent != kAbsentUnknown)
                throw Error(kReadKind, w, "has neither a count nor a data-absent-reason (masked or unknown)");
        }
        for (const auto& [c, x] : out)
            if (c == code) throw Error(kReadKind, w + ".code", "population " + code + " appears twice");
        out.push_back({code, n});
    }
    return out;
}

std::optional<double> read_score(const nlohmann::json& g, const std::string& where) {
    const nlohmann::json& s = member(g, "measureScore");
    if (s.is_null()) return std::nullopt;
    const nlohmann::json& v = member(s, "value");
    if (!v.is_number() || !std::isfinite(v.get<double>())) throw Error(kReadKind, where + ".measureScore.value", "must be a number");
    return v.get<double>();
}

}  // namespace

Report read_measure_report(const nlohmann::json& mr, const std::string& where, DatePeriod* period) {
    if (string_field(mr, "resourceType") != "MeasureReport") throw Error(kReadKind, where, "not a MeasureReport");
    if (string_field(mr, "type") != "summary") throw Error(kReadKind, where + ".type", "must be summary");
    const std::string url = string_field(mr, "measure");
    Report r;
    for (const std::string& id : measure_ids())
        if (measure_definition(id)["url"] == url) r.measure = id;
    if (r.measure.empty()) throw Error(kReadKind, where + ".measure", "unknown measure \"" + url.substr(0, 80) + "\"");
    const nlohmann::json& p = member(mr, "period");
    const DatePeriod dp{string_field(p, "start"), string_field(p, "end")};
    if (!is_calendar_date(dp.from) || !is_calendar_date(dp.to) || dp.to < dp.from)
        throw Error(kReadKind, where + ".period", "must be two dates, start before end");
    if (period) *period = dp;
    const nlohmann::json& groups = member(mr, "group");
    if (!groups.is_array() || groups.empty() || groups.size() > 64) throw Error(kReadKind, where + ".group", "1 to 64 groups");
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const std::string w = where + ".group[" + std::to_string(i) + "]";
        ReportGroup g;
        g.code = first_code(member(groups[i], "code"));
        g.populations = read_populations(member(groups[i], "population"), w + ".population");
        g.score = read_score(groups[i], w);
        const nlohmann::json& strats = member(groups[i], "stratifier");
        if (strats.is_array() && !strats.empty()) {
            if (strats.size() != 1) throw Error(kReadKind, w + ".stratifier", "one stratifier is expected");
            for (const nlohmann::json& c : member(strats[0], "code").is_array() ? member(strats[0], "code") : nlohmann::json::array())
                g.stratifier.push_back(first_code(c));
            if (g.stratifier.empty()) throw Error(kReadKind, w + ".stratifier.code", "missing");
            const nlohmann::json& strata = member(strats[0], "stratum");
            if (!strata.is_array()) throw Error(kReadKind, w + ".stratifier.stratum", "must be a list");
            for (std::size_t k = 0; k < strata.size(); ++k) {
                const std::string ws = w + ".stratifier.stratum[" + std::to_string(k) + "]";
                ReportStratum s;
                if (g.stratifier.size() == 1) {
                    s.key.push_back({g.stratifier[0], string_field(member(strata[k], "value"), "text")});
                } else {
                    const nlohmann::json& comps = member(strata[k], "component");
                    if (!comps.is_array() || comps.size() != g.stratifier.size())
                        throw Error(kReadKind, ws + ".component", "one per stratifier component");
                    for (std::size_t c = 0; c < comps.size(); ++c) {
                        const std::string name = first_code(member(comps[c], "code"));
                        if (name != g.stratifier[c]) throw Error(kReadKind, ws + ".component", "out of order");
                        s.key.push_back({name, string_field(member(comps[c], "value"), "text")});
                    }
                }
                s.populations = read_populations(member(strata[k], "population"), ws + ".population");
                s.score = read_score(strata[k], ws);
                g.strata.push_back(std::move(s));
            }
        }
        r.groups.push_back(std::move(g));
    }
    return r;
}

}  // namespace safetynet::core
