#include "tests/support/ui_harness.hpp"
#include "tests/support/test_helpers.hpp"
#include "ui/kiosk/kiosk.hpp"

#include <algorithm>
#include <limits>
#include <string>

using safetynet::test::UiHarness;

namespace {

const char* kSite = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn", "zip": "97201",
  "idle_timeout_seconds": 60, "idle_warning_seconds": 10,
  "crisis": {"message": {"en": "Tell staff now.", "es": "Avise al personal."},
             "lines": [{"label": "988 Lifeline", "number": "988"}]}})";

// A harness whose site file is loaded, standing on the welcome screen.
struct Kiosk : UiHarness {
    Kiosk() {
        platform.files["assets/site.json"] = kSite;
        frame();
        frame();
    }
    std::string screen() { return state()["screen"]; }
    std::string item() { return state()["kiosk"].value("item", ""); }
    // Answers the question on screen with option `k` (0-based) and moves on.
    void answer(int k) {
        click("answer." + std::to_string(k));
        click("nav.next");
    }
    // Next until the review screen (skipping what is left).
    void to_review() {
        for (int guard = 0; guard < 60 && screen() == "question"; ++guard) click("nav.next");
        REQUIRE(screen() == "review");
    }
    void to_questions() {
        click("welcome.start");
        REQUIRE(screen() == "privacy");
        click("nav.next");
        REQUIRE(screen() == "question");
    }
};

// In Spanish, food worry "often true", everything else skipped, no ZIP: the results screen.
void to_spanish_food_results(UiHarness& h) {
    h.click("lang.es");
    h.click("welcome.start");
    h.click("nav.next");
    h.click("nav.next");
    h.click("nav.next");
    h.click("answer.0");  // food: often true
    for (int guard = 0; guard < 40 && h.state()["screen"] == "question"; ++guard) h.click("nav.next");
    h.click("nav.next");  // review
    h.click("nav.next");  // no ZIP: the site's
    REQUIRE(h.state()["screen"] == "results");
}

}  // namespace

TEST_CASE("a whole AHC HRSN screening by touch: questions, review, ZIP on the pad, results") {
    Kiosk k;
    CHECK(k.state()["site"] == "Test Clinic");
    k.to_questions();
    CHECK(k.item() == "71802-3");
    CHECK(k.state()["kiosk"]["position"] == 1);
    const int total = k.state()["kiosk"]["count"];
    CHECK(total >= 10);
    k.answer(2);                          // 1 living situation: no steady place
    CHECK(k.item() == "96778-6");         // 2 housing problems (multi-select)
    k.click("answer.0");                  // pests
    k.click("answer.1");                  // mold
    k.click("nav.next");
    k.answer(0);                          // 3 food worry: often true
    k.answer(2);                          // 4 food ran out: never
    k.answer(1);                          // 5 transportation: no
    k.answer(1);                          // 6 utilities: no
    CHECK(k.item() == "safety-intro");    // a display screen before the safety questions
    k.click("nav.next");
    for (int i = 0; i < 4; ++i) k.answer(0);  // 7-10 HITS: never
    CHECK(k.screen() == "review");
    CHECK(k.has("review.change.71802-3"));
    k.click("nav.next");
    CHECK(k.screen() == "location");
    CHECK(k.app->widgets().find("nav.next")->enabled);            // "Skip" while empty
    k.click("zip.9");
    CHECK(k.app->widgets().find("nav.next")->enabled == false);  // a partial ZIP: no
    for (const char* d : {"7", "2", "0", "1"}) k.click(std::string("zip.") + d);
    CHECK(k.app->widgets().find("nav.next")->enabled);
    k.click("nav.next");
    REQUIRE(k.screen() == "results");
    const auto needs = k.state()["kiosk"]["needs"];
    CHECK(needs == nlohmann::json({"homelessness", "inadequate-housing", "food-insecurity"}));
    CHECK(k.state()["kiosk"]["urgent"] == false);
    CHECK(k.has("results.need.food-insecurity"));
    CHECK_FALSE(k.has("results.crisis"));
}

