// Capacity updates (capacity.hpp).
#include "core/actions/capacity.hpp"

#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/base/utc_time.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace safetynet::core {

namespace {
constexpr const char* kKind = "capacity-update";
constexpr const char* kHsdsServiceSystem = "urn:safetynet:hsds:service";
constexpr const char* kHsdsOrganizationSystem = "urn:safetynet:hsds:organization";
constexpr std::size_t kMaxServices = 500;
}  // namespace

const std::vector<std::string>& capacity_status_codes() {
    static const std::vector<std::string> kCodesList = {"capacity", "waitlist", "additional-assessment-required", "no-capacity"};
    return kCodesList;
}

std::optional<Capacity> capacity_from_code(std::string_view code) {
    if (code == "capacity") return Capacity::Available;
    if (code == "no-capacity") return Capacity::None;
    if (code == "waitlist") return Capacity::Waitlist;
    if (code == "additional-assessment-required") return Capacity::AssessmentRequired;
    return std::nullopt;
}

void check_capacity_update(const CapacityUpdate& u) {
    check_display_name(u.organization, kKind, "organization");
    if (!is_utc_rfc3339(u.updated)) throw Error(kKind, "updated", "must be an RFC 3339 UTC time");
    if (u.services.empty() || u.services.size() > kMaxServices) throw Error(kKind, "services", "1 to 500 services");
    for (std::size_t i = 0; i < u.services.size(); ++i) {
        const CapacityStatement& s = u.services[i];
        const std::string w = "services[" + std::to_string(i) + "]";
        if (s.service_id.empty() || s.service_id.size() > 200) throw Error(kKind, w + ".service_id", "1 to 200 characters");
        if (!capacity_from_code(s.status)) throw Error(kKind, w + ".status", "not an SDOHCC capacity status: \"" + s.status.substr(0, 40) + "\"");
        if (!is_calendar_date(s.since) || s.since > u.updated.substr(0, 10))
            throw Error(kKind, w + ".since", "must be a date, not after the update");
        if (s.note.size() > 500) throw Error(kKind, w + ".note", "is longer than 500 bytes");
        if (s.service_name.size() > 300) throw Error(kKind, w + ".service_name", "is longer than 300 bytes");
        for (std::size_t k = 0; k < i; ++k)
            if (u.services[k].service_id == s.service_id) throw Error(kKind, w + ".service_id", "appears twice");
    }
}

nlohmann::json capacity_update_fhir(const CapacityUpdate& u) {
    check_capacity_update(u);
    nlohmann::json org = {{"resourceType", "Organization"}, {"id", "organization"}, {"active", true}, {"name", u.organization}};
    if (!u.organization_id.empty())
        org["identifier"] = {{{"system", kHsdsOrganizationSystem}, {"value", u.organization_id}}};
    nlohmann::json b = {{"resourceType", "Bundle"}, {"type", "collection"}, {"timestamp", u.updated},
                        {"entry", {{{"fullUrl", "urn:safetynet:capacity:organization"}, {"resource", org}}}}};
    for (std::size_t i = 0; i < u.services.size(); ++i) {
        const CapacityStatement& s = u.services[i];
        nlohmann::json ext = {{"url", kCapacityExtensionUrl},
                              {"extension", {{{"url", "capacityStatus"},
                                              {"valueCodeableConcept", {{"coding", {{{"system", fhir::kSdohccCodes}, {"code", s.status}}}}}}}}}};
        if (!s.note.empty()) ext["extension"].push_back({{"url", "capacityNotes"}, {"valueString", s.note}});
        nlohmann::json hs = {{"resourceType", "HealthcareService"},
                             {"id", "service-" + std::to_string(i)},
                             {"meta", {{"lastUpdated", s.since + "T00:00:00Z"}}},
                             {"extension", {ext}},
                             {"identifier", {{{"system", kHsdsServiceSystem}, {"value", s.service_id}}}},
                             {"active", true},
                             {"providedBy", {{"reference", "urn:safetynet:capacity:organization"}}}};
        if (!s.service_name.empty()) hs["name"] = s.service_name;
        b["entry"].push_back({{"fullUrl", "urn:safetynet:capacity:service-" + std::to_string(i)}, {"resource", hs}});
    }
    return b;
}

