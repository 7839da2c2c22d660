// The answers to a Questionnaire: enableWhen, validation, exclusive options, and the FHIR
// QuestionnaireResponse both ways.
//
// [SECTION] Answering
// [SECTION] enableWhen
// [SECTION] Reading and validation
// [SECTION] FHIR QuestionnaireResponse out
// [SECTION] FHIR QuestionnaireResponse and simple answers in
#include "core/screening/response.hpp"

#include "core/base/error.hpp"
#include "core/base/error_param.hpp"
#include "core/base/json_read.hpp"
#include "core/base/number.hpp"
#include "core/screening/form_expressions.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace safetynet::core {

using nlohmann::json;

namespace {
// FHIR core extension for "the value is missing, and why" (R4 extension-data-absent-reason);
// on a QuestionnaireResponse item it records that the person declined to answer.
constexpr const char* kDataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
constexpr int kMaxResponseDepth = 40;

const std::vector<AnswerValue> kNoAnswers;
}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Answering
//----------------------------------------------------------------------------------------------

Response::Response(std::shared_ptr<const Questionnaire> questionnaire)
    : m_form(std::move(questionnaire)), m_q(m_form) {
    if (!m_q) throw Error("no-questionnaire", "", "a response needs a questionnaire");
    m_items.resize(m_q->items().size());
    m_enabled.assign(m_q->items().size(), 1);
    m_expression_enabled.assign(m_q->items().size(), 1);
    apply_initial();
}

void Response::add_translation(const InstrumentTranslation& t) {
    const bool same = m_q == m_form;
    auto form = std::make_shared<Questionnaire>(*m_form);
    core::add_translation(*form, t);
    m_form = std::move(form);
    if (same) {
        m_q = m_form;
        return;
    }
    auto layout = std::make_shared<Questionnaire>(*m_q);
    core::add_translation(*layout, t);
    m_q = std::move(layout);
}

// Through the engine the program linked (core/screening/form_expressions.hpp): a form with
// expressions is only ever parsed where there is one.
void Response::evaluate_with_engine(bool initial) {
    if (const FormExpressionEngine* engine = form_expression_engine()) engine->evaluate(*this, initial);
}

void Response::apply_initial() {
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        m_items[i] = ItemAnswers{};
        for (const AnswerValue& v : m_q->item(i).initial) m_items[i].answers.push_back(checked(i, v));
    }
    m_expression_enabled.assign(m_items.size(), 1);
    recompute_static_enabled();
    if (m_q->has_expressions()) evaluate_with_engine(true);
}

void Response::wipe() {
    // Overwrite the text of every answer before letting it go: answers are PHI, and a kiosk
    // session must leave nothing behind (sodium_memzero is not optimised away).
    for (ItemAnswers& a : m_items)
        for (AnswerValue& v : a.answers) {
            sodium_memzero(v.string.data(), v.string.size());
            sodium_memzero(v.coding.code.data(), v.coding.code.size());
        }
    m_authored.clear();
    m_subject = nullptr;
    m_q = m_form;  // one instance of each repeating group again
    m_items.assign(m_q->items().size(), ItemAnswers{});
    m_enabled.assign(m_q->items().size(), 1);
    apply_initial();
}

//----------------------------------------------------------------------------------------------
// [SECTION] Instances of repeating groups
//----------------------------------------------------------------------------------------------

namespace {

// A per-item vector after a change of instances; new items get `fill`.
template <typename T>
void remap(std::vector<T>& v, const Questionnaire::Reindex& r, std::size_t new_size, const T& fill) {
    std::vector<T> out(new_size, fill);
    for (std::size_t i = 0; i < v.size() && i < r.old_to_new.size(); ++i)
        if (r.old_to_new[i] < new_size) out[r.old_to_new[i]] = std::move(v[i]);
    v = std::move(out);
}

}  // namespace

bool Response::can_add_instance(std::size_t group) const {
    const Item& g = m_q->item(group);
    if (g.type != ItemType::Group || !g.repeats) return false;
    return !g.max_occurs || m_q->instances(group).size() < static_cast<std::size_t>(*g.max_occurs);
}

bool Response::can_remove_instance(std::size_t group) const {
    const Item& g = m_q->item(group);
    return g.type == ItemType::Group && g.repeats && m_q->instances(group).size() > 1;
}

Questionnaire::Reindex Response::add_instance(std::size_t group) {
    const Questionnaire::Reindex r = grow(group);
    recompute_enabled();
    return r;
}

Questionnaire::Reindex Response::grow(std::size_t group) {
    auto layout = std::make_shared<Questionnaire>(*m_q);
    const Questionnaire::Reindex r = layout->add_instance(group);
    follow(std::move(layout), r);
    for (std::size_t i = r.first; i < r.first + r.count; ++i)
        for (const AnswerValue& v : m_q->item(i).initial) m_items[i].answers.push_back(checked(i, v));
    return r;
}

Questionnaire::Reindex Response::remove_instance(std::size_t group) {
    auto layout = std::make_shared<Questionnaire>(*m_q);
    const Questionnaire::Reindex r = layout->remove_instance(group);
    // The removed instance's answers are PHI: overwritten before they go.
    for (std::size_t i = r.first; i < r.first + r.count; ++i)
        for (AnswerValue& v : m_items[i].answers) {
            sodium_memzero(v.string.data(), v.string.size());
            sodium_memzero(v.coding.code.data(), v.coding.code.size());
        }
    follow(std::move(layout), r);
    recompute_enabled();
    return r;
}

