#pragma once
// hb-shape (Debian's libharfbuzz-bin): what HarfBuzz's own command-line tool gives for a font
// file and a text, the reference the shaping tests compare the app with. Native only.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#ifndef __EMSCRIPTEN__
namespace safetynet::test {

struct ReferenceGlyph {
    std::uint32_t glyph = 0;
    float x = 0, y = 0;  // pen position + offset, font units; y up, as HarfBuzz counts
    float advance = 0;
};

struct ReferenceShape {
    std::vector<ReferenceGlyph> glyphs;  // visual order, left to right
    float width = 0;                     // the sum of the advances, font units

    std::vector<std::uint32_t> ids() const {
        std::vector<std::uint32_t> out;
        for (const ReferenceGlyph& g : glyphs) out.push_back(g.glyph);
        return out;
    }
};

// Runs hb-shape; false when it is missing or fails. It shapes one run and knows nothing of
// bidi: `options` gives the direction the bidi algorithm resolves where its guess from the
// script differs. Output: [gid@dx,dy+advance|...], "@dx,dy" left out when both are 0.
inline bool hb_shape(const std::string& font_file, const std::string& text, ReferenceShape& out,
                     const std::string& options = "") {
    const std::string cmd = "hb-shape" + options + " --no-glyph-names --no-clusters --font-file='" + font_file +
                            "' --text='" + text + "' 2>/dev/null";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return false;
    std::string result;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe)) result += buf;
    if (pclose(pipe) != 0 || result.size() < 2 || result[0] != '[') return false;
    const std::string body = result.substr(1, result.find(']') - 1);
    float pen = 0;
    for (std::size_t at = 0; at < body.size();) {
        const std::size_t end = std::min(body.find('|', at), body.size());
        const std::string item = body.substr(at, end - at);
        ReferenceGlyph g;
        float dx = 0, dy = 0;
        g.glyph = static_cast<std::uint32_t>(std::stoul(item));
        if (const std::size_t a = item.find('@'); a != std::string::npos) {
            dx = std::stof(item.substr(a + 1));
            dy = std::stof(item.substr(item.find(',', a) + 1));
        }
        g.advance = std::stof(item.substr(item.find('+') + 1));
        g.x = pen + dx;
        g.y = dy;
        pen += g.advance;
        out.glyphs.push_back(g);
        at = end + 1;
    }
    out.width = pen;
    return true;
}

}  // namespace safetynet::test
#endif
