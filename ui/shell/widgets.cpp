#include "ui/shell/widgets.hpp"

#include "ui/shell/text_shaper.hpp"

#include <imgui_internal.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace safetynet::ui {

// [SECTION] Describing items

void register_last_item(Context& ctx, std::string_view id, bool enabled) {
    // Only the part a person can see and touch: a widget scrolled out of its panel is not
    // there for them, so it is not there for a test either.
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
    const ImVec2 min(std::max(ImGui::GetItemRectMin().x, clip_min.x), std::max(ImGui::GetItemRectMin().y, clip_min.y));
    const ImVec2 max(std::min(ImGui::GetItemRectMax().x, clip_max.x), std::min(ImGui::GetItemRectMax().y, clip_max.y));
    if (max.x <= min.x || max.y <= min.y) return;
    const ImVec2 size = ImGui::GetItemRectSize();
    ctx.widgets.add(id, WidgetRect{min.x, min.y, max.x - min.x, max.y - min.y, enabled, size.x, size.y});
}

namespace {
bool last_item_disabled() { return (ImGui::GetCurrentContext()->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0; }
}  // namespace

// Scrolls the current window (and its parents) until `rect` is in view, once the focus moved to
// `id`. Asked again each frame until it is: ImGui 1.86 rounds positions toward zero, so lines
// scrolled above the top move by a pixel and one scroll can land a little short.
void bring_into_view(Context& ctx, std::string_view id, const ImRect& rect) {
    if (!ctx.actions.wants_into_view(id)) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    bool visible = true;
    for (ImGuiWindow* v = w; v && visible; v = (v->Flags & ImGuiWindowFlags_ChildWindow) ? v->ParentWindow : nullptr) {
        const ImRect clip = v->InnerRect;
        const bool fits = rect.GetHeight() <= clip.GetHeight();
        visible = rect.Min.y >= clip.Min.y - 0.5f && (fits ? rect.Max.y <= clip.Max.y + 0.5f : rect.Min.y < clip.Max.y);
    }
    if (visible) ctx.actions.in_view(id);
    else ImGui::ScrollToRect(w, rect);
}

void draw_focus_ring(Context& ctx, ImVec2 min, ImVec2 max, float rounding) {
    const float gap = focus_gap(ctx.scale), width = focus_width(ctx.scale);
    const float out = gap + width * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = dl->GetClipRectMin(), clip_max = dl->GetClipRectMax();
    const float ext = gap + width;
    dl->PushClipRect(ImVec2(clip_min.x - ext, clip_min.y - ext), ImVec2(clip_max.x + ext, clip_max.y + ext), false);
    dl->AddRect(ImVec2(min.x - out, min.y - out), ImVec2(max.x + out, max.y + out), ImGui::GetColorU32(ctx.palette->focus),
                rounding + out, 0, width);
    dl->PopClipRect();
}

SemanticNode& describe(Context& ctx, std::string_view id, Role role, std::string_view name, std::uint32_t states) {
    const bool disabled = last_item_disabled();
    register_last_item(ctx, id, !disabled);
    SemanticNode& node = ctx.semantics.add_item(id, role, name, states | (disabled ? kDisabled : 0u));
    const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    bring_into_view(ctx, id, rect);
    if (disabled || !is_interactive(role)) return node;
    if (ImGui::IsItemActivated()) ctx.actions.pointer_focus(id);
    if (ctx.actions.is_focused(id) && ctx.actions.focus_visible())
        draw_focus_ring(ctx, rect.Min, rect.Max, ImGui::GetStyle().FrameRounding);
    return node;
}

bool pressed_or_activated(Context& ctx, std::string_view id, bool pressed) {
    const bool activated = ctx.actions.take_activation(id);
    if (last_item_disabled()) return false;
    return pressed || activated;
}

void mark_language(Context& ctx, SemanticNode& node, std::string_view lang) {
    if (!lang.empty() && lang != ctx.i18n.language()) node.lang.assign(lang);
}

// [SECTION] Buttons

namespace {

// The program's shaper (ui/shell/shaped_text.hpp), where it has one, draws the text of a
// right-to-left screen and any text with right-to-left letters (a language's own name in the
// picker); otherwise ImGui draws it.
ShapedText* shaper(const Context& ctx, std::string_view text) {
    return ctx.shaped && (ctx.rtl || has_rtl_letters(text)) ? ctx.shaped : nullptr;
}

// A shaped label centred in the last item's rectangle, in the current text colour.
void draw_shaped_label(ShapedText& shaped, ImFont* font, const char* label) {
    const ImVec2 size = shaped.measure(font, label, 0);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    shaped.draw(ImGui::GetWindowDrawList(), font,
                ImVec2(std::floor(min.x + (max.x - min.x - size.x) * 0.5f), std::floor(min.y + (max.y - min.y - size.y) * 0.5f)),
                ImGui::GetColorU32(ImGuiCol_Text), label, 0, 0);
}

// Where the current line starts and ends (screen x): ImGui's next-line position (ImGui::ItemSize)
// and the text wrap position, else the content region's edge (a table cell's inside a table).
float line_left() {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    return std::floor(w->Pos.x + w->DC.Indent.x + w->DC.ColumnsOffset.x);
}
float line_right() {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float edge = ImGui::GetContentRegionMaxAbs().x;
    return w->DC.TextWrapPos > 0 ? std::min(edge, w->Pos.x - w->Scroll.x + w->DC.TextWrapPos) : edge;
}
// ImGui::NewLine() after ImGui::SameLine(), without counting the spacing SameLine() left after
// the last item as content: near the line's end that reached past the window's edge and let it
// scroll sideways.
void new_line() {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float max_x = w->DC.CursorMaxPos.x;
    ImGui::NewLine();
    w->DC.CursorMaxPos.x = max_x;
}
// The room from the cursor to the line's end, left to right.
float room_on_line_ltr() { return std::min(ImGui::GetContentRegionAvail().x, line_right() - ImGui::GetCursorScreenPos().x); }
// Whether ImGui::SameLine() was called since the last item: the cursor is on that item's line,
// past the line's start.
bool on_same_line() {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    return w->DC.CursorPos.y == w->DC.CursorPosPrevLine.y && w->DC.CursorPos.x > line_left();
}

// The room left on the current line for the next item: right to left, mirrored, what lies
// between the line's start and the item before it (or the line's end); else ImGui's.
float line_avail(const Context& ctx) {
    if (!ctx.mirrored()) return ImGui::GetContentRegionAvail().x;
    const float right = on_same_line() ? ImGui::GetItemRectMin().x - ImGui::GetStyle().ItemSpacing.x : line_right();
    return right - line_left();
}

}  // namespace

ImVec2 text_size(Context& ctx, ImFont* font, std::string_view text, float wrap_width) {
    if (ShapedText* shaped = shaper(ctx, text)) return shaped->measure(font, text, wrap_width);
    ImVec2 size = font->CalcTextSizeA(font_px(font), FLT_MAX, wrap_width, text.data(), text.data() + text.size());
    size.x = IM_FLOOR(size.x + 0.99999f);  // as ImGui::CalcTextSize rounds it
    return size;
}

void draw_text(Context& ctx, ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text, float wrap_width,
               float box_width) {
    ShapedText* shaped = shaper(ctx, text);
    // One line on a right-to-left screen starts at the box's right edge whatever its own direction
    // (CSS text-align: start under dir="rtl"): a Latin name in a field, a date in a cell.
    if (ctx.rtl && box_width > 0 && (wrap_width == 0 || !shaped)) {
        pos.x += std::max(0.0f, box_width - text_size(ctx, font, text, wrap_width).x);
        box_width = 0;
    }
    if (shaped) return shaped->draw(dl, font, pos, color, text, wrap_width, box_width);
    dl->AddText(font, font_px(font), pos, color, text.data(), text.data() + text.size(), wrap_width);
}

void place_next(Context& ctx, float width) {
    if (!ctx.mirrored()) return;
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float right = on_same_line() ? ImGui::GetItemRectMin().x - ImGui::GetStyle().ItemSpacing.x : line_right();
    w->DC.CursorPos.x = std::max(line_left(), std::floor(right - width));
}

void begin_placed_group(Context& ctx, float width) {
    // A pixel to spare: `width` is a text's measure, and the text wrapped at exactly that width
    // broke a word ("متأخرة" under a dashboard figure) on rounding.
    width = std::ceil(width) + 1.0f;
    place_next(ctx, width);
    ImGui::BeginGroup();
    if (ctx.mirrored()) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
}

void end_placed_group(Context& ctx) {
    if (ctx.mirrored()) ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

bool fits_beside_last(Context& ctx, float width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (ctx.mirrored()) return ImGui::GetItemRectMin().x - spacing - width >= line_left();
    return ImGui::GetItemRectMax().x + spacing + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
}

void mirror_table_columns(Context& ctx) {
    ImGuiTable* table = ImGui::GetCurrentTable();
    if (!table) return;
    // The order ImGui lays the columns out in (what a person's reordering changes, ImGui's
    // TableUpdateLayout reads it on the first row): reversed right to left.
    for (int n = 0; n < table->ColumnsCount; ++n) {
        const int order = ctx.mirrored() ? table->ColumnsCount - 1 - n : n;
        table->Columns[n].DisplayOrder = static_cast<ImGuiTableColumnIdx>(order);
        table->DisplayOrderToIndex[order] = static_cast<ImGuiTableColumnIdx>(n);
    }
}

float room_on_line(const Context& ctx) { return ctx.mirrored() ? line_avail(ctx) : room_on_line_ltr(); }

namespace {

// WCAG 1.4.10 (reflow at 320 CSS px): an item `width` wide that no longer fits beside the one
// before it goes to the next line (as inline boxes do), and one wider than a whole line is
// narrowed to it (a fixed width is min(fixed, available)). Returns the width to draw it at.
float fit_on_line(const Context& ctx, float width) {
    if (on_same_line() && width > room_on_line(ctx) + 0.5f) new_line();
    return std::min(width, std::max(std::floor(room_on_line(ctx)), 1.0f));
}

}  // namespace

bool framed_button(Context& ctx, const std::string& imgui_id, const char* label, ImVec2 size) {
    ImFont* font = ImGui::GetFont();
    ShapedText* shaped = shaper(ctx, label);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad_x = 2 * style.FramePadding.x;
    const float one_line = text_size(ctx, font, label).x;
    if (size.x == 0 && (shaped || ctx.mirrored())) size.x = one_line + pad_x;
    // WCAG 1.4.10 (reflow at 320 CSS px): a button never runs past its line's end. One that no
    // longer fits beside the item before it goes to the next line (as inline boxes do); one
    // wider than a whole line is as wide as the line, its label wrapped inside it.
    float room = 0;
    if (size.x >= 0) {
        fit_on_line(ctx, size.x > 0 ? size.x : one_line + pad_x);
        room = std::max(std::floor(room_on_line(ctx)), pad_x + font_px(font));
        size.x = std::min(size.x, room);
    }
    const bool wrap = size.x >= 0 && one_line > (size.x > 0 ? size.x : room) - pad_x + 0.5f;
    if (wrap) {
        if (size.x == 0) size.x = room;
        const float text_w = size.x - pad_x;
        size.y = std::max(size.y, text_size(ctx, font, label, text_w).y + 2 * style.FramePadding.y);
    }
    place_next(ctx, size.x);
    // Shaped or wrapped, ImGui draws the button without its label and the label is drawn on it.
    const bool drawn_here = shaped || wrap;
    const bool pressed = ImGui::Button(((drawn_here ? std::string() : std::string(label)) + imgui_id).c_str(), size);
    if (wrap) {
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        const float text_w = max.x - min.x - pad_x;
        const ImVec2 text = text_size(ctx, font, label, text_w);
        draw_text(ctx, ImGui::GetWindowDrawList(), font,
                  ImVec2(min.x + style.FramePadding.x, std::floor(min.y + (max.y - min.y - text.y) * 0.5f)),
                  ImGui::GetColorU32(ImGuiCol_Text), label, text_w, text_w);
    } else if (shaped) {
        draw_shaped_label(*shaped, font, label);
    }
    return pressed;
}

namespace {

bool styled_button(Context& ctx, std::string_view id, const char* label, ButtonStyle style, ImVec2 size, Role role,
                   std::uint32_t states) {
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
    // A button's label carries it; frame edges are for fields (the high-contrast theme keeps both).
    if (ctx.palette != &palette(true)) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushFont(ctx.fonts.bold);
    const bool pressed = framed_button(ctx, "###" + std::string(id), label, size);
    ImGui::PopFont();
    if (ctx.palette != &palette(true)) ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    describe(ctx, id, role, label, states);
    return pressed_or_activated(ctx, id, pressed);
}

}  // namespace

float button_width(Context& ctx, const char* label) {
    ImGui::PushFont(ctx.fonts.bold);
    ShapedText* shaped = shaper(ctx, label);
    const float text = shaped ? shaped->measure(ctx.fonts.bold, label, 0).x : ImGui::CalcTextSize(label).x;
    ImGui::PopFont();
    return text + 2 * ImGui::GetStyle().FramePadding.x;
}

bool button(Context& ctx, std::string_view id, const char* label, ButtonStyle style, ImVec2 size) {
    return styled_button(ctx, id, label, style, size, Role::Button, 0);
}

bool toggle_button(Context& ctx, std::string_view id, const char* label, bool on, ImVec2 size) {
    return styled_button(ctx, id, label, on ? ButtonStyle::Selected : ButtonStyle::Secondary, size, Role::Button,
                         on ? kPressed : kNotPressed);
}

bool tab(Context& ctx, std::string_view id, const char* label, bool selected) {
    return styled_button(ctx, id, label, selected ? ButtonStyle::Selected : ButtonStyle::Secondary, ImVec2(0, 0),
                         Role::Tab, selected ? kSelected : 0u);
}

// [SECTION] Text

namespace {

// The width ImGui would wrap text at from the cursor (ImGui::PushTextWrapPos), 0: none.
float wrap_width_here() {
    const ImGuiWindow* w = ImGui::GetCurrentWindow();
    return w->DC.TextWrapPos < 0 ? 0.0f : ImGui::CalcWrapWidthForPos(w->DC.CursorPos, w->DC.TextWrapPos);
}

// Text drawn by the shaper as one item as wide as the wrapping width, so that the lines of a
// right-to-left paragraph end at its right edge (CSS text-align: start). On a right-to-left
// screen whose flow is mirrored (Context::mirror_flow) the item is as wide as its text and placed mirrored (place_next): against the line's
// right edge, or left of the item it follows on the same line, where the flow is mirrored.
void shaped_text_item(Context& ctx, ShapedText& shaped, const char* text, ImFont* font, const ImVec4& color) {
    // As paragraph(): text put beside an item with no room left for it goes to the next line.
    if (on_same_line() && shaped.measure(font, text, 0).x > room_on_line(ctx)) new_line();
    float wrap = wrap_width_here();
    if (ctx.mirrored() && wrap > 0) wrap = line_avail(ctx);
    const ImVec2 size = shaped.measure(font, text, wrap);
    if (ctx.mirrored()) place_next(ctx, size.x);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float box = wrap > 0 && !ctx.mirrored() ? wrap : size.x;
    shaped.draw(ImGui::GetWindowDrawList(), font, pos, ImGui::GetColorU32(color), text, wrap, box);
    const ImRect bb(pos, ImVec2(pos.x + box, pos.y + size.y));
    ImGui::ItemSize(bb.GetSize());
    ImGui::ItemAdd(bb, 0);
}

// A paragraph drawn, by the shaper where it shapes the text, else by ImGui.
void text_item(Context& ctx, const char* text, ImFont* font, const ImVec4& color) {
    if (ShapedText* shaped = shaper(ctx, text ? text : ""))
        shaped_text_item(ctx, *shaped, text, font, color);
    else
        paragraph(text, font, color);
}

}  // namespace

void paragraph(const char* text, ImFont* font, const ImVec4& color) {
    ImGui::PushFont(font);
    // Text put beside an item that has no room left for it goes to the next line (its words were
    // stacked one per line past the window's edge at 320 CSS px).
    if (on_same_line() && ImGui::CalcTextSize(text).x > room_on_line_ltr()) new_line();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

void draw_paragraph(Context& ctx, const char* text, ImFont* font, const ImVec4& color) { text_item(ctx, text, font, color); }

void paragraph(Context& ctx, const char* text, ImFont* font, const ImVec4& color, std::string_view lang) {
    text_item(ctx, text, font, color);
    if (!text || !*text) return;
    mark_language(ctx, ctx.semantics.add_item({}, Role::Text, text), lang);
}

void heading(Context& ctx, const char* text, std::string_view id, int level) {
    ImFont* font = level <= 2 ? ctx.fonts.heading : ctx.fonts.bold;
    ImGui::PushFont(font);
    if (ShapedText* shaped = shaper(ctx, text))
        shaped_text_item(ctx, *shaped, text, font, ImGui::GetStyleColorVec4(ImGuiCol_Text));
    else
        ImGui::TextUnformatted(text);
    ImGui::PopFont();
    if (!id.empty()) register_last_item(ctx, id);
    SemanticNode& n = ctx.semantics.add_item(id, Role::Heading, text);
    n.level = static_cast<std::uint8_t>(std::clamp(level, 1, 6));
    bring_into_view(ctx, id, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()));
}

void center_next(float width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
}

// [SECTION] Answer options and the nav bar

namespace {
struct OptionMetrics {
    float mark, pad_x, text_x;
    ImVec2 text;
    float height;
};
OptionMetrics option_metrics(Context& ctx, const char* label, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    OptionMetrics m{};
    m.mark = 26.0f * ctx.scale;  // the radio dot / check box
    m.pad_x = style.FramePadding.x;
    m.text_x = m.pad_x + m.mark + 16.0f * ctx.scale;
    ImGui::PushFont(ctx.fonts.body);
    if (ShapedText* shaped = shaper(ctx, label))
        m.text = shaped->measure(ctx.fonts.body, label, width - m.text_x - m.pad_x);
    else
        m.text = ImGui::CalcTextSize(label, nullptr, false, width - m.text_x - m.pad_x);
    ImGui::PopFont();
    m.height = std::max(touch_target(ctx.scale), m.text.y + 2 * style.FramePadding.y + 4 * ctx.scale);
    return m;
}

// A radio dot or a check box of side `mark` centred on `c`, on or off.
void draw_mark(Context& ctx, ImDrawList* dl, ImVec2 c, float mark, bool on, bool multi) {
    const Palette& p = *ctx.palette;
    const ImU32 edge = ImGui::GetColorU32(on ? p.primary : p.field_border);
    if (multi) {
        const ImVec2 a(c.x - mark * 0.5f, c.y - mark * 0.5f), b(c.x + mark * 0.5f, c.y + mark * 0.5f);
        if (on) {
            dl->AddRectFilled(a, b, ImGui::GetColorU32(p.primary), 5.0f * ctx.scale);
            const float t = mark;  // a tick drawn inside the box
            dl->AddLine(ImVec2(a.x + t * 0.22f, a.y + t * 0.52f), ImVec2(a.x + t * 0.42f, a.y + t * 0.72f),
                        ImGui::GetColorU32(p.on_primary), 3.0f * ctx.scale);
            dl->AddLine(ImVec2(a.x + t * 0.42f, a.y + t * 0.72f), ImVec2(a.x + t * 0.80f, a.y + t * 0.30f),
                        ImGui::GetColorU32(p.on_primary), 3.0f * ctx.scale);
        } else {
            dl->AddRectFilled(a, b, ImGui::GetColorU32(p.surface), 5.0f * ctx.scale);
            dl->AddRect(a, b, edge, 5.0f * ctx.scale, 0, 2.0f * ctx.scale);
        }
    } else {
        dl->AddCircleFilled(c, mark * 0.5f, ImGui::GetColorU32(p.surface));
        dl->AddCircle(c, mark * 0.5f, edge, 0, 2.0f * ctx.scale);
        if (on) dl->AddCircleFilled(c, mark * 0.28f, ImGui::GetColorU32(p.primary));
    }
}
}  // namespace

float option_button_height(Context& ctx, const char* label, float width) { return option_metrics(ctx, label, width).height; }

bool option_button(Context& ctx, std::string_view id, const char* label, bool selected, bool multi, float width,
                   float min_height, std::string_view lang) {
    const Palette& p = *ctx.palette;
    const ImGuiStyle& style = ImGui::GetStyle();
    const OptionMetrics m = option_metrics(ctx, label, width);
    const float height = std::max(m.height, min_height);
    ImGui::PushFont(ctx.fonts.body);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(std::string(id).c_str());
    const bool pressed = ImGui::InvisibleButton("##option", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    mark_language(ctx, describe(ctx, id, multi ? Role::Checkbox : Role::Radio, label, selected ? kChecked : 0u), lang);
    const bool chosen = pressed_or_activated(ctx, id, pressed);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + width, pos.y + height);
    const ImVec4 bg = selected ? p.selected : (hovered ? p.secondary_hover : p.surface);
    dl->AddRectFilled(pos, max, ImGui::GetColorU32(bg), style.FrameRounding);
    dl->AddRect(pos, max, ImGui::GetColorU32(selected ? p.primary : p.field_border), style.FrameRounding, 0,
                selected ? 3.0f * ctx.scale : 1.5f * ctx.scale);
    // Right to left: the mark on the right, the label against it (the layout mirrored).
    const float mark_x = ctx.rtl ? pos.x + width - m.pad_x - m.mark * 0.5f : pos.x + m.pad_x + m.mark * 0.5f;
    draw_mark(ctx, dl, ImVec2(mark_x, pos.y + height * 0.5f), m.mark, selected, multi);
    const float text_width = width - m.text_x - m.pad_x;
    const float text_y = pos.y + (height - m.text.y) * 0.5f;
    if (ShapedText* shaped = shaper(ctx, label))
        shaped->draw(dl, ctx.fonts.body, ImVec2(pos.x + m.pad_x, text_y), ImGui::GetColorU32(p.text), label, text_width,
                     text_width);
    else
        dl->AddText(ctx.fonts.body, font_px(ctx.fonts.body),
                    ImVec2(ctx.rtl ? pos.x + width - m.text_x - m.text.x : pos.x + m.text_x, text_y),
                    ImGui::GetColorU32(p.text), label, nullptr, text_width);
    ImGui::PopFont();
    return chosen;
}

float nav_bar_height(const Context& ctx) {
    if (compact_layout(ctx)) return 0.0f;
    return touch_target(ctx.scale) * 1.2f + 2 * 16.0f * ctx.scale;
}

namespace {

// The compact nav bar: the same buttons, full width, one per row, after the content (the main
// action first: it is what most people look for at the end of a screen).
NavAction compact_nav_bar(Context& ctx, const char* back_label, const char* next_label, bool next_enabled,
                          const char* middle_label, bool middle_selected) {
    const float pad = 16.0f * ctx.scale;
    const float width = ImGui::GetContentRegionAvail().x - 2 * pad;
    const float bh = touch_target(ctx.scale);
    NavAction action = NavAction::None;
    ImGui::Dummy(ImVec2(0, pad));
    auto row = [&] { ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad); };
    if (next_label) {
        row();
        if (!next_enabled) ImGui::BeginDisabled();
        if (button(ctx, "nav.next", next_label, ButtonStyle::Primary, ImVec2(width, bh))) action = NavAction::Next;
        if (!next_enabled) ImGui::EndDisabled();
    }
    if (middle_label) {
        row();
        if (toggle_button(ctx, "nav.middle", middle_label, middle_selected, ImVec2(width, bh))) action = NavAction::Middle;
    }
    if (back_label) {
        row();
        if (button(ctx, "nav.back", back_label, ButtonStyle::Secondary, ImVec2(width, bh))) action = NavAction::Back;
    }
    ImGui::Dummy(ImVec2(0, pad));
    return action;
}

}  // namespace

NavAction nav_bar(Context& ctx, const char* back_label, const char* next_label, bool next_enabled,
                  const char* middle_label, bool middle_selected) {
    ctx.semantics.begin_group("nav", Role::Navigation, {});
    if (compact_layout(ctx)) {
        const NavAction a = compact_nav_bar(ctx, back_label, next_label, next_enabled, middle_label, middle_selected);
        ctx.semantics.end_group();
        return a;
    }
    const Palette& p = *ctx.palette;
    const float h = nav_bar_height(ctx);
    const ImVec2 win_pos = ImGui::GetWindowPos();
    const ImVec2 win_size = ImGui::GetWindowSize();
    const float top = win_size.y - h;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(win_pos.x, win_pos.y + top), ImVec2(win_pos.x + win_size.x, win_pos.y + win_size.y),
                      ImGui::GetColorU32(p.surface));
    dl->AddLine(ImVec2(win_pos.x, win_pos.y + top), ImVec2(win_pos.x + win_size.x, win_pos.y + top),
                ImGui::GetColorU32(p.border));
    const float pad = 24.0f * ctx.scale;
    const float bh = touch_target(ctx.scale) * 1.2f;
    const float column = std::min(win_size.x - 2 * pad, 1000.0f * ctx.scale);
    const float left = (win_size.x - column) * 0.5f;
    const float bw = std::min(column * (middle_label ? 0.3f : 0.45f), 360.0f * ctx.scale);
    NavAction action = NavAction::None;
    // Back where reading starts, the main action where it ends: mirrored right to left.
    const float back_x = ctx.rtl ? left + column - bw : left, next_x = ctx.rtl ? left : left + column - bw;
    if (back_label) {
        ImGui::SetCursorPos(ImVec2(back_x, top + (h - bh) * 0.5f));
        if (button(ctx, "nav.back", back_label, ButtonStyle::Secondary, ImVec2(bw, bh))) action = NavAction::Back;
    }
    if (middle_label) {
        const float mw = column - 2 * bw - 2 * 16.0f * ctx.scale;
        ImGui::SetCursorPos(ImVec2(left + (column - mw) * 0.5f, top + (h - bh) * 0.5f));
        if (toggle_button(ctx, "nav.middle", middle_label, middle_selected, ImVec2(mw, bh))) action = NavAction::Middle;
    }
    if (next_label) {
        ImGui::SetCursorPos(ImVec2(next_x, top + (h - bh) * 0.5f));
        if (!next_enabled) ImGui::BeginDisabled();
        if (button(ctx, "nav.next", next_label, ButtonStyle::Primary, ImVec2(bw, bh))) action = NavAction::Next;
        if (!next_enabled) ImGui::EndDisabled();
    }
    ctx.semantics.end_group();
    return action;
}

