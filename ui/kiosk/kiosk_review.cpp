#include "ui/kiosk/kiosk.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>

namespace safetynet::ui {

std::string Kiosk::answer_text(Context& ctx, std::size_t item) const {
    const core::Response& r = m_flow.response();
    const core::Item& it = m_flow.questionnaire().item(item);
    switch (r.state(item)) {
        case core::AnswerState::Unanswered: return ctx.tr("kiosk.review.not_answered");
        case core::AnswerState::Declined: return ctx.tr("kiosk.review.declined");
        case core::AnswerState::Answered: break;
    }
    std::string out;
    for (const core::AnswerValue& v : r.effective_answers(item)) {
        if (!out.empty()) out += "; ";
        if (v.type == core::ValueType::Boolean) {
            out += v.boolean ? ctx.tr("kiosk.yes") : ctx.tr("kiosk.no");
        } else if (const auto k = it.find_option(v)) {
            out += it.options[*k].label.in(ctx.form_lang());
        } else {
            out += v.to_string();
        }
    }
    return out;
}

// Every question asked, with its answer and a "Change" button: nothing is final until here.
void Kiosk::draw_review(Context& ctx) {
    const Palette& p = *ctx.palette;
    const std::string& lang = ctx.form_lang();
    begin_content(ctx);
    begin_column(ctx);
    heading(ctx, ctx.tr("kiosk.review.title"), "review.title");
    paragraph(ctx, ctx.tr("kiosk.review.lead"), ctx.fonts.body, p.text_muted);
    ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    const float width = column_width();
    std::optional<std::size_t> change;
    for (const core::FlowStep& s : m_flow.response().flow()) {
        const core::Item& it = m_flow.questionnaire().item(s.item);
        if (!it.is_question()) continue;
        ImGui::PushID(static_cast<int>(s.item));
        const std::string& question = it.text.in(lang);
        begin_group(ctx, "review." + it.link_id, Role::Group, question);
        // A card per question: the question in small type, the answer large, "Change" at the right.
        const float change_w = std::max(ImGui::CalcTextSize(ctx.tr("kiosk.review.change")).x * 1.3f + 40 * ctx.scale,
                                        touch_target(ctx.scale) * 2.2f);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - change_w - 24 * ctx.scale);
        paragraph(ctx, question.c_str(), ctx.fonts.small, p.text_muted, &question == &it.text.base ? "en" : lang);
        const std::string answer = answer_text(ctx, s.item);
        const bool missing = m_flow.response().state(s.item) != core::AnswerState::Answered;
        paragraph(ctx, answer.c_str(), ctx.fonts.bold, missing ? p.text_muted : p.text);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float card_h = std::max(ImGui::GetItemRectSize().y, touch_target(ctx.scale));
        ImGui::SetCursorScreenPos(ImVec2(top.x + width - change_w, top.y + (card_h - touch_target(ctx.scale)) * 0.5f));
        if (button(ctx, "review.change." + it.link_id, ctx.tr("kiosk.review.change"), ButtonStyle::Secondary,
                   ImVec2(change_w, 0)))
            change = s.item;
        ctx.semantics.last().description = question;  // "Change", and which answer
        ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + card_h + 10 * ctx.scale));
        ImGui::GetWindowDrawList()->AddLine(ImVec2(top.x, top.y + card_h + 5 * ctx.scale),
                                            ImVec2(top.x + width, top.y + card_h + 5 * ctx.scale),
                                            ImGui::GetColorU32(p.border));
        ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
        end_group(ctx);
        ImGui::PopID();
    }
    end_column();
    end_content(ctx);
    switch (nav_bar(ctx, ctx.tr("kiosk.back"), ctx.tr("kiosk.review.done"))) {
        case NavAction::Back: m_flow.back(); break;
        case NavAction::Next: m_flow.finish_review(); break;
        case NavAction::None:
        case NavAction::Middle: break;
    }
    if (change) m_flow.change_answer(*change);
}

}  // namespace safetynet::ui
