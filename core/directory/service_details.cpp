#include "core/directory/service_details.hpp"

#include "core/base/json_read.hpp"
#include "core/directory/hsds_records.hpp"
#include "core/directory/hsds_shape.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace safetynet::core {
namespace {

using nlohmann::json;

// "10:00:00" -> "10:00"
std::string hhmm(std::string t) {
    if (t.size() >= 5) t.resize(5);
    return t;
}

std::string address_line(const json& location) {
    const auto addrs = location.find("addresses");
    if (addrs == location.end() || !addrs->is_array() || addrs->empty() || !(*addrs)[0].is_object()) return {};
    const json& a = (*addrs)[0];
    std::string line = string_field(a, "address_1");
    for (const char* part : {"city", "state_province"}) {
        const std::string v = string_field(a, part);
        if (!v.empty()) line += (line.empty() ? "" : ", ") + v;
    }
    const std::string zip = string_field(a, "postal_code");
    if (!zip.empty()) line += (line.empty() ? "" : " ") + zip;
    return line;
}

void read_hours(const json& schedules, std::vector<ServiceHours>& out) {
    if (!schedules.is_array()) return;
    for (const json& sc : schedules) {
        if (!sc.is_object()) continue;
        ServiceHours h;
        const std::string byday = string_field(sc, "byday");
        for (std::size_t start = 0; start <= byday.size();) {
            const std::size_t comma = std::min(byday.find(',', start), byday.size());
            const std::string_view d = std::string_view(byday).substr(start, comma - start);
            if (!d.empty()) h.days.emplace_back(d.substr(d.size() >= 2 ? d.size() - 2 : 0));  // "1MO" -> "MO"
            start = comma + 1;
        }
        h.opens = hhmm(string_field(sc, "opens_at"));
        h.closes = hhmm(string_field(sc, "closes_at"));
        h.description = string_field(sc, "description");
        if (!h.days.empty() || !h.description.empty()) out.push_back(std::move(h));
    }
}

// The importer warns of broken entries (hsds_json.cpp); the good ones are shown.
Translations translations_of(const json& record) {
    Translations out;
    hsds::parse_translations(hsds::Record::from_json(record), out, [](const std::string&, const std::string&) {});
    return out;
}

void read_place(const json& sal, ServiceDetails& d) {
    const auto loc = sal.find("location");
    if (loc == sal.end() || !loc->is_object()) return;
    d.places.push_back({string_field(*loc, "id"), string_field(*loc, "name"), address_line(*loc), translations_of(*loc)});
    if (d.phone.empty())
        if (const auto phones = loc->find("phones"); phones != loc->end() && phones->is_array() && !phones->empty() &&
                                                     (*phones)[0].is_object())
            d.phone = string_field((*phones)[0], "number");
    if (d.hours.empty())
        if (const auto sched = sal.find("schedules"); sched != sal.end()) read_hours(*sched, d.hours);
}

void read_capacities(const json& list, std::vector<ServiceCapacity>& out) {
    if (!list.is_array()) return;
    const hsds::Bad ignore = [](const std::string&, const std::string&) {};  // the importer reports them
    for (const json& c : list) {
        ServiceCapacity cap;
        if (!c.is_object() || !hsds::parse_capacity(hsds::Record::from_json(c), cap, ignore, ignore)) continue;
        if (const auto unit = c.find("unit"); unit != c.end() && unit->is_object())
            hsds::parse_unit(hsds::Record::from_json(*unit), cap, ignore);
        out.push_back(std::move(cap));
    }
}

// `org`: the organization the service is listed under (organization_full), else its own.
ServiceDetails read_service(const json& s, const json* parent_org) {
    ServiceDetails d;
    d.id = string_field(s, "id");
    d.name = string_field(s, "name");
    d.description = string_field(s, "description");
    d.translations = translations_of(s);
    if (const std::string url = string_field(s, "url"); hsds::is_absolute_url(url)) d.url = url;
    if (const std::string email = string_field(s, "email"); hsds::is_email(email)) d.email = email;
    d.organization_id = string_field(s, "organization_id");
    const json* org = parent_org;
    if (const auto it = s.find("organization"); it != s.end() && it->is_object()) org = &*it;
    if (org) {
        d.organization = string_field(*org, "name");
        d.organization_translations = translations_of(*org);
        if (d.organization_id.empty()) d.organization_id = string_field(*org, "id");
        if (const auto attrs = org->find("attributes"); attrs != org->end() && attrs->is_array())
            for (const json& a : *attrs)
                if (a.is_object() && string_field(a, "value").rfind("age1", 0) == 0) d.recipient = string_field(a, "value");
    }
    if (const auto phones = s.find("phones"); phones != s.end() && phones->is_array() && !phones->empty() &&
                                               (*phones)[0].is_object())
        d.phone = string_field((*phones)[0], "number");
    if (const auto langs = s.find("languages"); langs != s.end() && langs->is_array())
        for (const json& l : *langs)
            if (l.is_object() && !string_field(l, "code").empty()) d.languages.push_back(string_field(l, "code"));
    if (const auto sched = s.find("schedules"); sched != s.end()) read_hours(*sched, d.hours);
    if (const auto sals = s.find("service_at_locations"); sals != s.end() && sals->is_array())
        for (const json& sal : *sals)
            if (sal.is_object()) read_place(sal, d);
    if (const auto caps = s.find("capacities"); caps != s.end()) read_capacities(*caps, d.capacities);
    return d;
}

// The records of a document, as the importer finds them (hsds_json.cpp).
const json* list_of(const json& doc) {
    if (doc.is_array()) return &doc;
    if (!doc.is_object()) return nullptr;
    if (const auto it = doc.find("contents"); it != doc.end() && it->is_array()) return &*it;
    if (const auto it = doc.find("services"); it != doc.end() && it->is_array() && !doc.contains("id")) return &*it;
    return nullptr;
}

}  // namespace