std::vector<std::size_t> Response::instances_ending_at(std::size_t item) const {
    std::vector<std::size_t> out;
    for (auto g = m_q->repeating_group_of(item); g; g = m_q->repeating_group_of(*m_q->item(*g).parent)) {
        if (!m_enabled[*g]) break;
        std::optional<std::size_t> last;  // the group's last item in flow()
        for (std::size_t i = *g + 1; i < m_q->subtree_end(*g); ++i)
            if (m_enabled[i] && m_q->item(i).type != ItemType::Group) last = i;
        if (last != item) break;
        out.push_back(*g);
        if (!m_q->item(*g).parent) break;
    }
    return out;
}

void Response::follow(std::shared_ptr<const Questionnaire> layout, const Questionnaire::Reindex& r) {
    const std::size_t n = layout->items().size();
    m_retired = std::move(m_q);
    m_q = std::move(layout);
    remap(m_items, r, n, ItemAnswers{});
    remap(m_enabled, r, n, char{1});
    remap(m_expression_enabled, r, n, char{1});
}

std::size_t Response::index_of(std::string_view link_id) const {
    const auto i = m_q->find(link_id);
    if (!i) throw Error("unknown-linkid", std::string(link_id), "no item has this linkId");
    return *i;
}

const Item& Response::question(std::size_t item, bool for_change) const {
    if (item >= m_items.size()) throw Error("unknown-linkid", "#" + std::to_string(item), "no such item");
    const Item& it = m_q->item(item);
    if (!it.is_question())
        throw Error("not-a-question", it.link_id, std::string("a ") + item_type_name(it.type) + " item takes no answer");
    if (for_change && it.read_only) throw Error("read-only", it.link_id, "the item is read-only");
    return it;
}

AnswerValue Response::checked(std::size_t item, AnswerValue v) const {
    const Item& it = m_q->item(item);
    const std::string& where = it.link_id;
    auto wrong = [&]() -> Error {
        return Error("answer-type", where, std::string("a ") + value_type_name(v.type) + " cannot answer a " +
                                               item_type_name(it.type) + " item");
    };
    // An answer list on a non-choice item (R4 que-5 allows it): one of the options, or a value
    // of the item's type.
    if (it.type != ItemType::Choice && it.type != ItemType::OpenChoice && !it.options.empty())
        if (const auto option = it.find_option(v)) return it.options[*option].value;
    switch (it.type) {
        case ItemType::Boolean:
            if (v.type != ValueType::Boolean) throw wrong();
            return v;
        case ItemType::Time:
            if (v.type != ValueType::Time && v.type != ValueType::String) throw wrong();
            if (!is_fhir_time(v.string)) throw Error("answer-type", where, "\"" + v.string + "\" is not a time (hh:mm:ss)");
            return AnswerValue::of_time(v.string.size() == 5 ? v.string + ":00" : std::move(v.string));
        case ItemType::DateTime:
            if (v.type != ValueType::DateTime && v.type != ValueType::Date && v.type != ValueType::String) throw wrong();
            if (!is_fhir_date_time(v.string))
                throw Error("answer-type", where, "\"" + v.string + "\" is not a date or date and time");
            return AnswerValue::of_date_time(std::move(v.string));
        case ItemType::Url:
            if (v.type != ValueType::Uri && v.type != ValueType::String) throw wrong();
            if (v.string.empty() || v.string.find_first_of(" \t\n") != std::string::npos)
                throw Error("answer-type", where, "\"" + v.string + "\" is not a URL");
            return AnswerValue::of_uri(std::move(v.string));
        case ItemType::Quantity: {
            if (v.type == ValueType::Integer) v = AnswerValue::of_decimal(static_cast<double>(v.integer));
            if (v.type == ValueType::Decimal) {
                // A bare number takes the form's first unit (SDC unitOption), if it names one.
                Coding unit = it.unit_options.empty() ? Coding{} : it.unit_options.front();
                return AnswerValue::of_quantity(v.decimal, std::move(unit));
            }
            if (v.type != ValueType::Quantity || !std::isfinite(v.decimal)) throw wrong();
            if (!it.unit_options.empty() && !v.coding.code.empty() &&
                std::none_of(it.unit_options.begin(), it.unit_options.end(),
                             [&](const Coding& u) { return u.code == v.coding.code; }))
                throw Error("answer-type", where, "the unit \"" + v.coding.code + "\" is not one the form offers");
            return v;
        }
        case ItemType::Integer:
            if (v.type != ValueType::Integer) throw wrong();
            return v;
        case ItemType::Decimal:
            if (v.type == ValueType::Integer) return AnswerValue::of_decimal(static_cast<double>(v.integer));
            if (v.type != ValueType::Decimal || !std::isfinite(v.decimal)) throw wrong();
            return v;
        case ItemType::String:
        case ItemType::Text:
            if (v.type != ValueType::String) throw wrong();
            if (it.max_length && v.string.size() > static_cast<std::size_t>(*it.max_length))
                throw Error("answer-too-long", where, "the answer is longer than " + std::to_string(*it.max_length));
            return v;
        case ItemType::Date:
            if (v.type != ValueType::Date && v.type != ValueType::String) throw wrong();
            if (!is_fhir_date(v.string)) throw Error("answer-type", where, "\"" + v.string + "\" is not a date");
            return AnswerValue::of_date(std::move(v.string));
        case ItemType::Choice:
        case ItemType::OpenChoice: {
            auto option = it.find_option(v);
            // A plain code given for a coded option ("LA33-6") selects it too.
            if (!option && v.type == ValueType::String) option = it.find_option(AnswerValue::of_coding("", v.string));
            if (option) return it.options[*option].value;
            if (it.type == ItemType::OpenChoice && v.type == ValueType::String) return v;
            // No list here (an answerValueSet not resolved offline): a Coding is taken as given.
            if (it.type == ItemType::OpenChoice && it.options.empty() && v.type == ValueType::Coding) return v;
            throw Error("answer-not-an-option", where, "\"" + v.to_string() + "\" is not one of the answers");
        }
        default: throw wrong();
    }
}

