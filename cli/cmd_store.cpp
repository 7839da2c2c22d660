// `safetynet store`: the encrypted local store in a directory (cli/store_dir.hpp): create it,
// look at it, back it up, restore a backup.
#include "cli/args.hpp"
#include "cli/cmd_loop.hpp"
#include "cli/file_io.hpp"
#include "cli/passphrase.hpp"
#include "cli/store_dir.hpp"
#include "core/base/error.hpp"
#include "core/store/store.hpp"
#include "core/store/store_backup.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {
const char* const kStoreUsage =
    "safetynet store init|info|show|backup|restore --store DIR [options]\n"
    "\n"
    "The encrypted local store, kept as files in DIR (DIR/store/head and DIR/store/seg/*):\n"
    "  init     --name NAME [--role clinic|organization] [--work-factor N]\n"
    "           creates the store under a new passphrase (typed twice) with a new key set for\n"
    "           NAME; prints its id and contact card. Refuses a DIR that holds a store.\n"
    "  info     the store's id, generation and key-derivation parameters; no passphrase.\n"
    "  show     counts of what it holds (no PHI): referrals by status, screenings, contacts...\n"
    "  backup   -o FILE [--work-factor N]: the whole store as one age file (armored) under a\n"
    "           backup passphrase (typed twice); `age -d` opens it too.\n"
    "  restore  FILE: replaces the store's content with a backup's (the backup passphrase,\n"
    "           then the store's); nothing changes unless both open.\n"
    "\n"
    "  --store DIR                  the store's directory (required)\n"
    "  --passphrase-file PFILE      the store's passphrase (first line); else asked at the terminal\n"
    "  --backup-passphrase-file PFILE   the backup's passphrase, likewise\n"
    "  --work-factor N              scrypt work factor, 10 to 22 (default 18: 256 MiB)\n"
    "Errors (exit 2): wrong-passphrase, store-missing, store-exists, store-damaged, work-factor,\n"
    "backup, and the age kinds for a damaged backup (header-mac, payload-auth, ...).";
}  // namespace

