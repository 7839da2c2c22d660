#pragma once
// What a person needs to know about a service to go there: its name and organization, what it
// does, where it is, how to call, when it is open, which languages are spoken. The compiled
// directory (core/directory/directory.hpp) holds what matching needs; this holds what a screen or a
// printed list shows, read from the same HSDS 3.0 JSON. It is meant for the directories an app
// loads as JSON (a region: hundreds or thousands of services), not a national index.
#include "core/base/i18n.hpp"
#include "core/directory/service_capacity.hpp"
#include "core/directory/text_translations.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct ServiceHours {
    std::vector<std::string> days;  // HSDS byday codes: MO … SU
    std::string opens, closes;      // "HH:MM"
    std::string description;        // HSDS schedule.description, when there is one
};

struct ServicePlace {
    std::string location_id;
    std::string name;
    std::string address;  // "123 Main St, San Jose, CA 95112"
    Translations translations;  // the location's name in other languages
};

struct ServiceDetails {
    std::string id;
    std::string name;
    std::string organization_id;
    std::string organization;
    std::string description;
    std::string phone;
    std::string url;
    std::string email;
    std::vector<ServicePlace> places;
    std::vector<ServiceHours> hours;
    std::vector<std::string> languages;  // codes
    std::string recipient;               // the organization's age1… recipient, if it publishes one
    std::vector<ServiceCapacity> capacities;  // HSDS 3.1 service.capacities, as published
    // Name and description in other languages, the service's and its organization's
    // (text_translations.hpp: core::translated() picks one, falling back to the original).
    Translations translations, organization_translations;
};

class ServiceDetailsIndex {
public:
    // Reads an HSDS 3.x JSON document in the shapes the importer reads (hsds_import.hpp): services,
    // organizations with their services, service_at_locations, alone, in an array or in an API
    // page, or {"services": [...]}; tabular.json has no details to show. Records it cannot read
    // are skipped: the directory importer reports them.
    static ServiceDetailsIndex from_hsds_json(std::string_view json);

    const ServiceDetails* find(std::string_view service_id) const;
    const ServicePlace* place(const ServiceDetails& s, std::string_view location_id) const;
    std::size_t size() const { return m_services.size(); }
    // Every organization that offers a service: id -> name (a site picks its own name from it).
    std::map<std::string, std::string> organizations() const;

private:
    void add_record(const nlohmann::json& item);
    std::map<std::string, ServiceDetails, std::less<>> m_services;
};

// "mar, jue 10:00–14:00 · sáb 09:00–12:00" in the translator's language (day names from
// match.day.*), or the schedule descriptions when the times are not given.
std::string render_hours(const ServiceDetails& s, const Translator& t);
// "inglés, español" (match.language.*; unknown codes as they are).
std::string render_languages(const ServiceDetails& s, const Translator& t);

}  // namespace safetynet::core
