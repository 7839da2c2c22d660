// Screening -> FHIR: QuestionnaireResponse, SDOHCC Observations and Conditions.
#include "core/screening/screening_fhir.hpp"

#include "core/base/utc_time.hpp"
#include "core/fhir/systems.hpp"
#include "core/screening/panel_code.hpp"
#include "core/screening/score_overlap.hpp"

#include <nlohmann/json.hpp>

#include <optional>
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
    if (!c.code.empty()) j["code"] = c.code;
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
        case ValueType::Date:
        case ValueType::DateTime: obs["valueDateTime"] = v.string; break;
        case ValueType::Time: obs["valueTime"] = v.string; break;
        case ValueType::Uri: obs["valueString"] = v.string; break;
        case ValueType::Quantity: {
            json q = {{"value", v.decimal}};
            if (!v.coding.display.empty() || !v.coding.code.empty())
                q["unit"] = v.coding.display.empty() ? v.coding.code : v.coding.display;
            if (!v.coding.system.empty()) q["system"] = v.coding.system;
            if (!v.coding.code.empty()) q["code"] = v.coding.code;
            obs["valueQuantity"] = std::move(q);
            break;
        }
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
    for (const std::string& d : domains)
        if (const char* display = sdohcc_category_display(d)) cats.push_back(codeable(kSdohccCodes, d, display));
    return cats;
}