// [SECTION] The number pad

bool numpad(Context& ctx, std::string_view id, const char* label, std::string& value, std::size_t max_digits) {
    const Palette& p = *ctx.palette;
    bool changed = false;
    auto type = [&](char d) {
        if (value.size() < max_digits) {
            value.push_back(d);
            changed = true;
        }
    };
    // A hardware keyboard works as well as the pad (kiosks with a keypad, staff testing).
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar ch = io.InputQueueCharacters[i];
        if (ch >= '0' && ch <= '9') type(static_cast<char>(ch));
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !value.empty()) {
        value.pop_back();
        changed = true;
    }

    const std::string base(id);
    ctx.semantics.begin_group(base, Role::Group, label ? label : "");
    const float key = std::max(touch_target(ctx.scale) * 1.6f, 110.0f * ctx.scale);
    const float gap = 12.0f * ctx.scale;
    // Three keys a row, narrower on a narrow screen (a phone, a zoomed browser).
    const float width = std::min(3 * key + 2 * gap, ImGui::GetContentRegionAvail().x);
    const float key_w = (width - 2 * gap) / 3.0f;
    // The value, large, in a box the width of the pad.
    ImGui::PushFont(ctx.fonts.heading);
    const ImVec2 box_pos = ImGui::GetCursorScreenPos();
    const float box_h = ImGui::GetTextLineHeight() + 24.0f * ctx.scale;
    ImGui::GetWindowDrawList()->AddRectFilled(box_pos, ImVec2(box_pos.x + width, box_pos.y + box_h),
                                              ImGui::GetColorU32(p.surface), 10.0f * ctx.scale);
    ImGui::GetWindowDrawList()->AddRect(box_pos, ImVec2(box_pos.x + width, box_pos.y + box_h),
                                        ImGui::GetColorU32(p.primary), 10.0f * ctx.scale, 0, 2.0f * ctx.scale);
    const std::string shown = value.empty() ? std::string(" ") : value;
    const ImVec2 ts = ImGui::CalcTextSize(shown.c_str());
    ImGui::GetWindowDrawList()->AddText(ImVec2(box_pos.x + (width - ts.x) * 0.5f, box_pos.y + (box_h - ts.y) * 0.5f),
                                        ImGui::GetColorU32(p.text), shown.c_str());
    ImGui::Dummy(ImVec2(width, box_h));
    ImGui::PopFont();
    register_last_item(ctx, base + ".value");
    // What was typed, as text (a live status, so a screen reader hears each digit arrive).
    if (!value.empty()) ctx.semantics.add_item(base + ".value", Role::Text, value);
    ImGui::Dummy(ImVec2(0, gap));

    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        if (i == 9) {
            if (button(ctx, base + ".clear", ctx.tr("kiosk.numpad.clear"), ButtonStyle::Secondary, ImVec2(key_w, key * 0.8f)) &&
                !value.empty()) {
                sodium_memzero(value.data(), value.size());
                value.clear();
                changed = true;
            }
        } else if (i == 11) {
            if (button(ctx, base + ".delete", ctx.tr("kiosk.numpad.delete"), ButtonStyle::Secondary, ImVec2(key_w, key * 0.8f)) &&
                !value.empty()) {
                value.pop_back();
                changed = true;
            }
        } else {
            ImGui::PushFont(ctx.fonts.heading);
            if (button(ctx, base + "." + labels[i], labels[i], ButtonStyle::Secondary, ImVec2(key_w, key * 0.8f)))
                type(labels[i][0]);
            ImGui::PopFont();
        }
    }
    ImGui::PopStyleVar();
    ctx.semantics.end_group();
    return changed;
}