void Response::set(std::size_t item, AnswerValue value) {
    question(item, true);
    AnswerValue v = checked(item, std::move(value));
    m_items[item].answers.assign(1, std::move(v));
    m_items[item].declined = false;
    recompute_enabled();
}

void Response::set_typed(std::size_t item, std::string_view text) {
    const Item& it = question(item, true);
    const std::string t(text);
    auto number = [&]() {
        const auto d = parse_decimal(t);
        if (!d) throw Error("answer-type", it.link_id, "\"" + t + "\" is not a number");
        return *d;
    };
    switch (it.type) {
        case ItemType::Integer: {
            const auto i = parse_integer(t);
            if (!i) throw Error("answer-type", it.link_id, "\"" + t + "\" is not a whole number");
            return set(item, AnswerValue::of_integer(*i));
        }
        case ItemType::Decimal:
        case ItemType::Quantity: return set(item, AnswerValue::of_decimal(number()));
        case ItemType::Date: return set(item, AnswerValue::of_date(t));
        case ItemType::Time: return set(item, AnswerValue::of_time(t));
        case ItemType::DateTime: return set(item, AnswerValue::of_date_time(t));
        case ItemType::Url: return set(item, AnswerValue::of_uri(t));
        default: return set(item, AnswerValue::of_string(t));
    }
}

void Response::set_all(std::size_t item, std::vector<AnswerValue> values) {
    const Item& it = question(item, true);
    if (values.size() > 1 && !it.repeats)
        throw Error("too-many-answers", it.link_id, "the item takes one answer");
    std::vector<AnswerValue> ok;
    for (AnswerValue& v : values) ok.push_back(checked(item, std::move(v)));
    m_items[item].answers = std::move(ok);
    m_items[item].declined = false;
    recompute_enabled();
}

void Response::select_option(std::size_t item, std::size_t option) {
    const Item& it = question(item, true);
    if (option >= it.options.size())
        throw Error("answer-not-an-option", it.link_id, "option " + std::to_string(option) + " does not exist");
    m_items[item].answers.assign(1, it.options[option].value);
    m_items[item].declined = false;
    recompute_enabled();
}

void Response::toggle_option(std::size_t item, std::size_t option) {
    const Item& it = question(item, true);
    if (!it.repeats) return select_option(item, option);
    if (option >= it.options.size())
        throw Error("answer-not-an-option", it.link_id, "option " + std::to_string(option) + " does not exist");
    std::vector<AnswerValue>& answers = m_items[item].answers;
    const AnswerValue& chosen = it.options[option].value;
    const auto at = std::find_if(answers.begin(), answers.end(), [&](const AnswerValue& a) { return a.same_as(chosen); });
    if (at != answers.end()) {
        answers.erase(at);
    } else if (it.options[option].exclusive) {
        answers.assign(1, chosen);  // "None of the above" clears the other boxes
    } else {
        // Ticking a box clears an exclusive option; free-text answers of open-choice stay.
        answers.erase(std::remove_if(answers.begin(), answers.end(),
                                     [&](const AnswerValue& a) {
                                         const auto o = it.find_option(a);
                                         return o && it.options[*o].exclusive;
                                     }),
                      answers.end());
        answers.push_back(chosen);
        // Keep the options in the order the form lists them.
        std::stable_sort(answers.begin(), answers.end(), [&](const AnswerValue& a, const AnswerValue& b) {
            return it.find_option(a).value_or(it.options.size()) < it.find_option(b).value_or(it.options.size());
        });
    }
    m_items[item].declined = false;
    recompute_enabled();
}

void Response::clear(std::size_t item) {
    question(item, true);
    m_items[item] = ItemAnswers{};
    recompute_enabled();
}

void Response::decline(std::size_t item) {
    question(item, true);
    m_items[item].answers.clear();
    m_items[item].declined = true;
    recompute_enabled();
}

void Response::set(std::string_view link_id, AnswerValue value) { set(index_of(link_id), std::move(value)); }
void Response::decline(std::string_view link_id) { decline(index_of(link_id)); }

