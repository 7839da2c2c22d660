// The organization side: a referral bundle (FHIR JSON, as referral_bundle() writes it) back
// into the Referral model. Every reference must resolve inside the Bundle; anything missing
// or of the wrong type is a core::Error("referral-bundle", "<Resource>.<field>", ...).
#include "core/base/base64.hpp"
#include "core/base/json_read.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace safetynet::core {

using nlohmann::json;
using fhir::kBcp47;
using fhir::kSdohccCodes;
using fhir::kTaskCode;
using fhir::kUriSystem;

namespace {

constexpr const char* kKind = "referral-bundle";
constexpr std::string_view kContactNotePrefix = "How to contact: ";

[[noreturn]] void fail(const std::string& where, const std::string& message) { throw Error(kKind, where, message); }

const FieldReader kFields(kKind);


// The UUID of "urn:uuid:<uuid>".
std::string uuid_of(const std::string& urn, const std::string& where) {
    if (urn.rfind("urn:uuid:", 0) != 0) fail(where, "must be a urn:uuid reference or identifier");
    return urn.substr(9);
}

// The value of the identifier in `system`, or "".
std::string identifier(const json& res, const char* system, const std::string& where) {
    for (const json& id : kFields.array(res, "identifier", where))
        if (kFields.string(id, "system", where + ".identifier") == system)
            return kFields.required_string(id, "value", where + ".identifier");
    return {};
}

bool has_coding(const json& cc, const char* system, const char* code) {
    for (const json& c : kFields.array(cc, "coding", "coding"))
        if (c.is_object() && string_field(c, "system") == system && string_field(c, "code") == code) return true;
    return false;
}

class Entries {
public:
    explicit Entries(const json& bundle) {
        if (!bundle.is_object() || string_field(bundle, "resourceType") != "Bundle") fail("Bundle", "not a FHIR Bundle");
        const json& entries = kFields.array(bundle, "entry", "Bundle");
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string where = "Bundle.entry[" + std::to_string(i) + "]";
            const json& e = entries[i];
            const std::string url = kFields.required_string(e, "fullUrl", where);
            const json* res = kFields.find(e, "resource");
            if (!res || !res->is_object()) fail(where + ".resource", "missing");
            if (!m_by_url.emplace(url, res).second) fail(where + ".fullUrl", "two entries share " + url);
            m_order.push_back(res);
        }
    }
    // The resource `ref` ({"reference": fullUrl}) points at, which must be of `type`.
    const json& resolve(const json* ref, const char* type, const std::string& where) const {
        if (!ref || !ref->is_object()) fail(where, "missing");
        const std::string url = kFields.required_string(*ref, "reference", where);
        const auto it = m_by_url.find(url);
        if (it == m_by_url.end()) fail(where, "refers to " + url + ", which is not in the Bundle");
        if (string_field(*it->second, "resourceType") != type) fail(where, "must refer to a " + std::string(type));
        return *it->second;
    }
    std::string url_of(const json* ref, const std::string& where) const {
        return kFields.required_string(*ref, "reference", where);
    }
    // The resource `ref` points at, or nullptr.
    const json* find(const json* ref) const {
        if (!ref || !ref->is_object() || !ref->contains("reference") || !(*ref)["reference"].is_string()) return nullptr;
        const auto it = m_by_url.find((*ref)["reference"].get<std::string>());
        return it == m_by_url.end() ? nullptr : it->second;
    }
    const std::vector<const json*>& all() const { return m_order; }

private:
    std::map<std::string, const json*> m_by_url;
    std::vector<const json*> m_order;
};

ReferralParty party(const Entries& entries, const json* ref, const std::string& where) {
    const json& org = entries.resolve(ref, "Organization", where);
    ReferralParty p;
    p.name = kFields.required_string(org, "name", where + " Organization");
    p.directory_id = identifier(org, kHsdsOrganizationSystem, where + " Organization");
    p.fhir_id = uuid_of(entries.url_of(ref, where), where);
    return p;
}

Referral read_impl(std::string_view fhir_json);

}  // namespace