bool numpad(Context& ctx, std::string_view id, std::string& value, std::size_t max_digits) {
    return numpad(ctx, id, nullptr, value, max_digits);
}

// [SECTION] Form controls

namespace {

// Copies `text` into buf (size bytes with the NUL), cut at a UTF-8 character boundary.
void copy_text(char* buf, std::size_t size, const std::string& text) {
    std::size_t n = std::min(text.size(), size - 1);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    sodium_memzero(buf, size);
    std::memcpy(buf, text.data(), n);
}

// A field `width` wide under its label: fit_on_line() for the wider of the two (a label wider
// than the room beside the last item ran past the window's edge). Returns the field's width.
float fit_field_on_line(Context& ctx, float width, const char* label) {
    const float label_w = label && *label ? text_size(ctx, ctx.fonts.small, label).x : 0.0f;
    fit_on_line(ctx, std::max(width, label_w));
    return fit_on_line(ctx, width);
}

// A control's label above it (drawn only: the control's node carries it as its name).
void label_above(Context& ctx, const char* label) {
    if (label && *label) text_item(ctx, label, ctx.fonts.small, ctx.palette->text);
}

}  // namespace

bool text_field(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size,
                const TextFieldOptions& o) {
    const Palette& p = *ctx.palette;
    bool changed = false;
    if (std::optional<std::string> text = ctx.actions.take_text(id)) {
        changed = std::strcmp(buf, text->c_str()) != 0;
        copy_text(buf, size, *text);
        sodium_memzero(text->data(), text->capacity());
    }
    const float width = o.width > 0 ? fit_field_on_line(ctx, o.width, label)
                                    : std::max(fit_field_on_line(ctx, 40.0f * ctx.scale, label), room_on_line(ctx));
    begin_placed_group(ctx, std::max(width, label ? text_size(ctx, ctx.fonts.small, label).x : 0.0f));
    label_above(ctx, label);
    ImGui::PushFont(ctx.fonts.body);
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool multiline = o.kind == InputKind::Multiline;
    place_next(ctx, width);
    const float height = multiline ? std::max(o.height, small_target(ctx.scale)) : std::max(ImGui::GetFrameHeight(), small_target(ctx.scale));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(("##" + std::string(id)).c_str(), ImVec2(width, height));
    // Activating a field is pressing Enter in it (the platform's input reports it so).
    if (ctx.actions.take_activation(id) && o.submitted) *o.submitted = true;
    SemanticNode& n = describe(ctx, id, Role::TextField, label ? label : "",
                               (o.required ? kRequired : 0u) | (o.invalid ? kInvalid : 0u));
    n.input = o.kind;
    n.value.assign(buf);
    n.value_now = font_px(ctx.fonts.body);  // the text size, for the platform's input to match
    if (o.description) n.description.assign(o.description);

    // The box: a visible edge (WCAG 1.4.11), the text (dots for a passphrase), the hint while empty.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + width, pos.y + height);
    const float rounding = style.FrameRounding * 0.5f;
    dl->AddRectFilled(pos, max, ImGui::GetColorU32(p.surface), rounding);
    const bool focused = ctx.actions.is_focused(id);
    dl->AddRect(pos, max, ImGui::GetColorU32(o.invalid ? p.urgent : (focused ? p.primary : p.field_border)), rounding, 0,
                (focused || o.invalid ? 2.0f : 1.0f) * std::max(1.0f, ctx.scale));
    std::string shown = buf;
    if (o.kind == InputKind::Password) shown.assign(std::strlen(buf), '*');
    const bool hint = shown.empty() && o.hint;
    const ImVec2 text_pos(pos.x + style.FramePadding.x * 0.6f, pos.y + (multiline ? style.FramePadding.y * 0.6f
                                                                                 : (height - ImGui::GetTextLineHeight()) * 0.5f));
    const ImVec4 clip(pos.x, pos.y, max.x - style.FramePadding.x * 0.3f, max.y);
    const char* text = hint ? o.hint : shown.c_str();
    const float wrap = multiline ? width - style.FramePadding.x * 1.2f : 0.0f;
    if (ctx.rtl && ctx.shaped) {
        // Right to left (the page's <input dir=rtl> shows it so while it has the focus): shaped,
        // against the box's right edge.
        dl->PushClipRect(ImVec2(pos.x + style.FramePadding.x * 0.3f, pos.y), ImVec2(clip.z, clip.w), true);
        draw_text(ctx, dl, ctx.fonts.body, text_pos, ImGui::GetColorU32(hint ? p.text_muted : p.text), text, wrap,
                  width - style.FramePadding.x * 1.2f);
        dl->PopClipRect();
    } else {
        dl->AddText(ctx.fonts.body, font_px(ctx.fonts.body), text_pos, ImGui::GetColorU32(hint ? p.text_muted : p.text), text,
                    nullptr, wrap, &clip);
    }
    sodium_memzero(shown.data(), shown.capacity());
    ImGui::PopFont();
    if (o.description) paragraph(ctx, o.description, ctx.fonts.small, o.invalid ? p.urgent : p.text_muted);
    end_placed_group(ctx);
    return changed;
}

