#include "ui/shell/fonts.hpp"

#include <imgui.h>

#include <stdexcept>
#include <string>

namespace safetynet::ui {
namespace {

// The characters the embedded font was cut down to (ui/shell/font_glyphs.txt), as ImGui's
// (first, last) pairs ending in 0.
const ImWchar kGlyphRanges[] = {
#include "ui/shell/font_glyph_ranges.inc"
    0,
};

ImFont* add(ImFontAtlas& atlas, std::string_view file, float px) {
    const auto data = builtin_font(file);
    if (!data) throw std::logic_error("embedded font missing: " + std::string(file));
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes live in the binary's read-only data
    // Sizes here are large (kiosk type); horizontal oversampling buys nothing visible at these
    // sizes but triples the atlas and the time to rasterise it on start-up.
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return atlas.AddFontFromMemoryTTF(const_cast<char*>(data->data()), static_cast<int>(data->size()), px,
                                      &cfg, kGlyphRanges);
}

}  // namespace

FontSet build_fonts(ImFontAtlas& atlas, float body_px) {
    atlas.Clear();
    FontSet set;
    set.body = add(atlas, "NotoSans-Regular.ttf", body_px);  // first font = ImGui's default
    set.bold = add(atlas, "NotoSans-Bold.ttf", body_px);
    set.heading = add(atlas, "NotoSans-Bold.ttf", body_px * 1.55f);
    set.small = add(atlas, "NotoSans-Regular.ttf", body_px * 0.8f);
    atlas.Build();
    return set;
}

}  // namespace safetynet::ui