Referral read_referral_bundle(std::string_view fhir_json) {
    try {
        return read_impl(fhir_json);
    } catch (const nlohmann::json::exception& e) {
        // A JSON type this reader did not check for: still bad input, never a crash.
        throw Error(kKind, "Bundle", std::string("malformed referral bundle: ") + e.what());
    }
}

namespace {

// The one Task with code "fulfill": the referral.
const json& referral_task(const Entries& entries) {
    const json* task = nullptr;
    for (const json* res : entries.all())
        if (string_field(*res, "resourceType") == "Task") {
            const json* code = kFields.find(*res, "code");
            if (!code || !has_coding(*code, kTaskCode, "fulfill")) continue;
            if (task) fail("Task", "a referral bundle holds one referral Task (code fulfill), this one has several");
            task = res;
        }
    if (!task) fail("Task", "no referral Task (code fulfill) in the Bundle");
    return *task;
}

// The referral's id, status (requested: it has just been sent), dates, priority and parties.
void read_task(const Entries& entries, const json& task, Referral& r) {
    r.direction = ReferralDirection::Incoming;
    const std::string task_id = identifier(task, kUriSystem, "Task");
    if (task_id.empty()) fail("Task.identifier", "no urn:uuid identifier");
    r.id = uuid_of(task_id, "Task.identifier");
    const std::string status_code = kFields.required_string(task, "status", "Task");
    const auto status = parse_task_status(status_code);
    if (!status || *status != TaskStatus::Requested)
        fail("Task.status", "a referral arrives as requested, not " + status_code);
    r.created = kFields.required_string(task, "authoredOn", "Task");
    if (const std::string p = kFields.string(task, "priority", "Task"); !p.empty()) {
        const auto pr = parse_referral_priority(p);
        if (!pr) fail("Task.priority", "unknown priority " + p);
        r.priority = *pr;
    }
    r.requester = party(entries, kFields.find(task, "requester"), "Task.requester");
    r.organization = party(entries, kFields.find(task, "owner"), "Task.owner");
}

// Name, birth date, phone, email (rank 1 is the preferred one) and language.
void read_patient(const json& patient, Referral& r) {
    const std::string pid = identifier(patient, kUriSystem, "Patient");
    if (pid.empty()) fail("Patient.identifier", "no urn:uuid identifier");
    r.patient_id = uuid_of(pid, "Patient.identifier");
    const json& names = kFields.array(patient, "name", "Patient");
    if (names.empty()) fail("Patient.name", "missing");
    r.patient.name = kFields.string(names[0], "text", "Patient.name[0]");
    r.patient.family = kFields.string(names[0], "family", "Patient.name[0]");
    for (const json& g : kFields.array(names[0], "given", "Patient.name[0]")) {
        if (!g.is_string()) fail("Patient.name[0].given", "must be strings");
        r.patient.given.push_back(g.get<std::string>());
    }
    if (r.patient.name.empty()) {
        for (const std::string& g : r.patient.given) r.patient.name += (r.patient.name.empty() ? "" : " ") + g;
        if (!r.patient.family.empty()) r.patient.name += (r.patient.name.empty() ? "" : " ") + r.patient.family;
    }
    r.patient.birth_date = kFields.string(patient, "birthDate", "Patient");
    for (const json& t : kFields.array(patient, "telecom", "Patient")) {
        const std::string system = kFields.required_string(t, "system", "Patient.telecom");
        const std::string value = kFields.required_string(t, "value", "Patient.telecom");
        const json* rank = kFields.find(t, "rank");
        if (rank && !rank->is_number_unsigned()) fail("Patient.telecom.rank", "must be a positive integer");
        const bool preferred = rank && rank->get<unsigned long long>() == 1;
        if (system == "phone" || system == "sms") {
            r.patient.phone = value;
            if (preferred) r.patient.preferred_contact = system;
        } else if (system == "email") {
            r.patient.email = value;
            if (preferred) r.patient.preferred_contact = "email";
        }
    }
    for (const json& c : kFields.array(patient, "communication", "Patient")) {
        const json* language = kFields.find(c, "language");
        if (!language) continue;
        for (const json& coding : kFields.array(*language, "coding", "Patient.communication.language"))
            if (coding.is_object() && string_field(coding, "system") == kBcp47)
                r.patient.language = string_field(coding, "code");
    }
}

std::vector<Coding> codings(const json& codeable_concept, const std::string& where) {
    std::vector<Coding> out;
    for (const json& c : kFields.array(codeable_concept, "coding", where))
        out.push_back({kFields.string(c, "system", where), kFields.required_string(c, "code", where),
                       kFields.string(c, "display", where)});
    return out;
}

// A need's name: ours for a domain we know (an SDOHCC category carries the CodeSystem's
// display, "Food Insecurity", where the referral says "Food insecurity"), else as written.
std::string need_display(const std::string& domain, std::string written) {
    for (const DomainInfo& d : known_domains())
        if (domain == d.code) return d.display;
    return written;
}

// The needs (the ServiceRequest's SDOH categories), and the codes of each: from the Condition
// it points at (matched by SDOH category or, for our other domains, by the need's display,
// which is the Condition's code.text), or from reasonCode (matched by text).
void read_needs(const Entries& entries, const json& sr, Referral& r) {
    for (const json& cc : kFields.array(sr, "category", "ServiceRequest"))
        for (const json& c : kFields.array(cc, "coding", "ServiceRequest.category")) {
            const std::string system = kFields.string(c, "system", "ServiceRequest.category.coding");
            const std::string code = kFields.required_string(c, "code", "ServiceRequest.category.coding");
            if ((system == kSdohccCodes && code != "sdoh-category-unspecified") || system == kNeedDomainSystem)
                r.needs.push_back({code, need_display(code, kFields.string(c, "display", "ServiceRequest.category.coding")),
                                   false, {}});
        }
    const json& reasons = kFields.array(sr, "reasonReference", "ServiceRequest");
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        const std::string where = "ServiceRequest.reasonReference[" + std::to_string(i) + "]";
        const json& cond = entries.resolve(&reasons[i], "Condition", where);
        const json* code = kFields.find(cond, "code");
        if (!code) fail(where + " Condition.code", "missing");
        for (ReferralNeed& n : r.needs) {
            bool match = !n.display.empty() && string_field(*code, "text") == n.display;
            for (const json& cat : kFields.array(cond, "category", "Condition"))
                match = match || has_coding(cat, kSdohccCodes, n.domain.c_str());
            if (match && n.codes.empty()) n.codes = codings(*code, where + " Condition.code");
        }
    }
    for (const json& rc : kFields.array(sr, "reasonCode", "ServiceRequest"))
        for (ReferralNeed& n : r.needs)
            if (n.codes.empty() && (string_field(rc, "text") == n.display || string_field(rc, "text") == n.domain))
                n.codes = codings(rc, "ServiceRequest.reasonCode");
}

