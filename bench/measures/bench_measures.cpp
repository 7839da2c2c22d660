// Measures over a busy clinic's store: 10,000 screenings of 8,000 patients (a fifth screened
// twice), a roster of 9,000 patients with 14,000 visits, 20,000 referrals with three events
// each on average and some follow-up calls. Figures are medians of 5 runs (CPU and wall time).
#include "core/actions/follow_up_list.hpp"
#include "core/actions/measure_report.hpp"
#include "core/actions/measures.hpp"
#include "core/actions/network_report.hpp"
#include "core/base/calendar_date.hpp"
#include "core/exchange/keyset.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {

struct Timing {
    double cpu_ms, wall_ms;
};

Timing median_ms(const std::function<void()>& op, int runs = 5) {
    std::vector<double> cpu, wall;
    for (int i = 0; i < runs; ++i) {
        const auto w0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        op();
        cpu.push_back(1e3 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

void print(const char* what, const Timing& t) { std::printf("%-58s %10.2f ms CPU %10.2f ms wall\n", what, t.cpu_ms, t.wall_ms); }

const char* kFive[] = {"food-insecurity", "housing-instability", "transportation-insecurity", "utility-insecurity",
                       "intimate-partner-violence"};
const char* kOrgs[] = {"Westside Food Bank", "Harbor Housing", "Eastside Pantry", "Ride Share Program", "Utility Help Fund",
                       "Safe Home Network", "Northside Food Shelf", "County Housing Office"};

StoreData busy_clinic() {
    std::mt19937 rng(15);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    StoreData d;
    const std::int64_t start = *date_days("2025-10-01");
    for (int p = 0; p < 9000; ++p) {
        RosterPatient rp;
        rp.id = "P" + std::to_string(p);
        rp.birth_date = date_from_days(*date_days("1940-01-01") + pick(365 * 70));
        const int visits = 1 + (p % 3 == 0);
        for (int v = 0; v < visits; ++v) rp.visits.push_back({date_from_days(start + pick(180)), "", "ambulatory"});
        std::sort(rp.visits.begin(), rp.visits.end(), [](const RosterVisit& a, const RosterVisit& b) { return a.start < b.start; });
        if (p % 50 == 0) rp.declined.push_back(rp.visits[0].start);
        d.roster.patients.emplace(rp.id, std::move(rp));
    }
    std::vector<std::string> screening_ids;
    for (int s = 0; s < 10000; ++s) {
        StoredScreening st;
        st.id = "s" + std::to_string(s);
        st.patient_id = "P" + std::to_string(s < 8000 ? s : pick(8000));
        const auto& visits = d.roster.patients.at(st.patient_id).visits;
        st.authored = visits[static_cast<std::size_t>(pick(static_cast<int>(visits.size())))].start + "T10:00:00Z";
        st.imported = st.authored;
        st.instrument = "ahc-hrsn";
        st.source = "clinician";
        st.questionnaire_response = "{}";
        for (const char* dom : kFive) st.needs.push_back({dom, pick(4) == 0, pick(20) != 0, false});
        screening_ids.push_back(st.id);
        d.screenings.emplace(st.id, std::move(st));
    }
    for (int r = 0; r < 20000; ++r) {
        Referral ref;
        ref.id = "r" + std::to_string(r);
        ref.direction = ReferralDirection::Outgoing;
        ref.screening_id = screening_ids[static_cast<std::size_t>(pick(10000))];
        const std::string sent = d.screenings.at(ref.screening_id).authored;
        ref.created = sent;
        ref.organization.name = kOrgs[pick(8)];
        ref.patient.name = "Person " + std::to_string(r);
        ref.needs.push_back({kFive[pick(5)], "", false, {}});
        ref.history.push_back({TaskStatus::Requested, ReferralActor::Requester, sent, "", "", "", "", "local"});
        const std::string day = sent.substr(0, 10);
        const int fate = pick(6);
        if (fate >= 1) ref.history.push_back({TaskStatus::Accepted, ReferralActor::Performer, add_days(day, 1 + pick(5)) + "T09:00:00Z", "", "", "", "", "b"});
        if (fate >= 3) ref.history.push_back({TaskStatus::InProgress, ReferralActor::Performer, add_days(day, 7 + pick(40)) + "T09:00:00Z", "", "", "", "", "b"});
        if (fate >= 4) ref.history.push_back({TaskStatus::Completed, ReferralActor::Performer, add_days(day, 50 + pick(40)) + "T09:00:00Z", "got-help", "", "", "", "b"});
        if (fate == 0 && pick(3) == 0) ref.follow_ups.push_back({add_days(day, 9) + "T10:00:00Z", "nurse", "connected", "", ""});
        d.referrals.emplace(ref.id, std::move(ref));
    }
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    // `bench_measures setup` builds the store only, `bench_measures measures` also runs all
    // measures 5 times: the difference of the two processes' CPU time (/usr/bin/time) is the
    // measures' CPU time, where the clock the program sees is wall time (WebAssembly) on a
    // busy machine.
    const std::string only = argc > 1 ? argv[1] : "";
    const StoreData data = busy_clinic();
    std::printf("store: %zu screenings, %zu referrals, %zu roster patients\n", data.screenings.size(), data.referrals.size(),
                data.roster.patients.size());
    const MeasureOptions q1{parse_date_period("2026-01/2026-03", "bench"), "2026-04-05T12:00:00Z", "*"};
    if (only == "setup") return 0;
    if (only == "measures") {
        MeasureOptions one = q1;
        one.explain = "P42";
        for (int i = 0; i < 5; ++i) std::printf("numerator %zu\n", *compute_measures(data, one).measures[0].groups[0].numerator);
        return 0;
    }
    MeasuresReport m;
    MeasureOptions one = q1;
    one.explain = "P42";  // the dashboard explains the patient asked about
    print("all measures (#487, #498, SDOH-1, SDOH-2), a quarter", median_ms([&] { m = compute_measures(data, one); }));
    print("  the same, explaining every patient (the CLI's explain)", median_ms([&] { m = compute_measures(data, q1); }));
    for (const MeasureResult& r : m.measures) {
        const MeasureGroupResult& g = r.groups[0];
        std::printf("  %-10s denominator %6zu numerator %6zu\n", r.id.c_str(), g.denominator.value_or(0), g.numerator.value_or(0));
    }
    std::printf("  explanations: %zu lines\n", m.explanations.size());
    print("MeasureReports Bundle (JSON text)", median_ms([&] {
              const std::string s = measure_reports_bundle(reports_from_measures(m), q1.period, q1.now, "Clinic").dump();
              if (s.empty()) std::puts("?");
          }));
    std::vector<Report> net;
    print("network report: measures + referral aggregates", median_ms([&] { net = network_reports(data, q1.period, q1.now); }));
    print("small-cell suppression", median_ms([&] {
              std::vector<Report> copy = net;
              suppress_small_cells(copy);
          }));
    suppress_small_cells(net);
    const KeySet a = KeySet::generate("Site A"), b = KeySet::generate("Site B"), c = KeySet::generate("Site C");
    std::vector<std::string> files;
    print("signed network file (one site)", median_ms([&] { files = {export_network_report(net, q1.period, q1.now, a)}; }));
    files.push_back(export_network_report(net, q1.period, q1.now, b));
    files.push_back(export_network_report(net, q1.period, q1.now, c));
    const std::vector<ContactCard> cards = {a.contact_card(), b.contact_card(), c.contact_card()};
    print("verify, read and merge three sites", median_ms([&] {
              std::vector<SiteReport> sites;
              for (std::size_t i = 0; i < files.size(); ++i) sites.push_back(read_network_report(files[i], "site", cards));
              const NetworkView v = merge_network(sites);
              if (v.cells.empty()) std::puts("?");
          }));
    std::size_t due = 0;
    print("follow-up list (needs a call today)", median_ms([&] { due = follow_up_list(data, "2026-03-15").size(); }));
    std::printf("  due today: %zu\n", due);
    print("follow-up calendar (.ics)", median_ms([&] {
              if (follow_up_calendar(data, "2026-03-15", "2026-03-15T08:00:00Z").empty()) std::puts("?");
          }));
    return 0;
}
