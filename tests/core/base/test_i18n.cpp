#include "core/base/error.hpp"
#include "core/base/every_catalog.hpp"
#include "core/base/i18n.hpp"
#include "core/base/languages.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using safetynet::core::Catalog;
using safetynet::core::Error;
using safetynet::core::Translator;

TEST_CASE("every built-in catalog has exactly the English keys") {
    const Translator t = safetynet::core::translator_with_every_language();
    const Catalog* en = t.catalog("en");
    REQUIRE(en != nullptr);
    auto en_keys = en->keys();
    std::sort(en_keys.begin(), en_keys.end());
    REQUIRE(t.languages().size() == safetynet::core::languages().size());
    for (const auto& lang : t.languages()) {
        CAPTURE(lang.code);
        REQUIRE(t.has_catalog(lang.code));
        auto keys = t.catalog(lang.code)->keys();
        std::sort(keys.begin(), keys.end());
        CHECK(keys == en_keys);
    }
}

TEST_CASE("a language listed but not carried is wanted until its catalog is added, then switched to") {
    // What every program carries: English and Spanish (the browser fetches the others).
    Translator t;
    CHECK(t.has_catalog("en"));
    CHECK(t.has_catalog("es"));
    CHECK_FALSE(t.has_catalog("vi"));
    CHECK(t.languages().size() == safetynet::core::languages().size());  // all listed, loaded or not
    REQUIRE(t.set_language("es"));
    CHECK_FALSE(t.set_language("vi"));
    CHECK(t.language() == "es");  // nothing changes until the catalog is there
    CHECK(t.wanted_language() == "vi");
    CHECK_FALSE(t.set_language("xx"));  // not a listed language: not wanted either
    CHECK(t.wanted_language() == "vi");
    // Another language's catalog arriving does not switch.
    const Translator every = safetynet::core::translator_with_every_language();
    const std::string ko_json = R"({"_meta": {"language": "ko"}, "welcome.start": "시작"})";
    t.add_catalog(Catalog::parse(ko_json, "ko.json"), "ko.json");
    CHECK(t.language() == "es");
    // The wanted one does.
    t.add_catalog(Catalog::parse(R"({"_meta": {"language": "vi"}, "welcome.start": "Bắt đầu"})", "vi.json"), "vi.json");
    CHECK(t.language() == "vi");
    CHECK(t.wanted_language().empty());
    CHECK(std::string(t.tr("welcome.start")) == "Bắt đầu");
    CHECK(std::string(t.tr("welcome.title")) == every.tr("welcome.title"));  // English fallback, key by key
    // Choosing a carried language forgets a wanted one.
    CHECK_FALSE(t.set_language("ru"));
    CHECK(t.set_language("en"));
    CHECK(t.wanted_language().empty());
    // A catalog that defines a key twice is refused and changes nothing.
    CHECK_THROWS_AS(t.add_catalog(Catalog::parse(R"({"_meta": {"language": "vi"}, "welcome.start": "x"})", "again.json"),
                                  "again.json"),
                    Error);
    REQUIRE(t.set_language("vi"));
    CHECK(std::string(t.tr("welcome.start")) == "Bắt đầu");
}

TEST_CASE("English is listed first and Spanish names itself") {
    const Translator t;
    REQUIRE(!t.languages().empty());
    CHECK(t.languages().front().code == "en");
    const auto es = std::find_if(t.languages().begin(), t.languages().end(),
                                 [](const auto& l) { return l.code == "es"; });
    REQUIRE(es != t.languages().end());
    CHECK(es->native_name == "Español");
}

TEST_CASE("switching language changes the text and unknown languages are refused") {
    Translator t;
    CHECK(std::string(t.tr("welcome.start")) == "Start");
    CHECK(t.set_language("es"));
    CHECK(std::string(t.tr("welcome.start")) == "Comenzar");
    CHECK_FALSE(t.set_language("xx"));
    CHECK(t.language() == "es");
}

TEST_CASE("a key missing from the catalog falls back to English, then to the key") {
    Translator t;
    t.set_language("es");
    CHECK(std::string(t.tr("no.such.key")) == "no.such.key");
}

TEST_CASE("format fills every placeholder") {
    const Translator t;
    CHECK(t.format("welcome.site", {{"site", "Clínica {site}"}}) == "Clínica {site}");
}

TEST_CASE("malformed catalogs are rejected with the reason") {
    auto kind_of = [](const char* json) {
        try {
            Catalog::parse(json, "test.json");
        } catch (const Error& e) {
            return e.kind() + " | " + e.what();
        }
        return std::string("accepted");
    };
    CHECK(kind_of("{").rfind("malformed-json", 0) == 0);
    CHECK(kind_of("[]").rfind("malformed-catalog", 0) == 0);
    CHECK(kind_of(R"({"a": "b"})").find("_meta.language") != std::string::npos);
    CHECK(kind_of(R"({"_meta": {"language": "fr"}, "k": 3})").find("key k") != std::string::npos);
    CHECK(kind_of(R"({"_meta": {"language": "fr", "name": 3}, "k": "v"})").find("_meta.name") != std::string::npos);
    CHECK(kind_of(R"({"_meta": {"language": "fr"}, "k": "v"})") == "accepted");
}

TEST_CASE("catalogs of one language from several files merge, and a duplicate key is refused") {
    Catalog a = Catalog::parse(R"({"_meta": {"language": "fr", "name": "Français"}, "x": "1"})", "fr.json");
    a.merge(Catalog::parse(R"({"_meta": {"language": "fr"}, "y": "2"})", "area.fr.json"), "area.fr.json");
    CHECK(std::string(a.find("y")) == "2");
    CHECK(a.language().native_name == "Français");
    CHECK_THROWS_AS(a.merge(Catalog::parse(R"({"_meta": {"language": "fr"}, "x": "3"})", "dup.fr.json"), "dup.fr.json"),
                    Error);
    CHECK(std::string(a.find("x")) == "1");
}

TEST_CASE("a number with a fraction is written with the language's decimal symbol (a kiosk's distance: 0.3 mi, 0,3 mi)") {
    Translator t = safetynet::core::translator_with_every_language();
    CHECK(t.decimal(0.3, 1) == "0.3");
    CHECK(t.decimal(12.04, 1) == "12.0");
    CHECK(t.decimal(7, 0) == "7");
    CHECK(t.format("kiosk.distance_miles", {{"miles", t.decimal(0.3, 1)}}) == "0.3 mi");
    REQUIRE(t.set_language("es"));
    CHECK(t.decimal(0.3, 1) == "0,3");
    CHECK(t.format("kiosk.distance_miles", {{"miles", t.decimal(4.46, 1)}}) == "4,5 mi");
    REQUIRE(t.set_language("ru"));
    CHECK(t.format("kiosk.distance_miles", {{"miles", t.decimal(4.46, 1)}}) == "4,5 мили");
    REQUIRE(t.set_language("zh-Hans"));
    CHECK(t.decimal(4.46, 1) == "4.5");
    // Every language has one (languages.json "decimal", checked against CLDR by the build).
    for (const safetynet::core::Language& l : safetynet::core::languages()) CHECK_MESSAGE(!l.decimal.empty(), l.code);
}
