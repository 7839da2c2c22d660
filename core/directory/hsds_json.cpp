// HSDS 3.0 canonical JSON import, streamed one service at a time.
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_records.hpp"

#include <nlohmann/json.hpp>

#include <iterator>
#include <regex>
#include <vector>

namespace safetynet::core {

using nlohmann::json;
using hsds::Record;

namespace {

class JsonImporter {
public:
    JsonImporter(std::string_view file, DirectoryBuilder& b, ImportReport& r) : m_file(file), m_b(b), m_r(r) {}

    void service(const json& svc) {
        ++m_position;
        std::string id = "#" + std::to_string(m_position);
        if (svc.is_object()) {
            const auto it = svc.find("id");
            if (it != svc.end() && it->is_string() && !it->get_ref<const std::string&>().empty())
                id = it->get<std::string>();
        }
        auto bad_at = [&](std::string prefix) {
            return [this, &id, prefix](const std::string& field, const std::string& message) {
                m_r.add({m_file, 0, id, prefix + field, message});
            };
        };
        if (!svc.is_object()) {
            m_r.add({m_file, 0, id, "", "a service must be a JSON object"});
            return;
        }
        ServiceInput s;
        bool ok = hsds::parse_service(Record::from_json(svc), s, bad_at(""));
        if (ok && m_b.has_service(s.id)) {
            bad_at("")("id", "duplicates an earlier service");
            ok = false;
        }

        // The organization, nested or by id.
        std::optional<OrganizationInput> org = nested_organization(svc, s, bad_at, ok);
        if (!ok) return;
        service_parts(svc, s, bad_at);
        each(svc, "service_at_locations", bad_at, [&](const json& sal, const std::string& prefix) {
            SiteInput site;
            if (site_of(sal, prefix, bad_at, site)) s.sites.push_back(std::move(site));
        });
        if (org) m_b.add_organization(*org);
        m_b.add_service(s);
    }

private:
    // The service's organization when nested in it (its id must agree with organization_id);
    // its locations are imported with it. `ok` turns false on a problem.
    template <typename BadAt>
    std::optional<OrganizationInput> nested_organization(const json& svc, ServiceInput& s, BadAt& bad_at, bool& ok) {
        const auto it = svc.find("organization");
        if (it == svc.end() || it->is_null()) return std::nullopt;
        if (!it->is_object()) {
            bad_at("")("organization", "must be an object");
            ok = false;
            return std::nullopt;
        }
        std::optional<OrganizationInput> org;
        OrganizationInput o;
        bool org_ok = hsds::parse_organization(Record::from_json(*it), o, bad_at("organization."));
        org_ok = organization_attributes(*it, o, bad_at("organization.")) && org_ok;
        if (org_ok) {
            if (s.organization_id.empty()) s.organization_id = o.id;
            if (s.organization_id != o.id) {
                bad_at("")("organization_id", "differs from organization.id");
                ok = false;
            }
            org = std::move(o);
        }
        if (ok) locations_of(*it, "organization.", bad_at);
        return org;
    }

    // Languages, hours, service areas and taxonomy terms.
    template <typename BadAt>
    void service_parts(const json& svc, ServiceInput& s, BadAt& bad_at) {
        each(svc, "languages", bad_at, [&](const json& l, const std::string& prefix) {
            std::string code;
            if (hsds::parse_language(Record::from_json(l), code, bad_at(prefix))) s.languages.push_back(code);
        });
        schedules_of(svc, "", bad_at, s.rules);
        each(svc, "service_areas", bad_at, [&](const json& a, const std::string& prefix) {
            hsds::parse_service_area(Record::from_json(a), s.areas, bad_at(prefix));
        });
        each(svc, "attributes", bad_at, [&](const json& a, const std::string& prefix) {
            TermInput t;
            if (term_of(a, prefix, bad_at, t)) hsds::apply_term(t, s);
        });
    }

    // A service_at_location: a nested location (imported here) or a location_id, and the
    // hours at that site.
    template <typename BadAt>
    bool site_of(const json& sal, const std::string& prefix, BadAt& bad_at, SiteInput& site) {
        const auto loc = sal.find("location");
        if (loc != sal.end() && !loc->is_null()) {
            if (!loc->is_object()) {
                bad_at(prefix)("location", "must be an object");
                return false;
            }
            // The id as parse_location read it: HSDS JSON from other tools may give it as a number.
            if (!location(*loc, prefix + "location.", bad_at, &site.location_id)) return false;
        } else {
            std::string lid;
            if (Record::from_json(sal).get("location_id", lid) != hsds::FieldState::Present) {
                bad_at(prefix)("location_id", "is required (or a nested location)");
                return false;
            }
            site.location_id = lid;
        }
        schedules_of(sal, prefix, bad_at, site.rules);
        return true;
    }

    template <typename BadAt, typename Fn>
    void each(const json& obj, const char* key, BadAt& bad_at, Fn&& fn, const std::string& base = "") {
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return;
        if (!it->is_array()) {
            bad_at(base)(key, "must be an array");
            return;
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string prefix = base + key + "[" + std::to_string(i) + "].";
            if (!(*it)[i].is_object()) {
                bad_at(prefix.substr(0, prefix.size() - 1))("", "must be an object");
                continue;
            }
            fn((*it)[i], prefix);
        }
    }

    template <typename BadAt>
    void schedules_of(const json& obj, const std::string& base, BadAt& bad_at, std::vector<OpeningRule>& out) {
        each(obj, "schedules", bad_at, [&](const json& sch, const std::string& prefix) {
            OpeningRule rule;
            if (hsds::parse_schedule(Record::from_json(sch), rule, bad_at(prefix)) == hsds::ScheduleResult::Rule)
                out.push_back(rule);
        }, base);
    }

