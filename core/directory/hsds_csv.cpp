// HSDS 3.x Tabular Data Package import: datapackage.json plus one RFC 4180 CSV per table,
// linked by ids, or the same tables as tabular.json. Every row is checked on its own and
// reported by file and line (tabular.json: by table and row, "services.csv[0]").
//
// [SECTION] Tables: which file holds which table, read from CSV or from tabular.json
// [SECTION] Linking: taxonomies, organizations, locations, services, in that order
#include "core/directory/csv_reader.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_records.hpp"
#include "core/directory/hsds_tabular.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace safetynet::core {

using hsds::Record;

namespace {

//----------------------------------------------------------------------------------------------
// [SECTION] Tables
//----------------------------------------------------------------------------------------------

struct Row {
    std::size_t line = 0;  // CSV: the record's first line; 0 for tabular.json
    std::string label;     // tabular.json: "services.csv[0]"
    std::vector<std::string> fields;
};

struct Table {
    std::string file;  // as reported (package name + path, or tabular.json)
    bool present = false;
    std::unordered_map<std::string, std::size_t> columns;
    std::vector<Row> rows;
};

// The tables we read, with the file names HSDS uses when datapackage.json lists none: HSDS
// 3.0's (plural, tried first) and the UK profile's (singular: address.csv, attribute.csv,
// schedule.csv, as OpenReferralUK/uk-profile's datapackage.json names them).
struct TableSpec {
    const char* name;
    std::vector<const char*> defaults;
    std::vector<const char*> required_columns;
};
const std::vector<TableSpec> kTables = {
    {"organization", {"organizations.csv", "organization.csv"}, {"id", "name"}},
    {"service", {"services.csv", "service.csv"}, {"id", "name", "status"}},
    {"location", {"locations.csv", "location.csv"}, {"id"}},
    {"service_at_location", {"service_at_location.csv", "service_at_locations.csv", "services_at_location.csv"},
     {"id", "service_id", "location_id"}},
    {"address", {"addresses.csv", "address.csv"}, {"location_id"}},
    {"schedule", {"schedules.csv", "schedule.csv"}, {}},
    {"service_area", {"service_areas.csv", "service_area.csv"}, {"service_id"}},
    {"language", {"languages.csv", "language.csv"}, {}},
    {"attribute", {"attributes.csv", "attribute.csv"}, {"link_id", "taxonomy_term_id"}},
    {"taxonomy_term", {"taxonomy_terms.csv", "taxonomy_term.csv"}, {"id"}},
    {"taxonomy", {"taxonomies.csv", "taxonomy.csv"}, {"id", "name"}},
    {"service_capacity", {"service_capacity.csv", "service_capacities.csv"}, {"service_id"}},  // HSDS 3.1
    {"unit", {"units.csv", "unit.csv"}, {"id"}},                                                // HSDS 3.1
};

bool safe_relative_path(const std::string& p) {
    if (p.empty() || p.front() == '/' || p.front() == '\\' || p.find(':') != std::string::npos) return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        const auto end = p.find_first_of("/\\", start);
        const std::string part = p.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part == "..") return false;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return true;
}

// Where the tables come from: the files of a package, or the keys of tabular.json.
class TableSource {
public:
    virtual ~TableSource() = default;
    // Fills `t` from the table stored under `name` (a CSV file name); false when there is none.
    virtual bool load(const std::string& name, const TableSpec& spec, Table& t, ImportReport& r) = 0;
    // Which names this source has (used when several names hold one table).
    virtual bool has(const std::string& name) = 0;
    // "pkg/services.csv", or "tabular.json"
    virtual std::string where(const std::string& name) const = 0;
};

// Checks the header row's columns: each once, the required ones present.
bool set_columns(Table& t, const std::vector<std::string>& header, std::size_t line, const TableSpec& spec,
                 ImportReport& r) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = ascii_lower(header[i]);
        if (!t.columns.emplace(name, i).second)
            r.add({t.file, line, "", name, "the column appears twice; the first is used"});
    }
    bool complete = true;
    for (const char* col : spec.required_columns)
        if (!t.columns.count(col)) {
            r.add({t.file, line, "", col, "the column is missing, so no row of this file can be used"});
            complete = false;
        }
    return complete;
}

class CsvFiles final : public TableSource {
public:
    CsvFiles(const PackageReader& read, std::string package) : m_read(read), m_package(std::move(package)) {}

