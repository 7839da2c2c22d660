#include "web/imgui_platform.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>

// [SECTION] The browser's reports (callbacks of emscripten/html5.h)
// [SECTION] Applying them to ImGui
// [SECTION] Each frame: size, time, mouse, cursor

extern "C" void safetynet_js_set_cursor(const char* css_cursor);

namespace safetynet::web {

namespace {

// KeyboardEvent.code (UI Events KeyboardEvent code values) -> ImGui 1.86's named keys. The
// physical key, not the layout's character: what SDL's scancodes were. io.KeysDown is indexed by
// ImGuiKey itself (io.KeyMap[k] = k).
constexpr std::pair<const char*, ImGuiKey> kKeys[] = {
    {"Tab", ImGuiKey_Tab},           {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},   {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home},           {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert},     {"Delete", ImGuiKey_Delete},       {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space},       {"Enter", ImGuiKey_Enter},         {"Escape", ImGuiKey_Escape},
    {"NumpadEnter", ImGuiKey_KeyPadEnter},
    {"KeyA", ImGuiKey_A}, {"KeyC", ImGuiKey_C}, {"KeyV", ImGuiKey_V},
    {"KeyX", ImGuiKey_X}, {"KeyY", ImGuiKey_Y}, {"KeyZ", ImGuiKey_Z},
};

// The slot in ImGuiPlatform::m_keys of a KeyboardEvent.code: ImGui's named keys first, then any
// other key (Shift, a digit) in a slot of its own, tracked so that its press and release count
// as input as SDL's did (the modifiers change, the idle timer restarts). -1: no code.
int key_slot(const char* code) {
    for (const auto& [name, key] : kKeys)
        if (std::strcmp(code, name) == 0) return key;
    if (code[0] == '\0') return -1;
    unsigned int h = 2166136261u;  // FNV-1a: the codes are a few dozen short names
    for (const char* c = code; *c; ++c) h = (h ^ static_cast<unsigned char>(*c)) * 16777619u;
    return ImGuiKey_COUNT + static_cast<int>(h % (512u - ImGuiKey_COUNT));
}

// Keys whose default the browser must not act on even while typing is allowed: Backspace
// (history back in older browsers), arrows (scrolling), function keys, Ctrl combinations. The
// rule SDL 2.26's Emscripten driver kept (SDL_emscriptenevents.c, Emscripten_HandleKey).
bool is_navigation_key(const EmscriptenKeyboardEvent& e) {
    static constexpr const char* kCodes[] = {"Backspace", "Tab", "ArrowLeft", "ArrowUp", "ArrowRight", "ArrowDown"};
    for (const char* c : kCodes)
        if (std::strcmp(e.code, c) == 0) return true;
    if (e.code[0] == 'F' && e.code[1] >= '1' && e.code[1] <= '9') {  // F1-F15
        const int n = std::atoi(e.code + 1);
        if (n >= 1 && n <= 15 && std::strlen(e.code) <= 3) return true;
    }
    return e.ctrlKey != 0;
}

// DOM wheel deltas to wheel steps: 100 pixels, 3 lines or 1/80 of a page make one (SDL's figures;
// a mouse wheel's notch is about 100 pixels in Chromium and Firefox).
float wheel_steps(double delta, unsigned long mode) {
    switch (mode) {
        case DOM_DELTA_PIXEL: return static_cast<float>(delta / 100.0);
        case DOM_DELTA_LINE: return static_cast<float>(delta / 3.0);
        case DOM_DELTA_PAGE: return static_cast<float>(delta * 80.0);
        default: return static_cast<float>(delta);
    }
}

// Whole steps out of an accumulated wheel, the fraction kept for the next report; a turn the
// other way drops what was kept.
int take_steps(float& accumulated, float delta) {
    if ((delta > 0 && accumulated < 0) || (delta < 0 && accumulated > 0)) accumulated = 0;
    accumulated += delta;
    const int whole = static_cast<int>(accumulated > 0 ? std::floor(accumulated) : std::ceil(accumulated));
    accumulated -= static_cast<float>(whole);
    return whole;
}

const char* css_cursor(ImGuiMouseCursor c) {
    switch (c) {
        case ImGuiMouseCursor_None: return "none";
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// [SECTION] The browser's reports (callbacks of emscripten/html5.h)
// Each returns whether the browser's default action is cancelled.
struct ImGuiPlatformCallbacks {
    using P = ImGuiPlatform;
    using Kind = P::Event::Kind;

    static void move(P& p, int x, int y) {
        if (x == p.m_mouse_x && y == p.m_mouse_y) return;
        p.m_mouse_x = x;
        p.m_mouse_y = y;
        p.m_queue.push_back({Kind::mouse_move, x, y});
    }
    static void button(P& p, int which, bool down) {
        if (p.m_buttons[which] == down) return;
        p.m_buttons[which] = down;
        p.m_queue.push_back({Kind::mouse_button, which, 0, down});
    }

    static EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void* self) {
        move(*static_cast<P*>(self), static_cast<int>(e->targetX), static_cast<int>(e->targetY));
        return EM_FALSE;
    }
    // Leaving or entering the canvas (onto a text field of the mirror, which takes the pointer)
    // moves the mouse to where it crossed the edge.
    static EM_BOOL on_mouse_cross(int, const EmscriptenMouseEvent* e, void* self) {
        move(*static_cast<P*>(self), static_cast<int>(e->targetX), static_cast<int>(e->targetY));
        return EM_FALSE;
    }
    // Pressed on the canvas, released anywhere in the page. The DOM's buttons 0, 1, 2 are left,
    // middle, right; ImGui's 0, 1, 2 are left, right, middle.
    static EM_BOOL on_mouse_button(int type, const EmscriptenMouseEvent* e, void* self) {
        static constexpr int kImGuiButton[] = {0, 2, 1};
        if (e->button > 2) return EM_FALSE;
        P& p = *static_cast<P*>(self);
        button(p, kImGuiButton[e->button], type == EMSCRIPTEN_EVENT_MOUSEDOWN);
        // Cancelled over the canvas: a press there neither selects page text nor moves the focus
        // out of the mirror.
        double w = 0, h = 0;
        emscripten_get_element_css_size(p.m_canvas, &w, &h);
        return e->targetX >= 0 && e->targetX < w && e->targetY >= 0 && e->targetY < h;
    }
    static EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void* self) {
        P& p = *static_cast<P*>(self);
        const float x = static_cast<float>(e->deltaX);  // as SDL passed it: not scaled
        const float y = -wheel_steps(e->deltaY, e->deltaMode);
        if (x == 0 && y == 0) return EM_TRUE;
        P::Event ev{Kind::wheel};
        ev.a = take_steps(p.m_wheel_x, x);
        ev.b = take_steps(p.m_wheel_y, y);
        p.m_queue.push_back(ev);
        return EM_TRUE;
    }

    // The first finger down is the mouse until it lifts; other fingers (a pinch) are left to the
    // browser. touchstart and touchmove are never cancelled: that would stop the page's
    // pinch-zoom. touchend and touchcancel are, or the browser would follow a tap with mouse
    // events of its own (a second press).
    static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* self) {
        P& p = *static_cast<P*>(self);
        const bool start = type == EMSCRIPTEN_EVENT_TOUCHSTART, moved = type == EMSCRIPTEN_EVENT_TOUCHMOVE;
        for (int i = 0; i < e->numTouches; ++i) {
            const EmscriptenTouchPoint& t = e->touches[i];
            if (!t.isChanged) continue;
            const int x = std::clamp(static_cast<int>(t.targetX), 0, std::max(0, p.m_width - 1));
            const int y = std::clamp(static_cast<int>(t.targetY), 0, std::max(0, p.m_height - 1));
            if (start && !p.m_finger_down) {
                p.m_finger_down = true;
                p.m_finger = t.identifier;
                move(p, x, y);
                button(p, 0, true);
            } else if (p.m_finger_down && t.identifier == p.m_finger) {
                if (moved) {
                    move(p, x, y);
                } else if (!start) {
                    p.m_finger_down = false;
                    button(p, 0, false);
                }
            }
        }
        return start || moved ? EM_FALSE : EM_TRUE;
    }

