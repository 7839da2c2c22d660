// Referrals as FHIR (SDOHCC): the bundle's structure, reading it back on the organization
// side, and status updates there and back. The same bundles are validated with real FHIR
// tools by tests/fhir/validate_referrals.mjs.
#include "core/base/base64.hpp"
#include "core/exchange/keyset.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/referral/status_update.hpp"
#include "tests/support/referral_fixtures.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>
#include <tuple>

using namespace safetynet::core;
using nlohmann::json;
using safetynet::test::event;
using safetynet::test::kind_of;

namespace {

const json& only(const json& bundle, const std::string& type) {
    const json* found = nullptr;
    for (const json& e : bundle["entry"])
        if (e["resource"]["resourceType"] == type) {
            REQUIRE_MESSAGE(found == nullptr, "more than one " << type);
            found = &e["resource"];
        }
    REQUIRE_MESSAGE(found != nullptr, "no " << type);
    return *found;
}

const json& resolve(const json& bundle, const json& ref) {
    for (const json& e : bundle["entry"])
        if (e["fullUrl"] == ref["reference"]) return e["resource"];
    FAIL("unresolved reference " << ref.dump());
    static json none;
    return none;
}

bool has_code(const json& cc, const std::string& system, const std::string& code) {
    for (const json& c : cc["coding"])
        if (c.value("system", "") == system && c["code"] == code) return true;
    return false;
}

void all_references_resolve(const json& bundle) {
    std::set<std::string> urls;
    for (const json& e : bundle["entry"]) urls.insert(e["fullUrl"].get<std::string>());
    std::function<void(const json&)> walk = [&](const json& j) {
        if (j.is_object()) {
            for (const auto& item : j.items()) {
                // (Consent.provision.actor.reference is itself a Reference: an object.)
                const json& v = item.value();
                if (item.key() == "reference" && v.is_string()) {
                    const std::string target = v.get<std::string>();
                    CHECK_MESSAGE(urls.count(target), "dangling " << target);
                }
                walk(v);
            }
        } else if (j.is_array()) {
            for (const json& v : j) walk(v);
        }
    };
    walk(bundle);
}

const char* kSdohcc = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

}  // namespace

