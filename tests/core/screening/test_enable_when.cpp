// enableWhen: every operator over every answer type, any/all, nested groups, and validation
// that ignores disabled items (LHC-Forms #192) and accepts required groups with answered
// children (LHC-Forms #60).
#include "core/base/error.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

using namespace safetynet::core;
using nlohmann::json;

namespace {

// A questionnaire with one source question of `type` (answer options if given) and one target
// item enabled by `condition` on it.
std::shared_ptr<const Questionnaire> with_condition(const char* type, const json& condition,
                                                    const json& options = json()) {
    json src = {{"linkId", "src"}, {"type", type}, {"text", "source"}};
    if (!options.is_null()) src["answerOption"] = options;
    if (std::string(type) != "choice" && std::string(type) != "open-choice" && !options.is_null()) src.erase("answerOption");
    json cond = condition;
    cond["question"] = "src";
    json q = {{"resourceType", "Questionnaire"},
              {"item", json::array({src, {{"linkId", "target"}, {"type", "string"}, {"text", "target"},
                                          {"enableWhen", json::array({cond})}}})}};
    return std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "test"));
}

bool target_enabled(const Response& r) { return r.enabled(r.index_of("target")); }

}  // namespace

TEST_CASE("exists: true and false, on an answered and an unanswered question") {
    auto q = with_condition("boolean", {{"operator", "exists"}, {"answerBoolean", true}});
    Response r(q);
    CHECK_FALSE(target_enabled(r));
    r.set("src", AnswerValue::of_bool(false));
    CHECK(target_enabled(r));
    r.clear(r.index_of("src"));
    CHECK_FALSE(target_enabled(r));

    auto q2 = with_condition("string", {{"operator", "exists"}, {"answerBoolean", false}});
    Response r2(q2);
    CHECK(target_enabled(r2));
    r2.set("src", AnswerValue::of_string("x"));
    CHECK_FALSE(target_enabled(r2));
    SUBCASE("a declined question has no answer") {
        r2.decline("src");
        CHECK(target_enabled(r2));
    }
}

TEST_CASE("= and != on boolean") {
    auto eq = with_condition("boolean", {{"operator", "="}, {"answerBoolean", true}});
    Response r(eq);
    CHECK_FALSE(target_enabled(r));
    r.set("src", AnswerValue::of_bool(true));
    CHECK(target_enabled(r));
    r.set("src", AnswerValue::of_bool(false));
    CHECK_FALSE(target_enabled(r));

    auto ne = with_condition("boolean", {{"operator", "!="}, {"answerBoolean", true}});
    Response r2(ne);
    CHECK(target_enabled(r2));  // R5 wording: true when no answer equals the value
    r2.set("src", AnswerValue::of_bool(true));
    CHECK_FALSE(target_enabled(r2));
    r2.set("src", AnswerValue::of_bool(false));
    CHECK(target_enabled(r2));
}

TEST_CASE("every operator on integer, with the boundary on each side") {
    struct Row { const char* op; int answer; bool expect; };
    const Row rows[] = {
        {"=", 5, true},  {"=", 4, false},  {"!=", 5, false}, {"!=", 6, true},
        {">", 4, true},  {">", 5, false},  {"<", 6, true},   {"<", 5, false},
        {">=", 5, true}, {">=", 6, false}, {"<=", 5, true},  {"<=", 4, false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.op);
        CAPTURE(row.answer);
        auto q = with_condition("integer", {{"operator", row.op}, {"answerInteger", row.answer}});
        Response r(q);
        r.set("src", AnswerValue::of_integer(5));
        CHECK(target_enabled(r) == row.expect);
    }
}