// The ServiceRequest's own fields: do-not-contact, date, notes (one of them may be how to
// contact the person).
void read_request(const json& sr, Referral& r) {
    for (const json& od : kFields.array(sr, "orderDetail", "ServiceRequest"))
        if (has_coding(od, kSdohccCodes, "contacting-subject-prohibited")) r.patient.do_not_contact = true;
    r.occurrence = kFields.string(sr, "occurrenceDateTime", "ServiceRequest");
    for (const json& n : kFields.array(sr, "note", "ServiceRequest")) {
        const std::string text = kFields.required_string(n, "text", "ServiceRequest.note");
        if (text.rfind(kContactNotePrefix, 0) == 0)
            r.patient.contact_note = text.substr(kContactNotePrefix.size());
        else
            r.note += (r.note.empty() ? "" : "\n") + text;
    }
}

// The services asked for: the performers other than the receiving organization itself.
void read_services(const Entries& entries, const json& sr, Referral& r) {
    const json& performers = kFields.array(sr, "performer", "ServiceRequest");
    for (std::size_t i = 0; i < performers.size(); ++i) {
        const std::string where = "ServiceRequest.performer[" + std::to_string(i) + "]";
        const std::string url = entries.url_of(&performers[i], where);
        if (url == "urn:uuid:" + r.organization.fhir_id) continue;
        const json& hs = entries.resolve(&performers[i], "HealthcareService", where);
        ReferralService s;
        s.name = kFields.required_string(hs, "name", where + " HealthcareService");
        s.id = identifier(hs, kHsdsServiceSystem, where + " HealthcareService");
        const json& locs = kFields.array(hs, "location", where + " HealthcareService");
        if (!locs.empty()) {
            const json& loc = entries.resolve(&locs[0], "Location", where + " HealthcareService.location");
            s.location_name = kFields.string(loc, "name", "Location");
            s.location_id = identifier(loc, kHsdsLocationSystem, "Location");
            if (const json* a = kFields.find(loc, "address"))
                s.address = kFields.string(*a, "text", "Location.address");
        }
        r.services.push_back(std::move(s));
    }
}

