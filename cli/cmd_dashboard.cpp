// `safetynet dashboard`: the outcome figures of a period, from a store or a data set.
#include "cli/args.hpp"
#include "cli/cmd_loop.hpp"
#include "cli/file_io.hpp"
#include "cli/passphrase.hpp"
#include "cli/store_dir.hpp"
#include "core/actions/dashboard.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/store/store.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {
const char* const kDashboardUsage =
    "safetynet dashboard (--store DIR [--passphrase-file PFILE] | --data FILE) [--from DATE] [--to DATE]\n"
    "                    [--now TIME] [--overdue-days N] [--direction outgoing|incoming]\n"
    "                    [--format json|csv|referrals-csv|fhir]\n"
    "\n"
    "  --store DIR          an encrypted store (`safetynet store`); its passphrase is asked\n"
    "  --data FILE          or a data set: {\"safetynet_dataset\": 1, \"referrals\": [...],\n"
    "                       \"screenings\": [...]} (docs/REFERRALS.md)\n"
    "  --from, --to DATE    the period, inclusive UTC dates YYYY-MM-DD (default: all time)\n"
    "  --now TIME           statuses and overdue flags as of this RFC 3339 UTC time (default now)\n"
    "  --overdue-days N     no update for N days makes a referral overdue (default: the store's\n"
    "                       setting, or 14)\n"
    "  --direction          outgoing (default: referrals sent) or incoming (referrals received)\n"
    "  --format json        (default) {screenings, screenings_with_need, positive_rates, sent,\n"
    "                       by_status, completed, closed, closure_rate, loop_closed_rate,\n"
    "                       median_days_to_close, median_days_to_complete, overdue,\n"
    "                       overdue_ids, by_organization}\n"
    "  --format csv         the same figures as CSV (RFC 4180): metric,group,value,numerator,denominator\n"
    "  --format referrals-csv  one row per referral counted, without PHI\n"
    "  --format fhir        a FHIR Bundle of the period for an EMR (PHI: the referrals and screenings)\n"
    "Closure rate = completed / sent; loop-closed rate = any final status (completed, rejected,\n"
    "cancelled, failed) / sent. Errors exit 2: dashboard (a bad option value), dataset, and the\n"
    "store's errors.";
}  // namespace

namespace {

nlohmann::ordered_json opt(const std::optional<double>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(); }

nlohmann::ordered_json figures_json(const core::DashboardFigures& f) {
    nlohmann::ordered_json rates = nlohmann::ordered_json::array();
    for (const core::DomainRate& d : f.positive_rates)
        rates.push_back({{"domain", d.domain}, {"positive", d.positive}, {"decided", d.decided}, {"rate", d.rate}});
    nlohmann::ordered_json by_status = nlohmann::ordered_json::object();
    for (const auto& [s, n] : f.by_status) by_status[std::string(core::task_status_code(s))] = n;
    nlohmann::ordered_json orgs = nlohmann::ordered_json::array();
    for (const core::OrganizationFigures& o : f.by_organization)
        orgs.push_back({{"name", o.name}, {"sent", o.sent}, {"open", o.open}, {"completed", o.completed},
                        {"closed", o.closed}, {"overdue", o.overdue}, {"closure_rate", opt(o.closure_rate)},
                        {"median_days_to_close", opt(o.median_days_to_close)}});
    return {{"from", f.options.from},
            {"to", f.options.to},
            {"as_of", f.options.now},
            {"overdue_days", f.options.overdue_days},
            {"screenings", f.screenings},
            {"screenings_with_need", f.screenings_with_need},
            {"positive_rates", rates},
            {"sent", f.sent},
            {"by_status", by_status},
            {"completed", f.completed},
            {"closed", f.closed},
            {"closure_rate", opt(f.closure_rate)},
            {"loop_closed_rate", opt(f.loop_closed_rate)},
            {"median_days_to_close", opt(f.median_days_to_close)},
            {"median_days_to_complete", opt(f.median_days_to_complete)},
            {"overdue", f.overdue},
            {"overdue_ids", f.overdue_ids},
            {"by_organization", orgs}};
}

}  // namespace

namespace {
int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--store", true},
                           {"--data", true},
                           {"--passphrase-file", true},
                           {"--from", true},
                           {"--to", true},
                           {"--now", true},
                           {"--overdue-days", true},
                           {"--direction", true},
                           {"--format", true}});
    if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
    if (args.has("--store") == args.has("--data")) throw UsageError("give --store DIR or --data FILE");
    const std::string format = args.value("--format").value_or("json");
    if (format != "json" && format != "csv" && format != "referrals-csv" && format != "fhir")
        throw UsageError("--format must be json, csv, referrals-csv or fhir");
    core::DashboardOptions o;
    o.from = args.value("--from").value_or("");
    o.to = args.value("--to").value_or("");
    o.now = args.value("--now").value_or(core::utc_now_rfc3339());
    const std::string direction = args.value("--direction").value_or("outgoing");
    if (direction != "outgoing" && direction != "incoming") throw UsageError("--direction must be outgoing or incoming");
    o.direction = direction == "outgoing" ? core::ReferralDirection::Outgoing : core::ReferralDirection::Incoming;

    std::optional<core::Store> store;
    core::StoreData dataset;
    const core::StoreData* data = nullptr;
    if (const auto dir = args.value("--store")) {
        store.emplace(core::Store::open(read_store_dir(*dir)));
        const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Store passphrase: ", false);
        store->unlock(pass.view());
        data = &store->data();
        o.overdue_days = data->settings.overdue_days;
    } else {
        std::string text = read_file(*args.value("--data"));
        dataset = core::dataset_from_json(text);
        core::secure_wipe(text);
        data = &dataset;
    }
    if (const auto days = args.number("--overdue-days")) {
        if (*days < 1 || *days > 3650 || *days != static_cast<int>(*days)) throw UsageError("--overdue-days must be 1 to 3650");
        o.overdue_days = static_cast<int>(*days);
    }

    if (format == "csv") {
        std::cout << core::dashboard_csv(core::compute_dashboard(*data, o));
    } else if (format == "referrals-csv") {
        std::cout << core::referrals_csv(*data, o);
    } else if (format == "fhir") {
        nlohmann::json b = core::period_bundle(*data, o);
        std::cout << b.dump(2) << "\n";
        core::wipe_json(b);
    } else {
        std::cout << figures_json(core::compute_dashboard(*data, o)).dump(2) << "\n";
    }
    dataset.wipe();
    return 0;
}

}  // namespace

const Command& dashboard_command() {
    static const Command c{"dashboard", kDashboardUsage, "outcome figures of a period: JSON, CSV or a FHIR Bundle", &run};
    return c;
}

}  // namespace safetynet::cli