//----------------------------------------------------------------------------------------------
// [SECTION] enableWhen
//----------------------------------------------------------------------------------------------

namespace {

// <0, 0, >0; nullopt when the two cannot be ordered (different date precisions that agree on
// their common part: "2020" vs "2020-05-01" is neither before nor after).
std::optional<int> compare(const AnswerValue& a, const AnswerValue& b) {
    const bool an = a.type == ValueType::Integer || a.type == ValueType::Decimal;
    const bool bn = b.type == ValueType::Integer || b.type == ValueType::Decimal;
    if (an && bn) {
        const double x = a.type == ValueType::Integer ? static_cast<double>(a.integer) : a.decimal;
        const double y = b.type == ValueType::Integer ? static_cast<double>(b.integer) : b.decimal;
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    const bool ad = a.type == ValueType::Date || a.type == ValueType::DateTime;
    const bool bd = b.type == ValueType::Date || b.type == ValueType::DateTime;
    if (ad && bd) {
        const std::size_t n = std::min(a.string.size(), b.string.size());
        const int c = a.string.compare(0, n, b.string, 0, n);
        if (c != 0) return c;
        if (a.string.size() != b.string.size()) return std::nullopt;
        return 0;
    }
    if (a.type == ValueType::Time && b.type == ValueType::Time) return a.string.compare(b.string);
    if (a.type == ValueType::String && b.type == ValueType::String) return a.string.compare(b.string);
    return std::nullopt;
}

// A chosen Coding's code as a value of `type` (String, Integer, Decimal), for the lenient
// enableWhen that compares codes with a string or number; anything else as it is.
AnswerValue code_as(const AnswerValue& a, ValueType type) {
    if (a.type != ValueType::Coding) return a;
    const std::string& code = a.coding.code;
    if (type == ValueType::String) return AnswerValue::of_string(code);
    char* end = nullptr;
    const double d = std::strtod(code.c_str(), &end);
    if (code.empty() || end != code.c_str() + code.size()) return a;  // not a number: never matches
    return type == ValueType::Integer && d == std::floor(d) ? AnswerValue::of_integer(static_cast<std::int64_t>(d))
                                                            : AnswerValue::of_decimal(d);
}

}  // namespace

// FHIR R4/R5 QuestionnaireItemOperator: "=" true if at least one answer equals the value; "!="
// true if no answer equals it (so also when there is no answer); ">" "<" ">=" "<=" true if at
// least one answer compares so; "exists" compares "has an answer" with the boolean. An item
// that is disabled counts as having no answer (R4 Questionnaire.item.enableWhen comments).
bool Response::condition_holds(const EnableWhen& c) const {
    const std::vector<AnswerValue>& answers = effective_answers(c.question);
    auto equal = [&](const AnswerValue& a) { return (c.by_code ? code_as(a, c.answer.type) : a).same_as(c.answer); };
    switch (c.op) {
        case EnableOperator::Exists: return !answers.empty() == c.exists;
        case EnableOperator::Equal: return std::any_of(answers.begin(), answers.end(), equal);
        case EnableOperator::NotEqual: return std::none_of(answers.begin(), answers.end(), equal);
        default: break;
    }
    for (const AnswerValue& a : answers) {
        // Choice options with integer values order by value; codings only with a lenient
        // by-code condition.
        const auto r = compare(c.by_code ? code_as(a, c.answer.type) : a, c.answer);
        if (!r) continue;
        switch (c.op) {
            case EnableOperator::Greater: if (*r > 0) return true; break;
            case EnableOperator::Less: if (*r < 0) return true; break;
            case EnableOperator::GreaterOrEqual: if (*r >= 0) return true; break;
            case EnableOperator::LessOrEqual: if (*r <= 0) return true; break;
            default: break;
        }
    }
    return false;
}

void Response::recompute_enabled() {
    recompute_static_enabled();
    if (m_q->has_expressions()) evaluate_with_engine(false);
}

void Response::recompute_static_enabled() {
    // evaluation_order() puts parents and enableWhen sources first, so one pass settles all.
    for (const std::size_t i : m_q->evaluation_order()) {
        const Item& it = m_q->item(i);
        bool on = (!it.parent || m_enabled[*it.parent]) && m_expression_enabled[i];
        if (on && !it.enable_when.empty()) {
            if (it.enable_all)
                on = std::all_of(it.enable_when.begin(), it.enable_when.end(),
                                 [&](const EnableWhen& c) { return condition_holds(c); });
            else
                on = std::any_of(it.enable_when.begin(), it.enable_when.end(),
                                 [&](const EnableWhen& c) { return condition_holds(c); });
        }
        m_enabled[i] = on ? 1 : 0;
    }
}

//----------------------------------------------------------------------------------------------
// [SECTION] Reading and validation
//----------------------------------------------------------------------------------------------

AnswerState Response::state(std::size_t item) const {
    const ItemAnswers& a = m_items.at(item);
    if (!a.answers.empty()) return AnswerState::Answered;
    return a.declined ? AnswerState::Declined : AnswerState::Unanswered;
}

const std::vector<AnswerValue>& Response::effective_answers(std::size_t item) const {
    return m_enabled.at(item) ? m_items[item].answers : kNoAnswers;
}

bool Response::option_selected(std::size_t item, std::size_t option) const {
    const Item& it = m_q->item(item);
    if (option >= it.options.size()) return false;
    const auto& answers = m_items[item].answers;
    return std::any_of(answers.begin(), answers.end(),
                       [&](const AnswerValue& a) { return a.same_as(it.options[option].value); });
}

std::vector<FlowStep> Response::flow() const {
    std::vector<FlowStep> steps;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item& it = m_q->item(i);
        if (it.type == ItemType::Group || !m_enabled[i]) continue;
        FlowStep s;
        s.item = i;
        for (auto p = it.parent; p; p = m_q->item(*p).parent) s.group_path.insert(s.group_path.begin(), *p);
        steps.push_back(std::move(s));
    }
    return steps;
}

