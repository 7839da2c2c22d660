#include "tests/support/ui_harness.hpp"

#include <nlohmann/json.hpp>

using safetynet::test::UiHarness;

namespace {
nlohmann::json state(const UiHarness& h) { return nlohmann::json::parse(h.app->state_json()); }
}  // namespace

TEST_CASE("the kiosk opens on the welcome screen in English") {
    UiHarness h;
    h.frame();
    CHECK(state(h)["screen"] == "welcome");
    CHECK(state(h)["lang"] == "en");
    for (const char* id : {"lang.en", "lang.es", "welcome.start", "textsize.0", "textsize.2", "contrast"})
        CHECK_MESSAGE(h.app->widgets().find(id) != nullptr, id);
}

TEST_CASE("touching Español switches the whole screen to Spanish") {
    UiHarness h;
    h.click("lang.es");
    CHECK(state(h)["lang"] == "es");
    CHECK(state(h)["screen"] == "welcome");
    h.click("lang.en");
    CHECK(state(h)["lang"] == "en");
}

TEST_CASE("every button is at least a 48 px touch target, at every text size") {
    UiHarness h;
    for (int size = 0; size < 3; ++size) {
        h.click("textsize." + std::to_string(size));
        CHECK(state(h)["text_size"] == size);
        for (const auto& name : h.app->widgets().names()) {
            if (name == "welcome.title") continue;
            const auto* r = h.app->widgets().find(name);
            CAPTURE(name);
            CHECK(r->h >= 48.0f);
            CHECK(r->w >= 48.0f);
        }
    }
}

TEST_CASE("the header fits in a narrow portrait tablet at the largest text size") {
    UiHarness h(800, 1280);
    h.click("textsize.2");
    h.frame();
    for (const auto& name : h.app->widgets().names()) {
        const auto* r = h.app->widgets().find(name);
        CAPTURE(name);
        CHECK(r->x >= 0.0f);
        CHECK(r->x + r->w <= 800.0f);
    }
}

TEST_CASE("high contrast toggles and the site name comes from assets/site.json") {
    UiHarness h;
    h.click("contrast");
    CHECK(state(h)["high_contrast"] == true);
    h.click("contrast");
    CHECK(state(h)["high_contrast"] == false);
    REQUIRE_FALSE(h.platform.fetched.empty());
    CHECK(h.platform.fetched.front() == "assets/site.json");
    for (const auto& path : h.platform.fetched) CHECK(path.rfind("assets/", 0) == 0);  // only the app's own files
}

TEST_CASE("Start leaves the welcome screen") {
    UiHarness h;
    h.click("welcome.start");
    CHECK(state(h)["screen"] != "welcome");
}

TEST_CASE("a platform notice shows in the current language, then goes away when touched") {
    UiHarness h;
    h.click("lang.es");
    h.app->show_notice("notice.updated", {{"version", "9.9.9"}});
    h.frame();
    CHECK(state(h)["notice"] == "notice.updated");
    REQUIRE(h.app->widgets().find("notice") != nullptr);
    h.click("notice");
    CHECK(state(h)["notice"].is_null());
}

TEST_CASE("a notice times out on its own") {
    UiHarness h;
    h.app->show_notice("notice.update_ready", {});
    h.frame();
    CHECK(state(h)["notice"] == "notice.update_ready");
    h.platform.now += 60;
    h.frame();
    CHECK(state(h)["notice"].is_null());
}
