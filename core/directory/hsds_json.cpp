// HSDS 3.x JSON import: every shape the specification's API publishes (hsds_import.hpp),
// streamed one record at a time where the document is a list.
//
// [SECTION] Records: services, organizations, locations, service_at_locations, the rest
// [SECTION] The document: which shape, streamed through nlohmann's callback parser
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_records.hpp"
#include "core/directory/hsds_shape.hpp"
#include "core/directory/hsds_tabular.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <unordered_map>
#include <vector>

namespace safetynet::core {

using nlohmann::json;
using hsds::Entity;
using hsds::Record;

namespace {

//----------------------------------------------------------------------------------------------
// [SECTION] Records
//----------------------------------------------------------------------------------------------

// Where a field is: the top-level record it belongs to (its id, "#N" or "page N") and the
// path from that record to the object holding the field ("services[0].schedules[1].").
struct Where {
    std::string record;
    std::string prefix;
    Where at(const std::string& more) const { return {record, prefix + more}; }
};

// "schedules[0]." + "opens_at"; an empty field names the object itself ("schedules[0]").
std::string join(const std::string& prefix, const std::string& field) {
    if (!field.empty()) return prefix + field;
    return !prefix.empty() && prefix.back() == '.' ? prefix.substr(0, prefix.size() - 1) : prefix;
}

// A record's label in the report: its id as given, else its 1-based position in the list.
std::string label_of(const json& item, std::size_t position) {
    if (item.is_object()) {
        const auto it = item.find("id");
        if (it != item.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) return it->get<std::string>();
        if (it != item.end() && it->is_number()) return it->dump();
    }
    return "#" + std::to_string(position);
}

class JsonImporter {
public:
    JsonImporter(std::string_view file, DirectoryBuilder& b, ImportReport& r, const ImportOptions& o)
        : m_file(file), m_b(b), m_r(r), m_o(o) {}

    // One record of a list (a root array, a page's contents, {"services": [...]}), or the root
    // object itself, read as the kind it is.
    void record(const json& item, std::size_t position) {
        const Where w{label_of(item, position), ""};
        if (!item.is_object()) {
            m_r.add({m_file, 0, w.record, "", "must be a JSON object (a service, organization, location or other HSDS record)"});
            return;
        }
        const Entity kind = hsds::classify(item);
        ++m_kinds[kind];
        switch (kind) {
        case Entity::Service:
        case Entity::Unknown: add(read_service(item, w, "", false)); break;
        case Entity::Organization: organization(item, w, true); break;
        case Entity::Location: location(item, w, nullptr, true); break;
        case Entity::ServiceAtLocation: service_at_location(item, w); break;
        case Entity::Taxonomy: hsds::check_taxonomy(Record::from_json(item), bad_at(w)); break;
        case Entity::TaxonomyTerm: hsds::check_taxonomy_term(Record::from_json(item), bad_at(w)); break;
        case Entity::ApiDetails: hsds::check_api_details(Record::from_json(item), bad_at(w)); break;
        }
    }

    // An organization object whose "services" array came before its id: the services were
    // already read as a plain list, without it (the format allows any key order; APIs put id
    // first, so this is rare).
    void organization_after_its_services(const json& org) {
        const Where w{label_of(org, 1), ""};
        organization(org, w, true);
        warn_at(w)("services", "come before the organization's id, so they were read without their organization; "
                               "put id and name first");
    }

    // The end of the document: the services gathered from service_at_locations join the
    // directory, and a file that held records but no service says so.
    void finish() {
        for (auto& [id, s] : m_from_sites) {
            if (m_b.has_service(id)) {
                m_r.add({m_file, 0, id, "id", "duplicates an earlier service (read from a service_at_location)",
                         "hsds-duplicate", {{"value", id}}});
                continue;
            }
            add(std::move(s));
        }
        m_from_sites.clear();
        if (m_services_seen > 0 || m_kinds.empty()) return;
        std::string held;
        for (const auto& [kind, n] : m_kinds)
            held += (held.empty() ? "" : ", ") + std::to_string(n) + " " + hsds::entity_name(kind, n != 1);
        m_r.add({m_file, 0, "", "", "no services here: the file holds " + held + " and no service", "bad-directory", {}});
    }

private:
    hsds::Bad bad_at(const Where& w) {
        return [this, w](const std::string& field, const std::string& message, const hsds::IssueFacts& facts) {
            m_r.add(hsds::issue(m_file, 0, w.record, join(w.prefix, field), message, facts));
        };
    }
    hsds::Bad warn_at(const Where& w) {
        return [this, w](const std::string& field, const std::string& message, const hsds::IssueFacts& facts) {
            m_r.warn(hsds::issue(m_file, 0, w.record, join(w.prefix, field), message, facts));
        };
    }

