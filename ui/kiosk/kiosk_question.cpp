#include "ui/kiosk/kiosk.hpp"
#include "core/base/error.hpp"
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

bool is_numeric(ItemType t) { return t == ItemType::Integer || t == ItemType::Decimal || t == ItemType::Quantity; }

// A thin bar showing how far along the person is: reassuring, and honest about what is left.
// Drawn from `x` (in the window), `w` wide; it fills from where reading starts (the right in a
// right-to-left language), and its words end at the column's edge there.
void progress(Context& ctx, std::size_t position, std::size_t count, float x, float w) {
    const Palette& p = *ctx.palette;
    const std::string text = ctx.i18n.format("kiosk.progress", {{"n", std::to_string(position)}, {"total", std::to_string(count)}});
    ImGui::SetCursorPosX(x);
    paragraph(ctx, text.c_str(), ctx.fonts.small, p.text_muted);
    register_last_item(ctx, "progress");
    ImGui::SetCursorPosX(x);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = 8 * ctx.scale;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + w, at.y + h), ImGui::GetColorU32(p.secondary), h * 0.5f);
    const float filled = w * (count ? static_cast<float>(position) / static_cast<float>(count) : 0.0f);
    const float from = ctx.rtl ? at.x + w - filled : at.x;
    dl->AddRectFilled(ImVec2(from, at.y), ImVec2(from + filled, at.y + h), ImGui::GetColorU32(p.primary), h * 0.5f);
    ImGui::Dummy(ImVec2(w, h));
}

// The answer a digit key picks this frame (0 for '1'), or -1. Keyboard users pick the
// numbered answers with the digits; the read-aloud numbers them the same way.
int typed_option_digit() {
    int typed = -1;
    const ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
        if (io.InputQueueCharacters[i] >= '1' && io.InputQueueCharacters[i] <= '9') typed = io.InputQueueCharacters[i] - '1';
    return typed;
}

// The question as its heading says it: "1. What is your living situation today?".
std::string question_label(const Item& it, const std::string& lang) {
    return it.prefix.in(lang).empty() ? it.text.in(lang) : it.prefix.in(lang) + " " + it.text.in(lang);
}

// The group the question belongs to ("Living situation"), as a quiet label above it; then the
// question and its help text.
void question_text(Context& ctx, const core::Questionnaire& q, const core::Response& r, std::size_t index) {
    const Palette& p = *ctx.palette;
    const Item& it = q.item(index);
    const std::string& lang = ctx.form_lang();
    for (const core::FlowStep& s : r.flow()) {
        if (s.item != index || s.group_path.empty()) continue;
        const std::string& group = q.item(s.group_path.back()).text.in(lang);
        if (!group.empty()) paragraph(ctx, group.c_str(), ctx.fonts.bold, p.primary_active);
        break;
    }
    const std::string text = question_label(it, lang);
    heading(ctx, text.c_str(), "question.text");
    // Asked in the form's language rather than the screen's: say so (WCAG 3.1.2).
    mark_language(ctx, ctx.semantics.last(), lang);
    if (!it.help.empty()) paragraph(ctx, it.help.in(lang).c_str(), ctx.fonts.small, p.text_muted);
    ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
}

// Whether the options go in two columns: many short answers ("Pests", "Mold", ...) do, so the
// whole list fits on a tablet screen without scrolling; long ones keep the full width.
bool options_in_two_columns(Context& ctx, const Item& it, float half) {
    const std::string& lang = ctx.form_lang();
    const float one_line = option_button_height(ctx, "A", half);
    bool two_columns = it.options.size() > 4;
    for (const auto& o : it.options)  // at most two lines each in a half-width button
        two_columns = two_columns && option_button_height(ctx, o.label.in(lang).c_str(), half) < one_line * 1.9f;
    return two_columns;
}

// The height of option k's row in two columns: both buttons as tall as the taller one.
float option_row_height(Context& ctx, const Item& it, std::size_t k, float half) {
    const std::string& lang = ctx.form_lang();
    float row_height = 0;
    const std::size_t first = k - k % 2;
    for (std::size_t j = first; j < std::min(first + 2, it.options.size()); ++j)
        row_height = std::max(row_height, option_button_height(ctx, it.options[j].label.in(lang).c_str(), half));
    return row_height;
}

