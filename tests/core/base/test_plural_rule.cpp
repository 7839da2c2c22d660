#include "core/base/error.hpp"
#include "core/base/i18n.hpp"
#include "core/base/languages.hpp"
#include "core/base/plural_rule.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using safetynet::core::Catalog;
using safetynet::core::Error;
using safetynet::core::find_language;
using safetynet::core::PluralRule;
using safetynet::core::Translator;

namespace {
// The CLDR category a built-in language's rule gives for n.
std::string category(const char* code, std::uint64_t n) {
    const auto* l = find_language(code);
    REQUIRE(l != nullptr);
    const PluralRule rule = PluralRule::parse(l->plural_rule, l->plural_categories.size(), code);
    return l->plural_categories.at(rule.index(n));
}
}  // namespace

// The expected categories are CLDR's (unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html).
TEST_CASE("Russian counts take one, few and many as CLDR says") {
    const std::vector<std::pair<std::uint64_t, const char*>> want{
        {0, "many"}, {1, "one"}, {2, "few"}, {3, "few"}, {5, "many"}, {11, "many"}, {21, "one"}, {100, "many"},
        {12, "many"}, {22, "few"}, {111, "many"}, {1001, "one"}};
    for (const auto& [count, cat] : want) {
        const std::uint64_t n = count;  // a copy: clang 14 cannot capture a structured binding (CAPTURE)
        CAPTURE(n);
        CHECK(category("ru", n) == cat);
    }
}

TEST_CASE("Arabic counts take all six categories as CLDR says") {
    const std::vector<std::pair<std::uint64_t, const char*>> want{
        {0, "zero"}, {1, "one"}, {2, "two"}, {3, "few"}, {5, "few"}, {11, "many"}, {21, "many"}, {100, "other"},
        {10, "few"}, {99, "many"}, {102, "other"}, {103, "few"}};
    for (const auto& [count, cat] : want) {
        const std::uint64_t n = count;  // a copy: clang 14 cannot capture a structured binding (CAPTURE)
        CAPTURE(n);
        CHECK(category("ar", n) == cat);
    }
}

TEST_CASE("languages without plural inflection have one form; English and Spanish two") {
    for (const char* code : {"zh-Hans", "zh-Hant", "vi", "ko"}) {
        CAPTURE(code);
        CHECK(category(code, 0) == "other");
        CHECK(category(code, 1) == "other");
        CHECK(category(code, 21) == "other");
    }
    CHECK(category("en", 1) == "one");
    CHECK(category("en", 0) == "other");
    CHECK(category("es", 1) == "one");
    CHECK(category("es", 2) == "other");
}

TEST_CASE("a Plural-Forms header parses as gettext reads it") {
    const PluralRule r = PluralRule::parse_header("nplurals=3; plural=n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2;", "h");
    CHECK(r.nplurals() == 3);
    CHECK(r.index(1) == 0);
    CHECK(r.index(4) == 1);
    CHECK(r.index(7) == 2);
    // Arithmetic and negation as in C; division by zero gives 0 rather than a crash.
    CHECK(PluralRule::parse("(n * 2 + 1 - 3) / 2 > 1", 2, "x").index(3) == 1);
    CHECK(PluralRule::parse("!(n % 0)", 2, "x").index(5) == 1);
    // An index past nplurals (a broken foreign catalog) falls to the last form.
    CHECK(PluralRule::parse("n", 2, "x").index(7) == 1);
}

TEST_CASE("malformed plural rules are refused with where and why") {
    auto error_of = [](const char* header) {
        try {
            PluralRule::parse_header(header, "test.po");
        } catch (const Error& e) {
            CHECK(e.kind() == "malformed-plural-rule");
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(error_of("plural=n != 1;").find("nplurals") != std::string::npos);
    CHECK(error_of("nplurals=0; plural=0;").find("from 1 to 16") != std::string::npos);
    CHECK(error_of("nplurals=2; plural=n != ;").find("character") != std::string::npos);
    CHECK(error_of("nplurals=2; plural=(n == 1;").find("\")\" expected") != std::string::npos);
    CHECK(error_of("nplurals=2; plural=n ? 1;").find("\":\" expected") != std::string::npos);
    CHECK(error_of("nplurals=2; plural=x;").rfind("test.po", 0) == 0);
    CHECK(error_of(("nplurals=2; plural=" + std::string(200, '(') + "n" + std::string(200, ')') + ";").c_str())
              .find("nests too deeply") != std::string::npos);
}

TEST_CASE("plural texts render with the count in the language's form") {
    Translator t;
    CHECK(t.plural("ws.refer.made", 1) == "1 referral made.");
    CHECK(t.plural("ws.refer.made", 0) == "0 referrals made.");
    CHECK(t.plural("ws.refer.made", 3) == "3 referrals made.");
    CHECK(t.plural("ws.network.partial", 1, {{"known", "40"}}) == "40 + suppressed at 1 site");
    REQUIRE(t.set_language("es"));
    CHECK(t.plural("ws.refer.made", 1) == "1 derivación hecha.");
    CHECK(t.plural("ws.refer.made", 2) == "2 derivaciones hechas.");
    CHECK(t.plural("ws.refer.create", 5) == "Crear 5 derivaciones");
    // tr() on a plural key gives its general ("other") form rather than the key.
    CHECK(std::string(t.tr("ws.refer.create")) == "Crear {n} derivaciones");
}

TEST_CASE("a catalog's plural forms for Russian and Arabic counts") {
    // The catalogs the translators deliver arrive later; the rule and the form choice are the
    // same code, exercised here with a catalog in the compiled format.
    const Catalog ru = Catalog::parse(
        R"({"_meta": {"language": "ru"}, "k": ["{n} one", "{n} few", "{n} many", "{n} other"]})", "ru.json");
    const Catalog ar = Catalog::parse(
        R"({"_meta": {"language": "ar"}, "k": ["zero", "one", "two", "{n} few", "{n} many", "{n} other"]})", "ar.json");
    const std::vector<std::uint64_t> counts{0, 1, 2, 3, 5, 11, 21, 100};
    const std::vector<std::string> ru_want{"{n} many", "{n} one", "{n} few", "{n} few", "{n} many", "{n} many", "{n} one", "{n} many"};
    const std::vector<std::string> ar_want{"zero", "one", "two", "{n} few", "{n} few", "{n} many", "{n} many", "{n} other"};
    for (std::size_t i = 0; i < counts.size(); ++i) {
        CAPTURE(counts[i]);
        CHECK(std::string(ru.find_plural("k", counts[i])) == ru_want[i]);
        CHECK(std::string(ar.find_plural("k", counts[i])) == ar_want[i]);
    }
    // A plural with the wrong number of forms for its language is refused, naming the key.
    try {
        Catalog::parse(R"({"_meta": {"language": "ru"}, "k": ["a", "b"]})", "bad.json");
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("key k") != std::string::npos);
        CHECK(std::string(e.what()).find("4 plural forms") != std::string::npos);
    }
}