std::vector<ValidationIssue> Response::validate() const {
    std::vector<ValidationIssue> issues;
    const auto& items = m_q->items();
    // A question counts for its group when it is enabled and answered or declined.
    auto responded = [&](std::size_t i) {
        return m_enabled[i] && state(i) != AnswerState::Unanswered;
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (!m_enabled[i]) continue;  // LHC-Forms #192: a disabled item is never required
        if (it.is_question() && it.required && !it.read_only && state(i) == AnswerState::Unanswered)
            issues.push_back({it.link_id, "required", "this question needs an answer"});
        if (it.type == ItemType::Group && it.required) {
            // LHC-Forms #60: a required group is satisfied by any answered question inside it.
            bool any = false;
            std::vector<std::size_t> stack(it.children.begin(), it.children.end());
            while (!stack.empty() && !any) {
                const std::size_t c = stack.back();
                stack.pop_back();
                if (items[c].is_question() && responded(c)) any = true;
                stack.insert(stack.end(), items[c].children.begin(), items[c].children.end());
            }
            if (!any) issues.push_back({it.link_id, "required", "at least one question in this group needs an answer"});
        }
        if (it.is_question() && it.repeats && m_items[i].answers.size() > 1) {
            for (const AnswerValue& a : m_items[i].answers) {
                const auto o = it.find_option(a);
                if (o && it.options[*o].exclusive) {
                    issues.push_back({it.link_id, "exclusive-conflict",
                                      "\"" + it.options[*o].label.base + "\" cannot be chosen with other answers"});
                    break;
                }
            }
        }
    }
    return issues;
}

//----------------------------------------------------------------------------------------------
// [SECTION] FHIR QuestionnaireResponse out
//----------------------------------------------------------------------------------------------

namespace {

json value_json(const AnswerValue& v) {
    json a = json::object();
    switch (v.type) {
        case ValueType::Boolean: a["valueBoolean"] = v.boolean; break;
        case ValueType::Integer: a["valueInteger"] = v.integer; break;
        case ValueType::Decimal: a["valueDecimal"] = v.decimal; break;
        case ValueType::String: a["valueString"] = v.string; break;
        case ValueType::Date: a["valueDate"] = v.string; break;
        case ValueType::Time: a["valueTime"] = v.string; break;
        case ValueType::DateTime: a["valueDateTime"] = v.string; break;
        case ValueType::Uri: a["valueUri"] = v.string; break;
        case ValueType::Quantity: {
            json q = {{"value", v.decimal}};
            if (!v.coding.display.empty()) q["unit"] = v.coding.display;
            else if (!v.coding.code.empty()) q["unit"] = v.coding.code;
            if (!v.coding.system.empty()) q["system"] = v.coding.system;
            if (!v.coding.code.empty()) q["code"] = v.coding.code;
            a["valueQuantity"] = std::move(q);
            break;
        }
        case ValueType::Coding: {
            json c = json::object();
            if (!v.coding.system.empty()) c["system"] = v.coding.system;
            if (!v.coding.code.empty()) c["code"] = v.coding.code;
            if (!v.coding.display.empty()) c["display"] = v.coding.display;
            a["valueCoding"] = std::move(c);
            break;
        }
    }
    return a;
}

}  // namespace

json Response::to_fhir(const QuestionnaireResponseOptions& options) const {
    json qr;
    build_fhir(options, qr, nullptr);
    return qr;
}

namespace {

void collect_answered(const json& items, std::vector<std::string>& out) {
    for (const json& item : items) {
        if (item.contains("answer")) out.push_back(item["linkId"].get<std::string>());
        if (item.contains("item")) collect_answered(item["item"], out);
        for (const json& a : item.value("answer", json::array()))
            if (a.contains("item")) collect_answered(a["item"], out);
    }
}

}  // namespace

std::vector<std::string> Response::answered_link_ids() const {
    std::vector<std::string> out;
    const json qr = to_fhir();
    if (qr.contains("item")) collect_answered(qr["item"], out);
    return out;
}

namespace {

// A key no FHIR element has, marking which item each response item was written for until
// build_fhir has noted where it ended up.
constexpr const char* kItemTag = "\x01item";

void collect_tagged(json& node, std::vector<const json*>& where) {
    if (node.is_array()) {
        for (json& e : node) collect_tagged(e, where);
        return;
    }
    if (!node.is_object()) return;
    if (const auto tag = node.find(kItemTag); tag != node.end()) {
        where.at(tag->get<std::size_t>()) = &node;
        node.erase(tag);
    }
    for (auto& kv : node.items()) collect_tagged(kv.value(), where);
}

}  // namespace

