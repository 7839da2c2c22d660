#pragma once
// Dear ImGui's platform backend for the browser, on Emscripten's HTML5 API (emscripten/html5.h),
// in place of SDL2 (issue 16: SDL was 67 KB of code in the kiosk's wasm and, through
// SDL_GL_GetProcAddress, pulled in Emscripten's whole table of GL functions, 44 KB of JS glue).
// The rendering stays with ImGui's own OpenGL3 backend (imgui_impl_opengl3).
//
// Implemented features, each as SDL 2.26's Emscripten driver and ImGui 1.86's imgui_impl_sdl
// did it before (so the app behaves the same):
//  [x] Mouse: position, the three buttons (a press shorter than a frame is still seen), wheel
//      (100 pixels, 3 lines or 1/80 page make one step; fractions add up), CSS cursor shapes.
//  [x] Touch: the first finger acts as the mouse. Neither touchstart nor touchmove is cancelled,
//      so the page keeps its pinch-zoom (the canvas's `touch-action: pinch-zoom`, WCAG 1.4.4);
//      touchend is, so the browser sends no mouse events of its own after a tap.
//  [x] Keyboard: ImGui 1.86's key map (io.KeysDown indexed by ImGuiKey, named by the
//      KeyboardEvent's `code`), modifiers, key repeat; typed characters (keypress) for the keys
//      that reach the canvas (digits on a kiosk question). Keys the DOM mirror (web/mirror.js)
//      keeps for its controls, Tab among them, stop before they get here; of the rest only
//      Backspace, arrows, F1-F15 and Ctrl combinations are kept from the browser.
//  [x] Window focus and blur (keys held are released on blur), resize and zoom (the canvas's
//      pixels follow its CSS size times devicePixelRatio), page visibility.
//  [ ] Clipboard: the app types through the mirror's real inputs, which have the browser's own;
//      ImGui's in-memory default serves the rest, as SDL's did.
//  [ ] Gamepads, IME positioning, pointer lock: not used.
//
// Input is queued as it arrives and applied in order by read_input(), so the frame loop can run
// an ImGui pass after each press and release (web/main.cpp).
#include <functional>
#include <vector>

namespace safetynet::web {

class ImGuiPlatform {
public:
    // Sizes the canvas (a CSS selector, "#canvas") and registers the input callbacks. Call once,
    // after ImGui::CreateContext().
    void init(const char* canvas);
    // Applies the queued input to ImGuiIO in order, calling after_event(press_or_release) after
    // each event. Returns whether there was any.
    bool read_input(const std::function<void(bool press_or_release)>& after_event);
    // Display size, framebuffer scale, time step, mouse and cursor: before ImGui::NewFrame().
    void new_frame();
    int framebuffer_width() const { return m_framebuffer_w; }
    int framebuffer_height() const { return m_framebuffer_h; }

private:
    // What the browser reported, in the order it came. A report that changes nothing (a release
    // of a key not held, a move to where the mouse is) is dropped when it comes, as SDL did.
    struct Event {
        enum class Kind { mouse_move, mouse_button, wheel, key, text, focus, window } kind;
        int a = 0, b = 0;    // mouse_move: x, y in CSS pixels; mouse_button, key: which; text: the character
        bool down = false;   // mouse_button, key: pressed; focus: gained
        bool shift = false, ctrl = false, alt = false, super = false;  // key
    };
    void apply(const Event& e);
    void resize();
    void update_cursor();

    const char* m_canvas = "#canvas";
    std::vector<Event> m_queue;
    // The state as reported so far (what a new report is compared with) ...
    int m_width = 0, m_height = 0;                  // the canvas in CSS pixels (ImGui's display size)
    int m_framebuffer_w = 0, m_framebuffer_h = 0;   // the canvas in device pixels
    double m_pixel_ratio = 1.0;
    bool m_focused = true;                          // the page has the keyboard focus
    bool m_hidden = false;
    int m_mouse_x = 0, m_mouse_y = 0;
    bool m_buttons[3] = {};
    bool m_keys[512] = {};                         // held, by key_slot() (imgui_platform.cpp)
    float m_wheel_x = 0, m_wheel_y = 0;             // the fractions of a wheel step not yet given
    bool m_finger_down = false;                     // touch: the finger acting as the mouse
    long m_finger = 0;
    // ... and as applied to ImGui.
    int m_applied_x = 0, m_applied_y = 0;
    bool m_applied_focus = true;
    bool m_held[3] = {};
    bool m_pressed[3] = {};                         // pressed since the last frame
    double m_last_time = 0;
    int m_cursor = -2;                              // the CSS cursor last set (an ImGuiMouseCursor)

    friend struct ImGuiPlatformCallbacks;
};

}  // namespace safetynet::web
