// The encrypted store: round trip, wrong passphrase, damage detection, incremental saves,
// locking, passphrase change, backup. The crash test is in test_store_crash.cpp.
#include "core/store/store.hpp"
#include "core/store/store_backup.hpp"
#include "core/store/stored_screening.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/store_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

using namespace safetynet::core;
using safetynet::test::canonical;
using safetynet::test::create_store;
using safetynet::test::kind_of;
using safetynet::test::MemoryStorage;
using safetynet::test::open_unlocked;

namespace {

constexpr const char* kPass = "correct horse battery staple";

// A store with some of everything: a key set, a contact, a screening, a referral, audit.
Store filled_store(MemoryStorage& storage) {
    Store s = create_store(kPass);
    s.key_sets().push_back(KeySet::generate("Eastside Community Clinic"));
    const KeySet org = KeySet::generate("Westside Food Bank");
    s.contacts().push_back({org.contact_card(), "2025-06-01T10:00:00Z", "fingerprint compared by phone"});
    const safetynet::test::SampleScreening sc;
    StoredScreening stored = record_screening(sc.response, sc.result, "ahc-hrsn", "2025-06-01T14:00:00Z",
                                              "2025-06-01T14:05:00Z", "clinician", "en");
    Referral r = safetynet::test::sample_referral(sc.result);
    r.screening_id = stored.id;
    r.organization.card = org.contact_card();
    s.put_screening(std::move(stored));
    s.put_referral(std::move(r));
    s.audit("Dr. Diaz", "referral-created", "referral x", {}, "2025-06-01T14:30:00Z");
    storage.save(s);
    return s;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("store: what is saved opens again, and storage holds only ciphertext") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    CHECK(s.generation() == 1);
    CHECK(Store::present(storage.blobs));
    // A head and one blob per section: settings, keys, contacts, ledger, screening, referral, audit/0.
    CHECK(storage.blobs.size() == 8);
    for (const auto& [key, bytes] : storage.blobs) {
        CHECK(key.rfind("store/", 0) == 0);
        CHECK_FALSE(contains(bytes, "Alex Testperson"));
        CHECK_FALSE(contains(bytes, "AGE-SECRET-KEY"));
        CHECK_FALSE(contains(bytes, "food-insecurity"));
        CHECK_FALSE(contains(key, s.referrals().begin()->first));  // blob names say nothing
    }
    const Store back = open_unlocked(storage.blobs, kPass);
    CHECK(canonical(back) == canonical(s));
    CHECK(back.store_id() == s.store_id());
    CHECK(back.referrals().begin()->second.patient.name == "Alex Testperson");
    CHECK(back.data().key_sets.size() == 1);
    CHECK(back.data().key_sets[0].age_identity.recipient() == s.data().key_sets[0].age_identity.recipient());
}

TEST_CASE("store: a wrong passphrase changes nothing and says so") {
    MemoryStorage storage;
    const Store s = filled_store(storage);
    const StoreBlobs before = storage.blobs;
    Store locked = Store::open(storage.blobs);
    try {
        locked.unlock(as_bytes(std::string("Correct horse battery staple")));
        FAIL("opened");
    } catch (const Error& e) {
        CHECK(e.kind() == "wrong-passphrase");
        CHECK(std::string(e.what()).find("nothing was changed") != std::string::npos);
    }
    CHECK_FALSE(locked.unlocked());
    CHECK(kind_of([&] { (void)locked.referrals(); }) == "store-locked");
    CHECK(kind_of([&] { (void)locked.save(); }) == "store-locked");
    CHECK(storage.blobs == before);
    locked.unlock(as_bytes(std::string(kPass)));
    CHECK(canonical(locked) == canonical(s));
}

TEST_CASE("store: damage is detected, naming the section, never taken for a wrong passphrase") {
    MemoryStorage storage;
    const Store s = filled_store(storage);
    std::string referral_blob, settings_blob;
    {
        // Which blob is which, from the store's own view (its manifest is not public: find the
        // referral's blob as the one that changes when only the referral changes).
        Store t = open_unlocked(storage.blobs, kPass);
        Referral r = t.referrals().begin()->second;
        r.note = "changed";
        t.put_referral(r);
        const SavePlan p = t.save();
        REQUIRE(p.ops.size() == 3);  // the referral's new blob, the head, the old blob removed
        referral_blob = p.ops[2].key;
    }
    REQUIRE(storage.blobs.count(referral_blob));

    auto expect = [&](const char* what, StoreBlobs blobs, const std::string& kind, const std::string& where) {
        CAPTURE(what);
        Store locked = Store::open(std::move(blobs));
        try {
            locked.unlock(as_bytes(std::string(kPass)));
            FAIL("opened");
        } catch (const Error& e) {
            CHECK(e.kind() == kind);
            CHECK(e.where() == where);
        }
        CHECK_FALSE(locked.unlocked());
    };
    const std::string referral_section = "referral/" + s.referrals().begin()->first;
    StoreBlobs b = storage.blobs;
    b[referral_blob][40] ^= 1;
    expect("a flipped bit in a section", b, "store-damaged", referral_section);
    b = storage.blobs;
    b.erase(referral_blob);
    expect("a section's blob missing", b, "store-damaged", referral_section);
    b = storage.blobs;
    b[referral_blob] = b[referral_blob].substr(0, 30);
    expect("a truncated section", b, "store-damaged", referral_section);
    b = storage.blobs;
    b["store/head"].back() ^= 1;
    expect("the manifest altered", b, "store-damaged", "store/head");
    b = storage.blobs;
    const std::size_t gen = b["store/head"].find("generation: 1");
    b["store/head"][gen + 12] = '7';
    expect("the header's generation altered", b, "store-damaged", "store/head");
    // A segment from another store (same passphrase) in place of ours.
    MemoryStorage other;
    (void)filled_store(other);
    b = storage.blobs;
    for (const auto& [key, bytes] : other.blobs)
        if (key != "store/head") b[referral_blob] = bytes;
    expect("a blob from another store", b, "store-damaged", referral_section);

    CHECK(kind_of([&] { Store::open({}); }) == "store-missing");
    b = storage.blobs;
    b["store/head"] = "safetynet-store/v9\n\n";
    CHECK(kind_of([&] { Store::open(b); }) == "store-version");
    b["store/head"] = "not a store";
    CHECK(kind_of([&] { Store::open(b); }) == "store-damaged");
}

TEST_CASE("store: a work factor above this device's cap is refused before any work") {
    MemoryStorage storage;
    (void)filled_store(storage);
    StoreBlobs b = storage.blobs;
    std::string& head = b["store/head"];
    const std::size_t at = head.find("kdf: scrypt 10 ");
    REQUIRE(at != std::string::npos);
    head.replace(at, 15, "kdf: scrypt 30 ");
    CHECK(kind_of([&] { Store::open(b); }) == "work-factor");
}

TEST_CASE("store: saves write only what changed") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    CHECK_FALSE(s.has_unsaved_changes());
    CHECK(s.save().empty());

