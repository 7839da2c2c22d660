#include "ui/workspace/workspace_widgets.hpp"

#include "ui/shell/widgets.hpp"

#include <string>

namespace safetynet::ui {

bool text_field(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size,
                ImGuiInputTextFlags flags, float width) {
    TextFieldOptions o;
    if (flags & ImGuiInputTextFlags_Password) o.kind = InputKind::Password;
    else if (flags & ImGuiInputTextFlags_CharsDecimal) o.kind = InputKind::Digits;
    o.width = width;
    return text_field(ctx, id, label, buf, size, o);
}

bool text_area(Context& ctx, std::string_view id, const char* label, char* buf, std::size_t size, float height) {
    TextFieldOptions o;
    o.kind = InputKind::Multiline;
    o.height = height;
    return text_field(ctx, id, label, buf, size, o);
}

void same_line_if_button_fits(const char* label, ImFont* font) {
    ImGui::PushFont(font);
    const float width = ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::PopFont();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

bool small_button(Context& ctx, std::string_view id, const char* label, bool enabled) {
    if (!enabled) ImGui::BeginDisabled();
    // At least 48 px tall (WCAG 2.5.5, and the workspace runs on tablets too).
    const float h = small_target(ctx.scale);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, (h - ImGui::GetFontSize()) * 0.5f));
    const bool pressed = framed_button(ctx, "###" + std::string(id), label);
    ImGui::PopStyleVar();
    describe(ctx, id, Role::Button, label);
    const bool activated = pressed_or_activated(ctx, id, pressed);
    if (!enabled) ImGui::EndDisabled();
    return activated && enabled;
}

void section_title(Context& ctx, const char* text) {
    ImGui::Dummy(ImVec2(0, 6 * ctx.scale));
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette->primary_active);
    heading(ctx, text, {}, 2);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

namespace {
struct CardFrame {
    ImVec2 start;
    float width;
    ImVec4 border;
    ImVec4 fill;
};
ImVector<CardFrame> g_cards;  // cards do not nest (one draw-list split at a time)
}  // namespace

void begin_panel(Context& ctx, const char* id, ImVec2 size) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4 * ctx.scale, 0));
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
}

void end_panel() { ImGui::EndChild(); }

void begin_card(Context& ctx, std::string_view id, const ImVec4* accent) {
    ImGui::PushID(std::string(id).c_str());
    const float pad = 12 * ctx.scale;
    g_cards.push_back(CardFrame{ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x,
                                accent ? *accent : ctx.palette->border, ctx.palette->surface});
    // Content on the top channel, the card's background drawn under it once its height is known.
    ImGui::GetWindowDrawList()->ChannelsSplit(2);
    ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, pad * 0.5f));
    ImGui::Indent(pad);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + g_cards.back().width - 2 * pad);
}

void end_card() {
    const CardFrame frame = g_cards.back();
    g_cards.pop_back();
    const float pad = ImGui::GetStyle().ItemSpacing.y;
    ImGui::PopTextWrapPos();
    ImGui::Unindent();
    ImGui::Dummy(ImVec2(0, pad));
    ImGui::EndGroup();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(frame.start.x + frame.width, ImGui::GetItemRectMax().y);
    dl->ChannelsSetCurrent(0);
    const float rounding = ImGui::GetStyle().FrameRounding;
    dl->AddRectFilled(frame.start, end, ImGui::GetColorU32(frame.fill), rounding);
    dl->AddRect(frame.start, end, ImGui::GetColorU32(frame.border), rounding, 0, 1.5f);
    dl->ChannelsMerge();
    ImGui::PopID();
    ImGui::Dummy(ImVec2(0, 2));
}

ImVec4 status_color(const Palette& p, core::TaskStatus s) {
    switch (s) {
        case core::TaskStatus::Completed: return ImVec4(0.13f, 0.52f, 0.25f, 1.0f);
        case core::TaskStatus::Rejected:
        case core::TaskStatus::Failed:
        case core::TaskStatus::Cancelled:
        case core::TaskStatus::EnteredInError: return p.text_muted;
        case core::TaskStatus::Accepted:
        case core::TaskStatus::InProgress: return p.primary;
        default: return p.primary_active;
    }
}

bool table_stacks(const Context& ctx, int columns) {
    // 110 px: "Denominator" in the body face, the longest header a cell must show unbroken.
    return room_on_line(ctx) < static_cast<float>(columns) * 110.0f * ctx.scale;
}

void stacked_row(Context& ctx, const std::vector<std::string>& headers, const std::vector<std::string>& cells) {
    if (cells.empty()) return;
    begin_group(ctx, {}, Role::ListItem, cells.front());
    draw_paragraph(ctx, cells.front().c_str(), ctx.fonts.bold, ctx.palette->text);
    for (std::size_t i = 1; i < cells.size() && i < headers.size(); ++i)
        if (!cells[i].empty())
            paragraph(ctx, ctx.i18n.format("ws.table.field", {{"column", headers[i]}, {"value", cells[i]}}).c_str(), ctx.fonts.body,
                      ctx.palette->text);
    end_group(ctx);
    ImGui::Separator();
}

void badge(Context& ctx, const char* text, const ImVec4& color) {
    const ImVec2 size = text_size(ctx, ImGui::GetFont(), text);
    const ImVec2 pad(8 * ctx.scale, 2 * ctx.scale);
    place_next(ctx, size.x + 2 * pad.x);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + size.x + 2 * pad.x, at.y + size.y + 2 * pad.y), ImGui::GetColorU32(color),
                      (size.y + 2 * pad.y) * 0.5f);
    draw_text(ctx, dl, ImGui::GetFont(), ImVec2(at.x + pad.x, at.y + pad.y), ImGui::GetColorU32(ctx.palette->on_primary), text);
    ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
    ctx.semantics.add_item({}, Role::Text, text);
}

}  // namespace safetynet::ui
