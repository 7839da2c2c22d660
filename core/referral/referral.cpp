// The referral model: creation, checks, status recording, JSON.
//
// [SECTION] Helpers
// [SECTION] Creating and recording
// [SECTION] JSON out
// [SECTION] JSON in
#include "core/referral/referral.hpp"

#include "core/base/calendar_date.hpp"

#include "core/base/error.hpp"
#include "core/base/uuid.hpp"
#include "core/base/json_read.hpp"
#include "core/base/secret.hpp"
#include "core/base/utc_time.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace safetynet::core {

using nlohmann::json;

//----------------------------------------------------------------------------------------------
// [SECTION] Helpers
//----------------------------------------------------------------------------------------------

namespace {

constexpr const char* kKind = "referral";


void wipe_string(std::string& s) {
    secure_wipe(s);
    s.clear();
    s.shrink_to_fit();
}

}  // namespace

std::string_view referral_priority_code(ReferralPriority p) {
    switch (p) {
        case ReferralPriority::Routine: return "routine";
        case ReferralPriority::Urgent: return "urgent";
        case ReferralPriority::Asap: return "asap";
        case ReferralPriority::Stat: return "stat";
    }
    return "routine";
}

std::optional<ReferralPriority> parse_referral_priority(std::string_view code) {
    for (ReferralPriority p : {ReferralPriority::Routine, ReferralPriority::Urgent, ReferralPriority::Asap,
                               ReferralPriority::Stat})
        if (code == referral_priority_code(p)) return p;
    return std::nullopt;
}

void Referral::wipe() {
    for (std::string* s : {&id, &service_request_id, &patient_id, &consent_id, &created, &clinician, &note,
                           &occurrence, &screening_id, &bundle_id, &patient.name, &patient.family,
                           &patient.birth_date, &patient.phone, &patient.email, &patient.preferred_contact,
                           &patient.language, &patient.contact_note, &consent.given_by, &consent.relationship,
                           &consent.date_time, &consent.scope, &requester.name, &requester.directory_id,
                           &requester.fhir_id, &organization.name, &organization.directory_id,
                           &organization.fhir_id})
        wipe_string(*s);
    for (std::string& g : patient.given) wipe_string(g);
    patient.given.clear();
    for (StatusEvent& e : history)
        for (std::string* s : {&e.at, &e.outcome, &e.reason, &e.business_status, &e.note, &e.source}) wipe_string(*s);
    history.clear();
    wipe_string(expected_response);
    for (FollowUpCall& c : follow_ups)
        for (std::string* f : {&c.at, &c.by, &c.outcome, &c.note, &c.next}) wipe_string(*f);
    follow_ups.clear();
    for (ReferralNeed& n : needs) {
        wipe_string(n.domain);
        wipe_string(n.display);
    }
    needs.clear();
    for (ReferralService& s : services)
        for (std::string* f : {&s.id, &s.name, &s.location_id, &s.location_name, &s.address}) wipe_string(*f);
    services.clear();
}

//----------------------------------------------------------------------------------------------
// [SECTION] Creating and recording
//----------------------------------------------------------------------------------------------

Referral new_referral(ReferralPatient patient, ReferralParty requester, ReferralParty organization,
                      std::vector<ReferralNeed> needs, std::vector<ReferralService> services, ReferralConsent consent,
                      std::string_view now, TaskStatus initial) {
    Referral r;
    r.id = new_uuid();
    r.service_request_id = new_uuid();
    r.patient_id = new_uuid();
    r.consent_id = new_uuid();
    r.direction = ReferralDirection::Outgoing;
    r.created = std::string(now);
    r.requester = std::move(requester);
    r.organization = std::move(organization);
    if (r.requester.fhir_id.empty()) r.requester.fhir_id = new_uuid();
    if (r.organization.fhir_id.empty()) r.organization.fhir_id = new_uuid();
    r.patient = std::move(patient);
    r.needs = std::move(needs);
    r.services = std::move(services);
    r.consent = std::move(consent);
    StatusEvent first;
    first.status = initial;
    first.by = ReferralActor::Requester;
    first.at = std::string(now);
    first.source = "local";
    r.history.push_back(std::move(first));
    check_referral(r);
    return r;
}

