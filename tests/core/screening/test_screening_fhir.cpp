// The screening Bundle: what the SDOHCC profiles ask of each resource, and references that
// resolve inside the Bundle. (The schema and invariants are checked by a real validator in
// tests/fhir/.)
#include "core/fhir/fhir_bundle.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/screening_fhir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>

using namespace safetynet::core;
using nlohmann::json;

namespace {

struct Built {
    json bundle;
    std::map<std::string, json> by_url;
    std::vector<json> observations, conditions;
};

Built build(const char* id, const json& answers) {
    const auto q = load_builtin_instrument(id);
    const Response r = Response::from_simple(q, answers);
    Built b;
    b.bundle = screening_bundle(r, score(r, id), {"2026-05-01T10:00:00Z", "", "en"});
    for (const json& e : b.bundle["entry"]) {
        b.by_url[e["fullUrl"]] = e["resource"];
        if (e["resource"]["resourceType"] == "Observation") b.observations.push_back(e["resource"]);
        if (e["resource"]["resourceType"] == "Condition") b.conditions.push_back(e["resource"]);
    }
    return b;
}

const json* observation(const Built& b, const std::string& loinc) {
    for (const json& o : b.observations)
        if (o["code"]["coding"][0]["code"] == loinc) return &o;
    return nullptr;
}

bool has_category(const json& resource, const std::string& code) {
    for (const json& c : resource["category"])
        if (c["coding"][0]["code"] == code) return true;
    return false;
}

const json kHits11 = {{"71802-3", "LA31995-6"}, {"96778-6", {"LA9-3"}}, {"88122-7", "LA6729-3"},
                      {"88123-5", {{"declined", true}}}, {"93030-5", "LA32-8"}, {"95618-5", "LA6270-8"},
                      {"95617-7", "LA16644-9"}, {"95616-9", "LA10082-8"}, {"95615-1", "LA10082-8"}};

}  // namespace

TEST_CASE("the Bundle is a collection with unique urn:uuid full URLs and resolvable references") {
    const Built b = build("ahc-hrsn", kHits11);
    CHECK(b.bundle["resourceType"] == "Bundle");
    CHECK(b.bundle["type"] == "collection");
    CHECK(b.bundle["timestamp"] == "2026-05-01T10:00:00Z");
    std::set<std::string> urls;
    for (const json& e : b.bundle["entry"]) {
        const std::string url = e["fullUrl"];
        CHECK(url.rfind("urn:uuid:", 0) == 0);
        CHECK(url.size() == 45);
        CHECK(urls.insert(url).second);
    }
    // Every reference anywhere in the Bundle points at an entry.
    std::function<void(const json&)> walk = [&](const json& j) {
        if (j.is_object()) {
            if (j.contains("reference")) CHECK(b.by_url.count(j["reference"].get<std::string>()) == 1);
            for (const auto& [k, v] : j.items()) walk(v);
        } else if (j.is_array()) {
            for (const json& v : j) walk(v);
        }
    };
    walk(b.bundle);
}

TEST_CASE("screening response Observations follow SDOHCC") {
    const Built b = build("ahc-hrsn", kHits11);
    // One per asked question: 10 core questions, and the panel.
    int items = 0;
    for (const json& o : b.observations) {
        CHECK(o["issued"] == "2026-05-01T10:00:00Z");
        if (o.contains("hasMember")) continue;  // the panel: no value of its own
        CHECK(has_category(o, "survey"));
        CHECK(has_category(o, "sdoh"));
        CHECK(o["status"] == "final");
        CHECK(o.contains("subject"));
        CHECK(o["effectiveDateTime"] == "2026-05-01T10:00:00Z");
        // value or dataAbsentReason, never both (obs-6); no NEG, ever.
        const bool value = o.contains("valueCodeableConcept") || o.contains("valueInteger");
        CHECK(value != o.contains("dataAbsentReason"));
        if (o.contains("interpretation")) CHECK(o["interpretation"][0]["coding"][0]["code"] == "POS");
        ++items;
    }
    CHECK(items == 10 + 2);  // 10 questions, the HITS total and the HVS risk

    const json* living = observation(b, "71802-3");
    REQUIRE(living);
    CHECK(living->contains("interpretation"));  // homelessness
    CHECK(has_category(*living, "homelessness"));
    CHECK(has_category(*living, "housing-instability"));
    const json* problems = observation(b, "96778-6");
    REQUIRE(problems);
    CHECK_FALSE(problems->contains("interpretation"));  // None of the above: no need, no NEG
    const json* declined = observation(b, "88123-5");
    REQUIRE(declined);
    CHECK((*declined)["dataAbsentReason"]["coding"][0]["code"] == "asked-declined");
    const json* skipped = observation(b, "96779-4");
    REQUIRE(skipped);
    CHECK((*skipped)["dataAbsentReason"]["coding"][0]["code"] == "unknown");
    CHECK((*living)["derivedFrom"][0]["reference"] == b.bundle["entry"][1]["fullUrl"]);  // the QR
}

