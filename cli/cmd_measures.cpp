// `safetynet measures`: the quality measures of a period as FHIR MeasureReports, the EHR
// roster import, the signed network export, and the network coordinator's merge.
#include "cli/args.hpp"
#include "cli/cmd_loop.hpp"
#include "cli/file_io.hpp"
#include "cli/key_files.hpp"
#include "cli/passphrase.hpp"
#include "cli/store_dir.hpp"
#include "core/actions/measure_report.hpp"
#include "core/actions/measures.hpp"
#include "core/actions/network_report.hpp"
#include "core/actions/roster_import.hpp"
#include "core/base/error.hpp"
#include "core/base/utc_time.hpp"
#include "core/store/store.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {
const char* const kMeasuresUsage =
    "safetynet measures (--store DIR [--passphrase-file PFILE] | --data FILE) --period PERIOD\n"
    "                   [--now TIME] [--format fhir|json|explain] [-o FILE]\n"
    "safetynet measures roster --store DIR [--passphrase-file PFILE] FILE\n"
    "safetynet measures network (--store DIR [--passphrase-file PFILE] | --data FILE --key KEYSET\n"
    "                   [--key-passphrase-file PFILE]) --period YYYY-MM/YYYY-MM [--now TIME] -o FILE\n"
    "safetynet measures merge --site CARD [--site CARD...] [--format csv|json] [-o FILE] FILE...\n"
    "\n"
    "  (no verb)   MIPS #487, MIPS #498, SDOH-1 and SDOH-2 of PERIOD (YYYY-MM/YYYY-MM, YYYY-MM,\n"
    "              or YYYY-MM-DD/YYYY-MM-DD), computed from the store (docs/MEASURES.md):\n"
    "              --format fhir (default) a Bundle of summary MeasureReports; json the counts and\n"
    "              scores; explain one line per patient or visit saying why it is where it is\n"
    "              (patient ids: keep the output as you keep the store). Without an imported\n"
    "              roster the visit-based denominators are missing, never guessed.\n"
    "  roster      imports the EHR's patients, visits and declined screenings (CSV with\n"
    "              patient_id,birth_date,visit_date[,visit_end][,visit_type][,declined_screening],\n"
    "              or a FHIR Bundle of Patients, Encounters and asked-declined Observations)\n"
    "  network     the site's MeasureReports and referral aggregates for whole months, counts of\n"
    "              1 to 10 suppressed, signed with the site's key (the store's, or --key: a key set\n"
    "              from `safetynet keygen --org`)\n"
    "  merge       checks each FILE's signature against the sites' contact cards (--site) and\n"
    "              prints per-site and network totals; suppressed cells stay suppressed\n"
    "  --data FILE a data set {\"safetynet_dataset\": 1, \"referrals\", \"screenings\", \"roster\"}\n"
    "  --now TIME  the report's date (RFC 3339 UTC; default now)\n"
    "Errors exit 2: measures, roster, roster-conflict, network, network-file, untrusted-signer,\n"
    "bad-signature, measure-report, dataset and the store's errors.";

core::Store open_store(const Args& args) {
    core::Store store = core::Store::open(read_store_dir(args.required("--store")));
    const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Store passphrase: ", false);
    store.unlock(pass.view());
    return store;
}

nlohmann::ordered_json counts_json(const core::MeasuresReport& m) {
    auto opt = [](const std::optional<std::size_t>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(); };
    nlohmann::ordered_json out = {{"period", core::format_date_period(m.options.period)},
                                  {"as_of", m.options.now},
                                  {"has_roster", m.has_roster},
                                  {"unlinked_screenings", m.unlinked_screenings},
                                  {"measures", nlohmann::ordered_json::array()}};
    for (const core::MeasureResult& r : m.measures) {
        nlohmann::ordered_json groups = nlohmann::ordered_json::array();
        for (const core::MeasureGroupResult& g : r.groups) {
            const auto score = g.score();
            groups.push_back({{"group", g.code}, {"initial_population", opt(g.initial)}, {"denominator", opt(g.denominator)},
                              {"denominator_exclusion", opt(g.exclusion)}, {"denominator_exception", opt(g.exception)},
                              {"numerator", opt(g.numerator)}, {"score", score ? nlohmann::ordered_json(*score) : nlohmann::ordered_json()}});
        }
        out["measures"].push_back({{"measure", r.id}, {"denominator_missing", r.denominator_missing}, {"groups", groups}});
    }
    return out;
}

std::string explain_text(const core::MeasuresReport& m) {
    std::string out;
    for (const core::MeasureExplanation& e : m.explanations) {
        std::string pops;
        for (const std::string& p : e.populations) pops += (pops.empty() ? "" : "+") + p;
        out += e.measure + (e.group.empty() ? "" : "/" + e.group) + "\tpatient " + e.patient +
               (e.visit.empty() ? "" : " visit " + e.visit) + "\t" + (pops.empty() ? "(none)" : pops) + "\t" + e.reason;
        for (const auto& [k, v] : e.params) out += " " + k + "=" + v;
        out += "\n";
    }
    return out;
}

void emit(const Args& args, const std::string& text) {
    if (const auto o = args.value("--output")) write_file_atomic(*o, text);
    else std::cout << text;
}

