#include "ui/shell/draw_damage.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace safetynet::ui {
namespace {

using Tri = DrawDamage::Tri;

bool same(const ImDrawVert& a, const ImDrawVert& b) {
    return a.pos.x == b.pos.x && a.pos.y == b.pos.y && a.uv.x == b.uv.x && a.uv.y == b.uv.y && a.col == b.col;
}
bool same(const Tri& a, const Tri& b) {
    return same(a.v[0], b.v[0]) && same(a.v[1], b.v[1]) && same(a.v[2], b.v[2]) && a.clip.x == b.clip.x &&
           a.clip.y == b.clip.y && a.clip.z == b.clip.z && a.clip.w == b.clip.w && a.texture == b.texture;
}

void grow(DamageRect& r, const Tri& t) {
    // What a triangle can colour: its bounding box inside its clip rectangle.
    float x0 = t.v[0].pos.x, y0 = t.v[0].pos.y, x1 = x0, y1 = y0;
    for (const ImDrawVert& v : t.v) {
        x0 = std::min(x0, v.pos.x), y0 = std::min(y0, v.pos.y);
        x1 = std::max(x1, v.pos.x), y1 = std::max(y1, v.pos.y);
    }
    x0 = std::max(x0, t.clip.x), y0 = std::max(y0, t.clip.y);
    x1 = std::min(x1, t.clip.z), y1 = std::min(y1, t.clip.w);
    if (x1 < x0 || y1 < y0) return;
    if (r.empty()) {
        r = {x0, y0, x1, y1};
        return;
    }
    r.x0 = std::min(r.x0, x0), r.y0 = std::min(r.y0, y0);
    r.x1 = std::max(r.x1, x1), r.y1 = std::max(r.y1, y1);
}

// The list's triangles in drawing order. A command with a callback draws what we cannot see:
// the caller then repaints everything.
bool triangles(const ImDrawList& list, std::vector<Tri>& out) {
    out.clear();
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback) return false;
        for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
            Tri t{};
            for (int k = 0; k < 3; ++k)
                t.v[k] = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)])];
            t.clip = cmd.ClipRect;
            t.texture = cmd.TextureId;
            out.push_back(t);
        }
    }
    return true;
}

// Whether `before` from i and `after` from j agree for a few triangles: where two lists are
// in step again after a difference.
bool in_step(const std::vector<Tri>& before, std::size_t i, const std::vector<Tri>& after, std::size_t j) {
    constexpr std::size_t kRun = 4;
    for (std::size_t k = 0; k < kRun; ++k) {
        if (i + k == before.size() || j + k == after.size()) return i + k == before.size() && j + k == after.size();
        if (!same(before[i + k], after[j + k])) return false;
    }
    return true;
}

// The triangles that differ between two lists, as one rectangle per run of differences: the
// lists are walked in step, and after a difference the nearest point where they are in step
// again is looked for, up to kLookAhead triangles on (a tap changes one box's colour and adds
// its mark, and enables Next: two small runs, with the unchanged boxes between them left out).
// Triangles outside every run are the same triangles in the same order in both frames, so the
// pixels outside the rectangles are too. A run with no step found takes the rest of both lists.
// The search costs at most kLookAhead^2 / 2 comparisons, most failing at the first vertex.
void diff(const std::vector<Tri>& before, const std::vector<Tri>& after, std::vector<DamageRect>& out) {
    constexpr std::size_t kLookAhead = 400;
    std::size_t i = 0, j = 0;
    while (i < before.size() || j < after.size()) {
        if (i < before.size() && j < after.size() && same(before[i], after[j])) {
            ++i, ++j;
            continue;
        }
        std::size_t skip_i = before.size() - i, skip_j = after.size() - j;
        bool found = false;
        for (std::size_t d = 1; d <= kLookAhead && !found; ++d)
            for (std::size_t a = 0; a <= d && !found; ++a)
                if (i + a <= before.size() && j + d - a <= after.size() && in_step(before, i + a, after, j + d - a)) {
                    skip_i = a, skip_j = d - a;
                    found = true;
                }
        DamageRect r;
        for (std::size_t k = i; k < i + skip_i; ++k) grow(r, before[k]);
        for (std::size_t k = j; k < j + skip_j; ++k) grow(r, after[k]);
        if (!r.empty()) out.push_back(r);
        i += skip_i, j += skip_j;
    }
}

DamageRect unite(const DamageRect& a, const DamageRect& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// Few rectangles (each is a pass over the draw lists): those that overlap or lie close enough
// that one rectangle around both shades little more are joined, and past kMostRects all are.
void simplify(std::vector<DamageRect>& rects) {
    constexpr std::size_t kMostRects = 4;
    for (bool joined = true; joined;) {
        joined = false;
        for (std::size_t a = 0; a < rects.size() && !joined; ++a)
            for (std::size_t b = a + 1; b < rects.size() && !joined; ++b)
                if (unite(rects[a], rects[b]).area() <= 1.25f * (rects[a].area() + rects[b].area())) {
                    rects[a] = unite(rects[a], rects[b]);
                    rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(b));
                    joined = true;
                }
    }
    if (rects.size() > kMostRects) {
        DamageRect all = rects[0];
        for (const DamageRect& r : rects) all = unite(all, r);
        rects = {all};
    }
}