TEST_CASE("ordered operators on decimal (answerDecimal and answerInteger)") {
    auto gt = with_condition("decimal", {{"operator", ">"}, {"answerDecimal", 2.5}});
    Response r(gt);
    CHECK_FALSE(target_enabled(r));  // no answer: ordered comparisons are false
    r.set("src", AnswerValue::of_decimal(2.5));
    CHECK_FALSE(target_enabled(r));
    r.set("src", AnswerValue::of_decimal(2.51));
    CHECK(target_enabled(r));
    auto le = with_condition("decimal", {{"operator", "<="}, {"answerInteger", 3}});
    Response r2(le);
    r2.set("src", AnswerValue::of_decimal(3.0));
    CHECK(target_enabled(r2));
    r2.set("src", AnswerValue::of_integer(4));  // an integer answers a decimal item
    CHECK_FALSE(target_enabled(r2));
}

TEST_CASE("operators on date, including partial dates") {
    auto before = with_condition("date", {{"operator", "<"}, {"answerDate", "2020-06-15"}});
    Response r(before);
    r.set("src", AnswerValue::of_date("2020-06-14"));
    CHECK(target_enabled(r));
    r.set("src", AnswerValue::of_date("2020-06-15"));
    CHECK_FALSE(target_enabled(r));
    r.set("src", AnswerValue::of_date("2019"));
    CHECK(target_enabled(r));
    SUBCASE("a year that contains the date is neither before nor after it") {
        r.set("src", AnswerValue::of_date("2020"));
        CHECK_FALSE(target_enabled(r));
    }
    auto on = with_condition("date", {{"operator", "="}, {"answerDate", "2021-01-02"}});
    Response r2(on);
    r2.set("src", AnswerValue::of_date("2021-01-02"));
    CHECK(target_enabled(r2));
    auto ge = with_condition("date", {{"operator", ">="}, {"answerDate", "2021-01"}});
    Response r3(ge);
    r3.set("src", AnswerValue::of_date("2021-02"));
    CHECK(target_enabled(r3));
    r3.set("src", AnswerValue::of_date("2020-12"));
    CHECK_FALSE(target_enabled(r3));
}

TEST_CASE("operators on string and text") {
    auto eq = with_condition("string", {{"operator", "="}, {"answerString", "yes"}});
    Response r(eq);
    r.set("src", AnswerValue::of_string("yes"));
    CHECK(target_enabled(r));
    r.set("src", AnswerValue::of_string("Yes"));
    CHECK_FALSE(target_enabled(r));
    auto gt = with_condition("text", {{"operator", ">"}, {"answerString", "m"}});
    Response r2(gt);
    r2.set("src", AnswerValue::of_string("n"));
    CHECK(target_enabled(r2));
    r2.set("src", AnswerValue::of_string("a"));
    CHECK_FALSE(target_enabled(r2));
    auto ne = with_condition("string", {{"operator", "!="}, {"answerString", "no"}});
    Response r3(ne);
    r3.set("src", AnswerValue::of_string("no"));
    CHECK_FALSE(target_enabled(r3));
}

TEST_CASE("= and != on coded choices, matching code with or without system") {
    const json options = json::array({{{"valueCoding", {{"system", "http://loinc.org"}, {"code", "LA33-6"}}}},
                                      {{"valueCoding", {{"system", "http://loinc.org"}, {"code", "LA32-8"}}}}});
    auto eq = with_condition("choice", {{"operator", "="}, {"answerCoding", {{"code", "LA33-6"}}}}, options);
    Response r(eq);
    r.set("src", AnswerValue::of_coding("http://loinc.org", "LA33-6"));
    CHECK(target_enabled(r));
    r.set("src", AnswerValue::of_coding("http://loinc.org", "LA32-8"));
    CHECK_FALSE(target_enabled(r));
    auto ne = with_condition("choice",
                             {{"operator", "!="}, {"answerCoding", {{"system", "http://loinc.org"}, {"code", "LA33-6"}}}},
                             options);
    Response r2(ne);
    r2.select_option(r2.index_of("src"), 1);
    CHECK(target_enabled(r2));
    r2.select_option(r2.index_of("src"), 0);
    CHECK_FALSE(target_enabled(r2));
}

