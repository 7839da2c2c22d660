// Scoring rules with their boundary cases: every tests/data/screening/scoring/*.case.json
// holds an instrument, answers and the expected needs (written from the instruments' rules,
// see docs/SCREENING.md), and every case is checked here.
#include "core/base/error.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

using namespace safetynet::core;
using nlohmann::json;
using safetynet::test::read_test_file;

namespace {

const std::string kData = std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/screening/";

std::shared_ptr<const Questionnaire> instrument(const std::string& name) {
    if (name.rfind("file:", 0) == 0)
        return std::make_shared<const Questionnaire>(Questionnaire::parse(read_test_file(kData + name.substr(5)), name));
    return load_builtin_instrument(name);
}

const Need* find_need(const ScreeningResult& r, const std::string& domain) {
    for (const Need& n : r.needs)
        if (n.domain == domain) return &n;
    return nullptr;
}

void check_case(const std::string& path) {
    const json c = json::parse(read_test_file(path));
    const json& expect = c["expect"];
    CAPTURE(c["about"].get<std::string>());
    const auto q = instrument(c["instrument"].get<std::string>());
    const Response r = Response::parse(q, c["answers"].dump(), path);
    const ScreeningResult result = score(r, c["instrument"].get<std::string>());
    CHECK(!result.rules.empty());
    if (expect.contains("complete")) CHECK(result.complete == expect["complete"].get<bool>());
    if (expect.contains("urgent")) CHECK(result.urgent == expect["urgent"].get<bool>());
    if (expect.contains("alerts")) {
        std::vector<std::string> kinds;
        for (const Alert& a : result.alerts) kinds.push_back(a.kind);
        CHECK(kinds == expect["alerts"].get<std::vector<std::string>>());
    }
    if (expect.contains("domains")) {
        std::vector<std::string> domains;
        for (const Need& n : result.needs) domains.push_back(n.domain);
        CHECK(domains == expect["domains"].get<std::vector<std::string>>());
    }
    for (const auto& kv : expect["needs"].items()) {
        const std::string domain = kv.key();
        const json& want = kv.value();
        CAPTURE(domain);
        const Need* n = find_need(result, domain);
        REQUIRE(n != nullptr);
        if (want.contains("positive")) CHECK(n->positive == want["positive"].get<bool>());
        if (want.contains("urgent")) CHECK(n->urgent == want["urgent"].get<bool>());
        if (want.contains("answered")) CHECK(n->answered == want["answered"].get<bool>());
        if (want.contains("band")) CHECK(n->band == want["band"].get<std::string>());
        if (want.contains("score")) {
            if (want["score"].is_null()) CHECK_FALSE(n->score.has_value());
            else {
                REQUIRE(n->score.has_value());
                CHECK(*n->score == doctest::Approx(want["score"].get<double>()));
            }
        }
        if (want.contains("codes")) {
            std::vector<std::string> codes;
            for (const Coding& code : n->codes) codes.push_back(code.code);
            CHECK(codes == want["codes"].get<std::vector<std::string>>());
        }
    }
}

}  // namespace

TEST_CASE("every scoring case gives the expected needs") {
    int cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kData + "scoring")) {
        if (entry.path().string().find(".case.json") == std::string::npos) continue;
        CAPTURE(entry.path().filename().string());
        check_case(entry.path().string());
        ++cases;
    }
    CHECK(cases >= 60);
}

TEST_CASE("retired ICD-10-CM codes are never suggested") {
    // Z59.4 and Z59.0 were split (FY2023/FY2022); Z59.8 and Z59.86 are categories now.
    const std::vector<std::string> retired = {"Z59.4", "Z59.0", "Z59.8", "Z59.86", "Z59.1"};
    for (const std::string& id : builtin_instrument_ids()) {
        CAPTURE(id);
        const auto q = load_builtin_instrument(id);
        // Answer every question with each option in turn so every positive rule fires.
        for (std::size_t k = 0; k < 8; ++k) {
            Response r(q);
            for (const FlowStep& s : r.flow()) {
                const Item& it = q->item(s.item);
                if (it.type == ItemType::Choice) r.select_option(s.item, k % it.options.size());
            }
            for (const Need& n : score(r, id).needs)
                for (const Coding& c : n.codes) {
                    CAPTURE(c.code);
                    CHECK(std::find(retired.begin(), retired.end(), c.code) == retired.end());
                    if (c.system == "http://hl7.org/fhir/sid/icd-10-cm") CHECK(n.positive);
                }
        }
    }
}

TEST_CASE("a Questionnaire with no rules scores to no needs") {
    const json doc = {{"resourceType", "Questionnaire"}, {"url", "urn:x"}, {"item", {{{"linkId", "a"}, {"type", "boolean"}}}}};
    const auto q = std::make_shared<const Questionnaire>(Questionnaire::from_json(doc, "t"));
    const ScreeningResult r = score(Response(q), "x");
    CHECK(r.rules.empty());
    CHECK(r.needs.empty());
    CHECK(r.complete);
}

TEST_CASE("the needs JSON keeps the contract fields and speaks Spanish on request") {
    const auto q = load_builtin_instrument("ahc-hrsn");
    json answers = {{"95618-5", "LA6482-9"}, {"95617-7", "LA6482-9"}, {"95616-9", "LA6482-9"}, {"95615-1", "LA6482-9"}};
    const ScreeningResult result = score(Response::from_simple(q, answers), "ahc-hrsn");
    safetynet::core::Translator tr;
    const json en = needs_json(result, tr);
    CHECK(en["instrument"] == "ahc-hrsn");
    CHECK(en["complete"] == false);
    CHECK(en["urgent"] == true);
    REQUIRE(en["needs"].is_array());
    for (const json& n : en["needs"]) {
        for (const char* key : {"domain", "positive", "urgent", "score", "codes", "evidence"}) CHECK(n.contains(key));
        CHECK((n["score"].is_null() || n["score"].is_number()));
    }
    REQUIRE(tr.set_language("es"));
    const json es = needs_json(result, tr);
    const auto ipv = std::find_if(es["needs"].begin(), es["needs"].end(),
                                  [](const json& n) { return n["domain"] == "intimate-partner-violence"; });
    REQUIRE(ipv != es["needs"].end());
    CHECK((*ipv)["display"] == "Violencia de pareja");
    CHECK((*ipv)["score"] == 20);
    CHECK(es["alerts"][0]["message"].get<std::string>().find("protocolo") != std::string::npos);
}
