// Issue 13, "done means": each of the 14 real forms in ../shared/realworld/questionnaires/ is
// imported in the clinic's workspace ("Use a form", a real file pick) and answered in assisted
// screening through the semantic tree (the first option, yes, or a valid text for the item's
// type), pass after pass while enableWhen shows more; the QuestionnaireResponse then holds an
// answer for every question answered. Skipped, with a message, when ../shared is absent.
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

nlohmann::json ws(UiHarness& h) { return h.state()["workspace"]; }

std::string typed_value(ItemType t) {
    switch (t) {
        case ItemType::Date:
        case ItemType::DateTime: return "2024-02-29";
        case ItemType::Time: return "10:30";
        case ItemType::Url: return "https://example.org";
        case ItemType::Integer:
        case ItemType::Decimal:
        case ItemType::Quantity: return "3";
        default: return "Test answer";
    }
}

// The questions the assisted screen offers now: every "q.<linkId>[#n].decline" button.
std::vector<std::string> offered(UiHarness& h) {
    std::vector<std::string> out;
    const std::string suffix = ".decline";
    for (const auto& n : h.app->semantics().nodes())
        if (n.id.rfind("q.", 0) == 0 && n.id.size() > suffix.size() &&
            n.id.compare(n.id.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(n.id.substr(0, n.id.size() - suffix.size()));
    return out;
}

// Answers every question of the form on screen; the linkIds answered, one per instance.
std::multiset<std::string> answer_all(UiHarness& h, const Questionnaire& q) {
    std::multiset<std::string> answered;
    std::set<std::string> done;
    for (int pass = 0; pass < 6; ++pass) {
        h.frame();
        bool any = false;
        for (const std::string& base : offered(h)) {
            if (done.count(base)) continue;
            // An earlier answer in this pass may have hidden it (enableWhen exists = false).
            if (!h.app->semantics().find(base + ".decline")) continue;
            done.insert(base);
            any = true;
            const std::string link_id = base.substr(2, base.find('#') == std::string::npos ? std::string::npos : base.find('#') - 2);
            const auto index = q.find(link_id);
            REQUIRE_MESSAGE(index.has_value(), "the workspace shows an item the form lacks: " << base);
            if (h.app->semantics().find(base + ".0")) h.activate(base + ".0");
            else if (h.app->semantics().find(base + ".yes")) h.activate(base + ".yes");
            else {
                REQUIRE_MESSAGE(h.app->semantics().find(base) != nullptr, "no way to answer " << base);
                h.focus(base);
                h.type(typed_value(q.item(*index).type));
            }
            answered.insert(link_id);
        }
        if (!any) break;
    }
    return answered;
}

}  // namespace

TEST_CASE("issue 13: every real form is imported and answered in the clinic's assisted screening") {
    if (!safetynet::test::realworld_present(kForms)) return;
    UiHarness h(1600, 2400, "clinic");
    h.platform.files["assets/site.json"] = R"({"site_name": "Demo clinic", "zip": "95112"})";
    safetynet::test::set_up_clinic(h);
    int answered_forms = 0;
    for (const std::string file : safetynet::test::kRealFormFiles) {
        CAPTURE(file);
        const std::string text = safetynet::test::read_test_file((kForms / file).string());
        const Questionnaire q = Questionnaire::parse(text, file);
        h.platform.to_pick = {{file, text}};
        h.activate("screen.import_form");
        h.frame();
        REQUIRE(ws(h)["assisted"] == true);
        const std::multiset<std::string> answered = answer_all(h, q);
        const nlohmann::json in_response = ws(h)["assisted_answered"];
        bool all = !answered.empty();
        for (const std::string& id : answered) {
            const auto kept = static_cast<std::size_t>(std::count(in_response.begin(), in_response.end(), id));
            CHECK_MESSAGE(kept >= answered.count(id), "answered but not in the QuestionnaireResponse: " << id);
            all = all && kept >= answered.count(id);
        }
        answered_forms += all;
        h.activate("assisted.cancel");
        REQUIRE(ws(h)["assisted"] == false);
    }
    MESSAGE("real forms answered in the workspace: " << answered_forms << " of " << std::size(safetynet::test::kRealFormFiles));
    CHECK(answered_forms == static_cast<int>(std::size(safetynet::test::kRealFormFiles)));
}
