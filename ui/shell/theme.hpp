#pragma once
// The SafetyNet look: a calm light theme and a high-contrast theme, sized for touch.
#include <imgui.h>

namespace safetynet::ui {

struct Palette {
    ImVec4 background;   // the page
    ImVec4 surface;      // cards and panels
    ImVec4 text;
    ImVec4 text_muted;
    ImVec4 primary;      // the one action we want on a screen
    ImVec4 primary_hover;
    ImVec4 primary_active;
    ImVec4 on_primary;   // text on primary
    ImVec4 secondary;    // other buttons
    ImVec4 secondary_hover;
    ImVec4 on_secondary;
    ImVec4 selected;     // a chosen answer / the current language
    ImVec4 border;       // separators and card edges (decoration)
    ImVec4 field_border; // the edge of a control a person must find: text fields, check boxes,
                         // radios, answer cards (WCAG 1.4.11: at least 3:1 against what is around)
    ImVec4 urgent;       // crisis messages
    ImVec4 focus;        // keyboard focus ring, drawn apart from the widget (at least 3:1 against
                         // the page and the surface on both of its sides)
};

const Palette& palette(bool high_contrast);

// Applies colours and metrics to ImGui's style; `scale` follows the text size so targets grow
// with the type (never below 48 px tall at the normal size).
void apply_theme(const Palette& p, float scale);

// The minimum touch target (WCAG 2.5.5 asks 44 px; we use 48) at `scale`.
inline float touch_target(float scale) { return 56.0f * scale; }
// The smallest control height in the denser staff workspace: still 48 px (WCAG 2.5.5).
inline float small_target(float scale) { return 48.0f * scale; }

// The keyboard focus ring: a band of `focus` colour drawn `focus_gap` outside the widget, so the
// page's own colour lies on both sides of it whatever the widget's fill (WCAG 2.4.7, 1.4.11).
// Gap + width stay within half the item spacing, so a ring never touches a neighbour.
inline float focus_gap(float scale) { return 3.0f * scale; }
inline float focus_width(float scale) { return 3.0f * scale; }

}  // namespace safetynet::ui
