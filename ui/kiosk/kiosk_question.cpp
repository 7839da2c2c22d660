#include "ui/kiosk/kiosk.hpp"
#include "core/base/number.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <string>

namespace safetynet::ui {
namespace {

using core::AnswerState;
using core::AnswerValue;
using core::Item;
using core::ItemType;

bool is_numeric(ItemType t) { return t == ItemType::Integer || t == ItemType::Decimal; }

// A thin bar showing how far along the person is: reassuring, and honest about what is left.
void progress(Context& ctx, std::size_t position, std::size_t count, float w) {
    const Palette& p = *ctx.palette;
    const std::string text = ctx.i18n.format("kiosk.progress", {{"n", std::to_string(position)}, {"total", std::to_string(count)}});
    paragraph(text.c_str(), ctx.fonts.small, p.text_muted);
    register_last_item(ctx, "progress");
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = 8 * ctx.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), ImGui::GetColorU32(p.secondary), h * 0.5f);
    const float f = count ? static_cast<float>(position) / static_cast<float>(count) : 0.0f;
    dl->AddRectFilled(at, ImVec2(at.x + w * f, at.y + h), ImGui::GetColorU32(p.primary), h * 0.5f);
    ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

void Kiosk::draw_question(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Response& r = m_flow.response();
    const std::size_t index = m_flow.current_item();
    const Item& it = m_flow.questionnaire().item(index);
    const std::string& lang = ctx.i18n.language();

    // The number pad edits a copy of the answer; load it when a new question comes up.
    if (m_number_item != index) {
        sodium_memzero(m_number.data(), m_number.size());
        m_number.clear();
        const auto& answers = r.answers(index);
        if (is_numeric(it.type) && !answers.empty())
            m_number = answers.front().type == core::ValueType::Integer ? std::to_string(answers.front().integer)
                                                                        : answers.front().to_string();
        m_number_item = index;
    }

    begin_content(ctx);
    begin_column(ctx, 1000);
    // Read aloud sits at the right of the progress line, always in the same place.
    const ImVec2 row = ImGui::GetCursorPos();
    float bar = column_width();
    float bottom = row.y;
    if (ctx.platform.speech_available()) {
        ImGui::PushFont(ctx.fonts.bold);
        const float w = ImGui::CalcTextSize(ctx.tr("kiosk.read_aloud")).x + 2 * ImGui::GetStyle().FramePadding.x;
        ImGui::PopFont();
        ImGui::SetCursorPos(ImVec2(row.x + column_width() - w, row.y));
        if (button(ctx, "read_aloud", ctx.tr("kiosk.read_aloud"), ButtonStyle::Secondary, ImVec2(w, 0))) read_aloud(ctx, index);
        bottom = ImGui::GetCursorPosY();
        bar -= w + 24 * ctx.scale;
        ImGui::SetCursorPos(ImVec2(row.x, row.y + 6 * ctx.scale));
    }
    progress(ctx, m_flow.position(), m_flow.question_count(), bar);
    ImGui::SetCursorPosY(std::max(bottom, ImGui::GetCursorPosY()));
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));

    // The group the question belongs to ("Living situation"), as a quiet label above it.
    for (const core::FlowStep& s : r.flow()) {
        if (s.item != index || s.group_path.empty()) continue;
        const std::string& group = m_flow.questionnaire().item(s.group_path.back()).text.in(lang);
        if (!group.empty()) paragraph(group.c_str(), ctx.fonts.bold, p.primary_active);
        break;
    }
    std::string text = it.prefix.in(lang).empty() ? it.text.in(lang) : it.prefix.in(lang) + " " + it.text.in(lang);
    heading(ctx, text.c_str(), "question.text");
    if (!it.help.empty()) paragraph(it.help.in(lang).c_str(), ctx.fonts.small, p.text_muted);
    ImGui::Dummy(ImVec2(0, 10 * ctx.scale));

    const float width = column_width();
    const bool declined = r.state(index) == AnswerState::Declined;
    // Keyboard: the digits pick the numbered answers (the read-aloud numbers them the same way).
    int typed_option = -1;
    if (!is_numeric(it.type)) {
        const ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
            if (io.InputQueueCharacters[i] >= '1' && io.InputQueueCharacters[i] <= '9')
                typed_option = io.InputQueueCharacters[i] - '1';
    }
    switch (it.type) {
        case ItemType::Choice:
        case ItemType::OpenChoice: {
            // Forms usually say "choose all that apply" in their help text; say it only if not.
            if (it.repeats && it.help.empty()) paragraph(ctx.tr("kiosk.choose_all"), ctx.fonts.small, p.text_muted);
            // Many short answers ("Pests", "Mold", ...) go in two columns, so the whole list
            // fits on a tablet screen without scrolling; long ones keep the full width.
            const float gap = ImGui::GetStyle().ItemSpacing.x;
            const float half = (width - gap) * 0.5f;
            const float one_line = option_button_height(ctx, "A", half);
            bool two_columns = it.options.size() > 4;
            for (const auto& o : it.options)  // at most two lines each in a half-width button
                two_columns = two_columns && option_button_height(ctx, o.label.in(lang).c_str(), half) < one_line * 1.9f;
            for (std::size_t k = 0; k < it.options.size(); ++k) {
                const std::string label = it.options[k].label.in(lang);
                float row_height = 0;  // both buttons of a row as tall as the taller one
                if (two_columns) {
                    const std::size_t first = k - k % 2;
                    for (std::size_t j = first; j < std::min(first + 2, it.options.size()); ++j)
                        row_height = std::max(row_height, option_button_height(ctx, it.options[j].label.in(lang).c_str(), half));
                    if (k % 2 == 1) ImGui::SameLine();
                }
                const bool chosen = option_button(ctx, "answer." + std::to_string(k), label.c_str(),
                                                  r.option_selected(index, k), it.repeats, two_columns ? half : width,
                                                  row_height) ||
                                    typed_option == static_cast<int>(k);
                if (chosen) {
                    if (it.repeats) r.toggle_option(index, k);
                    else r.select_option(index, k);
                }
            }
            break;
        }
        case ItemType::Boolean: {
            const auto& a = r.effective_answers(index);
            const bool yes = !a.empty() && a.front().boolean, no = !a.empty() && !a.front().boolean;
            if (option_button(ctx, "answer.yes", ctx.tr("kiosk.yes"), yes, false, width) || typed_option == 0)
                r.set(index, AnswerValue::of_bool(true));
            if (option_button(ctx, "answer.no", ctx.tr("kiosk.no"), no, false, width) || typed_option == 1)
                r.set(index, AnswerValue::of_bool(false));
            break;
        }
        case ItemType::Integer:
        case ItemType::Decimal: {
            if (numpad(ctx, "numpad", m_number, 9)) {
                const auto v = core::parse_integer(m_number);
                if (!v) {
                    r.clear(index);
                } else {
                    r.set(index, it.type == ItemType::Integer ? AnswerValue::of_integer(*v)
                                                              : AnswerValue::of_decimal(static_cast<double>(*v)));
                }
            }
            break;
        }
        case ItemType::String:
        case ItemType::Text:
        case ItemType::Date: {
            // Free text is rare on screening forms; the device's own keyboard is used for it.
            char buffer[512] = {};
            const auto& a = r.answers(index);
            if (!a.empty()) a.front().string.copy(buffer, sizeof buffer - 1);
            ImGui::PushFont(ctx.fonts.body);
            const bool edited = ImGui::InputText("##free", buffer, sizeof buffer);
            ImGui::PopFont();
            register_last_item(ctx, "answer.text");
            if (edited) {
                const std::string v(buffer);
                if (v.empty()) r.clear(index);
                else if (it.type == ItemType::Date) {
                    if (core::is_fhir_date(v)) r.set(index, AnswerValue::of_date(v));
                } else {
                    r.set(index, AnswerValue::of_string(v));
                }
            }
            sodium_memzero(buffer, sizeof buffer);
            break;
        }
        case ItemType::Group:
        case ItemType::Display: break;
    }
    end_column();
    end_content();

    const bool answered = !it.is_question() || r.state(index) != AnswerState::Unanswered;
    const char* next = answered ? ctx.tr("kiosk.next") : ctx.tr("kiosk.skip");
    // "Prefer not to answer" lives in the bar, so it is in view however long the answers are.
    NavAction action = nav_bar(ctx, m_flow.from_review() ? ctx.tr("kiosk.back_to_review") : ctx.tr("kiosk.back"), next,
                               true, it.is_question() ? ctx.tr("kiosk.prefer_not") : nullptr, declined);
    if (action == NavAction::Middle) {
        if (declined) r.clear(index);
        else r.decline(index);
        if (is_numeric(it.type)) m_number_item = static_cast<std::size_t>(-1);  // reload the pad
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
        action = NavAction::Next;
    if (action == NavAction::Back) m_flow.back();
    if (action == NavAction::Next) m_flow.next();
    if (action != NavAction::None) ctx.platform.stop_speaking();
}

void Kiosk::read_aloud(Context& ctx, std::size_t item) {
    const Item& it = m_flow.questionnaire().item(item);
    const std::string& lang = ctx.i18n.language();
    std::string text = it.text.in(lang);
    if (!it.help.empty()) text += ". " + it.help.in(lang);
    if (it.type == ItemType::Boolean) {
        text += ". 1: " + std::string(ctx.tr("kiosk.yes")) + ". 2: " + ctx.tr("kiosk.no") + ".";
    } else {
        for (std::size_t k = 0; k < it.options.size(); ++k)
            text += ". " + std::to_string(k + 1) + ": " + it.options[k].label.in(lang);
    }
    ctx.platform.speak(text, lang);
}

}  // namespace safetynet::ui