void same_line_if_fits(Context& ctx, const char* label) {
    const float width = (24.0f + 2 * 12.0f) * ctx.scale + text_size(ctx, ctx.fonts.body, label).x;  // check_box()'s layout
    if (fits_beside_last(ctx, width)) ImGui::SameLine();
}

namespace {

// A check box or a radio: the mark, then its label (right to left: the mark at the right, the
// label against it), the label wrapping at the line's end. True when pressed.
bool marked_choice(Context& ctx, std::string_view id, const char* label, bool on, bool multi) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    const float mark = 24.0f * ctx.scale, gap = 12.0f * ctx.scale;
    // The label wraps at the line's end (a consent statement ran off a narrow screen).
    const float room = room_on_line(ctx);
    const float wrap = std::max(room - mark - 2 * gap, 1.0f);
    const ImVec2 text = text_size(ctx, ctx.fonts.body, label, wrap);
    const float height = std::max(small_target(ctx.scale), text.y + 8.0f * ctx.scale);
    // Never past the line's end: a wrapped line may measure a pixel wider than where it broke.
    const float width = std::max(std::min(mark + gap + text.x + gap, std::floor(room)), mark + 2 * gap);
    place_next(ctx, width);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), ImVec2(width, height));
    describe(ctx, id, multi ? Role::Checkbox : Role::Radio, label, on ? kChecked : 0u);
    const bool chosen = pressed_or_activated(ctx, id, pressed);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float mark_x = ctx.rtl ? pos.x + width - mark * 0.5f : pos.x + mark * 0.5f;
    draw_mark(ctx, dl, ImVec2(mark_x, pos.y + height * 0.5f), mark, multi && chosen ? !on : on, multi);
    draw_text(ctx, dl, ctx.fonts.body, ImVec2(ctx.rtl ? pos.x + gap : pos.x + mark + gap, pos.y + (height - text.y) * 0.5f),
              ImGui::GetColorU32(p.text), label, wrap, text.x);
    ImGui::PopFont();
    return chosen;
}

}  // namespace

