#pragma once
// Touch-sized widgets. Each one registers itself in the WidgetRegistry under a stable id (tests
// find it whatever the language or text size) and adds itself to the semantic tree with its role
// and its visible label as its name (assistive technology finds it the same way), draws the
// keyboard focus ring when it has the focus, and does what a tap does when it is activated
// through the tree (a screen reader's "activate", Enter or Space on its mirror in the page).
//
// [SECTION] in widgets.cpp: describing items; buttons; text; answer options and the nav bar;
// the number pad; form controls (text fields, check boxes, radios, choices, disclosures);
// layout (columns, the scrolling content, groups).
#include "ui/shell/context.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

// --- describing items

// Records where the last ImGui item was drawn under `id` (the registry tests read).
void register_last_item(Context& ctx, std::string_view id, bool enabled = true);

// Registers the last ImGui item and adds it to the semantic tree as `role` named `name`; marks it
// disabled when ImGui draws it disabled; draws the focus ring when it has the focus and scrolls it
// into view when the focus just moved to it; a press by pointer moves the focus to it. Returns the
// node, for more fields (description, value, ...).
SemanticNode& describe(Context& ctx, std::string_view id, Role role, std::string_view name, std::uint32_t states = 0);
// Whether `id` was pressed: by pointer (`pressed`, what ImGui returned) or through the tree.
bool pressed_or_activated(Context& ctx, std::string_view id, bool pressed);
// The ring, around a rectangle in screen coordinates (for widgets drawn by hand).
void draw_focus_ring(Context& ctx, ImVec2 min, ImVec2 max, float rounding);

// Marks text that is not in the screen's language (WCAG 3.1.2): `lang` when it differs.
void mark_language(Context& ctx, SemanticNode& node, std::string_view lang);

// --- right to left (Context::rtl): text drawn by hand, and the layout mirrored
//
// ImGui lays items out left to right. On a right-to-left screen each widget places itself with
// place_next() before it adds its item: the first item of a line ends at the line's right edge,
// an item put on the same line (ImGui::SameLine) goes to the left of the item before it, so a
// row of buttons, a label beside its value, a top bar read from the right (CSS direction: rtl).
// Left to right these do nothing: the layout is ImGui's.

// The size of `text` in `font`, its lines broken at `wrap_width` (0: none): the shaper's measure
// where it draws the text (a right-to-left screen, or a text with right-to-left letters), else ImGui's.
ImVec2 text_size(Context& ctx, ImFont* font, std::string_view text, float wrap_width = 0);
// Draws `text` with its top-left corner at `pos`, its lines broken at `wrap_width`, in a box
// `box_width` wide (0: the text's width): shaped where text_size() shapes it, and on a
// right-to-left screen each line against the box's right edge.
void draw_text(Context& ctx, ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text,
               float wrap_width = 0, float box_width = 0);
// Right to left: moves the cursor so that the next item, `width` wide, is placed mirrored (above).
void place_next(Context& ctx, float width);
// A group `width` wide placed by place_next(), whose own lines end at its right edge (a field's
// label above its box, a figure above its caption). end_placed_group() closes it.
void begin_placed_group(Context& ctx, float width);
void end_placed_group(Context& ctx);
// Whether an item `width` wide still fits on the last item's line: after it (right to left:
// before it) and inside the line. For "ImGui::SameLine() if it fits".
bool fits_beside_last(Context& ctx, float width);
// The room from the cursor to the line's end: the text wrap position (a column's, a card's
// edge) or the content region's; right to left, what lies before the item it follows.
float room_on_line(const Context& ctx);
// Right to left: the current table's columns shown in reverse order (the first at the right),
// their logical order (TableNextColumn, the semantic tree) kept. Call after TableSetupColumn().
void mirror_table_columns(Context& ctx);

// --- buttons

enum class ButtonStyle { Primary, Secondary, Selected };

// A button at least one touch target tall. Its ImGui id comes from `id`, not the label, so
// switching language does not reset focus or state.
bool button(Context& ctx, std::string_view id, const char* label, ButtonStyle style,
            ImVec2 size = ImVec2(0, 0));