void choice_answers(Context& ctx, core::Response& r, const Item& it, std::size_t index, int typed_option) {
    const std::string& lang = ctx.form_lang();
    const float width = column_width();
    // Forms usually say "choose all that apply" in their help text; say it only if not.
    if (it.repeats && it.help.empty()) paragraph(ctx, ctx.tr("kiosk.choose_all"), ctx.fonts.small, ctx.palette->text_muted);
    const float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool two_columns = options_in_two_columns(ctx, it, half);
    // The answers are one group named by the question (a radio group when one may be chosen).
    begin_group(ctx, "answers", it.repeats ? Role::Group : Role::RadioGroup, question_label(it, lang));
    for (std::size_t k = 0; k < it.options.size(); ++k) {
        const std::string label = it.options[k].label.in(lang);
        float row_height = 0;
        if (two_columns) {
            row_height = option_row_height(ctx, it, k, half);
            if (k % 2 == 1) ImGui::SameLine();
        }
        const bool chosen = option_button(ctx, "answer." + std::to_string(k), label.c_str(), r.option_selected(index, k),
                                          it.repeats, two_columns ? half : width, row_height) ||
                            typed_option == static_cast<int>(k);
        if (!chosen) continue;
        if (it.repeats) r.toggle_option(index, k);
        else r.select_option(index, k);
    }
    end_group(ctx);
}

void boolean_answers(Context& ctx, core::Response& r, const Item& it, std::size_t index, int typed_option) {
    const float width = column_width();
    const auto& a = r.effective_answers(index);
    const bool yes = !a.empty() && a.front().boolean, no = !a.empty() && !a.front().boolean;
    begin_group(ctx, "answers", Role::RadioGroup, question_label(it, ctx.form_lang()));
    if (option_button(ctx, "answer.yes", ctx.tr("kiosk.yes"), yes, false, width) || typed_option == 0)
        r.set(index, AnswerValue::of_bool(true));
    if (option_button(ctx, "answer.no", ctx.tr("kiosk.no"), no, false, width) || typed_option == 1)
        r.set(index, AnswerValue::of_bool(false));
    end_group(ctx);
}

// The number pad's text as the answer: whole digits only, else no answer.
void number_answer(core::Response& r, const Item& it, std::size_t index, const std::string& typed) {
    const auto v = core::parse_integer(typed);
    if (!v) {
        r.clear(index);
        return;
    }
    r.set(index, it.type == ItemType::Integer ? AnswerValue::of_integer(*v) : AnswerValue::of_decimal(static_cast<double>(*v)));
}

// Free text is rare on screening forms; the device's own keyboard is used for it.
void free_text_answer(Context& ctx, core::Response& r, const Item& it, std::size_t index) {
    char buffer[512] = {};
    const auto& a = r.answers(index);
    if (!a.empty()) a.front().string.copy(buffer, sizeof buffer - 1);
    // A real text field (an <input> over it in the browser: on-screen keyboard, dictation, IME).
    TextFieldOptions o;
    o.kind = it.type == ItemType::Date ? InputKind::Date : it.type == ItemType::Text ? InputKind::Multiline : InputKind::Text;
    o.width = column_width();
    if (it.type == ItemType::Date) o.hint = "YYYY-MM-DD";
    if (it.type == ItemType::Text) o.height = 160 * ctx.scale;
    const bool edited = text_field(ctx, "answer.text", ctx.tr("kiosk.your_answer"), buffer, sizeof buffer, o);
    if (edited) {
        const std::string v(buffer);
        try {
            if (v.empty()) r.clear(index);
            else r.set_typed(index, v);
        } catch (const core::Error&) {
            // not a date / time / URL yet: the field keeps what was typed until it is one
        }
    }
    sodium_memzero(buffer, sizeof buffer);
}

// An answer as text for a read-only item: the option's label, else the value (with its unit).
std::string read_only_text(const Item& it, const AnswerValue& a, Context& ctx) {
    if (const auto k = it.find_option(a)) return it.options[*k].label.in(ctx.form_lang());
    if (a.type == core::ValueType::Coding && !a.coding.display.empty()) return a.coding.display;
    return a.to_string();
}

bool enter_pressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
}

}  // namespace

