#include "ui/kiosk/kiosk.hpp"
#include "ui/shell/widgets.hpp"

namespace safetynet::ui {

// A ZIP code on the number pad, so services near the person come first. Optional: skipping it
// uses the site's own place.
void Kiosk::draw_location(Context& ctx) {
    const Palette& p = *ctx.palette;
    begin_content(ctx);
    begin_column(ctx, 720);
    heading(ctx, ctx.tr("kiosk.location.title"), "location.title");
    paragraph(ctx, ctx.tr("kiosk.location.lead"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 12 * ctx.scale));
    paragraph(ctx.tr("kiosk.location.zip"), ctx.fonts.bold, p.text);  // the pad's group carries it
    numpad(ctx, "zip", ctx.tr("kiosk.location.zip"), m_zip_entry, 5);
    end_column();
    end_content(ctx);
    // Like a question: "Skip" while nothing is typed, "Show services" once a ZIP is complete,
    // and nothing in between (a partial ZIP would silently match the wrong place).
    const bool complete = m_zip_entry.size() == 5;
    const char* next = m_zip_entry.empty() ? ctx.tr("kiosk.location.skip") : ctx.tr("kiosk.location.continue");
    const NavAction action = nav_bar(ctx, ctx.tr("kiosk.back"), next, complete || m_zip_entry.empty());
    if (action == NavAction::Back) m_flow.back();
    if (action == NavAction::Next && (complete || m_zip_entry.empty())) m_flow.set_location(m_zip_entry);
}

}  // namespace safetynet::ui
