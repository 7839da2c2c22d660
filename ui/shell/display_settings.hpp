#pragma once
// How the screen looks for the person in front of it: text size and contrast. Reset to the
// defaults when a kiosk session ends, like everything else the patient chose.
#include <array>

namespace safetynet::ui {

struct DisplaySettings {
    int text_size = 0;           // index into kTextSizes
    bool high_contrast = false;
    bool language_menu_open = false;  // the kiosk header's language list, when it is folded away

    bool operator==(const DisplaySettings&) const = default;
};

// Body text in pixels for each text-size step ("A", "A+", "A++", "A+++"): up to 200 %, so text
// can be doubled on a kiosk that has no browser zoom (WCAG 1.4.4).
inline constexpr std::array<float, 4> kTextSizes{24.0f, 30.0f, 38.0f, 48.0f};

inline float ui_scale(const DisplaySettings& s) { return kTextSizes[static_cast<std::size_t>(s.text_size)] / kTextSizes[0]; }

}  // namespace safetynet::ui