    Referral r = s.referrals().begin()->second;
    r.note = "Bring ID";
    s.put_referral(r);
    CHECK(s.has_unsaved_changes());
    SavePlan p = s.save();
    // The referral's section, the head, then the old referral blob removed.
    REQUIRE(p.ops.size() == 3);
    CHECK(p.commit == 1);
    CHECK(p.ops[0].kind == StoreOp::Kind::Put);
    CHECK(p.ops[0].key.rfind("store/seg/", 0) == 0);
    CHECK(p.ops[1].key == "store/head");
    CHECK(p.ops[2].kind == StoreOp::Kind::Remove);
    CHECK(kind_of([&] { (void)s.save(); }) == "store-busy");
    s.save_finished(p, storage.run(p));
    CHECK(s.generation() == 2);

    // Small sections are compared by content: an edit through the reference is saved.
    s.settings().overdue_days = 21;
    p = s.save();
    CHECK(p.ops.size() == 3);
    s.save_finished(p, storage.run(p));
    // Writing back the same content writes nothing.
    s.put_referral(s.referrals().begin()->second);
    CHECK(s.save().empty());
    CHECK(open_unlocked(storage.blobs, kPass).data().settings.overdue_days == 21);
    CHECK(storage.blobs.size() == 8);  // old versions were removed
}

TEST_CASE("store: a save that failed before its head leaves its changes pending") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    Referral r = s.referrals().begin()->second;
    r.note = "first try";
    s.put_referral(r);
    SavePlan p = s.save();
    s.save_finished(p, storage.run(p, p.commit));  // everything but the head
    CHECK(s.has_unsaved_changes());
    CHECK(open_unlocked(storage.blobs, kPass).referrals().begin()->second.note == "Prefers morning appointments.");
    p = s.save();
    s.save_finished(p, storage.run(p));
    CHECK(open_unlocked(storage.blobs, kPass).referrals().begin()->second.note == "first try");
    CHECK(storage.blobs.size() == 8);  // the failed save's blob was collected too
}

TEST_CASE("store: lock wipes; unlock again from what is persisted") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    const auto before = canonical(s);
    s.lock();
    CHECK_FALSE(s.unlocked());
    CHECK(kind_of([&] { (void)s.data(); }) == "store-locked");
    CHECK(kind_of([&] { s.audit("x", "y", "z"); }) == "store-locked");
    ScryptJob j = s.start_unlock(as_bytes(std::string(kPass)));
    while (!j.step(64)) CHECK(j.progress() < 1.0);  // the UI's slices
    s.finish_unlock(j);
    CHECK(canonical(s) == before);
}