TEST_CASE("ordered operators on integer-valued choices, and strings on open-choice") {
    const json options = json::array({{{"valueInteger", 1}}, {{"valueInteger", 2}}, {{"valueInteger", 3}}});
    auto ge = with_condition("choice", {{"operator", ">="}, {"answerInteger", 2}}, options);
    Response r(ge);
    r.select_option(r.index_of("src"), 0);
    CHECK_FALSE(target_enabled(r));
    r.select_option(r.index_of("src"), 1);
    CHECK(target_enabled(r));
    const json strings = json::array({{{"valueString", "red"}}, {{"valueString", "blue"}}});
    auto oc = with_condition("open-choice", {{"operator", "="}, {"answerString", "green"}}, strings);
    Response r2(oc);
    r2.set("src", AnswerValue::of_string("green"));  // free text
    CHECK(target_enabled(r2));
    r2.set("src", AnswerValue::of_string("red"));
    CHECK_FALSE(target_enabled(r2));
}

TEST_CASE("= on a multi-select: any of the answers; != : none of them") {
    const json options = json::array({{{"valueString", "a"}}, {{"valueString", "b"}}, {{"valueString", "c"}}});
    json q = {{"resourceType", "Questionnaire"},
              {"item",
               {{{"linkId", "src"}, {"type", "choice"}, {"repeats", true}, {"answerOption", options}},
                {{"linkId", "eq"}, {"type", "string"}, {"enableWhen", {{{"question", "src"}, {"operator", "="}, {"answerString", "b"}}}}},
                {{"linkId", "ne"}, {"type", "string"}, {"enableWhen", {{{"question", "src"}, {"operator", "!="}, {"answerString", "b"}}}}}}}};
    Response r(std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "t")));
    const std::size_t src = r.index_of("src");
    r.toggle_option(src, 0);
    CHECK_FALSE(r.enabled(r.index_of("eq")));
    CHECK(r.enabled(r.index_of("ne")));
    r.toggle_option(src, 1);
    CHECK(r.enabled(r.index_of("eq")));
    CHECK_FALSE(r.enabled(r.index_of("ne")));
}

TEST_CASE("enableBehavior any and all") {
    auto make = [](const char* behavior) {
        json q = {{"resourceType", "Questionnaire"},
                  {"item",
                   {{{"linkId", "a"}, {"type", "boolean"}},
                    {{"linkId", "b"}, {"type", "boolean"}},
                    {{"linkId", "t"}, {"type", "string"}, {"enableBehavior", behavior},
                     {"enableWhen", {{{"question", "a"}, {"operator", "="}, {"answerBoolean", true}},
                                     {{"question", "b"}, {"operator", "="}, {"answerBoolean", true}}}}}}}};
        return std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "t"));
    };
    Response any(make("any")), all(make("all"));
    for (Response* r : {&any, &all}) r->set("a", AnswerValue::of_bool(true));
    CHECK(any.enabled(any.index_of("t")));
    CHECK_FALSE(all.enabled(all.index_of("t")));
    for (Response* r : {&any, &all}) r->set("b", AnswerValue::of_bool(true));
    CHECK(any.enabled(any.index_of("t")));
    CHECK(all.enabled(all.index_of("t")));
    for (Response* r : {&any, &all}) r->set("a", AnswerValue::of_bool(false));
    CHECK(any.enabled(any.index_of("t")));
    CHECK_FALSE(all.enabled(all.index_of("t")));
}