TEST_CASE("referral FHIR: one bundle with the SDOHCC resources, linked as the IG asks") {
    const safetynet::test::SampleScreening sc;
    const Referral r = safetynet::test::sample_referral(sc.result);
    const ReferralScreening rs{&sc.response, &sc.result, "2025-06-01T14:00:00Z", "en"};
    const json b = referral_bundle(r, &rs);
    CHECK(b["type"] == "collection");
    CHECK(b["timestamp"] == r.created);
    all_references_resolve(b);

    const json& task = only(b, "Task");
    CHECK(task["status"] == "requested");
    CHECK(task["intent"] == "order");
    CHECK(has_code(task["code"], "http://hl7.org/fhir/CodeSystem/task-code", "fulfill"));
    CHECK(task["identifier"][0]["value"] == "urn:uuid:" + r.id);
    CHECK(task["authoredOn"] == r.created);
    CHECK(task["priority"] == "urgent");
    const json& sr = resolve(b, task["focus"]);
    CHECK(sr["resourceType"] == "ServiceRequest");
    CHECK(resolve(b, task["for"])["resourceType"] == "Patient");
    CHECK(resolve(b, task["requester"])["name"] == "Eastside Community Clinic");
    CHECK(resolve(b, task["owner"])["name"] == "Westside Food Bank");
    // input -> the QuestionnaireResponse, typed by our code (SDOHCC 2.3.0 has none for it;
    // "additional-content" is not one of its codes).
    CHECK(has_code(task["input"][0]["type"], "urn:safetynet:fhir:task-input", "screening-response"));
    CHECK(resolve(b, task["input"][0]["valueReference"])["resourceType"] == "QuestionnaireResponse");

    CHECK(sr["status"] == "active");
    CHECK(sr["intent"] == "order");
    CHECK(sr["priority"] == "urgent");
    CHECK(sr["identifier"][0]["value"] == "urn:uuid:" + r.service_request_id);
    std::set<std::string> categories;
    for (const json& c : sr["category"]) categories.insert(c["coding"][0]["code"].get<std::string>());
    CHECK(categories == std::set<std::string>{"food-insecurity", "housing-instability", "transportation-insecurity"});
    CHECK(sr["code"]["text"] == "Food pantry; SNAP application help");
    // reasonReference: the screening's Conditions, one per need.
    REQUIRE(sr["reasonReference"].size() == 3);
    for (const json& ref : sr["reasonReference"]) CHECK(resolve(b, ref)["resourceType"] == "Condition");
    CHECK_FALSE(sr.contains("reasonCode"));
    const json& consent = resolve(b, sr["supportingInfo"][0]);
    CHECK(consent["resourceType"] == "Consent");
    // performer: the organization and its chosen services.
    REQUIRE(sr["performer"].size() == 3);
    CHECK(resolve(b, sr["performer"][1])["name"] == "Food pantry");
    CHECK(resolve(b, resolve(b, sr["performer"][1])["location"][0])["address"]["text"] == "12 Harbor St, Springfield");
    CHECK(sr["note"][0]["text"] == "Prefers morning appointments.");
    CHECK(sr["note"][1]["text"] == "How to contact: after 5 pm, no voicemail");
    CHECK_FALSE(sr.contains("orderDetail"));

    CHECK(consent["status"] == "active");
    CHECK(has_code(consent["category"][0], "http://terminology.hl7.org/CodeSystem/v3-ActCode", "IDSCL"));
    CHECK(consent["dateTime"] == r.consent.date_time);
    CHECK(resolve(b, consent["patient"])["resourceType"] == "Patient");
    CHECK(resolve(b, consent["organization"][0])["name"] == "Eastside Community Clinic");
    CHECK(resolve(b, consent["provision"]["actor"][0]["reference"])["name"] == "Westside Food Bank");
    const auto scope = base64_decode(consent["sourceAttachment"]["data"].get<std::string>(), Base64Padding::Padded);
    REQUIRE(scope);
    CHECK(to_string(*scope) == r.consent.scope);

    // The Patient: what was entered, nothing more (no address), as a US Core Patient: gender
    // "unknown" (not asked).
    const json& patient = resolve(b, task["for"]);
    CHECK(patient["name"][0]["text"] == "Alex Testperson");
    CHECK(patient["birthDate"] == "1980-02-29");
    CHECK(patient["gender"] == "unknown");
    CHECK_FALSE(patient.contains("address"));
    bool sms_preferred = false;
    for (const json& t : patient["telecom"]) sms_preferred = sms_preferred || (t["system"] == "sms" && t["rank"] == 1);
    CHECK(sms_preferred);
    // The screening's resources name this Patient as their subject.
    for (const json& e : b["entry"])
        if (e["resource"]["resourceType"] == "Observation") CHECK(e["resource"]["subject"] == task["for"]);
}

TEST_CASE("referral FHIR: without a screening, needs travel as reasonCode; do-not-contact as orderDetail") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    r.patient.do_not_contact = true;
    r.needs.push_back({"depression", "Depression", false, {{"http://snomed.info/sct", "35489007", "Depressive disorder"}}});
    const json b = referral_bundle(r);
    all_references_resolve(b);
    const json& sr = only(b, "ServiceRequest");
    CHECK_FALSE(sr.contains("reasonReference"));
    REQUIRE(sr["reasonCode"].size() == 4);
    CHECK(has_code(sr["orderDetail"][0], kSdohcc, "contacting-subject-prohibited"));
    // depression is not an SDOH category: it goes under our need-domain system.
    CHECK(has_code(sr["category"][3], kNeedDomainSystem, "depression"));
    CHECK_FALSE(only(b, "Task").contains("input"));
}

TEST_CASE("referral FHIR: the organization reads the bundle back into the same referral") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    r.consent.given_by = "Maria Testperson";
    r.consent.relationship = "mother";
    r.occurrence = "2025-06-15";
    const ReferralScreening rs{&sc.response, &sc.result, "2025-06-01T14:00:00Z", "en"};
    const Referral in = read_referral_bundle(referral_bundle(r, &rs).dump());
    CHECK(in.direction == ReferralDirection::Incoming);
    // Everything but the direction and history source is the clinic's referral.
    json a = referral_to_json(r), c = referral_to_json(in);
    for (json* j : {&a, &c}) {
        j->erase("direction");
        j->erase("clinician");  // not sent: the clinic is the requester
        (*j)["history"][0].erase("source");
        (*j)["requester"].erase("directory_id");
    }
    CHECK(a == c);
}