namespace {

int work_factor(const Args& args) {
    const auto wf = args.number("--work-factor");
    if (!wf) return core::kScryptEncryptLogN;
    if (*wf < 10 || *wf > 22 || *wf != static_cast<int>(*wf)) throw UsageError("--work-factor must be an integer from 10 to 22");
    return static_cast<int>(*wf);
}

core::Store open_store(const std::string& dir, const Args& args) {
    core::Store store = core::Store::open(read_store_dir(dir));
    const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Store passphrase: ", false);
    store.unlock(pass.view());
    return store;
}

int init(const std::string& dir, const Args& args) {
    const std::string name = args.required("--name");
    core::check_display_name(name, "store", "--name");
    core::StoreSettings settings;
    settings.name = name;
    settings.role = args.value("--role").value_or("clinic");
    if (settings.role != "clinic" && settings.role != "organization") throw UsageError("--role must be clinic or organization");
    const int log_n = work_factor(args);
    const core::StoreBlobs existing = read_store_dir(dir);
    if (core::Store::present(existing)) throw core::Error("store-exists", dir, "a store is already here");
    const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "New store passphrase: ", true);
    core::StoreKeyJob job = core::Store::start_create(pass.view(), log_n);
    job.job.run();
    core::Store store = core::Store::create(std::move(job), settings, existing);
    const core::KeySet keys = core::KeySet::generate(name);
    store.key_sets().push_back(keys);
    store.audit("cli", "store-created", "store " + store.store_id());
    save_store_dir(dir, store);
    const core::ContactCard card = keys.contact_card();
    nlohmann::ordered_json out{{"store", dir},
                               {"store_id", store.store_id()},
                               {"generation", store.generation()},
                               {"role", settings.role},
                               {"name", name},
                               {"fingerprint", card.fingerprint()},
                               {"contact_card", nlohmann::ordered_json::parse(card.to_json())}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

int info(const std::string& dir) {
    const core::Store store = core::Store::open(read_store_dir(dir));
    nlohmann::ordered_json out{{"store", dir},
                               {"store_id", store.store_id()},
                               {"generation", store.generation()},
                               {"kdf", {{"name", "scrypt"}, {"log_n", store.kdf().log_n}, {"r", store.kdf().r}, {"p", store.kdf().p}}},
                               {"blobs", store.persisted().size()}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

int show(const std::string& dir, const Args& args) {
    const core::Store store = open_store(dir, args);
    const core::StoreData& d = store.data();
    nlohmann::ordered_json by_status = nlohmann::ordered_json::object();
    for (core::TaskStatus s : core::kAllTaskStatuses) by_status[std::string(core::task_status_code(s))] = 0;
    std::size_t outgoing = 0, incoming = 0;
    for (const auto& [id, r] : d.referrals) {
        by_status[std::string(core::task_status_code(r.status()))] = by_status[std::string(core::task_status_code(r.status()))].get<int>() + 1;
        (r.direction == core::ReferralDirection::Outgoing ? outgoing : incoming)++;
    }
    nlohmann::ordered_json contacts = nlohmann::ordered_json::array();
    for (const core::TrustedContact& c : d.contacts) contacts.push_back({{"name", c.card.name}, {"fingerprint", c.card.fingerprint()}});
    nlohmann::ordered_json out{{"store_id", store.store_id()},
                               {"generation", store.generation()},
                               {"name", d.settings.name},
                               {"role", d.settings.role},
                               {"overdue_days", d.settings.overdue_days},
                               {"key_sets", d.key_sets.size()},
                               {"contacts", contacts},
                               {"screenings", d.screenings.size()},
                               {"referrals", {{"outgoing", outgoing}, {"incoming", incoming}, {"by_status", by_status}}},
                               {"seen_bundles", d.ledger.size()},
                               {"audit_entries", d.audit.size()}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

int backup(const std::string& dir, const Args& args) {
    const std::string out_path = args.required("--output");
    const int log_n = work_factor(args);
    core::Store store = open_store(dir, args);
    const core::SecretBytes pass = read_passphrase(args.value("--backup-passphrase-file"), "Backup passphrase: ", true);
    const core::Bytes file = core::export_store_backup(store, pass.view(), core::utc_now_rfc3339(), log_n, true);
    write_file_atomic(out_path, core::as_chars(file));
    store.audit("cli", "backup-exported", "store " + store.store_id());
    save_store_dir(dir, store);
    nlohmann::ordered_json out{{"output", out_path},
                               {"bytes", file.size()},
                               {"referrals", store.data().referrals.size()},
                               {"screenings", store.data().screenings.size()}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

int restore(const std::string& dir, const Args& args) {
    if (args.positional().size() != 2) throw UsageError("restore takes one backup FILE");
    const std::string file = read_file(args.positional()[1]);
    const core::SecretBytes backup_pass = read_passphrase(args.value("--backup-passphrase-file"), "Backup passphrase: ", false);
    core::StoreBackup b = core::import_store_backup(core::as_bytes(file), backup_pass.view());
    core::Store store = open_store(dir, args);
    const std::string from = b.store_id;
    store.replace_data(std::move(b.data));
    store.audit("cli", "backup-restored", "store " + from);
    save_store_dir(dir, store);
    nlohmann::ordered_json out{{"store_id", store.store_id()},
                               {"restored_from", from},
                               {"backup_created", b.created},
                               {"referrals", store.data().referrals.size()},
                               {"screenings", store.data().screenings.size()}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace

namespace {
int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--store", true},
                           {"--name", true},
                           {"--role", true},
                           {"--work-factor", true},
                           {"--passphrase-file", true},
                           {"--backup-passphrase-file", true},
                           {"--output", true, "-o"}});
    if (args.positional().empty()) throw UsageError("give a verb: init, info, show, backup or restore");
    const std::string verb = args.positional()[0];
    const std::string dir = args.required("--store");
    if (verb != "restore" && args.positional().size() > 1) throw UsageError("unexpected argument " + args.positional()[1]);
    if (verb == "init") return init(dir, args);
    if (verb == "info") return info(dir);
    if (verb == "show") return show(dir, args);
    if (verb == "backup") return backup(dir, args);
    if (verb == "restore") return restore(dir, args);
    throw UsageError("unknown verb \"" + verb + "\" (init, info, show, backup, restore)");
}

}  // namespace

const Command& store_command() {
    static const Command c{"store", kStoreUsage, "the encrypted local store in a directory: init, info, show, backup, restore", &run};
    return c;
}

}  // namespace safetynet::cli
