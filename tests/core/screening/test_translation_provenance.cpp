// The built-in instruments in every language: each item text and option display resolves to
// its translation file's wording (assets/instruments/translations), each language's provenance
// is read from the Questionnaire, and the QuestionnaireResponse records language and provenance.
// Every program carries the instruments in English and Spanish; with the translation files put
// over them they are what assets/instruments/*.json holds, and a language can be added to a form
// being answered.
#include "core/base/languages.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instrument_translation.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/response.hpp"
#include "core/screening/translation_provenance.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace safetynet::core;
using nlohmann::json;

namespace {

// The languages after English and Spanish: those the translation files carry.
std::vector<std::string> file_languages() {
    std::vector<std::string> out;
    for (const Language& l : languages())
        if (l.code != "en" && l.code != "es") out.push_back(l.code);
    return out;
}

json translation_file(const std::string& id, const std::string& lang) {
    return json::parse(safetynet::test::read_source_file("assets/instruments/translations/" + id + "." + lang + ".json"));
}

}  // namespace

TEST_CASE("every built-in instrument's texts resolve to each language's translation") {
    REQUIRE(file_languages().size() == 9);
    std::size_t translated = 0, checked = 0;
    for (const std::string& id : builtin_instrument_ids()) {
        const auto q = load_builtin_instrument_in_every_language(id);
        for (const std::string& lang : file_languages()) {
            CAPTURE(id);
            CAPTURE(lang);
            const json texts = translation_file(id, lang)["texts"];
            const auto expect = [&](const LocalizedText& t) {
                if (t.base.empty()) return;
                ++checked;
                CAPTURE(t.base);
                REQUIRE(texts.contains(t.base));
                CHECK(t.in(lang) == texts[t.base].get<std::string>());
                translated += t.in(lang) != t.base;
            };
            expect(q->title());
            for (const Item& it : q->items()) {
                expect(it.text);
                expect(it.help);
                for (const AnswerOption& o : it.options) expect(o.label);
            }
        }
    }
    // Numbers ("0" … "120" minutes) and names (PRAPARE, Medicare) read the same in every
    // language; all else differs from the English.
    MESSAGE(translated << " of " << checked << " texts differ from the English");
    CHECK(translated * 100 >= checked * 90);
}

TEST_CASE("each language's provenance is read from the Questionnaire") {
    const auto phq = load_builtin_instrument_in_every_language("phq-9");
    const auto en = translation_provenance(*phq, "en");
    REQUIRE(en);
    CHECK(en->kind == "original");
    CHECK(en->validated());

    const auto es = translation_provenance(*phq, "es-MX");  // falls back to "es"
    REQUIRE(es);
    CHECK(es->language == "es");
    CHECK(es->kind == "official");
    CHECK(es->source.find("Pfizer") != std::string::npos);

    const auto vi = translation_provenance(*phq, "vi");
    REQUIRE(vi);
    CHECK(vi->kind == "project");
    CHECK_FALSE(vi->validated());
    CHECK(vi->note.find("not validated") != std::string::npos);

    CHECK_FALSE(translation_provenance(*phq, "de"));  // no German text at all

    const auto ahc = load_builtin_instrument_in_every_language("ahc-hrsn");
    CHECK(translation_provenance(*ahc, "es")->kind == "project");
    for (const std::string& lang : file_languages()) CHECK(translation_provenance(*ahc, lang)->kind == "project");
}

TEST_CASE("the screening language: the person's when the site accepts its wording, else the form's") {
    const auto phq = load_builtin_instrument_in_every_language("phq-9");
    CHECK(screening_language(*phq, "vi", false) == "vi");
    CHECK(screening_language(*phq, "vi", true) == "en");    // project translation only
    CHECK(screening_language(*phq, "es-MX", true) == "es");  // the official PHQ Spanish
    CHECK(screening_language(*phq, "de", false) == "en");
    const auto ahc = load_builtin_instrument_in_every_language("ahc-hrsn");
    CHECK(screening_language(*ahc, "es", true) == "en");
}

TEST_CASE("the QuestionnaireResponse records its language and the translation's provenance") {
    const auto q = load_builtin_instrument_in_every_language("hunger-vital-sign");
    Response r(q);
    QuestionnaireResponseOptions o;
    o.language = "vi";
    const json qr = r.to_fhir(o);
    CHECK(qr["language"] == "vi");
    const auto recorded = recorded_provenance(qr);
    REQUIRE(recorded);
    CHECK(recorded->language == "vi");
    CHECK(recorded->kind == "project");

    // In the form's own language there is nothing to record but the language.
    o.language = "en";
    CHECK_FALSE(r.to_fhir(o).contains("extension"));

    // An imported response's own record (a clinic's certified translation) is kept when the
    // response is written back, though the built-in form calls its Vietnamese a project one.
    o.language = "vi";
    json certified = r.to_fhir(o);
    certified["extension"] =
        json::array({to_extension(TranslationProvenance{"vi", "official", "Clinic X certified translation 2026", ""})});
    const Response back = Response::from_fhir(q, certified);
    const auto kept = recorded_provenance(back.to_fhir(o));
    REQUIRE(kept);
    CHECK(kept->kind == "official");
    CHECK(kept->source == "Clinic X certified translation 2026");
}