TEST_CASE("None of the above clears the boxes ticked before it") {
    Kiosk k;
    k.to_questions();
    k.answer(0);
    REQUIRE(k.item() == "96778-6");
    k.click("answer.0");
    k.click("answer.1");
    const int none = 7;  // LA9-3, the last option
    k.click("answer." + std::to_string(none));
    k.click("nav.next");
    k.click("nav.back");
    CHECK(k.item() == "96778-6");
    k.to_review();
    // Only "None of the above" is left of the three boxes.
    const auto* change = k.app->widgets().find("review.change.96778-6");
    REQUIRE(change != nullptr);
    k.click("review.change.96778-6");
    k.click("answer.3");  // another box clears "None of the above"
    k.click("nav.next");
    CHECK(k.screen() == "review");
}

TEST_CASE("an unsafe home shows the crisis numbers first") {
    Kiosk k;
    k.to_questions();
    for (int i = 0; i < 7; ++i) k.click("nav.next");  // skip 1-6 and the safety intro
    REQUIRE(k.item() == "95618-5");
    for (int i = 0; i < 4; ++i) k.answer(3);           // HITS: fairly often x4 = 16
    REQUIRE(k.screen() == "review");
    k.click("nav.next");
    k.click("nav.next");  // skip the ZIP
    REQUIRE(k.screen() == "results");
    CHECK(k.state()["kiosk"]["urgent"] == true);
    const auto* crisis = k.app->widgets().find("results.crisis");
    const auto* title = k.app->widgets().find("results.title");
    REQUIRE(crisis != nullptr);
    REQUIRE(title != nullptr);
    CHECK(crisis->y < title->y);
}

TEST_CASE("prefer not to answer, back, and changing an answer from review") {
    Kiosk k;
    k.to_questions();
    k.click("nav.middle");  // prefer not to answer
    k.click("nav.next");
    CHECK(k.item() == "96778-6");
    k.click("nav.back");
    CHECK(k.item() == "71802-3");
    k.to_review();
    k.click("review.change.88122-7");
    CHECK(k.item() == "88122-7");
    k.answer(0);
    CHECK(k.screen() == "review");
}

TEST_CASE("Finish and clear: a thank-you in the person's language, then a fresh welcome") {
    Kiosk k;
    k.click("lang.es");
    k.click("textsize.2");
    k.to_questions();
    k.answer(1);
    k.to_review();
    k.click("nav.next");
    k.click("nav.next");  // skip the ZIP
    REQUIRE(k.screen() == "results");
    // issue #12: "Finish and clear" asks first; "Go back" keeps everything.
    k.click("nav.next");  // Terminar y borrar
    CHECK(k.screen() == "results");
    CHECK(k.state()["kiosk"]["confirm_finish"] == true);
    k.click("confirm.no");
    CHECK(k.screen() == "results");
    CHECK(k.state()["kiosk"]["confirm_finish"] == false);
    k.click("nav.next");
    k.click("confirm.yes");
    CHECK(k.screen() == "finished");
    CHECK(k.state()["lang"] == "es");
    k.platform.now += 10;
    k.frame();
    k.frame();
    CHECK(k.screen() == "welcome");
    CHECK(k.state()["lang"] == "en");
    CHECK(k.state()["text_size"] == 0);
    // A new session starts empty.
    k.to_questions();
    k.click("nav.next");
    k.click("nav.back");
    CHECK(k.item() == "71802-3");
    k.to_review();
}

