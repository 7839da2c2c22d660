// The store's write protocol under crashes: for a series of saves of every kind (first save,
// new sections, changed sections, many at once, an audit log crossing a chunk, removals, a
// failed save retried, a crash followed by a reopen and new changes, a passphrase change, a
// restored backup), storage is cut after EVERY prefix of each save's operations, as a crash
// or a reload would leave it. Opening it again must give exactly the state before the save
// (while the head has not been put) or exactly the state after (once it has): never an error,
// never a mix. The number of crash points checked is printed (docs/STORE.md quotes it).
#include "core/store/store.hpp"
#include "core/store/store_backup.hpp"
#include "core/store/stored_screening.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <iostream>
#include <optional>

using namespace safetynet::core;
using safetynet::test::canonical;
using safetynet::test::MemoryStorage;

namespace {

using State = std::map<std::string, std::string>;

struct Harness {
    MemoryStorage storage;
    std::optional<State> committed;  // nullopt: no store in storage yet
    std::string passphrase;
    int crash_points = 0;
    int saves = 0;

    // The state storage opens to, with the passphrase expected to open it.
    void expect_opens_to(const StoreBlobs& blobs, const std::optional<State>& state, const std::string& pass,
                         const std::string& other_pass) {
        if (!state) {
            CHECK_FALSE(Store::present(blobs));
            return;
        }
        Store s = Store::open(blobs);
        if (other_pass != pass)
            CHECK(safetynet::test::kind_of([&] {
                      Store t = Store::open(blobs);
                      t.unlock(as_bytes(other_pass));
                  }) == "wrong-passphrase");
        s.unlock(as_bytes(pass));
        CHECK(canonical(s) == *state);
    }

    // One save, cut after every prefix of its operations; then `completed` of them run for real
    // (all by default) and are reported to the store.
    void save(Store& s, const std::string& new_pass, std::optional<std::size_t> completed = std::nullopt) {
        const State after = canonical(s);
        const SavePlan plan = s.save();
        REQUIRE_FALSE(plan.empty());
        REQUIRE(plan.commit < plan.ops.size());
        CHECK(plan.ops[plan.commit].key == "store/head");
        for (std::size_t k = 0; k <= plan.ops.size(); ++k) {
            CAPTURE(saves);
            CAPTURE(k);
            MemoryStorage cut = storage;
            cut.run(plan, k);
            if (k <= plan.commit)
                expect_opens_to(cut.blobs, committed, passphrase, new_pass);
            else
                expect_opens_to(cut.blobs, after, new_pass, passphrase);
            ++crash_points;
        }
        const std::size_t ran = storage.run(plan, completed.value_or(plan.ops.size()));
        s.save_finished(plan, ran);
        if (ran > plan.commit) {
            committed = after;
            passphrase = new_pass;
        }
        ++saves;
    }

    // After a save that ran to the end, storage holds the head and one blob per section only.
    void expect_no_garbage(const Store& s) const {
        CHECK(storage.blobs.size() == 1 + store_section_names(s.data()).size());
    }
};

Referral referral_for(const ScreeningResult& result, int i) {
    char when[32];
    std::snprintf(when, sizeof when, "2025-06-%02dT10:00:00Z", 1 + i % 28);
    return safetynet::test::sample_referral(result, when, "Organization " + std::to_string(i));
}

}  // namespace

