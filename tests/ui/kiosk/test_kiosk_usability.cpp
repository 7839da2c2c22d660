// Issue #12 item 8: the usability defects found trying the kiosk as a patient would (a touch
// tablet at 1280x800, a desk at 1366x768), each checked on the real screens, headless. The
// others have their tests elsewhere (docs/ACCESSIBILITY.md lists them).
#include "tests/support/ui_harness.hpp"
#include "ui/shell/display_settings.hpp"

#include <imgui_internal.h>

#include <string>
#include <vector>

using safetynet::test::UiHarness;
namespace ui = safetynet::ui;

namespace {

const char* kSite = R"({"site_name": "Test Clinic", "instrument": "ahc-hrsn", "zip": "97201",
  "idle_timeout_seconds": 60, "idle_warning_seconds": 20,
  "clinic_recipient": "age1pyp4gvcn0m2ahjm9rmz3njxgn6egqm4dqk7y38y8a8ucul7amqeqa0g6ku",
  "staff_pin_sha256": "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972",
  "crisis": {"message": {"en": "Tell staff now."}, "lines": [{"label": "988 Lifeline", "number": "988"}]}})";

struct Kiosk : UiHarness {
    explicit Kiosk(float w = 1280, float h = 800) : UiHarness(w, h) {
        platform.files["assets/site.json"] = kSite;
        frame();
        frame();
    }
    std::string screen() { return state()["screen"]; }
    // What is wrong with `id`'s place ("" when all of it is in view): the registry holds the part
    // in view, against the whole widget's size.
    std::string not_wholly_in_view(const std::string& id) {
        const ui::WidgetRect* r = app->widgets().find(id);
        const ImVec2 d = ImGui::GetIO().DisplaySize;
        if (!r) return id + ": not in view";
        if (r->h >= r->item_h - 0.5f && r->w >= r->item_w - 0.5f && r->y >= -0.5f && r->y + r->h <= d.y + 0.5f) return {};
        return id + ": y " + std::to_string(r->y) + ", " + std::to_string(r->h) + " of " + std::to_string(r->item_h) +
               " px tall in view, " + std::to_string(r->w) + " of " + std::to_string(r->item_w) + " px wide";
    }
    // Drags a finger from the middle of `id` by `dy` pixels, over a few frames, then lifts it.
    void drag(const std::string& id, float dy) {
        const ui::WidgetRect* r = app->widgets().find(id);
        REQUIRE_MESSAGE(r != nullptr, "no widget " << id);
        ImGuiIO& io = ImGui::GetIO();
        const ImVec2 from(r->x + r->w / 2, r->y + r->h / 2);
        io.MousePos = from;
        frame();
        io.MouseDown[0] = true;
        frame();
        for (int step = 1; step <= 8; ++step) {
            io.MousePos = ImVec2(from.x, from.y + dy * static_cast<float>(step) / 8.0f);
            frame();
        }
        io.MouseDown[0] = false;
        frame();
        frame();
    }
};

// The window ImGui draws the dialog `id` in (begin_dialog: a child window named after it).
ImGuiWindow* dialog_window(const std::string& id) {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::string(w->Name).find("/" + id + "_") != std::string::npos) return w;
    return nullptr;
}

// Every node of the dialog `id` (its text, its buttons) lies inside the card's edges.
void check_inside_dialog(Kiosk& k, const std::string& id, const std::string& where) {
    const ImGuiWindow* w = dialog_window(id);
    REQUIRE_MESSAGE(w != nullptr, where << ": no dialog " << id);
    const ui::SemanticTree& tree = k.app->semantics();
    const int dialog = tree.index_of(id);
    REQUIRE(dialog >= 0);
    int inside = 0;
    for (std::size_t i = 0; i < tree.nodes().size(); ++i) {
        bool in = false;
        for (int p = tree.nodes()[i].parent; p >= 0 && !in; p = tree.nodes()[static_cast<std::size_t>(p)].parent) in = p == dialog;
        if (!in) continue;
        ++inside;
        const ui::Bounds b = tree.screen_bounds(static_cast<int>(i));
        INFO(where << ": " << ui::role_name(tree.nodes()[i].role) << " \"" << tree.nodes()[i].name << "\"");
        CHECK(b.x >= w->Pos.x - 0.5f);
        CHECK(b.x + b.w <= w->Pos.x + w->Size.x + 0.5f);
    }
    CHECK(inside >= 2);
}

}  // namespace

TEST_CASE("issue #12 item 8 - at the largest text size each question opens with its question text in view") {
    for (const auto& size : {std::pair{1280.0f, 800.0f}, std::pair{1366.0f, 768.0f}}) {
        Kiosk k(size.first, size.second);
        k.click("textsize.3");
        k.click("welcome.start");
        k.click("nav.next");
        for (int n = 0; n < 6 && k.screen() == "question"; ++n) {
            INFO(size.first << " x " << size.second << ", question " << n + 1);
            // Scrolled to the bottom of the answers (where Next is), then on: the next question
            // opens at its top, not where this one was scrolled to.
            k.scroll_into_view("nav.next");
            ImGuiIO& io = ImGui::GetIO();
            io.MousePos = ImVec2(size.first / 2, size.second / 2);
            for (int i = 0; i < 10; ++i) {
                io.MouseWheel = -1;
                k.frame();
            }
            io.MouseWheel = 0;
            k.click("nav.next");
            if (k.screen() != "question") break;
            CHECK(k.not_wholly_in_view("question.text") == "");
        }
    }
}