// The width button() takes for `label` when given none (the shaper's measure where it draws it:
// Arabic letters are not in ImGui's font).
float button_width(Context& ctx, const char* label);
// An ImGui button in the current font and style, `size` (0: fit the label), its label shaped
// where text_size() shapes it, placed by place_next(); `imgui_id` is ImGui's ("###id"). True
// when pressed by pointer (the caller describes it). Never past its line's end (WCAG 1.4.10):
// to the next line when it does not fit beside the last item, at most as wide as the line, and
// a label longer than that wraps inside the button, which grows taller.
bool framed_button(Context& ctx, const std::string& imgui_id, const char* label, ImVec2 size = ImVec2(0, 0));
// A button that stays pressed while `on` (a language, a text size, high contrast).
bool toggle_button(Context& ctx, std::string_view id, const char* label, bool on, ImVec2 size = ImVec2(0, 0));
// One tab of a tab list (begin_group(..., Role::TabList, ...) around them): selected or not.
bool tab(Context& ctx, std::string_view id, const char* label, bool selected);

// --- text

// Text in `font` and `color`, wrapped at the caller's ImGui::PushTextWrapPos(); a paragraph in
// the semantic tree. `lang`: the text's language when it may differ from the screen's.
void paragraph(Context& ctx, const char* text, ImFont* font, const ImVec4& color, std::string_view lang = {});
// The same, drawn only (for text that another node already names, e.g. a field's label).
void paragraph(const char* text, ImFont* font, const ImVec4& color);
// Drawn only, by the shaper where it shapes the text (text_size()), placed mirrored where the
// flow is (place_next).
void draw_paragraph(Context& ctx, const char* text, ImFont* font, const ImVec4& color);

// A heading at `level` (1: the screen's title; 1 and 2 in the heading font, deeper ones in bold);
// registers `id` when given.
void heading(Context& ctx, const char* text, std::string_view id = {}, int level = 1);

// Centres the next item of width `width` in the current content region.
void center_next(float width);

// --- answer options and the nav bar (the kiosk)

// A full-width answer: the label left-aligned after a radio dot (single choice) or a check box
// (multi-select), drawn in the "selected" colours when chosen; mirrored in a right-to-left
// language (the mark on the right, the label right-aligned before it). A radio or a check box in
// the tree: put single-choice options in a begin_group(..., Role::RadioGroup, question) group.
bool option_button(Context& ctx, std::string_view id, const char* label, bool selected, bool multi, float width,
                   float min_height = 0, std::string_view lang = {});
// The height option_button() will take for `label` at `width`.
float option_button_height(Context& ctx, const char* label, float width);

enum class NavAction { None, Back, Next, Middle };
// The bar at the bottom of a kiosk screen: Back on the left, the main action on the right (the
// other way round in a right-to-left language), and optionally a third choice between them
// ("Prefer not to answer", a toggle), always in view. A null label hides that button. In the compact layout (a small or zoomed screen, see
// compact_layout()) the bar is not pinned: its buttons follow the content, one per row.
NavAction nav_bar(Context& ctx, const char* back_label, const char* next_label, bool next_enabled = true,
                  const char* middle_label = nullptr, bool middle_selected = false);
// The height nav_bar() takes, so a screen can leave room for it (0 in the compact layout).
float nav_bar_height(const Context& ctx);

// --- the number pad

// An on-screen number pad editing `value` (digits only, at most `max_digits`) under the visible
// label `label` (a group of that name). Digits typed on a keyboard work too. Returns true when
// the value changed.
bool numpad(Context& ctx, std::string_view id, const char* label, std::string& value, std::size_t max_digits);
bool numpad(Context& ctx, std::string_view id, std::string& value, std::size_t max_digits);

// --- form controls (the workspace; the kiosk's free-text answers)