void Kiosk::draw_question(Context& ctx) {
    core::Response& r = m_flow.response();
    const std::size_t index = m_flow.current_item();
    const Item& it = m_flow.questionnaire().item(index);
    load_number_pad(index);

    begin_content(ctx);
    begin_column(ctx, 1000);
    draw_question_progress(ctx, index);
    if (m_translation_withheld || m_untranslated) {
        paragraph(ctx, ctx.tr(m_translation_withheld ? "kiosk.form.english" : "kiosk.form.untranslated"), ctx.fonts.small,
                  ctx.palette->text);
        register_last_item(ctx, "question.language_note");
        ctx.semantics.last().id = "question.language_note";
    }
    question_text(ctx, m_flow.questionnaire(), r, index);
    // Read before the answers are drawn: the bar shows the state the person saw.
    const bool declined = r.state(index) == AnswerState::Declined;
    draw_answers(ctx, it, index);
    const std::optional<InstanceAction> instance = draw_instance_buttons(ctx, index);
    end_column();
    end_content();

    question_nav(ctx, it, index, declined);
    if (instance && m_flow.step() == KioskStep::Question && m_flow.current_item() == index) {
        if (instance->add) m_flow.add_instance(instance->group);
        else m_flow.remove_instance(instance->group);
        m_number_item = static_cast<std::size_t>(-1);  // item indices moved: reload the pad
    }
}

std::optional<Kiosk::InstanceAction> Kiosk::draw_instance_buttons(Context& ctx, std::size_t index) {
    const core::Response& r = m_flow.response();
    const core::Questionnaire& q = m_flow.questionnaire();
    std::optional<InstanceAction> pressed;
    for (const std::size_t g : r.instances_ending_at(index)) {
        const std::string group = q.item(g).text.in(ctx.i18n.language());
        const std::string key = q.item(g).link_id + q.instance_key(g);
        ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
        if (r.can_add_instance(g)) {
            const std::string label = ctx.i18n.format("kiosk.instance.add", {{"group", group}});
            if (button(ctx, "instance.add." + key, label.c_str(), ButtonStyle::Secondary)) pressed = InstanceAction{g, true};
        }
        if (r.can_remove_instance(g)) {
            if (r.can_add_instance(g)) ImGui::SameLine();
            const std::string n = std::to_string(q.instance_number(g) + 1);
            const std::string label = ctx.i18n.format("kiosk.instance.remove", {{"group", group}, {"n", n}});
            if (button(ctx, "instance.remove." + key, label.c_str(), ButtonStyle::Secondary)) pressed = InstanceAction{g, false};
        }
    }
    return pressed;
}

// The number pad edits a copy of the answer; load it when a new question comes up.
void Kiosk::load_number_pad(std::size_t index) {
    if (m_number_item == index) return;
    sodium_memzero(m_number.data(), m_number.size());
    m_number.clear();
    const Item& it = m_flow.questionnaire().item(index);
    const auto& answers = m_flow.response().answers(index);
    if (is_numeric(it.type) && !answers.empty())
        m_number = answers.front().type == core::ValueType::Integer ? std::to_string(answers.front().integer)
                                                                    : answers.front().to_string();
    m_number_item = index;
}

// The progress line, with Read aloud at its end (its left in a right-to-left language), always in
// the same place.
void Kiosk::draw_question_progress(Context& ctx, std::size_t index) {
    const ImVec2 row = ImGui::GetCursorPos();
    float bar = column_width(), bar_x = row.x;
    float bottom = row.y;
    if (ctx.platform.speech_available()) {
        const float w = button_width(ctx, ctx.tr("kiosk.read_aloud"));
        ImGui::SetCursorPos(ImVec2(ctx.rtl ? row.x : row.x + column_width() - w, row.y));
        if (button(ctx, "read_aloud", ctx.tr("kiosk.read_aloud"), ButtonStyle::Secondary, ImVec2(w, 0))) read_aloud(ctx, index);
        bottom = ImGui::GetCursorPosY();
        bar -= w + 24 * ctx.scale;
        if (ctx.rtl) bar_x += w + 24 * ctx.scale;
        ImGui::SetCursorPos(ImVec2(row.x, row.y + 6 * ctx.scale));
    }
    // A display item (the safety questions' introduction) is not a question: no "Question 0 of 10".
    if (m_flow.position() > 0) progress(ctx, m_flow.position(), m_flow.question_count(), bar_x, bar);
    ImGui::SetCursorPosY(std::max(bottom, ImGui::GetCursorPosY()));
    if (m_no_voice == screen_key() + "/" + ctx.i18n.language()) {
        paragraph(ctx, ctx.tr("kiosk.read_aloud.no_voice"), ctx.fonts.bold, ctx.palette->text);
        register_last_item(ctx, "read_aloud.no_voice");
    }
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
}