    std::string where(const std::string& path) const override {
        return m_package.empty() ? path : m_package + "/" + path;
    }
    bool has(const std::string& name) override { return m_read(name).has_value(); }

    bool load(const std::string& path, const TableSpec& spec, Table& t, ImportReport& r) override {
        const std::optional<std::string> data = m_read(path);
        if (!data) return false;
        t.file = where(path);
        t.present = true;  // found; it may still be unusable (its errors say why)
        CsvReader reader(*data);
        CsvRecord rec;
        if (!reader.next(rec)) {
            r.add({t.file, 1, "", "", "the file is empty (it needs a header row)"});
            return true;
        }
        if (!rec.error.empty()) {
            r.add({t.file, rec.line, "", "", "the header row is malformed: " + rec.error});
            return true;
        }
        if (!set_columns(t, rec.fields, rec.line, spec, r)) return true;
        const std::size_t width = rec.fields.size();
        while (reader.next(rec)) {
            if (!rec.error.empty()) {
                r.add({t.file, rec.line, "", "", rec.error});
                continue;
            }
            if (rec.fields.size() != width) {
                r.add({t.file, rec.line, "", "",
                       "the row has " + std::to_string(rec.fields.size()) + " fields, the header " + std::to_string(width)});
                continue;
            }
            t.rows.push_back({rec.line, "", std::move(rec.fields)});
        }
        return true;
    }

private:
    const PackageReader& m_read;
    std::string m_package;
};

// tabular.json: {"services.csv": [{"id": …, "name": …}, …], …}. The columns are the keys the
// rows use; numbers and booleans are read as their JSON text, as a CSV would hold them.
class TabularJson final : public TableSource {
public:
    TabularJson(const nlohmann::json& doc, std::string file) : m_doc(doc), m_file(std::move(file)) {}

    std::string where(const std::string&) const override { return m_file; }
    bool has(const std::string& name) override { return m_doc.contains(name); }

    bool load(const std::string& name, const TableSpec& spec, Table& t, ImportReport& r) override {
        const auto it = m_doc.find(name);
        if (it == m_doc.end()) return false;
        t.file = m_file;
        t.present = true;
        if (!it->is_array()) {
            r.add({m_file, 0, name, "", "must be an array of rows (objects)"});
            return true;
        }
        std::vector<std::string> header;
        for (const auto& row : *it)
            if (row.is_object())
                for (const auto& [key, value] : row.items())
                    if (std::find(header.begin(), header.end(), key) == header.end()) header.push_back(key);
        if (!set_columns(t, header, 0, spec, r)) return true;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string label = name + "[" + std::to_string(i) + "]";
            if (!(*it)[i].is_object()) {
                r.add({m_file, 0, label, "", "must be an object (one row)"});
                continue;
            }
            Row row{0, label, std::vector<std::string>(header.size())};
            bool ok = true;
            for (const auto& [key, value] : (*it)[i].items()) {
                const std::size_t col = t.columns[ascii_lower(key)];
                if (value.is_string()) row.fields[col] = value.get<std::string>();
                else if (value.is_number() || value.is_boolean()) row.fields[col] = value.dump();
                else if (!value.is_null()) {
                    r.add({m_file, 0, label, key, "must be text, a number or a boolean (a CSV cell)"});
                    ok = false;
                }
            }
            if (ok) t.rows.push_back(std::move(row));
        }
        return true;
    }

private:
    const nlohmann::json& m_doc;
    std::string m_file;
};

//----------------------------------------------------------------------------------------------
// [SECTION] Linking
//----------------------------------------------------------------------------------------------

class CsvImporter {
public:
    CsvImporter(TableSource& source, DirectoryBuilder& b, ImportReport& r, const ImportOptions& o)
        : m_source(source), m_b(b), m_r(r), m_o(o) {}

    // datapackage.json, when the package has one (a folder, or the descriptor itself).
    void use_descriptor(const std::optional<std::string>& text) {
        if (text) resolve_paths(*text);
    }

    void run() {
        for (const TableSpec& spec : kTables) load(spec);
        if (!m_tables["service"].present && !m_fatal)
            m_r.add({m_source.where("datapackage.json"), 0, "", "", "the package has no services table"});
        taxonomies();
        organizations();
        locations();
        services();
    }

private:
    void bad(const Table& t, const Row& row, const std::string& field, const std::string& message,
             const hsds::IssueFacts& facts = {}) {
        m_r.add(hsds::issue(t.file, row.line, row.label, field, message, facts));
    }
    auto bad_at(const Table& t, const Row& row) {
        return [this, &t, &row](const std::string& field, const std::string& message, const hsds::IssueFacts& facts) {
            bad(t, row, field, message, facts);
        };
    }
    auto warn_at(const Table& t, const Row& row) {
        return [this, &t, &row](const std::string& field, const std::string& message, const hsds::IssueFacts& facts) {
            m_r.warn(hsds::issue(t.file, row.line, row.label, field, message, facts));
        };
    }