    void add(std::optional<ServiceInput> s) {
        if (!s) return;
        m_r.service_at_locations += s->sites.size();
        if (m_o.on_service) m_o.on_service(*s);
        m_b.add_service(*s);
    }

    // A service's own fields and everything nested in it. `parent_org` is the organization it
    // is listed under (organization_full), `from_site` says it came inside a
    // service_at_location (several of those may name one service: they are merged, not
    // duplicates).
    std::optional<ServiceInput> read_service(const json& svc, const Where& w, const std::string& parent_org,
                                             bool from_site) {
        ++m_services_seen;
        const auto bad = bad_at(w);
        ServiceInput s;
        bool ok = hsds::parse_service(Record::from_json(svc), s, bad);
        hsds::parse_translations(Record::from_json(svc), s.translations, warn_at(w));
        if (ok && !from_site && (m_b.has_service(s.id) || m_from_sites.count(s.id))) {
            bad("id", "duplicates an earlier service", {"hsds-duplicate", {}, s.id});
            ok = false;
        }
        std::optional<OrganizationInput> org;
        ok = nested_organization(svc, w, s, org) && ok;
        if (!parent_org.empty()) {
            if (s.organization_id.empty()) s.organization_id = parent_org;
            if (s.organization_id != parent_org) {
                bad("organization_id", "differs from the organization it is listed under (" + parent_org + ")");
                ok = false;
            }
        }
        if (!ok) return std::nullopt;
        sub_records(svc, w, s);
        if (org) m_b.add_organization(*org);
        return s;
    }

    // The organization nested in a service (or named by organization_id).
    bool nested_organization(const json& svc, const Where& w, ServiceInput& s, std::optional<OrganizationInput>& org) {
        const auto it = svc.find("organization");
        if (it == svc.end() || it->is_null()) return true;
        if (!it->is_object()) {
            bad_at(w)("organization", "must be an object");
            return false;
        }
        const Where ow = w.at("organization.");
        OrganizationInput o;
        bool org_ok = hsds::parse_organization(Record::from_json(*it), o, bad_at(ow));
        hsds::parse_translations(Record::from_json(*it), o.translations, warn_at(ow));
        org_ok = organization_attributes(*it, o, ow) && org_ok;
        if (!org_ok) return true;
        if (s.organization_id.empty()) s.organization_id = o.id;
        if (s.organization_id != o.id) {
            bad_at(w)("organization_id", "differs from organization.id");
            return false;
        }
        org = std::move(o);
        each(*it, "locations", ow, [&](const json& loc, const Where& lw) { location(loc, lw, nullptr, false); });
        return true;
    }

    void sub_records(const json& svc, const Where& w, ServiceInput& s) {
        each(svc, "languages", w, [&](const json& l, const Where& lw) {
            std::string code;
            if (hsds::parse_language(Record::from_json(l), code, bad_at(lw))) s.languages.push_back(code);
        });
        schedules_of(svc, w, s.rules);
        each(svc, "service_areas", w, [&](const json& a, const Where& aw) {
            hsds::parse_service_area(Record::from_json(a), s.areas, bad_at(aw));
        });
        each(svc, "attributes", w, [&](const json& a, const Where& aw) {
            TermInput t;
            if (term_of(a, aw, t)) hsds::apply_term(t, s);
        });
        each(svc, "capacities", w, [&](const json& c, const Where& cw) {
            ServiceCapacity cap;
            if (!hsds::parse_capacity(Record::from_json(c), cap, bad_at(cw), warn_at(cw))) return;
            if (const auto unit = c.find("unit"); unit != c.end() && unit->is_object())
                hsds::parse_unit(Record::from_json(*unit), cap, bad_at(cw.at("unit.")));
            s.capacities.push_back(std::move(cap));
        });
        each(svc, "service_at_locations", w, [&](const json& sal, const Where& sw) {
            if (auto site = site_of(sal, sw)) s.sites.push_back(std::move(*site));
        });
    }