void Response::build_fhir(const QuestionnaireResponseOptions& options, json& qr, std::vector<const json*>* where) const {
    qr = json::object();
    qr["resourceType"] = "QuestionnaireResponse";
    if (!options.id.empty()) qr["id"] = options.id;
    if (!options.language.empty()) qr["language"] = options.language;
    if (!options.language.empty()) {
        auto p = translation_provenance(*m_q, options.language);
        if (p && m_recorded_translation && m_recorded_translation->language == p->language) p = m_recorded_translation;
        if (p && p->kind != "original") qr["extension"] = json::array({to_extension(*p)});
    }
    if (!m_q->url().empty())
        qr["questionnaire"] = m_q->version().empty() ? m_q->url() : m_q->url() + "|" + m_q->version();
    qr["status"] = !options.status.empty() ? options.status : (complete() ? "completed" : "in-progress");
    if (!options.subject.empty()) qr["subject"] = {{"reference", options.subject}};
    else if (!m_subject.is_null()) qr["subject"] = m_subject;  // an imported response's own
    if (!options.authored.empty()) qr["authored"] = options.authored;

    // Depth-first over the tree; an item appears only when it (or something inside it) was
    // answered or declined while enabled.
    std::function<std::optional<json>(std::size_t)> emit = [&](std::size_t i) -> std::optional<json> {
        const Item& it = m_q->item(i);
        if (!m_enabled[i] || it.type == ItemType::Display) return std::nullopt;
        json out = {{"linkId", it.link_id}};
        if (where) out[kItemTag] = i;
        // The text the person saw: in the response's language when the form has it.
        if (const std::string& text = it.text.in(options.language); !text.empty()) out["text"] = text;
        if (it.type == ItemType::Group) {
            json children = json::array();
            for (const std::size_t c : it.children)
                if (auto j = emit(c)) children.push_back(std::move(*j));
            if (children.empty()) return std::nullopt;
            out["item"] = std::move(children);
            return out;
        }
        if (state(i) == AnswerState::Declined) {
            out["extension"] = json::array({{{"url", kDataAbsentReason}, {"valueCode", "asked-declined"}}});
            return out;
        }
        if (m_items[i].answers.empty()) return std::nullopt;
        json answers = json::array();
        for (const AnswerValue& v : m_items[i].answers) answers.push_back(value_json(v));
        // Items under a question live inside its answer (R4 QuestionnaireResponse.item.answer.item).
        json nested = json::array();
        for (const std::size_t c : it.children)
            if (auto j = emit(c)) nested.push_back(std::move(*j));
        if (!nested.empty()) answers.front()["item"] = std::move(nested);
        out["answer"] = std::move(answers);
        return out;
    };
    json items = json::array();
    for (const std::size_t r : m_q->roots())
        if (auto j = emit(r)) items.push_back(std::move(*j));
    if (!items.empty()) qr["item"] = std::move(items);
    if (where) {
        where->assign(m_items.size(), nullptr);
        collect_tagged(qr, *where);
    }
}

//----------------------------------------------------------------------------------------------
// [SECTION] FHIR QuestionnaireResponse and simple answers in
//----------------------------------------------------------------------------------------------

namespace {

// `where` is a field of the response ("authored") or an item's linkId; the screens get it as
// the parameter of that name (ui/shell/error_text.hpp).
[[noreturn]] void bad_response_field(const std::string& field, const std::string& message) {
    throw Error("malformed-response", field, message, {{"field", field}});
}
[[noreturn]] void bad_response_item(const std::string& link_id, const std::string& message) {
    throw Error("malformed-response", link_id, message, {{"linkId", link_id}});
}

AnswerValue read_answer(const json& a, const std::string& where) {
    if (!a.is_object()) bad_response_item(where, "an answer must be an object");
    std::optional<AnswerValue> v;
    int count = 0;
    for (const auto& kv : a.items()) {
        // Named copies, not structured bindings: clang 14 (WASM) cannot capture those.
        const std::string& key = kv.key();
        const json& val = kv.value();
        if (key.rfind("value", 0) != 0 || key.size() == 5) continue;
        ++count;
        const std::string type = key.substr(5);
        if (type == "Boolean" && val.is_boolean()) v = AnswerValue::of_bool(val.get<bool>());
        else if (type == "Integer" && val.is_number_integer()) v = AnswerValue::of_integer(val.get<std::int64_t>());
        else if (type == "Decimal" && val.is_number()) v = AnswerValue::of_decimal(val.get<double>());
        else if (type == "String" && val.is_string()) v = AnswerValue::of_string(val.get<std::string>());
        else if (type == "Date" && val.is_string()) v = AnswerValue::of_date(val.get<std::string>());
        else if (type == "Time" && val.is_string()) v = AnswerValue::of_time(val.get<std::string>());
        else if (type == "DateTime" && val.is_string()) v = AnswerValue::of_date_time(val.get<std::string>());
        else if (type == "Uri" && val.is_string()) v = AnswerValue::of_uri(val.get<std::string>());
        else if (type == "Quantity" && val.is_object() && val.contains("value") && val["value"].is_number()) {
            v = AnswerValue::of_quantity(val["value"].get<double>(),
                                         Coding{string_field(val, "system"), string_field(val, "code"), string_field(val, "unit")});
        }
        else if (type == "Coding" && val.is_object() &&
                 ((val.contains("code") && val["code"].is_string()) || (val.contains("display") && val["display"].is_string()))) {
            v = AnswerValue::of_coding(string_field(val, "system"), string_field(val, "code"),
                                       string_field(val, "display"));
        } else {
            throw Error("answer-type", where, key + " is malformed or not supported");
        }
    }
    if (count != 1 || !v) bad_response_item(where, "an answer needs exactly one value[x]");
    return *v;
}

// Other extensions are allowed and ignored, but each must have FHIR's shape.
bool is_declined_item(const json& item, const std::string& link_id) {
    const auto ext = item.find("extension");
    if (ext == item.end()) return false;
    if (!ext->is_array()) bad_response_item(link_id, "\"extension\" must be an array");
    bool declined = false;
    for (const json& e : *ext) {
        if (!e.is_object() || !e.contains("url") || !e["url"].is_string())
            bad_response_item(link_id, "every extension needs a \"url\"");
        if (string_field(e, "url") == kDataAbsentReason && string_field(e, "valueCode") == "asked-declined") declined = true;
    }
    return declined;
}

}  // namespace