TEST_CASE("store crash safety: every prefix of every save opens to the old or the new state") {
    Harness h;
    h.passphrase = "first passphrase";
    Store s = safetynet::test::create_store(h.passphrase);
    const safetynet::test::SampleScreening sc;

    // 1. The first save of a new store.
    s.key_sets().push_back(KeySet::generate("Eastside Community Clinic"));
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 2. New small sections' content: a contact and a ledger entry.
    const KeySet org = KeySet::generate("Westside Food Bank");
    s.contacts().push_back({org.contact_card(), "2025-06-01T09:00:00Z", "compared in person"});
    s.ledger().record("ABCD1234", "bundle-1", {"2025-06-01T09:00:00Z", std::string(64, 'a')});
    h.save(s, h.passphrase);

    // 3. A screening and a referral: new sections.
    StoredScreening stored = record_screening(sc.response, sc.result, "ahc-hrsn", "2025-06-01T14:00:00Z",
                                              "2025-06-01T14:05:00Z", "clinician", "en");
    Referral a = safetynet::test::sample_referral(sc.result);
    a.screening_id = stored.id;
    s.put_screening(std::move(stored));
    s.put_referral(a);
    s.audit("Dr. Diaz", "referral-created", "referral " + a.id, {}, "2025-06-01T14:30:00Z");
    h.save(s, h.passphrase);

    // 4. A changed section.
    record_status(a, safetynet::test::event(TaskStatus::Accepted, "2025-06-02T09:00:00Z"));
    s.put_referral(a);
    h.save(s, h.passphrase);

    // 5. Many sections at once.
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) {
        Referral r = referral_for(sc.result, i);
        ids.push_back(r.id);
        s.put_referral(std::move(r));
    }
    h.save(s, h.passphrase);

    // 6. The audit log crossing into a second chunk.
    for (int i = 0; i < 300; ++i) s.audit("staff", "viewed", "referral " + ids[static_cast<std::size_t>(i) % ids.size()], {}, "2025-06-03T00:00:00Z");
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 7. Removals and changes together.
    s.remove_referral(ids[2]);
    Referral d = *s.referral(ids[3]);
    d.note = "Call before visiting";
    s.put_referral(d);
    h.save(s, h.passphrase);

    // 8. A save that fails before its head (storage full, tab closed): reported, then retried
    //    with more changes by the next save, whose every prefix is checked on top of the
    //    failed one's leftovers.
    Referral e = *s.referral(ids[4]);
    e.note = "first attempt";
    s.put_referral(e);
    {
        const SavePlan failing = s.save();
        REQUIRE(failing.commit > 0);
        const std::size_t ran = h.storage.run(failing, failing.commit);  // every section put, no head
        s.save_finished(failing, ran);
        h.expect_opens_to(h.storage.blobs, h.committed, h.passphrase, h.passphrase);
        ++h.crash_points;
    }
    CHECK(s.has_unsaved_changes());
    s.settings().overdue_days = 10;
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 9. A save whose head landed but whose removals stopped half way: committed; the next
    //    save collects the rest.
    Referral f = *s.referral(ids[5]);
    f.note = "half-cleaned";
    s.put_referral(f);
    h.save(s, h.passphrase, std::nullopt);
    Referral g = *s.referral(ids[6]);
    g.note = "second";
    s.put_referral(g);
    {
        const SavePlan p = s.save();
        REQUIRE(p.ops.size() >= p.commit + 2);
        const State after = canonical(s);
        const std::size_t ran = h.storage.run(p, p.commit + 1);  // head done, removals not
        s.save_finished(p, ran);
        h.committed = after;
        h.expect_opens_to(h.storage.blobs, h.committed, h.passphrase, h.passphrase);
        ++h.crash_points;
    }
    s.put_referral(*s.referral(ids[7]));  // no change: nothing but the garbage to collect...
    Referral i7 = *s.referral(ids[7]);
    i7.note = "collect";
    s.put_referral(i7);
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 10. A crash in the middle of a save, then a reload: the reopened store (the old state)
    //     takes new changes and saves over the crashed save's leftovers.
    {
        Referral x = *s.referral(ids[8]);
        x.note = "lost in the crash";
        s.put_referral(x);
        const SavePlan p = s.save();
        h.storage.run(p, p.commit);  // sections put, head not: then the tab is closed
    }
    s = Store::open(h.storage.blobs);
    s.unlock(as_bytes(h.passphrase));
    CHECK(canonical(s) == *h.committed);
    CHECK(s.referral(ids[8])->note != "lost in the crash");
    Referral y = *s.referral(ids[9]);
    y.note = "after the reload";
    s.put_referral(y);
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 11. A new passphrase: every section re-encrypted; until the head lands only the old
    //     passphrase opens storage, after it only the new one.
    {
        StoreKeyJob k = s.start_rekey(as_bytes(std::string("second passphrase")), safetynet::test::kTestLogN);
        k.job.run();
        s.finish_rekey(std::move(k));
    }
    h.save(s, "second passphrase");
    h.expect_no_garbage(s);

    // 12. A restored backup replacing everything (fewer referrals than before).
    {
        Store small = safetynet::test::create_store("x", "Restored Clinic");
        small.put_referral(referral_for(sc.result, 99));
        const Bytes file = export_store_backup(small, as_bytes(std::string("backup")), "2025-07-01T00:00:00Z",
                                               safetynet::test::kTestLogN);
        s.replace_data(import_store_backup(file, as_bytes(std::string("backup"))).data);
    }
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 13. Everything removed but the required sections.
    for (const std::string& id : std::vector<std::string>{s.referrals().begin()->first}) s.remove_referral(id);
    h.save(s, h.passphrase);
    h.expect_no_garbage(s);

    // 14. Twenty saves of mixed changes (a fixed pseudo-random sequence, the same every run):
    //     additions, edits, removals, audit entries and settings in varying combinations.
    std::uint32_t seed = 12345;
    auto next = [&seed](std::uint32_t n) {
        seed = seed * 1103515245u + 12345u;  // a fixed LCG: reproducible, no std::random variance
        return (seed >> 16) % n;
    };
    // Referrals in the order they were added (not the map's order of random ids), so the same
    // choices touch the same referrals in every run.
    std::vector<std::string> present;
    for (const auto& [id, r] : s.referrals()) present.push_back(id);
    for (int round = 0; round < 20; ++round) {
        const std::uint32_t adds = next(3), edits = next(3), removes = next(2);
        for (std::uint32_t i = 0; i < adds; ++i) {
            Referral r = referral_for(sc.result, static_cast<int>(next(1000)));
            present.push_back(r.id);
            s.put_referral(std::move(r));
        }
        for (std::uint32_t i = 0; i < edits && !present.empty(); ++i) {
            Referral r = *s.referral(present[next(static_cast<std::uint32_t>(present.size()))]);
            r.note = "round " + std::to_string(round) + " edit " + std::to_string(i);
            s.put_referral(std::move(r));
        }
        for (std::uint32_t i = 0; i < removes && present.size() > 1; ++i) {
            const std::size_t at = next(static_cast<std::uint32_t>(present.size()));
            s.remove_referral(present[at]);
            present.erase(present.begin() + static_cast<std::ptrdiff_t>(at));
        }
        if (next(2)) s.audit("staff", "round", "round " + std::to_string(round), {}, "2025-06-04T00:00:00Z");
        if (next(4) == 0) s.settings().overdue_days = 7 + static_cast<int>(next(20));
        if (!s.has_unsaved_changes()) s.audit("staff", "noop", "round " + std::to_string(round), {}, "2025-06-04T00:00:00Z");
        h.save(s, h.passphrase);
        h.expect_no_garbage(s);
    }

    std::cout << "store crash test: " << h.crash_points << " crash points over " << h.saves
              << " saves, each reopened to exactly the old or the new state\n";
    // Every save has at least a section put, the head and a state on each side of it.
    CHECK(h.crash_points >= 3 * h.saves);
}