    // A service at a location: the location (nested, or by location_id) and the hours there.
    std::optional<SiteInput> site_of(const json& sal, const Where& w) {
        SiteInput site;
        const auto loc = sal.find("location");
        if (loc != sal.end() && !loc->is_null()) {
            if (!loc->is_object()) {
                bad_at(w)("location", "must be an object");
                return std::nullopt;
            }
            // The id as parse_location read it: HSDS JSON from other tools may give it as a number.
            if (!location(*loc, w.at("location."), &site.location_id, false)) return std::nullopt;
        } else {
            std::string lid;
            if (Record::from_json(sal).get("location_id", lid) != hsds::FieldState::Present) {
                bad_at(w)("location_id", "is required (or a nested location)");
                return std::nullopt;
            }
            site.location_id = lid;
        }
        schedules_of(sal, w, site.rules);
        return site;
    }

    // GET /service_at_locations/{id}: the service turned inside out. Several may name one
    // service; its sites are gathered and it joins the directory at the end of the document.
    void service_at_location(const json& sal, const Where& w) {
        const auto svc = sal.find("service");
        if (svc == sal.end() || !svc->is_object()) {
            ++m_services_seen;
            bad_at(w)("service", "is required: a service_at_location is read with its nested service");
            return;
        }
        auto s = read_service(*svc, w.at("service."), "", true);
        if (!s) return;
        auto site = site_of(sal, w);
        const auto it = m_from_sites.find(s->id);
        ServiceInput& into = it != m_from_sites.end() ? it->second : m_from_sites.emplace(s->id, std::move(*s)).first->second;
        if (site) into.sites.push_back(std::move(*site));
    }

    // GET /organizations/{id} and the items of /organizations: the organization, its locations,
    // and its services (organization_full) listed under it.
    void organization(const json& org, const Where& w, bool top_level) {
        OrganizationInput o;
        bool ok = hsds::parse_organization(Record::from_json(org), o, bad_at(w));
        hsds::parse_translations(Record::from_json(org), o.translations, warn_at(w));
        ok = organization_attributes(org, o, w) && ok;
        if (ok && !m_b.add_organization(o) && top_level) bad_at(w)("id", "duplicates an earlier organization");
        // Its services stand without it when it is unusable: they are not tied to a bad record.
        const std::string parent = ok ? o.id : std::string();
        each(org, "locations", w, [&](const json& loc, const Where& lw) { location(loc, lw, nullptr, false); });
        each(org, "services", w, [&](const json& svc, const Where& sw) { add(read_service(svc, sw, parent, false)); });
    }

    bool organization_attributes(const json& org, OrganizationInput& o, const Where& w) {
        bool ok = true;
        each(org, "attributes", w, [&](const json& a, const Where& aw) {
            TermInput t;
            if (!term_of(a, aw, t) || !hsds::is_recipient_term(t)) return;
            std::string value;
            Record::from_json(a).get("value", value);
            if (!hsds::valid_age_recipient(value)) {
                bad_at(aw)("value", "is not an age recipient (age1…, 62 characters)");
                ok = false;
                return;
            }
            o.recipient = value;
        });
        return ok;
    }

    // A location, nested or on its own. Shared by several services, it is added once: the
    // first wins (a top-level duplicate is reported). False when it cannot be used at all.
    bool location(const json& loc, const Where& w, std::string* id, bool top_level) {
        LocationInput l;
        hsds::CoordinateIssue issue;
        if (!hsds::parse_location(Record::from_json(loc), l, bad_at(w), issue)) return false;
        if (id) *id = l.id;
        if (m_b.has_location(l.id)) {
            if (top_level) bad_at(w)("id", "duplicates an earlier location");
            return true;
        }
        each(loc, "addresses", w, [&](const json& a, const Where&) {
            std::string postal;
            if (l.postal_code.empty() && Record::from_json(a).get("postal_code", postal) == hsds::FieldState::Present)
                l.postal_code = postal;
        });
        hsds::parse_translations(Record::from_json(loc), l.translations, warn_at(w));
        each(loc, "languages", w, [&](const json& lang, const Where& lw) {
            std::string code;
            if (hsds::parse_language(Record::from_json(lang), code, bad_at(lw))) l.languages.push_back(code);
        });
        schedules_of(loc, w, l.rules);
        hsds::place_location(Record::from_json(loc), l, issue, m_o.zips, warn_at(w));
        m_b.add_location(l);
        return true;
    }

    void schedules_of(const json& obj, const Where& w, std::vector<OpeningRule>& out) {
        each(obj, "schedules", w, [&](const json& sch, const Where& sw) {
            OpeningRule rule;
            const auto result = hsds::parse_schedule(Record::from_json(sch), rule, bad_at(sw), warn_at(sw));
            if (result != hsds::ScheduleResult::Invalid) ++m_r.schedules;
            if (result == hsds::ScheduleResult::Rule) out.push_back(rule);
        });
    }