std::vector<ReferralNeed> needs_from_screening(const ScreeningResult& result) {
    std::vector<ReferralNeed> out;
    for (const Need& n : result.needs) {
        if (!n.positive) continue;
        out.push_back({n.domain, n.display, n.urgent, n.codes});
    }
    std::stable_sort(out.begin(), out.end(), [](const ReferralNeed& a, const ReferralNeed& b) { return a.urgent && !b.urgent; });
    return out;
}

void check_referral(const Referral& r) {
    auto fail = [](const std::string& field, const std::string& message) { throw Error(kKind, field, message); };
    for (const auto& [field, value] : {std::pair<const char*, const std::string*>{"id", &r.id},
                                       {"service_request_id", &r.service_request_id},
                                       {"patient_id", &r.patient_id},
                                       {"consent_id", &r.consent_id},
                                       {"requester.fhir_id", &r.requester.fhir_id},
                                       {"organization.fhir_id", &r.organization.fhir_id}})
        if (!is_uuid(*value)) fail(field, "must be a UUID");
    if (!is_utc_rfc3339(r.created)) fail("created", "must be an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    if (r.patient.name.empty()) fail("patient.name", "the person's name is required");
    if (!r.patient.birth_date.empty() && !is_fhir_date(r.patient.birth_date))
        fail("patient.birth_date", "must be YYYY, YYYY-MM or YYYY-MM-DD");
    const std::string& pc = r.patient.preferred_contact;
    if (!pc.empty() && pc != "phone" && pc != "sms" && pc != "email")
        fail("patient.preferred_contact", "must be phone, sms or email");
    if ((pc == "phone" || pc == "sms") && r.patient.phone.empty())
        fail("patient.preferred_contact", "is " + pc + " but there is no phone number");
    if (pc == "email" && r.patient.email.empty()) fail("patient.preferred_contact", "is email but there is no e-mail");
    if (r.requester.name.empty()) fail("requester.name", "the referring clinic's name is required");
    if (r.organization.name.empty()) fail("organization.name", "the receiving organization's name is required");
    if (r.needs.empty()) fail("needs", "a referral needs at least one need");
    for (std::size_t i = 0; i < r.needs.size(); ++i)
        if (r.needs[i].domain.empty()) fail("needs[" + std::to_string(i) + "].domain", "missing");
    for (std::size_t i = 0; i < r.services.size(); ++i)
        if (r.services[i].name.empty()) fail("services[" + std::to_string(i) + "].name", "missing");
    if (!r.occurrence.empty() && !is_fhir_date(r.occurrence)) fail("occurrence", "must be a date (YYYY-MM-DD)");
    if (!is_utc_rfc3339(r.consent.date_time)) fail("consent.date_time", "when consent was given is required (RFC 3339 UTC)");
    if (r.history.empty()) fail("history", "a referral has at least its first status");
    const StatusEvent& first = r.history.front();
    if (!initial_status_allowed(first.status, first.by))
        fail("history[0]", "a referral starts as draft or requested, set by the referring clinic");
    for (std::size_t i = 0; i < r.history.size(); ++i) {
        const std::string where = "history[" + std::to_string(i) + "]";
        const StatusEvent& e = r.history[i];
        if (!is_utc_rfc3339(e.at)) fail(where + ".at", "must be an RFC 3339 UTC time");
        if (i == 0) continue;
        const StatusEvent& prev = r.history[i - 1];
        if (e.at < prev.at) fail(where + ".at", "goes back in time (" + e.at + " before " + prev.at + ")");
        check_reachable(prev.status, e.status, e.by, where);
    }
}

void record_status(Referral& r, StatusEvent event, TransitionCheck check) {
    const std::string where = "referral " + r.id;
    if (!is_utc_rfc3339(event.at)) throw Error(kKind, where, "the status time must be RFC 3339 UTC");
    if (event.at < r.last_modified())
        throw Error("stale-update", where,
                    "this update (" + event.at + ") is older than the referral's last one (" + r.last_modified() +
                        "); it was not applied");
    if (check == TransitionCheck::Move)
        check_transition(r.status(), event.status, event.by, where);
    else
        check_reachable(r.status(), event.status, event.by, where);
    r.history.push_back(std::move(event));
}

//----------------------------------------------------------------------------------------------
// [SECTION] JSON out
//----------------------------------------------------------------------------------------------

json coding_to_json(const Coding& c) {
    json j = json::object();
    if (!c.system.empty()) j["system"] = c.system;
    j["code"] = c.code;
    if (!c.display.empty()) j["display"] = c.display;
    return j;
}

namespace {

json party_to_json(const ReferralParty& p) {
    json j = {{"name", p.name}, {"fhir_id", p.fhir_id}};
    if (!p.directory_id.empty()) j["directory_id"] = p.directory_id;
    if (p.card) j["card"] = json::parse(p.card->to_json());
    return j;
}

json event_to_json(const StatusEvent& e) {
    json j = {{"status", std::string(task_status_code(e.status))},
              {"by", std::string(referral_actor_name(e.by))},
              {"at", e.at}};
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"outcome", &e.outcome},
                               {"reason", &e.reason},
                               {"business_status", &e.business_status},
                               {"note", &e.note},
                               {"source", &e.source}})
        if (!v->empty()) j[k] = *v;
    return j;
}

}  // namespace