    static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* self) {
        P& p = *static_cast<P*>(self);
        const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
        const int key = key_slot(e->code);
        if (key >= 0 && (down || p.m_keys[key])) {  // a release of a key not held changes nothing
            p.m_keys[key] = down;
            P::Event ev{Kind::key, key, 0, down};
            ev.shift = e->shiftKey;
            ev.ctrl = e->ctrlKey;
            ev.alt = e->altKey;
            ev.super = e->metaKey;
            p.m_queue.push_back(ev);
        }
        // A keydown that may type is left to the browser, or no keypress follows.
        return !(down && !is_navigation_key(*e));
    }
    // Characters typed with the focus outside the mirror's text fields (digits answering a kiosk
    // question). Control characters (Enter's 13) are keys, not text.
    static EM_BOOL on_key_press(int, const EmscriptenKeyboardEvent* e, void* self) {
        const unsigned long c = e->charCode;
        if (c >= 0x20 && c != 0x7f && c <= 0x10ffff)
            static_cast<P*>(self)->m_queue.push_back({Kind::text, static_cast<int>(c)});
        return EM_TRUE;
    }

    // Blur: the keys held are released (their keyup goes elsewhere), and ImGui loses its hover.
    static EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void* self) {
        P& p = *static_cast<P*>(self);
        const bool gained = type == EMSCRIPTEN_EVENT_FOCUS;
        if (!gained)
            for (int k = 0; k < 512; ++k)
                if (p.m_keys[k]) {
                    p.m_keys[k] = false;
                    p.m_queue.push_back({Kind::key, k, 0, false});
                }
        if (gained == p.m_focused) return EM_FALSE;
        p.m_focused = gained;
        p.m_queue.push_back({Kind::focus, 0, 0, gained});
        return EM_FALSE;
    }
    static EM_BOOL on_resize(int, const EmscriptenUiEvent*, void* self) {
        static_cast<P*>(self)->resize();
        return EM_FALSE;
    }
    static EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* e, void* self) {
        P& p = *static_cast<P*>(self);
        if (p.m_hidden != static_cast<bool>(e->hidden)) {
            p.m_hidden = e->hidden;
            p.m_queue.push_back({Kind::window});
        }
        return EM_FALSE;
    }
};

