// The store's content as sections (see store_data.hpp).
//
// [SECTION] Wiping
// [SECTION] Section names
// [SECTION] Writing sections
// [SECTION] Reading sections
#include "core/store/store_data.hpp"

#include "core/base/error.hpp"
#include "core/base/calendar_date.hpp"
#include "core/base/json_read.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace safetynet::core {

using nlohmann::json;

namespace {
constexpr const char* kKind = "store-data";
constexpr std::string_view kKeysMagic = "safetynet-store-keys/v1\n";

void wipe_string(std::string& s) {
    secure_wipe(s);
    s.clear();
}
}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Wiping
//----------------------------------------------------------------------------------------------

void StoredScreening::wipe() {
    for (std::string* s : {&id, &authored, &imported, &instrument, &source, &language, &pickup_code, &questionnaire,
                           &questionnaire_response, &patient_id, &birth_date})
        wipe_string(*s);
    needs.clear();
}

void Roster::wipe() {
    for (auto& [id, p] : patients) {
        for (std::string* f : {&p.id, &p.birth_date}) wipe_string(*f);
        for (RosterVisit& v : p.visits)
            for (std::string* f : {&v.start, &v.end, &v.kind}) wipe_string(*f);
        for (std::string& d : p.declined) wipe_string(d);
    }
    patients.clear();
    wipe_string(imported);
    wipe_string(source);
}

void StoreData::wipe() {
    roster.wipe();
    capacity.clear();  // what organizations publish: no PHI
    for (auto& [id, s] : screenings) s.wipe();
    screenings.clear();
    for (auto& [id, r] : referrals) r.wipe();
    referrals.clear();
    key_sets.clear();  // KeySet holds its secrets in SecretBytes, wiped on destruction
    contacts.clear();
    ledger = SeenLedger();
    for (AuditEntry& a : audit)
        for (std::string* s : {&a.at, &a.actor, &a.action, &a.object, &a.detail}) wipe_string(*s);
    audit.clear();
    settings = StoreSettings();
}

//----------------------------------------------------------------------------------------------
// [SECTION] Section names
//----------------------------------------------------------------------------------------------

bool is_small_store_section(std::string_view name) {
    return name == "settings" || name == "keys" || name == "contacts" || name == "ledger" || name == "capacity";
}

