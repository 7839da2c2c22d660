#pragma once
// What part of the screen a frame changed since the last painted one (issue 16: a tap's paint).
//
// ImGui rebuilds every draw list every frame, and a renderer that paints them all shades the
// whole screen for a tap that changes one answer box. In software WebGL (SwiftShader: a device
// without a GPU) that shading is most of the time from a tap to its paint. DrawDamage compares
// a frame's draw data with the last painted frame's, primitive by primitive, and gives the
// rectangles the changes cover; the platform repaints only those (a scissor each) over the last
// frame's pixels, and nothing at all when nothing changed.
//
// Exact by construction: a pixel can only differ between two frames if a triangle covering it
// differs (its vertices, its indices, its clip rectangle or texture), and every differing
// triangle, old and new, lies inside a rectangle returned. So the partial paint of a frame
// has the same pixels as a full paint of it (tests/e2e/redraw.e2e.mjs compares the two).
#include <imgui.h>

#include <vector>

namespace safetynet::ui {

// A rectangle in ImGui's display coordinates (what ImDrawCmd::ClipRect uses).
struct DamageRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    float area() const { return empty() ? 0.0f : (x1 - x0) * (y1 - y0); }
};

struct Damage {
    enum class Kind { None, Partial, Full };
    Kind kind = Kind::Full;
    std::vector<DamageRect> rects;  // Partial: what to repaint (apart); Full: the whole display
    // The part of the screen to repaint, 0..1 (for the test surface and bench/kiosk).
    float fraction = 1.0f;
};

class DrawDamage {
public:
    // Compares `dd` with the frame last given here and keeps `dd` for the next call. `full`:
    // the renderer lost what it painted (the first frame, a new canvas size, a font texture
    // uploaded again): the whole display is damaged.
    Damage update(const ImDrawData& dd, bool full);

public:
    // One triangle as the renderer draws it: its three vertices and the state it is drawn with.
    struct Tri {
        ImDrawVert v[3];
        ImVec4 clip;
        ImTextureID texture;
    };

private:
    struct List {
        std::vector<Tri> tris;
    };
    std::vector<List> m_last;
    ImVec2 m_display_pos{0, 0};
    ImVec2 m_display_size{0, 0};
};

// Limits every command of `dd` to `rect` (their clip rectangles intersected), so a renderer
// draws only inside it. Commands left with nothing to draw get an empty clip rectangle.
void clip_draw_data(ImDrawData& dd, const DamageRect& rect);

// `rect` in framebuffer pixels, widened to whole pixels, as glScissor takes it (y from the
// bottom): where the renderer clears before a partial paint.
struct GlBox {
    int x, y, w, h;
};
GlBox gl_scissor(const ImDrawData& dd, const DamageRect& rect);

}  // namespace safetynet::ui