void ImGuiPlatform::init(const char* canvas) {
    m_canvas = canvas;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "safetynet_web";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k;
    resize();
    m_queue.clear();  // the first size is no input
    EmscriptenVisibilityChangeEvent visibility{};
    if (emscripten_get_visibility_status(&visibility) == EMSCRIPTEN_RESULT_SUCCESS) m_hidden = visibility.hidden;
    using C = ImGuiPlatformCallbacks;
    // As SDL registered them: the mouse on the canvas but its release anywhere in the page, keys
    // on the window (after web/mirror.js's capturing handler, which keeps its controls' keys).
    emscripten_set_mousemove_callback(canvas, this, EM_FALSE, C::on_mouse_move);
    emscripten_set_mousedown_callback(canvas, this, EM_FALSE, C::on_mouse_button);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_FALSE, C::on_mouse_button);
    emscripten_set_mouseenter_callback(canvas, this, EM_FALSE, C::on_mouse_cross);
    emscripten_set_mouseleave_callback(canvas, this, EM_FALSE, C::on_mouse_cross);
    emscripten_set_wheel_callback(canvas, this, EM_FALSE, C::on_wheel);
    emscripten_set_touchstart_callback(canvas, this, EM_FALSE, C::on_touch);
    emscripten_set_touchmove_callback(canvas, this, EM_FALSE, C::on_touch);
    emscripten_set_touchend_callback(canvas, this, EM_FALSE, C::on_touch);
    emscripten_set_touchcancel_callback(canvas, this, EM_FALSE, C::on_touch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_key);
    emscripten_set_keypress_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_key_press);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_focus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_focus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, C::on_resize);
    emscripten_set_visibilitychange_callback(this, EM_FALSE, C::on_visibility);
}