void Kiosk::draw_answers(Context& ctx, const Item& it, std::size_t index) {
    core::Response& r = m_flow.response();
    const int typed_option = is_numeric(it.type) || it.options.empty() ? -1 : typed_option_digit();
    if (it.read_only) {
        // Calculated or read-only: shown, not edited (SDC calculatedExpression).
        std::string shown;
        for (const AnswerValue& a : r.effective_answers(index)) shown += (shown.empty() ? "" : ", ") + read_only_text(it, a, ctx);
        paragraph(shown.empty() ? ctx.tr("kiosk.calculated_empty") : shown.c_str(), ctx.fonts.body, ctx.palette->text);
        register_last_item(ctx, "answer.calculated");
        return;
    }
    if (!it.unresolved_value_set.empty()) {
        const std::string note = ctx.i18n.format("kiosk.valueset_free_text", {{"name", it.unresolved_value_set}});
        paragraph(note.c_str(), ctx.fonts.small, ctx.palette->text_muted);
    }
    if (!it.options.empty() && it.type != ItemType::Choice && it.type != ItemType::OpenChoice) {
        choice_answers(ctx, r, it, index, typed_option);  // an answer list on a typed item (que-5)
        return;
    }
    switch (it.type) {
        case ItemType::Choice: choice_answers(ctx, r, it, index, typed_option); break;
        case ItemType::OpenChoice:
            if (it.options.empty()) free_text_answer(ctx, r, it, index);
            else choice_answers(ctx, r, it, index, typed_option);
            break;
        case ItemType::Boolean: boolean_answers(ctx, r, it, index, typed_option); break;
        case ItemType::Quantity:  // a bare number takes the form's first unit (Response::set)
        case ItemType::Integer:
        case ItemType::Decimal:
            if (numpad(ctx, "numpad", m_number, 9)) number_answer(r, it, index, m_number);
            break;
        case ItemType::String:
        case ItemType::Text:
        case ItemType::Date:
        case ItemType::DateTime:
        case ItemType::Time:
        case ItemType::Url: free_text_answer(ctx, r, it, index); break;
        case ItemType::Group:
        case ItemType::Display: break;
    }
}

// Back, Next (or Skip while unanswered), and "Prefer not to answer", which lives in the bar so
// it is in view however long the answers are. Enter means Next.
void Kiosk::question_nav(Context& ctx, const Item& it, std::size_t index, bool declined) {
    core::Response& r = m_flow.response();
    const bool answered = !it.is_question() || r.state(index) != AnswerState::Unanswered;
    const char* next = answered ? ctx.tr("kiosk.next") : ctx.tr("kiosk.skip");
    NavAction action = nav_bar(ctx, m_flow.from_review() ? ctx.tr("kiosk.back_to_review") : ctx.tr("kiosk.back"), next,
                               true, it.is_question() ? ctx.tr("kiosk.prefer_not") : nullptr, declined);
    if (action == NavAction::Middle) {
        if (declined) r.clear(index);
        else r.decline(index);
        if (is_numeric(it.type)) m_number_item = static_cast<std::size_t>(-1);  // reload the pad
    }
    if (enter_pressed()) action = NavAction::Next;
    if (action == NavAction::Back) m_flow.back();
    if (action == NavAction::Next) m_flow.next();
    if (action != NavAction::None) ctx.platform.stop_speaking();
}

void Kiosk::read_aloud(Context& ctx, std::size_t item) {
    const Item& it = m_flow.questionnaire().item(item);
    const std::string& lang = ctx.form_lang();
    std::string text = it.text.in(lang);
    if (!it.help.empty()) text += ". " + it.help.in(lang);
    if (it.type == ItemType::Boolean) {
        text += ". 1: " + std::string(ctx.tr("kiosk.yes")) + ". 2: " + ctx.tr("kiosk.no") + ".";
    } else {
        for (std::size_t k = 0; k < it.options.size(); ++k)
            text += ". " + std::to_string(k + 1) + ": " + it.options[k].label.in(lang);
    }
    if (ctx.platform.speak(text, lang)) return;
    // No voice for this language on this device: said plainly, on the screen and to a screen
    // reader (issue #14 item 5), rather than read in another language's voice.
    m_no_voice = screen_key() + "/" + lang;
    ctx.semantics.announce(ctx.tr("kiosk.read_aloud.no_voice"));
}

}  // namespace safetynet::ui
