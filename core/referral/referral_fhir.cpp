// Referral -> FHIR R4 (SDOHCC STU2): Patient, Organizations, HealthcareServices, Consent,
// ServiceRequest, Task. See referral_fhir.hpp for the shape of each resource.
//
// [SECTION] Code systems and profiles
// [SECTION] Parties: Patient, Organization, services
// [SECTION] Consent
// [SECTION] ServiceRequest
// [SECTION] Task
// [SECTION] The bundle
#include "core/referral/referral_fhir.hpp"

#include "core/base/base64.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/screening/scoring.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace safetynet::core {

using nlohmann::json;
using fhir::kActCode;
using fhir::kBcp47;
using fhir::kConsentAction;
using fhir::kConsentPolicy;
using fhir::kConsentScope;
using fhir::kParticipationType;
using fhir::kSdohccCodes;
using fhir::kSnomed;
using fhir::kTaskCode;
using fhir::kTaskInputSystem;
using fhir::kUriSystem;
using fhir::codeable;
using fhir::reference;

//----------------------------------------------------------------------------------------------
// [SECTION] Code systems and profiles
//----------------------------------------------------------------------------------------------

namespace {

constexpr const char* kProfileConsent = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent";
constexpr const char* kProfileServiceRequest =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest";
constexpr const char* kProfileTask =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement";
// SNOMED CT 410606002 |Social service procedure|: the IG's own examples use it for social-care
// requests; the services themselves are named in code.text and in the HealthcareServices.
constexpr const char* kSocialServiceCode = "410606002";
constexpr const char* kSocialServiceDisplay = "Social service procedure";
// Marks the SR.note that holds how to contact the person, so the other side can read it back.
constexpr std::string_view kContactNotePrefix = "How to contact: ";

std::string urn(const std::string& uuid) { return "urn:uuid:" + uuid; }

json uri_identifier(const std::string& uuid) {
    return json::array({{{"system", kUriSystem}, {"value", urn(uuid)}}});
}


//----------------------------------------------------------------------------------------------
// [SECTION] Parties: Patient, Organization, services
//----------------------------------------------------------------------------------------------

json patient_resource(const Referral& r) {
    const ReferralPatient& p = r.patient;
    // US Core 7 Patient (the target of every SDOHCC subject): identifier, name (us-core-6:
    // family or given, else a data-absent-reason), gender ("unknown": a referral does not ask).
    json name = {{"text", p.name}};
    if (!p.family.empty()) name["family"] = p.family;
    if (!p.given.empty()) name["given"] = p.given;
    if (p.family.empty() && p.given.empty())
        name["extension"] = json::array({{{"url", fhir::kDataAbsentReasonExtension}, {"valueCode", "unknown"}}});
    json pat = {{"resourceType", "Patient"},
                {"identifier", uri_identifier(r.patient_id)},
                {"name", json::array({name})},
                {"gender", "unknown"}};
    if (!p.birth_date.empty()) pat["birthDate"] = p.birth_date;
    json telecom = json::array();
    auto contact = [&](const char* system, const std::string& value, bool preferred) {
        json c = {{"system", system}, {"value", value}};
        if (preferred) c["rank"] = 1;
        telecom.push_back(std::move(c));
    };
    if (!p.phone.empty()) {
        contact("phone", p.phone, p.preferred_contact == "phone");
        if (p.preferred_contact == "sms") contact("sms", p.phone, true);
    }
    if (!p.email.empty()) contact("email", p.email, p.preferred_contact == "email");
    if (!telecom.empty()) pat["telecom"] = std::move(telecom);
    if (!p.language.empty())
        pat["communication"] = json::array({{{"language", codeable(kBcp47, p.language)}, {"preferred", true}}});
    return pat;
}

json organization_resource(const ReferralParty& party) {
    json org = {{"resourceType", "Organization"}, {"active", true}, {"name", party.name}};
    json ids = json::array();
    if (!party.directory_id.empty()) ids.push_back({{"system", kHsdsOrganizationSystem}, {"value", party.directory_id}});
    if (party.card) ids.push_back({{"system", kContactFingerprintSystem}, {"value", party.card->fingerprint()}});
    if (!ids.empty()) org["identifier"] = std::move(ids);
    return org;
}

std::string add_party(fhir::Bundle& bundle, const ReferralParty& party) {
    const std::string url = urn(party.fhir_id);
    if (!bundle.find(url)) bundle.add(organization_resource(party), url);
    return url;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Consent
//----------------------------------------------------------------------------------------------

json consent_resource(const Referral& r, const std::string& patient, const std::string& performer,
                      const std::string& requester, const std::string& organization) {
    // The scope text is what the person agreed to; a default that says it when none was typed.
    const std::string scope_text = !r.consent.scope.empty()
                                       ? r.consent.scope
                                       : "The person agreed that " + r.requester.name + " shares the information in this referral with " +
                                             r.organization.name + " so that it can help them.";
    json c = {{"resourceType", "Consent"},
              {"meta", {{"profile", json::array({kProfileConsent})}}},
              {"status", "active"},
              {"scope", codeable(kConsentScope, "patient-privacy", "Privacy Consent")},
              {"category", json::array({codeable(kActCode, "IDSCL", "information disclosure")})},
              {"patient", reference(patient)},
              {"dateTime", r.consent.date_time},
              {"performer", json::array({reference(performer)})},
              {"organization", json::array({reference(requester)})},
              {"sourceAttachment",
               {{"contentType", "text/plain; charset=utf-8"},
                {"title", "Consent to share information"},
                {"data", base64_encode(as_bytes(scope_text), Base64Padding::Padded)}}},
              {"policyRule", codeable(kConsentPolicy, "hipaa-auth", "HIPAA Authorization")},
              {"provision",
               {{"type", "permit"},
                {"period", {{"start", r.consent.date_time}}},
                {"actor", json::array({{{"role", codeable(kParticipationType, "IRCP", "information recipient")},
                                        {"reference", reference(organization)}}})},
                {"action", json::array({codeable(kConsentAction, "disclose", "Disclose")})}}}};
    return c;
}

//----------------------------------------------------------------------------------------------
// [SECTION] ServiceRequest
//----------------------------------------------------------------------------------------------

json service_request_resource(const Referral& r, TaskStatus status, const ReferralRefs& refs) {
    // One category per need: its SDOH category, or our need-domain code for domains the SDOH
    // category value set lacks (depression, ...); sdoh-category-unspecified keeps the
    // profile's required SDOHCC slice filled when no need is a Gravity domain.
    json category = json::array();
    bool any_gravity = false;
    for (const ReferralNeed& n : r.needs) {
        // An SDOHCC category carries the CodeSystem's display; ours the need's.
        const char* sdohcc_display = sdohcc_category_display(n.domain);
        any_gravity = any_gravity || sdohcc_display;
        category.push_back(sdohcc_display ? codeable(kSdohccCodes, n.domain, sdohcc_display)
                                          : codeable(kNeedDomainSystem, n.domain, n.display));
    }
    if (!any_gravity) category.push_back(codeable(kSdohccCodes, "sdoh-category-unspecified", "SDOH Category Unspecified"));

    std::string services_text;
    for (const ReferralService& s : r.services) services_text += (services_text.empty() ? "" : "; ") + s.name;
    if (services_text.empty()) services_text = "Services of " + r.organization.name;
    json code = codeable(kSnomed, kSocialServiceCode, kSocialServiceDisplay);
    code["text"] = services_text;

    json sr = {{"resourceType", "ServiceRequest"},
               {"meta", {{"profile", json::array({kProfileServiceRequest})}}},
               {"identifier", uri_identifier(r.service_request_id)},
               {"status", std::string(service_request_status(status))},
               {"intent", "order"},
               {"category", std::move(category)},
               {"priority", std::string(referral_priority_code(r.priority))},
               {"code", std::move(code)},
               {"subject", reference(refs.patient)},
               {"authoredOn", r.created},
               {"requester", reference(refs.requester)}};
    if (r.patient.do_not_contact)
        sr["orderDetail"] = json::array({codeable(kSdohccCodes, "contacting-subject-prohibited", "Contacting Subject Prohibited")});
    if (!r.occurrence.empty()) sr["occurrenceDateTime"] = r.occurrence;
    json performer = json::array({reference(refs.organization)});
    for (const std::string& s : refs.services) performer.push_back(reference(s));
    sr["performer"] = std::move(performer);

    json reason_refs = json::array(), reason_codes = json::array();
    for (const ReferralNeed& n : r.needs) {
        const auto cond = refs.screening.conditions.find(n.domain);
        if (cond != refs.screening.conditions.end()) {
            reason_refs.push_back(reference(cond->second));
        } else {
            json rc = {{"text", n.display.empty() ? n.domain : n.display}};
            if (!n.codes.empty()) {
                json codings = json::array();
                for (const Coding& c : n.codes) codings.push_back(coding_to_json(c));
                rc["coding"] = std::move(codings);
            }
            reason_codes.push_back(std::move(rc));
        }
    }
    if (!reason_codes.empty()) sr["reasonCode"] = std::move(reason_codes);
    if (!reason_refs.empty()) sr["reasonReference"] = std::move(reason_refs);
    sr["supportingInfo"] = json::array({reference(refs.consent)});
    json notes = json::array();
    if (!r.note.empty()) notes.push_back({{"text", r.note}});
    if (!r.patient.contact_note.empty()) notes.push_back({{"text", std::string(kContactNotePrefix) + r.patient.contact_note}});
    if (!notes.empty()) sr["note"] = std::move(notes);
    return sr;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Task
//----------------------------------------------------------------------------------------------

}  // namespace

std::string_view service_request_status(TaskStatus status) {
    switch (status) {
        case TaskStatus::Draft: return "draft";
        case TaskStatus::EnteredInError: return "entered-in-error";
        case TaskStatus::Completed: return "completed";
        case TaskStatus::Rejected:
        case TaskStatus::Cancelled:
        case TaskStatus::Failed: return "revoked";
        default: return "active";
    }
}

json status_reason_json(const StatusEvent& e) {
    if (e.outcome.empty() && e.reason.empty()) return nullptr;
    json codings = json::array();
    std::string text = e.reason;
    if (const ReferralOutcome* o = find_referral_outcome(e.outcome)) {
        // Only ours: the SDOHCC capacity codes (no-capacity, waitlist) are STU 3 additions, not
        // codes of the 2.3.0 CodeSystem we claim (docs/SCREENING.md); readers still take them.
        codings.push_back({{"system", kReferralOutcomeSystem}, {"code", o->code}, {"display", o->display}});
        if (text.empty()) text = o->display;
    }
    json reason = {{"text", text}};
    if (!codings.empty()) reason["coding"] = std::move(codings);
    return reason;
}

json referral_task_resource(const Referral& r, const StatusEvent& state, const TaskLinks& links) {
    // Inside the referral bundle the Task points at its ServiceRequest and Patient by full URL;
    // a status update carries neither, so it names them by identifier (logical references).
    auto link = [&](const char* type, const std::string& uuid) {
        if (links.by_identifier)
            return json{{"type", type}, {"identifier", {{"system", kUriSystem}, {"value", urn(uuid)}}}};
        return reference(urn(uuid));
    };
    json task = {{"resourceType", "Task"},
                 {"meta", {{"profile", json::array({kProfileTask})}}},
                 {"identifier", uri_identifier(r.id)},
                 {"status", std::string(task_status_code(state.status))},
                 {"intent", "order"},
                 {"priority", std::string(referral_priority_code(r.priority))},
                 {"code", codeable(kTaskCode, "fulfill", "Fulfill the focal request")},
                 {"focus", link("ServiceRequest", r.service_request_id)},
                 {"for", link("Patient", r.patient_id)},
                 {"authoredOn", r.created},
                 {"lastModified", state.at},
                 {"requester", reference(urn(r.requester.fhir_id))},
                 {"owner", reference(urn(r.organization.fhir_id))}};
    json reason = status_reason_json(state);
    if (!reason.is_null()) task["statusReason"] = std::move(reason);
    if (!state.business_status.empty()) task["businessStatus"] = {{"text", state.business_status}};
    if (!state.note.empty()) task["note"] = json::array({{{"text", state.note}}});
    if (!links.questionnaire_response.empty())
        // SDOHCC-CodeSystemTemporaryCodes (2.3.0) has no code for "the screening behind the
        // referral" (Task.input.type is an example binding): our own code says what it is.
        task["input"] = json::array({{{"type", codeable(kTaskInputSystem, "screening-response", "Screening response")},
                                      {"valueReference", reference(links.questionnaire_response)}}});
    if (state.status == TaskStatus::Completed && state.outcome == "got-help") {
        // SDOHCC output[PerformedActivityCode]: the service performed, as a procedure code.
        std::string what;
        for (const ReferralService& s : r.services) what += (what.empty() ? "" : "; ") + s.name;
        json activity = codeable(kSnomed, kSocialServiceCode, kSocialServiceDisplay);
        activity["text"] = what.empty() ? std::string(kSocialServiceDisplay) : what;
        task["output"] = json::array({{{"type", codeable(kSdohccCodes, "resulting-activity", "Resulting Activity")},
                                       {"valueCodeableConcept", std::move(activity)}}});
    }
    return task;
}

//----------------------------------------------------------------------------------------------
// [SECTION] The bundle
//----------------------------------------------------------------------------------------------

ReferralRefs add_referral(fhir::Bundle& bundle, const Referral& r, const ReferralScreening* screening,
                          const StatusEvent* state) {
    const StatusEvent& st = state ? *state : r.last_event();
    ReferralRefs refs;
    refs.patient = bundle.add(patient_resource(r), urn(r.patient_id));
    refs.requester = add_party(bundle, r.requester);
    refs.organization = add_party(bundle, r.organization);
    for (const ReferralService& s : r.services) {
        json hs = {{"resourceType", "HealthcareService"}, {"active", true}, {"providedBy", reference(refs.organization)},
                   {"name", s.name}};
        if (!s.id.empty()) hs["identifier"] = json::array({{{"system", kHsdsServiceSystem}, {"value", s.id}}});
        if (!s.location_name.empty() || !s.address.empty() || !s.location_id.empty()) {
            json loc = {{"resourceType", "Location"}, {"status", "active"}};
            if (!s.location_id.empty()) loc["identifier"] = json::array({{{"system", kHsdsLocationSystem}, {"value", s.location_id}}});
            if (!s.location_name.empty()) loc["name"] = s.location_name;
            if (!s.address.empty()) loc["address"] = {{"text", s.address}};
            loc["managingOrganization"] = reference(refs.organization);
            hs["location"] = json::array({reference(bundle.add(std::move(loc)))});
        }
        refs.services.push_back(bundle.add(std::move(hs)));
    }
    if (screening && screening->response && screening->result) {
        ScreeningFhirOptions o;
        o.authored = screening->authored.empty() ? r.created : screening->authored;
        o.patient = refs.patient;
        o.language = screening->language;
        refs.screening = add_screening(bundle, *screening->response, *screening->result, o);
    }
    std::string consent_performer = refs.patient;
    if (!r.consent.given_by.empty()) {
        json rp = {{"resourceType", "RelatedPerson"}, {"patient", reference(refs.patient)},
                   {"name", json::array({{{"text", r.consent.given_by}}})}};
        if (!r.consent.relationship.empty()) rp["relationship"] = json::array({{{"text", r.consent.relationship}}});
        consent_performer = bundle.add(std::move(rp));
    }
    refs.consent = bundle.add(consent_resource(r, refs.patient, consent_performer, refs.requester, refs.organization),
                              urn(r.consent_id));
    refs.service_request = urn(r.service_request_id);
    refs.task = urn(r.id);
    bundle.add(service_request_resource(r, st.status, refs), refs.service_request);
    TaskLinks links;
    links.questionnaire_response = refs.screening.questionnaire_response;
    bundle.add(referral_task_resource(r, st, links), refs.task);
    return refs;
}

json referral_bundle(const Referral& r, const ReferralScreening* screening) {
    fhir::Bundle bundle("collection");
    bundle.set_timestamp(r.last_modified());
    add_referral(bundle, r, screening);
    return bundle.to_json();
}

}  // namespace safetynet::core
