#pragma once
// Text that Dear ImGui cannot lay out by itself: Arabic (its letters join and change shape) and
// any line that mixes right-to-left and left-to-right runs. ImGui draws one code point after
// another, left to right; a TextShaper turns such a paragraph into lines of positioned glyphs,
// with the Unicode bidirectional algorithm (UAX #9) and OpenType shaping (ui/shaping implements
// it). Only the programs that draw right-to-left text link it (web/CMakeLists.txt), so the
// kiosk's first load does not carry it; ui/shell/shaped_text.hpp draws its glyphs.
// encode_paragraph() is the wire form for a shaper in another WebAssembly module (not used by
// the programs today: the right-to-left program links the shaper in).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

// The paragraph direction (UAX #9 P2/P3): given, or from the first strong character.
enum class BaseDirection : std::uint8_t { LeftToRight = 0, RightToLeft = 1, Auto = 2 };

struct ShapedGlyph {
    std::uint16_t font = 0;    // the font id given to add_font()
    std::uint32_t glyph = 0;   // glyph index in that font
    float x = 0;               // pixels from the line's left edge to the glyph's origin
    float y = 0;               // pixels below the baseline (negative: raised, as marks are)
    std::uint32_t cluster = 0; // byte offset in the paragraph's UTF-8 of the text it draws
};

struct ShapedLine {
    float width = 0;  // pixels, without the spaces at the break
    std::vector<ShapedGlyph> glyphs;  // in visual order, left to right
};

struct ShapedParagraph {
    bool rtl = false;  // the resolved paragraph direction
    std::vector<ShapedLine> lines;
};

class TextShaper {
public:
    virtual ~TextShaper() = default;

    // Makes a font file (TrueType/OpenType) available under `id`. The bytes must stay alive
    // and unchanged while the shaper lives. False when they are not a font.
    virtual bool add_font(std::uint16_t id, std::string_view bytes) = 0;

    // Lays out `utf8`: bidi levels, runs, each shaped with the first font in `fonts` that has
    // its characters (characters common to all scripts, such as spaces and digits, stay with
    // their neighbours' font), lines broken at spaces (and between ideographs) so that none is
    // wider than `max_width` pixels (0: no wrapping), and '\n' starting a new paragraph. `em_px`
    // is the size of one em in pixels. A character no font has is left out (no ".notdef" box);
    // the app reports such gaps itself.
    virtual ShapedParagraph layout(std::string_view utf8, BaseDirection direction,
                                   const std::vector<std::uint16_t>& fonts, float em_px, float max_width) = 0;
};

// Whether `utf8` has letters of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo, the
// presentation forms): such a text is drawn by a shaper.
bool has_rtl_letters(std::string_view utf8);

// The wire form of a ShapedParagraph, for a shaper that runs in another WebAssembly module:
// 32-bit integers, positions in 1/64 pixel. encode and decode are exact inverses for positions
// on that grid.
std::vector<std::int32_t> encode_paragraph(const ShapedParagraph& p);
// Throws std::invalid_argument when `words` is not a well-formed encoding.
ShapedParagraph decode_paragraph(const std::int32_t* words, std::size_t count);

}  // namespace safetynet::ui
