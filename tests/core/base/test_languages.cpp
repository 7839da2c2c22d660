#include "core/base/error.hpp"
#include "core/base/i18n.hpp"
#include "core/base/languages.hpp"

#include <doctest/doctest.h>

#include <string>

using safetynet::core::Error;
using safetynet::core::find_language;
using safetynet::core::languages;
using safetynet::core::parse_languages;
using safetynet::core::TextDirection;
using safetynet::core::Translator;

TEST_CASE("the languages file lists English first, each language once, with the built-in font first") {
    REQUIRE(languages().size() >= 11);
    CHECK(languages().front().code == "en");
    for (const auto& l : languages()) {
        CAPTURE(l.code);
        CHECK(find_language(l.code) == &l);
        REQUIRE(!l.fonts.empty());
        CHECK(l.fonts.front() == "NotoSans");
    }
    CHECK(find_language("xx") == nullptr);
}

TEST_CASE("Arabic is right to left in Arabic script; Vietnamese is Latin and names itself") {
    const auto* ar = find_language("ar");
    REQUIRE(ar != nullptr);
    CHECK(ar->direction == TextDirection::RightToLeft);
    CHECK(ar->script == "Arab");
    CHECK(ar->native_name == "العربية");
    const auto* vi = find_language("vi");
    REQUIRE(vi != nullptr);
    CHECK(vi->direction == TextDirection::LeftToRight);
    CHECK(vi->native_name == "Tiếng Việt");
}

TEST_CASE("every catalog's language is in the languages file, and the translator takes its names from it") {
    const Translator t;
    for (const auto& info : t.languages()) {
        CAPTURE(info.code);
        const auto* l = find_language(info.code);
        REQUIRE(l != nullptr);
        CHECK(info.native_name == l->native_name);
    }
}

TEST_CASE("a malformed languages file is refused, naming the entry and the field") {
    auto error_of = [](const char* json) {
        try {
            parse_languages(json, "languages.json");
        } catch (const Error& e) {
            return e.kind() + " | " + e.what();
        }
        return std::string("accepted");
    };
    const std::string ok = R"x({"code": "xx", "english_name": "X", "native_name": "X", "direction": "ltr", "script": "Latn", "decimal": ".", "fonts": ["NotoSans"], "plural": {"categories": ["one", "other"], "rule": "(n != 1)"}})x";
    CHECK(error_of(("{\"languages\": [" + ok + "]}").c_str()) == "accepted");
    CHECK(error_of("{").rfind("malformed-json", 0) == 0);
    CHECK(error_of("{}").find("\"languages\" must be a list") != std::string::npos);
    CHECK(error_of(R"({"languages": [{"code": "xx"}]})").find("languages[0] (xx) field english_name") != std::string::npos);
    std::string rtl = ok;
    rtl.replace(rtl.find("\"ltr\""), 5, "\"up\"");
    CHECK(error_of(("{\"languages\": [" + rtl + "]}").c_str()).find("field direction") != std::string::npos);
    std::string no_decimal = ok;
    no_decimal.erase(no_decimal.find("\"decimal\": \".\", "), 16);
    CHECK(error_of(("{\"languages\": [" + no_decimal + "]}").c_str()).find("(xx) field decimal") != std::string::npos);
    std::string no_fonts = ok;
    no_fonts.replace(no_fonts.find("[\"NotoSans\"]"), 12, "[]");
    CHECK(error_of(("{\"languages\": [" + no_fonts + "]}").c_str()).find("field fonts") != std::string::npos);
    CHECK(error_of(("{\"languages\": [" + ok + "," + ok + "]}").c_str()).find("xx is listed twice") != std::string::npos);
    std::string bad_rule = ok;
    bad_rule.replace(bad_rule.find("(n != 1)"), 8, "(n !=)");
    CHECK(error_of(("{\"languages\": [" + bad_rule + "]}").c_str()).find("(xx) field plural.rule") != std::string::npos);
    std::string no_plural = ok;
    no_plural.erase(no_plural.find(", \"plural\""), no_plural.size() - no_plural.find(", \"plural\"") - 1);
    CHECK(error_of(("{\"languages\": [" + no_plural + "]}").c_str()).find("(xx) field plural") != std::string::npos);
}
