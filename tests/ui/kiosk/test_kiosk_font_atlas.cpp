// Issue 14, item 2 ("any text the app shows never shows a missing-glyph box where a font for that
// script exists"): a Chinese question once drew '?' because the fonts fetched on demand were
// asked only for the catalog's texts, not the form's. For each of the eleven languages and each
// built-in instrument, the kiosk program is walked through its question, review and results
// screens with the fonts served as the browser gets them (the build's fonts/, cut by
// ui/CMakeLists.txt), and every character of every text on the screen is in every face of the
// atlas the app built (ImFont::FindGlyphNoFallback), once the fetches a screen started are done.
//
// Arabic: the harness runs the kiosk program, which draws Arabic by code point (the
// right-to-left program draws shaped glyphs by index; tests/ui/shaping checks those).
#include "tests/support/demand_fonts_files.hpp"
#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"

#include "core/base/languages.hpp"
#include "core/base/text_fold.hpp"
#include "core/screening/instruments.hpp"
#include "ui/shell/demand_fonts.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <set>
#include <string>

using safetynet::test::UiHarness;
namespace core = safetynet::core;
namespace ui = safetynet::ui;

namespace {

std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

struct KioskIn : UiHarness {
    KioskIn(const std::string& language, const std::string& instrument)
        : UiHarness(1280, 800, {}, /*with_workspace=*/false, language), lang(language), form(instrument) {
        safetynet::test::serve_demand_fonts(platform);
        platform.files["assets/site.json"] = R"J({"site_name": "Riverside Community Health (demo)", "instrument": ")J" +
                                             instrument + R"J(", "zip": "97201", "languages": ["en", ")J" + language +
                                             R"J("], "idle_timeout_seconds": 600})J";
        settle();
    }
    std::string screen() { return state()["screen"]; }

    // Frames until the fetches a screen started (a catalog, the font list, a font file) have
    // arrived and the atlas is rebuilt with them: each is answered at the next frame, so three
    // frames without a new fetch mean nothing more is coming.
    void settle() {
        std::size_t fetches = platform.fetched.size();
        for (int quiet = 0, i = 0; quiet < 3 && i < 60; ++i) {
            frame();
            quiet = platform.fetched.size() == fetches ? quiet + 1 : 0;
            fetches = platform.fetched.size();
        }
    }

    // Every character of every text in the semantic tree (names equal the drawn labels, and
    // values what a field shows) is in every face of the atlas.
    void check(const std::string& where) {
        settle();
        ++screens;
        for (const ui::SemanticNode& n : app->semantics().nodes())
            for (const std::string* text : {&n.name, &n.value})
                for (std::size_t pos = 0; pos < text->size();) {
                    const char32_t cp = core::utf8_next(*text, pos);
                    if (cp < 0x20 || cp == ' ' || !seen.insert(cp).second) continue;
                    for (ImFont* face : ImGui::GetIO().Fonts->Fonts)
                        if (!face->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
                            missing.insert(hex(cp) + " in \"" + *text + "\" (" + lang + ", " + form + ", " + where + ")");
                            break;
                        }
                }
    }

    std::string lang, form;
    std::set<char32_t> seen;  // checked once per walk: the atlas only grows within one
    std::set<std::string> missing;
    int screens = 0;
};

// The screening of one instrument in one language: each question (the first answer chosen, so
// questions shown after an answer come too), the review and the results.
std::set<std::string> walk(const std::string& language, const std::string& instrument) {
    KioskIn k(language, instrument);
    REQUIRE(k.app->semantics().find("welcome.start") != nullptr);
    k.activate("welcome.start");
    k.activate("nav.next");  // privacy
    CHECK(k.app->translator().language() == language);
    for (int guard = 0; guard < 80 && k.screen() == "question"; ++guard) {
        k.check("question " + k.state()["kiosk"].value("item", ""));
        if (k.app->semantics().find("answer.0")) k.activate("answer.0");
        k.activate("nav.next");
    }
    REQUIRE(k.screen() == "review");
    k.check("review");
    k.activate("nav.next");
    if (k.screen() == "location") k.activate("nav.next");
    REQUIRE(k.screen() == "results");
    k.check("results");
    CHECK(k.screens >= 3);
    CHECK(k.seen.size() > 20);
    return k.missing;
}

}  // namespace

TEST_CASE("issue 14: every character the kiosk draws on its question, review and results screens is in the font atlas, in every language") {
    REQUIRE(core::languages().size() == 11);
    for (const core::Language& l : core::languages())
        for (const std::string& instrument : core::builtin_instrument_ids()) {
            const std::set<std::string> missing = walk(l.code, instrument);
            for (const std::string& m : missing) FAIL_CHECK("not in the atlas: " << m);
        }
}