TEST_CASE("referral FHIR: a bundle that is not a referral is refused, naming where") {
    const safetynet::test::SampleScreening sc;
    const Referral r = safetynet::test::sample_referral(sc.result);
    const json good = referral_bundle(r);
    auto find = [](json& b, const char* type) -> json& {
        for (json& e : b["entry"])
            if (e["resource"]["resourceType"] == type) return e["resource"];
        throw std::runtime_error("no resource");
    };
    const std::vector<std::tuple<const char*, std::function<void(json&)>, std::string>> cases = {
        {"not JSON", [](json& b) { b = "{"; }, "Bundle"},
        {"not a Bundle", [](json& b) { b["resourceType"] = "Patient"; }, "Bundle"},
        {"no Task", [&](json& b) { find(b, "Task")["code"]["coding"][0]["code"] = "approve"; }, "Task"},
        {"Task already accepted", [&](json& b) { find(b, "Task")["status"] = "accepted"; }, "Task.status"},
        {"Task status ready", [&](json& b) { find(b, "Task")["status"] = "ready"; }, "Task.status"},
        {"focus dangling", [&](json& b) { find(b, "Task")["focus"]["reference"] = "urn:uuid:nowhere"; }, "Task.focus"},
        {"focus at the Patient", [&](json& b) { find(b, "Task")["focus"] = find(b, "Task")["for"]; }, "Task.focus"},
        {"no consent", [&](json& b) { find(b, "ServiceRequest").erase("supportingInfo"); }, "ServiceRequest.supportingInfo"},
        {"Patient without a name", [&](json& b) { find(b, "Patient").erase("name"); }, "Patient.name"},
        {"owner without a name", [&](json& b) {
             const std::string url = find(b, "Task")["owner"]["reference"];
             for (json& e : b["entry"])
                 if (e["fullUrl"] == url) e["resource"].erase("name");
         }, "Task.owner Organization.name"},
        {"a field of the wrong JSON type", [&](json& b) { find(b, "Patient")["telecom"][0] = 7; }, "Patient.telecom.system"},
        {"a rank that is not a number", [&](json& b) { find(b, "Patient")["telecom"][0]["rank"] = "first"; }, "Patient.telecom.rank"},
        {"a resourceType that is not a string", [&](json& b) { b["resourceType"] = 2; }, "Bundle"},
        {"an entry's resourceType that is not a string", [&](json& b) { find(b, "Patient")["resourceType"] = true; }, "Task.for"},
    };
    for (const auto& c : cases) {
        const std::string name = std::get<0>(c);
        const auto& mutate = std::get<1>(c);
        const std::string& where = std::get<2>(c);
        CAPTURE(name);
        json b = good;
        mutate(b);
        const std::string text = b.is_string() ? b.get<std::string>() : b.dump();
        try {
            read_referral_bundle(text);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.kind() == "referral-bundle");
            const std::string message = e.what();
            CAPTURE(message);
            CHECK(e.where() == where);
        }
    }
}