bool check_box(Context& ctx, std::string_view id, const char* label, bool* value) {
    const bool toggled = marked_choice(ctx, id, label, *value, true);
    if (toggled) *value = !*value;
    return toggled;
}

bool radio(Context& ctx, std::string_view id, const char* label, bool on) { return marked_choice(ctx, id, label, on, false); }

bool choice(Context& ctx, std::string_view id, const char* label, const std::vector<std::string>& options, int* index,
            float width) {
    const Palette& p = *ctx.palette;
    bool changed = false;
    if (const std::optional<float> v = ctx.actions.take_value(id)) {
        const int k = static_cast<int>(*v);
        if (k >= 0 && k < static_cast<int>(options.size()) && k != *index) {
            *index = k;
            changed = true;
        }
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* current = *index >= 0 && *index < static_cast<int>(options.size()) ? options[static_cast<std::size_t>(*index)].c_str() : "";
    ImGui::PushFont(ctx.fonts.body);
    const float arrow = ImGui::GetFontSize();
    ImGui::PopFont();
    const float w = fit_field_on_line(ctx, width > 0 ? width : text_size(ctx, ctx.fonts.body, current).x + arrow + 3 * style.FramePadding.x,
                                      label);
    begin_placed_group(ctx, std::max(w, label ? text_size(ctx, ctx.fonts.small, label).x : 0.0f));
    label_above(ctx, label);
    ImGui::PushFont(ctx.fonts.body);
    const float h = std::max(ImGui::GetFrameHeight(), small_target(ctx.scale));
    place_next(ctx, w);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), ImVec2(w, h));
    SemanticNode& n = describe(ctx, id, Role::ComboBox, label ? label : "");
    n.options = options;
    n.value.assign(current);
    n.value_now = static_cast<float>(*index);
    // Without a platform picker (a test, a native build), a tap steps to the next choice.
    if (pressed && !options.empty()) {
        *index = (*index + 1) % static_cast<int>(options.size());
        changed = true;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, max, ImGui::GetColorU32(p.surface), style.FrameRounding * 0.5f);
    dl->AddRect(pos, max, ImGui::GetColorU32(p.field_border), style.FrameRounding * 0.5f, 0, std::max(1.0f, ctx.scale));
    const float text_y = pos.y + (h - ImGui::GetTextLineHeight()) * 0.5f;
    if (ctx.rtl) {  // the value against the right edge, the arrow at the left
        const float inner = w - arrow - style.FramePadding.x * 1.6f;
        draw_text(ctx, dl, ctx.fonts.body, ImVec2(pos.x + arrow + style.FramePadding.x, text_y), ImGui::GetColorU32(p.text),
                  current, 0, inner);
        ImGui::RenderArrow(dl, ImVec2(pos.x + style.FramePadding.x * 0.5f, text_y), ImGui::GetColorU32(p.text), ImGuiDir_Down);
    } else {
        dl->AddText(ImVec2(pos.x + style.FramePadding.x * 0.6f, text_y), ImGui::GetColorU32(p.text), current);
        ImGui::RenderArrow(dl, ImVec2(max.x - arrow - style.FramePadding.x * 0.5f, text_y), ImGui::GetColorU32(p.text), ImGuiDir_Down);
    }
    ImGui::PopFont();
    end_placed_group(ctx);
    return changed;
}

