// Questionnaire import: the built-in instruments, translations, help, and every malformed
// input of tests/data/screening/malformed/ with the error it must raise.
#include "core/base/error.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>

using namespace safetynet::core;
using nlohmann::json;
using safetynet::test::read_test_file;

namespace {

const std::string kData = std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/screening/";

}  // namespace

TEST_CASE("every built-in instrument imports, in English, Spanish and the nine other languages") {
    struct Expect { const char* id; std::size_t questions; const char* panel; };
    // Question counts from the instruments' own numbering: AHC 1-10 and 11-26 (23 has two
    // parts, a and b), HVS 2, PRAPARE 21 (core + optional), PHQ-2 2, PHQ-9 9 + difficulty.
    const Expect expected[] = {{"ahc-hrsn", 10, "96777-8"}, {"ahc-hrsn-full", 27, "97023-6"},
                               {"hunger-vital-sign", 2, "88121-9"}, {"prapare", 21, "93025-5"},
                               {"phq-2", 2, "55757-9"}, {"phq-9", 10, "44249-1"}};
    REQUIRE(builtin_instrument_ids().size() == std::size(expected));
    for (const Expect& e : expected) {
        CAPTURE(e.id);
        const auto q = load_builtin_instrument_in_every_language(e.id);
        CHECK(q->question_count() == e.questions);
        CHECK(q->has_code(e.panel));
        // The form's own language first, then its translations (issue 14: all eleven).
        CHECK(q->languages() == std::vector<std::string>{"en", "ar", "es", "ht", "ko", "pt", "ru", "tl", "vi", "zh-Hans",
                                                         "zh-Hant"});
        CHECK(q->title().in("es") != q->title().in("en"));
        for (const Item& it : q->items()) {
            CAPTURE(it.link_id);
            // Every text has a Spanish version, and every question's linkId is its LOINC code.
            if (!it.text.base.empty()) CHECK(!it.text.translations.empty());
            if (it.is_question()) {
                REQUIRE(!it.codes.empty());
                CHECK(it.codes[0].system == "http://loinc.org");
                CHECK(it.codes[0].code == it.link_id);
            }
            for (const AnswerOption& o : it.options) CHECK(!o.label.translations.empty());
        }
    }
}

TEST_CASE("translations fall back from a regional tag to its language, then to English") {
    const auto q = load_builtin_instrument("ahc-hrsn");
    const Item& living = q->item(*q->find("71802-3"));
    CHECK(living.text.in("en") == "What is your living situation today?");
    CHECK(living.text.in("es") == "¿Cuál es su situación de vivienda hoy?");
    CHECK(living.text.in("es-MX") == living.text.in("es"));
    CHECK(living.text.in("fr") == living.text.in("en"));
    CHECK(living.options[0].label.in("es") == "Tengo un lugar estable donde vivir");
}

TEST_CASE("help displays fold into their question; exclusive options and weights are read") {
    const auto q = load_builtin_instrument("ahc-hrsn");
    const Item& problems = q->item(*q->find("96778-6"));
    CHECK(problems.help.in("en") == "Choose all that apply.");
    CHECK(problems.help.in("es") == "Marque todas las que correspondan.");
    CHECK_FALSE(q->find("96778-6-help").has_value());  // not an item of its own
    REQUIRE(problems.options.size() == 8);
    CHECK(problems.options.back().value.coding.code == "LA9-3");
    CHECK(problems.options.back().exclusive);
    CHECK_FALSE(problems.options.front().exclusive);
    const Item& hurt = q->item(*q->find("95618-5"));
    REQUIRE(hurt.options.size() == 5);
    CHECK(hurt.options.front().weight == doctest::Approx(1));
    CHECK(hurt.options.back().weight == doctest::Approx(5));
}

TEST_CASE("an imported copy finds its LOINC items by item.code when linkIds are paths") {
    json doc = json::parse(read_test_file(kData + "imported/prapare-ig-style.questionnaire.json"));
    const Questionnaire q = Questionnaire::from_json(doc, "ig");
    const auto i = q.find_by_code("71802-3");
    REQUIRE(i.has_value());
    CHECK(q.item(*i).link_id == "/93042-0/71802-3");
    CHECK(q.item(*i).help.in("en") == "Describes patients living arrangement");
}

TEST_CASE("initial values, initialSelected, readOnly and prefix are read") {
    const json doc = {{"resourceType", "Questionnaire"},
                      {"item",
                       {{{"linkId", "n"}, {"type", "integer"}, {"initial", {{{"valueInteger", 4}}}}, {"prefix", "1."}},
                        {{"linkId", "c"}, {"type", "choice"}, {"readOnly", true},
                         {"answerOption", {{{"valueString", "a"}}, {{"valueString", "b"}, {"initialSelected", true}}}}}}}};
    auto q = std::make_shared<const Questionnaire>(Questionnaire::from_json(doc, "t"));
    CHECK(q->item(0).prefix.in("en") == "1.");
    Response r(q);
    REQUIRE(r.answers(0).size() == 1);
    CHECK(r.answers(0)[0].integer == 4);
    REQUIRE(r.answers(1).size() == 1);
    CHECK(r.answers(1)[0].string == "b");
    CHECK_THROWS_AS(r.select_option(1, 0), Error);  // read-only
}

TEST_CASE("malformed questionnaires and answers raise the expected error") {
    const json expected = json::parse(read_test_file(kData + "malformed/expected.json"));
    std::set<std::string> listed;
    int checked = 0;
    for (const json& c : expected["cases"]) {
        const std::string file = c["file"].get<std::string>();
        CAPTURE(file);
        listed.insert(file);
        const std::string text = read_test_file(kData + file);
        std::string kind = "accepted", where;
        try {
            if (!c.contains("questionnaire")) {
                (void)Questionnaire::parse(text, file);
            } else {
                const std::string qname = c["questionnaire"].get<std::string>();
                std::shared_ptr<const Questionnaire> q;
                if (qname.rfind("builtin:", 0) == 0)
                    q = load_builtin_instrument(qname.substr(8));
                else
                    q = std::make_shared<const Questionnaire>(Questionnaire::parse(read_test_file(kData + qname), qname));
                (void)Response::parse(q, text, file);
            }
        } catch (const Error& e) {
            kind = e.kind();
            where = e.where();
            CHECK(!e.message().empty());
        }
        CHECK(kind == c["kind"].get<std::string>());
        CHECK(where == c["where"].get<std::string>());
        ++checked;
    }
    CHECK(checked >= 30);
    // Every file in the directory has an expectation (no silent, untested inputs).
    for (const char* sub : {"malformed/questionnaire", "malformed/answers"})
        for (const auto& entry : std::filesystem::directory_iterator(kData + sub)) {
            const std::string rel = std::string(sub) + "/" + entry.path().filename().string();
            CHECK_MESSAGE(listed.count(rel) == 1, rel << " has no expected error");
        }
}
