// The semantic tree and the requests that come back through it (issue #12), on the real kiosk and
// workspace screens, headless: roles and names, reading order, focus, activation, text typed
// through the tree, modal dialogs, announcements, scrolling into view and the compact layout.
#include "tests/support/ui_harness.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

using safetynet::test::UiHarness;
using safetynet::ui::Bounds;
using safetynet::ui::Role;
using safetynet::ui::SemanticNode;
namespace ui = safetynet::ui;

namespace {

const char* kSite = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn", "zip": "97201",
  "idle_timeout_seconds": 60, "idle_warning_seconds": 20,
  "crisis": {"message": {"en": "Tell staff now.", "es": "Avise al personal."},
             "lines": [{"label": "988 Lifeline", "number": "988"}]}})";

struct Kiosk : UiHarness {
    explicit Kiosk(float w = 1280, float h = 800) : UiHarness(w, h) {
        platform.files["assets/site.json"] = kSite;
        frame();
        frame();
    }
    const ui::SemanticTree& tree() const { return app->semantics(); }
    const SemanticNode& node(const std::string& id) const {
        const SemanticNode* n = tree().find(id);
        REQUIRE_MESSAGE(n != nullptr, "no node " << id);
        return *n;
    }
    std::string screen() { return state()["screen"]; }
    // The index of a node in reading order (the tree's order).
    int order(const std::string& id) const { return tree().index_of(id); }
    std::vector<std::string> announced() {
        std::vector<std::string> out;
        for (auto& a : app->semantics().take_announcements()) out.push_back(a.text);
        return out;
    }
};

bool overlap(const Bounds& a, const Bounds& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Every interactive node: a role, a name, and on screen where the registry says the widget is.
void check_every_widget_named(Kiosk& k, const std::string& where) {
    int interactive = 0;
    for (std::size_t i = 0; i < k.tree().nodes().size(); ++i) {
        const SemanticNode& n = k.tree().nodes()[i];
        if (!ui::is_interactive(n.role)) continue;
        ++interactive;
        INFO(where << ": " << n.id);
        CHECK_FALSE(n.name.empty());
        if (const ui::WidgetRect* r = k.app->widgets().find(n.id)) {
            const Bounds b = k.tree().screen_bounds(static_cast<int>(i));
            // The registry clips to what is visible; the node has the whole widget.
            CHECK(b.x <= r->x + 0.5f);
            CHECK(b.y <= r->y + 0.5f);
            CHECK(b.x + b.w >= r->x + r->w - 0.5f);
            CHECK(b.y + b.h >= r->y + r->h - 0.5f);
        }
    }
    CHECK(interactive > 0);
}

}  // namespace

TEST_CASE("the welcome screen: landmarks, a heading, toggles that say whether they are on, in reading order") {
    Kiosk k;
    CHECK(k.tree().lang() == "en");
    CHECK(k.node("header").role == Role::Banner);
    CHECK(k.node("main").role == Role::Main);
    CHECK(k.node("welcome.title").role == Role::Heading);
    CHECK(k.node("welcome.title").level == 1);
    CHECK(k.node("welcome.title").name == "Welcome");
    CHECK(k.node("welcome.start").role == Role::Button);
    CHECK(k.node("welcome.start").name == "Start");
    // The language buttons: toggles, each language's name marked as that language (WCAG 3.1.2).
    CHECK(k.node("lang.en").has(ui::kPressed));
    CHECK(k.node("lang.es").has(ui::kNotPressed));
    CHECK(k.node("lang.es").lang == "es");
    CHECK(k.node("lang.en").lang.empty());
    CHECK(k.node("contrast").has(ui::kNotPressed));
    // Reading order is visual order: the header, then the welcome, then Staff at the bottom.
    CHECK(k.order("lang.en") < k.order("lang.es"));
    CHECK(k.order("lang.es") < k.order("textsize.0"));
    CHECK(k.order("contrast") < k.order("welcome.title"));
    CHECK(k.order("welcome.title") < k.order("welcome.start"));
    CHECK(k.order("welcome.start") < k.order("staff.open"));
    check_every_widget_named(k, "welcome");

    k.click("lang.es");
    CHECK(k.tree().lang() == "es");
    CHECK(k.node("welcome.start").name == "Comenzar");
    CHECK(k.node("lang.en").lang == "en");
    CHECK(k.node("lang.es").lang.empty());
}