TEST_CASE("store: a new passphrase takes effect with the save that re-encrypts everything") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    const auto before = canonical(s);
    StoreKeyJob k = s.start_rekey(as_bytes(std::string("a new passphrase")), safetynet::test::kTestLogN);
    k.job.run();
    s.finish_rekey(std::move(k));
    CHECK(s.has_unsaved_changes());
    const SavePlan p = s.save();
    CHECK(p.ops.size() == 7 + 1 + 7);  // every section again, the head, the old blobs removed
    // Until the head lands, the old passphrase opens storage.
    MemoryStorage partial = storage;
    partial.run(p, p.commit);
    CHECK(canonical(open_unlocked(partial.blobs, kPass)) == before);
    s.save_finished(p, storage.run(p));
    CHECK(kind_of([&] { open_unlocked(storage.blobs, kPass); }) == "wrong-passphrase");
    CHECK(canonical(open_unlocked(storage.blobs, "a new passphrase")) == before);
}

TEST_CASE("store: create refuses to overwrite a store and cleans up after an interrupted first save") {
    MemoryStorage storage;
    (void)filled_store(storage);
    CHECK(kind_of([&] { create_store(kPass, "x", storage.blobs); }) == "store-exists");

    MemoryStorage fresh;
    Store a = create_store(kPass);
    SavePlan p = a.save();
    fresh.run(p, p.commit);  // the first save stopped before its head
    CHECK_FALSE(Store::present(fresh.blobs));
    CHECK(fresh.blobs.size() == 4);
    Store b = create_store(kPass, "Eastside Community Clinic", fresh.blobs);
    fresh.save(b);
    CHECK(fresh.blobs.size() == 5);  // head + 4 sections: the leftovers are gone
}

TEST_CASE("store: backup round trip; a wrong passphrase or a tampered file changes nothing") {
    MemoryStorage storage;
    Store s = filled_store(storage);
    const Bytes file = export_store_backup(s, as_bytes(std::string("backup pass")), "2025-07-01T00:00:00Z",
                                           safetynet::test::kTestLogN);
    const std::string text(file.begin(), file.end());
    CHECK(text.rfind("-----BEGIN AGE ENCRYPTED FILE-----", 0) == 0);
    CHECK_FALSE(contains(text, "Alex"));

    const StoreBackup b = import_store_backup(file, as_bytes(std::string("backup pass")));
    CHECK(b.created == "2025-07-01T00:00:00Z");
    CHECK(b.store_id == s.store_id());

    // Restore into a new store on another device; it opens with its own passphrase.
    MemoryStorage device2;
    Store t = create_store("device two");
    t.replace_data(b.data);
    device2.save(t);
    CHECK(canonical(open_unlocked(device2.blobs, "device two")) == canonical(s));

    CHECK(kind_of([&] { import_store_backup(file, as_bytes(std::string("backup pas"))); }) == "wrong-passphrase");
    std::string tampered = text;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    const std::string k = kind_of([&] { import_store_backup(as_bytes(tampered), as_bytes(std::string("backup pass"))); });
    CHECK((k == "payload-auth" || k == "header-mac" || k == "armor" || k == "header"));
    CHECK(kind_of([&] { parse_store_backup(as_bytes(std::string("safetynet-store-backup/v1\ncreated: x\n"))); }) == "backup");

    // Restoring over an existing store replaces its content at the next save, nothing before.
    Store u = open_unlocked(storage.blobs, kPass);
    u.put_referral(safetynet::test::sample_referral(safetynet::test::SampleScreening().result, "2025-06-02T00:00:00Z"));
    storage.save(u);
    REQUIRE(u.referrals().size() == 2);
    u.replace_data(import_store_backup(file, as_bytes(std::string("backup pass"))).data);
    storage.save(u);
    CHECK(canonical(open_unlocked(storage.blobs, kPass)) == canonical(s));
}

TEST_CASE("store: section parsing refuses unknown and malformed sections") {
    MemoryStorage storage;
    const Store s = filled_store(storage);
    StoreSections sections = serialize_store_sections(s.data());
    CHECK_NOTHROW(parse_store_sections(sections));
    StoreSections extra = sections;
    extra.emplace("invoices", SecretBytes(as_bytes(std::string("{}"))));
    CHECK(kind_of([&] { parse_store_sections(extra); }) == "store-data");
    StoreSections no_settings = sections;
    no_settings.erase("settings");
    CHECK(kind_of([&] { parse_store_sections(no_settings); }) == "store-data");
    StoreSections gap = sections;
    gap.emplace("audit/1", SecretBytes(as_bytes(std::string(R"({"entries": [{"at": "a", "actor": "b", "action": "c", "object": "d"}]})"))));
    CHECK(kind_of([&] { parse_store_sections(gap); }) == "store-data");  // audit/0 is not full
    StoreSections wrong_id = sections;
    for (auto it = wrong_id.begin(); it != wrong_id.end(); ++it)
        if (it->first.rfind("referral/", 0) == 0) {
            SecretBytes bytes = std::move(it->second);
            wrong_id.erase(it);
            wrong_id.emplace("referral/00000000-0000-4000-8000-000000000000", std::move(bytes));
            break;
        }
    CHECK(kind_of([&] { parse_store_sections(wrong_id); }) == "store-data");
}
