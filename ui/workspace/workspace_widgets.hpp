#pragma once
// The staff workspace's widgets: denser than the kiosk's (a clinician at a desk, a mouse and
// a keyboard), still registered under stable ids so tests click and type like a person.
#include "core/referral/referral_status.hpp"
#include "ui/shell/context.hpp"

#include <imgui.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

// A labelled one-line text field (ui/shell's text_field) taking ImGui's flags: Password makes a
// passphrase field, CharsDecimal a digits field.
bool text_field(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size,
                ImGuiInputTextFlags flags, float width = 0);
// A multi-line text field: its text wraps at the box's edge.
bool text_area(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size, float height);
// An ordinary button, registered; `enabled` false greys it out and ignores clicks.
bool small_button(Context& ctx, std::string_view id, const char* label, bool enabled = true);
// SameLine() when a button labelled `label` (in `font`, the face its label is drawn in) still
// fits on this line, else the next row: a row of buttons ran off the window in a longer
// language (issue 14's pseudo-localization).
void same_line_if_button_fits(const char* label, ImFont* font);
// A heading for a part of a screen (level 2: the screen's own title is level 1).
void section_title(Context& ctx, const char* text);
// A card: a framed child region the height of its content. end_card() closes it.
// A scrolling panel (ImGui child window) with a little room inside its left and right edges: a
// text against the edge lost the ink of its first letter to the panel's clipping (an Arabic
// heading's initial letter reaches past its advance, at the right). end_panel() closes it.
void begin_panel(Context& ctx, const char* id, ImVec2 size);
void end_panel();
void begin_card(Context& ctx, std::string_view id, const ImVec4* accent = nullptr);
void end_card();
// The colour of a referral status: green for completed, muted for the other ends, the
// primary colours while the referral is open.
ImVec4 status_color(const Palette& p, core::TaskStatus s);

// Data tables that reflow (WCAG 1.4.10): where `columns` columns would be narrower than a short
// word each (a phone, 400 % zoom), a table is drawn as a list of stacks instead, one per row:
// table_stacks() says whether, stacked_row() draws one row (its first cell as its title, then
// "column: value" for each other cell that says something; a list item in the tree).
bool table_stacks(const Context& ctx, int columns);
void stacked_row(Context& ctx, const std::vector<std::string>& headers, const std::vector<std::string>& cells);

// A coloured pill with a status or a flag ("overdue").
void badge(Context& ctx, const char* text, const ImVec4& color);

}  // namespace safetynet::ui
