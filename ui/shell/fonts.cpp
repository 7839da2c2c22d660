#include "ui/shell/fonts.hpp"

#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/shaped_text.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

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

// The characters of the demand files that a face takes, once built, from another face of the
// same size instead of rasterising them itself (ImGui's zero-terminated (first, last) pairs).
using Borrowed = std::vector<const std::vector<std::uint16_t>*>;

// Merges into the face just added the characters wanted from each fetched file
// (DemandFonts): only those, so the texture holds what the screens show, not the whole file. A
// file standing in for a weight its family lacks (the CJK fonts have no Bold) goes to `borrowed`
// instead, when given: the same file at the same size would rasterise the same bitmaps twice, a
// quarter of the atlas build on the frame that switches to Chinese (bench/language_switch).
void merge_demand(ImFontAtlas& atlas, const DemandFonts* demand, std::string_view weight, float px,
                  Borrowed* borrowed) {
    if (!demand) return;
    for (const DemandFonts::Merge& m : demand->merges(weight)) {
        if (borrowed && m.stand_in) {
            borrowed->push_back(m.ranges);
            continue;
        }
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

ImFont* add_face(ImFontAtlas& atlas, const DemandFonts* demand, std::string_view weight, float px,
                 Borrowed* borrowed = nullptr) {
    ImFont* font = add(atlas, weight == "Bold" ? "NotoSans-Bold.ttf" : "NotoSans-Regular.ttf", px);
    merge_demand(atlas, demand, weight, px, borrowed);
    return font;
}

bool in_ranges(const std::vector<std::uint16_t>& ranges, ImWchar c) {
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2)
        if (ranges[i] <= c && c <= ranges[i + 1]) return true;
    return false;
}

// Gives the built face `to` the glyphs of `from` (same size) in `borrowed` that it lacks: the
// same bitmap in the texture, the same box and advance, set on `to`'s baseline (ImGui 1.86 places
// a glyph at round(Ascent): imgui_draw.cpp, ImFontAtlasBuildWithStbTruetype). A character the
// face's own file has keeps its own glyph, as ImGui's merge would.
void borrow_glyphs(ImFont& to, const ImFont& from, const Borrowed& borrowed) {
    if (borrowed.empty()) return;
    const float dy = std::round(to.Ascent) - std::round(from.Ascent);
    // BuildLookupTable() made a tab glyph last, and makes one again unless it is still last.
    if (!to.Glyphs.empty() && to.Glyphs.back().Codepoint == '\t') to.Glyphs.pop_back();
    for (const ImFontGlyph& g : from.Glyphs) {
        const auto c = static_cast<ImWchar>(g.Codepoint);
        const bool wanted = std::any_of(borrowed.begin(), borrowed.end(), [&](const auto* r) { return in_ranges(*r, c); });
        if (!wanted || to.FindGlyphNoFallback(c)) continue;
        to.AddGlyph(nullptr, c, g.X0, g.Y0 + dy, g.X1, g.Y1 + dy, g.U0, g.V0, g.U1, g.V1, g.AdvanceX);
    }
    to.BuildLookupTable();
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
    Borrowed bold_from_body;
    set.body = add_face(atlas, demand, "Regular", std::round(body_px) * r);  // first font = ImGui's default
    set.bold = add_face(atlas, demand, "Bold", std::round(body_px) * r, &bold_from_body);
    set.heading = add_face(atlas, demand, "Bold", std::round(body_px * 1.55f) * r);
    set.small = add_face(atlas, demand, "Regular", std::round(body_px * 0.8f) * r);
    for (ImFont* f : {set.body, set.bold, set.heading, set.small}) f->Scale = 1.0f / r;
    if (shaped) shaped->add_glyphs(atlas);
    atlas.Build();
    borrow_glyphs(*set.bold, *set.body, bold_from_body);
    if (shaped) {
        shaped->fill_glyphs(atlas);
        shaped->set_fonts(set, demand);
    }
    return set;
}

float font_px(const ImFont* font) { return font->FontSize * font->Scale; }

}  // namespace safetynet::ui
