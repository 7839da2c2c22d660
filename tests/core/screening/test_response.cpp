// The response model: exclusive options, declined vs unanswered, the kiosk flow, wipe, and
// the FHIR QuestionnaireResponse round trip for every built-in instrument.
#include "core/base/error.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/response.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <fstream>

using namespace safetynet::core;
using nlohmann::json;

namespace {

std::vector<std::string> selected_codes(const Response& r, std::size_t item) {
    std::vector<std::string> out;
    for (const AnswerValue& a : r.answers(item)) out.push_back(a.coding.code);
    return out;
}

// Answers every enabled question (the k-th option, a number, a string...), walking the flow
// as the kiosk does, so enableWhen-gated items get their turn.
void answer_everything(Response& r, std::size_t k) {
    for (int pass = 0; pass < 3; ++pass)
        for (const FlowStep& s : r.flow()) {
            const Item& it = r.questionnaire().item(s.item);
            if (!it.is_question() || r.state(s.item) != AnswerState::Unanswered) continue;
            switch (it.type) {
                case ItemType::Choice:
                case ItemType::OpenChoice: {
                    // Skip exclusive options so multi-selects get a real mix.
                    std::size_t o = k % it.options.size();
                    if (it.options[o].exclusive) o = (o + 1) % it.options.size();
                    if (it.repeats) {
                        r.toggle_option(s.item, o);
                        const std::size_t o2 = (o + 1) % it.options.size();
                        if (!it.options[o2].exclusive && o2 != o) r.toggle_option(s.item, o2);
                    } else {
                        r.select_option(s.item, o);
                    }
                    break;
                }
                case ItemType::Integer: r.set(s.item, AnswerValue::of_integer(static_cast<std::int64_t>(k) + 2)); break;
                case ItemType::Decimal: r.set(s.item, AnswerValue::of_decimal(1234.5)); break;
                case ItemType::Boolean: r.set(s.item, AnswerValue::of_bool(k % 2 == 0)); break;
                case ItemType::Date: r.set(s.item, AnswerValue::of_date("2024-02-29")); break;
                default: r.set(s.item, AnswerValue::of_string("12 Main St")); break;
            }
        }
}

}  // namespace

TEST_CASE("None of the above clears the other boxes and is cleared by them") {
    Response r(load_builtin_instrument("ahc-hrsn"));
    const std::size_t problems = r.index_of("96778-6");
    const std::size_t mold = 1, heat = 3, none = 7;
    r.toggle_option(problems, mold);
    r.toggle_option(problems, heat);
    CHECK(selected_codes(r, problems) == std::vector<std::string>{"LA28580-1", "LA31998-0"});
    r.toggle_option(problems, none);
    CHECK(selected_codes(r, problems) == std::vector<std::string>{"LA9-3"});
    r.toggle_option(problems, heat);
    CHECK(selected_codes(r, problems) == std::vector<std::string>{"LA31998-0"});
    r.toggle_option(problems, heat);  // untick
    CHECK(r.state(problems) == AnswerState::Unanswered);
    SUBCASE("an imported response with both is kept but flagged") {
        r.set_all(problems, {AnswerValue::of_coding("http://loinc.org", "LA9-3"),
                             AnswerValue::of_coding("http://loinc.org", "LA28580-1")});
        const auto issues = r.validate();
        CHECK(std::any_of(issues.begin(), issues.end(), [](const ValidationIssue& i) {
            return i.kind == "exclusive-conflict" && i.link_id == "96778-6";
        }));
    }
}

TEST_CASE("declined and not-answered-yet are different states") {
    Response r(load_builtin_instrument("hunger-vital-sign"));
    const std::size_t q1 = r.index_of("88122-7");
    CHECK(r.state(q1) == AnswerState::Unanswered);
    r.decline(q1);
    CHECK(r.state(q1) == AnswerState::Declined);
    CHECK(r.answers(q1).empty());
    r.select_option(q1, 0);
    CHECK(r.state(q1) == AnswerState::Answered);
    r.clear(q1);
    CHECK(r.state(q1) == AnswerState::Unanswered);
    SUBCASE("a declined required question does not block completion; an unanswered one does") {
        r.decline(q1);
        auto issues = r.validate();
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].link_id == "88123-5");
        r.decline("88123-5");
        CHECK(r.complete());
    }
}

TEST_CASE("answers that do not fit are refused and change nothing") {
    Response r(load_builtin_instrument("ahc-hrsn"));
    const std::size_t living = r.index_of("71802-3");
    r.select_option(living, 1);
    CHECK_THROWS_AS(r.set(living, AnswerValue::of_coding("http://loinc.org", "LA30190-5")), Error);
    CHECK_THROWS_AS(r.set(living, AnswerValue::of_bool(true)), Error);
    CHECK_THROWS_AS(r.set_all(living, {AnswerValue::of_string("LA31993-1"), AnswerValue::of_string("LA31994-9")}), Error);
    CHECK_THROWS_AS(r.select_option(living, 99), Error);
    CHECK_THROWS_AS(r.set("safety", AnswerValue::of_bool(true)), Error);  // a group
    CHECK_THROWS_AS(r.set("no-such-item", AnswerValue::of_bool(true)), Error);
    CHECK(selected_codes(r, living) == std::vector<std::string>{"LA31994-9"});
    SUBCASE("a plain code selects a coded option") {
        r.set(living, AnswerValue::of_string("LA31995-6"));
        CHECK(selected_codes(r, living) == std::vector<std::string>{"LA31995-6"});
        CHECK(r.answers(living)[0].coding.system == "http://loinc.org");
    }
}