void ServiceDetailsIndex::add_record(const json& item) {
    auto keep = [this](ServiceDetails d) {
        if (d.id.empty() || d.name.empty()) return;
        const auto it = m_services.find(d.id);
        if (it == m_services.end()) {
            std::string id = d.id;
            m_services.emplace(std::move(id), std::move(d));
        } else {
            // Another service_at_location of a service already read: one more place.
            for (ServicePlace& p : d.places) it->second.places.push_back(std::move(p));
        }
    };
    switch (hsds::classify(item)) {
    case hsds::Entity::Service: keep(read_service(item, nullptr)); break;
    case hsds::Entity::Organization:
        if (const auto svcs = item.find("services"); svcs != item.end() && svcs->is_array())
            for (const json& s : *svcs)
                if (s.is_object()) keep(read_service(s, &item));
        break;
    case hsds::Entity::ServiceAtLocation:
        if (const auto svc = item.find("service"); svc != item.end() && svc->is_object()) {
            ServiceDetails d = read_service(*svc, nullptr);
            read_place(item, d);
            keep(std::move(d));
        }
        break;
    default: break;  // locations and taxonomies offer no service
    }
}

ServiceDetailsIndex ServiceDetailsIndex::from_hsds_json(std::string_view text_json) {
    ServiceDetailsIndex index;
    const json doc = json::parse(text_json, nullptr, /*allow_exceptions=*/false);
    if (const json* list = list_of(doc)) {
        for (const json& item : *list)
            if (item.is_object()) index.add_record(item);
    } else if (doc.is_object()) {
        index.add_record(doc);
    }
    return index;
}

const ServiceDetails* ServiceDetailsIndex::find(std::string_view service_id) const {
    const auto it = m_services.find(service_id);
    return it == m_services.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> ServiceDetailsIndex::organizations() const {
    std::map<std::string, std::string> out;
    for (const auto& [id, s] : m_services)
        if (!s.organization.empty()) out.emplace(s.organization_id.empty() ? s.organization : s.organization_id, s.organization);
    return out;
}

const ServicePlace* ServiceDetailsIndex::place(const ServiceDetails& s, std::string_view location_id) const {
    for (const ServicePlace& p : s.places)
        if (p.location_id == location_id) return &p;
    return s.places.empty() ? nullptr : &s.places.front();
}

std::string render_hours(const ServiceDetails& s, const Translator& t) {
    std::string out;
    for (const ServiceHours& h : s.hours) {
        std::string part;
        for (const std::string& d : h.days) part += (part.empty() ? "" : ", ") + std::string(t.tr("match.day." + d));
        if (!h.opens.empty() && !h.closes.empty()) part += (part.empty() ? "" : " ") + h.opens + "\u2013" + h.closes;
        if (part.empty()) part = h.description;
        if (!part.empty()) out += (out.empty() ? "" : " \u00b7 ") + part;
    }
    return out;
}

std::string render_languages(const ServiceDetails& s, const Translator& t) {
    std::string out;
    for (const std::string& code : s.languages) {
        const std::string key = "match.language." + code;
        const char* name = t.tr(key);
        out += (out.empty() ? "" : ", ") + (key == name ? code : std::string(name));
    }
    return out;
}

}  // namespace safetynet::core