json referral_to_json(const Referral& r) {
    json patient = {{"name", r.patient.name}};
    if (!r.patient.family.empty()) patient["family"] = r.patient.family;
    if (!r.patient.given.empty()) patient["given"] = r.patient.given;
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"birth_date", &r.patient.birth_date},
                               {"phone", &r.patient.phone},
                               {"email", &r.patient.email},
                               {"preferred_contact", &r.patient.preferred_contact},
                               {"language", &r.patient.language},
                               {"contact_note", &r.patient.contact_note}})
        if (!v->empty()) patient[k] = *v;
    if (r.patient.do_not_contact) patient["do_not_contact"] = true;

    json needs = json::array();
    for (const ReferralNeed& n : r.needs) {
        json codes = json::array();
        for (const Coding& c : n.codes) codes.push_back(coding_to_json(c));
        json jn = {{"domain", n.domain}, {"codes", std::move(codes)}};
        if (!n.display.empty()) jn["display"] = n.display;
        if (n.urgent) jn["urgent"] = true;
        needs.push_back(std::move(jn));
    }
    json services = json::array();
    for (const ReferralService& s : r.services) {
        json js = {{"name", s.name}};
        for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"id", &s.id},
                                   {"location_id", &s.location_id},
                                   {"location_name", &s.location_name},
                                   {"address", &s.address}})
            if (!v->empty()) js[k] = *v;
        services.push_back(std::move(js));
    }
    json consent = {{"date_time", r.consent.date_time}};
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"given_by", &r.consent.given_by},
                               {"relationship", &r.consent.relationship},
                               {"scope", &r.consent.scope}})
        if (!v->empty()) consent[k] = *v;
    json history = json::array();
    for (const StatusEvent& e : r.history) history.push_back(event_to_json(e));

    json j = {{"safetynet_referral", 1},
              {"id", r.id},
              {"service_request_id", r.service_request_id},
              {"patient_id", r.patient_id},
              {"consent_id", r.consent_id},
              {"direction", r.direction == ReferralDirection::Outgoing ? "outgoing" : "incoming"},
              {"created", r.created},
              {"requester", party_to_json(r.requester)},
              {"organization", party_to_json(r.organization)},
              {"patient", std::move(patient)},
              {"needs", std::move(needs)},
              {"services", std::move(services)},
              {"priority", std::string(referral_priority_code(r.priority))},
              {"consent", std::move(consent)},
              {"history", std::move(history)}};
    for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"clinician", &r.clinician},
                               {"note", &r.note},
                               {"occurrence", &r.occurrence},
                               {"screening_id", &r.screening_id},
                               {"bundle_id", &r.bundle_id},
                               {"expected_response", &r.expected_response}})
        if (!v->empty()) j[k] = *v;
    if (!r.follow_ups.empty()) {
        json calls = json::array();
        for (const FollowUpCall& c : r.follow_ups) {
            json jc = {{"at", c.at}, {"outcome", c.outcome}};
            for (const auto& [k, v] : {std::pair<const char*, const std::string*>{"by", &c.by}, {"note", &c.note}, {"next", &c.next}})
                if (!v->empty()) jc[k] = *v;
            calls.push_back(std::move(jc));
        }
        j["follow_ups"] = std::move(calls);
    }
    return j;
}