TEST_CASE("idle: a warning with a countdown, 'I am still here' keeps the session, silence wipes it") {
    Kiosk k;
    k.to_questions();
    k.answer(1);
    k.platform.now += 61;
    k.frame();
    CHECK(k.has("idle.stay"));
    k.click("idle.stay");
    k.frame();
    CHECK_FALSE(k.has("idle.stay"));
    CHECK(k.screen() == "question");
    k.platform.now += 61;
    k.frame();
    CHECK(k.has("idle.stay"));
    k.platform.now += 11;
    k.frame();
    k.frame();
    CHECK(k.screen() == "welcome");
    k.to_questions();
    CHECK(k.item() == "71802-3");
    // The answer given before the timeout is gone: the first question offers Skip again.
    k.to_review();
    REQUIRE(k.app->widgets().find("review.change.71802-3") != nullptr);
}

// Draw on demand (issue 16): the browser's loop sleeps until App::redraw_due_at. Each moment a
// screen changes with time by itself is named exactly, and nothing is due before it.
TEST_CASE("the kiosk says when it next changes by itself: the idle warning, each second of its countdown, the thank-you's end") {
    Kiosk k;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    // The frames a change takes to settle (a dialog is measured on its first frame, shown on the
    // next), as the browser's loop runs them before it sleeps.
    const auto settle = [&] { for (int i = 0; i < 5 && k.app->wants_redraw(k.platform.now); ++i) k.frame(); };
    // The welcome screen at rest changes with nothing but input.
    settle();
    CHECK(k.app->redraw_due_at(k.platform.now) == kInf);

    k.to_questions();
    settle();
    k.app->note_input();
    const double input_at = k.platform.now;
    // The site's idle timeout is 60 s: the warning is due then, not before.
    CHECK(k.app->redraw_due_at(k.platform.now) == doctest::Approx(input_at + 60));
    k.platform.now = input_at + 59.5;
    CHECK_FALSE(k.app->wants_redraw(k.platform.now));
    CHECK_FALSE(k.has("idle.stay"));
    k.platform.now = input_at + 60;
    CHECK(k.app->wants_redraw(k.platform.now));
    settle();
    CHECK(k.has("idle.stay"));
    // 10 s to answer, counted in whole seconds: the next frame is due when the number changes
    // ("10" drawn at 60 s, "9" due at 61 s), and at once when that moment passed unpainted.
    CHECK(k.app->redraw_due_at(k.platform.now) == doctest::Approx(input_at + 61).epsilon(1e-4));
    k.platform.now = input_at + 62.25;
    CHECK(k.app->wants_redraw(k.platform.now));
    settle();  // "8" drawn; "7" at 63 s
    CHECK(k.app->redraw_due_at(k.platform.now) == doctest::Approx(input_at + 63).epsilon(1e-4));
    k.platform.now = input_at + 69.5;
    settle();  // "1" drawn (0.5 s left); the session is wiped at 70 s
    CHECK(k.app->redraw_due_at(k.platform.now) == doctest::Approx(input_at + 70).epsilon(1e-4));
    k.platform.now = input_at + 70.01;
    CHECK(k.app->wants_redraw(k.platform.now));
    k.frame();
    k.frame();
    CHECK(k.screen() == "welcome");

    // "Finish and clear": the thank-you stays kThanksSeconds, then the kiosk resets by itself.
    to_spanish_food_results(k);
    k.click("nav.next");  // Terminar y borrar
    k.click("confirm.yes");
    REQUIRE(k.screen() == "finished");
    settle();
    const double due = k.app->redraw_due_at(k.platform.now);
    CHECK(due > k.platform.now);
    CHECK(due - k.platform.now <= safetynet::ui::Kiosk::kThanksSeconds);
    k.platform.now = due;
    k.frame();
    k.frame();
    CHECK(k.screen() == "welcome");
}

TEST_CASE("read aloud speaks the question and its numbered answers in the current language") {
    Kiosk k;
    k.click("lang.es");
    k.to_questions();
    k.click("read_aloud");
    REQUIRE(k.platform.spoken.size() == 1);
    CHECK(k.platform.spoken.back().find("1:") != std::string::npos);
    CHECK(k.platform.spoken.back().find("vivienda") != std::string::npos);
}

