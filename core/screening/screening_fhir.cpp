// Screening -> FHIR: QuestionnaireResponse, SDOHCC Observations and Conditions.
#include "core/screening/screening_fhir.hpp"

#include "core/base/utc_time.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace safetynet::core {

using nlohmann::json;
using fhir::kConditionCategory;
using fhir::kConditionClinical;
using fhir::kConditionVerification;
using fhir::kDataAbsent;
using fhir::kInterpretation;
using fhir::kLoinc;
using fhir::kObservationCategory;
using fhir::kSdohccCodes;
using fhir::kUsCoreCategory;
using fhir::codeable;
using fhir::reference;

namespace {

// SDOHCC profiles the resources claim (Observation Screening Response, Condition).
constexpr const char* kProfileObservation =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ObservationScreeningResponse";
constexpr const char* kProfileCondition = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Condition";

json coding_json(const Coding& c) {
    json j = json::object();
    if (!c.system.empty()) j["system"] = c.system;
    j["code"] = c.code;
    if (!c.display.empty()) j["display"] = c.display;
    return j;
}

// Observation.value[x] for one answer (Observation has no valueDecimal or valueDate).
void put_value(json& obs, const AnswerValue& v) {
    switch (v.type) {
        case ValueType::Boolean: obs["valueBoolean"] = v.boolean; break;
        case ValueType::Integer: obs["valueInteger"] = v.integer; break;
        case ValueType::Decimal: obs["valueQuantity"] = {{"value", v.decimal}}; break;
        case ValueType::String: obs["valueString"] = v.string; break;
        case ValueType::Date: obs["valueDateTime"] = v.string; break;
        case ValueType::Coding: {
            json cc = {{"coding", json::array({coding_json(v.coding)})}};
            if (!v.coding.display.empty()) cc["text"] = v.coding.display;
            obs["valueCodeableConcept"] = std::move(cc);
            break;
        }
    }
}

// The LOINC code of a question (its item.code, else a linkId that is a LOINC code).
std::optional<Coding> item_code(const Item& it) {
    for (const Coding& c : it.codes)
        if (c.system == kLoinc) return c;
    if (!it.codes.empty()) return it.codes.front();
    return std::nullopt;
}

json categories(const std::set<std::string>& domains) {
    json cats = json::array({codeable(kObservationCategory, "survey", "Survey"), codeable(kUsCoreCategory, "sdoh", "SDOH")});
    for (const std::string& d : domains) {
        for (const DomainInfo& info : known_domains())
            if (info.gravity && d == info.code) cats.push_back(codeable(kSdohccCodes, d, info.display));
    }
    return cats;
}

json pos() { return json::array({codeable(kInterpretation, "POS", "Positive")}); }

// Which domains, and which positive findings, each linkId belongs to.
struct ItemFindings {
    std::map<std::string, std::set<std::string>> domains_of;
    std::set<std::string> positive;
    const std::set<std::string>& domains(const std::string& link_id) const {
        static const std::set<std::string> none;
        const auto it = domains_of.find(link_id);
        return it == domains_of.end() ? none : it->second;
    }
};

ItemFindings item_findings(const ScreeningResult& result) {
    ItemFindings f;
    for (const Need& n : result.needs)
        for (const Evidence& e : n.evidence) {
            f.domains_of[e.link_id].insert(n.domain);
            if (e.positive && n.positive) f.positive.insert(e.link_id);
        }
    return f;
}

// The SDOHCC Observation of one answered (or declined) question.
json item_observation(const Response& response, std::size_t i, const Coding& code, const ItemFindings& findings,
                      const ScreeningRefs& refs, const std::string& when) {
    const Item& it = response.questionnaire().item(i);
    json obs = {{"resourceType", "Observation"},
                {"meta", {{"profile", json::array({kProfileObservation})}}},
                {"status", "final"},
                {"category", categories(findings.domains(it.link_id))},
                {"code", {{"coding", json::array({coding_json(code)})}, {"text", it.text.base}}},
                {"subject", reference(refs.patient)},
                {"effectiveDateTime", when}};
    const auto& answers = response.effective_answers(i);
    if (answers.size() == 1) {
        put_value(obs, answers[0]);
    } else if (answers.size() > 1) {
        // A multi-select answer: one component per choice (as the IG's PRAPARE example).
        json comps = json::array();
        for (const AnswerValue& a : answers) {
            json c = {{"code", {{"coding", json::array({coding_json(code)})}}}};
            put_value(c, a);
            comps.push_back(std::move(c));
        }
        obs["component"] = std::move(comps);
    } else {
        const bool declined = response.state(i) == AnswerState::Declined;
        obs["dataAbsentReason"] = codeable(kDataAbsent, declined ? "asked-declined" : "unknown",
                                           declined ? "Asked But Declined" : "Unknown");
    }
    if (findings.positive.count(it.link_id)) obs["interpretation"] = pos();
    obs["derivedFrom"] = json::array({reference(refs.questionnaire_response)});
    return obs;
}

// The Observation of a value the rules derived (a total score, a risk), derived from the item
// Observations it was computed from (no performer: nobody answered this one).
json derived_observation(const Need& n, const DerivedValue& d, const std::map<std::string, std::string>& obs_of,
                         const ScreeningRefs& refs, const std::string& when) {
    json obs = {{"resourceType", "Observation"},
                {"meta", {{"profile", json::array({kProfileObservation})}}},
                {"status", "final"},
                {"category", categories({n.domain})},
                {"code", {{"coding", json::array({coding_json(d.code)})}}},
                {"subject", reference(refs.patient)},
                {"effectiveDateTime", when}};
    put_value(obs, d.value);
    if (n.positive) obs["interpretation"] = pos();
    json from = json::array();
    for (const std::string& l : d.from)
        if (const auto it = obs_of.find(l); it != obs_of.end()) from.push_back(reference(it->second));
    if (from.empty()) from.push_back(reference(refs.questionnaire_response));
    obs["derivedFrom"] = std::move(from);
    return obs;
}

// The Condition of a positive need: a health concern (and an SDOHCC Condition for an SDOH
// domain), unconfirmed until a clinician confirms it, with its evidence.
json need_condition(const Need& n, const std::vector<std::string>& evidence, const ScreeningRefs& refs,
                    const std::string& when) {
    json cats = json::array({codeable(kConditionCategory, "health-concern", "Health Concern")});
    if (n.gravity) {
        cats.push_back(codeable(kUsCoreCategory, "sdoh", "SDOH"));
        cats.push_back(codeable(kSdohccCodes, n.domain, n.display));
    }
    json code = {{"text", n.display}};
    if (!n.codes.empty()) {
        json codings = json::array();
        for (const Coding& c : n.codes) codings.push_back(coding_json(c));
        code["coding"] = std::move(codings);
    }
    json cond = {{"resourceType", "Condition"},
                 {"clinicalStatus", codeable(kConditionClinical, "active", "Active")},
                 {"verificationStatus", codeable(kConditionVerification, "unconfirmed", "Unconfirmed")},
                 {"category", std::move(cats)},
                 {"code", std::move(code)},
                 {"subject", reference(refs.patient)},
                 {"recordedDate", when}};
    if (n.gravity) cond["meta"] = {{"profile", json::array({kProfileCondition})}};
    if (!evidence.empty()) {
        json detail = json::array();
        for (const std::string& e : evidence) detail.push_back(reference(e));
        cond["evidence"] = json::array({{{"detail", std::move(detail)}}});
    }
    return cond;
}

}  // namespace

