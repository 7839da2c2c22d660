// Need scoring rules, one function per instrument.
//
// Answer codes and cut-offs: CMS AHC HRSN Screening Tool (2018) and its guide (2021);
// Hunger Vital Sign (SDOHCC IG Questionnaire and StructureMap); PRAPARE (SDOHCC IG map);
// PHQ-2/PHQ-9 (Kroenke et al.; the NLM/LHC PHQ-9 form). ICD-10-CM codes are the current
// (FY2026) ones: Z59.41 not Z59.4, Z59.00 not Z59.0 (the IG examples still show the retired
// codes). Where no current code fits a screening result, no code is suggested.
//
// [SECTION] Domains and codes
// [SECTION] Reading answers
// [SECTION] Hunger Vital Sign
// [SECTION] PHQ-2
// [SECTION] AHC HRSN
// [SECTION] PRAPARE
// [SECTION] PHQ-9
// [SECTION] Dispatch and JSON
#include "core/screening/scoring.hpp"

#include "core/screening/panel_code.hpp"

#include "core/base/i18n.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <span>

namespace safetynet::core {

using nlohmann::json;
using fhir::kIcd10cm;
using fhir::kLoinc;
using fhir::kSnomed;

namespace {

//----------------------------------------------------------------------------------------------
// [SECTION] Domains and codes
//----------------------------------------------------------------------------------------------

// A suggested code as literals: turned into a Coding (strings) only when the need is
// positive, so scoring a negative domain allocates nothing for its codes.
struct CodeLit {
    const char* system;
    const char* code;
    const char* display;
};
using Codes = std::span<const CodeLit>;
constexpr CodeLit snomed(const char* code, const char* display) { return {kSnomed, code, display}; }
constexpr CodeLit icd(const char* code, const char* display) { return {kIcd10cm, code, display}; }

// What each finding suggests, each code written once: the SNOMED CT finding and the ICD-10-CM
// code, or the one of them that fits.
constexpr CodeLit kFoodInsecurity[] = {snomed("733423003", "Food insecurity"), icd("Z59.41", "Food insecurity")};
constexpr CodeLit kHousingInstability[] = {
    snomed("1156191002", "Housing instability"),
    icd("Z59.811", "Housing instability, housed, with risk of homelessness")};
constexpr CodeLit kHomeless[] = {snomed("32911000", "Homeless"), icd("Z59.00", "Homelessness, unspecified")};
constexpr CodeLit kHousingUnsatisfactory[] = {snomed("105531004", "Housing unsatisfactory")};
constexpr CodeLit kHousingTooHotOrCold[] = {icd("Z59.11", "Inadequate housing environmental temperature")};
constexpr CodeLit kHousingOtherProblem[] = {icd("Z59.19", "Other inadequate housing")};
constexpr CodeLit kNoTransportation[] = {snomed("713458007", "Lack of access to transportation"),
                                         icd("Z59.82", "Transportation insecurity")};
constexpr CodeLit kUtilitiesShutOff[] = {icd("Z59.12", "Inadequate housing utilities")};
constexpr CodeLit kUtilitiesUnaffordable[] = {
    icd("Z59.861", "Financial insecurity, difficulty paying for utilities")};
constexpr CodeLit kPartnerAbuse[] = {snomed("706893006", "Victim of intimate partner abuse")};
constexpr CodeLit kFinancialInsecurity[] = {icd("Z59.869", "Financial insecurity, unspecified")};
constexpr CodeLit kEmploymentProblem[] = {icd("Z56.9", "Unspecified problems related to employment")};
constexpr CodeLit kUnemployed[] = {snomed("73438004", "Unemployed"), icd("Z56.0", "Unemployment, unspecified")};
constexpr CodeLit kNoHelpAtHome[] = {
    icd("Z74.2", "Need for assistance at home and no other household member able to render care")};
constexpr CodeLit kSocialIsolation[] = {snomed("422650009", "Social isolation"),
                                        icd("Z60.9", "Problem related to social environment, unspecified")};
constexpr CodeLit kEducationProblem[] = {icd("Z55.9", "Problems related to education and literacy, unspecified")};
constexpr CodeLit kNoDiploma[] = {icd("Z55.5", "Less than a high school diploma")};
constexpr CodeLit kNoExercise[] = {icd("Z72.3", "Lack of physical exercise")};
constexpr CodeLit kTobaccoUse[] = {snomed("110483000", "Tobacco user"), icd("Z72.0", "Tobacco use")};
constexpr CodeLit kDepression[] = {snomed("35489007", "Depressive disorder"), icd("F32.A", "Depression, unspecified")};
constexpr CodeLit kStress[] = {snomed("73595000", "Stress"), icd("Z73.3", "Stress, not elsewhere classified")};
constexpr CodeLit kDisability[] = {snomed("21134002", "Disability"),
                                   icd("Z73.6", "Limitation of activities due to disability")};
// ICD-10-CM FY2023 (Z59.87) and Z59.7: SDOHCC Conditions need a coded Condition.code
// (US Core condition codes, a required binding), so every Gravity domain we score has one.
constexpr CodeLit kMaterialHardship[] = {
    icd("Z59.87", "Material hardship due to limited financial resources, not elsewhere classified")};
constexpr CodeLit kNoInsurance[] = {icd("Z59.7", "Insufficient social insurance and welfare support")};
constexpr CodeLit kIncarceration[] = {icd("Z65.1", "Imprisonment and other incarceration")};
constexpr Codes kNoCodes{};

void add_codings(std::vector<Coding>& out, Codes codes) {
    for (const CodeLit& c : codes) out.push_back({c.system, c.code, c.display});
}
std::vector<Coding> to_codings(Codes codes) {
    std::vector<Coding> out;
    out.reserve(codes.size());
    add_codings(out, codes);
    return out;
}

const DomainInfo* domain_info(std::string_view code) {
    for (const DomainInfo& d : known_domains())
        if (code == d.code) return &d;
    return nullptr;
}

Need make_need(const char* domain) {
    Need n;
    n.domain = domain;
    if (const DomainInfo* d = domain_info(domain)) {
        n.display = d->display;
        n.gravity = d->gravity;
    }
    return n;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Reading answers
//----------------------------------------------------------------------------------------------

// Numbers for answers whose options carry no ordinalValue in an imported copy: the LOINC
// answer lists' own values (HITS 1-5, PHQ 0-3, exercise days and minutes).
std::optional<double> known_weight(std::string_view item, std::string_view code) {
    struct Row { const char* item; const char* code; double value; };
    static const Row rows[] = {
        // HITS items 7-10 (any of them): Never 1 .. Frequently 5
        {"hits", "LA6270-8", 1}, {"hits", "LA10066-1", 2}, {"hits", "LA10082-8", 3}, {"hits", "LA16644-9", 4},
        {"hits", "LA6482-9", 5},
        // PHQ items: Not at all 0 .. Nearly every day 3
        {"phq", "LA6568-5", 0}, {"phq", "LA6569-3", 1}, {"phq", "LA6570-1", 2}, {"phq", "LA6571-9", 3},
        // 89555-7 days per week
        {"89555-7", "LA6111-4", 0}, {"89555-7", "LA6112-2", 1}, {"89555-7", "LA6113-0", 2},
        {"89555-7", "LA6114-8", 3}, {"89555-7", "LA6115-5", 4}, {"89555-7", "LA10137-0", 5},
        {"89555-7", "LA10138-8", 6}, {"89555-7", "LA10139-6", 7},
        // 68516-4 minutes per day
        {"68516-4", "LA6111-4", 0}, {"68516-4", "LA13942-0", 10}, {"68516-4", "LA19282-5", 20},
        {"68516-4", "LA28855-7", 30}, {"68516-4", "LA28858-1", 40}, {"68516-4", "LA28854-0", 50},
        {"68516-4", "LA28853-2", 60}, {"68516-4", "LA28891-2", 90}, {"68516-4", "LA32059-0", 120},
        {"68516-4", "LA32060-8", 150},
    };
    static const char* hits[] = {"95618-5", "95617-7", "95616-9", "95615-1"};
    std::string_view family = item;
    if (std::find(std::begin(hits), std::end(hits), item) != std::end(hits)) family = "hits";
    else if (item.rfind("4425", 0) == 0 || item.rfind("4426", 0) == 0) family = "phq";
    for (const Row& r : rows)
        if (family == r.item && code == r.code) return r.value;
    return std::nullopt;
}

// Reads one instrument's answers by LOINC item code, remembering what it read as evidence.
class Reader {
public:
    explicit Reader(const Response& r) : m_r(r), m_q(r.questionnaire()) {}

    bool has_item(const char* code) const { return m_q.find_by_code(code).has_value(); }

    // The item's evidence: state and the answers while it is enabled.
    Evidence evidence(const char* code) const {
        Evidence e;
        e.link_id = code;
        const auto i = m_q.find_by_code(code);
        if (!i) return e;
        e.link_id = m_q.item(*i).link_id;
        if (!m_r.enabled(*i)) return e;  // not asked: unanswered
        e.state = m_r.state(*i);
        // The values only: a coding keeps its code (system and display are the Questionnaire's
        // and would cost two allocations per answer, most of the scoring time).
        const auto& answers = m_r.effective_answers(*i);
        e.answers.reserve(answers.size());
        for (const AnswerValue& a : answers) {
            if (a.type != ValueType::Coding) {
                e.answers.push_back(a);
                continue;
            }
            AnswerValue v;
            v.type = ValueType::Coding;
            v.coding.code = a.coding.code;
            e.answers.push_back(std::move(v));
        }
        // PRAPARE's "I choose not to answer" and HVS's "Don't know/refused" are declines.
        if (e.answers.size() == 1 && e.answers[0].type == ValueType::Coding &&
            (e.answers[0].coding.code == "LA30122-8" || e.answers[0].coding.code == "LA15775-2"))
            e.state = AnswerState::Declined;
        return e;
    }

    // Evidence whose answers include any of these codes is positive.
    Evidence coded(const char* code, std::initializer_list<const char*> positive_codes) const {
        Evidence e = evidence(code);
        for (const AnswerValue& a : e.answers)
            for (const char* p : positive_codes)
                if (a.type == ValueType::Coding && a.coding.code == p) e.positive = true;
        return e;
    }

    static bool has_code(const Evidence& e, const char* code) {
        return std::any_of(e.answers.begin(), e.answers.end(),
                           [&](const AnswerValue& a) { return a.type == ValueType::Coding && a.coding.code == code; });
    }
    static bool answered(const Evidence& e) { return e.state == AnswerState::Answered; }

    // The number an answered item stands for: its option's ordinalValue, the LOINC list's
    // value, or the integer/decimal itself.
    std::optional<double> number(const char* code) const {
        const auto i = m_q.find_by_code(code);
        if (!i || !m_r.enabled(*i)) return std::nullopt;
        const auto& answers = m_r.effective_answers(*i);
        if (answers.size() != 1) return std::nullopt;
        const AnswerValue& a = answers[0];
        if (a.type == ValueType::Integer) return static_cast<double>(a.integer);
        if (a.type == ValueType::Decimal) return a.decimal;
        const Item& it = m_q.item(*i);
        if (const auto o = it.find_option(a); o && it.options[*o].weight) return *it.options[*o].weight;
        if (a.type == ValueType::Coding) return known_weight(code, a.coding.code);
        return std::nullopt;
    }

    // The sum of the items' numbers, or nullopt unless every one is answered.
    std::optional<double> sum(std::span<const char* const> codes) const {
        double total = 0;
        for (const char* c : codes) {
            const auto n = number(c);
            if (!n) return std::nullopt;
            total += *n;
        }
        return total;
    }

private:
    const Response& m_r;
    const Questionnaire& m_q;
};

bool all_answered(const std::vector<Evidence>& ev) {
    return std::all_of(ev.begin(), ev.end(), [](const Evidence& e) { return Reader::answered(e); });
}
bool any_positive(const std::vector<Evidence>& ev) {
    return std::any_of(ev.begin(), ev.end(), [](const Evidence& e) { return e.positive; });
}

// A need decided by "any positive item"; decided once every item is answered, or sooner
// when one is already positive.
Need simple_need(const char* domain, std::vector<Evidence> ev, Codes codes) {
    Need n = make_need(domain);
    n.positive = any_positive(ev);
    n.answered = n.positive || all_answered(ev);
    if (n.positive) n.codes = to_codings(codes);
    n.evidence = std::move(ev);
    return n;
}
// One item decides the domain (most rules): no vector literal, so the evidence is moved,
// not copied out of an initializer_list.
Need simple_need(const char* domain, Evidence e, Codes codes) {
    std::vector<Evidence> ev;
    ev.push_back(std::move(e));
    return simple_need(domain, std::move(ev), codes);
}
Need simple_need(const char* domain, Evidence e, std::vector<Coding> codes) {
    std::vector<Evidence> ev;
    ev.push_back(std::move(e));
    Need n = simple_need(domain, std::move(ev), kNoCodes);
    if (n.positive) n.codes = std::move(codes);
    return n;
}
// The same with codes chosen from the answers (already built, only for positives).
Need simple_need(const char* domain, std::vector<Evidence> ev, std::vector<Coding> codes) {
    Need n = simple_need(domain, std::move(ev), kNoCodes);
    if (n.positive) n.codes = std::move(codes);
    return n;
}

DerivedValue derived_integer(const char* code, const char* display, double value, std::vector<std::string> from) {
    return DerivedValue{{kLoinc, code, display}, AnswerValue::of_integer(static_cast<std::int64_t>(value)), std::move(from)};
}

std::vector<std::string> link_ids(const std::vector<Evidence>& ev) {
    std::vector<std::string> out;
    for (const Evidence& e : ev) out.push_back(e.link_id);
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Hunger Vital Sign (also AHC items 3-4)
//----------------------------------------------------------------------------------------------

// HVS: "often true" or "sometimes true" to either or both statements = at risk. The risk
// (88124-3) exists as soon as either is answered (the IG's calculatedExpression).
Need food_insecurity(const Reader& rd) {
    std::vector<Evidence> ev;
    ev.push_back(rd.coded("88122-7", {"LA28397-0", "LA6729-3"}));
    ev.push_back(rd.coded("88123-5", {"LA28397-0", "LA6729-3"}));
    const bool either = Reader::answered(ev[0]) || Reader::answered(ev[1]);
    Need n = simple_need("food-insecurity", std::move(ev), kFoodInsecurity);
    if (either) {
        DerivedValue d;
        d.code = {kLoinc, "88124-3", "Food insecurity risk [HVS]"};
        d.value = n.positive ? AnswerValue::of_coding(kLoinc, "LA19952-3", "At risk")
                             : AnswerValue::of_coding(kLoinc, "LA19983-8", "No risk");
        d.from = link_ids(n.evidence);
        n.derived.push_back(std::move(d));
    }
    return n;
}

//----------------------------------------------------------------------------------------------
// [SECTION] PHQ-2 (also AHC items 23a-b)
//----------------------------------------------------------------------------------------------

constexpr const char* kPhq2Items[] = {"44250-9", "44255-8"};

// The sum of the two items (0-3 each); 3 or more screens positive for depression (Kroenke 2003).
Need phq2_depression(const Reader& rd) {
    Need n = make_need("depression");
    for (const char* c : kPhq2Items) n.evidence.push_back(rd.evidence(c));
    if (const auto total = rd.sum(kPhq2Items)) {
        n.answered = true;
        n.score = *total;
        n.positive = *total >= 3;
        for (Evidence& e : n.evidence) e.positive = n.positive;
        n.derived.push_back(derived_integer("55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]",
                                            *total, link_ids(n.evidence)));
        if (n.positive) n.codes = to_codings(kDepression);
    }
    return n;
}

//----------------------------------------------------------------------------------------------
// [SECTION] AHC HRSN
//----------------------------------------------------------------------------------------------

// Q2: any problem but "None of the above" (LA9-3), even when LA9-3 is also ticked.
Need ahc_housing_quality(const Reader& rd) {
    Evidence e = rd.evidence("96778-6");
    bool heat = false, other = false;
    for (const AnswerValue& a : e.answers) {
        if (a.type != ValueType::Coding || a.coding.code == "LA9-3") continue;
        (a.coding.code == "LA31998-0" ? heat : other) = true;
    }
    e.positive = heat || other;
    std::vector<Coding> codes;
    if (e.positive) add_codings(codes, kHousingUnsatisfactory);
    if (heat) add_codings(codes, kHousingTooHotOrCold);
    if (other) add_codings(codes, kHousingOtherProblem);
    return simple_need("inadequate-housing", std::move(e), std::move(codes));
}

// Q6: threatened (Yes) or already shut off.
Need ahc_utilities(const Reader& rd) {
    Evidence e = rd.coded("96779-4", {"LA33-6", "LA32002-0"});
    std::vector<Coding> codes;
    if (Reader::has_code(e, "LA32002-0")) add_codings(codes, kUtilitiesShutOff);
    if (Reader::has_code(e, "LA33-6")) add_codings(codes, kUtilitiesUnaffordable);
    return simple_need("utility-insecurity", std::move(e), std::move(codes));
}

constexpr const char* kHitsItems[] = {"95618-5", "95617-7", "95616-9", "95615-1"};

// Q7-10, HITS: the sum of the four (1-5 each) is 11 or more; only when all four are answered
// (SHIN-NY "Ensuring a screen is complete"; the NLM form's help text). Positive is urgent.
void score_hits(const Reader& rd, ScreeningResult& out) {
    Need n = make_need("intimate-partner-violence");
    for (const char* c : kHitsItems) n.evidence.push_back(rd.evidence(c));
    const auto total = rd.sum(kHitsItems);
    n.answered = total.has_value();
    if (total) {
        n.score = *total;
        n.positive = *total >= 11;
        for (std::size_t k = 0; k < std::size(kHitsItems); ++k) {
            const auto v = rd.number(kHitsItems[k]);
            n.evidence[k].positive = n.positive && v && *v > 1;  // the answers that made up the score
        }
        n.derived.push_back(derived_integer("95614-4", "Total score [HITS]", *total, link_ids(n.evidence)));
    }
    if (n.positive) {
        n.urgent = true;
        n.codes = to_codings(kPartnerAbuse);
        out.alerts.push_back({n.domain, "95614-4", "interpersonal-safety",
                              "Interpersonal safety screen positive (HITS score " +
                                  std::to_string(static_cast<int>(*total)) +
                                  " of 20, 11 or more): follow the site's safety protocol now."});
    }
    out.needs.push_back(std::move(n));
}

// The core questions 1-10.
void score_ahc_core(const Reader& rd, ScreeningResult& out) {
    if (rd.has_item("71802-3")) {
        // Q1: LA31995-6 (no steady place) is homelessness, LA31994-9 (worried about losing it)
        // housing instability. The IG's Example 5 swaps the two; the answer texts do not.
        out.needs.push_back(
            simple_need("housing-instability", rd.coded("71802-3", {"LA31994-9"}), kHousingInstability));
        out.needs.push_back(simple_need("homelessness", rd.coded("71802-3", {"LA31995-6"}), kHomeless));
    }
    if (rd.has_item("96778-6")) out.needs.push_back(ahc_housing_quality(rd));
    if (rd.has_item("88122-7") || rd.has_item("88123-5")) out.needs.push_back(food_insecurity(rd));
    if (rd.has_item("93030-5"))
        out.needs.push_back(
            simple_need("transportation-insecurity", rd.coded("93030-5", {"LA33-6"}), kNoTransportation));
    if (rd.has_item("96779-4")) out.needs.push_back(ahc_utilities(rd));
    if (rd.has_item("95618-5")) score_hits(rd, out);
}

// Q13 family and community support and Q14 loneliness both screen social connection.
Need ahc_social_connection(const Reader& rd) {
    std::vector<Evidence> ev;
    std::vector<Coding> codes;
    if (rd.has_item("96781-0")) {
        ev.push_back(rd.coded("96781-0", {"LA31978-2", "LA31979-0"}));
        if (ev.back().positive) add_codings(codes, kNoHelpAtHome);
    }
    if (rd.has_item("93159-2")) {
        ev.push_back(rd.coded("93159-2", {"LA10044-8", "LA9933-8"}));
        if (ev.back().positive) add_codings(codes, kSocialIsolation);
    }
    return simple_need("social-connection", std::move(ev), std::move(codes));
}

// Q17 x Q18: under 150 minutes of moderate exercise a week (the Exercise Vital Sign). With 0
// days the minutes question is not asked and the total is 0.
Need ahc_physical_activity(const Reader& rd) {
    Need n = make_need("physical-activity");
    n.evidence = {rd.evidence("89555-7"), rd.evidence("68516-4")};
    const auto days = rd.number("89555-7");
    std::optional<double> minutes = rd.number("68516-4");
    if (days && *days == 0) minutes = 0;
    if (days && minutes) {
        n.answered = true;
        n.score = *days * *minutes;
        n.positive = *n.score < 150;
        for (Evidence& e : n.evidence) e.positive = n.positive && e.state == AnswerState::Answered;
        if (n.positive) n.codes = to_codings(kNoExercise);
    }
    return n;
}

// Q19-22: any answer but "Never" (LA6270-8); tobacco (Q20) has codes of its own.
Need ahc_substance_use(const Reader& rd) {
    const char* positive[] = {"LA26460-8", "LA18876-5", "LA18891-4", "LA18934-2"};
    std::vector<Evidence> ev;
    std::vector<Coding> codes;
    for (const char* c : {"68517-2", "96842-0", "95530-2", "68524-8"}) {
        if (!rd.has_item(c)) continue;
        Evidence e = rd.evidence(c);
        for (const char* p : positive) e.positive = e.positive || Reader::has_code(e, p);
        if (e.positive && std::string_view(c) == "96842-0") codes = to_codings(kTobaccoUse);
        ev.push_back(std::move(e));
    }
    return simple_need("substance-use", std::move(ev), std::move(codes));
}

// The supplemental questions 11-26 (ahc-hrsn-full, or any form that has them).
void score_ahc_supplemental(const Reader& rd, ScreeningResult& out) {
    if (rd.has_item("76513-1"))
        out.needs.push_back(simple_need("financial-insecurity", rd.coded("76513-1", {"LA15832-1", "LA22683-9"}),
                                        kFinancialInsecurity));
    if (rd.has_item("96780-2"))
        out.needs.push_back(simple_need("employment-status", rd.coded("96780-2", {"LA31981-6", "LA31982-4"}),
                                        kEmploymentProblem));
    if (rd.has_item("96781-0") || rd.has_item("93159-2")) out.needs.push_back(ahc_social_connection(rd));
    if (rd.has_item("96782-8"))
        out.needs.push_back(simple_need("educational-attainment", rd.coded("96782-8", {"LA33-6"}), kEducationProblem));
    if (rd.has_item("89555-7")) out.needs.push_back(ahc_physical_activity(rd));
    if (rd.has_item("68517-2") || rd.has_item("96842-0") || rd.has_item("95530-2") || rd.has_item("68524-8"))
        out.needs.push_back(ahc_substance_use(rd));
    if (rd.has_item("44250-9") && rd.has_item("44255-8")) out.needs.push_back(phq2_depression(rd));  // Q23a + Q23b
    if (rd.has_item("93038-8"))
        out.needs.push_back(simple_need("stress", rd.coded("93038-8", {"LA13902-4", "LA13914-9"}), kStress));
    if (rd.has_item("69858-9") || rd.has_item("69861-3")) {
        std::vector<Evidence> ev;
        for (const char* c : {"69858-9", "69861-3"})
            if (rd.has_item(c)) ev.push_back(rd.coded(c, {"LA33-6"}));
        out.needs.push_back(simple_need("disability", std::move(ev), kDisability));
    }
}

void score_ahc(const Reader& rd, ScreeningResult& out) {
    score_ahc_core(rd, out);
    score_ahc_supplemental(rd, out);
}

void score_hvs(const Reader& rd, ScreeningResult& out) { out.needs.push_back(food_insecurity(rd)); }

//----------------------------------------------------------------------------------------------
// [SECTION] PRAPARE
//----------------------------------------------------------------------------------------------

// Risk answers as the SDOHCC IG's PRAPARE map reads them (Homeless, Unemployed) and the
// PRAPARE manual's risk tallies for the rest. Personal characteristics (race, ethnicity,
// language, veteran, farm work, refugee), household size, income and address are recorded in
// the QuestionnaireResponse but are not needs.
void score_prapare(const Reader& rd, ScreeningResult& out) {
    out.needs.push_back(simple_need("homelessness", rd.coded("71802-3", {"LA30190-5"}), kHomeless));
    out.needs.push_back(simple_need("housing-instability", rd.coded("93033-9", {"LA33-6"}), kHousingInstability));
    out.needs.push_back(simple_need("educational-attainment", rd.coded("82589-3", {"LA30191-3"}), kNoDiploma));
    out.needs.push_back(simple_need("employment-status", rd.coded("67875-5", {"LA17956-6"}), kUnemployed));
    out.needs.push_back(simple_need("health-insurance-coverage-status", rd.coded("76437-3", {"LA30194-7"}), kNoInsurance));
    // 93031-3 "unable to get": food and utilities have their own domains, the rest is
    // material hardship. Each domain is decided once the question is answered.
    out.needs.push_back(simple_need("food-insecurity", rd.coded("93031-3", {"LA30125-1"}), kFoodInsecurity));
    out.needs.push_back(simple_need("utility-insecurity", rd.coded("93031-3", {"LA30124-4"}), kUtilitiesUnaffordable));
    out.needs.push_back(simple_need("material-hardship",
                                    {rd.coded("93031-3", {"LA30126-9", "LA30127-7", "LA30128-5", "LA30129-3", "LA46-8"})},
                                    kMaterialHardship));
    out.needs.push_back(
        simple_need("transportation-insecurity", rd.coded("93030-5", {"LA30133-5", "LA30134-3"}), kNoTransportation));
    out.needs.push_back(
        simple_need("social-connection", rd.coded("93029-7", {"LA27722-0", "LA30130-1"}), kSocialIsolation));
    out.needs.push_back(simple_need("stress", rd.coded("93038-8", {"LA13902-4", "LA13914-9"}), kStress));
    out.needs.push_back(simple_need("incarceration-status", rd.coded("93028-9", {"LA33-6"}), kIncarceration));
    std::vector<Evidence> safety_ev;
    safety_ev.push_back(rd.coded("93026-3", {"LA32-8"}));
    safety_ev.push_back(rd.coded("76501-6", {"LA33-6"}));
    Need safety = simple_need("intimate-partner-violence", std::move(safety_ev), kPartnerAbuse);
    if (safety.positive) {
        safety.urgent = true;
        out.alerts.push_back({safety.domain, safety.evidence[0].positive ? safety.evidence[0].link_id : safety.evidence[1].link_id,
                              "interpersonal-safety",
                              "The patient does not feel safe or is afraid of a partner: follow the site's safety protocol now."});
    }
    out.needs.push_back(std::move(safety));
}

//----------------------------------------------------------------------------------------------
// [SECTION] PHQ-9 (and PHQ-2 on its own)
//----------------------------------------------------------------------------------------------

void score_phq2(const Reader& rd, ScreeningResult& out) { out.needs.push_back(phq2_depression(rd)); }

const char* phq9_band(double total) {
    if (total >= 20) return "severe";
    if (total >= 15) return "moderately-severe";
    if (total >= 10) return "moderate";
    if (total >= 5) return "mild";
    return "minimal";
}

// Items 1-9; the first two are the PHQ-2's.
constexpr const char* kPhq9Items[] = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                      "44258-2", "44252-5", "44253-3", "44260-8"};

void score_phq9(const Reader& rd, ScreeningResult& out) {
    Need n = make_need("depression");
    for (const char* c : kPhq9Items) n.evidence.push_back(rd.evidence(c));
    const auto total = rd.sum(kPhq9Items);
    if (total) {
        n.answered = true;
        n.score = *total;
        n.band = phq9_band(*total);
        n.positive = *total >= 10;  // moderate or worse
        n.derived.push_back(derived_integer("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
                                            *total, link_ids(n.evidence)));
    }
    // Item 9 (thoughts of being better off dead or of self-harm): any answer above "Not at
    // all" needs a same-day safety assessment, whatever the total.
    const auto self_harm = rd.number("44260-8");
    if (self_harm && *self_harm > 0) {
        n.urgent = true;
        n.positive = true;
        n.evidence.back().positive = true;
        out.alerts.push_back({n.domain, n.evidence.back().link_id, "self-harm",
                              "PHQ-9 item 9: thoughts of death or self-harm reported. Assess suicide risk before "
                              "the patient leaves; follow the site's safety protocol now."});
    }
    if (n.positive) {
        for (std::size_t k = 0; k < n.evidence.size(); ++k) {
            const auto v = rd.number(kPhq9Items[k]);
            n.evidence[k].positive = n.evidence[k].positive || (v && *v > 0);
        }
        n.codes = to_codings(kDepression);
    }
    out.needs.push_back(std::move(n));
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Dispatch and JSON
//----------------------------------------------------------------------------------------------

const std::vector<DomainInfo>& known_domains() {
    static const std::vector<DomainInfo> domains = {
        {"food-insecurity", "Food insecurity", true, "Food Insecurity"},
        {"housing-instability", "Housing instability", true, "Housing Instability"},
        {"homelessness", "Homelessness", true, "Homelessness"},
        {"inadequate-housing", "Inadequate housing", true, "Inadequate Housing"},
        {"transportation-insecurity", "Transportation insecurity", true, "Transportation Insecurity"},
        {"utility-insecurity", "Utility insecurity", true, "Utility Insecurity"},
        {"financial-insecurity", "Financial insecurity", true, "Financial Insecurity"},
        {"material-hardship", "Material hardship", true, "Material Hardship"},
        {"employment-status", "Employment status", true, "Employment Status"},
        {"educational-attainment", "Educational attainment", true, "Educational Attainment"},
        {"social-connection", "Social connection", true, "Social Connection"},
        {"stress", "Stress", true, "Stress"},
        {"intimate-partner-violence", "Intimate partner violence", true, "Intimate Partner Violence"},
        {"health-insurance-coverage-status", "Health insurance coverage status", true, "Health Insurance Coverage Status"},
        {"incarceration-status", "Incarceration status", true, "Incarceration Status"},
        // Ours: not SDOH categories of the SDOHCC value set.
        {"depression", "Depression", false},
        {"physical-activity", "Physical activity", false},
        {"substance-use", "Substance use", false},
        {"disability", "Disability", false},
    };
    return domains;
}

const char* sdohcc_category_display(std::string_view domain) {
    for (const DomainInfo& d : known_domains())
        if (domain == d.code) return d.sdohcc_display;
    return nullptr;
}

namespace {
struct RuleSet {
    const char* name;
    std::initializer_list<const char*> urls;
    std::initializer_list<const char*> panel_codes;
    void (*run)(const Reader&, ScreeningResult&);
};
// The full AHC form carries both panel codes; the core rules cover it (they score whatever
// supplemental items are present), so one rule set serves both.
const RuleSet kRuleSets[] = {
    {"ahc-hrsn", {"urn:safetynet:questionnaire:ahc-hrsn", "urn:safetynet:questionnaire:ahc-hrsn-full"},
     {"96777-8", "97023-6"}, score_ahc},
    {"hunger-vital-sign", {"urn:safetynet:questionnaire:hunger-vital-sign",
                           "http://hl7.org/fhir/us/sdoh-clinicalcare/Questionnaire/SDOHCC-QuestionnaireHungerVitalSign"},
     {"88121-9"}, score_hvs},
    {"prapare", {"urn:safetynet:questionnaire:prapare",
                 "http://hl7.org/fhir/us/sdoh-clinicalcare/Questionnaire/SDOHCC-QuestionnairePRAPARE"},
     {"93025-5"}, score_prapare},
    {"phq-9", {"urn:safetynet:questionnaire:phq-9"}, {"44249-1"}, score_phq9},
    {"phq-2", {"urn:safetynet:questionnaire:phq-2"}, {"55757-9"}, score_phq2},
};

const RuleSet* find_rules(const Questionnaire& q) {
    for (const RuleSet& rs : kRuleSets)
        for (const char* u : rs.urls)
            if (q.url() == u) return &rs;
    for (const RuleSet& rs : kRuleSets)
        for (const char* c : rs.panel_codes) {
            // The panel code as Questionnaire.code, or as the code of a top-level group (the
            // LOINC/IG style: item "/93025-5" coded 93025-5 wraps the whole form).
            if (q.has_code(c)) return &rs;
            for (const std::size_t r : q.roots())
                for (const Coding& code : q.item(r).codes)
                    if (code.code == c) return &rs;
        }
    return nullptr;
}

json answer_json(const AnswerValue& v) {
    switch (v.type) {
        case ValueType::Boolean: return v.boolean;
        case ValueType::Integer: return v.integer;
        case ValueType::Decimal: return v.decimal;
        case ValueType::Coding: return v.coding.code;
        default: return v.string;
    }
}

const char* state_name(AnswerState s) {
    switch (s) {
        case AnswerState::Answered: return "answered";
        case AnswerState::Declined: return "declined";
        default: return "unanswered";
    }
}
}  // namespace

std::optional<Coding> panel_code(const Questionnaire& q) {
    for (const Coding& c : q.codes())
        if (c.system == kLoinc) return c;
    if (const RuleSet* rs = find_rules(q); rs && rs->panel_codes.size() > 0)
        return Coding{kLoinc, *rs->panel_codes.begin(), ""};
    return std::nullopt;
}

std::string rule_set_for(const Questionnaire& q) {
    const RuleSet* rs = find_rules(q);
    return rs ? rs->name : "";
}

ScreeningResult score(const Response& r, std::string_view instrument) {
    ScreeningResult out;
    out.instrument = std::string(instrument);
    const bool valid = r.validate().empty();
    const RuleSet* rs = find_rules(r.questionnaire());
    if (!rs) {
        out.complete = valid;
        return out;
    }
    out.rules = rs->name;
    out.needs.reserve(20);  // the most any rule set emits (AHC full: 16)
    const Reader reader(r);
    rs->run(reader, out);
    out.urgent = !out.alerts.empty();
    out.complete = valid && std::all_of(out.needs.begin(), out.needs.end(), [](const Need& n) { return n.answered; });
    return out;
}

json needs_json(const ScreeningResult& result, const Translator& tr) {
    auto translated = [&](const std::string& key, const std::string& fallback) {
        const std::string text = tr.tr(key);
        return text == key ? fallback : text;
    };
    json needs = json::array();
    for (const Need& n : result.needs) {
        json codes = json::array();
        for (const Coding& c : n.codes) codes.push_back({{"system", c.system}, {"code", c.code}, {"display", c.display}});
        json evidence = json::array();
        for (const Evidence& e : n.evidence) {
            json answers = json::array();
            for (const AnswerValue& a : e.answers) answers.push_back(answer_json(a));
            evidence.push_back({{"linkId", e.link_id}, {"state", state_name(e.state)}, {"answers", std::move(answers)},
                                {"positive", e.positive}});
        }
        json need = {{"domain", n.domain},
                     {"display", translated("screening.domain." + n.domain, n.display)},
                     {"positive", n.positive},
                     {"urgent", n.urgent},
                     {"answered", n.answered},
                     {"score", n.score ? json(*n.score) : json(nullptr)},
                     {"codes", std::move(codes)},
                     {"evidence", std::move(evidence)}};
        if (!n.band.empty()) need["band"] = n.band;
        needs.push_back(std::move(need));
    }
    json alerts = json::array();
    for (const Alert& a : result.alerts)
        alerts.push_back({{"domain", a.domain},
                          {"linkId", a.link_id},
                          {"kind", a.kind},
                          {"message", tr.language() == "en" ? a.message : translated("screening.alert." + a.kind, a.message)}});
    return {{"instrument", result.instrument},
            {"rules", result.rules.empty() ? json(nullptr) : json(result.rules)},
            {"complete", result.complete},
            {"urgent", result.urgent},
            {"alerts", std::move(alerts)},
            {"needs", std::move(needs)}};
}

}  // namespace safetynet::core