// The Consent the ServiceRequest rests on: when, what it covers, and who gave it (the person
// themself, or a RelatedPerson for them).
void read_consent(const Entries& entries, const json& sr, Referral& r) {
    const json* consent_ref = nullptr;
    for (const json& info : kFields.array(sr, "supportingInfo", "ServiceRequest")) {
        const json* target = entries.find(&info);
        if (target && string_field(*target, "resourceType") == "Consent") {
            consent_ref = &info;
            break;
        }
    }
    if (!consent_ref)
        fail("ServiceRequest.supportingInfo", "no Consent: a referral is sent only with the person's consent");
    const json& consent = entries.resolve(consent_ref, "Consent", "ServiceRequest.supportingInfo");
    r.consent_id = uuid_of(entries.url_of(consent_ref, "ServiceRequest.supportingInfo"), "Consent fullUrl");
    r.consent.date_time = kFields.required_string(consent, "dateTime", "Consent");
    if (const json* att = kFields.find(consent, "sourceAttachment")) {
        const std::string data = kFields.string(*att, "data", "Consent.sourceAttachment");
        if (!data.empty()) {
            const auto bytes = base64_decode(data, Base64Padding::Padded);
            if (!bytes) fail("Consent.sourceAttachment.data", "not base64");
            r.consent.scope = to_string(*bytes);
        }
    }
    for (const json& p : kFields.array(consent, "performer", "Consent")) {
        const json* who = entries.find(&p);
        if (!who || string_field(*who, "resourceType") != "RelatedPerson") continue;
        const json& names = kFields.array(*who, "name", "RelatedPerson");
        if (!names.empty()) r.consent.given_by = kFields.string(names[0], "text", "RelatedPerson.name[0]");
        const json& rel = kFields.array(*who, "relationship", "RelatedPerson");
        if (!rel.empty()) r.consent.relationship = kFields.string(rel[0], "text", "RelatedPerson.relationship[0]");
    }
}

Referral read_impl(std::string_view fhir_json) {
    const json doc = parse_json_text(fhir_json, kKind, "Bundle");
    const Entries entries(doc);
    const json& task = referral_task(entries);
    Referral r;
    read_task(entries, task, r);
    read_patient(entries.resolve(kFields.find(task, "for"), "Patient", "Task.for"), r);
    const json& sr = entries.resolve(kFields.find(task, "focus"), "ServiceRequest", "Task.focus");
    const std::string sr_id = identifier(sr, kUriSystem, "ServiceRequest");
    if (sr_id.empty()) fail("ServiceRequest.identifier", "no urn:uuid identifier");
    r.service_request_id = uuid_of(sr_id, "ServiceRequest.identifier");
    read_needs(entries, sr, r);
    read_request(sr, r);
    read_services(entries, sr, r);
    read_consent(entries, sr, r);
    StatusEvent first;
    first.status = TaskStatus::Requested;
    first.by = ReferralActor::Requester;
    first.at = kFields.string(task, "lastModified", "Task");
    if (first.at.empty()) first.at = r.created;
    first.source = "bundle";
    r.history.push_back(std::move(first));
    try {
        check_referral(r);
    } catch (const Error& e) {
        throw Error(kKind, e.where(), e.message());
    }
    return r;
}

}  // namespace

}  // namespace safetynet::core