    // datapackage.json: resource name → path.
    void resolve_paths(const std::string& desc) {
        const auto doc = nlohmann::json::parse(desc, nullptr, false);
        const std::string file = m_source.where("datapackage.json");
        if (doc.is_discarded() || !doc.is_object()) {
            m_r.add({file, 1, "", "", "not valid JSON"});
            m_fatal = true;
            return;
        }
        const auto res = doc.find("resources");
        if (res == doc.end() || !res->is_array()) {
            m_r.add({file, 0, "", "resources", "must be an array of tables"});
            return;
        }
        for (std::size_t i = 0; i < res->size(); ++i) {
            const auto& r = (*res)[i];
            if (!r.is_object() || !r.contains("name") || !r["name"].is_string() || !r.contains("path") ||
                !r["path"].is_string()) {
                m_r.add({file, 0, "", "resources[" + std::to_string(i) + "]", "needs a \"name\" and a \"path\""});
                continue;
            }
            std::string name = r["name"].get<std::string>();
            if (name.size() > 1 && name.back() == 's' && name != "address") name.pop_back();  // plural names
            if (name == "addresse") name = "address";
            if (name == "taxonomie") name = "taxonomy";
            const std::string path = r["path"].get<std::string>();
            if (!safe_relative_path(path)) {
                m_r.add({file, 0, "", "resources[" + std::to_string(i) + "].path", "must be a path inside the package"});
                continue;
            }
            m_paths[name] = path;
        }
    }

    void load(const TableSpec& spec) {
        Table& t = m_tables[spec.name];
        if (const auto it = m_paths.find(spec.name); it != m_paths.end()) {
            if (!m_source.load(it->second, spec, t, m_r))
                m_r.add({m_source.where(it->second), 0, "", "", "listed in datapackage.json but missing"});
            return;
        }
        for (std::size_t i = 0; i < spec.defaults.size(); ++i) {
            if (!m_source.load(spec.defaults[i], spec, t, m_r)) continue;
            // Both names of one table (the UK profile's examples have schedule.csv beside
            // schedules.csv, with different rows): the first is read, and the other is named
            // so that nothing is left out unseen.
            for (std::size_t j = i + 1; j < spec.defaults.size(); ++j)
                if (m_source.has(spec.defaults[j]))
                    m_r.warn({m_source.where(spec.defaults[j]), 0, "", "",
                              std::string("not read: ") + spec.defaults[i] + " holds the same table (" + spec.name +
                                  "); name the one to use in datapackage.json"});
            return;
        }
    }

    static std::string field(const Table& t, const Row& r, const char* col) {
        const auto it = t.columns.find(col);
        if (it == t.columns.end()) return {};
        std::string v = r.fields[it->second];
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
        return v;
    }
    static Record record(const Table& t, const Row& r) { return Record::from_csv(t.columns, r.fields); }

    void taxonomies() {
        const Table& tx = m_tables["taxonomy"];
        std::unordered_map<std::string, std::string> names;
        for (const Row& r : tx.rows) names[field(tx, r, "id")] = field(tx, r, "name");
        const Table& tt = m_tables["taxonomy_term"];
        for (const Row& r : tt.rows) {
            TermInput t;
            if (!hsds::parse_term(record(tt, r), t, bad_at(tt, r))) continue;
            if (t.taxonomy.empty()) {
                const std::string tid = field(tt, r, "taxonomy_id");
                if (const auto it = names.find(tid); it != names.end()) t.taxonomy = it->second;
            }
            const std::string id = field(tt, r, "id");
            if (id.empty()) {
                bad(tt, r, "id", "is required", {"hsds-required", {}, {}});
                continue;
            }
            if (!m_terms.emplace(id, t).second) bad(tt, r, "id", "duplicates an earlier taxonomy term", {"hsds-duplicate", {}, id});
        }
        // Attributes, by the entity they describe.
        const Table& at = m_tables["attribute"];
        for (const Row& r : at.rows) {
            const std::string tid = field(at, r, "taxonomy_term_id");
            const std::string link = field(at, r, "link_id");
            std::string entity = ascii_lower(field(at, r, "link_entity"));
            if (entity.empty()) entity = ascii_lower(field(at, r, "link_type"));
            if (entity.empty()) entity = "service";
            if (link.empty()) {
                bad(at, r, "link_id", "is required", {"hsds-required", {}, {}});
                continue;
            }
            const auto term = m_terms.find(tid);
            if (term == m_terms.end()) {
                bad(at, r, "taxonomy_term_id", tid.empty() ? "is required" : "no taxonomy term has this id",
                    {tid.empty() ? "hsds-required" : "hsds-unknown-id", {}, tid});
                continue;
            }
            m_attributes[entity][link].push_back({term->second, field(at, r, "value"), &r});
        }
    }

