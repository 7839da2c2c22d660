// Importing the EHR roster (roster_import.hpp).
#include "core/actions/roster_import.hpp"

#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/directory/csv_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace safetynet::core {

namespace {

constexpr const char* kKind = "roster";
constexpr std::size_t kMaxPatients = 2'000'000;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

void check_id(const std::string& id, const std::string& where) {
    if (id.empty() || id.size() > 128) throw Error(kKind, where, "a patient id must be 1 to 128 characters");
    for (const char c : id)
        if (static_cast<unsigned char>(c) < 0x20) throw Error(kKind, where, "a patient id has a control character");
}

void check_date(const std::string& d, const std::string& where, const char* what) {
    if (!is_calendar_date(d)) throw Error(kKind, where, std::string(what) + " must be a date YYYY-MM-DD, not \"" + d.substr(0, 30) + "\"");
}

RosterPatient& patient(Roster& r, const std::string& id, const std::string& birth, const std::string& where) {
    RosterPatient& p = r.patients[id];
    if (p.id.empty()) {
        if (r.patients.size() > kMaxPatients) throw Error(kKind, where, "more patients than this app reads in one file");
        p.id = id;
    }
    if (!birth.empty()) {
        if (!p.birth_date.empty() && p.birth_date != birth)
            throw Error(kKind, where, "patient " + id + " has two birth dates (" + p.birth_date + ", " + birth + ")");
        p.birth_date = birth;
    }
    return p;
}

void add_visit(RosterPatient& p, RosterVisit v) {
    for (const RosterVisit& o : p.visits)
        if (o.start == v.start && o.end == v.end && o.kind == v.kind) return;
    p.visits.push_back(std::move(v));
}

void add_decline(RosterPatient& p, const std::string& d) {
    if (std::find(p.declined.begin(), p.declined.end(), d) == p.declined.end()) p.declined.push_back(d);
}

void finish(Roster& r, std::string_view file_name) {
    for (auto& [id, p] : r.patients) {
        if (p.birth_date.empty()) throw Error(kKind, std::string(file_name), "patient " + id + " has no birth date");
        std::sort(p.visits.begin(), p.visits.end(), [](const RosterVisit& a, const RosterVisit& b) { return a.start < b.start; });
        std::sort(p.declined.begin(), p.declined.end());
    }
    r.source = std::string(file_name);
}

}  // namespace

Roster parse_roster_csv(std::string_view text, std::string_view file_name) {
    const std::string file(file_name);
    CsvReader reader(text);
    CsvRecord rec;
    if (!reader.next(rec)) throw Error(kKind, file, "empty: a header row is needed (patient_id,birth_date,visit_date)");
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rec.fields.size(); ++i) col[lower(trim(rec.fields[i]))] = i;
    for (const char* need : {"patient_id", "birth_date", "visit_date"})
        if (!col.count(need)) throw Error(kKind, file + " line 1", std::string("no column \"") + need + "\"");
    auto field = [&](const CsvRecord& r, const char* name) -> std::string {
        const auto it = col.find(name);
        return it == col.end() || it->second >= r.fields.size() ? std::string() : trim(r.fields[it->second]);
    };
    Roster roster;
    while (reader.next(rec)) {
        const std::string where = file + " line " + std::to_string(rec.line);
        if (!rec.error.empty()) throw Error(kKind, where, rec.error);
        const std::string id = field(rec, "patient_id"), birth = field(rec, "birth_date");
        check_id(id, where);
        if (!birth.empty()) check_date(birth, where, "birth_date");
        RosterPatient& p = patient(roster, id, birth, where);
        if (const std::string start = field(rec, "visit_date"); !start.empty()) {
            check_date(start, where, "visit_date");
            const std::string end = field(rec, "visit_end");
            if (!end.empty()) {
                check_date(end, where, "visit_end");
                if (end < start) throw Error(kKind, where, "visit_end is before visit_date");
            }
            add_visit(p, {start, end, field(rec, "visit_type").substr(0, 64)});
        }
        if (const std::string d = field(rec, "declined_screening"); !d.empty()) {
            check_date(d, where, "declined_screening");
            add_decline(p, d);
        }
    }
    finish(roster, file_name);
    return roster;
}