Response Response::from_fhir(std::shared_ptr<const Questionnaire> q, const json& qr) {
    if (!qr.is_object() || string_field(qr, "resourceType") != "QuestionnaireResponse")
        throw Error("malformed-response", "QuestionnaireResponse", "the resourceType must be \"QuestionnaireResponse\"");
    Response r(std::move(q));
    r.m_recorded_translation = recorded_provenance(qr);
    if (const auto ref = qr.find("questionnaire"); ref != qr.end()) {
        if (!ref->is_string()) bad_response_field("questionnaire", "must be a canonical URL");
        const std::string canonical = ref->get<std::string>().substr(0, ref->get<std::string>().find('|'));
        if (!r.m_q->url().empty() && canonical != r.m_q->url())
            throw Error("questionnaire-mismatch", "questionnaire",
                        "the response answers \"" + canonical + "\", not \"" + r.m_q->url() + "\"");
    }
    if (const auto authored = qr.find("authored"); authored != qr.end()) {
        if (!authored->is_string() || !is_fhir_date_time(authored->get<std::string>()))
            bad_response_field("authored", "must be a FHIR dateTime (2025-06-01 or 2025-06-01T14:30:00Z)");
        r.m_authored = authored->get<std::string>();
    }
    if (const auto subject = qr.find("subject"); subject != qr.end()) {
        // A Reference (R4 2.3.0): who answered; kept so the output names the same person.
        const auto ref = subject->is_object() ? subject->find("reference") : subject->end();
        const auto display = subject->is_object() ? subject->find("display") : subject->end();
        if (!subject->is_object() || (ref != subject->end() && !ref->is_string()) ||
            (display != subject->end() && !display->is_string()) || (ref == subject->end() && display == subject->end()))
            bad_response_field("subject", "must be a Reference with a \"reference\" or a \"display\" string");
        r.m_subject = *subject;
    }
    // Imported answers are stored as given (read-only and calculated items included); only
    // their shape and fit are checked. Nothing is kept unless the whole response reads.
    std::vector<ItemAnswers> answers(r.m_items.size());
    std::vector<char> seen(r.m_items.size(), 0), deferred(r.m_items.size(), 0);
    // The item a response item stands for, looked up under `scope` (the enclosing group
    // instance or question; none at the top): the first with its linkId not read yet, else a
    // new instance when it is a repeating group seen again (R4: one item per instance).
    auto resolve = [&](const std::string& link_id, std::optional<std::size_t> scope) -> std::size_t {
        const Questionnaire& form = *r.m_q;
        const std::size_t begin = scope ? *scope + 1 : 0, end = scope ? form.subtree_end(*scope) : form.items().size();
        std::optional<std::size_t> first;
        for (std::size_t i = begin; i < end; ++i) {
            if (form.item(i).link_id != link_id) continue;
            if (!seen[i]) return i;
            if (!first) first = i;
        }
        if (!first && scope) {
            // Not under its group here (a flattened response): the first unread anywhere.
            for (std::size_t i = 0; i < form.items().size(); ++i)
                if (form.item(i).link_id == link_id && !seen[i]) return i;
        }
        if (!first) first = form.find(link_id);
        if (!first) throw Error("unknown-linkid", link_id, "the Questionnaire has no item with this linkId");
        if (!r.can_add_instance(*first)) {
            if (form.item(*first).type == ItemType::Group && form.item(*first).repeats)
                throw Error("too-many-answers", link_id, "the form allows no more instances of this group");
            throw Error("too-many-answers", link_id, "the item appears more than once");
        }
        const Questionnaire::Reindex moved = r.grow(*first);  // enableWhen once, at the end
        remap(answers, moved, r.m_items.size(), ItemAnswers{});
        remap(seen, moved, r.m_items.size(), char{0});
        remap(deferred, moved, r.m_items.size(), char{0});
        return moved.first;
    };
    std::function<void(const json&, int, std::optional<std::size_t>)> walk = [&](const json& list, int depth,
                                                                                 std::optional<std::size_t> scope) {
        if (depth > kMaxResponseDepth) bad_response_field("item", "items are nested too deep");
        if (!list.is_array()) bad_response_field("item", "\"item\" must be an array");
        for (const json& item : list) {
            if (!item.is_object() || !item.contains("linkId") || !item["linkId"].is_string())
                bad_response_field("item", "every item needs a \"linkId\"");
            const std::string link_id = item["linkId"].get<std::string>();
            const std::size_t index = resolve(link_id, scope);
            seen[index] = 1;
            // Items under a group, or (written by some tools) directly under a question. (A
            // nested instance added on the way replaces the layout, not this item's index.)
            if (item.contains("item")) walk(item["item"], depth + 1, index);
            const Item& it = r.m_q->item(index);
            if (item.contains("answer")) {
                if (!it.is_question()) throw Error("not-a-question", link_id, "this item takes no answer");
                const json& list_a = item["answer"];
                if (!list_a.is_array()) bad_response_item(link_id, "\"answer\" must be an array");
                if (list_a.size() > 1 && !it.repeats)
                    throw Error("too-many-answers", link_id, "the item takes one answer");
                // Options from an answerExpression exist once the other answers are in: checked then.
                const bool later = !it.answer_expression.empty();
                if (later) deferred[index] = 1;
                for (const json& a : list_a) {
                    AnswerValue v = read_answer(a, link_id);
                    answers[index].answers.push_back(later ? std::move(v) : r.checked(index, std::move(v)));
                    if (a.contains("item")) walk(a["item"], depth + 1, index);  // items under the question
                }
            } else if (r.m_q->item(index).is_question() && is_declined_item(item, link_id)) {
                answers[index].declined = true;
            }
        }
    };
    if (const auto items = qr.find("item"); items != qr.end()) walk(*items, 0, std::nullopt);
    for (std::size_t i = 0; i < answers.size(); ++i)
        if (seen[i] && r.m_q->item(i).is_question()) r.m_items[i] = std::move(answers[i]);
    if (std::find(deferred.begin(), deferred.end(), 1) != deferred.end()) {
        r.recompute_enabled();
        for (std::size_t i = 0; i < deferred.size(); ++i)
            if (deferred[i])
                for (AnswerValue& v : r.m_items[i].answers) v = r.checked(i, std::move(v));
    }
    r.recompute_enabled();
    return r;
}