    template <typename BadAt>
    bool term_of(const json& attr, const std::string& prefix, BadAt& bad_at, TermInput& t) {
        const auto it = attr.find("taxonomy_term");
        if (it != attr.end() && it->is_object())
            return hsds::parse_term(Record::from_json(*it), t, bad_at(prefix + "taxonomy_term."));
        std::string id;
        if (Record::from_json(attr).get("taxonomy_term_id", id) == hsds::FieldState::Present) {
            t.code = id;  // no nested term: its id is all there is to classify by
            return true;
        }
        bad_at(prefix)("taxonomy_term", "is required (or taxonomy_term_id)");
        return false;
    }

    template <typename BadAt>
    bool organization_attributes(const json& org, OrganizationInput& o, BadAt bad) {
        bool ok = true;
        auto bad_at = [&](std::string prefix) {
            return [&bad, prefix](const std::string& f, const std::string& m) { bad(prefix + f, m); };
        };
        each(org, "attributes", bad_at, [&](const json& a, const std::string& prefix) {
            TermInput t;
            if (!term_of(a, prefix, bad_at, t) || !hsds::is_recipient_term(t)) return;
            std::string value;
            Record::from_json(a).get("value", value);
            if (!hsds::valid_age_recipient(value)) {
                bad_at(prefix)("value", "is not an age recipient (age1…, 62 characters)");
                ok = false;
                return;
            }
            o.recipient = value;
        });
        return ok;
    }

    template <typename BadAt>
    bool location(const json& loc, const std::string& prefix, BadAt& bad_at, std::string* id = nullptr) {
        LocationInput l;
        if (!hsds::parse_location(Record::from_json(loc), l, bad_at(prefix))) return false;
        if (id) *id = l.id;
        if (m_b.has_location(l.id)) return true;  // shared by several services: the first wins
        each(loc, "addresses", bad_at, [&](const json& a, const std::string&) {
            std::string postal;
            if (l.postal_code.empty() && Record::from_json(a).get("postal_code", postal) == hsds::FieldState::Present)
                l.postal_code = postal;
        }, prefix);
        each(loc, "languages", bad_at, [&](const json& lang, const std::string& p) {
            std::string code;
            if (hsds::parse_language(Record::from_json(lang), code, bad_at(p))) l.languages.push_back(code);
        }, prefix);
        schedules_of(loc, prefix, bad_at, l.rules);
        m_b.add_location(l);
        return true;
    }

    template <typename BadAt>
    void locations_of(const json& org, const std::string& prefix, BadAt& bad_at) {
        each(org, "locations", bad_at, [&](const json& loc, const std::string& p) { location(loc, p, bad_at); }, prefix);
    }

    std::string m_file;
    DirectoryBuilder& m_b;
    ImportReport& m_r;
    std::size_t m_position = 0;
};

// Feeds the parser from a stream in 1 MB chunks: nlohmann reads one character at a time, and
// through std::istream each of those is a call into the stream buffer.
class ChunkReader {
public:
    explicit ChunkReader(std::istream& in) : m_in(in), m_buf(std::size_t{1} << 20) { fill(); }
    bool at_end() const { return m_pos == m_len; }
    const char& get() const { return m_buf[m_pos]; }
    void advance() {
        if (++m_pos == m_len) fill();
    }

private:
    void fill() {
        m_in.read(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_len = static_cast<std::size_t>(m_in.gcount());
        m_pos = 0;
    }
    std::istream& m_in;
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

// nlohmann's parse errors say "parse error at line L, column C: …"; keep L and the reason.
void report_parse_error(const json::parse_error& e, const std::string& file, ImportReport& r) {
    const std::string what = e.what();
    std::smatch m;
    static const std::regex kLine(R"(line (\d+), column \d+: (.*))");
    if (std::regex_search(what, m, kLine))
        r.add({file, static_cast<std::size_t>(std::stoul(m[1].str())), "", "", "not valid JSON: " + m[2].str()});
    else
        r.add({file, 1, "", "", "not valid JSON: " + what});
}

}  // namespace

void import_hsds_json(std::istream& in, std::string_view file_name, DirectoryBuilder& builder, ImportReport& report) {
    const std::string file(file_name);
    JsonImporter importer(file, builder, report);
    enum class Root { Unknown, Array, Object } root = Root::Unknown;
    std::string key;        // the current key of the root object
    bool in_list = false;   // inside root["services"] or root["contents"]
    bool saw_list = false;
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
                importer.service(parsed);
                return false;  // discard: memory stays one service deep
            }
            return true;
        }
        if (depth == 1) {
            if (ev == E::key) key = parsed.get<std::string>();
            if (ev == E::array_start && (key == "services" || key == "contents")) in_list = saw_list = true;
            if (ev == E::array_end) in_list = false;
            return true;
        }
        if (depth == 2 && in_list && complete) {
            importer.service(parsed);
            return false;
        }
        return true;
    };
    try {
        ChunkReader reader(in);
        const json rest = json::parse(ChunkIterator{&reader}, ChunkIterator{}, cb, /*allow_exceptions=*/true);
        (void)rest;
        if (root == Root::Object && !saw_list)
            report.add({file, 1, "", "", "expected an array of services, or an object with a \"services\" array"});
        else if (root == Root::Unknown)
            report.add({file, 1, "", "", "expected an array of services, or an object with a \"services\" array"});
    } catch (const json::parse_error& e) {
        report_parse_error(e, file, report);
    }
}

}  // namespace safetynet::core