//----------------------------------------------------------------------------------------------
// [SECTION] JSON in
//----------------------------------------------------------------------------------------------

Coding coding_from_json(const json& j, const std::string& where) {
    JsonReader c(j, kKind, where);
    c.only({"system", "code", "display"});
    Coding out;
    out.system = c.opt_string("system");
    out.code = c.string("code");
    out.display = c.opt_string("display");
    if (out.code.empty()) c.fail("code", "empty");
    return out;
}

namespace {

ReferralParty party_from(const JsonReader& p) {
    p.only({"name", "fhir_id", "directory_id", "card"});
    ReferralParty out;
    out.name = p.string("name");
    out.fhir_id = p.string("fhir_id");
    out.directory_id = p.opt_string("directory_id");
    if (p.has("card")) {
        try {
            out.card = ContactCard::parse(p.at("card").dump());
        } catch (const Error& e) {
            p.fail("card", e.message());
        }
    }
    return out;
}

StatusEvent event_from(const JsonReader& e) {
    e.only({"status", "by", "at", "outcome", "reason", "business_status", "note", "source"});
    StatusEvent out;
    const std::string status = e.string("status");
    const auto s = parse_task_status(status);
    if (!s) e.fail("status", "\"" + status + "\" is not a referral task status");
    out.status = *s;
    const std::string by = e.string("by");
    const auto a = parse_referral_actor(by);
    if (!a) e.fail("by", "must be requester or performer");
    out.by = *a;
    out.at = e.string("at");
    out.outcome = e.opt_string("outcome");
    out.reason = e.opt_string("reason");
    out.business_status = e.opt_string("business_status");
    out.note = e.opt_string("note");
    out.source = e.opt_string("source");
    return out;
}

ReferralPatient patient_from(const JsonReader& p) {
    p.only({"name", "family", "given", "birth_date", "phone", "email", "preferred_contact", "language",
            "do_not_contact", "contact_note"});
    ReferralPatient out;
    out.name = p.string("name");
    out.family = p.opt_string("family");
    for (const auto& g : p.opt_array("given")) {
        if (!g.is_string()) p.fail("given", "must be a list of strings");
        out.given.push_back(g.get<std::string>());
    }
    out.birth_date = p.opt_string("birth_date");
    out.phone = p.opt_string("phone");
    out.email = p.opt_string("email");
    out.preferred_contact = p.opt_string("preferred_contact");
    out.language = p.opt_string("language");
    out.do_not_contact = p.opt_bool("do_not_contact", false);
    out.contact_note = p.opt_string("contact_note");
    return out;
}

std::vector<ReferralNeed> needs_from(const JsonReader& r) {
    std::vector<ReferralNeed> out;
    const auto& needs = r.array("needs");
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const JsonReader n = r.element(needs[i], i, "needs");
        n.only({"domain", "display", "urgent", "codes"});
        ReferralNeed need;
        need.domain = n.string("domain");
        need.display = n.opt_string("display");
        need.urgent = n.opt_bool("urgent", false);
        const auto& codes = n.opt_array("codes");
        for (std::size_t k = 0; k < codes.size(); ++k)
            need.codes.push_back(coding_from_json(codes[k], n.path() + ".codes[" + std::to_string(k) + "]"));
        out.push_back(std::move(need));
    }
    return out;
}

std::vector<ReferralService> services_from(const JsonReader& r) {
    std::vector<ReferralService> out;
    const auto& services = r.opt_array("services");
    for (std::size_t i = 0; i < services.size(); ++i) {
        const JsonReader s = r.element(services[i], i, "services");
        s.only({"id", "name", "location_id", "location_name", "address"});
        out.push_back({s.opt_string("id"), s.string("name"), s.opt_string("location_id"), s.opt_string("location_name"),
                       s.opt_string("address")});
    }
    return out;
}