TEST_CASE("the kiosk flow follows enableWhen in the built-in forms") {
    SUBCASE("AHC: exercise minutes are asked only after a non-zero number of days") {
        Response r(load_builtin_instrument("ahc-hrsn-full"));
        const std::size_t days = r.index_of("89555-7"), minutes = r.index_of("68516-4");
        auto in_flow = [&](std::size_t i) {
            for (const FlowStep& s : r.flow())
                if (s.item == i) return true;
            return false;
        };
        CHECK_FALSE(in_flow(minutes));
        r.select_option(days, 0);  // 0 days
        CHECK_FALSE(in_flow(minutes));
        r.select_option(days, 3);  // 3 days
        CHECK(in_flow(minutes));
        r.decline(days);
        CHECK_FALSE(in_flow(minutes));
    }
    SUBCASE("PHQ-9: the difficulty question follows any problem checked") {
        Response r(load_builtin_instrument("phq-9"));
        const std::size_t difficulty = r.index_of("69722-7");
        CHECK_FALSE(r.enabled(difficulty));
        r.select_option(r.index_of("44250-9"), 0);  // Not at all
        CHECK_FALSE(r.enabled(difficulty));
        r.select_option(r.index_of("44253-3"), 2);  // More than half the days
        CHECK(r.enabled(difficulty));
    }
    SUBCASE("steps come in display order with their group") {
        Response r(load_builtin_instrument("ahc-hrsn"));
        const auto steps = r.flow();
        REQUIRE(steps.size() == 11);  // 10 questions + the safety introduction
        CHECK(r.questionnaire().item(steps[0].item).link_id == "71802-3");
        CHECK(r.questionnaire().item(steps[0].group_path.at(0)).link_id == "living-situation");
        CHECK(r.questionnaire().item(steps[6].item).type == ItemType::Display);
        CHECK(r.questionnaire().item(steps[10].item).link_id == "95615-1");
    }
}

TEST_CASE("wipe forgets every answer and decline") {
    Response r(load_builtin_instrument("ahc-hrsn-full"));
    answer_everything(r, 1);
    r.decline("71802-3");
    r.wipe();
    for (std::size_t i = 0; i < r.questionnaire().items().size(); ++i) {
        if (!r.questionnaire().item(i).is_question()) continue;
        CHECK(r.state(i) == AnswerState::Unanswered);
    }
    CHECK(r.to_fhir().contains("item") == false);
}

TEST_CASE("QuestionnaireResponse round trip for every built-in instrument") {
    for (const std::string& id : builtin_instrument_ids()) {
        for (std::size_t k = 0; k < 3; ++k) {
            CAPTURE(id);
            CAPTURE(k);
            const auto q = load_builtin_instrument(id);
            Response r(q);
            answer_everything(r, k);
            // One declined question too, so the decline survives the trip.
            const std::size_t first = r.flow().front().item;
            r.decline(first);
            const json qr = r.to_fhir({"qr-1", "2026-01-02T03:04:05Z", "urn:uuid:patient", "", "es"});
            CHECK(qr["resourceType"] == "QuestionnaireResponse");
            CHECK(qr["questionnaire"] == q->url() + "|" + q->version());
            CHECK(qr["language"] == "es");
            const Response back = Response::from_fhir(q, qr);
            for (std::size_t i = 0; i < q->items().size(); ++i) {
                if (!q->item(i).is_question()) continue;
                CAPTURE(q->item(i).link_id);
                CHECK(back.state(i) == r.state(i));
                REQUIRE(back.effective_answers(i).size() == r.effective_answers(i).size());
                for (std::size_t a = 0; a < r.effective_answers(i).size(); ++a)
                    CHECK(back.effective_answers(i)[a].same_as(r.effective_answers(i)[a]));
            }
            CHECK(back.to_fhir({"qr-1", "2026-01-02T03:04:05Z", "urn:uuid:patient", "", "es"}) == qr);
        }
    }
}

