#include "core/screening/score_overlap.hpp"

#include <optional>

namespace safetynet::core {

namespace {

bool numeric(const AnswerValue& v) { return v.type == ValueType::Integer || v.type == ValueType::Decimal; }
double number(const AnswerValue& v) { return v.type == ValueType::Integer ? static_cast<double>(v.integer) : v.decimal; }

// Equal as scores: numbers by value (an integer total may come back as a decimal), codings by
// code (and system when both have one), the rest as FHIR equality.
bool same_score(const AnswerValue& a, const AnswerValue& b) {
    if (numeric(a) && numeric(b)) return number(a) == number(b);
    return a.same_as(b);
}

// The enabled calculated question carrying this code, if the form has one.
std::optional<std::size_t> calculated_item_with(const Response& response, const Coding& code) {
    const Questionnaire& q = response.questionnaire();
    for (std::size_t i = 0; i < q.items().size(); ++i) {
        const Item& it = q.item(i);
        if (!it.is_question() || !it.is_calculated() || !response.enabled(i)) continue;
        for (const Coding& c : it.codes)
            if (c.code == code.code && (c.system.empty() || code.system.empty() || c.system == code.system)) return i;
    }
    return std::nullopt;
}

}  // namespace

std::vector<ScoreOverlap> score_overlaps(const Response& response, const ScreeningResult& result) {
    std::vector<ScoreOverlap> out;
    for (const Need& n : result.needs)
        for (const DerivedValue& d : n.derived) {
            const auto item = calculated_item_with(response, d.code);
            if (!item) continue;
            ScoreOverlap o;
            o.code = d.code;
            o.link_id = response.questionnaire().item(*item).link_id;
            o.rule_value = d.value.to_string();
            const auto& form = response.effective_answers(*item);
            if (!form.empty()) o.form_value = form.front().to_string();
            o.disagree = form.empty() || !same_score(form.front(), d.value);
            out.push_back(std::move(o));
        }
    return out;
}

std::string overlap_warning(const ScoreOverlap& o) {
    return o.code.code + " (" + o.link_id + "): the form computed " + (o.form_value.empty() ? "nothing" : o.form_value) +
           ", the built-in rule " + o.rule_value + "; the form's value is used";
}

}  // namespace safetynet::core
