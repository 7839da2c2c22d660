#pragma once
// Text drawn by glyph index, for right-to-left languages: Dear ImGui 1.86 draws one code point
// after another, left to right, which breaks Arabic (its letters join and change shape) and the
// order of numbers and Latin words in a right-to-left line. A ShapedText lays a paragraph out
// with a TextShaper (HarfBuzz + FriBidi: ui/shaping) and draws its glyphs from the font atlas.
// Only the right-to-left program links an implementation (web/CMakeLists.txt): the kiosk's
// first load carries none, and the widgets draw with ImGui when Context::shaped is null.
#include <imgui.h>

#include <string_view>

namespace safetynet::ui {

class DemandFonts;
struct FontSet;

class ShapedText {
public:
    virtual ~ShapedText() = default;

    // The size `text` takes in `font` (CSS pixels), its lines broken to fit `wrap_width`
    // (0: no wrapping).
    virtual ImVec2 measure(ImFont* font, std::string_view text, float wrap_width) = 0;
    // Draws `text` with its top-left corner at `pos` in a box `box_width` wide: each line starts
    // at the box's right edge when the paragraph is right to left, at its left edge otherwise
    // (`box_width` 0: as wide as the widest line). Glyphs not yet in the atlas are asked for
    // (take_changed()) and drawn from the next atlas on.
    virtual void draw(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text, float wrap_width,
                      float box_width) = 0;

    // The screen's direction. On a right-to-left screen a text with right-to-left letters is laid
    // out as a right-to-left paragraph whatever its first letter ("SafetyNet للعيادات" reads from
    // "SafetyNet", at the right, as the page's dir="rtl" has it); elsewhere, and a text without
    // such letters (a name, a date), takes the direction of its first strong letter (UAX #9 P2-P3).
    virtual void set_screen_rtl(bool rtl) = 0;

    // The atlas: build_fonts() calls add_glyphs() before ImFontAtlas::Build() (a rectangle per
    // glyph wanted) and fill_glyphs() after it (their bitmaps); then set_fonts() with the faces.
    virtual void add_glyphs(ImFontAtlas& atlas) = 0;
    virtual void fill_glyphs(ImFontAtlas& atlas) = 0;
    // The faces of the moment, and the fonts fetched on demand to shape with after the built-in one.
    virtual void set_fonts(const FontSet& fonts, const DemandFonts* demand) = 0;
    // Where the fonts for characters the built-in face lacks come from: every text laid out is
    // wanted there, so that a text from a site file or a directory fetches its script's font.
    virtual void set_demand_fonts(DemandFonts* demand) = 0;
    // Whether a glyph was drawn that the atlas lacks (take_changed() would be true): worth a frame.
    virtual bool changed() const = 0;
    // True once when a glyph was drawn that the atlas lacks: rebuild it.
    virtual bool take_changed() = 0;
};

}  // namespace safetynet::ui