TEST_CASE("nested groups: a disabled group disables everything inside; chains settle in one pass") {
    // The chain runs backwards through the document (c depends on b, b on a, a is last) so
    // a single document-order pass would get it wrong.
    json q = {{"resourceType", "Questionnaire"},
              {"item",
               {{{"linkId", "outer"}, {"type", "group"},
                 {"enableWhen", {{{"question", "gate"}, {"operator", "="}, {"answerBoolean", true}}}},
                 {"item", {{{"linkId", "inner"}, {"type", "group"},
                            {"item", {{{"linkId", "c"}, {"type", "boolean"},
                                       {"enableWhen", {{{"question", "b"}, {"operator", "exists"}, {"answerBoolean", true}}}}},
                                      {{"linkId", "b"}, {"type", "boolean"},
                                       {"enableWhen", {{{"question", "a"}, {"operator", "="}, {"answerBoolean", true}}}}}}}}}}},
                {{"linkId", "gate"}, {"type", "boolean"}},
                {{"linkId", "a"}, {"type", "boolean"}}}}};
    Response r(std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "t")));
    const auto on = [&](const char* id) { return r.enabled(r.index_of(id)); };
    CHECK_FALSE(on("outer"));
    CHECK_FALSE(on("inner"));
    r.set("a", AnswerValue::of_bool(true));
    CHECK_FALSE(on("b"));  // its group is still disabled
    r.set("gate", AnswerValue::of_bool(true));
    CHECK(on("inner"));
    CHECK(on("b"));
    CHECK_FALSE(on("c"));
    r.set("b", AnswerValue::of_bool(false));
    CHECK(on("c"));
    SUBCASE("disabling a source hides its answer from the items that depend on it") {
        r.set("a", AnswerValue::of_bool(false));
        CHECK_FALSE(on("b"));
        CHECK_FALSE(on("c"));  // b still holds an answer, but b is disabled
        CHECK(r.answers(r.index_of("b")).size() == 1);  // kept for when b comes back
        CHECK(r.effective_answers(r.index_of("b")).empty());
        r.set("a", AnswerValue::of_bool(true));
        CHECK(on("c"));
    }
    SUBCASE("the flow lists the enabled items with their group path") {
        const auto steps = r.flow();
        REQUIRE(steps.size() == 4);  // c, b, gate, a
        CHECK(r.questionnaire().item(steps[0].item).link_id == "c");
        REQUIRE(steps[0].group_path.size() == 2);
        CHECK(r.questionnaire().item(steps[0].group_path[0]).link_id == "outer");
        CHECK(r.questionnaire().item(steps[0].group_path[1]).link_id == "inner");
        CHECK(steps[2].group_path.empty());
    }
}

TEST_CASE("issue LHC-Forms #192 - a required item that is disabled is not required") {
    json q = {{"resourceType", "Questionnaire"},
              {"item",
               {{{"linkId", "smoke"}, {"type", "boolean"}, {"required", true}},
                {{"linkId", "packs"}, {"type", "integer"}, {"required", true},
                 {"enableWhen", {{{"question", "smoke"}, {"operator", "="}, {"answerBoolean", true}}}}}}}};
    Response r(std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "t")));
    auto issues = r.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].link_id == "smoke");
    r.set("smoke", AnswerValue::of_bool(false));
    CHECK(r.validate().empty());
    r.set("smoke", AnswerValue::of_bool(true));
    issues = r.validate();
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].link_id == "packs");
    CHECK(issues[0].kind == "required");
}

TEST_CASE("issue LHC-Forms #60 - a required group is satisfied by an answered child") {
    json q = {{"resourceType", "Questionnaire"},
              {"item",
               {{{"linkId", "g"}, {"type", "group"}, {"required", true},
                 {"item", {{{"linkId", "sub"}, {"type", "group"},
                            {"item", {{{"linkId", "x"}, {"type", "string"}}, {{"linkId", "y"}, {"type", "string"}}}}}}}}}}};
    Response r(std::make_shared<const Questionnaire>(Questionnaire::from_json(q, "t")));
    REQUIRE(r.validate().size() == 1);
    CHECK(r.validate()[0].link_id == "g");
    r.set("y", AnswerValue::of_string("answer"));
    CHECK(r.validate().empty());
    SUBCASE("declining a question inside counts as responding") {
        r.clear(r.index_of("y"));
        r.decline("x");
        CHECK(r.validate().empty());
    }
}
