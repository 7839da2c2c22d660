// FHIRPath N1 §5.2 "Filtering and projection" (where, select, repeat, ofType), §5.3
// "Subsetting" (single, first, last, tail, skip, take, intersect, exclude) and §5.4
// "Combining" (union, combine).
#include "core/fhir/fhirpath_compare.hpp"
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace safetynet::core::fhirpath {

namespace {

std::int64_t as_index(std::size_t i) { return static_cast<std::int64_t>(i); }

Items fn_where(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    Items out;
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (ev.truth(ev.eval_on(*call.args[0], input[i], as_index(i), frame), *call.args[0], "where()") == true) out.push_back(input[i]);
    }
    return out;
}

Items fn_select(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    Items out;
    for (std::size_t i = 0; i < input.size(); ++i) {
        Items part = ev.eval_on(*call.args[0], input[i], as_index(i), frame);
        out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return out;
}

// Items repeat() has produced: elements by where they are, System values by equality (hash sets
// for both where a key captures equality: descendants of a large form, runaway sequences).
class Produced {
public:
    // True when `v` is new (and records it).
    bool add(const Value& v) {
        if (v.is_node() && (v.as_node().json->is_object() || v.is_valueless())) {
            const Node& n = v.as_node();
            // A primitive with only extensions points at a shared JSON null: its extras tell it apart.
            return m_nodes.insert(n.json->is_null() ? static_cast<const void*>(n.extras) : static_cast<const void*>(n.json)).second;
        }
        const std::optional<Value> p = v.primitive();
        if (const std::optional<std::string> key = p ? equality_key(*p) : std::nullopt) return m_keys.insert(*key).second;
        if (contains_equal(m_values, v)) return false;
        m_values.push_back(v);
        return true;
    }

private:
    // Equal Booleans, numbers (1 = 1.0) and strings have equal keys; other values have none.
    static std::optional<std::string> equality_key(const Value& v) {
        switch (v.kind()) {
        case Value::Kind::Boolean: return std::string(v.as_boolean() ? "b1" : "b0");
        case Value::Kind::Integer: return "n" + std::to_string(v.as_integer());
        case Value::Kind::Decimal: {
            const Decimal& d = v.as_decimal();
            if (const std::optional<std::int64_t> i = d.exact_integer()) return "n" + std::to_string(*i);
            return "n" + d.rounded(d.significant_scale()).to_string();
        }
        case Value::Kind::String: return "s" + v.as_string();
        default: return std::nullopt;
        }
    }

    std::unordered_set<const void*> m_nodes;
    std::unordered_set<std::string> m_keys;
    Items m_values;
};

// repeat() over values that never recur ($this + 1) would run forever; no real document
// comes near this many items.
constexpr std::size_t max_repeat_items = 100'000;

Items fn_repeat(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    // Breadth first; an item already produced is not followed again, which also ends cycles.
    Items out;
    Items queue = input;
    Produced produced;
    for (std::size_t next = 0; next < queue.size(); ++next) {
        for (Value& v : ev.eval_on(*call.args[0], queue[next], as_index(next), frame)) {
            if (!produced.add(v)) continue;
            if (out.size() >= max_repeat_items) ev.fail(call, "repeat() went past " + std::to_string(max_repeat_items) + " items");
            out.push_back(v);
            queue.push_back(std::move(v));
        }
    }
    return out;
}

Items fn_of_type(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const model::TypeId t = ev.resolve_type(call.name, call);
    Items out;
    for (const Value& v : input) {
        if (Evaluator::has_type(v, t, true)) out.push_back(v);
    }
    return out;
}

Items fn_single(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const Value* v = ev.single(input, call, "single()");
    return v ? Items{*v} : Items{};
}

Items fn_first(Evaluator&, const Ast&, const Items& input, const Frame&) { return input.empty() ? Items{} : Items{input.front()}; }
Items fn_last(Evaluator&, const Ast&, const Items& input, const Frame&) { return input.empty() ? Items{} : Items{input.back()}; }
Items fn_tail(Evaluator&, const Ast&, const Items& input, const Frame&) {
    return input.size() < 2 ? Items{} : Items(input.begin() + 1, input.end());
}

Items fn_skip(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::int64_t> n = ev.integer_arg(call, 0, frame);
    if (!n) return {};
    if (*n <= 0) return input;
    if (static_cast<std::uint64_t>(*n) >= input.size()) return {};
    return Items(input.begin() + *n, input.end());
}

Items fn_take(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::int64_t> n = ev.integer_arg(call, 0, frame);
    if (!n || *n <= 0) return {};
    if (static_cast<std::uint64_t>(*n) >= input.size()) return input;
    return Items(input.begin(), input.begin() + *n);
}

Items fn_intersect(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const Items other = ev.arg(call, 0, frame);
    Items out;
    for (const Value& v : input) {
        if (contains_equal(other, v)) append_distinct(out, v);
    }
    return out;
}

Items fn_exclude(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const Items other = ev.arg(call, 0, frame);
    Items out;
    for (const Value& v : input) {
        if (!contains_equal(other, v)) out.push_back(v);
    }
    return out;
}

Items fn_union(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    Items out;
    for (const Value& v : input) append_distinct(out, v);
    for (const Value& v : ev.arg(call, 0, frame)) append_distinct(out, v);
    return out;
}

Items fn_combine(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    Items out = input;
    Items other = ev.arg(call, 0, frame);
    out.insert(out.end(), std::make_move_iterator(other.begin()), std::make_move_iterator(other.end()));
    return out;
}

constexpr FunctionDef table[] = {
    {"where", 1, 1, fn_where},
    {"select", 1, 1, fn_select},
    {"repeat", 1, 1, fn_repeat},
    {"ofType", 1, 1, fn_of_type, true},
    {"single", 0, 0, fn_single},
    {"first", 0, 0, fn_first},
    {"last", 0, 0, fn_last},
    {"tail", 0, 0, fn_tail},
    {"skip", 1, 1, fn_skip},
    {"take", 1, 1, fn_take},
    {"intersect", 1, 1, fn_intersect},
    {"exclude", 1, 1, fn_exclude},
    {"union", 1, 1, fn_union},
    {"combine", 1, 1, fn_combine},
};

}  // namespace

std::span<const FunctionDef> collection_functions() { return table; }

}  // namespace safetynet::core::fhirpath
