// The glyphs a language switch rasterises. The frame that switches the kiosk to Chinese builds
// the font atlas with every character the language's texts need, four faces each: that build
// was most of the time from the touch to the frame in Chinese (bench/language_switch). The
// kiosk wants the characters of the texts it can show, not the staff workspace's (ws.*).
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

// Chooses Chinese and runs frames until the catalog, the wording and the fonts are in.
void switch_to_chinese(UiHarness& h) {
    safetynet::test::serve_demand_fonts(h.platform);
    h.frame();
    h.app->translator().set_language("zh-Hans");
    for (int i = 0; i < 12; ++i) h.frame();
    REQUIRE(h.state()["lang"] == "zh-Hans");
}

bool drawable(char32_t cp) {
    return ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
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