int report(const Args& args) {
    const core::DatePeriod period = core::parse_date_period(args.required("--period"), "measures");
    const std::string now = args.value("--now").value_or(core::utc_now_rfc3339());
    if (!core::is_utc_rfc3339(now)) throw core::Error("measures", "--now", "must be an RFC 3339 UTC time");
    const std::string format = args.value("--format").value_or("fhir");
    if (format != "fhir" && format != "json" && format != "explain") throw UsageError("--format must be fhir, json or explain");
    if (args.has("--store") == args.has("--data")) throw UsageError("give --store DIR or --data FILE");
    std::optional<core::Store> store;
    core::StoreData dataset;
    const core::StoreData* data = nullptr;
    std::string site = "SafetyNet";
    if (args.has("--store")) {
        store.emplace(open_store(args));
        data = &store->data();
        site = data->settings.name;
    } else {
        std::string text = read_file(*args.value("--data"));
        dataset = core::dataset_from_json(text);
        core::secure_wipe(text);
        data = &dataset;
    }
    const core::MeasuresReport m = core::compute_measures(*data, {period, now});
    if (format == "json") emit(args, counts_json(m).dump(2) + "\n");
    else if (format == "explain") emit(args, explain_text(m));
    else emit(args, core::measure_reports_bundle(core::reports_from_measures(m), period, now, site).dump(2) + "\n");
    dataset.wipe();
    return 0;
}

int roster(const Args& args) {
    if (args.positional().size() != 2) throw UsageError("roster takes one FILE");
    const std::string file = args.positional()[1];
    std::string text = read_file(file);
    const core::Roster r = core::parse_roster(text, file);
    core::secure_wipe(text);
    core::Store store = open_store(args);
    const auto res = core::import_roster(store, r, core::utc_now_rfc3339(), "cli");
    save_store_dir(args.required("--store"), store);
    std::cout << nlohmann::ordered_json({{"patients", res.patients}, {"visits", res.visits}, {"new_patients", res.new_patients},
                                         {"roster_patients", store.data().roster.patients.size()}})
                     .dump(2)
              << "\n";
    return 0;
}

int network(const Args& args) {
    const core::DatePeriod period = core::parse_date_period(args.required("--period"), "network");
    const std::string now = args.value("--now").value_or(core::utc_now_rfc3339());
    if (!core::is_utc_rfc3339(now)) throw core::Error("network", "--now", "must be an RFC 3339 UTC time");
    const std::string out = args.required("--output");
    if (args.has("--store") == args.has("--data")) throw UsageError("give --store DIR or --data FILE --key KEYSET");
    std::vector<core::Report> reports;
    std::optional<core::KeySet> keys;
    if (args.has("--store")) {
        core::Store store = open_store(args);
        if (store.data().key_sets.empty()) throw core::Error("network", "--store", "the store has no key set to sign with");
        reports = core::network_reports(store.data(), period, now);
        keys.emplace(store.data().key_sets.front());
    } else {
        Signer s = load_signer(args.required("--key"), args.value("--key-passphrase-file"), core::scrypt_default_max_log_n());
        if (!s.key_set) throw UsageError("--key must be a key set (safetynet keygen --org NAME): its card names the site");
        keys.emplace(std::move(*s.key_set));
        std::string text = read_file(*args.value("--data"));
        core::StoreData data = core::dataset_from_json(text);
        core::secure_wipe(text);
        reports = core::network_reports(data, period, now);
        data.wipe();
    }
    core::suppress_small_cells(reports);
    write_file_atomic(out, core::export_network_report(reports, period, now, *keys));
    return 0;
}

int merge(const Args& args) {
    const std::string format = args.value("--format").value_or("csv");
    if (format != "csv" && format != "json") throw UsageError("--format must be csv or json");
    std::vector<core::ContactCard> sites;
    for (const std::string& c : args.values("--site")) sites.push_back(load_trusted_signer(c));
    if (sites.empty()) throw UsageError("give each site's contact card with --site CARD");
    if (args.positional().size() < 2) throw UsageError("give the sites' network report FILEs");
    std::vector<core::SiteReport> reports;
    for (std::size_t i = 1; i < args.positional().size(); ++i) {
        const std::string& f = args.positional()[i];
        reports.push_back(core::read_network_report(read_file(f), f, sites));
    }
    const core::NetworkView view = core::merge_network(reports);
    if (format == "csv") {
        emit(args, core::network_csv(view));
        return 0;
    }
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (const core::NetworkCell& c : view.cells) {
        nlohmann::ordered_json per = nlohmann::ordered_json::array();
        for (const auto& v : c.sites) per.push_back(v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json("suppressed"));
        cells.push_back({{"measure", c.measure}, {"group", c.group}, {"stratum", c.stratum}, {"population", c.population},
                         {"sites", per}, {"network", c.total() ? nlohmann::ordered_json(*c.total()) : nlohmann::ordered_json("suppressed")},
                         {"known_total", c.known_total}, {"suppressed_sites", c.suppressed_sites}});
    }
    emit(args, nlohmann::ordered_json({{"period", core::format_date_period(view.period)}, {"sites", view.sites}, {"cells", cells}})
                       .dump(2) + "\n");
    return 0;
}

int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--store", true},
                           {"--data", true},
                           {"--passphrase-file", true},
                           {"--period", true},
                           {"--now", true},
                           {"--format", true},
                           {"--output", true, "-o"},
                           {"--key", true},
                           {"--key-passphrase-file", true},
                           {"--site", true}});
    const std::string verb = args.positional().empty() ? "" : args.positional().front();
    if (verb == "roster") return roster(args);
    if (verb == "network") return network(args);
    if (verb == "merge") return merge(args);
    if (!verb.empty()) throw UsageError("unknown verb \"" + verb + "\" (roster, network, merge, or none for the report)");
    return report(args);
}

}  // namespace

const Command& measures_command() {
    static const Command c{"measures", kMeasuresUsage,
                           "quality measures as FHIR MeasureReports; roster import; signed network export and merge", &run};
    return c;
}

}  // namespace safetynet::cli