// The canvas's pixels are its CSS size times devicePixelRatio (a zoom changes the ratio and fires
// resize), so the UI is drawn sharp at any zoom; ImGui works in CSS pixels.
void ImGuiPlatform::resize() {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(m_canvas, &css_w, &css_h);
    const double ratio = emscripten_get_device_pixel_ratio();
    const int fb_w = static_cast<int>(css_w * ratio), fb_h = static_cast<int>(css_h * ratio);
    const int w = static_cast<int>(css_w), h = static_cast<int>(css_h);
    // Setting a canvas's size clears it, even to the size it has: only when it changes.
    int now_w = 0, now_h = 0;
    emscripten_get_canvas_element_size(m_canvas, &now_w, &now_h);
    if (now_w != fb_w || now_h != fb_h) emscripten_set_canvas_element_size(m_canvas, fb_w, fb_h);
    if (w == m_width && h == m_height && ratio == m_pixel_ratio) return;
    m_width = w;
    m_height = h;
    m_pixel_ratio = ratio;
    emscripten_get_canvas_element_size(m_canvas, &m_framebuffer_w, &m_framebuffer_h);
    m_queue.push_back({Event::Kind::window});
}

// ------------------------------------------------------------------------------------------------
// [SECTION] Applying them to ImGui
bool ImGuiPlatform::read_input(const std::function<void(bool)>& after_event) {
    // Taken out first: a pass run by after_event may make the page report more (a focus moved by
    // the mirror), which waits for the next frame.
    std::vector<Event> events;
    events.swap(m_queue);
    for (const Event& e : events) {
        apply(e);
        after_event(e.kind == Event::Kind::mouse_button || e.kind == Event::Kind::key);
    }
    return !events.empty();
}

void ImGuiPlatform::apply(const Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    switch (e.kind) {
        case Event::Kind::mouse_move:
            m_applied_x = e.a;
            m_applied_y = e.b;
            break;
        case Event::Kind::mouse_button:
            m_held[e.a] = e.down;
            if (e.down) m_pressed[e.a] = true;
            break;
        case Event::Kind::wheel:
            // One step a report, whatever its size, as imgui_impl_sdl counted them.
            if (e.a != 0) io.MouseWheelH += e.a > 0 ? 1.0f : -1.0f;
            if (e.b != 0) io.MouseWheel += e.b > 0 ? 1.0f : -1.0f;
            break;
        case Event::Kind::key:
            if (e.a < ImGuiKey_COUNT) io.KeysDown[e.a] = e.down;
            io.KeyShift = e.shift;
            io.KeyCtrl = e.ctrl;
            io.KeyAlt = e.alt;
            io.KeySuper = e.super;
            break;
        case Event::Kind::text: io.AddInputCharacter(static_cast<unsigned int>(e.a)); break;
        case Event::Kind::focus:
            m_applied_focus = e.down;
            io.AddFocusEvent(e.down);
            break;
        case Event::Kind::window: break;  // input all the same: the idle timer starts again
    }
}

// ------------------------------------------------------------------------------------------------
// [SECTION] Each frame: size, time, mouse, cursor
void ImGuiPlatform::new_frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
    if (m_width > 0 && m_height > 0)
        io.DisplayFramebufferScale = ImVec2(static_cast<float>(m_framebuffer_w) / static_cast<float>(m_width),
                                            static_cast<float>(m_framebuffer_h) / static_cast<float>(m_height));
    const double now = emscripten_get_now() / 1000.0;
    io.DeltaTime = m_last_time > 0 ? static_cast<float>(now - m_last_time) : 1.0f / 60.0f;
    m_last_time = now;

    // A press and its release within one frame still show as a press for that frame.
    for (int b = 0; b < 3; ++b) {
        io.MouseDown[b] = m_pressed[b] || m_held[b];
        m_pressed[b] = false;
    }
    // Without the page's focus the mouse is nowhere (no hover left behind), as with SDL.
    io.MousePos = m_applied_focus ? ImVec2(static_cast<float>(m_applied_x), static_cast<float>(m_applied_y))
                                  : ImVec2(-FLT_MAX, -FLT_MAX);
    update_cursor();
    // ImGui 1.86 only ever sets navigation inputs; the backend clears them each frame.
    std::memset(io.NavInputs, 0, sizeof(io.NavInputs));
}

// The shape ImGui asked for in the last frame, as the canvas's CSS cursor; written only when it
// changes (a style write is not free).
void ImGuiPlatform::update_cursor() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.ConfigFlags & ImGuiConfigFlags_NoMouseCursorChange) return;
    const ImGuiMouseCursor cursor = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
    if (cursor == m_cursor) return;
    m_cursor = cursor;
    safetynet_js_set_cursor(css_cursor(cursor));
}

}  // namespace safetynet::web