    bool term_of(const json& attr, const Where& w, TermInput& t) {
        const auto it = attr.find("taxonomy_term");
        if (it != attr.end() && it->is_object())
            return hsds::parse_term(Record::from_json(*it), t, bad_at(w.at("taxonomy_term.")));
        std::string id;
        if (Record::from_json(attr).get("taxonomy_term_id", id) == hsds::FieldState::Present) {
            t.code = id;  // no nested term: its id is all there is to classify by
            return true;
        }
        bad_at(w)("taxonomy_term", "is required (or taxonomy_term_id)");
        return false;
    }

    // Calls fn(item, where) for each object in obj[key]; a key that is not an array, or an
    // item that is not an object, is reported.
    template <typename Fn>
    void each(const json& obj, const char* key, const Where& w, Fn&& fn) {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return;
        if (!it->is_array()) {
            bad_at(w)(key, "must be an array");
            return;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const Where iw = w.at(std::string(key) + "[" + std::to_string(i) + "].");
            if (!(*it)[i].is_object()) {
                bad_at(iw)("", "must be an object");
                continue;
            }
            fn((*it)[i], iw);
        }
    }

    std::string m_file;
    DirectoryBuilder& m_b;
    ImportReport& m_r;
    const ImportOptions& m_o;
    std::map<Entity, std::size_t> m_kinds;                     // the records of the document, by kind
    std::size_t m_services_seen = 0;                           // services read, good or bad
    std::map<std::string, ServiceInput> m_from_sites;          // services of service_at_locations
};

//----------------------------------------------------------------------------------------------
// [SECTION] The document
//----------------------------------------------------------------------------------------------

// Feeds the parser in 1 MB chunks: nlohmann reads one character at a time, and through
// std::istream (or a std::function) each of those would be a call.
class ChunkReader {
public:
    explicit ChunkReader(const ChunkSource& read) : m_read(read), m_buf(std::size_t{1} << 20) { fill(); }
    bool at_end() const { return m_pos == m_len; }
    const char& get() const { return m_buf[m_pos]; }
    void advance() {
        if (++m_pos == m_len) fill();
    }

private:
    void fill() {
        m_len = m_read(m_buf.data(), m_buf.size());
        m_pos = 0;
    }
    const ChunkSource& m_read;
    std::vector<char> m_buf;
    std::size_t m_pos = 0, m_len = 0;
};

struct ChunkIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    ChunkReader* reader = nullptr;  // nullptr: the end
    reference operator*() const { return reader->get(); }
    ChunkIterator& operator++() {
        reader->advance();
        return *this;
    }
    bool operator==(const ChunkIterator& o) const {
        return (!reader || reader->at_end()) == (!o.reader || o.reader->at_end());
    }
    bool operator!=(const ChunkIterator& o) const { return !(*this == o); }
};

// nlohmann's parse errors say "... parse error at line L, column C: …"; keep L and the reason.
// (Read by hand: std::regex would put 20 KB of code and the locale machinery in the first load.)
void report_parse_error(const json::parse_error& e, const std::string& file, ImportReport& r) {
    const std::string_view what = e.what();
    const std::size_t at = what.find("line ");
    const std::size_t column = what.find(", column ", at);
    const std::size_t reason = what.find(": ", column);
    std::size_t line = 0;
    if (at != std::string_view::npos && column != std::string_view::npos && reason != std::string_view::npos) {
        const std::string_view digits = what.substr(at + 5, column - at - 5);
        if (std::from_chars(digits.data(), digits.data() + digits.size(), line).ptr != digits.data() + digits.size())
            line = 0;
    }
    if (line > 0)
        r.add({file, line, "", "", "not valid JSON: " + std::string(what.substr(reason + 2)), "malformed-json", {}});
    else
        r.add({file, 1, "", "", "not valid JSON: " + std::string(what), "malformed-json", {}});
}

constexpr const char* kNotHsds =
    "expected HSDS 3.x JSON: services, organizations, service_at_locations or locations (one, an array, or an "
    "API page with \"contents\"), {\"services\": [...]}, or tabular.json";

std::optional<long long> integer_field(const json& fields, const char* key) {
    const auto it = fields.find(key);
    if (it == fields.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<long long>();
}

// An API page (HSDS 3.0 openapi.json, components.schemas.Page) says how many items it holds
// and how many pages there are: a file that is one page of several is an incomplete directory.
void check_page(const json& fields, std::size_t items, const std::string& file, ImportReport& r) {
    const long long page = integer_field(fields, "page_number").value_or(1);
    const std::string where = "page " + std::to_string(page);
    const long long n = static_cast<long long>(items);
    if (const auto size = integer_field(fields, "size"); size && *size != n)
        r.add({file, 0, where, "size", "says " + std::to_string(*size) + ", but contents holds " + std::to_string(n)});
    if (const auto total = integer_field(fields, "total_items"); total && *total < n)
        r.add({file, 0, where, "total_items",
               "says " + std::to_string(*total) + ", but this page alone holds " + std::to_string(n)});
    const auto pages = integer_field(fields, "total_pages");
    const auto last = fields.find("last_page");
    if (pages && *pages > page)
        r.add({file, 0, where, "total_pages",
               "page " + std::to_string(page) + " of " + std::to_string(*pages) + ": the other " +
                   std::to_string(*pages - 1) + " pages are not in this file"});
    else if (!pages && last != fields.end() && last->is_boolean() && !last->get<bool>())
        r.add({file, 0, where, "last_page", "is false: the pages after this one are not in this file"});
}

}  // namespace

void import_hsds_json(std::string_view text, std::string_view file_name, DirectoryBuilder& builder,
                      ImportReport& report, const ImportOptions& options) {
    const ChunkSource read = [&text](char* buffer, std::size_t size) {
        const std::size_t n = std::min(size, text.size());
        std::copy_n(text.data(), n, buffer);
        text.remove_prefix(n);
        return n;
    };
    import_hsds_json(read, file_name, builder, report, options);
}

void import_hsds_json(const ChunkSource& read, std::string_view file_name, DirectoryBuilder& builder,
                      ImportReport& report, const ImportOptions& options) {
    const std::string file(file_name);
    JsonImporter importer(file, builder, report, options);
    enum class Root { Unknown, Array, Object } root = Root::Unknown;
    enum class List { None, Contents, Services } list = List::None;
    std::string key;                  // the current key of the root object
    json fields = json::object();     // the root object's scalar members (a page's counts)
    bool saw_page = false, streamed_services = false, tabular = false;
    std::size_t position = 0;
    const json::parser_callback_t cb = [&](int depth, json::parse_event_t ev, json& parsed) -> bool {
        using E = json::parse_event_t;
        if (depth == 0) {
            if (ev == E::array_start) root = Root::Array;
            if (ev == E::object_start) root = Root::Object;
            return true;
        }
        const bool complete = ev == E::object_end || ev == E::array_end || ev == E::value;
        if (root == Root::Array) {
            if (depth == 1 && complete) {
                importer.record(parsed, ++position);
                return false;  // discard: memory stays one record deep
            }
            return true;
        }
        if (depth == 1) {
            if (ev == E::key) {
                key = parsed.get<std::string>();
                tabular = tabular || hsds::is_tabular_key(key);
            } else if (ev == E::array_start && !tabular && key == "contents") {
                list = List::Contents;
                saw_page = true;
            } else if (ev == E::array_start && !tabular && key == "services" && !fields.contains("id")) {
                // {"services": [...]}; an organization (its id came first) keeps its services.
                list = List::Services;
                streamed_services = true;
            } else if (ev == E::array_end) {
                list = List::None;
            } else if (ev == E::value && !parsed.is_structured()) {
                fields[key] = parsed;
            }
            return true;
        }
        if (depth == 2 && list != List::None && complete) {
            importer.record(parsed, ++position);
            return false;
        }
        return true;
    };
    try {
        ChunkReader reader(read);
        const json rest = json::parse(ChunkIterator{&reader}, ChunkIterator{}, cb, /*allow_exceptions=*/true);
        if (root == Root::Object && tabular) {
            hsds::import_tabular_json(rest, file, builder, report, options);
        } else if (root == Root::Object && saw_page) {
            check_page(fields, position, file, report);
        } else if (root == Root::Object && streamed_services) {
            if (fields.contains("id") && fields.contains("name")) importer.organization_after_its_services(rest);
        } else if (root == Root::Object && hsds::classify(rest) != Entity::Unknown) {
            importer.record(rest, 1);
        } else if (root != Root::Array) {
            report.add({file, 1, "", "", kNotHsds, "bad-directory", {}});
        }
        importer.finish();
    } catch (const json::parse_error& e) {
        importer.finish();
        report_parse_error(e, file, report);
    }
}

}  // namespace safetynet::core
