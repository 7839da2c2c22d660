#include "ui/widgets.hpp"

#include <algorithm>
#include <string>

namespace safetynet::ui {

void register_last_item(Context& ctx, std::string_view id, bool enabled) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ctx.widgets.add(id, WidgetRect{min.x, min.y, max.x - min.x, max.y - min.y, enabled});
}

bool button(Context& ctx, std::string_view id, const char* label, ButtonStyle style, ImVec2 size) {
    const Palette& p = *ctx.palette;
    ImVec4 bg = p.secondary, hover = p.secondary_hover, active = p.selected, fg = p.on_secondary;
    if (style == ButtonStyle::Primary) {
        bg = p.primary, hover = p.primary_hover, active = p.primary_active, fg = p.on_primary;
    } else if (style == ButtonStyle::Selected) {
        bg = p.primary_active, hover = p.primary_active, active = p.primary_active, fg = p.on_primary;
    }
    size.y = std::max(size.y, touch_target(ctx.scale));
    ImGui::PushStyleColor(ImGuiCol_Button, bg);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::PushFont(ctx.fonts.bold);
    const std::string imgui_label = std::string(label) + "###" + std::string(id);
    const bool pressed = ImGui::Button(imgui_label.c_str(), size);
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    register_last_item(ctx, id);
    return pressed;
}

void paragraph(const char* text, ImFont* font, const ImVec4& color) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void center_next(float width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
}

}  // namespace safetynet::ui
