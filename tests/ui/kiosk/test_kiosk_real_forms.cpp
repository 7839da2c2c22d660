// Issue 13, "done means": each of the 14 real forms in ../shared/realworld/questionnaires/, as the
// site's form, is answered on the kiosk through its widgets (the first option, yes, a number on
// the pad, or a valid text for the item's type), screen after screen to the review; the
// QuestionnaireResponse then holds an answer for every question answered on the way that is
// still enabled. Skipped, with a message, when ../shared/realworld is not beside the repository.
#include "tests/support/ui_harness.hpp"
#include "tests/support/test_helpers.hpp"

#include "core/screening/questionnaire.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

using safetynet::test::UiHarness;
using namespace safetynet::core;

namespace {

const std::filesystem::path kForms = safetynet::test::realworld("questionnaires");

// A value a person could type for the item's type.
std::string typed_value(ItemType t) {
    switch (t) {
        case ItemType::Date:
        case ItemType::DateTime: return "2024-02-29";
        case ItemType::Time: return "10:30";
        case ItemType::Url: return "https://example.org";
        default: return "Test answer";
    }
}

// Answers the question on screen through its widgets; false when it takes no answer here
// (a display, a calculated item).
bool answer_on_screen(UiHarness& h, const Item& it) {
    h.frame();
    if (h.has("answer.calculated") || !it.is_question()) return false;
    if (h.has("answer.0")) h.click("answer.0");
    else if (h.has("answer.yes")) h.click("answer.yes");
    else if (h.has("numpad.3")) h.click("numpad.3");
    else if (h.has("answer.text")) {
        h.focus("answer.text");
        h.type(typed_value(it.type));
    } else {
        FAIL_CHECK("no way to answer " << it.link_id << " (" << item_type_name(it.type) << ")");
        return false;
    }
    return true;
}

struct Walk {
    bool reached_review = false;
    std::multiset<std::string> answered_on_screen;  // linkIds, one per instance
    std::multiset<std::string> in_response;
};

Walk walk_kiosk(const std::string& file) {
    UiHarness h;
    h.platform.files["assets/site.json"] = R"({"site_name": "Test Clinic", "form": "forms/form.json", "ask_location": false})";
    h.platform.files["forms/form.json"] = safetynet::test::read_test_file((kForms / file).string());
    h.frame();
    h.frame();
    h.frame();
    const Questionnaire q = Questionnaire::parse(h.platform.files["forms/form.json"], file);
    Walk w;
    h.click("welcome.start");
    h.click("nav.next");
    for (int guard = 0; guard < 400 && h.state()["kiosk"]["step"] == "question"; ++guard) {
        const std::string shown = h.state()["kiosk"]["item"];
        const std::string link_id = shown.substr(0, shown.find('#'));
        const auto index = q.find(link_id);
        REQUIRE_MESSAGE(index.has_value(), "the kiosk shows an item the form lacks: " << shown);
        if (answer_on_screen(h, q.item(*index))) w.answered_on_screen.insert(link_id);
        h.click("nav.next");
    }
    w.reached_review = h.state()["kiosk"]["step"] == "review";
    const nlohmann::json end = h.state();  // kept: the loop reads into it
    if (w.reached_review)
        for (const auto& id : end["kiosk"]["answered"]) w.in_response.insert(id.get<std::string>());
    return w;
}

}  // namespace

TEST_CASE("issue 13: every real form is answered on the kiosk, screen by screen, into its QuestionnaireResponse") {
    if (!safetynet::test::realworld_present(kForms)) return;
    int answered_forms = 0;
    for (const std::string file : safetynet::test::kRealFormFiles) {
        CAPTURE(file);
        const Walk w = walk_kiosk(file);
        CHECK(w.reached_review);
        CHECK(!w.answered_on_screen.empty());
        // Every answer given on a screen is in the response (answers hidden again by a later
        // answer's enableWhen are not, by R4's rule: none of these walks hides one).
        bool all = w.reached_review && !w.answered_on_screen.empty();
        for (const std::string& id : w.answered_on_screen) {
            const bool kept = w.in_response.count(id) >= w.answered_on_screen.count(id);
            CHECK_MESSAGE(kept, "answered on screen but not in the QuestionnaireResponse: " << id);
            all = all && kept;
        }
        answered_forms += all;
    }
    MESSAGE("real forms answered on the kiosk: " << answered_forms << " of " << std::size(safetynet::test::kRealFormFiles));
    CHECK(answered_forms == static_cast<int>(std::size(safetynet::test::kRealFormFiles)));
}