TEST_CASE("status update: the organization's Task goes back and is applied to the clinic's referral") {
    const safetynet::test::SampleScreening sc;
    Referral clinic = safetynet::test::sample_referral(sc.result);
    Referral org = read_referral_bundle(referral_bundle(clinic).dump());

    record_status(org, event(TaskStatus::Accepted, "2025-06-02T09:00:00Z"));
    json up = status_update_bundle(org);
    all_references_resolve(up);
    const json& task = only(up, "Task");
    CHECK(task["status"] == "accepted");
    CHECK(task["focus"]["identifier"]["value"] == "urn:uuid:" + clinic.service_request_id);
    CHECK(task["for"]["identifier"]["value"] == "urn:uuid:" + clinic.patient_id);
    CHECK(task["lastModified"] == "2025-06-02T09:00:00Z");

    StatusUpdate u = read_status_update(up.dump());
    CHECK(u.task_id == clinic.id);
    CHECK(u.organization_name == "Westside Food Bank");
    apply_status_update(clinic, u, ReferralActor::Performer, "bundle b1");
    CHECK(clinic.status() == TaskStatus::Accepted);
    CHECK(clinic.last_event().by == ReferralActor::Performer);
    CHECK(clinic.last_event().source == "bundle b1");

    // The same update again is a duplicate; an older one is stale; nothing changes.
    CHECK(kind_of([&] { apply_status_update(clinic, u, ReferralActor::Performer, "bundle b1"); }) == "duplicate-update");

    // Completed with "got help": output resulting-activity, and the outcome comes back.
    StatusEvent done = event(TaskStatus::Completed, "2025-06-09T16:00:00Z", "got-help");
    done.business_status = "Groceries picked up";
    done.note = "Enrolled in weekly delivery";
    record_status(org, done);
    up = status_update_bundle(org);
    const json& t2 = only(up, "Task");
    CHECK(has_code(t2["output"][0]["type"], kSdohcc, "resulting-activity"));
    CHECK(t2["output"][0]["valueCodeableConcept"]["text"] == "Food pantry; SNAP application help");
    CHECK(has_code(t2["statusReason"], kReferralOutcomeSystem, "got-help"));
    u = read_status_update(up.dump());
    CHECK(u.event.outcome == "got-help");
    CHECK(u.event.reason.empty());
    CHECK(u.event.business_status == "Groceries picked up");
    CHECK(u.event.note == "Enrolled in weekly delivery");
    apply_status_update(clinic, u, ReferralActor::Performer, "bundle b2");
    CHECK(clinic.status() == TaskStatus::Completed);
    CHECK(clinic.history.size() == 3);
}

TEST_CASE("status update: no capacity in our code (SDOHCC's STU 3 code still reads); refusals change nothing") {
    const safetynet::test::SampleScreening sc;
    Referral clinic = safetynet::test::sample_referral(sc.result);
    Referral org = read_referral_bundle(referral_bundle(clinic).dump());
    record_status(org, event(TaskStatus::Rejected, "2025-06-02T09:00:00Z", "no-capacity", "Full until July"));
    const json up = status_update_bundle(org);
    const json& task = only(up, "Task");
    CHECK(task["statusReason"]["text"] == "Full until July");
    CHECK(has_code(task["statusReason"], kReferralOutcomeSystem, "no-capacity"));
    CHECK_FALSE(has_code(task["statusReason"], kSdohcc, "no-capacity"));  // not a 2.3.0 code
    const StatusUpdate u = read_status_update(up.dump());
    CHECK(u.event.outcome == "no-capacity");
    json stu3 = up;  // as an STU 3 sender writes it
    for (json& e : stu3["entry"])
        if (e["resource"]["resourceType"] == "Task")
            e["resource"]["statusReason"]["coding"] = {{{"system", kSdohcc}, {"code", "no-capacity"}}};
    CHECK(read_status_update(stu3.dump()).event.outcome == "no-capacity");

    const json before = referral_to_json(clinic);
    // The clinic's own card signing a Performer-only status: not allowed.
    CHECK(kind_of([&] { apply_status_update(clinic, u, ReferralActor::Requester, "x"); }) == "status-transition");
    // Another referral's identifiers.
    StatusUpdate other = u;
    other.service_request_id = "00000000-0000-4000-8000-000000000000";
    CHECK(kind_of([&] { apply_status_update(clinic, other, ReferralActor::Performer, "x"); }) == "referral-mismatch");
    // An update older than the referral's last event.
    StatusUpdate old = u;
    old.event.at = "2025-05-01T00:00:00Z";
    CHECK(kind_of([&] { apply_status_update(clinic, old, ReferralActor::Performer, "x"); }) == "stale-update");
    // An outcome that does not fit the status.
    StatusUpdate misfit = u;
    misfit.event.outcome = "got-help";
    CHECK(kind_of([&] { apply_status_update(clinic, misfit, ReferralActor::Performer, "x"); }) == "outcome");
    CHECK(referral_to_json(clinic) == before);

    std::map<std::string, Referral> none;
    CHECK(kind_of([&] { find_referral_for(none, u); }) == "unknown-referral");
    std::map<std::string, Referral> one{{clinic.id, clinic}};
    CHECK(&find_referral_for(one, u) == &one.begin()->second);
}

