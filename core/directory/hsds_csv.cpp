// HSDS 3.0 Tabular Data Package import: datapackage.json plus one RFC 4180 CSV per table,
// linked by ids. Every row is checked on its own and reported by file and line.
#include "core/directory/csv_reader.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_records.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace safetynet::core {

using hsds::Record;

namespace {

struct Row {
    std::size_t line;
    std::vector<std::string> fields;
};

struct Table {
    std::string file;  // as reported (package name + path)
    bool present = false;
    std::unordered_map<std::string, std::size_t> columns;
    std::vector<Row> rows;
};

// The tables we read, with the file names HSDS uses when datapackage.json lists none
// (3.0's schema names some in the singular, earlier packages in the plural).
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

class CsvImporter {
public:
    CsvImporter(const PackageReader& read, std::string_view package, DirectoryBuilder& b, ImportReport& r)
        : m_read(read), m_package(package), m_b(b), m_r(r) {}

    void run() {
        resolve_paths();
        for (const TableSpec& spec : kTables) load(spec);
        if (!m_tables["service"].present && !m_fatal)
            m_r.add({where("datapackage.json"), 0, "", "", "the package has no services table"});
        taxonomies();
        organizations();
        locations();
        services();
    }

private:
    std::string where(const std::string& path) const {
        return m_package.empty() ? path : m_package + "/" + path;
    }
    void bad(const Table& t, std::size_t line, const std::string& field, const std::string& message) {
        m_r.add({t.file, line, "", field, message});
    }
    auto bad_at(const Table& t, std::size_t line) {
        return [this, &t, line](const std::string& field, const std::string& message) { bad(t, line, field, message); };
    }