bool slider(Context& ctx, std::string_view id, const char* label, int* value, int min, int max, const char* text,
            float width) {
    bool changed = false;
    if (const std::optional<float> v = ctx.actions.take_value(id)) {
        const int k = std::clamp(static_cast<int>(*v), min, max);
        changed = k != *value;
        *value = k;
    }
    const float w = width > 0 ? fit_field_on_line(ctx, width, label) : room_on_line(ctx);
    begin_placed_group(ctx, std::max(w, label ? text_size(ctx, ctx.fonts.small, label).x : 0.0f));
    label_above(ctx, label);
    place_next(ctx, w);
    ImGui::SetNextItemWidth(w);
    const std::string imgui_id = "##" + std::string(id);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x,
                                                           (small_target(ctx.scale) - ImGui::GetFontSize()) * 0.5f));
    // Shaped, ImGui draws the slider without its text and the shaper draws it on it. Mirrored,
    // the slider runs from the right (its smallest value at the right end, as a range input under
    // dir="rtl" does): ImGui takes a range given backwards and flips the track.
    ShapedText* shaped = shaper(ctx, text ? text : "");
    const bool from_right = ctx.mirrored();
    changed = ImGui::SliderInt(imgui_id.c_str(), value, from_right ? max : min, from_right ? min : max, shaped ? "" : text) ||
              changed;
    if (shaped) draw_shaped_label(*shaped, ImGui::GetFont(), text);
    ImGui::PopStyleVar();
    SemanticNode& n = describe(ctx, id, Role::Slider, label ? label : "");
    n.value_min = static_cast<float>(min);
    n.value_max = static_cast<float>(max);
    n.value_now = static_cast<float>(*value);
    n.value.assign(text);
    end_placed_group(ctx);
    return changed;
}

