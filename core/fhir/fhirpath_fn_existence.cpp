// FHIRPath N1 §5.1 "Existence": empty, exists, all, allTrue, anyTrue, allFalse, anyFalse,
// subsetOf, supersetOf, count, distinct, isDistinct.
#include "core/fhir/fhirpath_compare.hpp"
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"

namespace safetynet::core::fhirpath {

namespace {

Items boolean(bool b) { return {Value::boolean(b)}; }

Items fn_empty(Evaluator&, const Ast&, const Items& input, const Frame&) { return boolean(input.empty()); }

Items fn_exists(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    if (call.args.empty()) return boolean(!input.empty());
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (ev.truth(ev.eval_on(*call.args[0], input[i], static_cast<std::int64_t>(i), frame), *call.args[0], "exists()") == true) return boolean(true);
    }
    return boolean(false);
}

Items fn_all(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (ev.truth(ev.eval_on(*call.args[0], input[i], static_cast<std::int64_t>(i), frame), *call.args[0], "all()") != true) return boolean(false);
    }
    return boolean(true);
}

// allTrue() … anyFalse(): over a collection of Booleans.
template <bool Value_, bool All>
Items fn_booleans(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    for (const Value& v : input) {
        const std::optional<Value> p = v.primitive();
        if (!p || p->kind() != Value::Kind::Boolean) ev.fail(call, call.name + "() works on Booleans, not " + v.qualified_type_name());
        if (All && p->as_boolean() != Value_) return boolean(false);
        if (!All && p->as_boolean() == Value_) return boolean(true);
    }
    return boolean(All);
}

Items fn_subset_of(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const Items other = ev.arg(call, 0, frame);
    for (const Value& v : input) {
        if (!contains_equal(other, v)) return boolean(false);
    }
    return boolean(true);
}

Items fn_superset_of(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const Items other = ev.arg(call, 0, frame);
    for (const Value& v : other) {
        if (!contains_equal(input, v)) return boolean(false);
    }
    return boolean(true);
}

Items fn_count(Evaluator&, const Ast&, const Items& input, const Frame&) { return {Value::integer(static_cast<std::int64_t>(input.size()))}; }

Items fn_distinct(Evaluator&, const Ast&, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) append_distinct(out, v);
    return out;
}

Items fn_is_distinct(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    return boolean(fn_distinct(ev, call, input, frame).size() == input.size());
}

constexpr FunctionDef table[] = {
    {"empty", 0, 0, fn_empty},
    {"exists", 0, 1, fn_exists},
    {"all", 1, 1, fn_all},
    {"allTrue", 0, 0, fn_booleans<true, true>},
    {"anyTrue", 0, 0, fn_booleans<true, false>},
    {"allFalse", 0, 0, fn_booleans<false, true>},
    {"anyFalse", 0, 0, fn_booleans<false, false>},
    {"subsetOf", 1, 1, fn_subset_of},
    {"supersetOf", 1, 1, fn_superset_of},
    {"count", 0, 0, fn_count},
    {"distinct", 0, 0, fn_distinct},
    {"isDistinct", 0, 0, fn_is_distinct},
};

}  // namespace

std::span<const FunctionDef> existence_functions() { return table; }

}  // namespace safetynet::core::fhirpath
