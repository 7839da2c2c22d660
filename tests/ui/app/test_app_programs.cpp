// The two web programs (web/CMakeLists.txt, issue 16): App with the workspace (safetynet-staff)
// and App without it (safetynet, the kiosk's first load). The kiosk-only App must still screen,
// and must say when a URL or site asks for a staff mode it cannot draw.
#include "tests/support/ui_harness.hpp"

using safetynet::test::UiHarness;

TEST_CASE("the whole app opens a clinic's workspace for #clinic") {
    UiHarness h(1280, 800, "clinic");
    h.frame();
    CHECK(h.state()["mode"] == "clinic");
    CHECK(h.state()["screen"] == "workspace");
    CHECK_FALSE(h.app->needs_workspace());
}

TEST_CASE("the kiosk-only app screens, and asks for the staff program when a staff mode is wanted") {
    for (const char* mode : {"clinic", "org"}) {
        CAPTURE(mode);
        UiHarness h(1280, 800, mode, false);
        h.frame();
        CHECK(h.state()["mode"] == mode);
        CHECK(h.app->needs_workspace());
        CHECK(h.state()["screen"] == "welcome");  // never a blank screen while the other program loads
    }
    UiHarness kiosk(1280, 800, "kiosk", false);
    kiosk.click("welcome.start");
    CHECK(kiosk.state()["mode"] == "kiosk");
    CHECK_FALSE(kiosk.app->needs_workspace());
    CHECK(kiosk.state()["screen"] != "welcome");
}
