#include "ui/shell/fonts.hpp"

#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/shaped_text.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdint>
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

// Merges into the face just added the characters wanted from each fetched file
// (DemandFonts): only those, so the texture holds what the screens show, not the whole file.
void merge_demand(ImFontAtlas& atlas, const DemandFonts* demand, std::string_view weight, float px) {
    if (!demand) return;
    for (const DemandFonts::Merge& m : demand->merges(weight)) {
        ImFontConfig cfg;
        cfg.MergeMode = true;
        cfg.FontDataOwnedByAtlas = false;  // DemandFonts keeps the bytes
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        atlas.AddFontFromMemoryTTF(const_cast<char*>(m.bytes.data()), static_cast<int>(m.bytes.size()), px, &cfg,
                                   reinterpret_cast<const ImWchar*>(m.ranges->data()));
    }
}

ImFont* add_face(ImFontAtlas& atlas, const DemandFonts* demand, std::string_view weight, float px) {
    ImFont* font = add(atlas, weight == "Bold" ? "NotoSans-Bold.ttf" : "NotoSans-Regular.ttf", px);
    merge_demand(atlas, demand, weight, px);
    return font;
}

}  // namespace

bool builtin_font_has(char32_t cp) {
    for (const ImWchar* r = kGlyphRanges; r[0] != 0; r += 2)
        if (r[0] <= cp && cp <= r[1]) return true;
    return false;
}

FontSet build_fonts(ImFontAtlas& atlas, float body_px, float raster_scale, const DemandFonts* demand,
                    ShapedText* shaped) {
    static_assert(sizeof(ImWchar) == sizeof(std::uint16_t), "DemandFonts hands ImGui 16-bit ranges");
    atlas.Clear();
    // The texture as tall as the glyphs need, not rounded up to a power of two (WebGL2 and GLES3
    // take any height): rounding doubled it as soon as a few ideographs were merged in.
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    FontSet set;
    const float r = raster_scale;
    // Whole pixels: a line of 19.2 px would make every line's position round differently once
    // scrolled above the top (ImGui rounds toward zero), and the page would change length.
    set.body = add_face(atlas, demand, "Regular", std::round(body_px) * r);  // first font = ImGui's default
    set.bold = add_face(atlas, demand, "Bold", std::round(body_px) * r);
    set.heading = add_face(atlas, demand, "Bold", std::round(body_px * 1.55f) * r);
    set.small = add_face(atlas, demand, "Regular", std::round(body_px * 0.8f) * r);
    for (ImFont* f : {set.body, set.bold, set.heading, set.small}) f->Scale = 1.0f / r;
    if (shaped) shaped->add_glyphs(atlas);
    atlas.Build();
    if (shaped) {
        shaped->fill_glyphs(atlas);
        shaped->set_fonts(set, demand);
    }
    return set;
}

float font_px(const ImFont* font) { return font->FontSize * font->Scale; }

}  // namespace safetynet::ui
