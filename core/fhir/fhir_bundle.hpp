#pragma once
// A FHIR R4 Bundle under construction: resources go in, each gets a full URL
// ("urn:uuid:<random v4 UUID>") that other resources use as their reference, as FHIR asks
// for resources that have no server id (Bundle.entry.fullUrl, bdl-7: unique). Screening adds
// its QuestionnaireResponse, Observations and Conditions; the referral adds ServiceRequest,
// Task and Consent to the same Bundle.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace safetynet::core::fhir {


class Bundle {
public:
    // type: "collection" (screening, referral) or another Bundle.type code.
    explicit Bundle(std::string type = "collection");

    // Where new full URLs come from (tests make them predictable). Default: random v4 UUIDs
    // from one CSPRNG draw per Bundle (see fhir_bundle.cpp).
    void set_id_source(std::function<std::string()> source) { m_next_id = std::move(source); }
    void set_timestamp(std::string instant) { m_timestamp = std::move(instant); }

    // Adds a resource and returns its fullUrl, a fresh urn:uuid unless one is given.
    std::string add(nlohmann::json resource, std::string full_url = {});
    // The resource with this fullUrl, or nullptr (to add references after the fact).
    nlohmann::json* find(std::string_view full_url);
    std::size_t size() const { return m_entries.size(); }

    nlohmann::json to_json() const;

private:
    std::string m_type;
    std::string m_timestamp;
    std::function<std::string()> m_next_id;
    std::vector<std::pair<std::string, nlohmann::json>> m_entries;
};

// {"reference": full_url}
nlohmann::json reference(std::string_view full_url);
// A CodeableConcept with one coding.
nlohmann::json codeable(std::string_view system, std::string_view code, std::string_view display = {});

}  // namespace safetynet::core::fhir