    void organizations() {
        const Table& t = m_tables["organization"];
        for (const Row& r : t.rows) {
            OrganizationInput o;
            if (const std::string id = field(t, r, "id"); !id.empty()) m_seen_orgs.insert(id);
            if (!hsds::parse_organization(record(t, r), o, bad_at(t, r))) continue;
            bool ok = true;
            for (const Attribute& a : m_attributes["organization"][o.id]) {
                if (!hsds::is_recipient_term(a.term)) continue;
                if (!hsds::valid_age_recipient(a.value)) {
                    bad(m_tables["attribute"], *a.row, "value", "is not an age recipient (age1…, 62 characters)");
                    ok = false;
                    continue;
                }
                o.recipient = a.value;
            }
            if (!ok) continue;
            if (!m_b.add_organization(o)) bad(t, r, "id", "duplicates an earlier organization", {"hsds-duplicate", {}, o.id});
        }
    }

    // Schedules and languages by what they attach to (the most specific id a row names).
    void hours_and_languages() {
        const Table& sc = m_tables["schedule"];
        for (const Row& r : sc.rows) {
            OpeningRule rule;
            const auto result = hsds::parse_schedule(record(sc, r), rule, bad_at(sc, r), warn_at(sc, r));
            if (result == hsds::ScheduleResult::Invalid) continue;
            const std::string sal = field(sc, r, "service_at_location_id");
            const std::string svc = field(sc, r, "service_id");
            const std::string loc = field(sc, r, "location_id");
            if (sal.empty() && svc.empty() && loc.empty()) {
                bad(sc, r, "service_id", "a schedule needs a service_id, location_id or service_at_location_id");
                continue;
            }
            std::optional<OpeningRule> hours;  // none: a description only, still a schedule
            if (result == hsds::ScheduleResult::Rule) hours = rule;
            if (!sal.empty()) m_sal_rules[sal].push_back({hours, &r});
            else if (!svc.empty()) m_svc_rules[svc].push_back({hours, &r});
            else m_loc_rules[loc].push_back({hours, &r});
        }
        const Table& la = m_tables["language"];
        for (const Row& r : la.rows) {
            std::string code;
            if (!hsds::parse_language(record(la, r), code, bad_at(la, r))) continue;
            const std::string svc = field(la, r, "service_id");
            const std::string loc = field(la, r, "location_id");
            if (!svc.empty()) m_svc_langs[svc].push_back({code, &r});
            else if (!loc.empty()) m_loc_langs[loc].push_back({code, &r});
            else bad(la, r, "service_id", "a language needs a service_id or location_id");
        }
    }

    void locations() {
        const Table& ad = m_tables["address"];
        std::unordered_map<std::string, std::string> postal;
        for (const Row& r : ad.rows) {
            const std::string lid = field(ad, r, "location_id");
            const std::string pc = field(ad, r, "postal_code");
            if (!lid.empty() && !pc.empty()) postal.emplace(lid, pc);
        }
        hours_and_languages();
        const Table& t = m_tables["location"];
        for (const Row& r : t.rows) {
            LocationInput l;
            hsds::CoordinateIssue issue;
            const std::string id = field(t, r, "id");
            if (!id.empty()) m_seen_locations.insert(id);
            if (!hsds::parse_location(record(t, r), l, bad_at(t, r), issue)) continue;
            if (m_b.has_location(l.id)) {
                bad(t, r, "id", "duplicates an earlier location", {"hsds-duplicate", {}, l.id});
                continue;
            }
            if (const auto it = postal.find(l.id); it != postal.end()) l.postal_code = it->second;
            attach(take(m_loc_rules, l.id), l.rules);
            for (const auto& [code, row] : take(m_loc_langs, l.id)) l.languages.push_back(code);
            hsds::place_location(record(t, r), l, issue, m_o.zips, warn_at(t, r));
            m_b.add_location(l);
        }
        orphans(m_loc_rules, m_tables["schedule"], "location_id", m_seen_locations, "no location has this id");
        orphans(m_loc_langs, m_tables["language"], "location_id", m_seen_locations, "no location has this id");
    }

