#include "ui/shaping/shaped_text_renderer.hpp"

#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/fonts.hpp"

// stb_truetype, as Dear ImGui ships it (imstb_truetype.h beside imgui.h): its functions static
// to this file, beside imgui_draw.cpp's own static copy. It rasterises a glyph by its index,
// which is what a shaper gives; ImGui's atlas API only takes code points.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

// [SECTION] in this file: font files; faces; layout (cached); placing a paragraph's glyphs;
// drawing them; the atlas's glyph rectangles.

namespace safetynet::ui {

namespace {
constexpr std::uint16_t kRegular = 0, kBold = 1;  // the built-in faces' ids
constexpr std::size_t kMaxLayouts = 512;  // a screen shows far fewer texts; the cache is cleared beyond
int quarter_px(const ImFont* font) { return static_cast<int>(std::lround(font->FontSize * 4.0f)); }
}  // namespace

// ---------------------------------------------------------------- [SECTION] font files

struct ShapedTextRenderer::File {
    std::string_view bytes;  // the built-in face's or DemandFonts' bytes, which outlive the renderer's use
    stbtt_fontinfo info{};
};

struct ShapedTextRenderer::Glyph {
    int rect = -1;  // its rectangle in the atlas, -1: none (blank, or not in the atlas yet)
    bool in_atlas = false;  // added by the last add_glyphs()
    int x0 = 0, y0 = 0, width = 0, height = 0;  // the bitmap's box from the pen position, device px
};

ShapedTextRenderer::ShapedTextRenderer() {
    for (const char* name : {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"})
        if (const auto bytes = builtin_font(name)) file_for(*bytes);
    m_regular = {kRegular};
    m_bold = {kBold};
}

ShapedTextRenderer::~ShapedTextRenderer() = default;

ShapedTextRenderer::File* ShapedTextRenderer::file(std::uint16_t id) const {
    return id < m_files.size() ? m_files[id].get() : nullptr;
}

// The id of a font file, added to the shaper the first time it is seen (by its bytes' address:
// the built-in faces and DemandFonts' files never move).
std::uint16_t ShapedTextRenderer::file_for(std::string_view bytes) {
    for (std::size_t i = 0; i < m_files.size(); ++i)
        if (m_files[i]->bytes.data() == bytes.data()) return static_cast<std::uint16_t>(i);
    auto f = std::make_unique<File>();
    f->bytes = bytes;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const auto id = static_cast<std::uint16_t>(m_files.size());
    const int offset = stbtt_GetFontOffsetForIndex(data, 0);
    if (offset < 0 || !stbtt_InitFont(&f->info, data, offset) || !m_shaper.add_font(id, bytes)) {
        f->bytes = {};  // not a font: kept as a slot that has no glyphs, so ids stay stable
    }
    m_files.push_back(std::move(f));
    return id;
}

// ---------------------------------------------------------------- [SECTION] faces

void ShapedTextRenderer::set_fonts(const FontSet& fonts, const DemandFonts* demand) {
    m_is_bold = {{fonts.body, false}, {fonts.small, false}, {fonts.bold, true}, {fonts.heading, true}};
    m_regular = {kRegular};
    m_bold = {kBold};
    if (demand) {
        for (const DemandFonts::Merge& m : demand->merges("Regular")) m_regular.push_back(file_for(m.bytes));
        for (const DemandFonts::Merge& m : demand->merges("Bold")) m_bold.push_back(file_for(m.bytes));
    }
    m_layouts.clear();
}

bool ShapedTextRenderer::is_bold(const ImFont* font) const {
    const auto it = m_is_bold.find(font);
    return it != m_is_bold.end() && it->second;
}

const std::vector<std::uint16_t>& ShapedTextRenderer::fonts_for(const ImFont* font) const {
    return is_bold(font) ? m_bold : m_regular;
}

float ShapedTextRenderer::em_px(const ImFont* font) const {
    // ImGui sizes a font by its height from ascender to descender (stbtt_ScaleForPixelHeight);
    // HarfBuzz by its em. Every file is shaped at the built-in face's em, so that Arabic and
    // Latin in one line have the same em, as a browser draws them.
    return font->FontSize * em_per_size();
}

float ShapedTextRenderer::em_per_size() const {
    const File* f = file(kRegular);
    if (!f || f->bytes.empty()) return 1.0f;
    return stbtt_ScaleForPixelHeight(&f->info, 1.0f) / stbtt_ScaleForMappingEmToPixels(&f->info, 1.0f);
}

// ---------------------------------------------------------------- [SECTION] layout

const ShapedParagraph& ShapedTextRenderer::layout(const ImFont* font, std::string_view text, float wrap_width) {
    const float device_wrap = wrap_width > 0 ? wrap_width / font->Scale : 0.0f;
    const BaseDirection direction = m_screen_rtl && has_rtl_letters(text) ? BaseDirection::RightToLeft : BaseDirection::Auto;
    std::string key = std::to_string(quarter_px(font)) + (is_bold(font) ? "b" : "r") +
                      (direction == BaseDirection::RightToLeft ? "<" : "") + std::to_string(std::lround(device_wrap)) + '\x1f';
    key.append(text);
    if (const auto it = m_layouts.find(key); it != m_layouts.end()) return it->second;
    if (m_layouts.size() >= kMaxLayouts) m_layouts.clear();
    if (m_demand) m_demand->want(text);  // its script's font, if not yet fetched: laid out again once it is
    return m_layouts[key] = m_shaper.layout(text, direction, fonts_for(font), em_px(font), device_wrap);
}

ImVec2 ShapedTextRenderer::measure(ImFont* font, std::string_view text, float wrap_width) {
    const ShapedParagraph& p = layout(font, text, wrap_width);
    float width = 0;
    for (const ShapedLine& line : p.lines) width = std::max(width, line.width * font->Scale);
    return ImVec2(width, static_cast<float>(p.lines.size()) * font->FontSize * font->Scale);
}

// ---------------------------------------------------------------- [SECTION] placing a paragraph's glyphs

std::vector<ShapedTextRenderer::Placed> ShapedTextRenderer::place(ImFont* font, std::string_view text,
                                                                  float wrap_width, float box_width) {
    const ShapedParagraph& p = layout(font, text, wrap_width);
    const float s = font->Scale;
    float box = box_width;
    if (box <= 0)
        for (const ShapedLine& line : p.lines) box = std::max(box, line.width * s);
    std::vector<Placed> out;
    float top = 0;
    for (const ShapedLine& line : p.lines) {
        // A right-to-left paragraph's lines end at the box's right edge (CSS text-align: start).
        const float left = p.rtl ? box - line.width * s : 0.0f;
        const float baseline = top + font->Ascent * s;
        for (const ShapedGlyph& g : line.glyphs) out.push_back({g.font, g.glyph, left + g.x * s, baseline + g.y * s});
        top += font->FontSize * s;
    }
    return out;
}

// ---------------------------------------------------------------- [SECTION] drawing

void ShapedTextRenderer::draw(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text,
                              float wrap_width, float box_width) {
    const std::vector<Placed> glyphs = place(font, text, wrap_width, box_width);
    ImFontAtlas* atlas = font->ContainerAtlas;
    const float s = font->Scale;
    dl->PushTextureID(atlas->TexID);
    for (const Placed& g : glyphs) {
        const GlyphKey key{g.font, quarter_px(font), g.glyph};
        const auto it = m_glyphs.find(key);
        if (it == m_glyphs.end()) {
            m_glyphs.emplace(key, Glyph{});  // rasterised into the next atlas
            m_changed = true;
            continue;
        }
        const Glyph& glyph = it->second;
        if (glyph.rect < 0) continue;  // blank (a space), or not in the atlas yet
        const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(glyph.rect);
        ImVec2 uv0, uv1;
        atlas->CalcCustomRectUV(rect, &uv0, &uv1);
        const ImVec2 a(pos.x + g.x + static_cast<float>(glyph.x0) * s, pos.y + g.y + static_cast<float>(glyph.y0) * s);
        const ImVec2 b(a.x + static_cast<float>(glyph.width) * s, a.y + static_cast<float>(glyph.height) * s);
        dl->PrimReserve(6, 4);
        dl->PrimRectUV(a, b, uv0, uv1, color);
    }
    dl->PopTextureID();
}

bool ShapedTextRenderer::take_changed() { return std::exchange(m_changed, false); }

std::size_t ShapedTextRenderer::pending() const {
    return static_cast<std::size_t>(
        std::count_if(m_glyphs.begin(), m_glyphs.end(), [](const auto& kv) { return !kv.second.in_atlas; }));
}

// ---------------------------------------------------------------- [SECTION] the atlas's glyph rectangles

void ShapedTextRenderer::add_glyphs(ImFontAtlas& atlas) {
    for (auto& [key, glyph] : m_glyphs) {
        const auto& [font_id, quarter, index] = key;
        glyph = Glyph{};
        const File* f = file(font_id);
        if (!f || f->bytes.empty()) continue;
        const float em = static_cast<float>(quarter) / 4.0f * em_per_size();
        const float scale = stbtt_ScaleForMappingEmToPixels(&f->info, em);
        int x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBox(&f->info, static_cast<int>(index), scale, scale, &glyph.x0, &glyph.y0, &x1, &y1);
        glyph.width = x1 - glyph.x0;
        glyph.height = y1 - glyph.y0;
        glyph.in_atlas = true;
        if (glyph.width > 0 && glyph.height > 0) glyph.rect = atlas.AddCustomRectRegular(glyph.width, glyph.height);
    }
}

void ShapedTextRenderer::fill_glyphs(ImFontAtlas& atlas) {
    std::vector<unsigned char> bitmap;
    for (const auto& [key, glyph] : m_glyphs) {
        if (glyph.rect < 0) continue;
        const auto& [font_id, quarter, index] = key;
        const File* f = file(font_id);
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(glyph.rect);
        if (!rect->IsPacked()) continue;
        const float scale = stbtt_ScaleForMappingEmToPixels(&f->info, static_cast<float>(quarter) / 4.0f * em_per_size());
        bitmap.assign(static_cast<std::size_t>(glyph.width * glyph.height), 0);
        stbtt_MakeGlyphBitmap(&f->info, bitmap.data(), glyph.width, glyph.height, glyph.width, scale, scale,
                              static_cast<int>(index));
        // Build() leaves an 8-bit texture (the backends convert it to RGBA when they first take
        // it); a white RGBA texture with coverage as alpha if something converted it already.
        for (int y = 0; y < glyph.height; ++y)
            for (int x = 0; x < glyph.width; ++x) {
                const unsigned char a = bitmap[static_cast<std::size_t>(y * glyph.width + x)];
                const std::size_t at = static_cast<std::size_t>((rect->Y + y) * atlas.TexWidth + rect->X + x);
                if (atlas.TexPixelsAlpha8) atlas.TexPixelsAlpha8[at] = a;
                if (atlas.TexPixelsRGBA32) atlas.TexPixelsRGBA32[at] = IM_COL32(255, 255, 255, a);
            }
    }
}

}  // namespace safetynet::ui