CapacityUpdate read_capacity_update_fhir(std::string_view fhir_json) {
    const nlohmann::json b = parse_json_text(fhir_json, kKind, "content");
    if (string_field(b, "resourceType") != "Bundle") throw Error(kKind, "content", "not a FHIR Bundle");
    CapacityUpdate u;
    u.updated = string_field(b, "timestamp");
    const auto entries = b.find("entry");
    if (entries == b.end() || !entries->is_array()) throw Error(kKind, "entry", "missing");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const nlohmann::json& e = (*entries)[i];
        const nlohmann::json& r = e.is_object() && e.contains("resource") ? e["resource"] : nlohmann::json();
        const std::string w = "entry[" + std::to_string(i) + "]";
        const std::string type = string_field(r, "resourceType");
        if (type == "Organization") {
            u.organization = string_field(r, "name");
            if (r.contains("identifier") && r["identifier"].is_array() && !r["identifier"].empty())
                u.organization_id = string_field(r["identifier"][0], "value");
        } else if (type == "HealthcareService") {
            CapacityStatement s;
            if (r.contains("identifier") && r["identifier"].is_array() && !r["identifier"].empty())
                s.service_id = string_field(r["identifier"][0], "value");
            s.service_name = string_field(r, "name");
            if (r.contains("meta")) s.since = string_field(r["meta"], "lastUpdated").substr(0, 10);
            const nlohmann::json& exts = r.contains("extension") ? r["extension"] : nlohmann::json();
            if (exts.is_array())
                for (const nlohmann::json& x : exts) {
                    if (string_field(x, "url") != kCapacityExtensionUrl || !x.contains("extension") || !x["extension"].is_array()) continue;
                    for (const nlohmann::json& sub : x["extension"]) {
                        if (string_field(sub, "url") == "capacityNotes") s.note = string_field(sub, "valueString");
                        if (string_field(sub, "url") == "capacityStatus" && sub.contains("valueCodeableConcept")) {
                            const nlohmann::json& cc = sub["valueCodeableConcept"];
                            if (cc.is_object() && cc.contains("coding") && cc["coding"].is_array() && !cc["coding"].empty())
                                s.status = string_field(cc["coding"][0], "code");
                        }
                    }
                }
            if (s.status.empty()) throw Error(kKind, w + ".extension", "no SDOHCC capacity status");
            u.services.push_back(std::move(s));
        }
    }
    check_capacity_update(u);
    return u;
}

std::string export_capacity_update(const CapacityUpdate& u, const KeySet& keys) {
    BundleHeader h;
    h.kind = BundleKind::CapacityUpdate;
    h.id = new_bundle_id();
    h.created = u.updated;
    h.sender = keys.contact_card();
    const SecretBytes plain = make_bundle_plaintext(h, capacity_update_fhir(u).dump(1), keys.signing_key);
    return std::string(as_chars(plain.view()));
}

void apply_capacity_update(Store& store, const OpenedBundle& bundle, std::string_view now, std::string_view actor) {
    const CapacityUpdate u = read_capacity_update_fhir(bundle.fhir_json);
    const std::string fp = bundle.signer_fingerprint;
    auto& records = store.capacity();
    for (const CapacityRecord& r : records)
        if (r.signer_fingerprint == fp && r.updated > u.updated)
            throw Error("stale-update", "bundle " + bundle.header.id,
                        "older than the capacity update of " + r.updated + " already imported from " + r.organization);
    records.erase(std::remove_if(records.begin(), records.end(), [&](const CapacityRecord& r) { return r.signer_fingerprint == fp; }),
                  records.end());
    const std::string org = bundle.trusted_contact ? bundle.trusted_contact->name : u.organization;
    for (const CapacityStatement& s : u.services)
        records.push_back({org, fp, u.organization_id, s.service_id, s.service_name, s.status, s.note, s.since, u.updated,
                           std::string(now), bundle.header.id});
    store.audit(std::string(actor), "capacity-imported", "bundle " + bundle.header.id,
                std::to_string(u.services.size()) + " services", std::string(now));
}

CapacityOverlay capacity_overlay(const std::vector<CapacityRecord>& records, const Directory& directory,
                                 std::string_view today, int stale_days) {
    CapacityOverlay out;
    out.by_service.assign(directory.services(), static_cast<std::uint8_t>(Capacity::Unknown));
    if (records.empty()) return out;
    std::unordered_map<std::string, std::uint32_t> by_id;
    for (std::uint32_t s = 0; s < directory.services(); ++s) by_id.emplace(directory.service_id(s), s);
    for (const CapacityRecord& r : records) {
        const auto it = by_id.find(r.service_id);
        if (it == by_id.end()) continue;
        const bool stale = days_between_dates(r.updated.substr(0, 10), today) > stale_days;
        out.notices[it->second] = {r.status, r.since, r.note, r.organization, r.updated, stale};
        if (!stale)
            if (const auto c = capacity_from_code(r.status)) out.by_service[it->second] = static_cast<std::uint8_t>(*c);
    }
    return out;
}

}  // namespace safetynet::core