    using Sites = std::unordered_map<std::string, std::vector<std::pair<SiteInput, const Row*>>>;

    Sites sites() {
        const Table& sal = m_tables["service_at_location"];
        Sites out;
        std::unordered_set<std::string> seen_sal;
        for (const Row& r : sal.rows) {
            const std::string id = field(sal, r, "id");
            if (!id.empty()) seen_sal.insert(id);
            const std::string svc = field(sal, r, "service_id");
            const std::string loc = field(sal, r, "location_id");
            if (id.empty() || svc.empty() || loc.empty()) {
                bad(sal, r, id.empty() ? "id" : svc.empty() ? "service_id" : "location_id", "is required", {"hsds-required", {}, {}});
                continue;
            }
            if (!m_b.has_location(loc)) {
                if (!m_seen_locations.count(loc)) bad(sal, r, "location_id", "no location has this id", {"hsds-unknown-id", {}, loc});
                continue;  // a bad location was reported where it is
            }
            SiteInput site;
            site.location_id = loc;
            attach(take(m_sal_rules, id), site.rules);
            out[svc].push_back({std::move(site), &r});
        }
        orphans(m_sal_rules, m_tables["schedule"], "service_at_location_id", seen_sal,
                "no service_at_location has this id");
        return out;
    }

    // HSDS 3.1: service_capacity rows, each with its unit from units.csv.
    std::unordered_map<std::string, std::vector<std::pair<ServiceCapacity, const Row*>>> capacities() {
        const Table& un = m_tables["unit"];
        std::unordered_map<std::string, ServiceCapacity> units;
        for (const Row& r : un.rows) {
            ServiceCapacity u;
            if (hsds::parse_unit(record(un, r), u, bad_at(un, r))) units.emplace(field(un, r, "id"), u);
        }
        const Table& sc = m_tables["service_capacity"];
        std::unordered_map<std::string, std::vector<std::pair<ServiceCapacity, const Row*>>> out;
        for (const Row& r : sc.rows) {
            ServiceCapacity c;
            if (!hsds::parse_capacity(record(sc, r), c, bad_at(sc, r), warn_at(sc, r))) continue;
            const std::string unit = field(sc, r, "unit_id");
            if (const auto it = units.find(unit); it != units.end()) {
                c.unit = it->second.unit;
                c.unit_scheme = it->second.unit_scheme;
            } else if (!unit.empty()) {
                bad(sc, r, "unit_id", "no unit has this id (the capacity is kept without its unit)", {"hsds-unknown-id", {}, unit});
            }
            out[field(sc, r, "service_id")].push_back({std::move(c), &r});
        }
        return out;
    }

