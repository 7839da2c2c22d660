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
    ImVec4 border;
    ImVec4 urgent;       // crisis messages
    ImVec4 focus;        // keyboard focus ring
};

const Palette& palette(bool high_contrast);

// Applies colours and metrics to ImGui's style; `scale` follows the text size so targets grow
// with the type (never below 48 px tall at the normal size).
void apply_theme(const Palette& p, float scale);

// The minimum touch target (WCAG 2.5.5 asks 44 px; we use 48) at `scale`.
inline float touch_target(float scale) { return 56.0f * scale; }

}  // namespace safetynet::ui
