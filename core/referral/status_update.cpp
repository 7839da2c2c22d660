// Status updates: the Task in its new state, out and back in (see status_update.hpp).
#include "core/referral/status_update.hpp"

#include "core/base/error.hpp"
#include "core/fhir/fhir_bundle.hpp"
#include "core/base/json_read.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/base/utc_time.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <tuple>

namespace safetynet::core {

using nlohmann::json;
using fhir::kSdohccCodes;
using fhir::kUriSystem;

namespace {

constexpr const char* kKind = "status-update";

[[noreturn]] void fail(const std::string& where, const std::string& message) { throw Error(kKind, where, message); }

const FieldReader kFields(kKind);

// "<uuid>" of an identifier {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:<uuid>"}.
std::string uuid_in(const json& ident, const std::string& where) {
    if (!ident.is_object() || kFields.string(ident, "system", where) != kUriSystem)
        fail(where, "must be a urn:ietf:rfc:3986 identifier");
    const std::string v = kFields.string(ident, "value", where);
    if (v.rfind("urn:uuid:", 0) != 0 || v.size() != 45) fail(where, "must be urn:uuid:<uuid>");
    return v.substr(9);
}

using ByUrl = std::map<std::string, const json*>;

// The Bundle's one Task, which must be a referral Task (code fulfill, intent order); `by_url`
// gets every entry by its fullUrl.
const json& status_task(const json& doc, ByUrl& by_url) {
    if (!doc.is_object() || kFields.string(doc, "resourceType", "Bundle") != "Bundle")
        fail("Bundle", "not a FHIR Bundle");
    const json* task = nullptr;
    const json& entries = kFields.array(doc, "entry", "Bundle");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string where = "Bundle.entry[" + std::to_string(i) + "]";
        if (!entries[i].is_object() || !entries[i].contains("resource") || !entries[i]["resource"].is_object())
            fail(where, "an entry needs a resource");
        const json& res = entries[i]["resource"];
        by_url[kFields.string(entries[i], "fullUrl", where)] = &res;
        if (kFields.string(res, "resourceType", where) != "Task") continue;
        if (task) fail("Task", "a status update holds one Task");
        task = &res;
    }
    if (!task) fail("Task", "no Task in the Bundle");
    const json& t = *task;
    bool fulfill = false;
    if (t.contains("code"))
        for (const json& c : kFields.array(t["code"], "coding", "Task.code"))
            fulfill = fulfill || (c.is_object() && kFields.string(c, "code", "Task.code") == "fulfill");
    if (!fulfill) fail("Task.code", "not a referral Task (code fulfill)");
    if (kFields.string(t, "intent", "Task") != "order") fail("Task.intent", "a referral Task's intent is order");
    return t;
}

// The identifiers that name the referral: the Task's, its ServiceRequest's and its Patient's.
void read_identifiers(const json& t, StatusUpdate& u) {
    for (const json& id : kFields.array(t, "identifier", "Task"))
        if (id.is_object() && kFields.string(id, "system", "Task.identifier") == kUriSystem)
            u.task_id = uuid_in(id, "Task.identifier");
    if (u.task_id.empty()) fail("Task.identifier", "no urn:uuid identifier naming the referral");
    for (const auto& [key, out, type] :
         {std::tuple<const char*, std::string*, const char*>{"focus", &u.service_request_id, "ServiceRequest"},
          {"for", &u.patient_id, "Patient"}}) {
        const std::string where = std::string("Task.") + key;
        if (!t.contains(key) || !t[key].is_object() || !t[key].contains("identifier"))
            fail(where, "must name the " + std::string(type) + " by identifier");
        *out = uuid_in(t[key]["identifier"], where + ".identifier");
    }
}

// The status and when it changed (Task inv-1: not before the Task was authored).
void read_status(const json& t, StatusUpdate& u) {
    const std::string status = kFields.string(t, "status", "Task");
    const auto st = parse_task_status(status);
    if (!st) fail("Task.status", "\"" + status + "\" is not a referral task status (SDOHCC excludes ready and received)");
    u.event.status = *st;
    u.event.at = kFields.string(t, "lastModified", "Task");
    if (!is_utc_rfc3339(u.event.at)) fail("Task.lastModified", "required, as an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    const std::string authored = kFields.string(t, "authoredOn", "Task");
    if (!is_utc_rfc3339(authored)) fail("Task.authoredOn", "required, as an RFC 3339 UTC time");
    if (u.event.at < authored) fail("Task.lastModified", "is before authoredOn (Task inv-1)");
}

// Why: the status reason (its text, and an outcome code, ours or SDOHCC's), the business
// status and the notes.
void read_reason(const json& t, StatusUpdate& u) {
    if (t.contains("statusReason")) {
        const json& reason = t["statusReason"];
        const std::string text = kFields.string(reason, "text", "Task.statusReason");
        if (text.empty()) fail("Task.statusReason.text", "required when a status reason is given (SDOHCC)");
        for (const json& c : kFields.array(reason, "coding", "Task.statusReason")) {
            const std::string system = kFields.string(c, "system", "Task.statusReason.coding");
            const std::string code = kFields.string(c, "code", "Task.statusReason.coding");
            if (system == kReferralOutcomeSystem) {
                if (!find_referral_outcome(code)) fail("Task.statusReason.coding", "unknown outcome " + code);
                u.event.outcome = code;
            } else if (system == kSdohccCodes && u.event.outcome.empty()) {
                if (const ReferralOutcome* o = outcome_for_sdohcc_code(code)) u.event.outcome = o->code;
            }
        }
        const ReferralOutcome* o = find_referral_outcome(u.event.outcome);
        // The outcome's own display stands in for a reason nobody typed.
        u.event.reason = (o && text == o->display) ? std::string() : text;
    }
    if (t.contains("businessStatus"))
        u.event.business_status = kFields.string(t["businessStatus"], "text", "Task.businessStatus");
    for (const json& n : kFields.array(t, "note", "Task")) {
        const std::string text = kFields.string(n, "text", "Task.note");
        u.event.note += (u.event.note.empty() ? "" : "\n") + text;
    }
    check_outcome(u.event.outcome, u.event.status, u.event.reason, "Task.statusReason");
}

// The names of the two organizations, from the Organizations the Task refers to.
void read_parties(const json& t, const ByUrl& by_url, StatusUpdate& u) {
    for (const auto& [key, out] : {std::pair<const char*, std::string*>{"requester", &u.requester_name},
                                   {"owner", &u.organization_name}}) {
        const std::string where = std::string("Task.") + key;
        if (!t.contains(key) || !t[key].is_object()) fail(where, "missing");
        const std::string url = kFields.string(t[key], "reference", where);
        const auto it = by_url.find(url);
        if (it == by_url.end() || kFields.string(*it->second, "resourceType", where) != "Organization")
            fail(where, "must refer to an Organization in the Bundle");
        *out = kFields.string(*it->second, "name", where + " Organization");
    }
}

StatusUpdate read_impl(std::string_view fhir_json) {
    const json doc = parse_json_text(fhir_json, kKind, "Bundle");
    ByUrl by_url;
    const json& t = status_task(doc, by_url);
    StatusUpdate u;
    read_identifiers(t, u);
    read_status(t, u);
    read_reason(t, u);
    read_parties(t, by_url, u);
    return u;
}

bool same_key(const ContactCard& a, const ContactCard& b) {
    return a.signing_key.key_id == b.signing_key.key_id && a.signing_key.key == b.signing_key.key;
}

}  // namespace

json status_update_bundle(const Referral& r) {
    fhir::Bundle bundle("collection");
    bundle.set_timestamp(r.last_modified());
    bundle.add({{"resourceType", "Organization"}, {"active", true}, {"name", r.requester.name}},
               "urn:uuid:" + r.requester.fhir_id);
    bundle.add({{"resourceType", "Organization"}, {"active", true}, {"name", r.organization.name}},
               "urn:uuid:" + r.organization.fhir_id);
    TaskLinks links;
    links.by_identifier = true;
    bundle.add(referral_task_resource(r, r.last_event(), links), "urn:uuid:" + r.id);
    return bundle.to_json();
}

StatusUpdate read_status_update(std::string_view fhir_json) {
    try {
        return read_impl(fhir_json);
    } catch (const nlohmann::json::exception& e) {
        throw Error(kKind, "Bundle", std::string("malformed status update: ") + e.what());
    }
}

ReferralActor actor_for_signer(const Referral& r, const ContactCard& signer) {
    if (r.organization.card && same_key(*r.organization.card, signer)) return ReferralActor::Performer;
    if (r.requester.card && same_key(*r.requester.card, signer)) return ReferralActor::Requester;
    throw Error("wrong-sender", "referral " + r.id,
                "signed by \"" + signer.name + "\", who is neither " + r.requester.name + " nor " + r.organization.name +
                    " for this referral; the update was not applied");
}

void apply_status_update(Referral& r, const StatusUpdate& u, ReferralActor actor, std::string source) {
    const std::string where = "referral " + r.id;
    if (u.task_id != r.id || u.service_request_id != r.service_request_id || u.patient_id != r.patient_id)
        throw Error("referral-mismatch", where,
                    "the update's Task, ServiceRequest or Patient identifiers are not this referral's; it was not applied");
    const StatusEvent& last = r.last_event();
    if (last.status == u.event.status && last.at == u.event.at && last.outcome == u.event.outcome &&
        last.reason == u.event.reason && last.business_status == u.event.business_status && last.note == u.event.note)
        throw Error("duplicate-update", where, "this update was already applied (" + last.at + ")");
    check_outcome(u.event.outcome, u.event.status, u.event.reason, where);
    StatusEvent e = u.event;
    e.by = actor;
    e.source = std::move(source);
    // A snapshot: states the other side went through unseen are allowed, going back is not.
    record_status(r, std::move(e), TransitionCheck::Reachable);
}

Referral& find_referral_for(std::map<std::string, Referral>& referrals, const StatusUpdate& u) {
    const auto it = referrals.find(u.task_id);
    if (it == referrals.end())
        throw Error("unknown-referral", "Task.identifier",
                    "no referral here has the id urn:uuid:" + u.task_id + "; the update was not applied");
    return it->second;
}

}  // namespace safetynet::core