    void services() {
        const Table& t = m_tables["service"];
        // Everything that hangs off a service, gathered first.
        Sites site_rows = sites();
        const Table& ar = m_tables["service_area"];
        std::unordered_map<std::string, std::vector<std::pair<std::vector<AreaInput>, const Row*>>> areas;
        for (const Row& r : ar.rows) {
            std::vector<AreaInput> a;
            if (!hsds::parse_service_area(record(ar, r), a, bad_at(ar, r))) continue;
            areas[field(ar, r, "service_id")].push_back({std::move(a), &r});
        }
        auto caps = capacities();

        std::unordered_set<std::string> seen;
        for (const Row& r : t.rows) {
            ServiceInput s;
            const std::string id = field(t, r, "id");
            if (!id.empty()) seen.insert(id);
            if (!hsds::parse_service(record(t, r), s, bad_at(t, r))) continue;
            if (m_b.has_service(s.id)) {
                bad(t, r, "id", "duplicates an earlier service", {"hsds-duplicate", {}, s.id});
                continue;
            }
            if (!s.organization_id.empty() && !m_seen_orgs.count(s.organization_id)) {
                // The service stands without it; its organization_id is kept as given.
                bad(t, r, "organization_id", "no organization has this id", {"hsds-unknown-id", {}, s.organization_id});
            }
            attach(take(m_svc_rules, s.id), s.rules);
            for (const auto& [code, row] : take(m_svc_langs, s.id)) s.languages.push_back(code);
            for (auto& [site, row] : take(site_rows, s.id)) s.sites.push_back(std::move(site));
            for (auto& [list, row] : take(areas, s.id))
                for (AreaInput& a : list) s.areas.push_back(std::move(a));
            for (auto& [cap, row] : take(caps, s.id)) s.capacities.push_back(std::move(cap));
            for (const Attribute& a : take(m_attributes["service"], s.id)) hsds::apply_term(a.term, s);
            m_r.service_at_locations += s.sites.size();
            if (m_o.on_service) m_o.on_service(s);
            m_b.add_service(s);
        }
        orphans(m_svc_rules, m_tables["schedule"], "service_id", seen, "no service has this id");
        orphans(m_svc_langs, m_tables["language"], "service_id", seen, "no service has this id");
        orphans(site_rows, m_tables["service_at_location"], "service_id", seen, "no service has this id");
        orphans(areas, ar, "service_id", seen, "no service has this id");
        orphans(caps, m_tables["service_capacity"], "service_id", seen, "no service has this id");
        std::vector<const Row*> attribute_rows;
        for (const auto& [svc, list] : m_attributes["service"])
            if (!seen.count(svc))
                for (const Attribute& a : list) attribute_rows.push_back(a.row);
        report_rows(m_tables["attribute"], attribute_rows, "link_id", "no service has this id");
    }

    using Hours = std::vector<std::pair<std::optional<OpeningRule>, const Row*>>;

    // A record's schedules: each is counted, the ones with hours kept as rules.
    void attach(const Hours& hours, std::vector<OpeningRule>& rules) {
        for (const auto& [rule, row] : hours) {
            ++m_r.schedules;
            if (rule) rules.push_back(*rule);
        }
    }

    template <typename Map>
    static typename Map::mapped_type take(Map& m, const std::string& key) {
        const auto it = m.find(key);
        if (it == m.end()) return {};
        typename Map::mapped_type v = std::move(it->second);
        m.erase(it);
        return v;
    }

    // Rows left in `m` refer to ids that are not in `seen` (ids of good or bad records; a bad
    // record's own error already says why its children are unused).
    template <typename Map>
    void orphans(Map& m, const Table& t, const char* column, const std::unordered_set<std::string>& seen,
                 const char* message) {
        std::vector<const Row*> rows;
        for (const auto& [key, list] : m)
            if (!seen.count(key))
                for (const auto& item : list) rows.push_back(item.second);
        report_rows(t, rows, column, message);
        m.clear();
    }

    // In file order, so that a report reads top to bottom.
    void report_rows(const Table& t, std::vector<const Row*> rows, const char* column, const char* message) {
        std::sort(rows.begin(), rows.end());  // rows live in one vector: address order is file order
        for (const Row* r : rows) bad(t, *r, column, message, {"hsds-unknown-id", {}, field(t, *r, column)});
    }

    struct Attribute {
        TermInput term;
        std::string value;
        const Row* row;
    };

    TableSource& m_source;
    DirectoryBuilder& m_b;
    ImportReport& m_r;
    const ImportOptions& m_o;
    bool m_fatal = false;
    std::map<std::string, std::string> m_paths;
    std::map<std::string, Table> m_tables;
    std::unordered_map<std::string, TermInput> m_terms;
    std::unordered_map<std::string, std::unordered_map<std::string, std::vector<Attribute>>> m_attributes;
    std::unordered_map<std::string, Hours> m_sal_rules, m_svc_rules, m_loc_rules;
    std::unordered_map<std::string, std::vector<std::pair<std::string, const Row*>>> m_svc_langs, m_loc_langs;
    std::unordered_set<std::string> m_seen_locations, m_seen_orgs;
};

}  // namespace

void import_datapackage(const PackageReader& read, std::string_view package_name, DirectoryBuilder& builder,
                        ImportReport& report, const ImportOptions& options) {
    CsvFiles files(read, std::string(package_name));
    CsvImporter importer(files, builder, report, options);
    importer.use_descriptor(read("datapackage.json"));
    importer.run();
}

namespace hsds {

void import_tabular_json(const nlohmann::json& doc, std::string_view file, DirectoryBuilder& builder,
                         ImportReport& report, const ImportOptions& options) {
    TabularJson tables(doc, std::string(file));
    CsvImporter(tables, builder, report, options).run();
}

}  // namespace hsds

}  // namespace safetynet::core