TEST_CASE("issue #14 item 5 - no voice for the language: read aloud says so, on the screen and to a screen reader") {
    Kiosk k;
    k.platform.voiceless = {"es"};
    k.click("lang.es");
    k.to_questions();
    k.app->semantics().take_announcements();
    CHECK_FALSE(k.has("read_aloud.no_voice"));
    k.click("read_aloud");
    CHECK(k.platform.spoken.empty());  // not read in another language's voice
    REQUIRE(k.has("read_aloud.no_voice"));
    const std::string note = "Este dispositivo no puede leer en voz alta en este idioma.";
    bool shown = false;
    for (const auto& n : k.app->semantics().nodes()) shown = shown || n.name == note;
    CHECK(shown);
    bool heard = false;
    for (const auto& a : k.app->semantics().take_announcements()) heard = heard || a.text == note;
    CHECK(heard);
    // The next question starts without it; English, which has a voice, is read.
    k.click("nav.next");
    CHECK_FALSE(k.has("read_aloud.no_voice"));
    k.click("lang.en");
    k.click("read_aloud");
    CHECK(k.platform.spoken.size() == 1);
}

TEST_CASE("the keyboard works too: digits pick answers, Enter goes on") {
    Kiosk k;
    k.to_questions();
    k.app->actions().focus("", false);  // the keys reach the canvas, not a focused control
    k.keys("3");
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Enter]] = true;
    k.frame();
    ImGui::GetIO().KeysDown[ImGui::GetIO().KeyMap[ImGuiKey_Enter]] = false;
    k.frame();
    CHECK(k.item() == "96778-6");
}

TEST_CASE("results list places from the site's directory near the ZIP, in the person's language") {
    UiHarness h;
    // 11:06 UTC on 18 November; twelve hours west it is still the 17th, the day the page shows.
    h.platform.wall = 1795000000;
    h.platform.utc_offset = -12 * 3600;
    const auto read = safetynet::test::read_source_file;
    h.platform.files["assets/site.json"] =
        R"({"site_name": "Demo", "zip": "95112", "directory": "assets/directory/demo-region.hsds.json"})";
    h.platform.files["assets/directory/demo-region.hsds.json"] = read("assets/directory/demo-region.hsds.json");
    for (int i = 0; i < 4; ++i) h.frame();
    to_spanish_food_results(h);
    REQUIRE(h.scroll_into_view("results.service.food-insecurity.0") != nullptr);
    CHECK(h.has("results.service.food-insecurity.0"));
    h.click("results.print");
    REQUIRE(h.platform.printed.size() == 1);
    const auto& doc = h.platform.printed.front();
    CHECK(doc.lang == "es");
    CHECK(doc.intro.find("Demo, 2026-11-17.") != std::string::npos);
    REQUIRE(doc.sections.size() == 1);
    CHECK(doc.sections[0].heading == "Comida");
    CHECK(doc.sections[0].entries.size() == 3);
    for (const auto& e : doc.sections[0].entries) CHECK_FALSE(e.title.empty());
}

