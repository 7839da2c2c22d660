// Issue 14, Tests: "Pseudo-localization: every string 40 % longer with accents: no text clipped
// or overlapping on any kiosk screen". A pseudo catalog is made from English here, at test time
// (each text accented and about 40 % longer, placeholders and plural forms kept), and every kiosk
// screen of every built-in instrument is walked in it at 1280x800 and at 320x256 (400 % zoom),
// checked through the semantic tree and the widget registry: no two controls overlap, nothing
// lies outside the window or scrolls sideways, no control's label is wider or taller than the
// control.
#include "tests/support/pseudo_locale.hpp"

#include "core/screening/instruments.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using safetynet::test::UiHarness;
using safetynet::test::kPseudo;
using safetynet::test::pseudo;
using safetynet::test::pseudo_catalog;
namespace core = safetynet::core;
namespace ui = safetynet::ui;

namespace {

struct Pseudo : safetynet::test::PseudoHarness {
    Pseudo(float w, float h, const std::string& instrument) : PseudoHarness(w, h) {
        platform.files["assets/site.json"] =
            R"J({"site_name": "Riverside Community Health (demo)", "instrument": ")J" + instrument +
            R"J(", "zip": "97201", "idle_timeout_seconds": 60, "idle_warning_seconds": 20,
            "languages": ["en", "es", "vi", "zh-Hans", "tl"],
            "crisis": {"message": {"en": "Tell staff now."}, "lines": [{"label": "988 Lifeline", "number": "988"}]}})J";
        frame();
        use_pseudo_language();
    }
    std::string screen() { return state()["screen"]; }
};

// Every screen of one instrument's screening, in the pseudo language.
void walk(float w, float h, const std::string& instrument) {
    Pseudo k(w, h, instrument);
    const std::string at = instrument + " at " + std::to_string(static_cast<int>(w)) + "x" + std::to_string(static_cast<int>(h));
    INFO(at);
    REQUIRE(k.app->translator().language() == kPseudo);
    k.check(at + ", welcome");
    k.activate("welcome.start");
    REQUIRE(k.screen() == "privacy");
    k.check(at + ", privacy");
    // The language menu, folded on the question screens (five languages).
    k.activate("nav.next");
    if (k.app->semantics().find("lang.menu")) {
        k.activate("lang.menu");
        k.check(at + ", language menu");
        k.activate("lang.menu");
    }
    // Each question as it comes, the first answer chosen where there is one (so that questions
    // shown only after an answer come too).
    for (int guard = 0; guard < 80 && k.screen() == "question"; ++guard) {
        k.check(at + ", question " + k.state()["kiosk"].value("item", ""));
        if (k.app->semantics().find("answer.0")) k.activate("answer.0");
        k.activate("nav.next");
    }
    REQUIRE(k.screen() == "review");
    k.check(at + ", review");
    k.activate("nav.next");
    if (k.screen() == "location") {
        k.check(at + ", location");
        k.activate("nav.next");
    }
    REQUIRE(k.screen() == "results");
    k.check(at + ", results");
    if (k.app->semantics().find("results.qr")) {
        k.activate("results.qr");
        k.check(at + ", QR dialog");
        k.activate("qr.close");
    }
    // The idle warning over the results.
    k.platform.now += 61;
    k.frame();
    k.frame();
    REQUIRE(k.app->semantics().find("idle") != nullptr);
    k.check(at + ", idle warning");
    CHECK(k.screens >= 7);
}

}  // namespace

TEST_CASE("issue 14: the pseudo catalog is the English one, accented, 40 % longer, placeholders and plurals kept") {
    CHECK(pseudo("Start") == "[Stárt à]");
    CHECK(pseudo("{n} referral made.") == "[{n} référrál mádé. ààààà]");
    UiHarness h;
    const core::Catalog c = pseudo_catalog(h.app->translator());
    CHECK(c.keys().size() == h.app->translator().catalog("en")->keys().size());
    REQUIRE(c.find_plural("ws.refer.made", 2) != nullptr);
    CHECK(std::string(c.find_plural("ws.refer.made", 2)).find("{n}") != std::string::npos);
}

TEST_CASE("issue 14: pseudo-localized, every kiosk screen of every built-in instrument fits, at 1280x800 and 320x256") {
    for (const std::string& instrument : core::builtin_instrument_ids()) {
        walk(1280, 800, instrument);
        walk(320, 256, instrument);
    }
}
