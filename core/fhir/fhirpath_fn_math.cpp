// FHIRPath N1 §5.7 "Math": abs, ceiling, exp, floor, ln, log, power, round, sqrt, truncate.
// ceiling, floor, round and truncate are exact on Decimals; the transcendental ones go through
// binary floating point (as in fhirpath.js) and a result that is not a number is empty.
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"

#include <cmath>

namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

// The single number a math function is invoked on (or takes); an error for anything else.
std::optional<Value> number(Evaluator& ev, const Ast& call, const Items& input, bool quantity_too = false, const Ast* at = nullptr) {
    const Value* v = ev.single(input, at ? *at : call, call.name + "()");
    if (!v) return std::nullopt;
    if (quantity_too) {
        if (std::optional<Quantity> q = v->quantity()) return Value::quantity(std::move(*q));
    }
    std::optional<Value> p = v->primitive();
    if (!p && v->is_node() && v->as_node().json->is_null()) return std::nullopt;
    if (!p || (p->kind() != Kind::Integer && p->kind() != Kind::Decimal)) ev.fail(at ? *at : call, call.name + "() works on numbers, not " + v->qualified_type_name());
    return p;
}

double to_double(const Value& v) { return v.kind() == Kind::Integer ? static_cast<double>(v.as_integer()) : v.as_decimal().to_double(); }

Items from_double(double x) {
    const std::optional<Decimal> d = Decimal::of_double(x);
    return d ? Items{Value::decimal(*d)} : Items{};
}

Items fn_abs(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Value> v = number(ev, call, input, true);
    if (!v) return {};
    switch (v->kind()) {
    case Kind::Integer:
        if (v->as_integer() == INT64_MIN) return {};
        return {Value::integer(v->as_integer() < 0 ? -v->as_integer() : v->as_integer())};
    case Kind::Decimal: return {Value::decimal(v->as_decimal().sign() < 0 ? v->as_decimal().negated() : v->as_decimal())};
    default: {
        Quantity q = v->as_quantity();
        if (q.value.sign() < 0) q.value = q.value.negated();
        return {Value::quantity(std::move(q))};
    }
    }
}

template <std::int64_t (Decimal::*Integral)() const>
Items fn_integral(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Value> v = number(ev, call, input, true);
    if (!v) return {};
    if (v->kind() == Kind::Integer) return {*v};
    if (v->kind() == Kind::Quantity) {  // a quantity keeps its unit (FHIRPath 2.1)
        Quantity q = v->as_quantity();
        q.value = Decimal::of((q.value.*Integral)());
        return {Value::quantity(std::move(q))};
    }
    return {Value::integer((v->as_decimal().*Integral)())};
}

template <double (*F)(double)>
Items fn_unary(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Value> v = number(ev, call, input);
    if (!v) return {};
    return from_double(F(to_double(*v)));
}

double exp_of(double x) { return std::exp(x); }
double ln_of(double x) { return std::log(x); }
double sqrt_of(double x) { return std::sqrt(x); }

Items fn_log(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<Value> v = number(ev, call, input);
    const Items base_items = v ? ev.arg(call, 0, frame) : Items{};
    const std::optional<Value> base = v ? number(ev, call, base_items, false, call.args[0].get()) : std::nullopt;
    if (!v || !base) return {};
    return from_double(std::log(to_double(*v)) / std::log(to_double(*base)));
}

Items fn_power(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<Value> v = number(ev, call, input);
    const Items exponent_items = v ? ev.arg(call, 0, frame) : Items{};
    const std::optional<Value> e = v ? number(ev, call, exponent_items, false, call.args[0].get()) : std::nullopt;
    if (!v || !e) return {};
    if (v->kind() == Kind::Integer && e->kind() == Kind::Integer && e->as_integer() >= 0) {
        // Integer to a whole power stays an Integer (2.power(3) = 8), if it fits.
        const std::int64_t base = v->as_integer(), exponent = e->as_integer();
        if (base == 0 || base == 1) return {Value::integer(exponent == 0 ? 1 : base)};
        if (base == -1) return {Value::integer(exponent % 2 ? -1 : 1)};
        std::int64_t r = 1;  // |base| >= 2 overflows within 63 steps
        for (std::int64_t i = 0; i < exponent; ++i) {
            if (__builtin_mul_overflow(r, base, &r)) return {};
        }
        return {Value::integer(r)};
    }
    return from_double(std::pow(to_double(*v), to_double(*e)));
}

Items fn_round(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<Value> v = number(ev, call, input, true);
    if (!v) return {};
    std::int64_t places = 0;  // also for an empty precision
    if (!call.args.empty()) {
        const std::optional<std::int64_t> p = ev.integer_arg(call, 0, frame);
        if (p && *p < 0) ev.fail(*call.args[0], "round() needs a precision of 0 or more");
        places = std::min<std::int64_t>(p.value_or(0), 28);
    }
    if (v->kind() == Kind::Quantity) {
        Quantity q = v->as_quantity();
        q.value = q.value.rounded(static_cast<int>(places));
        return {Value::quantity(std::move(q))};
    }
    const Decimal d = v->kind() == Kind::Integer ? Decimal::of(v->as_integer()) : v->as_decimal();
    return {Value::decimal(d.rounded(static_cast<int>(places)))};
}

constexpr FunctionDef table[] = {
    {"abs", 0, 0, fn_abs},
    {"ceiling", 0, 0, fn_integral<&Decimal::ceiled>},
    {"floor", 0, 0, fn_integral<&Decimal::floored>},
    {"truncate", 0, 0, fn_integral<&Decimal::truncated>},
    {"exp", 0, 0, fn_unary<exp_of>},
    {"ln", 0, 0, fn_unary<ln_of>},
    {"sqrt", 0, 0, fn_unary<sqrt_of>},
    {"log", 1, 1, fn_log},
    {"power", 1, 1, fn_power},
    {"round", 0, 1, fn_round},
};

}  // namespace

std::span<const FunctionDef> math_functions() { return table; }

}  // namespace safetynet::core::fhirpath