TEST_CASE("activating through the tree does what a tap does, and a disabled widget ignores it") {
    Kiosk k;
    k.activate("welcome.start");
    CHECK(k.screen() == "privacy");
    k.activate("nav.next");
    CHECK(k.screen() == "question");
    // On the ZIP screen a partial ZIP disables "Show services".
    Kiosk z;
    z.activate("welcome.start");
    z.activate("nav.next");
    for (int guard = 0; guard < 40 && z.screen() == "question"; ++guard) z.activate("nav.next");
    z.activate("nav.next");
    REQUIRE(z.screen() == "location");
    z.activate("zip.9");
    CHECK(z.node("nav.next").has(ui::kDisabled));
    z.activate("nav.next");
    CHECK(z.screen() == "location");
    CHECK(z.node("zip").role == Role::Group);
    CHECK(z.node("zip").name == "ZIP code");
    CHECK(z.node("zip.value").name == "9");
}

TEST_CASE("a question's answers are radios (or check boxes), with the nav bar after them") {
    Kiosk k;
    k.activate("welcome.start");
    k.activate("nav.next");
    REQUIRE(k.state()["kiosk"]["item"] == "71802-3");
    CHECK(k.node("answer.0").role == Role::Radio);
    CHECK(k.node("answer.0").name == "I have a steady place to live");
    // The radios are one group, named by the question as its heading says it.
    CHECK(k.node("answers").role == Role::RadioGroup);
    CHECK(k.node("answers").name == "1. What is your living situation today?");
    CHECK(k.tree().nodes()[static_cast<std::size_t>(k.node("answer.2").parent)].id == "answers");
    CHECK_FALSE(k.node("answer.1").has(ui::kChecked));
    k.activate("answer.1");
    CHECK(k.node("answer.1").has(ui::kChecked));
    CHECK(k.node("nav.middle").has(ui::kNotPressed));
    CHECK(k.node("nav").role == Role::Navigation);
    // Back, Prefer not to answer, Next: left to right, after the answers.
    CHECK(k.order("answer.2") < k.order("nav.back"));
    CHECK(k.order("nav.back") < k.order("nav.middle"));
    CHECK(k.order("nav.middle") < k.order("nav.next"));
    check_every_widget_named(k, "question 1");
    k.activate("nav.next");
    REQUIRE(k.state()["kiosk"]["item"] == "96778-6");
    CHECK(k.node("answer.0").role == Role::Checkbox);  // choose all that apply
    CHECK(k.node("answers").role == Role::Group);
}

TEST_CASE("each new screen is announced: the question with its number, the results' crisis lines at once") {
    Kiosk k;
    k.announced();
    k.activate("welcome.start");
    std::vector<std::string> said = k.announced();
    REQUIRE_FALSE(said.empty());
    CHECK(said.back() == "Before we start");
    k.activate("nav.next");
    said = k.announced();
    REQUIRE_FALSE(said.empty());
    CHECK(said.back().rfind("Question 1 of 10: 1. What is your living situation today?", 0) == 0);
    // The safety introduction is not a question: it is read, not counted.
    for (int i = 0; i < 6; ++i) k.activate("nav.next");
    REQUIRE(k.state()["kiosk"]["item"] == "safety-intro");
    said = k.announced();
    REQUIRE_FALSE(said.empty());
    CHECK(said.back().find("Question") == std::string::npos);
    k.activate("nav.next");
    said = k.announced();
    CHECK(said.back().rfind("Question 7 of 10: 7.", 0) == 0);
    for (int i = 0; i < 4; ++i) {
        k.activate("answer.3");  // HITS: fairly often
        k.activate("nav.next");
    }
    k.activate("nav.next");
    k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    auto all = k.app->semantics().take_announcements();
    REQUIRE_FALSE(all.empty());
    CHECK(all.back().politeness == ui::Announcement::Politeness::Assertive);
    CHECK(all.back().text.find("988") != std::string::npos);
    CHECK(k.node("results.crisis").role == Role::Region);
    CHECK(k.order("results.crisis") < k.order("results.title"));
}