ScreeningRefs add_screening(fhir::Bundle& bundle, const Response& response, const ScreeningResult& result,
                            const ScreeningFhirOptions& options) {
    ScreeningRefs refs;
    const std::string when = options.authored.empty() ? utc_now_rfc3339() : options.authored;
    refs.patient = options.patient;
    // The screening needs a subject (Observation.subject 1.., Condition.subject 1..1) but
    // not who it is: an anonymous Patient stands in until a referral names the person.
    if (refs.patient.empty()) refs.patient = bundle.add({{"resourceType", "Patient"}});

    QuestionnaireResponseOptions qro;
    qro.authored = when;
    qro.subject = refs.patient;
    qro.language = options.language;
    refs.questionnaire_response = bundle.add(response.to_fhir(qro));

    const ItemFindings findings = item_findings(result);
    const Questionnaire& q = response.questionnaire();
    std::map<std::string, std::string> obs_of;  // linkId -> Observation fullUrl
    for (std::size_t i = 0; i < q.items().size(); ++i) {
        const Item& it = q.item(i);
        if (!it.is_question() || !response.enabled(i)) continue;  // not asked: nothing observed
        const auto code = item_code(it);
        if (!code) continue;  // an uncoded question lives in the QuestionnaireResponse only
        const std::string url = bundle.add(item_observation(response, i, *code, findings, refs, when));
        obs_of[it.link_id] = url;
        refs.observations.push_back(url);
    }

    for (const Need& n : result.needs) {
        std::vector<std::string> evidence;
        for (const Evidence& e : n.evidence)
            if (e.positive && n.positive && obs_of.count(e.link_id)) evidence.push_back(obs_of[e.link_id]);
        for (const DerivedValue& d : n.derived) {
            const std::string url = bundle.add(derived_observation(n, d, obs_of, refs, when));
            refs.observations.push_back(url);
            if (n.positive) evidence.push_back(url);
        }
        if (n.positive) refs.conditions[n.domain] = bundle.add(need_condition(n, evidence, refs, when));
    }
    return refs;
}

json screening_bundle(const Response& response, const ScreeningResult& result, const ScreeningFhirOptions& options) {
    fhir::Bundle bundle("collection");
    ScreeningFhirOptions o = options;
    if (o.authored.empty()) o.authored = utc_now_rfc3339();
    bundle.set_timestamp(o.authored);
    add_screening(bundle, response, result, o);
    return bundle.to_json();
}

}  // namespace safetynet::core
