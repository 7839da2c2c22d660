#pragma once
// Touch-sized widgets that register themselves in the WidgetRegistry under a stable id, so
// tests find them by name whatever the language or text size.
#include "ui/shell/context.hpp"

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

namespace safetynet::ui {

// A full-width answer button: the label left-aligned after a radio dot (single choice) or a
// check box (multi-select), drawn in the "selected" colours when chosen.
bool option_button(Context& ctx, std::string_view id, const char* label, bool selected, bool multi, float width,
                   float min_height = 0);
// The height option_button() will take for `label` at `width`.
float option_button_height(Context& ctx, const char* label, float width);

enum class NavAction { None, Back, Next, Middle };
// The bar at the bottom of a kiosk screen: Back on the left, the main action on the right,
// and optionally a third choice between them ("Prefer not to answer"), always in view.
// A null label hides that button.
NavAction nav_bar(Context& ctx, const char* back_label, const char* next_label, bool next_enabled = true,
                  const char* middle_label = nullptr, bool middle_selected = false);
// The height nav_bar() takes, so a screen can leave room for it.
float nav_bar_height(const Context& ctx);

// Starts a centred, readable column (at most `max_width`) with text wrapping at its edge.
void begin_column(Context& ctx, float max_width = 820.0f);
void end_column();
// The width of the current column (what begin_column chose), for full-width widgets in it.
float column_width();

// A heading in the heading font; returns nothing, registers `id` when given.
void heading(Context& ctx, const char* text, std::string_view id = {});

// An on-screen number pad editing `value` (digits only, at most `max_digits`). Digits typed on
// a keyboard work too. Returns true when the value changed.
bool numpad(Context& ctx, std::string_view id, std::string& value, std::size_t max_digits);

}  // namespace safetynet::ui

namespace safetynet::ui {
// The scrollable part of a screen, between the header and the nav bar (which is drawn after
// end_content(), in the parent window). Dragging on an empty part scrolls it, for touch.
void begin_content(Context& ctx, bool leave_room_for_nav = true);
void end_content();
}  // namespace safetynet::ui