void progress_bar(Context& ctx, std::string_view id, const char* label, float fraction, const char* text) {
    label_above(ctx, label);
    if (!ctx.rtl) {
        ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(-1, 0), text);
    } else {
        // Right to left it fills from the right (ImGui's fills from the left), its text shaped.
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        place_next(ctx, line_avail(ctx));
        const ImVec2 size(line_avail(ctx), ImGui::GetFrameHeight());
        ImGui::Dummy(size);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float rounding = ImGui::GetStyle().FrameRounding;
        dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), rounding);
        const float filled = size.x * std::clamp(fraction, 0.0f, 1.0f);
        if (filled > 0)
            dl->AddRectFilled(ImVec2(pos.x + size.x - filled, pos.y), ImVec2(pos.x + size.x, pos.y + size.y),
                              ImGui::GetColorU32(ImGuiCol_PlotHistogram), rounding);
        if (text) {
            const ImVec2 t = text_size(ctx, ImGui::GetFont(), text);
            draw_text(ctx, dl, ImGui::GetFont(), ImVec2(pos.x + (size.x - t.x) * 0.5f, pos.y + (size.y - t.y) * 0.5f),
                      ImGui::GetColorU32(ImGuiCol_Text), text);
        }
    }
    SemanticNode& n = describe(ctx, id, Role::ProgressBar, label ? label : "");
    n.value_min = 0;
    n.value_max = 100;
    n.value_now = std::round(std::clamp(fraction, 0.0f, 1.0f) * 100.0f);
    if (text) n.value.assign(text);
}

void table_cell(Context& ctx, const char* text, bool header) {
    ImGui::TableNextColumn();
    if (!ctx.rtl && !shaper(ctx, text)) {
        if (header) ImGui::TableHeader(text);
        else ImGui::TextUnformatted(text);
    } else {
        // Shaped; right to left against the cell's right edge.
        ImFont* font = ImGui::GetFont();
        const ImVec2 size = text_size(ctx, font, text);
        const float right = ImGui::GetContentRegionMaxAbs().x;
        const float left = ImGui::GetCursorScreenPos().x;
        const float x = ctx.rtl ? std::max(left, right - size.x) : left;
        if (header) {
            ImGui::TableHeader(("##" + std::string(text)).c_str());
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            draw_text(ctx, ImGui::GetWindowDrawList(), font, ImVec2(x, min.y + (max.y - min.y - size.y) * 0.5f),
                      ImGui::GetColorU32(ImGuiCol_Text), text);
        } else {
            const ImVec2 pos(x, ImGui::GetCursorScreenPos().y);
            draw_text(ctx, ImGui::GetWindowDrawList(), font, pos, ImGui::GetColorU32(ImGuiCol_Text), text);
            ImGui::SetCursorScreenPos(pos);
            ImGui::Dummy(size);
        }
    }
    ctx.semantics.add_item({}, header ? Role::ColumnHeader : Role::Cell, text);
}

bool disclosure(Context& ctx, std::string_view id, const char* label, bool* open) {
    const Palette& p = *ctx.palette;
    ImGui::PushFont(ctx.fonts.body);
    const float arrow = ImGui::GetFontSize(), gap = 10.0f * ctx.scale;
    // The label wraps at the line's end (WCAG 1.4.10: at 320 CSS px it ran past the window's edge).
    const float room = room_on_line(ctx);
    const float wrap = std::max(room - arrow - 2 * gap, 1.0f);
    const ImVec2 text = text_size(ctx, ctx.fonts.body, label, wrap);
    const float height = std::max(small_target(ctx.scale), text.y);
    const float width = std::max(std::min(arrow + gap + text.x + gap, std::floor(room)), arrow + 2 * gap);
    place_next(ctx, width);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##" + std::string(id)).c_str(), ImVec2(width, height));
    describe(ctx, id, Role::Button, label, *open ? kExpanded : kCollapsed);
    if (pressed_or_activated(ctx, id, pressed)) *open = !*open;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = pos.y + (height - text.y) * 0.5f;
    // The arrow where reading starts, pointing the way the text reads while closed.
    const ImGuiDir closed = ctx.rtl ? ImGuiDir_Left : ImGuiDir_Right;
    ImGui::RenderArrow(dl, ImVec2(ctx.rtl ? pos.x + width - arrow : pos.x, y), ImGui::GetColorU32(p.text),
                       *open ? ImGuiDir_Down : closed);
    draw_text(ctx, dl, ctx.fonts.body, ImVec2(ctx.rtl ? pos.x + gap : pos.x + arrow + gap, y), ImGui::GetColorU32(p.text), label,
              wrap, text.x);
    ImGui::PopFont();
    return *open;
}

