#include "ui/shell/text_shaper.hpp"

#include <cmath>
#include <stdexcept>

namespace safetynet::ui {
namespace {

// Layout: [kWireVersion, rtl, line count, then per line: width, glyph count, then per glyph:
// font, glyph, x, y, cluster]. Positions in 1/64 pixel, as HarfBuzz counts them.
constexpr std::int32_t kWireVersion = 1;
constexpr float kUnit = 64.0f;

std::int32_t fixed(float px) { return static_cast<std::int32_t>(std::lround(px * kUnit)); }

class Reader {
public:
    Reader(const std::int32_t* words, std::size_t count) : m_words(words), m_count(count) {}
    std::int32_t next() {
        if (m_at >= m_count) throw std::invalid_argument("shaped paragraph: truncated at word " + std::to_string(m_at));
        return m_words[m_at++];
    }
    std::size_t count(std::size_t per_item) {
        const std::int32_t n = next();
        if (n < 0 || static_cast<std::size_t>(n) > (m_count - m_at) / per_item)
            throw std::invalid_argument("shaped paragraph: count " + std::to_string(n) + " does not fit");
        return static_cast<std::size_t>(n);
    }
    bool done() const { return m_at == m_count; }

private:
    const std::int32_t* m_words;
    std::size_t m_count;
    std::size_t m_at = 0;
};

}  // namespace

// Whether `utf8` has letters of a right-to-left script: U+0590-07FF (Hebrew, Arabic, Syriac,
// Thaana, NKo; UTF-8 lead bytes D6 90 to DF) or the presentation forms U+FB00-FEFF (EF AC-BB;
// a few Latin ligatures and variation selectors among them, which the shaper draws as well).
bool has_rtl_letters(std::string_view utf8) {
    for (std::size_t i = 0; i + 1 < utf8.size(); ++i) {
        const auto lead = static_cast<unsigned char>(utf8[i]), next = static_cast<unsigned char>(utf8[i + 1]);
        if ((lead == 0xD6 && next >= 0x90) || (lead >= 0xD7 && lead <= 0xDF)) return true;
        if (lead == 0xEF && next >= 0xAC && next <= 0xBB) return true;
    }
    return false;
}

std::vector<std::int32_t> encode_paragraph(const ShapedParagraph& p) {
    std::vector<std::int32_t> out{kWireVersion, p.rtl ? 1 : 0, static_cast<std::int32_t>(p.lines.size())};
    for (const ShapedLine& line : p.lines) {
        out.push_back(fixed(line.width));
        out.push_back(static_cast<std::int32_t>(line.glyphs.size()));
        for (const ShapedGlyph& g : line.glyphs) {
            out.push_back(g.font);
            out.push_back(static_cast<std::int32_t>(g.glyph));
            out.push_back(fixed(g.x));
            out.push_back(fixed(g.y));
            out.push_back(static_cast<std::int32_t>(g.cluster));
        }
    }
    return out;
}

ShapedParagraph decode_paragraph(const std::int32_t* words, std::size_t count) {
    Reader in(words, count);
    if (in.next() != kWireVersion) throw std::invalid_argument("shaped paragraph: unknown version");
    ShapedParagraph p;
    p.rtl = in.next() != 0;
    p.lines.resize(in.count(2));
    for (ShapedLine& line : p.lines) {
        line.width = static_cast<float>(in.next()) / kUnit;
        line.glyphs.resize(in.count(5));
        for (ShapedGlyph& g : line.glyphs) {
            g.font = static_cast<std::uint16_t>(in.next());
            g.glyph = static_cast<std::uint32_t>(in.next());
            g.x = static_cast<float>(in.next()) / kUnit;
            g.y = static_cast<float>(in.next()) / kUnit;
            g.cluster = static_cast<std::uint32_t>(in.next());
        }
    }
    if (!in.done()) throw std::invalid_argument("shaped paragraph: trailing words");
    return p;
}

}  // namespace safetynet::ui
