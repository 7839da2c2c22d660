// How long the referral loop's core takes on a busy clinic's data: 1000 referrals (each with
// three status events) and 500 screenings. Figures are medians of 5 runs of CPU time
// (std::clock; wall time beside it: the development machine is shared).
//   - the store: key derivation at the real work factor (18), the first save (every section
//     serialized and encrypted), an incremental save (one referral changed), unlocking the
//     whole store (decrypt and parse every section; KDF at 10 so the data cost shows);
//   - the dashboard over all of it, its CSV and the period's FHIR Bundle;
//   - one referral Bundle with its screening, one status update read and applied;
//   - a backup exported and read back (scrypt at 10 here too).
#include "core/actions/dashboard.hpp"
#include "core/screening/instruments.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/status_update.hpp"
#include "core/store/store.hpp"
#include "core/store/store_backup.hpp"
#include "core/store/stored_screening.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace safetynet::core;
using Clock = std::chrono::steady_clock;

namespace {

struct Timing {
    double cpu_ms;
    double wall_ms;
};

Timing median_ms(const std::function<void()>& op, int runs = 5) {
    std::vector<double> cpu, wall;
    for (int i = 0; i < runs; ++i) {
        const std::clock_t c0 = std::clock();
        const auto t0 = Clock::now();
        op();
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        cpu.push_back(1e3 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

void print(const char* what, const Timing& t) { std::printf("%-58s %10.2f ms CPU %10.2f ms wall\n", what, t.cpu_ms, t.wall_ms); }

std::string day(int i, int hour) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "2025-%02d-%02dT%02d:00:00Z", 1 + (i / 28) % 12, 1 + i % 28, hour);
    return buf;
}

StoreData busy_clinic() {
    StoreData d;
    d.settings.name = "Eastside Community Clinic";
    d.key_sets.push_back(KeySet::generate("Eastside Community Clinic"));
    const auto q = load_builtin_instrument("ahc-hrsn");
    const Response response = Response::from_simple(q, nlohmann::json::parse(R"({
        "71802-3": "LA31994-9", "96778-6": ["LA31996-4"], "88122-7": "LA28397-0", "88123-5": "LA28398-8",
        "93030-5": "LA33-6", "96779-4": "LA33-6", "95618-5": "LA6270-8", "95617-7": "LA6270-8",
        "95616-9": "LA6270-8", "95615-1": "LA6270-8"})"));
    const ScreeningResult result = score(response, "ahc-hrsn");
    std::vector<std::string> screening_ids;
    for (int i = 0; i < 500; ++i) {
        StoredScreening s = record_screening(response, result, "ahc-hrsn", day(i, 9), day(i, 9), "clinician", "en");
        screening_ids.push_back(s.id);
        d.screenings.emplace(s.id, std::move(s));
    }
    for (int i = 0; i < 1000; ++i) {
        ReferralPatient p;
        p.name = "Person " + std::to_string(i);
        p.phone = "+1 555 01" + std::to_string(i % 100);
        p.preferred_contact = "phone";
        ReferralConsent c;
        c.date_time = day(i, 9);
        c.scope = "Share my needs with the organization.";
        Referral r = new_referral(p, {"Eastside Community Clinic", "", std::nullopt, ""},
                                  {"Organization " + std::to_string(i % 12), "", std::nullopt, ""},
                                  needs_from_screening(result), {{"svc", "Food pantry", "", "", "12 Harbor St"}}, c, day(i, 10));
        r.screening_id = screening_ids[static_cast<std::size_t>(i) % screening_ids.size()];
        StatusEvent a{TaskStatus::Accepted, ReferralActor::Performer, day(i, 12), "", "", "", "", "bench"};
        record_status(r, a);
        if (i % 3) {
            StatusEvent done{TaskStatus::Completed, ReferralActor::Performer, day(i, 18), "got-help", "", "", "", "bench"};
            record_status(r, done);
        }
        d.referrals.emplace(r.id, std::move(r));
    }
    for (int i = 0; i < 2000; ++i) d.audit.push_back({day(i % 300, 8), "staff", "viewed", "referral x", ""});
    return d;
}

Store empty_store(int log_n) {
    StoreKeyJob j = Store::start_create(as_bytes(std::string("bench passphrase")), log_n);
    j.job.run();
    StoreSettings settings;
    settings.name = "Eastside Community Clinic";
    return Store::create(std::move(j), settings);
}

StoreBlobs run(Store& s, const SavePlan& p, StoreBlobs blobs) {
    for (const StoreOp& op : p.ops) {
        if (op.kind == StoreOp::Kind::Put)
            blobs[op.key] = op.bytes;
        else
            blobs.erase(op.key);
    }
    s.save_finished(p, p.ops.size());
    return blobs;
}

}  // namespace

int main() {
    std::printf("referral loop benchmark: 1000 referrals (3 events each), 500 screenings, 2000 audit entries\n");
    const StoreData data = busy_clinic();

    print("store key derivation, scrypt work factor 18 (1 run)", median_ms([] {
              ScryptJob j = store_kdf_job(as_bytes(std::string("bench passphrase")), new_store_kdf(18));
              j.run();
          }, 1));

    StoreBlobs blobs;
    std::size_t first_ops = 0, blob_bytes = 0;
    print("first save: serialize and encrypt every section", median_ms([&] {
              Store s = empty_store(10);
              s.replace_data(data);
              const SavePlan p = s.save();
              first_ops = p.ops.size();
              blobs = run(s, p, {});
          }));
    for (const auto& [k, v] : blobs) blob_bytes += v.size();
    std::printf("  %zu operations, %zu blobs, %.1f KiB in storage\n", first_ops, blobs.size(), blob_bytes / 1024.0);

    Store s = Store::open(blobs);
    print("unlock: decrypt and parse every section (KDF at 10)", median_ms([&] {
              Store t = Store::open(blobs);
              t.unlock(as_bytes(std::string("bench passphrase")));
          }));
    s.unlock(as_bytes(std::string("bench passphrase")));
    std::size_t inc_ops = 0;
    int n = 0;
    print("incremental save: one referral changed", median_ms([&] {
              Referral r = s.referrals().begin()->second;
              r.note = "note " + std::to_string(n++);
              s.put_referral(r);
              const SavePlan p = s.save();
              inc_ops = p.ops.size();
              blobs = run(s, p, std::move(blobs));
          }));
    std::printf("  %zu operations (the referral, the head, the old blob removed)\n", inc_ops);
    print("has_unsaved_changes with nothing changed", median_ms([&] { (void)s.has_unsaved_changes(); }));

    DashboardOptions o;
    o.from = "2025-01-01";
    o.to = "2025-12-31";
    o.now = "2026-01-15T00:00:00Z";
    print("dashboard figures", median_ms([&] { (void)compute_dashboard(data, o); }));
    print("dashboard CSV", median_ms([&] { (void)dashboard_csv(compute_dashboard(data, o)); }));
    print("referrals CSV", median_ms([&] { (void)referrals_csv(data, o); }));
    o.from = "2025-03-01";
    o.to = "2025-03-31";
    std::size_t entries = 0;
    print("period FHIR Bundle, one month (~84 referrals)", median_ms([&] { entries = period_bundle(data, o)["entry"].size(); }));
    std::printf("  %zu entries\n", entries);

    const Referral& r = data.referrals.begin()->second;
    const RebuiltScreening rebuilt = rebuild_screening(data.screenings.at(r.screening_id));
    const ReferralScreening rs{&rebuilt.response, &rebuilt.result, "", "en"};
    print("referral Bundle with its screening (JSON text)", median_ms([&] { (void)referral_bundle(r, &rs).dump(); }));
    const std::string update = status_update_bundle(r).dump();
    print("status update: read and apply", median_ms([&] {
              Referral copy = r;
              copy.history.resize(2);  // back to accepted
              const StatusUpdate u = read_status_update(update);
              if (copy.status() != u.event.status) apply_status_update(copy, u, ReferralActor::Performer, "bench");
          }));

    Bytes backup;
    print("backup export (scrypt at 10)", median_ms([&] {
              backup = export_store_backup(s, as_bytes(std::string("backup pass")), "2026-01-15T00:00:00Z", 10);
          }));
    std::printf("  %.1f KiB armored\n", backup.size() / 1024.0);
    print("backup import (scrypt at 10)", median_ms([&] { (void)import_store_backup(backup, as_bytes(std::string("backup pass"))); }));
    return 0;
}