TEST_CASE("results show a service in the person's language where the directory translates it, else marked") {
    UiHarness h;
    // One pantry near the site: its name translated into Spanish, its description only in English.
    h.platform.files["assets/site.json"] =
        R"({"site_name": "Demo", "zip": "95112", "directory": "assets/directory/one.hsds.json"})";
    h.platform.files["assets/directory/one.hsds.json"] = R"([{"id": "p1", "name": "Corner Food Pantry",
      "status": "active", "description": "Groceries on Fridays.",
      "translations": {"es": {"name": "Despensa de la esquina"}},
      "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "code": "102-04", "name": "Food Pantry",
                                                    "taxonomy": "Open Eligibility"}}],
      "service_at_locations": [{"location": {"id": "L1", "location_type": "physical",
                                             "latitude": 37.3446, "longitude": -121.8834}}]}])";
    for (int i = 0; i < 4; ++i) h.frame();
    to_spanish_food_results(h);
    REQUIRE(h.scroll_into_view("results.service.food-insecurity.0") != nullptr);
    const safetynet::ui::SemanticTree& tree = h.app->semantics();
    const safetynet::ui::SemanticNode* name = tree.find("results.service.food-insecurity.0");
    REQUIRE(name != nullptr);
    CHECK(name->name == "Despensa de la esquina");
    CHECK(name->lang.empty());  // in the page's language
    const auto description = std::find_if(tree.nodes().begin(), tree.nodes().end(),
                                          [](const safetynet::ui::SemanticNode& n) { return n.name == "Groceries on Fridays."; });
    REQUIRE(description != tree.nodes().end());
    CHECK(description->lang == "en");  // the original, in the directory's language: WCAG 3.1.2
    h.click("results.print");
    REQUIRE(h.platform.printed.size() == 1);
    REQUIRE(h.platform.printed.front().sections.size() == 1);
    REQUIRE(h.platform.printed.front().sections[0].entries.size() == 1);
    CHECK(h.platform.printed.front().sections[0].entries[0].title == "Despensa de la esquina");
}

TEST_CASE("many languages: the welcome lists them all; a question folds them behind the current one") {
    UiHarness k;
    k.platform.files["assets/site.json"] =
        R"({"site_name": "Test Clinic", "languages": ["en", "es", "vi", "zh-Hans", "tl", "ko"]})";
    k.frame();
    k.frame();
    for (const char* code : {"en", "es", "vi", "zh-Hans", "tl", "ko"}) CHECK(k.app->widgets().find(std::string("lang.") + code));
    CHECK_FALSE(k.app->widgets().find("lang.ru"));  // not offered by this site
    CHECK_FALSE(k.app->widgets().find("lang.menu"));
    k.click("lang.vi");
    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.state()["screen"] == "question");
    k.frame();
    CHECK(k.app->widgets().find("lang.menu"));
    CHECK_FALSE(k.app->widgets().find("lang.es"));
    CHECK(k.app->widgets().find("answer.0"));  // the question keeps the screen
    k.click("lang.menu");
    REQUIRE(k.app->widgets().find("lang.es"));
    // Open, the disclosure and the current language's button have different names (both read
    // "Tiếng Việt" before): the disclosure says it is the language chooser, as it shows.
    const safetynet::ui::SemanticNode* menu = k.app->semantics().find("lang.menu");
    const safetynet::ui::SemanticNode* current = k.app->semantics().find("lang.vi");
    REQUIRE(menu);
    REQUIRE(current);
    CHECK(menu->name == "Ngôn ngữ: Tiếng Việt");
    CHECK(current->name == "Tiếng Việt");
    CHECK(menu->has(safetynet::ui::kExpanded));
    k.click("lang.es");
    CHECK(k.state()["lang"] == "es");
    CHECK(k.state()["screen"] == "question");
    CHECK_FALSE(k.app->widgets().find("lang.vi"));  // folded again
}

namespace {

// The Vietnamese wording of an AHC text, as assets/instruments/translations has it.
std::string ahc_vi(const std::string& english) {
    const auto doc = nlohmann::json::parse(safetynet::test::read_source_file("assets/instruments/translations/ahc-hrsn.vi.json"));
    return doc["texts"].at(english).get<std::string>();
}

// A kiosk offering Vietnamese, on its first question in Vietnamese.
void to_first_vietnamese_question(UiHarness& k, const std::string& policy) {
    k.platform.files["assets/site.json"] = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn",
      "languages": ["en", "es", "vi"], "instrument_translations": ")" + policy + R"("})";
    k.frame();
    k.frame();
    k.click("lang.vi");
    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.state()["screen"] == "question");
}

