#include "ui/shell/theme.hpp"

namespace safetynet::ui {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
    return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, a);
}

// Contrast ratios checked against WCAG 2.1 (tests/ui/shell/test_theme.cpp computes them): text on
// background 13.2:1, muted text 6.2:1, on_primary on primary 6.0:1 (AA for all text sizes);
// field borders 4.0:1 on the page and 4.4:1 on white (1.4.11 asks 3:1); the focus ring 8.6:1 on
// the page and 9.5:1 on white.
const Palette kLight{
    rgb(246, 244, 239), rgb(255, 255, 255), rgb(28, 43, 51),   rgb(78, 93, 102),
    rgb(11, 110, 110),  rgb(14, 128, 128),  rgb(8, 88, 88),    rgb(255, 255, 255),
    rgb(226, 235, 235), rgb(208, 224, 224), rgb(10, 70, 70),   rgb(11, 110, 110, 0.16f),
    rgb(196, 208, 212), rgb(110, 122, 128), rgb(179, 38, 30),  rgb(0, 61, 165),
};

// Black, white and yellow only: the palette low-vision users and kiosk glare both need.
const Palette kHighContrast{
    rgb(0, 0, 0),       rgb(0, 0, 0),       rgb(255, 255, 255), rgb(255, 255, 255),
    rgb(255, 212, 0),   rgb(255, 232, 102), rgb(230, 190, 0),   rgb(0, 0, 0),
    rgb(0, 0, 0),       rgb(40, 40, 40),    rgb(255, 255, 255), rgb(255, 212, 0, 0.35f),
    rgb(255, 255, 255), rgb(255, 255, 255), rgb(255, 110, 100), rgb(0, 200, 255),
};

}  // namespace

const Palette& palette(bool high_contrast) { return high_contrast ? kHighContrast : kLight; }

void apply_theme(const Palette& p, float scale) {
    ImGuiStyle style;
    style.WindowPadding = ImVec2(0, 0);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildRounding = 14 * scale;
    style.ChildBorderSize = 1;
    style.FrameRounding = 12 * scale;
    style.FramePadding = ImVec2(20 * scale, 12 * scale);
    // Every frame (text field, check box, slider) shows its edge, in both themes (WCAG 1.4.11).
    style.FrameBorderSize = (&p == &kHighContrast) ? 2.0f : 1.0f;
    style.ItemSpacing = ImVec2(14 * scale, 14 * scale);
    style.ItemInnerSpacing = ImVec2(10 * scale, 8 * scale);
    style.ScrollbarSize = 22 * scale;
    style.ScrollbarRounding = 11 * scale;
    style.GrabMinSize = 22 * scale;
    style.GrabRounding = 11 * scale;
    style.PopupRounding = 12 * scale;
    style.PopupBorderSize = 1;
    style.TouchExtraPadding = ImVec2(4, 4);  // fingers are less precise than mice

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.text_muted;
    c[ImGuiCol_WindowBg] = p.background;
    c[ImGuiCol_ChildBg] = p.surface;
    c[ImGuiCol_PopupBg] = p.surface;
    c[ImGuiCol_Border] = p.field_border;
    c[ImGuiCol_FrameBg] = p.surface;
    c[ImGuiCol_FrameBgHovered] = p.secondary_hover;
    c[ImGuiCol_FrameBgActive] = p.secondary_hover;
    c[ImGuiCol_Button] = p.secondary;
    c[ImGuiCol_ButtonHovered] = p.secondary_hover;
    c[ImGuiCol_ButtonActive] = p.selected;
    c[ImGuiCol_Header] = p.selected;
    c[ImGuiCol_HeaderHovered] = p.secondary_hover;
    c[ImGuiCol_HeaderActive] = p.selected;
    c[ImGuiCol_CheckMark] = p.primary;
    c[ImGuiCol_SliderGrab] = p.primary;
    c[ImGuiCol_SliderGrabActive] = p.primary_active;
    c[ImGuiCol_ScrollbarBg] = p.background;
    c[ImGuiCol_ScrollbarGrab] = p.border;
    c[ImGuiCol_ScrollbarGrabHovered] = p.text_muted;
    c[ImGuiCol_ScrollbarGrabActive] = p.text_muted;
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_PlotHistogram] = p.primary;
    // Tables (the dashboard, the measures): ImGui's defaults are a dark header for a dark theme,
    // which left the header text unreadable on ours.
    c[ImGuiCol_TableHeaderBg] = p.secondary;
    c[ImGuiCol_TableBorderStrong] = p.field_border;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableRowBg] = p.surface;
    c[ImGuiCol_TableRowBgAlt] = p.background;
    c[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);  // the focus ring is ours (widgets.cpp), not ImGui's
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.45f);
    c[ImGuiCol_TitleBg] = p.surface;
    c[ImGuiCol_TitleBgActive] = p.surface;
    ImGui::GetStyle() = style;
}

}  // namespace safetynet::ui