TEST_CASE("a QuestionnaireResponse with fields of the wrong JSON type is refused, never a crash") {
    // Regression: {"resourceType": 2} once escaped as nlohmann's type_error (found by fuzz_answers).
    const auto q = load_builtin_instrument("ahc-hrsn");
    Response r(q);
    answer_everything(r, 0);
    r.decline(r.flow().front().item);
    const json good = r.to_fhir({"qr-1", "2026-01-02T03:04:05Z", "urn:uuid:patient", "", "en"});
    // The first item, at any depth, holding `key` (the instrument's questions sit in groups).
    std::function<json*(json&, const char*)> find = [&](json& list, const char* key) -> json* {
        for (json& it : list) {
            if (it.contains(key)) return &it;
            if (it.contains("item"))
                if (json* hit = find(it["item"], key)) return hit;
        }
        return nullptr;
    };
    auto first_with = [&](json& d, const char* key) -> json& {
        json* hit = find(d["item"], key);
        REQUIRE(hit != nullptr);
        return *hit;
    };
    const std::vector<std::pair<const char*, std::function<void(json&)>>> cases = {
        {"resourceType a number", [](json& d) { d["resourceType"] = 22222222222322222LL; }},
        {"resourceType true", [](json& d) { d["resourceType"] = true; }},
        {"questionnaire a number", [](json& d) { d["questionnaire"] = 3; }},
        {"item an object", [](json& d) { d["item"] = json::object(); }},
        {"linkId a number", [](json& d) { d["item"][0]["linkId"] = 7; }},
        {"answer a string", [&](json& d) { first_with(d, "answer")["answer"] = "yes"; }},
        {"valueCoding a string", [&](json& d) { first_with(d, "answer")["answer"][0] = {{"valueCoding", "LA31993-1"}}; }},
        {"coding code a number", [&](json& d) { first_with(d, "answer")["answer"][0]["valueCoding"]["code"] = 5; }},
        {"decline extension a string", [&](json& d) { first_with(d, "extension")["extension"] = "asked-declined"; }},
        {"subject a string", [](json& d) { d["subject"] = "Patient/1"; }},
        {"subject reference a number", [](json& d) { d["subject"] = {{"reference", 1}}; }},
        {"subject with neither reference nor display", [](json& d) { d["subject"] = {{"type", "Patient"}}; }},
        {"decline extension url a number, with an answer", [&](json& d) {
             json& declined = first_with(d, "extension");
             declined["extension"][0]["url"] = 1;
             declined["answer"] = json::array({{{"valueInteger", "x"}}});
         }},
    };
    for (const auto& [label, mutate] : cases) {
        const std::string name = label;
        CAPTURE(name);
        json d = good;
        mutate(d);
        const std::string text = d.dump();
        CHECK_THROWS_AS(Response::parse(q, text, "answers.json"), Error);
    }
}

TEST_CASE("an imported QuestionnaireResponse keeps its subject, as given, when written back") {
    const auto q = load_builtin_instrument("ahc-hrsn");
    Response r(q);
    answer_everything(r, 0);
    json d = r.to_fhir({"qr-1", "2026-01-02T03:04:05Z", "", "", "en"});
    d["subject"] = {{"reference", "Patient/pat-1"}, {"display", "Pat Example"}};
    const Response back = Response::parse(q, d.dump(), "answers.json");
    CHECK(back.subject() == d["subject"]);
    CHECK(back.to_fhir({}).at("subject") == d["subject"]);
    // The caller's subject, when given, is the one written.
    CHECK(back.to_fhir({"", "", "urn:uuid:other", "", ""}).at("subject") == json{{"reference", "urn:uuid:other"}});
}

TEST_CASE("a QuestionnaireResponse carries the decline and only enabled answers") {
    Response r(load_builtin_instrument("ahc-hrsn-full"));
    r.select_option(r.index_of("89555-7"), 2);  // 2 days
    r.select_option(r.index_of("68516-4"), 3);  // 30 minutes
    r.select_option(r.index_of("89555-7"), 0);  // changed to 0 days: minutes now disabled
    r.decline("71802-3");
    const json qr = r.to_fhir();
    const std::string text = qr.dump();
    CHECK(text.find("68516-4") == std::string::npos);  // the disabled item's answer is not exported
    CHECK(text.find("asked-declined") != std::string::npos);
    CHECK(qr["status"] == "in-progress");
}

TEST_CASE("simple answers: codes, lists, numbers, declines, and keys by item code") {
    const auto q = load_builtin_instrument("ahc-hrsn-full");
    const json simple = {{"71802-3", "LA31994-9"},
                         {"96778-6", {"LA31996-4", "LA32001-2"}},
                         {"89555-7", "LA6114-8"},
                         {"93038-8", {{"declined", true}}},
                         {"95618-5", nullptr}};
    const Response r = Response::from_simple(q, simple);
    CHECK(selected_codes(r, r.index_of("96778-6")) == std::vector<std::string>{"LA31996-4", "LA32001-2"});
    CHECK(r.state(r.index_of("93038-8")) == AnswerState::Declined);
    CHECK(r.state(r.index_of("95618-5")) == AnswerState::Unanswered);
    CHECK(r.enabled(r.index_of("68516-4")));
    SUBCASE("the same answers by LOINC code against an imported copy with path linkIds") {
        const std::string path = std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/screening/imported/prapare-ig-style.questionnaire.json";
        std::ifstream in(path);
        const auto copy = std::make_shared<const Questionnaire>(Questionnaire::from_json(json::parse(in), path));
        const Response c = Response::from_simple(copy, {{"71802-3", "LA30190-5"}});
        CHECK(c.state(c.index_of("/93042-0/71802-3")) == AnswerState::Answered);
    }
}
