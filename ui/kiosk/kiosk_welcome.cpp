#include "ui/kiosk/kiosk_welcome.hpp"
#include "ui/shell/widgets.hpp"

#include <algorithm>

namespace safetynet::ui {

WelcomeAction draw_kiosk_welcome(Context& ctx) {
    const Palette& p = *ctx.palette;
    // One readable column: long lines are hard to follow, especially in a second language.
    const float column = std::min(ImGui::GetContentRegionAvail().x - 48 * ctx.scale, 760 * ctx.scale);
    const float top = ImGui::GetCursorPosY() + 56 * ctx.scale;
    ImGui::SetCursorPosY(top);
    center_next(column);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);

    ctx.semantics.begin_group("main", Role::Main, {});
    heading(ctx, ctx.tr("welcome.title"), "welcome.title");
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    paragraph(ctx, ctx.tr("welcome.lead"), ctx.fonts.body, p.text);
    paragraph(ctx, ctx.tr("welcome.why"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    paragraph(ctx, ctx.tr("welcome.privacy"), ctx.fonts.small, p.text_muted);
    ImGui::Dummy(ImVec2(0, 24 * ctx.scale));

    WelcomeAction action = WelcomeAction::None;
    if (button(ctx, "welcome.start", ctx.tr("welcome.start"), ButtonStyle::Primary,
               ImVec2(column, touch_target(ctx.scale) * 1.3f)))
        action = WelcomeAction::Start;

    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ctx.semantics.end_group();

    // Staff: small and out of the way at the bottom left (right, right to left), behind a PIN;
    // below the welcome text when the screen is too short for both (a phone, a zoomed browser),
    // never over it.
    const float h = touch_target(ctx.scale);
    const float w = std::max(button_width(ctx, ctx.tr("staff.open")), h);
    const float below = ImGui::GetCursorPosY() + 24 * ctx.scale;
    const float x = ctx.rtl ? ImGui::GetWindowWidth() - 24 * ctx.scale - w : 24 * ctx.scale;
    ImGui::SetCursorPos(ImVec2(x, std::max(below, ImGui::GetWindowHeight() - h - 16 * ctx.scale)));
    if (button(ctx, "staff.open", ctx.tr("staff.open"), ButtonStyle::Secondary, ImVec2(w, 0))) action = WelcomeAction::Staff;
    ImGui::Dummy(ImVec2(0, 16 * ctx.scale));
    return action;
}

}  // namespace safetynet::ui
