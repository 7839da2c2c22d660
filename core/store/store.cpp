// The encrypted local store (store.hpp): open, unlock, save plans, lock.
//
// [SECTION] Creating and opening
// [SECTION] Unlocking and locking
// [SECTION] Content
// [SECTION] Saving
// [SECTION] Passphrase change
#include "core/store/store.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/base/utc_time.hpp"

#include <sodium.h>


namespace safetynet::core {

struct Store::Pending {
    std::uint64_t id = 0;
    std::size_t commit = 0;
    StoreHeader header;
    std::map<std::string, Entry> manifest;
    std::map<std::string, std::string> plain;
    std::set<std::string> dirty;  // what it carries, pending again if it does not commit
    bool rekey = false;
    SecretBytes key;              // the key it wrote with (the new one when rekeying)
};

namespace {

// The manifest: one line per section, "<BLAKE2b-256 of its blob, hex> <section name>", after a
// version line and the generation. Plain text rather than JSON: a clinic's store has
// thousands of sections and every save writes the whole list (JSON cost 4x the time).
constexpr std::string_view kManifestMagic = "safetynet-store-manifest/v1\n";

// The blob a section is stored in is named after its digest: every write gets a fresh name
// (the nonce is random), and the head's digest is enough to find and check it.
std::string blob_key_for(const std::string& prefix, const std::string& digest) {
    return prefix + "seg/" + digest.substr(0, 32);
}

bool is_hex_digest(std::string_view d) {
    return d.size() == 64 && d.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The head: header text, then the sealed manifest with the text as associated data.
template <typename Entries>
Bytes head_blob(const StoreHeader& header, const Entries& entries, const SecretBytes& key) {
    const std::string text = format_store_header(header);
    std::string manifest = std::string(kManifestMagic) + "generation: " + std::to_string(header.generation) + "\n";
    manifest.reserve(manifest.size() + entries.size() * 100);
    for (const auto& [name, e] : entries) {
        manifest += e.digest;
        manifest += ' ';
        manifest += name;
        manifest += '\n';
    }
    Bytes out = to_bytes(text);
    const Bytes sealed = store_seal(key, as_bytes(manifest), as_bytes(text));
    out.insert(out.end(), sealed.begin(), sealed.end());
    return out;
}

std::string to_std_string(const Bytes& b) { return std::string(b.begin(), b.end()); }

// Referrals and screenings hold PHI: a record replaced or removed is wiped first. Each change
// marks its section ("<kind>/<id>") for the next save.
template <typename Record>
void put_wiping(std::map<std::string, Record>& records, Record r, const std::string& id,
                std::set<std::string>& dirty, const char* kind) {
    const auto it = records.find(id);
    if (it != records.end()) {
        it->second.wipe();
        it->second = std::move(r);
    } else {
        records.emplace(id, std::move(r));
    }
    dirty.insert(std::string(kind) + "/" + id);
}

template <typename Record>
bool remove_wiping(std::map<std::string, Record>& records, std::string_view id, std::set<std::string>& dirty,
                   const char* kind) {
    const auto it = records.find(std::string(id));
    if (it == records.end()) return false;
    it->second.wipe();
    records.erase(it);
    dirty.insert(std::string(kind) + "/" + std::string(id));
    return true;
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Creating and opening
//----------------------------------------------------------------------------------------------

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&& other) noexcept {
    if (this != &other) {
        lock();  // wipe what this store held before taking the other's
        Store moved(std::move(other));
        m_prefix = std::move(moved.m_prefix);
        m_header = std::move(moved.m_header);
        m_persisted = std::move(moved.m_persisted);
        m_unlocked = moved.m_unlocked;
        m_key = std::move(moved.m_key);
        m_digest_key = std::move(moved.m_digest_key);
        m_manifest = std::move(moved.m_manifest);
        m_plain = std::move(moved.m_plain);
        m_dirty = std::move(moved.m_dirty);
        m_data = std::move(moved.m_data);
        m_rekey_header = std::move(moved.m_rekey_header);
        m_rekey_key = std::move(moved.m_rekey_key);
        m_pending = std::move(moved.m_pending);
        m_next_plan = moved.m_next_plan;
        m_max_log_n = moved.m_max_log_n;
        moved.m_unlocked = false;
    }
    return *this;
}
Store::~Store() { m_data.wipe(); }

bool Store::present(const StoreBlobs& blobs, std::string_view prefix) {
    return blobs.count(std::string(prefix) + "head") > 0;
}

StoreKeyJob Store::start_create(ByteView passphrase, int log_n) {
    if (passphrase.empty()) throw Error("passphrase", "passphrase", "the store needs a passphrase");
    StoreKdf kdf = new_store_kdf(log_n);
    ScryptJob job = store_kdf_job(passphrase, kdf);
    return StoreKeyJob{kdf, std::move(job)};
}

Store Store::create(StoreKeyJob&& job, StoreSettings settings, const StoreBlobs& existing, std::string prefix) {
    if (present(existing, prefix))
        throw Error("store-exists", prefix + "head", "a store is already here; open it (or remove it first)");
    if (settings.role != "clinic" && settings.role != "organization")
        throw Error("store-data", "settings.role", "must be clinic or organization");
    Store s;
    s.m_prefix = std::move(prefix);
    for (const auto& [key, bytes] : existing)
        if (key.rfind(s.m_prefix, 0) == 0) s.m_persisted.emplace(key, bytes);
    const StoreKeys keys = derive_store_keys(job.job.result());
    s.m_header.store_id = random_hex16();
    s.m_header.generation = 0;  // nothing committed yet: the first save writes generation 1
    s.m_header.kdf = job.kdf;
    s.m_header.check = keys.check;
    s.m_key = keys.aead;
    s.m_digest_key = SecretBytes(32);
    randombytes_buf(s.m_digest_key.data(), s.m_digest_key.size());
    s.m_data.settings = std::move(settings);
    s.m_unlocked = true;
    return s;
}

Store Store::open(StoreBlobs blobs, std::string prefix, int max_log_n) {
    Store s;
    s.m_prefix = std::move(prefix);
    s.m_max_log_n = max_log_n;
    for (auto& [key, bytes] : blobs)
        if (key.rfind(s.m_prefix, 0) == 0) s.m_persisted.emplace(key, std::move(bytes));
    const auto head = s.m_persisted.find(s.head_key());
    if (head == s.m_persisted.end()) throw Error("store-missing", s.head_key(), "there is no store here");
    std::size_t text_bytes = 0;
    s.m_header = parse_store_header(as_bytes(head->second), text_bytes, max_log_n);
    return s;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Unlocking and locking
//----------------------------------------------------------------------------------------------

ScryptJob Store::start_unlock(ByteView passphrase) const {
    if (m_unlocked) throw Error("store-unlocked", "store", "the store is already unlocked");
    return store_kdf_job(passphrase, m_header.kdf);
}

void Store::finish_unlock(const ScryptJob& job) {
    if (m_unlocked) throw Error("store-unlocked", "store", "the store is already unlocked");
    const StoreKeys keys = derive_store_keys(job.result());
    if (!equal_constant_time(keys.check, m_header.check))
        throw Error("wrong-passphrase", "passphrase", "this passphrase does not open the store; nothing was changed");

    // Everything is read and checked before anything in this object changes.
    const auto head_it = m_persisted.find(head_key());
    if (head_it == m_persisted.end())
        throw Error("store-missing", head_key(), "nothing was saved before the store was locked");
    const std::string& head = head_it->second;
    std::size_t text_bytes = 0;
    const StoreHeader header = parse_store_header(as_bytes(head), text_bytes, m_max_log_n);
    const ByteView text = as_bytes(std::string_view(head).substr(0, text_bytes));
    const auto manifest_plain =
        store_open(keys.aead, as_bytes(std::string_view(head).substr(text_bytes)), text);
    if (!manifest_plain) throw Error("store-damaged", head_key(), "the store's head does not authenticate");
    std::map<std::string, Entry> manifest;
    {
        const std::string_view m = as_chars(manifest_plain->view());
        const std::string gen_line = "generation: " + std::to_string(header.generation) + "\n";
        if (m.substr(0, kManifestMagic.size()) != kManifestMagic || m.substr(kManifestMagic.size(), gen_line.size()) != gen_line)
            throw Error("store-damaged", head_key(), "the manifest does not match its header");
        std::size_t at = kManifestMagic.size() + gen_line.size();
        while (at < m.size()) {
            const std::size_t eol = m.find('\n', at);
            if (eol == std::string_view::npos) throw Error("store-damaged", head_key(), "the manifest ends inside a line");
            const std::string_view line = m.substr(at, eol - at);
            at = eol + 1;
            const std::string_view digest = line.substr(0, std::min<std::size_t>(64, line.size()));
            if (line.size() < 66 || line[64] != ' ' || !is_hex_digest(digest))
                throw Error("store-damaged", head_key(), "a manifest line is malformed");
            const std::string name(line.substr(65));
            const std::string d(digest);
            if (!manifest.emplace(name, Entry{blob_key_for(m_prefix, d), d}).second)
                throw Error("store-damaged", head_key(), "the manifest lists a section twice");
        }
    }

    SecretBytes digest_key(32);
    randombytes_buf(digest_key.data(), digest_key.size());
    StoreSections sections;
    std::map<std::string, std::string> plain;
    for (const auto& [name, entry] : manifest) {
        const auto blob = m_persisted.find(entry.blob);
        if (blob == m_persisted.end()) throw Error("store-damaged", name, "its blob " + entry.blob + " is missing");
        const ByteView bytes = as_bytes(blob->second);
        if (store_blob_digest(bytes) != entry.digest)
            throw Error("store-damaged", name, "its blob " + entry.blob + " is not the one the store wrote");
        auto section = store_open(keys.aead, bytes, as_bytes(store_segment_ad(header.store_id, name)));
        if (!section) throw Error("store-damaged", name, "its blob does not authenticate");
        sections.emplace(name, std::move(*section));
    }
    StoreData data = parse_store_sections(sections);  // throws store-data on a malformed section
    for (const auto& [name, bytes] : sections) {
        std::array<std::uint8_t, 32> h{};
        crypto_generichash(h.data(), h.size(), bytes.data(), bytes.size(), digest_key.data(), digest_key.size());
        plain[name] = to_hex(h);
    }

    m_header = header;
    m_key = keys.aead;
    m_digest_key = std::move(digest_key);
    m_manifest = std::move(manifest);
    m_plain = std::move(plain);
    m_data = std::move(data);
    m_dirty.clear();
    m_unlocked = true;
}

void Store::unlock(ByteView passphrase) {
    ScryptJob job = start_unlock(passphrase);
    job.run();
    finish_unlock(job);
}

void Store::lock() {
    m_data.wipe();
    m_key.wipe();
    m_digest_key.wipe();
    m_rekey_key.wipe();
    m_rekey_header.reset();
    m_manifest.clear();
    m_plain.clear();
    m_dirty.clear();
    m_unlocked = false;
}

void Store::require_unlocked() const {
    if (!m_unlocked) throw Error("store-locked", "store", "the store is locked; unlock it with its passphrase first");
}

//----------------------------------------------------------------------------------------------
// [SECTION] Content
//----------------------------------------------------------------------------------------------

StoreSettings& Store::settings() {
    require_unlocked();
    return m_data.settings;
}
std::vector<KeySet>& Store::key_sets() {
    require_unlocked();
    return m_data.key_sets;
}
std::vector<TrustedContact>& Store::contacts() {
    require_unlocked();
    return m_data.contacts;
}
SeenLedger& Store::ledger() {
    require_unlocked();
    return m_data.ledger;
}
const std::map<std::string, Referral>& Store::referrals() const {
    require_unlocked();
    return m_data.referrals;
}
const Referral* Store::referral(std::string_view id) const {
    require_unlocked();
    const auto it = m_data.referrals.find(std::string(id));
    return it == m_data.referrals.end() ? nullptr : &it->second;
}
void Store::put_referral(Referral r) {
    require_unlocked();
    check_referral(r);
    const std::string id = r.id;
    put_wiping(m_data.referrals, std::move(r), id, m_dirty, "referral");
}
bool Store::remove_referral(std::string_view id) {
    require_unlocked();
    return remove_wiping(m_data.referrals, id, m_dirty, "referral");
}
const std::map<std::string, StoredScreening>& Store::screenings() const {
    require_unlocked();
    return m_data.screenings;
}
const StoredScreening* Store::screening(std::string_view id) const {
    require_unlocked();
    const auto it = m_data.screenings.find(std::string(id));
    return it == m_data.screenings.end() ? nullptr : &it->second;
}
void Store::put_screening(StoredScreening s) {
    require_unlocked();
    if (s.id.empty()) throw Error("store-data", "screening.id", "missing");
    const std::string id = s.id;
    put_wiping(m_data.screenings, std::move(s), id, m_dirty, "screening");
}
bool Store::remove_screening(std::string_view id) {
    require_unlocked();
    return remove_wiping(m_data.screenings, id, m_dirty, "screening");
}
const Roster& Store::roster() const {
    require_unlocked();
    return m_data.roster;
}
void Store::set_roster(Roster r) {
    require_unlocked();
    m_data.roster.wipe();
    m_data.roster = std::move(r);
    m_dirty.insert("roster");  // dropped by the next save when empty (no section then)
}
std::vector<CapacityRecord>& Store::capacity() {
    require_unlocked();
    return m_data.capacity;
}
const std::vector<AuditEntry>& Store::audit_log() const {
    require_unlocked();
    return m_data.audit;
}
void Store::audit(std::string actor, std::string action, std::string object, std::string detail, std::string at) {
    require_unlocked();
    m_data.audit.push_back({at.empty() ? utc_now_rfc3339() : std::move(at), std::move(actor), std::move(action),
                            std::move(object), std::move(detail)});
    mark_audit_dirty();
}
void Store::mark_audit_dirty() {
    if (!m_data.audit.empty()) m_dirty.insert("audit/" + std::to_string((m_data.audit.size() - 1) / kAuditChunk));
}
const StoreData& Store::data() const {
    require_unlocked();
    return m_data;
}
void Store::replace_data(StoreData data) {
    require_unlocked();
    for (const auto& [name, entry] : m_manifest) m_dirty.insert(name);  // gone unless the new data has it
    m_data.wipe();
    m_data = std::move(data);
    for (const std::string& name : store_section_names(m_data)) m_dirty.insert(name);
    m_plain.clear();  // compare nothing: every section is written again
}

//----------------------------------------------------------------------------------------------
// [SECTION] Saving
//----------------------------------------------------------------------------------------------

std::string Store::plain_digest(const SecretBytes& plaintext) const {
    std::array<std::uint8_t, 32> h{};
    crypto_generichash(h.data(), h.size(), plaintext.data(), plaintext.size(), m_digest_key.data(), m_digest_key.size());
    return to_hex(h);
}

std::map<std::string, SecretBytes> Store::changed_sections(std::vector<std::string>& dropped) const {
    std::map<std::string, SecretBytes> out;
    const bool all = m_rekey_header.has_value();
    std::set<std::string> current;
    for (const std::string& name : store_section_names(m_data)) {
        current.insert(name);
        const bool known = m_manifest.count(name) > 0;
        // Small sections are compared by content every time (the screens edit them through
        // references); the others only when their methods marked them.
        if (!all && known && !is_small_store_section(name) && !m_dirty.count(name)) continue;
        SecretBytes plain = serialize_store_section(m_data, name);
        const auto p = m_plain.find(name);
        if (!all && known && p != m_plain.end() && p->second == plain_digest(plain)) continue;
        out.emplace(name, std::move(plain));
    }
    for (const auto& [name, entry] : m_manifest)
        if (!current.count(name)) dropped.push_back(name);
    return out;
}

bool Store::has_unsaved_changes() const {
    if (!m_unlocked) return false;
    std::vector<std::string> dropped;
    return m_rekey_header.has_value() || !changed_sections(dropped).empty() || !dropped.empty() ||
           m_header.generation == 0;
}

SavePlan Store::save() {
    require_unlocked();
    if (m_pending) throw Error("store-busy", "store", "a save is still in progress; finish it first");
    std::vector<std::string> dropped;
    std::map<std::string, SecretBytes> changed = changed_sections(dropped);
    SavePlan plan;
    // Generation 0 is a store never saved: its first save writes the head even when empty.
    if (changed.empty() && dropped.empty() && !m_rekey_header && m_header.generation > 0) {
        m_dirty.clear();
        return plan;
    }
    auto pending = std::make_unique<Pending>();
    pending->id = m_next_plan++;
    pending->rekey = m_rekey_header.has_value();
    pending->header = pending->rekey ? *m_rekey_header : m_header;
    pending->header.store_id = m_header.store_id;
    pending->header.generation = m_header.generation + 1;
    pending->key = pending->rekey ? m_rekey_key : m_key;
    const SecretBytes& key = pending->key;
    pending->manifest = m_manifest;
    pending->plain = m_plain;
    for (const std::string& name : dropped) {
        pending->manifest.erase(name);
        pending->plain.erase(name);
    }
    // 1. Every changed section to a fresh blob: nothing the committed head uses is touched.
    for (const auto& [name, plain] : changed) {
        Bytes blob;
        std::string digest, blob_key;
        do {  // a fresh random nonce gives a fresh digest, hence a fresh name
            blob = store_seal(key, plain.view(), as_bytes(store_segment_ad(m_header.store_id, name)));
            digest = store_blob_digest(blob);
            blob_key = blob_key_for(m_prefix, digest);
        } while (m_persisted.count(blob_key));
        pending->manifest[name] = Entry{blob_key, digest};
        pending->plain[name] = plain_digest(plain);
        plan.ops.push_back({StoreOp::Kind::Put, blob_key, to_std_string(blob)});
    }
    // 2. The head: the commit point. After it the new state is the one that opens.
    plan.commit = pending->commit = plan.ops.size();
    plan.ops.push_back({StoreOp::Kind::Put, head_key(), to_std_string(head_blob(pending->header, pending->manifest, key))});
    // 3. Only now, the blobs no longer referenced (the old versions, and leftovers of saves
    //    that never committed).
    std::set<std::string> live;
    for (const auto& [name, e] : pending->manifest) live.insert(e.blob);
    for (const auto& [key_name, bytes] : m_persisted)
        if (key_name != head_key() && !live.count(key_name)) plan.ops.push_back({StoreOp::Kind::Remove, key_name, {}});

    pending->dirty = std::move(m_dirty);
    m_dirty.clear();
    plan.id = pending->id;
    m_pending = std::move(pending);
    return plan;
}

void Store::save_finished(const SavePlan& plan, std::size_t completed_ops) {
    if (!m_pending || plan.id != m_pending->id)
        throw Error("store-busy", "store", "this save plan is not the one in progress");
    completed_ops = std::min(completed_ops, plan.ops.size());
    for (std::size_t i = 0; i < completed_ops; ++i) {
        const StoreOp& op = plan.ops[i];
        if (op.kind == StoreOp::Kind::Put)
            m_persisted[op.key] = op.bytes;
        else
            m_persisted.erase(op.key);
    }
    std::unique_ptr<Pending> p = std::move(m_pending);
    if (completed_ops > p->commit) {
        // Committed: storage now opens to this state.
        m_header = p->header;
        if (m_unlocked) {
            m_manifest = std::move(p->manifest);
            m_plain = std::move(p->plain);
            if (p->rekey) {
                m_key = std::move(p->key);
                // A newer passphrase chosen while this save ran stays pending for the next one.
                if (m_rekey_header && m_rekey_header->kdf.salt == p->header.kdf.salt) {
                    m_rekey_key.wipe();
                    m_rekey_header.reset();
                }
            }
        }
    } else if (m_unlocked) {
        // Not committed: storage still opens to the previous state; what this plan carried is
        // pending again. (Its blobs that did land are garbage the next save removes.)
        m_dirty.insert(p->dirty.begin(), p->dirty.end());
    }
}

//----------------------------------------------------------------------------------------------
// [SECTION] Passphrase change
//----------------------------------------------------------------------------------------------

StoreKeyJob Store::start_rekey(ByteView new_passphrase, int log_n) const {
    require_unlocked();
    return start_create(new_passphrase, log_n);
}

void Store::finish_rekey(StoreKeyJob&& job) {
    require_unlocked();
    const StoreKeys keys = derive_store_keys(job.job.result());
    StoreHeader h = m_header;
    h.kdf = job.kdf;
    h.check = keys.check;
    m_rekey_header = h;
    m_rekey_key = keys.aead;
}

}  // namespace safetynet::core