TEST_CASE("the focus: shared with the page, its ring only for the keyboard, and a new screen's heading takes it") {
    Kiosk k;
    k.focus("welcome.start");
    CHECK(k.app->actions().focused() == "welcome.start");
    CHECK(k.app->actions().focus_visible());
    // A tap moves the focus without a ring.
    k.click("lang.es");
    CHECK(k.app->actions().focused() == "lang.es");
    CHECK_FALSE(k.app->actions().focus_visible());
    k.click("lang.en");
    // Start goes to the privacy screen; its button is gone, so the focus goes to the heading.
    k.focus("welcome.start");
    k.activate("welcome.start");
    CHECK(k.screen() == "privacy");
    CHECK(k.app->actions().focused() == "privacy.title");
    // Tab's order: the header's controls, then the screen's, then the nav bar.
    std::vector<std::string> tab;
    for (int i : k.tree().focus_order()) tab.push_back(k.tree().nodes()[static_cast<std::size_t>(i)].id);
    REQUIRE(tab.size() >= 8);
    CHECK(tab.front() == "lang.en");
    CHECK(tab[tab.size() - 2] == "nav.back");
    CHECK(tab.back() == "nav.next");
}

TEST_CASE("a radio group is one Tab stop: the chosen answer, else the first") {
    Kiosk k;
    k.activate("welcome.start");
    k.activate("nav.next");
    auto stops = [&] {
        std::set<std::string> out;
        for (int i : k.tree().focus_order()) out.insert(k.tree().nodes()[static_cast<std::size_t>(i)].id);
        return out;
    };
    CHECK(stops().count("answer.0") == 1);
    CHECK(stops().count("answer.1") == 0);
    k.activate("answer.2");
    CHECK(stops().count("answer.0") == 0);
    CHECK(stops().count("answer.2") == 1);
}

TEST_CASE("a dialog is modal: the focus goes into it, Tab stays in it, Escape closes it") {
    Kiosk k;
    k.activate("welcome.start");
    k.activate("nav.next");
    k.focus("answer.0");
    k.announced();
    // The idle warning: an alert dialog, said at once, and it takes the focus.
    k.platform.now += 61;
    k.frame();
    k.frame();
    REQUIRE(k.tree().find("idle") != nullptr);
    CHECK(k.node("idle").role == Role::AlertDialog);
    CHECK(k.node("idle").has(ui::kModal));
    CHECK(k.app->actions().focused() == "idle.stay");
    auto said = k.app->semantics().take_announcements();
    REQUIRE_FALSE(said.empty());
    CHECK(said.back().politeness == ui::Announcement::Politeness::Assertive);
    CHECK(said.back().text.find(" 19 seconds") != std::string::npos);
    const auto order = k.tree().focus_order();
    REQUIRE(order.size() == 1);
    CHECK(k.tree().nodes()[static_cast<std::size_t>(order[0])].id == "idle.stay");
    // With 10 seconds left it is said again, with the new count.
    k.platform.now += 10.5;
    k.frame();
    said = k.app->semantics().take_announcements();
    REQUIRE_FALSE(said.empty());
    CHECK(said.back().text.find(" 9 seconds") != std::string::npos);
    k.activate("idle.stay");
    CHECK(k.tree().find("idle") == nullptr);
    CHECK(k.screen() == "question");

    // The take-home QR code: a dialog with an image named in words; Escape closes it.
    for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) {
        k.app->note_input();
        k.activate(k.tree().find("answer.0") ? "answer.0" : "nav.next");
        k.activate("nav.next");
    }
    k.activate("nav.next");
    k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    k.activate("results.qr");
    CHECK(k.node("qr").role == Role::Dialog);
    CHECK(k.node("qr.code").role == Role::Image);
    CHECK(k.node("qr.code").name == "QR code with your list");
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[io.KeyMap[ImGuiKey_Escape]] = true;
    k.frame();
    io.KeysDown[io.KeyMap[ImGuiKey_Escape]] = false;
    k.frame();
    CHECK(k.tree().find("qr") == nullptr);
}