// [SECTION] Layout

void begin_column(Context& ctx, float max_width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float margin = (compact_layout(ctx) ? 16.0f : 48.0f) * ctx.scale;
    const float width = std::min(avail - margin, max_width * ctx.scale);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) * 0.5f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushItemWidth(width);
}

float column_width() { return ImGui::CalcItemWidth(); }

void end_column() {
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

bool compact_layout(const Context& ctx) {
    // Measured on the kiosk: with a pinned header (one or two rows) and nav bar, less than about
    // half of a screen shorter than 480 px (or narrower than 520 px, where the nav bar's three
    // buttons no longer fit their labels) is left for the question and its answers.
    const ImVec2 size = ImGui::GetMainViewport()->Size;
    return size.y < 480.0f * ctx.scale || size.x < 520.0f * ctx.scale;
}

namespace {

// Touch: a drag that starts in the content scrolls it, as on a phone, also when it starts on a
// button (the press is then cancelled, so lifting the finger does not press it).
void drag_to_scroll() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID armed = ImGui::GetID("##drag-scroll");
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        storage->SetBool(armed, ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem));
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        storage->SetBool(armed, false);
        return;
    }
    if (!storage->GetBool(armed) || !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) return;
    ImGui::SetScrollY(window, window->Scroll.y - g.IO.MouseDelta.y);
    if (g.ActiveId != 0 && g.ActiveIdWindow && g.ActiveIdWindow->RootWindow == window->RootWindow) ImGui::ClearActiveID();
}

// A new screen opens at its top (not where the last one was scrolled to): before the window
// `name` begins, its scroll is reset when `screen` differs from the one it showed last.
void scroll_to_top_on_new_screen(std::string_view name, std::string_view screen) {
    if (screen.empty()) return;
    ImGuiStorage* storage = ImGui::GetStateStorage();  // the parent's: the window has not begun
    const ImGuiID key = ImGui::GetID((std::string("##screen:") + std::string(name)).c_str());
    const int hash = static_cast<int>(ImHashStr(screen.data(), screen.size()));
    if (storage->GetInt(key, 0) == hash) return;
    storage->SetInt(key, hash);
    ImGui::SetNextWindowScroll(ImVec2(0.0f, 0.0f));
}

}  // namespace

void begin_content(Context& ctx, bool leave_room_for_nav, std::string_view screen) {
    if (screen.empty()) screen = ctx.screen;
    if (compact_layout(ctx)) {
        // One column: the page itself scrolls (the App's window, which opens each screen at its
        // top), the nav bar follows the content.
        drag_to_scroll();
        ImGui::BeginGroup();
    } else {
        const float h = ImGui::GetContentRegionAvail().y - (leave_room_for_nav ? nav_bar_height(ctx) : 0.0f);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
        scroll_to_top_on_new_screen("content", screen);
        ImGui::BeginChild("content", ImVec2(0, std::max(h, 1.0f)), false);
        drag_to_scroll();
    }
    ctx.semantics.begin_group("main", Role::Main, {});
    ImGui::Dummy(ImVec2(0, (compact_layout(ctx) ? 12.0f : 28.0f) * ctx.scale));
}

void end_content(Context& ctx) {
    ctx.semantics.end_group();
    end_content();
}

void end_content() {
    ImGui::Dummy(ImVec2(0, 28.0f));
    if (ImGui::GetCurrentWindow()->Flags & ImGuiWindowFlags_ChildWindow) {
        ImGui::EndChild();
        ImGui::PopStyleColor();
    } else {
        ImGui::EndGroup();
    }
}

void begin_dialog(Context& ctx, std::string_view id, Role role, const char* name, ImVec2 size) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRectFullScreen();
    dl->AddRectFilled(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y), ImGui::GetColorU32(ImVec4(0, 0, 0, 0.6f)));
    dl->PopClipRect();
    const float margin = 12.0f * ctx.scale;
    size.x = std::min(size.x, vp->Size.x - 2 * margin);
    size.y = std::min(size.y, vp->Size.y - 2 * margin);
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    const ImVec2 saved = parent->DC.CursorPos, saved_max = parent->DC.CursorMaxPos;
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + (vp->Size.x - size.x) * 0.5f, vp->Pos.y + (vp->Size.y - size.y) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ctx.palette->surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28.0f * ctx.scale, 24.0f * ctx.scale));
    ImGui::BeginChild(std::string(id).c_str(), size, true, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    // The parent's cursor, put back by end_dialog(): the card floats, it does not lengthen the page.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    storage->SetFloat(ImGui::GetID("##cx"), saved.x);
    storage->SetFloat(ImGui::GetID("##cy"), saved.y);
    storage->SetFloat(ImGui::GetID("##mx"), saved_max.x);
    storage->SetFloat(ImGui::GetID("##my"), saved_max.y);
    ctx.semantics.begin_group(id, role, name ? name : "", kModal);
    ImGui::PushTextWrapPos(0.0f);
}

void end_dialog(Context& ctx) {
    ImGui::PopTextWrapPos();
    ctx.semantics.end_group();
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImVec2 saved(storage->GetFloat(ImGui::GetID("##cx")), storage->GetFloat(ImGui::GetID("##cy")));
    const ImVec2 saved_max(storage->GetFloat(ImGui::GetID("##mx")), storage->GetFloat(ImGui::GetID("##my")));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    parent->DC.CursorPos = saved;
    parent->DC.CursorMaxPos = saved_max;
}

bool dialog_escape(Context& ctx, std::string_view id) {
    const bool page = ctx.actions.take_activation(id);
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) || page;
}

void begin_group(Context& ctx, std::string_view id, Role role, std::string_view name, std::uint32_t states) {
    ctx.semantics.begin_group(id, role, name, states);
}

void end_group(Context& ctx) { ctx.semantics.end_group(); }

}  // namespace safetynet::ui