    // datapackage.json: resource name → path.
    void resolve_paths() {
        const auto desc = m_read("datapackage.json");
        if (!desc) return;
        const auto doc = nlohmann::json::parse(*desc, nullptr, false);
        const std::string file = where("datapackage.json");
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
                m_r.add({file, 0, "", "resources[" + std::to_string(i) + "].path",
                         "must be a path inside the package"});
                continue;
            }
            m_paths[name] = path;
        }
        m_has_descriptor = true;
    }

    void load(const TableSpec& spec) {
        Table& t = m_tables[spec.name];
        std::optional<std::string> data;
        std::string path;
        if (const auto it = m_paths.find(spec.name); it != m_paths.end()) {
            path = it->second;
            data = m_read(path);
            if (!data) m_r.add({where(path), 0, "", "", "listed in datapackage.json but missing"});
        } else {
            for (const char* d : spec.defaults) {
                data = m_read(d);
                if (data) {
                    path = d;
                    break;
                }
            }
        }
        if (!data) return;
        t.file = where(path);
        t.present = true;  // found; it may still be unusable (its errors say why)
        CsvReader reader(*data);
        CsvRecord rec;
        if (!reader.next(rec)) {
            m_r.add({t.file, 1, "", "", "the file is empty (it needs a header row)"});
            return;
        }
        if (!rec.error.empty()) {
            m_r.add({t.file, rec.line, "", "", "the header row is malformed: " + rec.error});
            return;
        }
        for (std::size_t i = 0; i < rec.fields.size(); ++i) {
            const std::string name = ascii_lower(rec.fields[i]);
            if (!t.columns.emplace(name, i).second)
                m_r.add({t.file, rec.line, "", name, "the column appears twice; the first is used"});
        }
        bool complete = true;
        for (const char* col : spec.required_columns)
            if (!t.columns.count(col)) {
                m_r.add({t.file, rec.line, "", col, "the column is missing, so no row of this file can be used"});
                complete = false;
            }
        if (!complete) return;
        const std::size_t width = rec.fields.size();
        while (reader.next(rec)) {
            if (!rec.error.empty()) {
                m_r.add({t.file, rec.line, "", "", rec.error});
                continue;
            }
            if (rec.fields.size() != width) {
                m_r.add({t.file, rec.line, "", "",
                         "the row has " + std::to_string(rec.fields.size()) + " fields, the header " +
                             std::to_string(width)});
                continue;
            }
            t.rows.push_back({rec.line, std::move(rec.fields)});
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

    void taxonomies() {
        const Table& tx = m_tables["taxonomy"];
        std::unordered_map<std::string, std::string> names;
        for (const Row& r : tx.rows) names[field(tx, r, "id")] = field(tx, r, "name");
        const Table& tt = m_tables["taxonomy_term"];
        for (const Row& r : tt.rows) {
            TermInput t;
            if (!hsds::parse_term(Record::from_csv(tt.columns, r.fields), t, bad_at(tt, r.line))) continue;
            if (t.taxonomy.empty()) {
                const std::string tid = field(tt, r, "taxonomy_id");
                if (const auto it = names.find(tid); it != names.end()) t.taxonomy = it->second;
            }
            const std::string id = field(tt, r, "id");
            if (id.empty()) {
                bad(tt, r.line, "id", "is required");
                continue;
            }
            if (!m_terms.emplace(id, t).second) bad(tt, r.line, "id", "duplicates an earlier taxonomy term");
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
                bad(at, r.line, "link_id", "is required");
                continue;
            }
            const auto term = m_terms.find(tid);
            if (term == m_terms.end()) {
                bad(at, r.line, "taxonomy_term_id", tid.empty() ? "is required" : "no taxonomy term has this id");
                continue;
            }
            m_attributes[entity][link].push_back({term->second, field(at, r, "value"), r.line});
        }
    }

    void organizations() {
        const Table& t = m_tables["organization"];
        for (const Row& r : t.rows) {
            OrganizationInput o;
            if (const std::string id = field(t, r, "id"); !id.empty()) m_seen_orgs.insert(id);
            if (!hsds::parse_organization(Record::from_csv(t.columns, r.fields), o, bad_at(t, r.line))) continue;
            bool ok = true;
            for (const Attribute& a : m_attributes["organization"][o.id]) {
                if (!hsds::is_recipient_term(a.term)) continue;
                if (!hsds::valid_age_recipient(a.value)) {
                    m_r.add({m_tables["attribute"].file, a.line, "", "value",
                             "is not an age recipient (age1…, 62 characters)"});
                    ok = false;
                    continue;
                }
                o.recipient = a.value;
            }
            if (!ok) continue;
            if (!m_b.add_organization(o)) bad(t, r.line, "id", "duplicates an earlier organization");
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
        // Schedules and languages by what they attach to.
        const Table& sc = m_tables["schedule"];
        for (const Row& r : sc.rows) {
            OpeningRule rule;
            if (hsds::parse_schedule(Record::from_csv(sc.columns, r.fields), rule, bad_at(sc, r.line)) !=
                hsds::ScheduleResult::Rule)
                continue;
            const std::string sal = field(sc, r, "service_at_location_id");
            const std::string svc = field(sc, r, "service_id");
            const std::string loc = field(sc, r, "location_id");
            if (!sal.empty()) m_sal_rules[sal].push_back({rule, r.line});
            else if (!svc.empty()) m_svc_rules[svc].push_back({rule, r.line});
            else if (!loc.empty()) m_loc_rules[loc].push_back({rule, r.line});
            else bad(sc, r.line, "service_id", "a schedule needs a service_id, location_id or service_at_location_id");
        }
        const Table& la = m_tables["language"];
        for (const Row& r : la.rows) {
            std::string code;
            if (!hsds::parse_language(Record::from_csv(la.columns, r.fields), code, bad_at(la, r.line))) continue;
            const std::string svc = field(la, r, "service_id");
            const std::string loc = field(la, r, "location_id");
            if (!svc.empty()) m_svc_langs[svc].push_back({code, r.line});
            else if (!loc.empty()) m_loc_langs[loc].push_back({code, r.line});
            else bad(la, r.line, "service_id", "a language needs a service_id or location_id");
        }
        const Table& t = m_tables["location"];
        for (const Row& r : t.rows) {
            LocationInput l;
            const std::string id = field(t, r, "id");
            if (!id.empty()) m_seen_locations.insert(id);
            if (!hsds::parse_location(Record::from_csv(t.columns, r.fields), l, bad_at(t, r.line))) continue;
            if (m_b.has_location(l.id)) {
                bad(t, r.line, "id", "duplicates an earlier location");
                continue;
            }
            if (const auto it = postal.find(l.id); it != postal.end()) l.postal_code = it->second;
            for (const auto& [rule, line] : take(m_loc_rules, l.id)) l.rules.push_back(rule);
            for (const auto& [code, line] : take(m_loc_langs, l.id)) l.languages.push_back(code);
            m_b.add_location(l);
        }
        orphans(m_loc_rules, sc, "location_id", m_seen_locations, "no location has this id");
        orphans(m_loc_langs, la, "location_id", m_seen_locations, "no location has this id");
    }

    void services() {
        const Table& t = m_tables["service"];
        // Everything that hangs off a service, gathered first.
        const Table& sal = m_tables["service_at_location"];
        std::unordered_map<std::string, std::vector<std::pair<SiteInput, std::size_t>>> sites;
        std::unordered_set<std::string> seen_sal;
        for (const Row& r : sal.rows) {
            const std::string id = field(sal, r, "id");
            if (!id.empty()) seen_sal.insert(id);
            const std::string svc = field(sal, r, "service_id");
            const std::string loc = field(sal, r, "location_id");
            if (id.empty() || svc.empty() || loc.empty()) {
                bad(sal, r.line, id.empty() ? "id" : svc.empty() ? "service_id" : "location_id", "is required");
                continue;
            }
            if (!m_b.has_location(loc)) {
                if (!m_seen_locations.count(loc)) bad(sal, r.line, "location_id", "no location has this id");
                continue;  // a bad location was reported where it is
            }
            SiteInput site;
            site.location_id = loc;
            for (const auto& [rule, line] : take(m_sal_rules, id)) site.rules.push_back(rule);
            sites[svc].push_back({std::move(site), r.line});
        }
        orphans(m_sal_rules, m_tables["schedule"], "service_at_location_id", seen_sal,
                "no service_at_location has this id");
        const Table& ar = m_tables["service_area"];
        std::unordered_map<std::string, std::vector<std::pair<std::vector<AreaInput>, std::size_t>>> areas;
        for (const Row& r : ar.rows) {
            std::vector<AreaInput> a;
            if (!hsds::parse_service_area(Record::from_csv(ar.columns, r.fields), a, bad_at(ar, r.line))) continue;
            areas[field(ar, r, "service_id")].push_back({std::move(a), r.line});
        }

        std::unordered_set<std::string> seen;
        for (const Row& r : t.rows) {
            ServiceInput s;
            const std::string id = field(t, r, "id");
            if (!id.empty()) seen.insert(id);
            if (!hsds::parse_service(Record::from_csv(t.columns, r.fields), s, bad_at(t, r.line))) continue;
            if (m_b.has_service(s.id)) {
                bad(t, r.line, "id", "duplicates an earlier service");
                continue;
            }
            if (!s.organization_id.empty() && !m_seen_orgs.count(s.organization_id)) {
                // The service stands without it; its organization_id is kept as given.
                bad(t, r.line, "organization_id", "no organization has this id");
            }
            for (const auto& [rule, line] : take(m_svc_rules, s.id)) s.rules.push_back(rule);
            for (const auto& [code, line] : take(m_svc_langs, s.id)) s.languages.push_back(code);
            for (auto& [site, line] : take(sites, s.id)) s.sites.push_back(std::move(site));
            for (auto& [list, line] : take(areas, s.id))
                for (AreaInput& a : list) s.areas.push_back(std::move(a));
            for (const Attribute& a : take(m_attributes["service"], s.id)) hsds::apply_term(a.term, s);
            m_b.add_service(s);
        }
        orphans(m_svc_rules, m_tables["schedule"], "service_id", seen, "no service has this id");
        orphans(m_svc_langs, m_tables["language"], "service_id", seen, "no service has this id");
        for (const auto& [svc, list] : sites)
            if (!seen.count(svc))
                for (const auto& [site, line] : list) bad(sal, line, "service_id", "no service has this id");
        for (const auto& [svc, list] : areas)
            if (!seen.count(svc))
                for (const auto& [a, line] : list) bad(ar, line, "service_id", "no service has this id");
        for (const auto& [svc, list] : m_attributes["service"])
            if (!seen.count(svc))
                for (const Attribute& a : list) bad(m_tables["attribute"], a.line, "link_id", "no service has this id");
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
        std::vector<std::size_t> lines;
        for (const auto& [key, list] : m)
            if (!seen.count(key))
                for (const auto& item : list) lines.push_back(item.second);
        std::sort(lines.begin(), lines.end());
        for (const std::size_t line : lines) bad(t, line, column, message);
        m.clear();
    }

    struct Attribute {
        TermInput term;
        std::string value;
        std::size_t line;
    };

    const PackageReader& m_read;
    std::string m_package;
    DirectoryBuilder& m_b;
    ImportReport& m_r;
    bool m_fatal = false;
    bool m_has_descriptor = false;
    std::map<std::string, std::string> m_paths;
    std::map<std::string, Table> m_tables;
    std::unordered_map<std::string, TermInput> m_terms;
    std::unordered_map<std::string, std::unordered_map<std::string, std::vector<Attribute>>> m_attributes;
    std::unordered_map<std::string, std::vector<std::pair<OpeningRule, std::size_t>>> m_sal_rules, m_svc_rules,
        m_loc_rules;
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> m_svc_langs, m_loc_langs;
    std::unordered_set<std::string> m_seen_locations, m_seen_orgs;
};

}  // namespace

void import_datapackage(const PackageReader& read, std::string_view package_name, DirectoryBuilder& builder,
                        ImportReport& report) {
    CsvImporter(read, package_name, builder, report).run();
}

}  // namespace safetynet::core