// The person screened, as US Core 7 Patient requires of every subject an SDOHCC profile points
// at: an identifier (1..*), a name (1..*; us-core-6: family or given, else a data-absent-reason),
// a gender (1..1). A screening asks none of them: a fresh urn:uuid identifies this screening's
// subject (its own fullUrl), and name and gender are "unknown" (FHIR R4 data-absent-reason,
// AdministrativeGender).
std::string add_anonymous_patient(fhir::Bundle& bundle) {
    json dar = json::array({{{"url", fhir::kDataAbsentReasonExtension}, {"valueCode", "unknown"}}});
    const std::string url = bundle.add({{"resourceType", "Patient"},
                                        {"name", json::array({{{"extension", std::move(dar)}}})},
                                        {"gender", "unknown"}});
    (*bundle.find(url))["identifier"] = json::array({{{"system", fhir::kUriSystem}, {"value", url}}});
    return url;
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

// What every Observation of this screening shares: profile, status, categories, code, subject,
// when (effective = issued = when the person answered: the SDOHCC maps' QR.authored).
json observation_base(json category, json code, const ScreeningRefs& refs, const std::string& when) {
    json obs = {{"resourceType", "Observation"},
                {"meta", {{"profile", json::array({kProfileObservation})}}},
                {"status", "final"},
                {"category", std::move(category)},
                {"code", std::move(code)},
                {"subject", reference(refs.patient)},
                {"effectiveDateTime", when}};
    // Observation.issued is an instant: only a time with its zone fits (not a bare date).
    if (when.find('T') != std::string::npos) obs["issued"] = when;
    return obs;
}

// The SDOHCC Observations of one answered (or declined) question: one per answer, as the IG's
// PRAPARE map and US Core 7's screening guidance make of a multi-select question; performer =
// the person who answered (the maps' QR.subject), except on a calculated item.
std::vector<json> item_observations(const Response& response, std::size_t i, const Coding& code,
                                    const ItemFindings& findings, const ScreeningRefs& refs, const std::string& when) {
    const Item& it = response.questionnaire().item(i);
    // A display that repeats the question is the form's wording, not the code system's (LOINC's
    // display often differs, and a validator with LOINC flags it): the wording is code.text.
    Coding coded = code;
    if (coded.display == it.text.base) coded.display.clear();
    auto one = [&] {
        json obs = observation_base(categories(findings.domains(it.link_id)),
                                    {{"coding", json::array({coding_json(coded)})}, {"text", it.text.base}}, refs, when);
        // A calculated item is derived, not answered: no performer (the profile's rule for
        // derived Observations).
        if (!it.is_calculated()) obs["performer"] = json::array({reference(refs.patient)});
        return obs;
    };
    std::vector<json> out;
    const auto& answers = response.effective_answers(i);
    for (const AnswerValue& a : answers) {
        json obs = one();
        put_value(obs, a);
        out.push_back(std::move(obs));
    }
    if (answers.empty()) {
        json obs = one();
        const bool declined = response.state(i) == AnswerState::Declined;
        obs["dataAbsentReason"] = codeable(kDataAbsent, declined ? "asked-declined" : "unknown",
                                           declined ? "Asked But Declined" : "Unknown");
        out.push_back(std::move(obs));
    }
    for (json& obs : out) {
        if (findings.positive.count(it.link_id)) obs["interpretation"] = pos();
        obs["derivedFrom"] = json::array({reference(refs.questionnaire_response)});
    }
    return out;
}

// The panel's grouping Observation (SDOHCC's NHANES grouping example, the PRAPARE map's
// 93025-5): the form's LOINC code, no value, hasMember = every item Observation.
std::optional<json> panel_observation(const Questionnaire& q, const std::vector<std::string>& members,
                                      const std::set<std::string>& domains, const ScreeningRefs& refs,
                                      const std::string& when) {
    const std::optional<Coding> panel = panel_code(q);
    if (!panel || members.empty()) return std::nullopt;
    json obs = observation_base(categories(domains), {{"coding", json::array({coding_json(*panel)})}}, refs, when);
    json has = json::array();
    for (const std::string& m : members) has.push_back(reference(m));
    obs["hasMember"] = std::move(has);
    obs["derivedFrom"] = json::array({reference(refs.questionnaire_response)});
    return obs;
}

// The Observation of a value the rules derived (a total score, a risk), derived from the item
// Observations it was computed from (no performer: nobody answered this one).
json derived_observation(const Need& n, const DerivedValue& d, const std::map<std::string, std::string>& obs_of,
                         const ScreeningRefs& refs, const std::string& when) {
    json obs = observation_base(categories({n.domain}), {{"coding", json::array({coding_json(d.code)})}}, refs, when);
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
        const char* display = sdohcc_category_display(n.domain);
        cats.push_back(codeable(kSdohccCodes, n.domain, display ? display : n.display));
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
    // An imported response keeps its own time; else the caller's, else now.
    const std::string when = !response.authored().empty() ? response.authored()
                             : options.authored.empty()   ? utc_now_rfc3339()
                                                          : options.authored;
    refs.patient = options.patient;
    // An imported response names who answered: its Patient reference is kept, on the
    // QuestionnaireResponse as given and on every Observation (the SDOHCC maps: Observation.subject
    // = QR.subject). The Patient resource itself is not in the response, so not in the Bundle.
    const nlohmann::json& imported = response.subject();
    const bool imported_patient = refs.patient.empty() && imported.is_object() && imported.contains("reference") &&
                                  imported["reference"].get<std::string>().rfind("Patient/", 0) == 0;
    if (imported_patient) refs.patient = imported["reference"].get<std::string>();
    // The screening needs a subject (Observation.subject 1.., Condition.subject 1..1) but
    // not who it is: an anonymous Patient stands in until a referral names the person.
    if (refs.patient.empty()) refs.patient = add_anonymous_patient(bundle);

    QuestionnaireResponseOptions qro;
    qro.authored = when;
    if (!imported_patient) qro.subject = refs.patient;  // else the response's own, display and all
    qro.language = options.language;
    refs.questionnaire_response = bundle.add(response.to_fhir(qro));

    const ItemFindings findings = item_findings(result);
    const Questionnaire& q = response.questionnaire();
    std::map<std::string, std::string> obs_of;  // linkId -> its (first) Observation's fullUrl
    std::set<std::string> domains;              // of every item, for the panel
    for (std::size_t i = 0; i < q.items().size(); ++i) {
        const Item& it = q.item(i);
        if (!it.is_question() || !response.enabled(i)) continue;  // not asked: nothing observed
        const auto code = item_code(it);
        if (!code) continue;  // an uncoded question lives in the QuestionnaireResponse only
        for (json& obs : item_observations(response, i, *code, findings, refs, when)) {
            const std::string url = bundle.add(std::move(obs));
            obs_of.emplace(it.link_id, url);
            refs.observations.push_back(url);
        }
        domains.insert(findings.domains(it.link_id).begin(), findings.domains(it.link_id).end());
    }
    if (auto panel = panel_observation(q, refs.observations, domains, refs, when))
        refs.observations.insert(refs.observations.begin(), bundle.add(std::move(*panel)));

    // A score the form computes itself is written once, as the form's item (issue 13 item 3).
    std::map<std::string, std::string> form_scores;  // code -> the calculated item's Observation
    for (const ScoreOverlap& o : score_overlaps(response, result))
        if (const auto it = obs_of.find(o.link_id); it != obs_of.end()) form_scores[o.code.code] = it->second;
    for (const Need& n : result.needs) {
        std::vector<std::string> evidence;
        for (const Evidence& e : n.evidence)
            if (e.positive && n.positive && obs_of.count(e.link_id)) evidence.push_back(obs_of[e.link_id]);
        for (const DerivedValue& d : n.derived) {
            if (const auto form = form_scores.find(d.code.code); form != form_scores.end()) {
                if (n.positive) {
                    (*bundle.find(form->second))["interpretation"] = pos();
                    evidence.push_back(form->second);
                }
                continue;
            }
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