struct TextFieldOptions {
    InputKind kind = InputKind::Text;
    float width = 0;        // 0: the rest of the line
    float height = 0;       // multi-line fields: the box's height
    const char* hint = nullptr;  // shown while empty (never instead of a label)
    bool required = false;
    bool invalid = false;
    const char* description = nullptr;  // help or the error, read after the name
    bool* submitted = nullptr;  // set when Enter is pressed in a one-line field (a form's default action)
};
// A text field with its label above it and a visible edge. It is edited through the platform's
// real text input (in the browser an <input> or <textarea> placed over it while it has the focus:
// on-screen keyboards, IME, dictation and paste work), never by drawing a caret here. The text
// arrives through the tree (SemanticActions::set_text) and is copied into `buf` (at most size-1
// bytes, cut at a UTF-8 boundary). Returns true when the text changed.
bool text_field(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size,
                const TextFieldOptions& options = {});
// Puts the next check box or radio (labelled `label`) beside the last item when it fits there
// whole, else on the next line: a label wraps at the line's end, and squeezed beside others at
// 320 px it wrapped a letter per line.
void same_line_if_fits(Context& ctx, const char* label);
// A check box with its label after it (a check box in the tree).
bool check_box(Context& ctx, std::string_view id, const char* label, bool* value);
// One radio of a group (begin_group(..., Role::RadioGroup, ...) around them). True when chosen.
bool radio(Context& ctx, std::string_view id, const char* label, bool on);
// One value among `options` (their visible texts), shown as a closed box with its label before
// it; chosen with the platform's own picker (a <select> in the browser). True when it changed.
bool choice(Context& ctx, std::string_view id, const char* label, const std::vector<std::string>& options,
            int* index, float width = 0);
// A whole number between `min` and `max`, dragged on the canvas or stepped with the arrow keys
// (a slider in the tree). `text` is what it says, e.g. "10 mi". True when it changed.
bool slider(Context& ctx, std::string_view id, const char* label, int* value, int min, int max, const char* text,
            float width = 0);
// A progress bar the width of the line, named by `label` (visible above it), with `text` as what
// it says (e.g. "40 %").
void progress_bar(Context& ctx, std::string_view id, const char* label, float fraction, const char* text);
// A cell of an ImGui table row (begin_group(..., Role::Row, ...) around a row's cells); `header`
// for a column header.
void table_cell(Context& ctx, const char* text, bool header = false);
// A button that shows or hides what follows it (aria-expanded). Returns whether it is open.
bool disclosure(Context& ctx, std::string_view id, const char* label, bool* open);

// --- layout

// Starts a centred, readable column (at most `max_width`) with text wrapping at its edge.
void begin_column(Context& ctx, float max_width = 820.0f);
void end_column();
// The width of the current column (what begin_column chose), for full-width widgets in it.
float column_width();

// Whether the screen is too small (a phone, a browser zoomed to 200-400 %) for a header and a nav
// bar that stay in place: then everything scrolls as one column (WCAG 1.4.10 reflow).
bool compact_layout(const Context& ctx);

// The scrollable part of a screen, between the header and the nav bar (which is drawn after
// end_content(), in the parent window): the page's main landmark. Dragging anywhere in it
// scrolls it, for touch (a drag that starts on a button scrolls and does not press it).
// `screen` names what is shown: when it changes the content opens scrolled to its top.
// `screen` defaults to ctx.screen.
void begin_content(Context& ctx, bool leave_room_for_nav = true, std::string_view screen = {});
void end_content(Context& ctx);
void end_content();  // the same, for screens that do not close the main landmark themselves

// A modal card centred over the screen (whatever the page's scroll): what is behind is dimmed and,
// in the tree, inert; the focus moves to its first control. The card pads its content and wraps
// text at its inner edge; it scrolls if what it holds is taller than `size`. Escape is the
// caller's to handle (Escape closes a dialog: check dialog_escape()).
void begin_dialog(Context& ctx, std::string_view id, Role role, const char* name, ImVec2 size);
void end_dialog(Context& ctx);
// Whether Escape was pressed this frame to close the dialog `id`: on the keyboard the canvas
// has, or in the page (which activates the open dialog's node).
bool dialog_escape(Context& ctx, std::string_view id);

// A semantic group around the widgets drawn until end_group(): a question's answers
// (Role::RadioGroup named by the question), a dialog, a list, a region.
void begin_group(Context& ctx, std::string_view id, Role role, std::string_view name, std::uint32_t states = 0);
void end_group(Context& ctx);

}  // namespace safetynet::ui
