// Dashboard figures on a known data set (tests/data/dashboard/: the data set, the figures
// worked out by hand in README.md, expected.csv), and the exports.
#include "core/actions/dashboard.hpp"
#include "core/screening/instruments.hpp"
#include "core/store/stored_screening.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace safetynet::core;
using nlohmann::json;

namespace {

std::string data_file(const std::string& name) {
    return safetynet::test::read_test_file(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/dashboard/" + name);
}

struct Dataset {
    StoreData data;
    DashboardOptions options;
    std::map<std::string, std::string> name_of;  // referral id -> name in the data set
};

Dataset load_dataset() {
    const json d = json::parse(data_file("dataset.json"));
    Dataset out;
    out.options.from = d["from"];
    out.options.to = d["to"];
    out.options.now = d["now"];
    out.options.overdue_days = d["overdue_days"];
    const auto q = load_builtin_instrument("ahc-hrsn");
    std::map<std::string, std::string> screening_id;
    for (const json& s : d["screenings"]) {
        const Response r = Response::from_simple(q, s["answers"]);
        StoredScreening st = record_screening(r, score(r, "ahc-hrsn"), "ahc-hrsn", s["authored"].get<std::string>(),
                                              s["authored"].get<std::string>(), "clinician", "en");
        screening_id[s["name"]] = st.id;
        out.data.screenings.emplace(st.id, std::move(st));
    }
    for (const json& r : d["referrals"]) {
        const json& events = r["events"];
        const TaskStatus first = *parse_task_status(events[0][0].get<std::string>());
        ReferralPatient p;
        p.name = "Person " + r["name"].get<std::string>();
        Referral ref = new_referral(p, {"Eastside Community Clinic", "", std::nullopt, ""},
                                    {r["organization"], "", std::nullopt, ""},
                                    {{"food-insecurity", "Food insecurity", false, {}}}, {}, safetynet::test::sample_consent(),
                                    events[0][2].get<std::string>(), first);
        if (r.value("direction", "outgoing") == "incoming") ref.direction = ReferralDirection::Incoming;
        if (r.contains("screening")) ref.screening_id = screening_id.at(r["screening"]);
        for (std::size_t i = 1; i < events.size(); ++i) {
            StatusEvent e;
            e.status = *parse_task_status(events[i][0].get<std::string>());
            e.by = *parse_referral_actor(events[i][1].get<std::string>());
            e.at = events[i][2];
            if (events[i].size() > 3) e.outcome = events[i][3];
            record_status(ref, e);
        }
        out.name_of[ref.id] = r["name"];
        out.data.referrals.emplace(ref.id, std::move(ref));
    }
    return out;
}

}  // namespace

TEST_CASE("dashboard: the figures of the known data set, as worked out by hand") {
    const Dataset ds = load_dataset();
    const DashboardFigures f = compute_dashboard(ds.data, ds.options);
    CHECK(dashboard_csv(f) == data_file("expected.csv"));

    const json expected = json::parse(data_file("expected.json"));
    std::vector<std::string> overdue;
    for (const std::string& id : f.overdue_ids) overdue.push_back(ds.name_of.at(id));
    CHECK(overdue == expected["overdue"].get<std::vector<std::string>>());
    // The figures behind the CSV, as numbers.
    CHECK(f.sent == 9);
    REQUIRE(f.closure_rate);
    CHECK(*f.closure_rate == doctest::Approx(2.0 / 9));
    REQUIRE(f.median_days_to_close);
    CHECK(*f.median_days_to_close == doctest::Approx(3.5));
}

TEST_CASE("dashboard: the referral list CSV names each counted referral once, with no PHI") {
    const Dataset ds = load_dataset();
    const std::string csv = referrals_csv(ds.data, ds.options);
    CHECK(csv.find("Person ") == std::string::npos);
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    CHECK(line == "referral_id,sent,organization,needs,priority,status,last_update,days_since_update,overdue,outcome,days_to_close\r");
    std::set<std::string> names;
    std::map<std::string, std::string> overdue;
    while (std::getline(in, line)) {
        REQUIRE(line.back() == '\r');
        const std::string id = line.substr(0, line.find(','));
        names.insert(ds.name_of.at(id));
        std::vector<std::string> cells;
        std::istringstream l(line.substr(0, line.size() - 1));
        for (std::string c; std::getline(l, c, ',');) cells.push_back(c);
        overdue[ds.name_of.at(id)] = cells.at(8);
    }
    const json expected = json::parse(data_file("expected.json"));
    const auto counted = expected["counted"].get<std::vector<std::string>>();
    CHECK(names == std::set<std::string>(counted.begin(), counted.end()));
    CHECK(overdue["R12"] == "yes");
    CHECK(overdue["R13"] == "no");
}

TEST_CASE("dashboard: the period's FHIR Bundle holds each counted referral and the unreferred screenings") {
    const Dataset ds = load_dataset();
    const json b = period_bundle(ds.data, ds.options);
    CHECK(b["type"] == "collection");
    CHECK(b["timestamp"] == ds.options.now);
    std::map<std::string, int> count;
    std::set<std::string> urls;
    for (const json& e : b["entry"]) {
        ++count[e["resource"]["resourceType"].get<std::string>()];
        CHECK(urls.insert(e["fullUrl"].get<std::string>()).second);
    }
    CHECK(count["Task"] == 9);
    CHECK(count["ServiceRequest"] == 9);
    CHECK(count["Consent"] == 9);
    // S1, S2, S3 with their referrals; S5 (no referral) on its own; S4 is before the period.
    CHECK(count["QuestionnaireResponse"] == 4);
    CHECK(count["Organization"] == 4);  // the clinic and three organizations, each once
    for (const json& e : b["entry"])
        if (e["resource"]["resourceType"] == "Task") {
            const std::string status = e["resource"]["status"];
            CHECK(status != "draft");
            CHECK(status != "entered-in-error");
        }
}

TEST_CASE("dashboard: bad options and empty data") {
    StoreData empty;
    DashboardOptions o;
    o.now = "2025-07-01T00:00:00Z";
    const DashboardFigures f = compute_dashboard(empty, o);
    CHECK(f.sent == 0);
    CHECK_FALSE(f.closure_rate);
    CHECK_FALSE(f.median_days_to_close);
    CHECK(dashboard_csv(f).find("closure_rate,,,0,0\r\n") != std::string::npos);
    o.from = "2025-6-1";
    CHECK(safetynet::test::kind_of([&] { compute_dashboard(empty, o); }) == "dashboard");
    o.from.clear();
    o.now = "yesterday";
    CHECK(safetynet::test::kind_of([&] { compute_dashboard(empty, o); }) == "dashboard");
}

TEST_CASE("dashboard: CSV fields follow RFC 4180 and stay text in spreadsheets") {
    CHECK(csv_field("Westside Food Bank") == "Westside Food Bank");
    CHECK(csv_field("Food, Clothing & More") == "\"Food, Clothing & More\"");
    CHECK(csv_field("The \"Good\" Pantry") == "\"The \"\"Good\"\" Pantry\"");
    CHECK(csv_field("line\r\nbreak") == "\"line\r\nbreak\"");
    CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
}
