// Issue 13 item 3, one truth per score: a real form that computes a score a built-in rule also
// computes (LHC-Forms' PHQ-9 total 44261-6, the SDOHCC IG's Hunger Vital Sign risk 88124-3)
// gives one Observation per code, the form's; a planted disagreement is reported with both
// values. Skipped, with a message, when ../shared/realworld is not beside the repository.
#include "tests/support/test_helpers.hpp"
#include "core/screening/score_overlap.hpp"
#include "core/screening/screening_fhir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

using namespace safetynet::core;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kForms = safetynet::test::realworld("questionnaires");

bool forms_present() { return safetynet::test::realworld_present(kForms); }

json read_json(const std::string& name) {
    std::ifstream in(kForms / name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << name);
    return json::parse(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

// The Observations of the Bundle with this code.
std::vector<json> observations_with(const json& bundle, const std::string& code) {
    std::vector<json> out;
    for (const json& e : bundle["entry"])
        if (e["resource"]["resourceType"] == "Observation" && e["resource"]["code"]["coding"][0]["code"] == code)
            out.push_back(e["resource"]);
    return out;
}

// LHC-Forms' PHQ-9 with every item answered "More than half the days" (2 each: 18).
Response phq9(const json& form) {
    auto q = std::make_shared<const Questionnaire>(Questionnaire::parse(form.dump(), "lforms-phq9.json"));
    json answers = json::object();
    for (const char* c : {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"})
        answers[std::string("/") + c] = "LA6570-1";
    return Response::from_simple(q, answers);
}

}  // namespace

TEST_CASE("issue 13: a form's PHQ-9 total and the built-in rule's give one Observation, the form's") {
    if (!forms_present()) return;
    const Response r = phq9(read_json("lforms-phq9.json"));
    const ScreeningResult result = score(r, "lforms-phq9");
    REQUIRE(result.rules == "phq-9");
    const auto overlaps = score_overlaps(r, result);
    REQUIRE(overlaps.size() == 1);
    CHECK(overlaps[0].code.code == "44261-6");
    CHECK(overlaps[0].link_id == "/44261-6");
    CHECK_FALSE(overlaps[0].disagree);  // 18 = 18 (the form's decimal, the rule's integer)
    const json bundle = screening_bundle(r, result, {"2026-05-01T10:00:00Z", "", "en"});
    const auto totals = observations_with(bundle, "44261-6");
    REQUIRE(totals.size() == 1);
    CHECK(totals[0]["valueQuantity"]["value"] == 18.0);  // the form's item (decimal)
}

TEST_CASE("issue 13: a planted disagreement between the form and the rule is reported with both values") {
    if (!forms_present()) return;
    json form = read_json("lforms-phq9.json");
    // Plant it: the form's total expression adds one.
    int planted = 0;
    for (json& item : form["item"])
        if (item.contains("extension"))
            for (json& ext : item["extension"])
                if (ext["url"].get<std::string>().find("calculatedExpression") != std::string::npos) {
                    ext["valueExpression"]["expression"] = "(" + ext["valueExpression"]["expression"].get<std::string>() + ") + 1";
                    ++planted;
                }
    REQUIRE(planted == 1);
    const Response r = phq9(form);
    const ScreeningResult result = score(r, "lforms-phq9");
    const auto overlaps = score_overlaps(r, result);
    REQUIRE(overlaps.size() == 1);
    CHECK(overlaps[0].disagree);
    CHECK(overlaps[0].form_value == "19.0");  // the form's item is a decimal
    CHECK(overlaps[0].rule_value == "18");
    CHECK(overlap_warning(overlaps[0]) ==
          "44261-6 (/44261-6): the form computed 19.0, the built-in rule 18; the form's value is used");
    const auto totals = observations_with(screening_bundle(r, result, {"2026-05-01T10:00:00Z", "", "en"}), "44261-6");
    REQUIRE(totals.size() == 1);
    CHECK(totals[0]["valueQuantity"]["value"] == 19.0);
}

TEST_CASE("issue 13: the SDOHCC IG's Hunger Vital Sign response: one 88124-3, agreeing") {
    if (!forms_present()) return;
    auto q = std::make_shared<const Questionnaire>(
        Questionnaire::parse(read_json("sdohcc-hunger-vital-sign.json").dump(), "sdohcc-hunger-vital-sign.json"));
    const Response r = Response::from_fhir(q, read_json("sdohcc-hunger-vital-sign.response.json"));
    const ScreeningResult result = score(r, "sdohcc-hunger-vital-sign");
    const auto overlaps = score_overlaps(r, result);
    REQUIRE(overlaps.size() == 1);
    CHECK_FALSE(overlaps[0].disagree);
    const auto risks = observations_with(screening_bundle(r, result), "88124-3");
    REQUIRE(risks.size() == 1);
    CHECK(risks[0]["valueCodeableConcept"]["coding"][0]["code"] == "LA19952-3");  // at risk
    CHECK(risks[0]["interpretation"][0]["coding"][0]["code"] == "POS");
    CHECK_FALSE(risks[0].contains("performer"));  // computed, not answered
}
