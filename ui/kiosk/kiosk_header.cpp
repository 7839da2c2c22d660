#include "ui/kiosk/kiosk_welcome.hpp"
#include "ui/shell/widgets.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace safetynet::ui {
namespace {

struct Control {
    std::string id;
    const char* label;
    bool selected;
    float width;
    std::string lang;  // a language's own name is in that language
};

// More languages than this are listed behind a disclosure button outside the welcome screen.
constexpr std::size_t kLanguagesInline = 3;

}  // namespace

void draw_kiosk_header(Context& ctx, const std::string& site_name, const std::vector<std::string>& offered,
                       bool list_languages, DisplaySettings& settings) {
    const Palette& p = *ctx.palette;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = 24 * ctx.scale;
    const float gap = style.ItemSpacing.x;
    const float h = touch_target(ctx.scale);
    const float width = ImGui::GetWindowWidth();

    // The controls: languages (each in its own name), text sizes, contrast.
    static const char* const kSizeKeys[] = {"text.size.normal", "text.size.large", "text.size.xlarge", "text.size.xxlarge"};
    static_assert(std::size(kSizeKeys) == kTextSizes.size(), "a label for every text size");
    std::vector<Control> controls;
    ImGui::PushFont(ctx.fonts.bold);
    auto width_of = [&](const char* s) { return std::max(button_width(ctx, s), h); };
    // Each language the site offers, in its own name. Past a few, the list would take a small
    // screen's whole height on every question (11 languages at the largest text), so there the
    // header shows the current language as a disclosure button and lists the rest when it is
    // opened; the welcome screen, where a person first looks for their language, lists them all.
    std::vector<const core::LanguageInfo*> langs;
    for (const auto& l : ctx.i18n.languages())
        if (std::count(offered.begin(), offered.end(), l.code)) langs.push_back(&l);
    const bool compact = !list_languages && langs.size() > kLanguagesInline;
    std::string menu_label;
    if (compact) {
        // "Language: Español", in the screen's language: it says what the button opens and
        // which language is on, and is not the same name as the list's "Español" (WCAG 2.5.3:
        // the name is the visible label).
        std::string current = ctx.i18n.language();
        for (const auto* l : langs)
            if (l->code == ctx.i18n.language()) current = l->native_name;
        menu_label = ctx.i18n.format("lang.menu", {{"language", current}});
        controls.push_back({"lang.menu", menu_label.c_str(), settings.language_menu_open, width_of(menu_label.c_str()), {}});
    }
    if (!compact || settings.language_menu_open)
        for (const auto* l : langs)
            controls.push_back({"lang." + l->code, l->native_name.c_str(), ctx.i18n.language() == l->code,
                                width_of(l->native_name.c_str()), l->code});
    for (int i = 0; i < static_cast<int>(kTextSizes.size()); ++i)
        controls.push_back({"textsize." + std::to_string(i), ctx.tr(kSizeKeys[i]), settings.text_size == i,
                            width_of(ctx.tr(kSizeKeys[i])), {}});
    controls.push_back({"contrast", ctx.tr("contrast.high"), settings.high_contrast, width_of(ctx.tr("contrast.high")), {}});
    // Measured as drawn: shaped in a right-to-left language (paragraph() below).
    const float name_w = text_size(ctx, ctx.fonts.bold, site_name).x;
    // On its own row the name wraps (at 320 CSS px "Riverside Community Health (demo)" was cut).
    const float name_h = text_size(ctx, ctx.fonts.bold, site_name, width - 2 * pad).y;
    ImGui::PopFont();

    float controls_w = -gap;
    for (const auto& c : controls) controls_w += c.width + gap;

    // Lay out: one row when everything fits, else the site name above the controls, which
    // flow onto as many rows as the width needs (portrait tablets at the largest text size).
    const float row_h = h + 2 * 12 * ctx.scale;
    const bool one_row = pad + name_w + 2 * gap + controls_w + pad <= width;
    const float name_row_h = one_row ? row_h : std::max(row_h, name_h + 2 * 12 * ctx.scale);
    std::vector<ImVec2> pos;
    float x = one_row ? width - pad - controls_w : pad;
    float y = one_row ? (row_h - h) * 0.5f : name_row_h;
    for (const auto& c : controls) {
        if (!one_row && x > pad && x + c.width > width - pad) {
            x = pad;
            y += h + style.ItemSpacing.y;
        }
        pos.emplace_back(x, y);
        x += c.width + gap;
    }
    const float bar_h = one_row ? row_h : y + h + 12 * ctx.scale;
    // Right to left: the site's name at the right, the controls from the right edge leftwards.
    if (ctx.rtl)
        for (std::size_t i = 0; i < controls.size(); ++i) pos[i].x = width - pos[i].x - controls[i].width;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The window's top as laid out (in the compact layout the header scrolls with the page).
    const ImVec2 origin(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y - ImGui::GetScrollY());
    ctx.semantics.begin_group("header", Role::Banner, {});
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + bar_h), ImGui::GetColorU32(p.surface));
    dl->AddLine(ImVec2(origin.x, origin.y + bar_h), ImVec2(origin.x + width, origin.y + bar_h),
                ImGui::GetColorU32(p.border), 1.0f);

    ImGui::PushFont(ctx.fonts.bold);
    ImGui::SetCursorPos(ImVec2(ctx.rtl ? std::max(pad, width - pad - name_w) : pad,
                               one_row ? (row_h - ImGui::GetTextLineHeight()) * 0.5f : (name_row_h - name_h) * 0.5f));
    ImGui::PushTextWrapPos(width - pad);
    paragraph(ctx, site_name.c_str(), ctx.fonts.bold, p.primary_active);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();

    // The controls: each language in its own name (marked as that language), then the text
    // sizes and contrast, as buttons that stay pressed while chosen.
    begin_group(ctx, "display", Role::Group, ctx.tr("display.settings"));
    for (std::size_t i = 0; i < controls.size(); ++i) {
        const Control& c = controls[i];
        ImGui::SetCursorPos(pos[i]);
        const bool pressed = toggle_button(ctx, c.id, c.label, c.selected, ImVec2(c.width, 0));
        mark_language(ctx, ctx.semantics.last(), c.lang);
        if (c.id.rfind("textsize.", 0) == 0) ctx.semantics.last().description = ctx.tr("text.size");
        if (c.id == "lang.menu") {
            SemanticNode& n = ctx.semantics.last();  // a disclosure: aria-expanded, not pressed
            n.states = (n.states & ~(kPressed | kNotPressed)) | (settings.language_menu_open ? kExpanded : kCollapsed);
        }
        if (!pressed) continue;
        if (c.id == "lang.menu") {
            settings.language_menu_open = !settings.language_menu_open;
        } else if (c.id.rfind("lang.", 0) == 0) {
            ctx.i18n.set_language(c.id.substr(5));
            settings.language_menu_open = false;
        } else if (c.id.rfind("textsize.", 0) == 0) {
            settings.text_size = c.id.back() - '0';
        } else {
            settings.high_contrast = !settings.high_contrast;
        }
    }
    end_group(ctx);
    ctx.semantics.end_group();
    ImGui::SetCursorPos(ImVec2(0, bar_h));
}

}  // namespace safetynet::ui
