#pragma once
// ShapedText (ui/shell/shaped_text.hpp) on the HarfBuzz + FriBidi shaper: lays a paragraph out
// into lines of glyph indices in visual order, rasterises each glyph once per (font file, pixel
// size, glyph) with stb_truetype (the rasteriser Dear ImGui itself uses, from the same font
// files) into rectangles of the font atlas, and draws them as quads at HarfBuzz's positions.
#include "ui/shaping/harfbuzz_shaper.hpp"
#include "ui/shell/shaped_text.hpp"

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace safetynet::ui {

class ShapedTextRenderer final : public ShapedText {
public:
    ShapedTextRenderer();
    ~ShapedTextRenderer() override;

    ImVec2 measure(ImFont* font, std::string_view text, float wrap_width) override;
    void draw(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text, float wrap_width,
              float box_width) override;
    void add_glyphs(ImFontAtlas& atlas) override;
    void fill_glyphs(ImFontAtlas& atlas) override;
    void set_fonts(const FontSet& fonts, const DemandFonts* demand) override;
    void set_demand_fonts(DemandFonts* demand) override { m_demand = demand; }
    void set_screen_rtl(bool rtl) override { m_screen_rtl = rtl; }
    bool take_changed() override;
    bool changed() const override { return m_changed; }

    // One glyph as draw() places it: its index in the font file `font` and its pen position
    // from the box's top-left corner, in CSS pixels (y: the baseline's). For tests.
    struct Placed {
        std::uint16_t font = 0;
        std::uint32_t glyph = 0;
        float x = 0, y = 0;
    };
    std::vector<Placed> place(ImFont* font, std::string_view text, float wrap_width, float box_width);
    // The size of one em, in device pixels, that `font` is shaped at (its ImGui size is the
    // height from ascender to descender of the built-in face, as stb_truetype counts it).
    float em_px(const ImFont* font) const;
    // Glyphs waiting for the next atlas.
    std::size_t pending() const;

private:
    struct File;
    struct Glyph;
    using GlyphKey = std::tuple<std::uint16_t, int, std::uint32_t>;  // font file, size in 1/4 px, glyph
    File* file(std::uint16_t id) const;
    std::uint16_t file_for(std::string_view bytes);
    bool is_bold(const ImFont* font) const;
    const std::vector<std::uint16_t>& fonts_for(const ImFont* font) const;
    float em_per_size() const;
    const ShapedParagraph& layout(const ImFont* font, std::string_view text, float wrap_width);

    HarfBuzzShaper m_shaper;
    std::vector<std::unique_ptr<File>> m_files;  // index = the shaper's font id
    std::vector<std::uint16_t> m_regular, m_bold;  // shaping order per weight
    std::map<const ImFont*, bool> m_is_bold;
    std::map<GlyphKey, Glyph> m_glyphs;
    std::map<std::string, ShapedParagraph> m_layouts;  // recent layouts, by font, width and text
    DemandFonts* m_demand = nullptr;
    bool m_changed = false;
    bool m_screen_rtl = false;
};

}  // namespace safetynet::ui
