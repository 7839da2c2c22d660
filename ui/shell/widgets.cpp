#include "ui/shell/widgets.hpp"

#include <algorithm>
#include <string>

namespace safetynet::ui {

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

namespace safetynet::ui {

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
    m.text = ImGui::CalcTextSize(label, nullptr, false, width - m.text_x - m.pad_x);
    ImGui::PopFont();
    m.height = std::max(touch_target(ctx.scale), m.text.y + 2 * style.FramePadding.y + 4 * ctx.scale);
    return m;
}
}  // namespace

float option_button_height(Context& ctx, const char* label, float width) { return option_metrics(ctx, label, width).height; }

bool option_button(Context& ctx, std::string_view id, const char* label, bool selected, bool multi, float width,
                   float min_height) {
    const Palette& p = *ctx.palette;
    const ImGuiStyle& style = ImGui::GetStyle();
    const OptionMetrics m = option_metrics(ctx, label, width);
    const float mark = m.mark, pad_x = m.pad_x, text_x = m.text_x;
    const ImVec2 text = m.text;
    const float height = std::max(m.height, min_height);
    ImGui::PushFont(ctx.fonts.body);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(std::string(id).c_str());
    const bool pressed = ImGui::InvisibleButton("##option", ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    register_last_item(ctx, id);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + width, pos.y + height);
    const ImVec4 bg = selected ? p.selected : (hovered ? p.secondary_hover : p.surface);
    dl->AddRectFilled(pos, max, ImGui::GetColorU32(bg), style.FrameRounding);
    dl->AddRect(pos, max, ImGui::GetColorU32(selected ? p.primary : p.border), style.FrameRounding,
                0, selected ? 3.0f * ctx.scale : 1.5f * ctx.scale);
    const ImVec2 c(pos.x + pad_x + mark * 0.5f, pos.y + height * 0.5f);
    const ImU32 mark_col = ImGui::GetColorU32(selected ? p.primary : p.text_muted);
    if (multi) {
        const ImVec2 a(c.x - mark * 0.5f, c.y - mark * 0.5f), b(c.x + mark * 0.5f, c.y + mark * 0.5f);
        if (selected) {
            dl->AddRectFilled(a, b, ImGui::GetColorU32(p.primary), 5.0f * ctx.scale);
            const float t = mark;  // a tick drawn inside the box
            dl->AddLine(ImVec2(a.x + t * 0.22f, a.y + t * 0.52f), ImVec2(a.x + t * 0.42f, a.y + t * 0.72f),
                        ImGui::GetColorU32(p.on_primary), 3.0f * ctx.scale);
            dl->AddLine(ImVec2(a.x + t * 0.42f, a.y + t * 0.72f), ImVec2(a.x + t * 0.80f, a.y + t * 0.30f),
                        ImGui::GetColorU32(p.on_primary), 3.0f * ctx.scale);
        } else {
            dl->AddRect(a, b, mark_col, 5.0f * ctx.scale, 0, 2.0f * ctx.scale);
        }
    } else {
        dl->AddCircle(c, mark * 0.5f, mark_col, 0, 2.0f * ctx.scale);
        if (selected) dl->AddCircleFilled(c, mark * 0.28f, ImGui::GetColorU32(p.primary));
    }
    dl->AddText(ctx.fonts.body, ctx.fonts.body->FontSize, ImVec2(pos.x + text_x, pos.y + (height - text.y) * 0.5f),
                ImGui::GetColorU32(p.text), label, nullptr, width - text_x - pad_x);
    ImGui::PopFont();
    return pressed;
}

float nav_bar_height(const Context& ctx) { return touch_target(ctx.scale) * 1.2f + 2 * 16.0f * ctx.scale; }

NavAction nav_bar(Context& ctx, const char* back_label, const char* next_label, bool next_enabled,
                  const char* middle_label, bool middle_selected) {
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
    if (middle_label) {
        const float mw = column - 2 * bw - 2 * 16.0f * ctx.scale;
        ImGui::SetCursorPos(ImVec2(left + (column - mw) * 0.5f, top + (h - bh) * 0.5f));
        if (button(ctx, "nav.middle", middle_label, middle_selected ? ButtonStyle::Selected : ButtonStyle::Secondary,
                   ImVec2(mw, bh)))
            action = NavAction::Middle;
    }
    if (back_label) {
        ImGui::SetCursorPos(ImVec2(left, top + (h - bh) * 0.5f));
        if (button(ctx, "nav.back", back_label, ButtonStyle::Secondary, ImVec2(bw, bh))) action = NavAction::Back;
    }
    if (next_label) {
        ImGui::SetCursorPos(ImVec2(left + column - bw, top + (h - bh) * 0.5f));
        if (!next_enabled) ImGui::BeginDisabled();
        if (button(ctx, "nav.next", next_label, ButtonStyle::Primary, ImVec2(bw, bh))) action = NavAction::Next;
        if (!next_enabled) {
            ImGui::EndDisabled();
            const ImVec2 at = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
            ctx.widgets.add("nav.next", WidgetRect{at.x, at.y, size.x, size.y, false, size.x, size.y});
        }
    }
    return action;
}

void begin_column(Context& ctx, float max_width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(avail - 48.0f * ctx.scale, max_width * ctx.scale);
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

void heading(Context& ctx, const char* text, std::string_view id) {
    ImGui::PushFont(ctx.fonts.heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    if (!id.empty()) register_last_item(ctx, id);
}

bool numpad(Context& ctx, std::string_view id, std::string& value, std::size_t max_digits) {
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

    const float key = std::max(touch_target(ctx.scale) * 1.6f, 110.0f * ctx.scale);
    const float gap = 12.0f * ctx.scale;
    const float width = 3 * key + 2 * gap;
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
    register_last_item(ctx, std::string(id) + ".value");
    ImGui::Dummy(ImVec2(0, gap));

    const std::string base(id);
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", nullptr, "0", nullptr};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        if (i == 9) {
            if (button(ctx, base + ".clear", ctx.tr("kiosk.numpad.clear"), ButtonStyle::Secondary, ImVec2(key, key * 0.8f)) &&
                !value.empty()) {
                value.clear();
                changed = true;
            }
        } else if (i == 11) {
            if (button(ctx, base + ".delete", ctx.tr("kiosk.numpad.delete"), ButtonStyle::Secondary, ImVec2(key, key * 0.8f)) &&
                !value.empty()) {
                value.pop_back();
                changed = true;
            }
        } else {
            ImGui::PushFont(ctx.fonts.heading);
            if (button(ctx, base + "." + labels[i], labels[i], ButtonStyle::Secondary, ImVec2(key, key * 0.8f)))
                type(labels[i][0]);
            ImGui::PopFont();
        }
    }
    ImGui::PopStyleVar();
    return changed;
}

}  // namespace safetynet::ui

namespace safetynet::ui {

void begin_content(Context& ctx, bool leave_room_for_nav) {
    const float h = ImGui::GetContentRegionAvail().y - (leave_room_for_nav ? nav_bar_height(ctx) : 0.0f);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("content", ImVec2(0, std::max(h, 1.0f)), false);
    // Touch: a drag that starts on empty space scrolls, as on a phone.
    if (ImGui::IsWindowHovered() && !ImGui::IsAnyItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left))
        ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    ImGui::Dummy(ImVec2(0, 28.0f * ctx.scale));
}

void end_content() {
    ImGui::Dummy(ImVec2(0, 28.0f));
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace safetynet::ui