// Added for issue 15; a referral written before has none (docs/STORE.md, migration).
std::vector<FollowUpCall> follow_ups_from(const JsonReader& r) {
    std::vector<FollowUpCall> out;
    const auto& calls = r.opt_array("follow_ups");
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const JsonReader f = r.element(calls[i], i, "follow_ups");
        f.only({"at", "by", "outcome", "note", "next"});
        FollowUpCall call{f.string("at"), f.opt_string("by"), f.string("outcome"), f.opt_string("note"), f.opt_string("next")};
        if (!is_utc_rfc3339(call.at)) f.fail("at", "must be RFC 3339 UTC");
        if (!call.next.empty() && !is_calendar_date(call.next)) f.fail("next", "must be a date YYYY-MM-DD");
        out.push_back(std::move(call));
    }
    return out;
}

}  // namespace

Referral referral_from_json(const json& j) {
    JsonReader r(j, kKind, "referral");
    r.only({"safetynet_referral", "id", "service_request_id", "patient_id", "consent_id", "direction", "created",
            "requester", "organization", "clinician", "patient", "needs", "services", "priority", "note", "occurrence",
            "consent", "screening_id", "bundle_id", "history", "expected_response", "follow_ups"});
    if (r.integer("safetynet_referral") != 1) r.fail("safetynet_referral", "unsupported version (this app reads 1)");
    Referral out;
    out.id = r.string("id");
    out.service_request_id = r.string("service_request_id");
    out.patient_id = r.string("patient_id");
    out.consent_id = r.string("consent_id");
    const std::string direction = r.string("direction");
    if (direction == "outgoing")
        out.direction = ReferralDirection::Outgoing;
    else if (direction == "incoming")
        out.direction = ReferralDirection::Incoming;
    else
        r.fail("direction", "must be outgoing or incoming");
    out.created = r.string("created");
    out.requester = party_from(r.object("requester"));
    out.organization = party_from(r.object("organization"));
    out.clinician = r.opt_string("clinician");

    out.patient = patient_from(r.object("patient"));

    out.needs = needs_from(r);
    out.services = services_from(r);
    const std::string priority = r.string("priority");
    const auto pr = parse_referral_priority(priority);
    if (!pr) r.fail("priority", "must be routine, urgent, asap or stat");
    out.priority = *pr;
    out.note = r.opt_string("note");
    out.occurrence = r.opt_string("occurrence");
    const JsonReader c = r.object("consent");
    c.only({"given_by", "relationship", "date_time", "scope"});
    out.consent = {c.opt_string("given_by"), c.opt_string("relationship"), c.string("date_time"), c.opt_string("scope")};
    out.screening_id = r.opt_string("screening_id");
    out.bundle_id = r.opt_string("bundle_id");
    const auto& history = r.array("history");
    for (std::size_t i = 0; i < history.size(); ++i) out.history.push_back(event_from(r.element(history[i], i, "history")));
    // Added for issue 15; a referral written before has neither (docs/STORE.md, migration).
    out.expected_response = r.opt_string("expected_response");
    if (!out.expected_response.empty() && !is_calendar_date(out.expected_response))
        r.fail("expected_response", "must be a date YYYY-MM-DD");
    out.follow_ups = follow_ups_from(r);
    check_referral(out);
    return out;
}

Referral referral_from_request(const json& request, std::string_view now) {
    if (!request.is_object()) throw Error(kKind, "referral", "must be a JSON object");
    json j = request;
    if (!j.contains("safetynet_referral")) j["safetynet_referral"] = 1;
    for (const char* id : {"id", "service_request_id", "patient_id", "consent_id"})
        if (!j.contains(id)) j[id] = new_uuid();
    if (!j.contains("direction")) j["direction"] = "outgoing";
    if (!j.contains("created")) j["created"] = std::string(now);
    if (!j.contains("priority")) j["priority"] = "routine";
    for (const char* party : {"requester", "organization"})
        if (j.contains(party) && j[party].is_object() && !j[party].contains("fhir_id")) j[party]["fhir_id"] = new_uuid();
    if (!j.contains("history"))
        j["history"] = json::array({{{"status", "requested"}, {"by", "requester"}, {"at", j["created"]}, {"source", "local"}}});
    Referral r = referral_from_json(j);
    wipe_json(j);
    return r;
}

}  // namespace safetynet::core
