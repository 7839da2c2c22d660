// The SDC FHIRPath pass over a response (SDC "Expressions": variable, calculatedExpression,
// enableWhenExpression, initialExpression), with the engine in core/fhir/fhirpath.hpp.
//
// Scoping, the same rule as tests/fhirpath/forms_oracle.mjs gives fhirpath.js: in document
// order, root variables first; an item's expressions take its own QuestionnaireResponse item
// as %context, in its own instance of a repeating group (SDC "Expressions": %context is the
// item the extension is on; the response itself when the item is not written yet); %resource is the
// response as it stands, %questionnaire the form; each variable is visible to every expression
// after it. Calculated answers feed other expressions, so the pass repeats until nothing
// changes (a few rounds; a form whose calculations never settle keeps the last round's values
// and gets an issue).
#include "core/screening/response.hpp"

#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <functional>

namespace safetynet::core {

using nlohmann::json;

namespace {

constexpr int kMaxRounds = 8;  // chains of calculated items in real forms are 2 or 3 long

// One FHIRPath result value as an answer value of the kind JSON shows (the item's type decides
// later, through Response::checked).
std::optional<AnswerValue> answer_of(const json& v) {
    if (v.is_boolean()) return AnswerValue::of_bool(v.get<bool>());
    if (v.is_number_integer()) return AnswerValue::of_integer(v.get<std::int64_t>());
    if (v.is_number()) return AnswerValue::of_decimal(v.get<double>());
    if (v.is_string()) return AnswerValue::of_string(v.get<std::string>());
    if (!v.is_object()) return std::nullopt;
    if (v.contains("value") && v["value"].is_number())  // a Quantity
        return AnswerValue::of_quantity(v["value"].get<double>(),
                                        Coding{v.value("system", ""), v.value("code", ""), v.value("unit", "")});
    if (v.contains("code") || v.contains("display"))  // a Coding
        return AnswerValue::of_coding(v.value("system", ""), v.value("code", ""), v.value("display", ""));
    return std::nullopt;
}

}  // namespace

void Response::set_launch_context(const std::string& name, json resource) {
    m_launch[name] = std::move(resource);
    m_expression_enabled.assign(m_items.size(), 1);
    recompute_static_enabled();
    evaluate_expressions(true);
}

// A calculated item's answers from the expression's result; true when they changed. A value
// that cannot answer the item (a string for a date item) is an issue, not an answer.
bool Response::store_calculated(std::size_t item, const json& values) {
    const Item& it = m_q->item(item);
    std::vector<AnswerValue> answers;
    for (const json& v : values) {
        std::optional<AnswerValue> a = answer_of(v);
        if (!a) continue;
        if (a->type == ValueType::Integer && (it.type == ItemType::Date || it.type == ItemType::String))
            a = AnswerValue::of_string(a->to_string());
        try {
            // An open-choice item takes a computed Coding even when it is not one of its options.
            if (it.type == ItemType::OpenChoice && a->type == ValueType::Coding && !it.find_option(*a))
                answers.push_back(*a);
            else
                answers.push_back(checked(item, std::move(*a)));
        } catch (const Error& e) {
            m_issues.push_back(ExpressionIssue{it.link_id, it.calculated_expression, e.message()});
        }
        if (!it.repeats && !answers.empty()) break;
    }
    ItemAnswers& stored = m_items[item];
    const bool same = stored.answers.size() == answers.size() &&
                      std::equal(answers.begin(), answers.end(), stored.answers.begin(),
                                 [](const AnswerValue& a, const AnswerValue& b) { return a.same_as(b); });
    if (same && !stored.declined) return false;
    stored.answers = std::move(answers);
    stored.declined = false;
    return true;
}

// SDC answerExpression: the values the expression gives are the item's options (Codings with
// their display, else the value as its own label), re-evaluated with every change.
bool Response::store_answer_options(const std::map<std::size_t, json>& computed) {
    std::shared_ptr<Questionnaire> layout;
    for (const auto& [item, values] : computed) {
        std::vector<AnswerOption> options;
        for (const json& v : values) {
            std::optional<AnswerValue> a = answer_of(v);
            if (!a) continue;
            AnswerOption o;
            o.label.base = a->type == ValueType::Coding && !a->coding.display.empty() ? a->coding.display : a->to_string();
            o.value = std::move(*a);
            if (std::none_of(options.begin(), options.end(), [&](const AnswerOption& x) { return x.value.same_as(o.value); }))
                options.push_back(std::move(o));
        }
        const std::vector<AnswerOption>& now = m_q->item(item).options;
        const bool same = now.size() == options.size() &&
                          std::equal(now.begin(), now.end(), options.begin(), [](const AnswerOption& x, const AnswerOption& y) {
                              return x.value.same_as(y.value) && x.label.base == y.label.base;
                          });
        if (same) continue;
        if (!layout) layout = std::make_shared<Questionnaire>(*m_q);
        layout->set_options(item, std::move(options));
    }
    if (!layout) return false;
    m_retired = std::move(m_q);
    m_q = std::move(layout);
    return true;
}

void Response::evaluate_expressions(bool initial) {
    for (int round = 0; round < kMaxRounds; ++round) {
        m_issues.clear();
        json qr;
        std::vector<const json*> written;
        build_fhir({}, qr, &written);
        fhirpath::Environment env;
        env.set_json("questionnaire", m_q->source_json());
        env.set_json("resource", qr);
        for (const auto& [name, resource] : m_launch) env.set_json(name, resource);
        bool changed = false;
        std::vector<char> expression_enabled(m_items.size(), 1);
        std::map<std::size_t, json> answer_options;  // answerExpression results, per item
        for (const ExpressionStep& step : m_q->expression_steps()) {
            const std::string link_id = step.item ? m_q->item(*step.item).link_id : std::string();
            const json* context = step.item ? written[*step.item] : nullptr;
            try {
                if (step.kind == ExpressionKind::Initial && !initial) continue;
                const fhirpath::Collection result =
                    context ? step.compiled->evaluate(fhirpath::Collection::of_element(*context, "QuestionnaireResponse.item"), env)
                            : step.compiled->evaluate(qr, env);
                switch (step.kind) {
                    case ExpressionKind::Variable: env.set(step.name, result); break;
                    case ExpressionKind::Calculated: changed |= store_calculated(*step.item, result.to_json()); break;
                    case ExpressionKind::EnableWhen:
                        expression_enabled[*step.item] = result.as_boolean().value_or(false) ? 1 : 0;
                        break;
                    case ExpressionKind::Initial:
                        // Only an item nobody has answered takes its initial value.
                        if (m_items[*step.item].answers.empty() && !m_items[*step.item].declined && !result.empty())
                            changed |= store_calculated(*step.item, result.to_json());
                        break;
                    case ExpressionKind::Answer: answer_options[*step.item] = result.to_json(); break;
                }
            } catch (const Error& e) {
                // The evaluation error names the expression; the item is added here.
                m_issues.push_back(ExpressionIssue{link_id, step.text, e.message()});
                if (step.kind == ExpressionKind::Variable) env.set(step.name, fhirpath::Collection());
            }
        }
        changed |= store_answer_options(answer_options);
        if (expression_enabled != m_expression_enabled) {
            m_expression_enabled = std::move(expression_enabled);
            changed = true;
        }
        initial = false;  // initial values once: later rounds see them as answers
        recompute_static_enabled();
        if (!changed) return;
    }
    m_issues.push_back(ExpressionIssue{"", "", "the calculated items did not settle after 8 rounds"});
}

}  // namespace safetynet::core
