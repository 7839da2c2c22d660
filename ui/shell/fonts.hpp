#pragma once
// The UI typeface: Noto Sans (Regular and Bold) from Debian's fonts-noto-core, subset at build
// time to Latin and Vietnamese (ui/shell/font_glyphs.txt) and compiled in, so the first frame
// already has it. Other scripts come from fonts fetched on demand (ui/shell/demand_fonts.hpp).
#include <optional>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace safetynet::ui {

// The embedded font files ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf").
std::optional<std::string_view> builtin_font(std::string_view name);
std::vector<std::string_view> builtin_font_names();

struct FontSet {
    ImFont* body = nullptr;     // questions, answers, paragraphs
    ImFont* bold = nullptr;     // emphasis and buttons
    ImFont* heading = nullptr;  // screen headings
    ImFont* small = nullptr;    // notes, footers
};

class DemandFonts;
class ShapedText;

// Clears `atlas` and loads the set at `body_px` (the other sizes follow from it), rasterised
// `raster_scale` times larger (for a screen with more device pixels per CSS pixel, or a zoomed
// browser) and scaled back, so sizes stay in CSS pixels and text stays crisp; each face with the
// characters wanted from the fonts fetched on demand merged in (ui/shell/demand_fonts.hpp), and
// the glyphs `shaped` has drawn (right-to-left text, ui/shell/shaped_text.hpp) rasterised in.
FontSet build_fonts(ImFontAtlas& atlas, float body_px, float raster_scale = 1.0f, const DemandFonts* demand = nullptr,
                    ShapedText* shaped = nullptr);
// A font's size on screen, in CSS pixels.
float font_px(const ImFont* font);

}  // namespace safetynet::ui