std::vector<std::string> store_section_names(const StoreData& data) {
    std::vector<std::string> names = {"settings", "keys", "contacts", "ledger"};
    for (const auto& [id, s] : data.screenings) names.push_back("screening/" + id);
    for (const auto& [id, r] : data.referrals) names.push_back("referral/" + id);
    for (std::size_t i = 0; i * kAuditChunk < data.audit.size(); ++i) names.push_back("audit/" + std::to_string(i));
    if (!data.roster.patients.empty()) names.push_back("roster");
    if (!data.capacity.empty()) names.push_back("capacity");
    return names;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Writing sections
//----------------------------------------------------------------------------------------------

json roster_to_json(const Roster& r) {
    json patients = json::array();
    for (const auto& [id, p] : r.patients) {
        json visits = json::array();
        for (const RosterVisit& v : p.visits) {
            json jv = {{"start", v.start}};
            if (!v.end.empty()) jv["end"] = v.end;
            if (!v.kind.empty()) jv["kind"] = v.kind;
            visits.push_back(std::move(jv));
        }
        json jp = {{"id", p.id}, {"birth_date", p.birth_date}, {"visits", std::move(visits)}};
        if (!p.declined.empty()) jp["declined"] = p.declined;
        patients.push_back(std::move(jp));
    }
    return {{"safetynet_roster", 1}, {"imported", r.imported}, {"source", r.source}, {"patients", std::move(patients)}};
}

Roster roster_from_json(const json& j, const std::string& where) {
    const JsonReader r(j, kKind, where);
    r.only({"safetynet_roster", "imported", "source", "patients"});
    if (r.integer("safetynet_roster") != 1) r.fail("safetynet_roster", "unsupported version");
    Roster out;
    out.imported = r.opt_string("imported");
    out.source = r.opt_string("source");
    const json& patients = r.array("patients");
    for (std::size_t i = 0; i < patients.size(); ++i) {
        const JsonReader p = r.element(patients[i], i, "patients");
        p.only({"id", "birth_date", "visits", "declined"});
        RosterPatient rp;
        rp.id = p.string("id");
        rp.birth_date = p.string("birth_date");
        if (!is_calendar_date(rp.birth_date)) p.fail("birth_date", "must be a date YYYY-MM-DD");
        const json& visits = p.opt_array("visits");
        for (std::size_t k = 0; k < visits.size(); ++k) {
            const JsonReader v = p.element(visits[k], k, "visits");
            v.only({"start", "end", "kind"});
            RosterVisit rv{v.string("start"), v.opt_string("end"), v.opt_string("kind")};
            if (!is_calendar_date(rv.start) || (!rv.end.empty() && !is_calendar_date(rv.end)))
                v.fail("start", "visits are dates YYYY-MM-DD");
            rp.visits.push_back(std::move(rv));
        }
        for (const json& d : p.opt_array("declined")) {
            if (!d.is_string() || !is_calendar_date(d.get<std::string>())) p.fail("declined", "must be a list of dates");
            rp.declined.push_back(d.get<std::string>());
        }
        const std::string id = rp.id;
        if (!out.patients.emplace(id, std::move(rp)).second) p.fail("id", "patient " + id + " appears twice");
    }
    return out;
}

std::string stored_screening_to_json(const StoredScreening& s) {
    json needs = json::array();
    for (const NeedSummary& n : s.needs)
        needs.push_back({{"domain", n.domain}, {"positive", n.positive}, {"answered", n.answered}, {"urgent", n.urgent}});
    json j = {{"safetynet_screening", 1},
              {"id", s.id},
              {"authored", s.authored},
              {"imported", s.imported},
              {"instrument", s.instrument},
              {"source", s.source},
              {"needs", std::move(needs)},
              {"urgent", s.urgent},
              {"questionnaire_response", json::parse(s.questionnaire_response)}};
    if (!s.language.empty()) j["language"] = s.language;
    if (!s.pickup_code.empty()) j["pickup_code"] = s.pickup_code;
    if (!s.patient_id.empty()) j["patient_id"] = s.patient_id;
    if (!s.birth_date.empty()) j["birth_date"] = s.birth_date;
    if (!s.questionnaire.empty()) j["questionnaire"] = json::parse(s.questionnaire);
    const SecretBytes text = dump_secret(j);
    wipe_json(j);
    return std::string(as_chars(text.view()));
}

// Longer than most functions on purpose: one branch per section keeps the whole on-disk layout
// of the store's sections readable in one place (docs/STORE.md lists the same sections).
SecretBytes serialize_store_section(const StoreData& data, std::string_view name) {
    if (name == "settings") {
        const ResponseDays& rd = data.settings.response_days;
        return dump_secret({{"role", data.settings.role},
                            {"name", data.settings.name},
                            {"overdue_days", data.settings.overdue_days},
                            {"response_days", {{"routine", rd.routine}, {"urgent", rd.urgent}, {"asap", rd.asap}, {"stat", rd.stat}}},
                            {"capacity_stale_days", data.settings.capacity_stale_days}});
    }
    if (name == "roster") {
        json j = roster_to_json(data.roster);
        SecretBytes out = dump_secret(j);
        wipe_json(j);
        return out;
    }
    if (name == "capacity") {
        json list = json::array();
        for (const CapacityRecord& c : data.capacity)
            list.push_back({{"organization", c.organization}, {"signer_fingerprint", c.signer_fingerprint},
                            {"organization_id", c.organization_id}, {"service_id", c.service_id},
                            {"service_name", c.service_name}, {"status", c.status}, {"note", c.note}, {"since", c.since},
                            {"updated", c.updated}, {"received", c.received}, {"bundle_id", c.bundle_id}});
        return dump_secret({{"capacity", std::move(list)}});
    }
    if (name == "keys") {
        // Secret key text never goes through a JSON library (no unwiped copies): length-prefixed
        // key set texts (core/exchange/keyset.hpp's secret form) after a version line.
        std::vector<SecretBytes> texts;
        std::size_t total = kKeysMagic.size();
        for (const KeySet& k : data.key_sets) {
            texts.push_back(k.to_secret_text());
            total += 32 + texts.back().size();
        }
        SecretBytes out(total);
        std::size_t at = 0;
        auto put = [&](ByteView b) {
            std::copy(b.begin(), b.end(), out.data() + at);
            at += b.size();
        };
        put(as_bytes(kKeysMagic));
        for (const SecretBytes& t : texts) {
            const std::string line = "keyset " + std::to_string(t.size()) + "\n";
            put(as_bytes(line));
            put(t.view());
            put(as_bytes("\n"));
        }
        return SecretBytes(ByteView(out.data(), at));
    }
    if (name == "contacts") {
        json list = json::array();
        for (const TrustedContact& c : data.contacts)
            list.push_back({{"card", json::parse(c.card.to_json())}, {"added", c.added}, {"note", c.note}});
        return dump_secret({{"contacts", std::move(list)}});
    }
    if (name == "ledger") return SecretBytes(as_bytes(data.ledger.to_json()));
    const std::string n(name);
    if (n.rfind("referral/", 0) == 0) {
        const auto it = data.referrals.find(n.substr(9));
        if (it == data.referrals.end()) throw Error(kKind, n, "no such referral");
        json j = referral_to_json(it->second);
        SecretBytes out = dump_secret(j);
        wipe_json(j);
        return out;
    }
    if (n.rfind("screening/", 0) == 0) {
        const auto it = data.screenings.find(n.substr(10));
        if (it == data.screenings.end()) throw Error(kKind, n, "no such screening");
        std::string text = stored_screening_to_json(it->second);
        SecretBytes out(as_bytes(text));
        secure_wipe(text);
        return out;
    }
    if (n.rfind("audit/", 0) == 0) {
        std::size_t chunk = 0;
        const auto [p, ec] = std::from_chars(n.data() + 6, n.data() + n.size(), chunk);
        if (ec != std::errc() || p != n.data() + n.size() || chunk * kAuditChunk >= data.audit.size())
            throw Error(kKind, n, "no such audit chunk");
        json entries = json::array();
        for (std::size_t i = chunk * kAuditChunk; i < std::min(data.audit.size(), (chunk + 1) * kAuditChunk); ++i) {
            const AuditEntry& a = data.audit[i];
            entries.push_back({{"at", a.at}, {"actor", a.actor}, {"action", a.action}, {"object", a.object}, {"detail", a.detail}});
        }
        return dump_secret({{"entries", std::move(entries)}});
    }
    throw Error(kKind, n, "unknown section");
}

StoreSections serialize_store_sections(const StoreData& data) {
    StoreSections out;
    for (const std::string& name : store_section_names(data)) out.emplace(name, serialize_store_section(data, name));
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Reading sections
//----------------------------------------------------------------------------------------------

StoredScreening stored_screening_from_json(std::string_view text, const std::string& where) {
    json j = parse_json_text(text, kKind, where);
    const JsonReader r(j, kKind, where);
    r.only({"safetynet_screening", "id", "authored", "imported", "instrument", "source", "language", "pickup_code",
            "questionnaire", "questionnaire_response", "needs", "urgent", "patient_id", "birth_date"});
    if (r.integer("safetynet_screening") != 1) r.fail("safetynet_screening", "unsupported version");
    StoredScreening s;
    s.id = r.string("id");
    s.authored = r.string("authored");
    s.imported = r.string("imported");
    if (!is_utc_rfc3339(s.authored)) r.fail("authored", "must be RFC 3339 UTC");
    if (!is_utc_rfc3339(s.imported)) r.fail("imported", "must be RFC 3339 UTC");
    s.instrument = r.string("instrument");
    s.source = r.string("source");
    s.language = r.opt_string("language");
    s.pickup_code = r.opt_string("pickup_code");
    s.patient_id = r.opt_string("patient_id");
    s.birth_date = r.opt_string("birth_date");
    if (!s.birth_date.empty() && !is_calendar_date(s.birth_date)) r.fail("birth_date", "must be a date YYYY-MM-DD");
    if (r.has("questionnaire")) {
        if (!r.at("questionnaire").is_object()) r.fail("questionnaire", "must be a Questionnaire");
        s.questionnaire = r.at("questionnaire").dump();
    }
    if (!r.at("questionnaire_response").is_object()) r.fail("questionnaire_response", "must be a QuestionnaireResponse");
    s.questionnaire_response = r.at("questionnaire_response").dump();
    s.translation = recorded_provenance(r.at("questionnaire_response"));
    const json& needs = r.array("needs");
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const JsonReader n = r.element(needs[i], i, "needs");
        n.only({"domain", "positive", "answered", "urgent"});
        s.needs.push_back({n.string("domain"), n.opt_bool("positive", false), n.opt_bool("answered", false),
                           n.opt_bool("urgent", false)});
    }
    s.urgent = r.opt_bool("urgent", false);
    wipe_json(j);
    return s;
}

namespace {

void parse_keys(const SecretBytes& text, StoreData& out) {
    const std::string_view all = as_chars(text.view());
    if (all.substr(0, kKeysMagic.size()) != kKeysMagic) throw Error(kKind, "keys", "not a key section (version 1)");
    std::size_t at = kKeysMagic.size();
    while (at < all.size()) {
        const std::size_t eol = all.find('\n', at);
        if (eol == std::string_view::npos || all.substr(at, 7) != "keyset ") throw Error(kKind, "keys", "malformed entry");
        std::size_t len = 0;
        const auto [p, ec] = std::from_chars(all.data() + at + 7, all.data() + eol, len);
        if (ec != std::errc() || p != all.data() + eol || len > all.size() - eol - 1 || all.size() - eol - 1 - len < 1 ||
            all[eol + 1 + len] != '\n')
            throw Error(kKind, "keys", "malformed entry length");
        try {
            out.key_sets.push_back(KeySet::parse_secret_text(ByteView(text.data() + eol + 1, len)));
        } catch (const Error& e) {
            throw Error(kKind, "keys", "key set " + std::to_string(out.key_sets.size() + 1) + ": " + e.message());
        }
        at = eol + 1 + len + 1;
    }
}

void parse_contacts(std::string_view text, StoreData& out) {
    const json j = parse_json_text(text, kKind, "contacts");
    const JsonReader r(j, kKind, "contacts");
    r.only({"contacts"});
    const json& list = r.array("contacts");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonReader c = r.element(list[i], i, "contacts");
        c.only({"card", "added", "note"});
        TrustedContact tc{ContactCard{}, c.string("added"), c.opt_string("note")};
        try {
            tc.card = ContactCard::parse(c.at("card").dump());
        } catch (const Error& e) {
            c.fail("card", e.message());
        }
        out.contacts.push_back(std::move(tc));
    }
}

void parse_settings(std::string_view text, StoreData& out) {
    const json j = parse_json_text(text, kKind, "settings");
    const JsonReader r(j, kKind, "settings");
    r.only({"role", "name", "overdue_days", "response_days", "capacity_stale_days"});
    out.settings.role = r.string("role");
    if (out.settings.role != "clinic" && out.settings.role != "organization")
        r.fail("role", "must be clinic or organization");
    out.settings.name = r.string("name");
    const long long days = r.integer("overdue_days");
    if (days < 1 || days > 3650) r.fail("overdue_days", "must be 1 to 3650");
    out.settings.overdue_days = static_cast<int>(days);
    // Added for issue 15: settings written before keep the defaults.
    if (r.has("response_days")) {
        const JsonReader rd = r.object("response_days");
        rd.only({"routine", "urgent", "asap", "stat"});
        ResponseDays& d = out.settings.response_days;
        for (auto [key, field] : {std::pair<const char*, int*>{"routine", &d.routine}, {"urgent", &d.urgent}, {"asap", &d.asap},
                                  {"stat", &d.stat}}) {
            const long long v = rd.integer(key);
            if (v < 0 || v > 365) rd.fail(key, "must be 0 to 365 days");
            *field = static_cast<int>(v);
        }
    }
    if (r.has("capacity_stale_days")) {
        const long long v = r.integer("capacity_stale_days");
        if (v < 1 || v > 3650) r.fail("capacity_stale_days", "must be 1 to 3650");
        out.settings.capacity_stale_days = static_cast<int>(v);
    }
}

void parse_capacity(std::string_view text, StoreData& out) {
    const json j = parse_json_text(text, kKind, "capacity");
    const JsonReader r(j, kKind, "capacity");
    r.only({"capacity"});
    const json& list = r.array("capacity");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const JsonReader c = r.element(list[i], i, "capacity");
        c.only({"organization", "signer_fingerprint", "organization_id", "service_id", "service_name", "status", "note", "since",
                "updated", "received", "bundle_id"});
        out.capacity.push_back({c.string("organization"), c.string("signer_fingerprint"), c.opt_string("organization_id"),
                                c.string("service_id"), c.opt_string("service_name"), c.string("status"), c.opt_string("note"),
                                c.string("since"), c.string("updated"), c.opt_string("received"), c.opt_string("bundle_id")});
    }
}