TEST_CASE("issue #12 item 8 - a finger dragged over the answers scrolls them, and presses nothing") {
    Kiosk k;
    k.click("textsize.3");
    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.screen() == "question");
    const ui::WidgetRect* before = k.scroll_into_view("answer.0");
    REQUIRE(before != nullptr);
    const float y = before->y;
    k.drag("answer.0", -150);
    const ui::SemanticTree& tree = k.app->semantics();
    const float after = tree.screen_bounds(tree.index_of("answer.0")).y;
    CHECK(after < y - 75);  // the list moved up with the finger
    const ui::SemanticNode* answer = tree.find("answer.0");
    REQUIRE(answer != nullptr);
    CHECK_FALSE(answer->has(ui::kChecked));  // the drag did not choose it
}

TEST_CASE("issue #12 item 8 - the safety introduction is not counted, and each number matches \"N of M\"") {
    Kiosk k;
    k.click("welcome.start");
    k.click("nav.next");
    int questions = 0;
    for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) {
        const nlohmann::json s = k.state()["kiosk"];
        const ui::SemanticNode* heading = k.app->semantics().find("question.text");
        REQUIRE(heading != nullptr);
        const int position = s["position"];
        INFO(s.dump() << " " << heading->name);
        if (s["item"] == "safety-intro") {
            CHECK(position == 0);  // not a question: no "Question N of M"
            CHECK_FALSE(k.has("progress"));
        } else {
            ++questions;
            CHECK(position == questions);
            CHECK(heading->name.rfind(std::to_string(position) + ". ", 0) == 0);  // "7." under "7 of 10"
            CHECK(s["count"] == 10);
        }
        k.click("nav.next");
    }
    CHECK(questions == 10);
}

TEST_CASE("issue #12 item 8 - the idle and QR dialogs' text stays inside their edges, at every text size") {
    for (int size = 0; size < static_cast<int>(ui::kTextSizes.size()); ++size) {
        for (const auto& screen : {std::pair{1280.0f, 800.0f}, std::pair{320.0f, 568.0f}}) {
            Kiosk k(screen.first, screen.second);
            const std::string where = std::to_string(static_cast<int>(screen.first)) + " wide, text size " + std::to_string(size);
            INFO(where);
            k.click("textsize." + std::to_string(size));
            k.activate("welcome.start");
            // The idle warning, after the 60 s timeout (20 s more to answer it).
            k.platform.now += 61;
            k.frame();
            k.frame();
            REQUIRE(k.app->semantics().find("idle") != nullptr);
            check_inside_dialog(k, "idle", where + ", idle");
            k.activate("idle.stay");
            // The QR dialog on the results (a need: no steady place to live). Through the tree: at
            // 320 px and large text the review is longer than the harness's wheel reaches.
            k.activate("nav.next");
            k.activate("answer.2");
            for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) k.activate("nav.next");
            k.activate("nav.next");  // review
            k.activate("nav.next");  // the site's ZIP
            REQUIRE(k.screen() == "results");
            k.activate("results.qr");
            REQUIRE(k.state()["kiosk"]["qr"] == true);
            check_inside_dialog(k, "qr", where + ", QR");
        }
    }
}

TEST_CASE("issue #12 item 8 - the staff PIN's OK button is wholly in view, never under the nav bar") {
    for (const auto& screen : {std::pair{1280.0f, 800.0f}, std::pair{1366.0f, 768.0f}, std::pair{320.0f, 568.0f}}) {
        for (int size = 0; size < static_cast<int>(ui::kTextSizes.size()); ++size) {
            Kiosk k(screen.first, screen.second);
            INFO(screen.first << " x " << screen.second << ", text size " << size);
            k.click("textsize." + std::to_string(size));
            k.click("staff.open");
            REQUIRE(k.screen() == "staff");
            // Brought into view (by the keyboard's focus, as a scroll would), all of it shows.
            k.focus("staff.pin.ok");
            k.frame();
            CHECK(k.not_wholly_in_view("staff.pin.ok") == "");
            const ui::WidgetRect* ok = k.app->widgets().find("staff.pin.ok");
            const ui::WidgetRect* close = k.app->widgets().find("nav.back");
            if (ok && close) CHECK((ok->y + ok->h <= close->y + 0.5f || ok->y >= close->y + close->h - 0.5f));
        }
    }
}

TEST_CASE("issue #12 item 8 - the text sizes go to 200 %, past the browser's 158 %") {
    CHECK(ui::kTextSizes.back() / ui::kTextSizes.front() >= 2.0f);
    Kiosk k;
    k.click("textsize.3");
    CHECK(k.state()["text_size"] == 3);
}
