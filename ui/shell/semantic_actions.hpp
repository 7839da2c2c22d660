#pragma once
// What a person asks of the widgets through the semantic tree rather than the canvas: move the
// keyboard focus, press a widget (a screen reader's "activate", Enter or Space on a focused
// button), replace a text field's text (typed, dictated or pasted into a real text input),
// choose a value, scroll an area. The platform queues the requests between frames (web/: the
// DOM mirror's event handlers); widgets take them while they draw the next frame, so a request
// runs exactly the code a tap runs.
//
// It also holds the one keyboard focus the canvas and the page share: `focused()` is the widget
// whose ring is drawn, and `focus_request()` is a move the UI wants (a dialog opening, a screen
// whose focused widget is gone), which the platform carries out and confirms with focus().
#include "ui/shell/semantic_tree.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::ui {

class SemanticActions {
public:
    SemanticActions() = default;
    ~SemanticActions() { wipe(); }
    SemanticActions(const SemanticActions&) = delete;
    SemanticActions& operator=(const SemanticActions&) = delete;

    // --- from the platform
    // The focus is on `id` now ("" = on nothing). `visible`: it got there by keyboard or
    // assistive technology, so the focus ring shows (CSS :focus-visible); not after a tap.
    void focus(std::string_view id, bool visible);
    void activate(std::string_view id);
    void set_text(std::string_view id, std::string text);
    void set_value(std::string_view id, float value);
    void scroll(std::string_view area, float y);
    // Whether a request waits for a frame (the platform draws one then).
    bool pending() const;

    // --- for the widgets
    const std::string& focused() const { return m_focused; }
    bool focus_visible() const { return m_visible; }
    bool is_focused(std::string_view id) const { return !id.empty() && m_focused == id; }
    // Whether `id` was activated since the last frame (true once).
    bool take_activation(std::string_view id);
    std::optional<std::string> take_text(std::string_view id);
    std::optional<float> take_value(std::string_view id);
    // Whether the widget `id` must scroll itself into view (the focus just moved to it): asked
    // every frame until it says it is in view (in_view) or a few frames have passed.
    bool wants_into_view(std::string_view id) const { return !id.empty() && m_scroll_into_view == id; }
    void in_view(std::string_view id) {
        if (m_scroll_into_view == id) m_scroll_into_view.clear();
    }
    // The screen changed size (a rotated tablet, a zoomed browser): the focused widget is brought
    // back into view.
    void keep_focus_in_view() {
        m_scroll_into_view = m_focused;
        m_frames_since_request = 0;
    }
    // A tap or click pressed `id`: the focus follows the pointer, without a ring.
    void pointer_focus(std::string_view id);
    // The pointer went down somewhere: no ring until the keyboard is used again.
    void hide_ring() { m_visible = false; }

    // --- for the UI: moves the focus (the platform moves the page's focus the same way)
    void request_focus(std::string_view id, bool visible = true);
    // The move the platform has not carried out yet ("" = none).
    const std::string& focus_request() const { return m_request; }
    bool focus_request_visible() const { return m_request_visible; }
    void clear_focus_request() { m_request.clear(); }

    // --- once per frame, by the App
    // The frame about to be drawn shows a new screen (the kiosk's next question): at its end the
    // focus moves to the new screen's heading even when the focused widget is still there (the
    // nav bar's Next keeps its id from screen to screen), so a keyboard or screen-reader user
    // starts reading the new screen at its top, not at the button they pressed (WCAG 2.4.3).
    void new_screen() { m_new_screen = true; }
    // Before drawing: scroll requests go to their ImGui windows.
    void apply_scrolls();
    // After the tree is published: requests nobody took are dropped (their widget is gone), and a
    // focus whose widget disappeared (a new screen) moves to the screen's first heading.
    void end_frame(const SemanticTree& tree);
    // Forgets everything queued and the focus (a kiosk session ends), overwriting typed text.
    void wipe();

private:
    std::string m_focused;
    bool m_visible = false;
    std::string m_request;
    bool m_request_visible = false;
    std::string m_scroll_into_view;
    std::map<std::string, int, std::less<>> m_activations;
    std::map<std::string, std::string, std::less<>> m_texts;
    std::map<std::string, float, std::less<>> m_values;
    std::map<std::string, float, std::less<>> m_scrolls;
    int m_frames_since_request = 0;
    bool m_new_screen = false;
};

}  // namespace safetynet::ui