TEST_CASE("status update: malformed updates are refused, naming the field") {
    const safetynet::test::SampleScreening sc;
    Referral org = read_referral_bundle(referral_bundle(safetynet::test::sample_referral(sc.result)).dump());
    record_status(org, event(TaskStatus::Accepted, "2025-06-02T09:00:00Z"));
    const json good = status_update_bundle(org);
    auto task = [](json& b) -> json& {
        for (json& e : b["entry"])
            if (e["resource"]["resourceType"] == "Task") return e["resource"];
        throw std::runtime_error("no Task");
    };
    const std::vector<std::tuple<const char*, std::function<void(json&)>, std::string>> cases = {
        {"status ready (not in the SDOHCC value set)", [&](json& b) { task(b)["status"] = "ready"; }, "Task.status"},
        {"status received", [&](json& b) { task(b)["status"] = "received"; }, "Task.status"},
        {"no lastModified", [&](json& b) { task(b).erase("lastModified"); }, "Task.lastModified"},
        {"lastModified before authoredOn", [&](json& b) { task(b)["lastModified"] = "2020-01-01T00:00:00Z"; }, "Task.lastModified"},
        {"lastModified with an offset", [&](json& b) { task(b)["lastModified"] = "2025-06-02T09:00:00+02:00"; }, "Task.lastModified"},
        {"not a referral Task", [&](json& b) { task(b)["code"]["coding"][0]["code"] = "approve"; }, "Task.code"},
        {"intent proposal", [&](json& b) { task(b)["intent"] = "proposal"; }, "Task.intent"},
        {"no identifier", [&](json& b) { task(b).erase("identifier"); }, "Task.identifier"},
        {"focus by reference", [&](json& b) { task(b)["focus"] = {{"reference", "ServiceRequest/1"}}; }, "Task.focus"},
        {"an unknown outcome", [&](json& b) {
             task(b)["statusReason"] = {{"text", "x"}, {"coding", {{{"system", kReferralOutcomeSystem}, {"code", "teleported"}}}}};
         }, "Task.statusReason.coding"},
        {"a reason without text", [&](json& b) { task(b)["statusReason"] = {{"coding", json::array()}}; }, "Task.statusReason.text"},
        {"owner not in the Bundle", [&](json& b) { task(b)["owner"]["reference"] = "urn:uuid:x"; }, "Task.owner"},
        {"two Tasks", [&](json& b) { b["entry"].push_back(b["entry"][2]); }, "Task"},
        {"deep nesting", [&](json& b) {
             json deep = json::array();
             for (int i = 0; i < 100; ++i) deep = json::array({deep});
             task(b)["note"] = deep;
         }, "Bundle"},
    };
    CHECK_NOTHROW(read_status_update(good.dump()));
    for (const auto& c : cases) {
        const std::string name = std::get<0>(c);
        const auto& mutate = std::get<1>(c);
        const std::string& where = std::get<2>(c);
        CAPTURE(name);
        json b = good;
        mutate(b);
        try {
            read_status_update(b.dump());
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.kind() == "status-update");
            CHECK(e.where() == where);
        }
    }
}

TEST_CASE("status update: the signer decides who acts") {
    const safetynet::test::SampleScreening sc;
    Referral r = safetynet::test::sample_referral(sc.result);
    const KeySet clinic = KeySet::generate("Eastside Community Clinic");
    const KeySet org = KeySet::generate("Westside Food Bank");
    const KeySet stranger = KeySet::generate("Someone Else");
    r.requester.card = clinic.contact_card();
    r.organization.card = org.contact_card();
    CHECK(actor_for_signer(r, org.contact_card()) == ReferralActor::Performer);
    CHECK(actor_for_signer(r, clinic.contact_card()) == ReferralActor::Requester);
    CHECK(kind_of([&] { actor_for_signer(r, stranger.contact_card()); }) == "wrong-sender");
}