TEST_CASE("the take-home actions come before the long list of places") {
    Kiosk k;
    k.activate("welcome.start");
    k.activate("nav.next");
    k.activate("answer.2");
    for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) k.activate("nav.next");
    k.activate("nav.next");
    k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    CHECK(k.order("results.print") < k.order("results.need.homelessness"));
    CHECK(k.order("results.qr") < k.order("results.need.homelessness"));
}

TEST_CASE("focus on a widget scrolled out of view scrolls it into view") {
    Kiosk k(1280, 800);
    k.click("textsize.3");  // the largest text: the review is much longer than the screen
    k.activate("welcome.start");
    k.activate("nav.next");
    for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) k.activate("nav.next");
    REQUIRE(k.screen() == "review");
    const int last = k.tree().index_of("review.change.95615-1");
    REQUIRE(last >= 0);
    CHECK(k.tree().screen_bounds(last).y > 800);  // below the screen
    k.focus("review.change.95615-1");
    const Bounds b = k.tree().screen_bounds(k.tree().index_of("review.change.95615-1"));
    CHECK(b.y >= 0);
    CHECK(b.y + b.h <= 800);
    // And the next screen opens at its top, not where the review was scrolled to.
    k.activate("review.change.95615-1");
    REQUIRE(k.screen() == "question");
    const Bounds t = k.tree().screen_bounds(k.tree().index_of("question.text"));
    CHECK(t.y >= 0);
    CHECK(t.y < 800);
}

TEST_CASE("text typed through the tree reaches the field; a passphrase field says what it is") {
    UiHarness h(1280, 800, "clinic");
    for (int i = 0; i < 60 && h.state()["workspace"]["store"] != "absent"; ++i) h.frame();
    const SemanticNode* pass = h.app->semantics().find("setup.pass");
    REQUIRE(pass != nullptr);
    CHECK(pass->role == Role::TextField);
    CHECK(pass->input == ui::InputKind::Password);
    CHECK(pass->name == "Passphrase (at least 10 characters)");
    h.focus("setup.pass");
    h.type("correct horse");
    CHECK(h.app->semantics().find("setup.pass")->value == "correct horse");
    // The clinic's name is offered, in a field whose edge can be seen (issue #12: white on white).
    CHECK(h.app->semantics().find("setup.name")->value == "SafetyNet");
    CHECK(h.app->semantics().find("setup.title")->role == Role::Heading);
}

TEST_CASE("at 320 x 256 CSS px (400 % zoom) the kiosk is one scrolling column: nothing overlaps, all reachable") {
    Kiosk k(320, 256);
    auto check_screen = [&](const std::string& where) {
        std::vector<std::pair<std::string, Bounds>> boxes;
        for (std::size_t i = 0; i < k.tree().nodes().size(); ++i) {
            const SemanticNode& n = k.tree().nodes()[i];
            if (!ui::is_interactive(n.role)) continue;
            const Bounds b = k.tree().screen_bounds(static_cast<int>(i));
            INFO(where << ": " << n.id);
            CHECK(b.x >= 0);
            CHECK(b.x + b.w <= 320.5f);  // no sideways scrolling
            // (No structured bindings here: Emscripten 3.1.6's clang 14 cannot capture them in INFO.)
            for (const auto& box : boxes) {
                INFO(where << ": " << n.id << " and " << box.first);
                CHECK_FALSE(overlap(b, box.second));
            }
            boxes.emplace_back(n.id, b);
        }
        // Every control can be brought into view by focusing it.
        for (const auto& box : boxes) {
            const std::string& id = box.first;
            k.focus(id);
            const Bounds now = k.tree().screen_bounds(k.tree().index_of(id));
            INFO(where << ": " << id);
            // Its top in view, and all of it when it fits.
            CHECK(now.y >= -0.5f);
            CHECK(now.y < 256.0f);
            if (now.h < 200.0f) CHECK(now.y + now.h <= 256.5f);
        }
    };
    check_screen("welcome");
    k.activate("welcome.start");
    check_screen("privacy");
    k.activate("nav.next");
    check_screen("question 1");
}

