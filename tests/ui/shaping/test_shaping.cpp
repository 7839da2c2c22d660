#include "tests/support/test_helpers.hpp"
#include "tests/ui/shaping/hb_shape_reference.hpp"
#include "ui/shaping/harfbuzz_shaper.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

using safetynet::ui::BaseDirection;
using safetynet::ui::HarfBuzzShaper;

namespace {

// Debian's font files (fonts-noto-core): the same bytes the shaper and hb-shape are given.
const std::string kArabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const std::string kLatin = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

bool exists(const std::string& path) { return std::ifstream(path).good(); }

#ifndef __EMSCRIPTEN__  // hb-shape is a native program: the comparison runs natively only
using safetynet::test::hb_shape;
using safetynet::test::ReferenceShape;

struct Shaped {
    std::vector<std::uint32_t> glyphs;
    float width = 0;
};

// What the app draws: one line, em = 1000 px so positions are in font units (these fonts' upem).
Shaped app_shape(const std::string& font_file, const std::string& text) {
    static std::vector<std::string> keep;  // the shaper reads the bytes in place
    keep.push_back(safetynet::test::read_test_file(font_file));
    HarfBuzzShaper shaper;
    REQUIRE(shaper.add_font(0, keep.back()));
    const auto p = shaper.layout(text, BaseDirection::Auto, {0}, 1000.0f, 0);
    REQUIRE(p.lines.size() == 1);
    Shaped out;
    for (const auto& g : p.lines[0].glyphs) out.glyphs.push_back(g.glyph);
    out.width = p.lines[0].width;
    return out;
}

#endif

}  // namespace

TEST_CASE("Arabic and Vietnamese: the glyphs the app draws are hb-shape's, for the same font and text") {
    if (!exists(kArabic) || !exists(kLatin)) {
        MESSAGE("skipped: Debian's Noto fonts (fonts-noto-core) are not installed");
        return;
    }
#ifdef __EMSCRIPTEN__
    MESSAGE("skipped in WebAssembly: hb-shape is a native program (the native copy of this test runs it)");
#else
    ReferenceShape probe;
    if (!hb_shape(kLatin, "a", probe)) {
        MESSAGE("skipped: hb-shape (libharfbuzz-bin) is not installed");
        return;
    }
    struct Case {
        std::string font, text, options;
    };
    const std::vector<Case> cases = {
        {kArabic, "مرحبا بالعالم", ""},
        {kArabic, "هل تشعر بالقلق بشأن الطعام؟", ""},
        {kArabic, "لا", ""},                     // lam-alef: a ligature
        {kArabic, "بِسْمِ", ""},                  // marks on letters
        {kArabic, "١٢٣", " --direction=ltr"},     // Arabic-Indic digits: an LTR level (UAX #9 W2, I1)
        {kLatin, "Tiếng Việt", ""},
        {kLatin, "Tie\u0302\u0301ng Vie\u0323\u0302t", ""},  // the same, decomposed: composed by the shaper
        {kLatin, "Bạn có đủ thức ăn không?", ""},
    };
    for (const auto& [font, text, options] : cases) {
        CAPTURE(text);
        ReferenceShape want;
        REQUIRE(hb_shape(font, text, want, options));
        const Shaped got = app_shape(font, text);
        CHECK(got.glyphs == want.ids());
        CHECK(got.width == doctest::Approx(want.width).epsilon(0.001));
    }
#endif
}

TEST_CASE("a right-to-left line keeps numbers and Latin runs left to right, in the order the bidi algorithm gives") {
    if (!exists(kArabic) || !exists(kLatin)) {
        MESSAGE("skipped: Debian's Noto fonts (fonts-noto-core) are not installed");
        return;
    }
    const std::string arabic = safetynet::test::read_test_file(kArabic);
    const std::string latin = safetynet::test::read_test_file(kLatin);
    HarfBuzzShaper shaper;
    REQUIRE(shaper.add_font(1, arabic));
    REQUIRE(shaper.add_font(0, latin));
    // "My age is 42 years", then "Main St": Arabic first, so the paragraph is right to left.
    const std::string text = "عمري 42 سنة Main St";
    const auto p = shaper.layout(text, BaseDirection::Auto, {0, 1}, 1000.0f, 0);
    CHECK(p.rtl);
    REQUIRE(p.lines.size() == 1);
    // Visual order, left to right: "Main St" (LTR run), then سنة, then 42 (LTR), then عمري.
    std::vector<std::uint32_t> clusters;
    for (const auto& g : p.lines[0].glyphs) clusters.push_back(g.cluster);
    const auto at = [&](const std::string& piece) { return static_cast<std::uint32_t>(text.find(piece)); };
    auto position_of = [&](std::uint32_t cluster) {
        for (std::size_t i = 0; i < clusters.size(); ++i)
            if (clusters[i] == cluster) return static_cast<int>(i);
        return -1;
    };
    const int main_m = position_of(at("Main")), st_s = position_of(at("St"));
    const int four = position_of(at("42")), two = position_of(at("42") + 1);
    const int first_word = position_of(at("عمري"));
    REQUIRE(main_m >= 0);
    REQUIRE(four >= 0);
    CHECK(main_m < st_s);        // Latin reads left to right
    CHECK(four < two);           // so do the digits
    CHECK(st_s < four);          // the Latin run is last in reading order: leftmost
    CHECK(two < first_word);     // the first Arabic word is rightmost
    CHECK(first_word == static_cast<int>(clusters.size()) - 1);
    for (std::size_t i = 1; i < p.lines[0].glyphs.size(); ++i) CHECK(p.lines[0].glyphs[i].x > p.lines[0].glyphs[i - 1].x - 1.0f);
}

TEST_CASE("a character no font has is left out, not drawn as a box") {
    if (!exists(kLatin)) {
        MESSAGE("skipped: Debian's Noto fonts (fonts-noto-core) are not installed");
        return;
    }
    const std::string latin = safetynet::test::read_test_file(kLatin);
    HarfBuzzShaper shaper;
    REQUIRE(shaper.add_font(0, latin));
    const auto p = shaper.layout("aกb", BaseDirection::LeftToRight, {0}, 1000.0f, 0);
    REQUIRE(p.lines.size() == 1);
    CHECK(p.lines[0].glyphs.size() == 2);
    for (const auto& g : p.lines[0].glyphs) CHECK(g.glyph != 0);
}