namespace {

// Every text a person reads in `q`, in document order.
std::vector<const LocalizedText*> shown_texts(const Questionnaire& q) {
    std::vector<const LocalizedText*> out{&q.title()};
    for (const Item& it : q.items()) {
        out.insert(out.end(), {&it.text, &it.prefix, &it.help});
        for (const AnswerOption& o : it.options) out.push_back(&o.label);
    }
    return out;
}

}  // namespace

TEST_CASE("the programs carry English and Spanish; with the translation files the instruments are as committed") {
    for (const std::string& id : builtin_instrument_ids()) {
        CAPTURE(id);
        const auto first = load_builtin_instrument(id);
        CHECK(first->languages() == std::vector<std::string>{"en", "es"});
        const auto every = load_builtin_instrument_in_every_language(id);
        const std::string path = "assets/instruments/" + id + ".json";
        const Questionnaire committed = Questionnaire::parse(safetynet::test::read_source_file(path), path);
        REQUIRE(every->languages() == committed.languages());
        const auto got = shown_texts(*every), want = shown_texts(committed);
        REQUIRE(got.size() == want.size());
        std::size_t compared = 0;
        for (const std::string& lang : committed.languages()) {
            CAPTURE(lang);
            for (std::size_t i = 0; i < got.size(); ++i) {
                CHECK(got[i]->in(lang) == want[i]->in(lang));
                ++compared;
            }
            const auto p = translation_provenance(*every, lang), c = translation_provenance(committed, lang);
            REQUIRE(p);
            REQUIRE(c);
            CHECK(p->kind == c->kind);
            CHECK(p->source == c->source);
            CHECK(p->note == c->note);
        }
        CHECK(compared > 0);
        // The form's JSON (what %questionnaire is in its expressions) carries the wording too.
        const bool same_json = every->source_json() == committed.source_json();
        CHECK(same_json);
    }
}

TEST_CASE("a language added to a form being answered keeps its answers and instances") {
    const json form = {{"resourceType", "Questionnaire"}, {"id", "household"}, {"status", "active"}, {"title", "Household"},
                       {"item", json::array({{{"linkId", "person"}, {"type", "group"}, {"repeats", true}, {"text", "A person"},
                                              {"item", json::array({{{"linkId", "age"}, {"type", "integer"}, {"text", "Age"}},
                                                                    {{"linkId", "works"}, {"type", "choice"}, {"text", "Works?"},
                                                                     {"answerOption", json::array({
                                                                         {{"valueCoding", {{"code", "y"}, {"display", "Yes"}}}},
                                                                         {{"valueCoding", {{"code", "n"}, {"display", "No"}}}}})}}})}}})}};
    const auto q = std::make_shared<const Questionnaire>(Questionnaire::from_json(form, "household"));
    const json catalog = {{"instrument", "household"}, {"language", "vi"},
                          {"provenance", {{"kind", "project"}, {"note", "test wording"}}},
                          {"texts", {{"Household", "Hộ gia đình"}, {"A person", "Một người"}, {"Age", "Tuổi"},
                                     {"Works?", "Có đi làm không?"}, {"Yes", "Có"}, {"No", "Không"}}}};
    Response r(q);
    r.add_instance(*q->find("person"));
    const auto ages = r.questionnaire().instances(*q->find("person"));
    REQUIRE(ages.size() == 2);
    const std::size_t second_age = ages[1] + 1;
    r.set(second_age, AnswerValue::of_integer(41));
    r.select_option(second_age + 1, 1);

    for (const InstrumentTranslation& t : parse_instrument_translation(catalog.dump(), "household.vi.json", *q))
        r.add_translation(t);
    CHECK(r.questionnaire().instances(*q->find("person")).size() == 2);
    CHECK(r.questionnaire().item(second_age).text.in("vi") == "Tuổi");
    CHECK(r.questionnaire().item(second_age + 1).options[1].label.in("vi") == "Không");
    CHECK(r.questionnaire().title().in("vi") == "Hộ gia đình");
    REQUIRE(r.answers(second_age).size() == 1);
    CHECK(r.answers(second_age)[0].integer == 41);
    CHECK(r.answers(second_age + 1).size() == 1);
    CHECK(translation_provenance(r.questionnaire(), "vi")->kind == "project");
    // The form the response goes back to when wiped has the language too.
    r.wipe();
    CHECK(r.questionnaire().instances(*q->find("person")).size() == 1);
    CHECK(r.questionnaire().item(*q->find("age")).text.in("vi") == "Tuổi");
    // The form given to the response is untouched.
    CHECK(q->item(*q->find("age")).text.in("vi") == "Age");
}
