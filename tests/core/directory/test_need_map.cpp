// The need → service map (core/directory/need_map.hpp, assets/needs/need-map.json).
#include "core/base/error.hpp"
#include "core/directory/need_map.hpp"
#include "core/base/text_fold.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace safetynet::core;

namespace {
NeedMask bit(const NeedMap& m, const char* domain) {
    const auto b = m.find(domain);
    REQUIRE_MESSAGE(b.has_value(), domain);
    return NeedMask{1} << *b;
}
std::string parse_error(const char* text) {
    try {
        NeedMap::parse(text, "test");
    } catch (const Error& e) {
        CHECK(e.kind() == "bad-need-map");
        return e.what();
    }
    return "accepted";
}
}  // namespace

TEST_CASE("the built-in map covers the Gravity domains screening reports") {
    const NeedMap& m = NeedMap::builtin();
    for (const char* d : {"food-insecurity", "housing-instability", "homelessness", "inadequate-housing",
                          "transportation-insecurity", "utility-insecurity", "interpersonal-safety",
                          "intimate-partner-violence", "financial-insecurity", "employment-status",
                          "educational-attainment", "social-connection", "stress", "depression"})
        CHECK_MESSAGE(m.find(d).has_value(), d);
    CHECK(m.find("FOOD-INSECURITY") == m.find("food-insecurity"));  // case-insensitive
    CHECK(m.find("ipv") == m.find("intimate-partner-violence"));    // an alias
    CHECK_FALSE(m.find("unicorns").has_value());
    CHECK(m.fingerprint().size() == 32);
}

TEST_CASE("taxonomy codes match case-insensitively and hierarchically") {
    const NeedMap& m = NeedMap::builtin();
    const NeedMask food = bit(m, "food-insecurity");
    CHECK((m.needs_of_code("BD") & food) != 0);              // 211 Food
    CHECK((m.needs_of_code("bd-1800.2000") & food) != 0);    // a child of BD
    CHECK((m.needs_of_code("102-04") & food) != 0);          // Open Eligibility Food Pantry, child of 102
    CHECK((m.needs_of_code("BDX") & food) == 0);       // not a child: no separator
    CHECK(m.needs_of_code("no-such-code") == 0);
    CHECK(m.needs_of_code("") == 0);
    // One code may serve several needs.
    CHECK((m.needs_of_code("housing") & bit(m, "homelessness")) != 0);
    CHECK((m.needs_of_code("housing") & bit(m, "housing-instability")) != 0);
}

TEST_CASE("keywords match as phrases in one field") {
    const NeedMap& m = NeedMap::builtin();
    const NeedPhraseMatcher phrases(m);
    auto needs = [&](const char* text) {
        std::string scratch;
        std::vector<std::string_view> words;
        tokenize(text, TokenChars::Unicode, scratch, words);
        return phrases.match(words);
    };
    CHECK((needs("A neighborhood FOOD PANTRY for all") & bit(m, "food-insecurity")) != 0);
    CHECK((needs("Despensa de alimentos") & bit(m, "food-insecurity")) != 0);
    CHECK((needs("Pantry for food storage") & bit(m, "food-insecurity")) == 0);  // the words, not the phrase
    CHECK((needs("Help with the electric bill") & bit(m, "utility-insecurity")) != 0);
    CHECK(needs("") == 0);
}

TEST_CASE("a site's own map: parsed, checked, and its fingerprint ignores formatting") {
    const NeedMap a = NeedMap::parse(R"({"version": 1, "needs": [{"domain": "food", "taxonomy_codes": ["F"],
        "keywords": ["soup"]}]})", "a");
    const NeedMap b = NeedMap::parse("{\"needs\":[{\"domain\":\"food\",\"taxonomy_codes\":[\"F\"],\"keywords\":[\"soup\"]}],\n\"version\":1}", "b");
    CHECK(a.fingerprint() == b.fingerprint());
    CHECK(a.fingerprint() != NeedMap::builtin().fingerprint());
    CHECK(a.needs_of_code("f-1") == 1);
    CHECK(parse_error("[]").find("expected an object") != std::string::npos);
    CHECK(parse_error(R"({"needs": []})").find("lists no needs") != std::string::npos);
    CHECK(parse_error(R"({"version": 2, "needs": [{"domain": "x"}]})").find("unsupported version") != std::string::npos);
    CHECK(parse_error(R"({"needs": [{"aliases": ["x"]}]})").find("needs[0]") != std::string::npos);
    CHECK(parse_error(R"({"needs": [{"domain": "x", "keywords": [""]}]})").find("keywords") != std::string::npos);
    CHECK(parse_error(R"({"needs": [{"domain": "x", "keywords": ["--"]}]})").find("has no words") != std::string::npos);
    CHECK(parse_error(R"({"needs": [{"domain": "x"}, {"domain": "y", "aliases": ["X"]}]})").find("names two needs") != std::string::npos);
    std::string many = R"({"needs": [)";
    for (int i = 0; i < 33; ++i) many += (i ? "," : "") + std::string(R"({"domain": "d)") + std::to_string(i) + "\"}";
    many += "]}";
    CHECK(parse_error(many.c_str()).find("at most 32") != std::string::npos);
}
