#include "ui/shaping/harfbuzz_shaper.hpp"

#include "core/base/text_fold.hpp"

#include <fribidi.h>
#include <hb.h>

#include <algorithm>

// [SECTION] in this file: fonts; one paragraph's characters, levels and runs (UAX #9 with
// FriBidi); shaping the runs (HarfBuzz); breaking lines; ordering and placing a line's glyphs
// (UAX #9 L2); the whole layout.

namespace safetynet::ui {

// ---------------------------------------------------------------- [SECTION] fonts

struct HarfBuzzShaper::Font {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    float upem = 1000;

    ~Font() {
        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    bool has(hb_codepoint_t cp) const {
        hb_codepoint_t glyph = 0;
        return hb_font_get_nominal_glyph(font, cp, &glyph) && glyph != 0;
    }
};

struct HarfBuzzShaper::Buffer {
    hb_buffer_t* buffer = hb_buffer_create();
    ~Buffer() { hb_buffer_destroy(buffer); }
};

HarfBuzzShaper::HarfBuzzShaper() : m_buffer(std::make_unique<Buffer>()) {}
HarfBuzzShaper::~HarfBuzzShaper() = default;

bool HarfBuzzShaper::add_font(std::uint16_t id, std::string_view bytes) {
    auto f = std::make_unique<Font>();
    // READONLY: HarfBuzz reads the caller's bytes in place, which outlive the shaper.
    f->blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    f->face = hb_face_create(f->blob, 0);
    if (hb_face_get_glyph_count(f->face) == 0) return false;
    f->font = hb_font_create(f->face);
    f->upem = static_cast<float>(hb_face_get_upem(f->face));
    m_fonts[id] = std::move(f);
    return true;
}

namespace {

constexpr std::uint16_t kNoFont = 0xFFFF;

// ---------------------------------------------------------------- [SECTION] a paragraph's characters, levels, runs

struct Paragraph {
    std::vector<std::uint32_t> cps;    // code points, logical order
    std::vector<std::uint32_t> bytes;  // the UTF-8 offset of each, in the whole text
    std::vector<FriBidiLevel> levels;  // embedding level of each (odd: right to left)
    std::vector<std::uint16_t> fonts;  // the font each is drawn with (kNoFont: none has it)
    bool rtl = false;
};

Paragraph decode(std::string_view text, std::size_t offset) {
    Paragraph p;
    for (std::size_t at = 0; at < text.size();) {
        p.bytes.push_back(static_cast<std::uint32_t>(offset + at));
        p.cps.push_back(core::utf8_next(text, at));
    }
    return p;
}

// UAX #9 rules P2-I2 (and N0, paired brackets), by FriBidi.
void resolve_levels(Paragraph& p, BaseDirection direction) {
    const auto n = static_cast<FriBidiStrIndex>(p.cps.size());
    std::vector<FriBidiCharType> types(p.cps.size());
    std::vector<FriBidiBracketType> brackets(p.cps.size());
    p.levels.assign(p.cps.size(), 0);
    fribidi_get_bidi_types(p.cps.data(), n, types.data());
    fribidi_get_bracket_types(p.cps.data(), n, types.data(), brackets.data());
    FriBidiParType base = direction == BaseDirection::LeftToRight   ? FRIBIDI_PAR_LTR
                          : direction == BaseDirection::RightToLeft ? FRIBIDI_PAR_RTL
                                                                    : FRIBIDI_PAR_ON;
    if (n > 0 && fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, p.levels.data()) == 0)
        p.levels.assign(p.cps.size(), direction == BaseDirection::RightToLeft ? 1 : 0);  // out of memory: one run
    p.rtl = n > 0 ? FRIBIDI_IS_RTL(base) : direction == BaseDirection::RightToLeft;
}

bool is_common(hb_unicode_funcs_t* ucd, std::uint32_t cp) {
    const hb_script_t s = hb_unicode_script(ucd, cp);
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED;
}

}  // namespace

// Each character goes to the first font that has it, except that characters of no particular
// script (spaces, digits, punctuation, combining marks) stay with the font before them when it
// has them too, so that a run is not cut at every space.
static void assign_fonts(Paragraph& p, const std::vector<std::uint16_t>& order,
                         const std::map<std::uint16_t, std::unique_ptr<HarfBuzzShaper::Font>>& fonts) {
    hb_unicode_funcs_t* ucd = hb_unicode_funcs_get_default();
    auto covers = [&](std::uint16_t id, std::uint32_t cp) {
        const auto it = fonts.find(id);
        return it != fonts.end() && it->second->has(cp);
    };
    p.fonts.assign(p.cps.size(), kNoFont);
    std::uint16_t previous = kNoFont;
    for (std::size_t i = 0; i < p.cps.size(); ++i) {
        const std::uint32_t cp = p.cps[i];
        std::uint16_t chosen = kNoFont;
        if (previous != kNoFont && is_common(ucd, cp) && covers(previous, cp)) chosen = previous;
        for (std::size_t f = 0; chosen == kNoFont && f < order.size(); ++f)
            if (covers(order[f], cp)) chosen = order[f];
        p.fonts[i] = chosen;
        if (chosen != kNoFont) previous = chosen;
    }
}

namespace {

struct Run {
    std::size_t start = 0, end = 0;  // characters [start, end)
    FriBidiLevel level = 0;
    std::uint16_t font = kNoFont;
};

std::vector<Run> itemize(const Paragraph& p) {
    std::vector<Run> runs;
    for (std::size_t i = 0; i < p.cps.size(); ++i) {
        if (runs.empty() || runs.back().level != p.levels[i] || runs.back().font != p.fonts[i])
            runs.push_back({i, i, p.levels[i], p.fonts[i]});
        runs.back().end = i + 1;
    }
    return runs;
}

// ---------------------------------------------------------------- [SECTION] shaping the runs

struct Glyph {
    std::uint16_t font = 0;
    std::uint32_t glyph = 0;
    std::size_t cluster = 0;  // the first character it draws
    float advance = 0, dx = 0, dy = 0;  // pixels; dy up, as in HarfBuzz
};

struct ShapedRun {
    Run run;
    std::vector<Glyph> glyphs;  // visual order within the run
};

}  // namespace

static ShapedRun shape_run(const Paragraph& p, const Run& run, HarfBuzzShaper::Font* font, hb_buffer_t* buffer,
                           float em_px) {
    ShapedRun out{run, {}};
    if (!font) return out;  // no font has these characters: nothing drawn, the app reports the gap
    hb_buffer_clear_contents(buffer);
    // The whole paragraph goes in as context (joining at a run's edges), the run as the item.
    hb_buffer_add_codepoints(buffer, p.cps.data(), static_cast<int>(p.cps.size()), static_cast<unsigned>(run.start),
                             static_cast<int>(run.end - run.start));
    hb_buffer_set_direction(buffer, (run.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(font->font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    const float scale = em_px / font->upem;
    for (unsigned i = 0; i < count; ++i)
        out.glyphs.push_back({run.font, info[i].codepoint, info[i].cluster, pos[i].x_advance * scale,
                              pos[i].x_offset * scale, pos[i].y_offset * scale});
    return out;
}

namespace {

// ---------------------------------------------------------------- [SECTION] breaking lines

bool is_space(std::uint32_t cp) { return cp == 0x20 || cp == 0x09 || cp == 0x3000 || cp == 0x200B; }

// Ideographs and kana may break before and after, as CSS line-break: normal does.
bool is_ideographic(std::uint32_t cp) {
    return (cp >= 0x2E80 && cp <= 0x2FFF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60);
}

struct LineSpan {
    std::size_t start = 0, end = 0;  // characters [start, end), the spaces at the break excluded
};

// The end of the "word" starting at `i` (before any spaces after it) and where the next one starts.
std::pair<std::size_t, std::size_t> next_word(const Paragraph& p, std::size_t i) {
    std::size_t end = i;
    if (is_ideographic(p.cps[end])) {
        ++end;
    } else {
        while (end < p.cps.size() && !is_space(p.cps[end]) && !(end > i && is_ideographic(p.cps[end]))) ++end;
    }
    std::size_t next = end;
    while (next < p.cps.size() && is_space(p.cps[next])) ++next;
    return {end, next};
}

// Greedy filling, in logical order: a word that does not fit starts a new line; a word wider
// than a whole line is cut between characters.
std::vector<LineSpan> break_lines(const Paragraph& p, const std::vector<float>& advance, float max_width) {
    auto width = [&](std::size_t a, std::size_t b) {
        float w = 0;
        for (std::size_t i = a; i < b; ++i) w += advance[i];
        return w;
    };
    std::vector<LineSpan> lines;
    std::size_t start = 0, i = 0, visible_end = 0;
    float used = 0;
    while (start < p.cps.size() && is_space(p.cps[start])) ++start;  // leading spaces
    i = visible_end = start;
    while (i < p.cps.size()) {
        const auto [word_end, next] = next_word(p, i);
        const float w = width(i, word_end);
        if (max_width > 0 && used > 0 && used + w > max_width) {
            lines.push_back({start, visible_end});
            start = i;
            used = 0;
            continue;
        }
        if (max_width > 0 && used == 0 && w > max_width) {
            std::size_t cut = i + 1;
            while (cut < word_end && width(i, cut + 1) <= max_width) ++cut;
            lines.push_back({i, cut});
            start = i = visible_end = cut;
            continue;
        }
        used += width(i, next);
        visible_end = word_end;
        i = next;
    }
    lines.push_back({start, std::max(start, visible_end)});
    return lines;
}

// ---------------------------------------------------------------- [SECTION] a line's glyphs in visual order

struct Piece {
    FriBidiLevel level = 0;
    std::vector<const Glyph*> glyphs;
};

// UAX #9 L2: from the highest level down to the lowest odd one, reverse every sequence of
// pieces at that level or higher. Within a piece HarfBuzz has already put the glyphs in
// visual order.
void reorder(std::vector<Piece>& pieces) {
    if (pieces.empty()) return;
    int highest = 0, lowest_odd = 256;  // FriBidiLevel is a signed char: count in int
    for (const Piece& piece : pieces) {
        highest = std::max(highest, static_cast<int>(piece.level));
        if (piece.level & 1) lowest_odd = std::min(lowest_odd, static_cast<int>(piece.level));
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (std::size_t i = 0; i < pieces.size();) {
            if (pieces[i].level < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < pieces.size() && pieces[j].level >= level) ++j;
            std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(i), pieces.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
}

ShapedLine place_line(const Paragraph& p, const std::vector<ShapedRun>& runs, const LineSpan& span) {
    std::vector<Piece> pieces;
    for (const ShapedRun& r : runs) {
        if (r.run.end <= span.start || r.run.start >= span.end) continue;
        Piece piece{r.run.level, {}};
        for (const Glyph& g : r.glyphs)
            if (g.cluster >= span.start && g.cluster < span.end && g.glyph != 0) piece.glyphs.push_back(&g);
        pieces.push_back(std::move(piece));
    }
    reorder(pieces);
    ShapedLine line;
    float pen = 0;
    for (const Piece& piece : pieces)
        for (const Glyph* g : piece.glyphs) {
            line.glyphs.push_back({g->font, g->glyph, pen + g->dx, -g->dy, p.bytes[g->cluster]});
            pen += g->advance;
        }
    line.width = pen;
    return line;
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] the whole layout

ShapedParagraph HarfBuzzShaper::layout(std::string_view utf8, BaseDirection direction,
                                       const std::vector<std::uint16_t>& fonts, float em_px, float max_width) {
    ShapedParagraph out;
    bool first = true;
    for (std::size_t start = 0; start <= utf8.size();) {
        const std::size_t newline = std::min(utf8.find('\n', start), utf8.size());
        Paragraph p = decode(utf8.substr(start, newline - start), start);
        resolve_levels(p, direction);
        if (first) out.rtl = p.rtl;  // the first paragraph's direction aligns the block
        first = false;
        assign_fonts(p, fonts, m_fonts);
        std::vector<ShapedRun> runs;
        std::vector<float> advance(p.cps.size(), 0.0f);  // per character, for line breaking
        for (const Run& run : itemize(p)) {
            const auto it = m_fonts.find(run.font);
            runs.push_back(shape_run(p, run, it == m_fonts.end() ? nullptr : it->second.get(), m_buffer->buffer, em_px));
            for (const Glyph& g : runs.back().glyphs)
                if (g.glyph != 0) advance[g.cluster] += g.advance;
        }
        for (const LineSpan& span : break_lines(p, advance, max_width)) out.lines.push_back(place_line(p, runs, span));
        start = newline + 1;
    }
    return out;
}

}  // namespace safetynet::ui