TEST_CASE("issue #12 - zoomed to 200 % and 400 %, a screen reached by keyboard opens at its top, its heading focused") {
    for (const auto& size : {std::pair{320.0f, 256.0f}, std::pair{640.0f, 400.0f}}) {
        Kiosk k(size.first, size.second);
        INFO(size.first << " x " << size.second);
        auto opens_at = [&](const std::string& heading) {
            // The nav bar's Next keeps its id from screen to screen: the focus must not stay on
            // it (the app would keep it in view, the question scrolled away above it).
            INFO(heading << " on " << k.state()["kiosk"].dump());
            CHECK(k.app->actions().focused() == heading);
            k.frame();  // the frames the browser draws after a focus move
            k.frame();
            const Bounds b = k.tree().screen_bounds(k.tree().index_of(heading));
            CHECK(b.y >= -0.5f);
            CHECK(b.y + b.h <= size.second + 0.5f);
        };
        k.focus("welcome.start");
        k.activate("welcome.start");
        opens_at("privacy.title");
        k.focus("nav.next");
        k.activate("nav.next");
        REQUIRE(k.screen() == "question");
        opens_at("question.text");
        k.focus("nav.next");
        k.activate("nav.next");
        REQUIRE(k.state()["kiosk"]["position"] == 2);
        opens_at("question.text");
        // Tab from the heading: the question's answers come before the nav bar.
        const std::vector<int> order = k.tree().focus_order();
        const auto after = std::find_if(order.begin(), order.end(), [&](int i) { return i > k.order("question.text"); });
        REQUIRE(after != order.end());
        CHECK(k.tree().nodes()[static_cast<std::size_t>(*after)].id.rfind("nav.", 0) != 0);
    }
}

TEST_CASE("at 640 x 400 the results' last control comes fully into view when focused") {
    Kiosk k(1280, 800);
    // The shipped demo site: a clinic to share with, the demo directory (a long list of places).
    auto read = [](const std::string& rel) {
        std::ifstream in(std::string(SAFETYNET_SOURCE_DIR) + "/" + rel, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    k.platform.files["assets/site.json"] = read("assets/site.json");
    k.platform.files["assets/directory/demo-region.hsds.json"] = read("assets/directory/demo-region.hsds.json");
    k.app = std::make_unique<ui::App>(k.platform);
    for (int i = 0; i < 6; ++i) k.frame();
    k.activate("welcome.start");
    k.activate("nav.next");
    for (int guard = 0; guard < 12 && k.screen() == "question"; ++guard) {
        if (k.tree().find("answer.3") && k.state()["kiosk"]["item"].get<std::string>().rfind("956", 0) == 0) k.activate("answer.3");
        k.activate("nav.next");
    }
    k.activate("nav.next");
    k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    ImGui::GetIO().DisplaySize = ImVec2(640, 400);  // the browser zoomed to 200 %
    k.frame();
    k.frame();
    for (const std::string id : {"results.qr", "results.share", "nav.next", "nav.back", "nav.next"}) {
        k.focus(id);
        const int index = k.tree().index_of(id);
        REQUIRE_MESSAGE(index >= 0, id << " on " << k.screen());
        const Bounds b = k.tree().screen_bounds(index);
        INFO(id << " y " << b.y << " h " << b.h);
        CHECK(b.y >= 0);
        CHECK(b.y + b.h <= 400.5f);
    }
}

TEST_CASE("at 320 x 256 a dialog taller than the screen scrolls its last button into view") {
    Kiosk k(320, 256);
    k.activate("welcome.start");
    k.activate("nav.next");
    k.activate("answer.2");
    for (int guard = 0; guard < 12 && k.screen() == "question"; ++guard) k.activate("nav.next");
    k.activate("nav.next");
    k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    k.activate("results.qr");
    REQUIRE(k.tree().find("qr.close") != nullptr);
    k.focus("qr.close");
    const Bounds b = k.tree().screen_bounds(k.tree().index_of("qr.close"));
    INFO("qr.close y " << b.y << " h " << b.h);
    CHECK(b.y >= 0);
    CHECK(b.y + b.h <= 256.5f);
}