TEST_CASE("derived scores point at the item Observations and carry no performer") {
    const Built b = build("ahc-hrsn", kHits11);
    const json* total = observation(b, "95614-4");
    REQUIRE(total);
    CHECK((*total)["valueInteger"] == 11);
    CHECK((*total)["interpretation"][0]["coding"][0]["code"] == "POS");
    CHECK_FALSE(total->contains("performer"));
    REQUIRE((*total)["derivedFrom"].size() == 4);
    for (const json& ref : (*total)["derivedFrom"])
        CHECK(b.by_url.at(ref["reference"])["resourceType"] == "Observation");
    const json* hvs = observation(b, "88124-3");
    REQUIRE(hvs);
    CHECK((*hvs)["valueCodeableConcept"]["coding"][0]["code"] == "LA19952-3");  // at risk
    SUBCASE("PHQ-9 total") {
        json answers;
        for (const char* c : {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"})
            answers[c] = "LA6570-1";
        const Built p = build("phq-9", answers);
        const json* sum = observation(p, "44261-6");
        REQUIRE(sum);
        CHECK((*sum)["valueInteger"] == 18);
    }
}

TEST_CASE("Conditions only for positive domains, unconfirmed health concerns with current Z codes") {
    const Built b = build("ahc-hrsn", kHits11);
    std::set<std::string> domains;
    for (const json& c : b.conditions) {
        CHECK(c["verificationStatus"]["coding"][0]["code"] == "unconfirmed");
        CHECK(c["clinicalStatus"]["coding"][0]["code"] == "active");
        CHECK(has_category(c, "health-concern"));
        CHECK(has_category(c, "sdoh"));
        CHECK(c["category"].size() == 3);
        domains.insert(c["category"][2]["coding"][0]["code"]);
        REQUIRE(c.contains("evidence"));
        for (const json& d : c["evidence"][0]["detail"]) CHECK(b.by_url.at(d["reference"])["resourceType"] == "Observation");
    }
    CHECK(domains == std::set<std::string>{"homelessness", "food-insecurity", "intimate-partner-violence"});
    for (const json& c : b.conditions)
        if (c["category"][2]["coding"][0]["code"] == "homelessness") {
            std::set<std::string> codes;
            for (const json& coding : c["code"]["coding"]) codes.insert(coding["code"]);
            CHECK(codes == std::set<std::string>{"32911000", "Z59.00"});
        }
}

TEST_CASE("issue 13: a multi-select answer becomes one Observation per answer; disabled items none") {
    const Built b = build("ahc-hrsn-full", {{"96778-6", {"LA31996-4", "LA28580-1"}}, {"89555-7", "LA6111-4"}});
    std::vector<std::string> answers;
    for (const json& o : b.observations)
        if (o["code"]["coding"][0]["code"] == "96778-6") {
            CHECK_FALSE(o.contains("component"));
            answers.push_back(o["valueCodeableConcept"]["coding"][0]["code"]);
        }
    CHECK(answers == std::vector<std::string>{"LA31996-4", "LA28580-1"});
    CHECK(observation(b, "68516-4") == nullptr);  // minutes: not asked after 0 days
}

TEST_CASE("issue 13: a US Core Patient, performer, and a panel Observation with hasMember") {
    const Built b = build("hunger-vital-sign", {{"88122-7", "LA28397-0"}, {"88123-5", "LA28398-8"}});
    const json& patient = b.bundle["entry"][0]["resource"];
    REQUIRE(patient["resourceType"] == "Patient");
    // identifier 1..*, name 1..* (us-core-6: a data-absent-reason when nobody gave one), gender 1..1.
    CHECK(patient["identifier"][0]["value"] == b.bundle["entry"][0]["fullUrl"]);
    CHECK(patient["name"][0]["extension"][0]["url"] == "http://hl7.org/fhir/StructureDefinition/data-absent-reason");
    CHECK(patient["gender"] == "unknown");
    const json* panel = observation(b, "88121-9");
    REQUIRE(panel);
    std::set<std::string> members;
    for (const json& m : (*panel)["hasMember"]) members.insert(m["reference"]);
    CHECK(members.size() == 2);
    for (const std::string& m : members) {
        const json& item = b.by_url.at(m);
        CHECK(item["performer"][0]["reference"] == b.bundle["entry"][0]["fullUrl"]);
        CHECK(item["code"]["coding"][0].value("display", "") != item["code"]["text"]);  // LOINC's, not the question
    }
    CHECK_FALSE(panel->contains("performer"));
    CHECK_FALSE(observation(b, "88124-3")->contains("performer"));  // derived
    // SDOHCC CodeSystem displays (SDOHCC-ValueSetSDOHCategory), not our sentence case.
    for (const json& c : (*observation(b, "88124-3"))["category"])
        if (c["coding"][0]["code"] == "food-insecurity") CHECK(c["coding"][0]["display"] == "Food Insecurity");
}

TEST_CASE("the Bundle builder can be shared with later resources") {
    fhir::Bundle bundle;
    int n = 0;
    bundle.set_id_source([&] { return "urn:uuid:00000000-0000-4000-8000-00000000000" + std::to_string(n++); });
    const auto q = load_builtin_instrument("phq-2");
    const Response r = Response::from_simple(q, {{"44250-9", "LA6571-9"}, {"44255-8", "LA6571-9"}});
    const ScreeningRefs refs = add_screening(bundle, r, score(r, "phq-2"), {"2026-01-01", "", ""});
    CHECK(refs.patient == "urn:uuid:00000000-0000-4000-8000-000000000000");
    CHECK(refs.conditions.count("depression") == 1);
    const std::string sr = bundle.add({{"resourceType", "ServiceRequest"}, {"reasonReference", {fhir::reference(refs.conditions.at("depression"))}}});
    CHECK(bundle.find(sr) != nullptr);
    CHECK_THROWS(bundle.add({{"resourceType", "Task"}}, sr));  // a fullUrl is used once
}