// The renderer's scissor for a clip rectangle, in framebuffer pixels, rows counted from the top,
// half-open: computed exactly as imgui_impl_opengl3.cpp (1.86) computes it, truncations
// included, so a partial paint covers the same pixels a full paint would.
struct Scissor {
    int x0, y0, x1, y1;
};
Scissor backend_scissor(const ImVec4& clip, const ImVec2& off, const ImVec2& scale, int fb_height) {
    const ImVec2 mn((clip.x - off.x) * scale.x, (clip.y - off.y) * scale.y);
    const ImVec2 mx((clip.z - off.x) * scale.x, (clip.w - off.y) * scale.y);
    if (mx.x <= mn.x || mx.y <= mn.y) return {0, 0, 0, 0};
    const int x = static_cast<int>(mn.x), w = static_cast<int>(mx.x - mn.x);
    const int y = static_cast<int>(static_cast<float>(fb_height) - mx.y), h = static_cast<int>(mx.y - mn.y);
    return {x, fb_height - y - h, x + w, fb_height - y};
}

// A clip rectangle the renderer turns into exactly this scissor (the quarter and half pixels
// survive its truncations, and the round trip through display coordinates' rounding).
ImVec4 clip_for(const Scissor& s, const ImVec2& off, const ImVec2& scale) {
    return ImVec4((static_cast<float>(s.x0) + 0.25f) / scale.x + off.x, (static_cast<float>(s.y0) - 0.5f) / scale.y + off.y,
                  (static_cast<float>(s.x1) + 0.5f) / scale.x + off.x, (static_cast<float>(s.y1) - 0.25f) / scale.y + off.y);
}

// The damage in framebuffer pixels, widened to whole pixels.
Scissor pixels(const ImDrawData& dd, const DamageRect& rect) {
    const ImVec2 off = dd.DisplayPos, scale = dd.FramebufferScale;
    return {static_cast<int>(std::floor((rect.x0 - off.x) * scale.x)), static_cast<int>(std::floor((rect.y0 - off.y) * scale.y)),
            static_cast<int>(std::ceil((rect.x1 - off.x) * scale.x)), static_cast<int>(std::ceil((rect.y1 - off.y) * scale.y))};
}

}  // namespace

Damage DrawDamage::update(const ImDrawData& dd, bool full) {
    std::vector<List> now(static_cast<std::size_t>(dd.CmdListsCount));
    bool whole = full || now.size() != m_last.size() || dd.DisplayPos.x != m_display_pos.x ||
                 dd.DisplayPos.y != m_display_pos.y || dd.DisplaySize.x != m_display_size.x ||
                 dd.DisplaySize.y != m_display_size.y;
    for (std::size_t i = 0; i < now.size(); ++i)
        if (!triangles(*dd.CmdLists[static_cast<int>(i)], now[i].tris)) whole = true;
    std::vector<DamageRect> rects;
    if (!whole)
        for (std::size_t i = 0; i < now.size(); ++i) diff(m_last[i].tris, now[i].tris, rects);
    m_last = std::move(now);
    m_display_pos = dd.DisplayPos;
    m_display_size = dd.DisplaySize;

    const DamageRect screen{dd.DisplayPos.x, dd.DisplayPos.y, dd.DisplayPos.x + dd.DisplaySize.x,
                            dd.DisplayPos.y + dd.DisplaySize.y};
    if (whole) return {Damage::Kind::Full, {screen}, 1.0f};
    Damage damage{Damage::Kind::Partial, {}, 0.0f};
    for (const DamageRect& r : rects) {
        // Whole pixels, and one more each way: a triangle's edge is anti-aliased into the pixel
        // beside its bounding box's.
        const DamageRect px{std::max(std::floor(r.x0) - 1, screen.x0), std::max(std::floor(r.y0) - 1, screen.y0),
                            std::min(std::ceil(r.x1) + 1, screen.x1), std::min(std::ceil(r.y1) + 1, screen.y1)};
        if (!px.empty()) damage.rects.push_back(px);
    }
    simplify(damage.rects);
    if (damage.rects.empty()) return {Damage::Kind::None, {}, 0.0f};
    for (const DamageRect& r : damage.rects) damage.fraction += r.area() / screen.area();
    return damage;
}

GlBox gl_scissor(const ImDrawData& dd, const DamageRect& rect) {
    const Scissor d = pixels(dd, rect);
    const int fb_height = static_cast<int>(dd.DisplaySize.y * dd.FramebufferScale.y);
    return {d.x0, fb_height - d.y1, d.x1 - d.x0, d.y1 - d.y0};
}

void clip_draw_data(ImDrawData& dd, const DamageRect& rect) {
    const ImVec2 off = dd.DisplayPos, scale = dd.FramebufferScale;
    const int fb_height = static_cast<int>(dd.DisplaySize.y * scale.y);
    const Scissor d = pixels(dd, rect);
    for (int l = 0; l < dd.CmdListsCount; ++l)
        for (ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer) {
            const Scissor s = backend_scissor(cmd.ClipRect, off, scale, fb_height);
            const Scissor both{std::max(s.x0, d.x0), std::max(s.y0, d.y0), std::min(s.x1, d.x1), std::min(s.y1, d.y1)};
            cmd.ClipRect = (both.x1 <= both.x0 || both.y1 <= both.y0) ? ImVec4(0, 0, 0, 0) : clip_for(both, off, scale);
        }
}

}  // namespace safetynet::ui