Response Response::from_simple(std::shared_ptr<const Questionnaire> q, const json& doc) {
    if (!doc.is_object()) throw Error("malformed-answers", "answers", "answers must be a JSON object {\"linkId\": value}");
    Response r(std::move(q));
    std::vector<std::pair<std::size_t, ItemAnswers>> staged;
    for (const auto& kv : doc.items()) {
        const std::string& key = kv.key();
        const json& value = kv.value();
        auto index = r.m_q->find(key);
        if (!index) index = r.m_q->find_by_code(key);
        if (!index) throw Error("unknown-linkid", key, "the Questionnaire has no item with this linkId or code");
        const Item& it = r.m_q->item(*index);
        if (!it.is_question()) throw Error("not-a-question", key, std::string("a ") + item_type_name(it.type) + " takes no answer");
        ItemAnswers a;
        auto one = [&](const json& v) -> AnswerValue {
            if (v.is_boolean()) return AnswerValue::of_bool(v.get<bool>());
            if (v.is_number_integer()) return AnswerValue::of_integer(v.get<std::int64_t>());
            if (v.is_number()) return AnswerValue::of_decimal(v.get<double>());
            if (v.is_string()) {
                if (it.type == ItemType::Date) return AnswerValue::of_date(v.get<std::string>());
                return AnswerValue::of_string(v.get<std::string>());
            }
            throw Error("answer-type", key, "an answer must be a code, number, boolean or string");
        };
        if (value.is_null()) {
            continue;  // explicitly unanswered
        } else if (value.is_object()) {
            if (value.size() != 1 || !value.contains("declined") || value["declined"] != true)
                throw Error("answer-type", key, "the only object answer is {\"declined\": true}");
            a.declined = true;
        } else if (value.is_array()) {
            if (value.size() > 1 && !it.repeats) throw Error("too-many-answers", key, "the item takes one answer");
            for (const json& v : value) a.answers.push_back(r.checked(*index, one(v)));
        } else {
            a.answers.push_back(r.checked(*index, one(value)));
        }
        staged.emplace_back(*index, std::move(a));
    }
    for (auto& [index, a] : staged) r.m_items[index] = std::move(a);
    r.recompute_enabled();
    return r;
}

Response Response::parse(std::shared_ptr<const Questionnaire> q, std::string_view text, std::string_view source) {
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("malformed-json", std::string(source), "not valid JSON", json_syntax_position(text));
    try {
        if (doc.is_object() && doc.contains("resourceType")) return from_fhir(std::move(q), doc);
        return from_simple(std::move(q), doc);
    } catch (const Error& e) {
        throw with_param(e, "file", std::string(source));  // for the screens
    }
}

}  // namespace safetynet::core
