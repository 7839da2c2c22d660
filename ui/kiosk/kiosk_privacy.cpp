#include "ui/kiosk/kiosk.hpp"
#include "ui/shell/widgets.hpp"

namespace safetynet::ui {

// A short, plain-language notice: what stays here, what the person decides, what is erased.
void Kiosk::draw_privacy(Context& ctx) {
    const Palette& p = *ctx.palette;
    begin_content(ctx);
    begin_column(ctx);
    heading(ctx, ctx.tr("kiosk.privacy.title"), "privacy.title");
    ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    begin_group(ctx, "privacy.points", Role::List, ctx.tr("kiosk.privacy.title"));
    for (const char* key : {"kiosk.privacy.local", "kiosk.privacy.share", "kiosk.privacy.skip", "kiosk.privacy.erase"}) {
        // A bullet as a small filled circle beside each point: easy to scan, no glyph needed.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float line = font_px(ctx.fonts.body);
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + 8 * ctx.scale, at.y + line * 0.55f), 5 * ctx.scale,
                                                    ImGui::GetColorU32(p.primary));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 28 * ctx.scale);
        begin_group(ctx, key, Role::ListItem, {});
        paragraph(ctx, ctx.tr(key), ctx.fonts.body, p.text);
        end_group(ctx);
        ImGui::Dummy(ImVec2(0, 6 * ctx.scale));
    }
    end_group(ctx);
    end_column();
    end_content(ctx);
    switch (nav_bar(ctx, ctx.tr("kiosk.back"), ctx.tr("kiosk.privacy.continue"))) {
        case NavAction::Back: m_flow.back(); break;
        case NavAction::Next: m_flow.accept_privacy(); break;
        case NavAction::None:
        case NavAction::Middle: break;
    }
}

}  // namespace safetynet::ui