Roster parse_roster_fhir(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    nlohmann::json j = parse_json_text(json_text, kKind, file);
    if (string_field(j, "resourceType") != "Bundle") throw Error(kKind, file, "not a FHIR Bundle");
    const auto entries = j.find("entry");
    Roster roster;
    if (entries == j.end() || !entries->is_array()) throw Error(kKind, file, "the Bundle has no entries");
    // Patients first: Encounters and Observations refer to them by fullUrl or Patient/<id>.
    std::map<std::string, std::string> ref_to_id;
    auto date_of = [&](const std::string& t, const std::string& where, const char* what) {
        const std::string d = t.substr(0, 10);
        check_date(d, where, what);
        return d;
    };
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const nlohmann::json& e = (*entries)[i];
        const nlohmann::json& res = e.is_object() && e.contains("resource") ? e["resource"] : nlohmann::json();
        if (string_field(res, "resourceType") != "Patient") continue;
        const std::string where = file + " entry[" + std::to_string(i) + "] Patient";
        std::string id;
        if (const auto ids = res.find("identifier"); ids != res.end() && ids->is_array() && !ids->empty())
            id = string_field((*ids)[0], "value");
        if (id.empty()) id = string_field(res, "id");
        check_id(id, where + ".identifier");
        const std::string birth = string_field(res, "birthDate");
        if (birth.empty()) throw Error(kKind, where + ".birthDate", "missing");
        check_date(birth, where + ".birthDate", "birthDate");
        patient(roster, id, birth, where);
        if (const std::string full = string_field(e, "fullUrl"); !full.empty()) ref_to_id[full] = id;
        if (const std::string rid = string_field(res, "id"); !rid.empty()) ref_to_id["Patient/" + rid] = id;
    }
    auto subject = [&](const nlohmann::json& res, const std::string& where) -> RosterPatient& {
        const std::string ref = string_field(res.is_object() && res.contains("subject") ? res["subject"] : nlohmann::json(), "reference");
        const auto it = ref_to_id.find(ref);
        if (it == ref_to_id.end()) throw Error(kKind, where + ".subject", "does not refer to a Patient in the Bundle");
        return roster.patients[it->second];
    };
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const nlohmann::json& e = (*entries)[i];
        const nlohmann::json& res = e.is_object() && e.contains("resource") ? e["resource"] : nlohmann::json();
        const std::string type = string_field(res, "resourceType");
        const std::string where = file + " entry[" + std::to_string(i) + "] " + type;
        if (type == "Encounter") {
            RosterPatient& p = subject(res, where);
            const nlohmann::json& period = res.contains("period") ? res["period"] : nlohmann::json();
            const std::string start = string_field(period, "start");
            if (start.empty()) throw Error(kKind, where + ".period.start", "missing");
            RosterVisit v{date_of(start, where + ".period.start", "period.start"), "", ""};
            if (const std::string end = string_field(period, "end"); !end.empty()) {
                v.end = date_of(end, where + ".period.end", "period.end");
                if (v.end < v.start) throw Error(kKind, where + ".period.end", "is before period.start");
            }
            if (res.contains("class")) v.kind = string_field(res["class"], "code").substr(0, 64);
            add_visit(p, std::move(v));
        } else if (type == "Observation") {
            const nlohmann::json& dar = res.contains("dataAbsentReason") ? res["dataAbsentReason"] : nlohmann::json();
            bool declined = false;
            if (const auto cs = dar.is_object() ? dar.find("coding") : dar.end(); dar.is_object() && cs != dar.end() && cs->is_array())
                for (const nlohmann::json& c : *cs) declined = declined || string_field(c, "code") == "asked-declined";
            if (!declined) continue;
            RosterPatient& p = subject(res, where);
            std::string when = string_field(res, "effectiveDateTime");
            if (when.empty() && res.contains("effectivePeriod")) when = string_field(res["effectivePeriod"], "start");
            if (when.empty()) throw Error(kKind, where + ".effective[x]", "missing: when did the person decline?");
            add_decline(p, date_of(when, where + ".effective[x]", "effective"));
        }
    }
    wipe_json(j);
    finish(roster, file_name);
    return roster;
}

Roster parse_roster(std::string_view bytes, std::string_view file_name) {
    const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && bytes[first] == '{') return parse_roster_fhir(bytes, file_name);
    return parse_roster_csv(bytes, file_name);
}

RosterImportResult import_roster(Store& store, const Roster& roster, std::string_view now, std::string_view actor) {
    RosterImportResult res;
    Roster merged = store.data().roster;
    for (const auto& [id, p] : roster.patients) {
        ++res.patients;
        res.visits += p.visits.size();
        auto it = merged.patients.find(id);
        if (it == merged.patients.end()) {
            ++res.new_patients;
            merged.patients.emplace(id, p);
            continue;
        }
        if (it->second.birth_date != p.birth_date)
            throw Error("roster-conflict", "patient " + id, "the store has another birth date for this patient; nothing imported");
        for (const RosterVisit& v : p.visits) add_visit(it->second, v);
        for (const std::string& d : p.declined) add_decline(it->second, d);
        std::sort(it->second.visits.begin(), it->second.visits.end(),
                  [](const RosterVisit& a, const RosterVisit& b) { return a.start < b.start; });
        std::sort(it->second.declined.begin(), it->second.declined.end());
    }
    merged.imported = std::string(now);
    merged.source = roster.source;
    store.set_roster(std::move(merged));
    store.audit(std::string(actor), "roster-imported", "roster",
                std::to_string(res.patients) + " patients, " + std::to_string(res.visits) + " visits", std::string(now));
    return res;
}

}  // namespace safetynet::core
