// The glyphs a language switch rasterises. Building the font atlas with every character the
// language's texts need, four faces each, was most of the time from the touch to the frame in
// Chinese (bench/language_switch): the frame that switches rasterises the characters of the
// screen it shows, a frame after its paint the rest. The kiosk wants the characters of the texts it can
// show, not the staff workspace's (ws.*).
#include "core/base/assets.hpp"
#include "core/base/i18n.hpp"
#include "core/base/text_fold.hpp"
#include "tests/support/demand_fonts_files.hpp"
#include "tests/support/ui_harness.hpp"
#include "ui/shell/fonts.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <set>
#include <string>

using safetynet::test::UiHarness;

namespace {

std::set<char32_t> characters(const std::string& utf8) {
    std::set<char32_t> out;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = safetynet::core::utf8_next(utf8, pos);
        if (!safetynet::ui::builtin_font_has(cp)) out.insert(cp);
    }
    return out;
}

// Characters of the Chinese catalog's staff-workspace texts that no other text of the kiosk in
// Chinese has (its other catalog texts, its questions' wording, the languages' own names).
std::set<char32_t> workspace_only_characters() {
    const auto catalog = safetynet::core::Catalog::parse(std::string(*safetynet::core::more_catalog("zh-Hans.json")), "zh-Hans.json");
    std::set<char32_t> workspace, kiosk = characters(std::string(*safetynet::core::more_instrument_translation("ahc-hrsn.zh-Hans.json")));
    const auto add = [&](const std::string& key, const std::string& text) {
        for (const char32_t cp : characters(text)) (key.rfind("ws.", 0) == 0 ? workspace : kiosk).insert(cp);
    };
    for (const auto& [key, text] : catalog.texts()) add(key, text);
    for (const auto& [key, forms] : catalog.plurals())
        for (const std::string& form : forms) add(key, form);
    const safetynet::core::Translator translator;
    for (const auto& l : translator.languages()) add("", l.native_name);
    std::set<char32_t> only;
    for (const char32_t cp : workspace)
        if (!kiosk.count(cp)) only.insert(cp);
    return only;
}

// Chooses Chinese and runs frames until the catalog, the wording and the fonts are in, and the
// characters not on the screen, which come a moment after the switch (half a second of frames).
void switch_to_chinese(UiHarness& h) {
    safetynet::test::serve_demand_fonts(h.platform);
    h.frame();
    h.app->translator().set_language("zh-Hans");
    for (int i = 0; i < 30; ++i) h.frame();
    REQUIRE(h.state()["lang"] == "zh-Hans");
}

bool drawable(char32_t cp) {
    return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
}

// In every face (body, bold, heading, small).
bool drawable_in_every_face(char32_t cp) {
    for (const ImFont* face : ImGui::GetIO().Fonts->Fonts)
        if (!face->FindGlyphNoFallback(static_cast<ImWchar>(cp))) return false;
    return true;
}

// The characters of the kiosk's texts in Chinese (its catalog but the staff workspace's texts,
// its questions' wording) that the built-in face lacks.
std::set<char32_t> kiosk_characters() {
    const auto catalog = safetynet::core::Catalog::parse(std::string(*safetynet::core::more_catalog("zh-Hans.json")), "zh-Hans.json");
    std::set<char32_t> out = characters(std::string(*safetynet::core::more_instrument_translation("ahc-hrsn.zh-Hans.json")));
    const auto add = [&](const std::string& key, const std::string& text) {
        if (key.rfind("ws.", 0) != 0) out.merge(characters(text));
    };
    for (const auto& [key, text] : catalog.texts()) add(key, text);
    for (const auto& [key, forms] : catalog.plurals())
        for (const std::string& form : forms) add(key, form);
    return out;
}

}  // namespace

TEST_CASE("issue 14: the kiosk in Chinese rasterises its own texts' characters, not the staff workspace's") {
    const std::set<char32_t> workspace_only = workspace_only_characters();
    REQUIRE(workspace_only.size() > 20);  // the test means something only if there are some
    UiHarness kiosk(1280, 800, "kiosk", false);
    switch_to_chinese(kiosk);
    const std::string start = kiosk.app->translator().tr("welcome.start");
    for (const char32_t cp : characters(start)) CHECK(drawable(cp));
    int rasterised = 0;
    for (const char32_t cp : workspace_only) rasterised += drawable(cp) ? 1 : 0;
    CHECK(rasterised == 0);
}

TEST_CASE("issue 14: the clinic's workspace in Chinese has its own texts' characters") {
    const std::set<char32_t> workspace_only = workspace_only_characters();
    UiHarness clinic(1280, 800, "clinic");
    switch_to_chinese(clinic);
    int missing = 0;
    for (const char32_t cp : workspace_only) missing += drawable(cp) ? 0 : 1;
    CHECK(missing == 0);
}

TEST_CASE("issue 14: the frame that switches the kiosk to Chinese has every character of the welcome screen; a frame a moment later has the rest of the language's") {
    UiHarness kiosk(1280, 800, "kiosk", false);
    safetynet::test::serve_demand_fonts(kiosk.platform);
    // The site offers Chinese: its button's name brings the Chinese font at start-up (the warm
    // case bench/language_switch times).
    kiosk.platform.files["assets/site.json"] =
        R"J({"site_name": "Riverside Community Health (demo)", "languages": ["en", "zh-Hans"]})J";
    for (int i = 0; i < 10; ++i) kiosk.frame();
    REQUIRE(drawable(U'中'));
    REQUIRE(kiosk.state()["screen"] == "welcome");

    kiosk.app->translator().set_language("zh-Hans");
    for (int i = 0; i < 12 && kiosk.state()["lang"] != "zh-Hans"; ++i) kiosk.frame();
    REQUIRE(kiosk.state()["lang"] == "zh-Hans");
    // The first frame drawn in Chinese: every character of the welcome screen (the semantic
    // tree's names are the drawn labels) in every face.
    std::set<char32_t> shown;
    for (const safetynet::ui::SemanticNode& n : kiosk.app->semantics().nodes()) shown.merge(characters(n.name));
    for (const char* key : {"welcome.title", "welcome.lead", "welcome.why", "welcome.privacy", "welcome.start", "staff.open"})
        shown.merge(characters(kiosk.app->translator().tr(key)));
    CHECK(shown.size() > 40);
    for (const char32_t cp : shown) {
        CAPTURE(static_cast<unsigned>(cp));
        CHECK(drawable_in_every_face(cp));
    }
    // And not the rest of the language's characters yet (the questions', the results').
    const std::set<char32_t> all = kiosk_characters();
    REQUIRE(all.size() > 400);
    int not_yet = 0;
    for (const char32_t cp : all) not_yet += drawable(cp) ? 0 : 1;
    CHECK(not_yet > (static_cast<int>(all.size()) - static_cast<int>(shown.size())) * 9 / 10);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const int first_w = atlas.TexWidth, first_h = atlas.TexHeight;

    // A moment later (the frame that switched has been painted), without any input: the loop
    // wakes for it, and the rest is in.
    const double now = kiosk.platform.now;
    CHECK(kiosk.app->redraw_due_at(now) <= now + 0.5);
    for (int i = 0; i < 30; ++i) kiosk.frame();
    int missing = 0;
    for (const char32_t cp : all) missing += drawable_in_every_face(cp) ? 0 : 1;
    CHECK(missing == 0);
    MESSAGE("the atlas on the frame that switches: ", first_w, "x", first_h, " (", static_cast<int>(all.size()) - not_yet,
            " Chinese characters); a moment later: ", atlas.TexWidth, "x", atlas.TexHeight, " (", all.size(), ")");
}