// The first AHC question and its first answer as a screen reader finds them, in Vietnamese; the
// answer's node is returned for more checks.
const safetynet::ui::SemanticNode* check_first_question_in_vietnamese(UiHarness& k) {
    const safetynet::ui::SemanticNode* q = k.app->semantics().find("question.text");
    REQUIRE(q != nullptr);
    CHECK(q->name == "1. " + ahc_vi("What is your living situation today?"));
    const safetynet::ui::SemanticNode* first = k.app->semantics().find("answer.0");
    REQUIRE(first != nullptr);
    CHECK(first->name == ahc_vi("I have a steady place to live"));
    return first;
}

}  // namespace

TEST_CASE("issue 14: the Vietnamese kiosk asks the first question in Vietnamese") {
    UiHarness k;
    to_first_vietnamese_question(k, "all");
    check_first_question_in_vietnamese(k);
    CHECK_FALSE(k.has("question.language_note"));
}

TEST_CASE("issue 14: a site that takes validated translations only asks in English, and says why") {
    UiHarness k;
    to_first_vietnamese_question(k, "validated-only");
    const safetynet::ui::SemanticNode* q = k.app->semantics().find("question.text");
    REQUIRE(q != nullptr);
    CHECK(q->name == "1. What is your living situation today?");
    REQUIRE(k.has("question.language_note"));
    const safetynet::ui::SemanticNode* note = k.app->semantics().find("question.language_note");
    REQUIRE(note != nullptr);
    // The note is in the person's language (the kiosk catalog's Vietnamese), not English.
    CHECK(note->name.find("tiếng Anh") != std::string::npos);
    CHECK(k.state()["lang"] == "vi");
}

TEST_CASE("issue 16: a language's question wording is fetched with its catalog, not carried in the first load") {
    UiHarness k;
    k.platform.files["assets/site.json"] = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn",
      "languages": ["en", "es", "vi"]})";
    k.frame();
    k.frame();
    const auto asked = [&](const std::string& path) {
        return std::count(k.platform.fetched.begin(), k.platform.fetched.end(), path);
    };
    CHECK(asked("instruments/ahc-hrsn.vi.json") == 0);
    // Asked in English, then switched to Vietnamese on the first question: the question being
    // answered takes the fetched wording (the catalog waited for it: one switch).
    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.state()["screen"] == "question");
    k.click("answer.0");
    k.click("lang.vi");
    k.frame();
    CHECK(asked("instruments/ahc-hrsn.vi.json") == 1);
    CHECK(asked("i18n/vi.json") == 1);
    CHECK(k.state()["lang"] == "vi");
    const safetynet::ui::SemanticNode* first = check_first_question_in_vietnamese(k);
    CHECK(first->has(safetynet::ui::kChecked));  // the answer given in English stays
    // Back to English and to Vietnamese again: nothing is fetched twice.
    k.click("lang.en");
    k.click("lang.vi");
    k.frame();
    CHECK(asked("instruments/ahc-hrsn.vi.json") == 1);
    CHECK(k.app->semantics().find("question.text")->name == "1. " + ahc_vi("What is your living situation today?"));
}

TEST_CASE("issue 14: a question wording that cannot be fetched leaves the questions in English, and the screen says so") {
    UiHarness k;
    k.platform.files.erase("instruments/ahc-hrsn.vi.json");
    to_first_vietnamese_question(k, "all");
    CHECK(k.state()["lang"] == "vi");  // the rest of the kiosk speaks Vietnamese
    const safetynet::ui::SemanticNode* q = k.app->semantics().find("question.text");
    REQUIRE(q != nullptr);
    CHECK(q->name == "1. What is your living situation today?");
    const safetynet::ui::SemanticNode* note = k.app->semantics().find("question.language_note");
    REQUIRE(note != nullptr);
    CHECK(note->name.find("chưa có bản dịch") != std::string::npos);
}
