// FHIRPath N1 §6.6 "Math" operators on singletons: Integer arithmetic stays Integer (but '/'
// always gives a Decimal), Integer meets Decimal as Decimal, String + String concatenates,
// Quantities combine by UCUM, and a Date/DateTime/Time moves by a time-valued Quantity (§6.6.4).
// Division by zero and overflow give an empty result, as the spec asks.
#include "core/fhir/fhirpath_evaluator.hpp"

namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

const char* symbol(Op op) {
    switch (op) {
    case Op::Plus: return "+";
    case Op::Minus: return "-";
    case Op::Times: return "*";
    case Op::Divide: return "/";
    case Op::Div: return "div";
    default: return "mod";
    }
}

bool numeric(Kind k) { return k == Kind::Integer || k == Kind::Decimal; }
Decimal as_decimal(const Value& v) { return v.kind() == Kind::Integer ? Decimal::of(v.as_integer()) : v.as_decimal(); }

std::optional<Value> integers(Op op, std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    switch (op) {
    case Op::Plus: if (__builtin_add_overflow(a, b, &r)) return std::nullopt; break;
    case Op::Minus: if (__builtin_sub_overflow(a, b, &r)) return std::nullopt; break;
    case Op::Times: if (__builtin_mul_overflow(a, b, &r)) return std::nullopt; break;
    case Op::Div:
        if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
        r = a / b;  // C++ truncates toward zero, as div does
        break;
    case Op::Mod:
        if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
        r = a % b;
        break;
    default: {
        const std::optional<Decimal> d = Decimal::divide(Decimal::of(a), Decimal::of(b));
        if (!d) return std::nullopt;
        return Value::decimal(*d);
    }
    }
    return Value::integer(r);
}

std::optional<Value> decimals(Op op, const Decimal& a, const Decimal& b) {
    std::optional<Decimal> r;
    switch (op) {
    case Op::Plus: r = Decimal::add(a, b); break;
    case Op::Minus: r = Decimal::subtract(a, b); break;
    case Op::Times: r = Decimal::multiply(a, b); break;
    case Op::Divide: r = Decimal::divide(a, b); break;
    case Op::Div: {
        const std::optional<Decimal> q = Decimal::divide(a, b);
        if (!q) return std::nullopt;
        return Value::integer(q->truncated());
    }
    default: {  // mod: a - b * truncate(a / b)
        const std::optional<Decimal> q = Decimal::divide(a, b);
        if (!q) return std::nullopt;
        const std::optional<Decimal> m = Decimal::multiply(b, Decimal::of(q->truncated()));
        if (m) r = Decimal::subtract(a, *m);
    }
    }
    if (!r) return std::nullopt;
    return Value::decimal(*r);
}

std::optional<Value> quantities(Op op, const Quantity& a, const Quantity& b) {
    std::optional<Quantity> r;
    switch (op) {
    case Op::Plus: r = add(a, b); break;
    case Op::Minus: r = subtract(a, b); break;
    case Op::Times: r = multiply(a, b); break;
    case Op::Divide: r = divide(a, b); break;
    default: return std::nullopt;
    }
    if (!r) return std::nullopt;
    return Value::quantity(std::move(*r));
}

}  // namespace

std::optional<Value> arithmetic(Evaluator& ev, const Ast& at, Op op, const Value& a, const Value& b) {
    const auto operand = [&](const Value& v) -> std::optional<Value> {
        if (std::optional<Value> p = v.primitive()) return p;
        if (std::optional<Quantity> q = v.quantity()) return Value::quantity(std::move(*q));
        return std::nullopt;
    };
    const std::optional<Value> x = operand(a), y = operand(b);
    const auto refuse = [&]() -> std::optional<Value> {
        ev.fail(at, std::string("cannot apply ") + symbol(op) + " to " + a.qualified_type_name() + " and " + b.qualified_type_name());
    };
    if (!x || !y) return refuse();
    const Kind kx = x->kind(), ky = y->kind();
    if (numeric(kx) && numeric(ky)) {
        if (kx == Kind::Integer && ky == Kind::Integer) return integers(op, x->as_integer(), y->as_integer());
        return decimals(op, as_decimal(*x), as_decimal(*y));
    }
    if (kx == Kind::String && ky == Kind::String && op == Op::Plus) return Value::string(x->as_string() + y->as_string());
    const bool temporal = kx == Kind::Date || kx == Kind::DateTime || kx == Kind::Time;
    if (temporal && ky == Kind::Quantity && (op == Op::Plus || op == Op::Minus)) {
        const Quantity& q = y->as_quantity();
        const std::int64_t amount = op == Op::Plus ? q.value.truncated() : -q.value.truncated();
        const std::optional<Temporal> t = x->as_temporal().plus(amount, q.unit);
        if (!t) ev.fail(at, "cannot add " + q.to_string() + " to a " + std::string(kx == Kind::Time ? "Time" : "date"));
        return Value::temporal(*t);
    }
    if (kx == Kind::Quantity && ky == Kind::Quantity) return quantities(op, x->as_quantity(), y->as_quantity());
    // A number meets a quantity as a quantity of unit '1' (FHIRPath 2.1): 2 * 3 'mg', 3 '1' + 2.
    if (kx == Kind::Quantity && numeric(ky) && op != Op::Div && op != Op::Mod) {
        return quantities(op, x->as_quantity(), Quantity{as_decimal(*y), "1", false});
    }
    if (numeric(kx) && ky == Kind::Quantity && op != Op::Div && op != Op::Mod) {
        return quantities(op, Quantity{as_decimal(*x), "1", false}, y->as_quantity());
    }
    return refuse();
}

}  // namespace safetynet::core::fhirpath
