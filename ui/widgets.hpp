#pragma once
// Touch-sized widgets that register themselves in the WidgetRegistry under a stable id, so
// tests find them by name whatever the language or text size.
#include "ui/context.hpp"

#include <imgui.h>

#include <string_view>

namespace safetynet::ui {

enum class ButtonStyle { Primary, Secondary, Selected };

// Records where the last ImGui item was drawn under `id`.
void register_last_item(Context& ctx, std::string_view id, bool enabled = true);

// A button at least one touch target tall. Its ImGui id comes from `id`, not the label, so
// switching language does not reset focus or state.
bool button(Context& ctx, std::string_view id, const char* label, ButtonStyle style,
            ImVec2 size = ImVec2(0, 0));

// Text in `font` and `color`, wrapped at the caller's ImGui::PushTextWrapPos().
void paragraph(const char* text, ImFont* font, const ImVec4& color);

// Centres the next item of width `width` in the current content region.
void center_next(float width);

}  // namespace safetynet::ui