void parse_audit(std::string_view text, const std::string& name, std::vector<AuditEntry>& out) {
    const json j = parse_json_text(text, kKind, name);
    const JsonReader r(j, kKind, name);
    r.only({"entries"});
    const json& entries = r.array("entries");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const JsonReader e = r.element(entries[i], i, "entries");
        e.only({"at", "actor", "action", "object", "detail"});
        out.push_back({e.string("at"), e.string("actor"), e.string("action"), e.string("object"), e.opt_string("detail")});
    }
}

}  // namespace

StoreData parse_store_sections(const StoreSections& sections) {
    StoreData out;
    if (!sections.count("settings")) throw Error(kKind, "settings", "missing: not a complete store");
    std::map<std::size_t, const SecretBytes*> audit_chunks;
    for (const auto& [name, bytes] : sections) {
        const std::string_view text = as_chars(bytes.view());
        if (name == "settings") {
            parse_settings(text, out);
        } else if (name == "keys") {
            parse_keys(bytes, out);
        } else if (name == "contacts") {
            parse_contacts(text, out);
        } else if (name == "ledger") {
            try {
                out.ledger = SeenLedger::from_json(text);
            } catch (const Error& e) {
                throw Error(kKind, "ledger", e.message());
            }
        } else if (name.rfind("referral/", 0) == 0) {
            json j = parse_json_text(text, kKind, name);
            Referral r;
            try {
                r = referral_from_json(j);
            } catch (const Error& e) {
                wipe_json(j);
                throw Error(kKind, name, e.where() + ": " + e.message());
            }
            wipe_json(j);
            if (name != "referral/" + r.id) throw Error(kKind, name, "holds referral " + r.id);
            out.referrals.emplace(r.id, std::move(r));
        } else if (name.rfind("screening/", 0) == 0) {
            StoredScreening s = stored_screening_from_json(text, name);
            if (name != "screening/" + s.id) throw Error(kKind, name, "holds screening " + s.id);
            out.screenings.emplace(s.id, std::move(s));
        } else if (name == "roster") {
            json j = parse_json_text(text, kKind, name);
            try {
                out.roster = roster_from_json(j, "roster");
            } catch (...) {
                wipe_json(j);
                throw;
            }
            wipe_json(j);
        } else if (name == "capacity") {
            parse_capacity(text, out);
        } else if (name.rfind("audit/", 0) == 0) {
            std::size_t chunk = 0;
            const auto [p, ec] = std::from_chars(name.data() + 6, name.data() + name.size(), chunk);
            if (ec != std::errc() || p != name.data() + name.size() || name.size() == 6 || (name[6] == '0' && name.size() > 7))
                throw Error(kKind, name, "not an audit chunk name");
            audit_chunks[chunk] = &bytes;
        } else {
            throw Error(kKind, name, "unknown section (written by a newer version of SafetyNet?)");
        }
    }
    // Audit chunks in order, each full but the last: a gap would silently lose entries.
    std::size_t expect = 0;
    for (const auto& [chunk, bytes] : audit_chunks) {
        const std::string name = "audit/" + std::to_string(chunk);
        if (chunk != expect) throw Error(kKind, name, "audit chunk " + std::to_string(expect) + " is missing");
        const std::size_t before = out.audit.size();
        parse_audit(as_chars(bytes->view()), name, out.audit);
        const std::size_t n = out.audit.size() - before;
        const bool last = chunk + 1 == audit_chunks.size();
        if (n == 0 || n > kAuditChunk || (!last && n != kAuditChunk))
            throw Error(kKind, name, "holds " + std::to_string(n) + " entries");
        ++expect;
    }
    return out;
}

std::string dataset_to_json(const StoreData& data) {
    json out = {{"safetynet_dataset", 1}, {"referrals", json::array()}, {"screenings", json::array()}};
    if (!data.roster.patients.empty()) out["roster"] = roster_to_json(data.roster);
    for (const auto& [id, r] : data.referrals) out["referrals"].push_back(referral_to_json(r));
    for (const auto& [id, s] : data.screenings) {
        std::string text = stored_screening_to_json(s);
        out["screenings"].push_back(json::parse(text));
        secure_wipe(text);
    }
    const SecretBytes text = dump_secret(out);
    wipe_json(out);
    return std::string(as_chars(text.view()));
}

StoreData dataset_from_json(std::string_view text) {
    json j = parse_json_text(text, "dataset", "dataset");
    StoreData out;
    try {
        const JsonReader r(j, "dataset", "dataset");
        r.only({"safetynet_dataset", "referrals", "screenings", "roster"});
        if (r.has("roster")) out.roster = roster_from_json(r.at("roster"), "dataset.roster");
        if (r.integer("safetynet_dataset") != 1) r.fail("safetynet_dataset", "unsupported version (this app reads 1)");
        const json& referrals = r.opt_array("referrals");
        for (std::size_t i = 0; i < referrals.size(); ++i) {
            Referral ref;
            try {
                ref = referral_from_json(referrals[i]);
            } catch (const Error& e) {
                throw Error("dataset", "dataset.referrals[" + std::to_string(i) + "]", e.where() + ": " + e.message());
            }
            const std::string id = ref.id;
            if (!out.referrals.emplace(id, std::move(ref)).second)
                throw Error("dataset", "dataset.referrals[" + std::to_string(i) + "]", "referral " + id + " appears twice");
        }
        const json& screenings = r.opt_array("screenings");
        for (std::size_t i = 0; i < screenings.size(); ++i) {
            StoredScreening s;
            try {
                s = stored_screening_from_json(screenings[i].dump(), "screening");
            } catch (const Error& e) {
                throw Error("dataset", "dataset.screenings[" + std::to_string(i) + "]", e.where() + ": " + e.message());
            }
            const std::string id = s.id;
            if (!out.screenings.emplace(id, std::move(s)).second)
                throw Error("dataset", "dataset.screenings[" + std::to_string(i) + "]", "screening " + id + " appears twice");
        }
    } catch (...) {
        wipe_json(j);
        throw;
    }
    wipe_json(j);
    return out;
}

}  // namespace safetynet::core
