// FHIRPath N1 §5.8 "Tree navigation" (children, descendants), §5.9 "Utility functions" (trace,
// now, today, timeOfDay), §6.3 types as functions (is, as, type()), §6.5 not(), §7 aggregate(),
// and FHIRPath 2.1's lowBoundary, highBoundary, precision, comparable and sort, which the R4
// suite uses; sum, min, max and avg (FHIRPath 2.1 aggregates, used by SDC forms); and 2.1's
// date/time component functions (yearOf … millisecondOf, timezoneOffsetOf, dateOf, timeOf).
#include "core/fhir/fhirpath_compare.hpp"
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"
#include "core/fhir/ucum.hpp"

#include <algorithm>
#include <unordered_set>

namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

Items fn_children(Evaluator& ev, const Ast&, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) ev.all_children(v, out);
    return out;
}

Items fn_descendants(Evaluator& ev, const Ast&, const Items& input, const Frame&) {
    // repeat(children()): every element below the input once, breadth first.
    Items out;
    std::unordered_set<const void*> seen;
    Items level = input;
    while (!level.empty()) {
        Items next;
        for (const Value& v : level) ev.all_children(v, next);
        level.clear();
        for (Value& v : next) {
            const Node& n = v.as_node();
            if (!seen.insert(n.json->is_null() ? static_cast<const void*>(n.extras) : static_cast<const void*>(n.json)).second) continue;
            out.push_back(v);
            level.push_back(std::move(v));
        }
    }
    return out;
}

Items fn_trace(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> name = ev.string_arg(call, 0, frame);
    if (ev.env().trace) {
        Items shown = input;
        if (call.args.size() > 1) {
            shown.clear();
            for (std::size_t i = 0; i < input.size(); ++i) {
                Items part = ev.eval_on(*call.args[1], input[i], static_cast<std::int64_t>(i), frame);
                shown.insert(shown.end(), part.begin(), part.end());
            }
        }
        ev.env().trace(name.value_or(""), Collection(std::move(shown), nullptr));
    }
    return input;
}

Items fn_now(Evaluator& ev, const Ast&, const Items&, const Frame&) { return {Value::temporal(ev.now())}; }

Items fn_today(Evaluator& ev, const Ast&, const Items&, const Frame&) {
    Temporal t = ev.now();
    t.kind = Temporal::Kind::Date;
    t.precision = Temporal::Precision::Day;
    t.hour = t.minute = t.second = t.millisecond = 0;
    t.offset_minutes.reset();
    return {Value::temporal(t)};
}

Items fn_time_of_day(Evaluator& ev, const Ast&, const Items&, const Frame&) {
    Temporal t = ev.now();
    t.kind = Temporal::Kind::Time;
    t.offset_minutes.reset();
    return {Value::temporal(t)};
}

// The date/time an extraction function works on: a Date, DateTime or Time, or a String that
// reads as one; nullopt otherwise.
std::optional<Temporal> temporal_input(Evaluator& ev, const Ast& call, const Items& input) {
    const std::optional<Value> p = ev.input_primitive(input, call);
    if (!p) return std::nullopt;
    switch (p->kind()) {
    case Kind::Date: case Kind::DateTime: case Kind::Time: return p->as_temporal();
    case Kind::String: {
        std::optional<Temporal> t = Temporal::parse_date_time(p->as_string());
        if (!t) t = Temporal::parse_time(p->as_string());
        return t;
    }
    default: return std::nullopt;
    }
}

// yearOf() … millisecondOf() (FHIRPath 2.1 §5.11): a component, if the value is that precise.
template <Temporal::Precision P>
Items fn_component(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Temporal> t = temporal_input(ev, call, input);
    if (!t || t->precision < P) return {};
    if (P < Temporal::Precision::Hour && t->kind == Temporal::Kind::Time) return {};
    switch (P) {
    case Temporal::Precision::Year: return {Value::integer(t->year)};
    case Temporal::Precision::Month: return {Value::integer(t->month)};
    case Temporal::Precision::Day: return {Value::integer(t->day)};
    case Temporal::Precision::Hour: return {Value::integer(t->hour)};
    case Temporal::Precision::Minute: return {Value::integer(t->minute)};
    case Temporal::Precision::Second: return {Value::integer(t->second)};
    default: return {Value::integer(t->millisecond)};
    }
}

Items fn_timezone_offset_of(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Temporal> t = temporal_input(ev, call, input);
    if (!t || t->kind != Temporal::Kind::DateTime || !t->offset_minutes) return {};
    // In hours, as a Decimal (+08:45 is 8.75).
    const std::optional<Decimal> hours = Decimal::divide(Decimal::of(*t->offset_minutes), Decimal::of(60));
    return hours ? Items{Value::decimal(*hours)} : Items{};
}

Items fn_date_of(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    std::optional<Temporal> t = temporal_input(ev, call, input);
    if (!t || t->kind == Temporal::Kind::Time) return {};
    t->kind = Temporal::Kind::Date;
    t->precision = std::min(t->precision, Temporal::Precision::Day);
    t->hour = t->minute = t->second = t->millisecond = 0;
    t->offset_minutes.reset();
    return {Value::temporal(*t)};
}

Items fn_time_of(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    std::optional<Temporal> t = temporal_input(ev, call, input);
    if (!t || t->kind != Temporal::Kind::DateTime || t->precision < Temporal::Precision::Hour) return {};
    t->kind = Temporal::Kind::Time;
    t->offset_minutes.reset();
    return {Value::temporal(*t)};
}

Items fn_is(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const model::TypeId t = ev.resolve_type(call.name, call);
    const Value* v = ev.single(input, call, "is()");
    if (!v) return {};
    return {Value::boolean(Evaluator::has_type(*v, t, false))};
}

Items fn_as(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const model::TypeId t = ev.resolve_type(call.name, call);
    const Value* v = ev.single(input, call, "as()");
    if (!v || !Evaluator::has_type(*v, t, true)) return {};
    return {*v};
}

// type() (§11.2): a TypeInfo {namespace, name} element.
Items fn_type(Evaluator& ev, const Ast&, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) {
        model::TypeId t = v.type();
        if (t == model::no_type) {
            const std::optional<Value> p = v.primitive();
            if (!p) continue;
            t = p->type();
        }
        const std::string_view name = model::type_name(t);
        const bool system = model::is_system(t);
        const nlohmann::json& info = ev.store().own({{"namespace", system ? "System" : "FHIR"}, {"name", system ? name.substr(7) : name}});
        out.push_back(Value::node(ev.make_node(info, nullptr, nullptr, {}, model::no_type, model::no_group, -1)));
    }
    return out;
}

Items fn_not(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<bool> b = ev.truth(input, call, "not()");
    if (!b) return {};
    return {Value::boolean(!*b)};
}

Items fn_aggregate(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    Items total = call.args.size() > 1 ? ev.arg(call, 1, frame) : Items{};
    for (std::size_t i = 0; i < input.size(); ++i) {
        const Items focus{input[i]};
        Items next = ev.eval(*call.args[0], Frame{&focus, static_cast<std::int64_t>(i), &total});
        total = std::move(next);
    }
    return total;
}

// The items as numbers (or quantities) for sum/min/max/avg; an error for anything else.
Items numbers(Evaluator& ev, const Ast& call, const Items& input) {
    Items out;
    for (const Value& v : input) {
        if (v.is_valueless()) continue;
        std::optional<Value> p = v.primitive();
        if (!p) {
            if (std::optional<Quantity> q = v.quantity()) p = Value::quantity(std::move(*q));
        }
        if (!p || (p->kind() != Kind::Integer && p->kind() != Kind::Decimal && p->kind() != Kind::Quantity)) {
            ev.fail(call, call.name + "() works on numbers, not " + v.qualified_type_name());
        }
        out.push_back(std::move(*p));
    }
    return out;
}

Items fn_sum(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const Items values = numbers(ev, call, input);
    if (values.empty()) return {};  // as fhirpath.js, which SDC forms are written against
    Value total = values[0];
    for (std::size_t i = 1; i < values.size(); ++i) {
        std::optional<Value> next = arithmetic(ev, call, Op::Plus, total, values[i]);
        if (!next) return {};
        total = std::move(*next);
    }
    return {total};
}

Items fn_min_max(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    Items values;
    for (const Value& v : input) {
        if (v.is_valueless()) continue;
        std::optional<Value> p = v.primitive();
        if (!p) p = v.quantity() ? std::optional<Value>(Value::quantity(*v.quantity())) : std::nullopt;
        if (!p) ev.fail(call, call.name + "() works on comparable values, not " + v.qualified_type_name());
        values.push_back(std::move(*p));
    }
    if (values.empty()) return {};
    const bool want_min = call.name == "min";
    std::size_t best = 0;
    for (std::size_t i = 1; i < values.size(); ++i) {
        const Order o = order(values[i], values[best]);
        if (o == Order::Incomparable) ev.fail(call, call.name + "() cannot compare " + values[i].qualified_type_name() + " with " + values[best].qualified_type_name());
        if (o == Order::Unknown) return {};
        if ((want_min && o == Order::Less) || (!want_min && o == Order::Greater)) best = i;
    }
    return {values[best]};
}

Items fn_avg(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    if (input.empty()) return {};
    const Items sum = fn_sum(ev, call, input, frame);
    if (sum.empty()) return {};
    std::optional<Value> avg = arithmetic(ev, call, Op::Divide, sum[0], Value::integer(static_cast<std::int64_t>(input.size())));
    return avg ? Items{std::move(*avg)} : Items{};
}

// lowBoundary() / highBoundary(): the least / greatest value the input's precision allows, to
// `precision` digits (decimals: after the point, default 8; dates: 4 … 17 digits).
Items boundary(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame, bool high) {
    const Value* v = ev.single(input, call, call.name + "()");
    if (!v) return {};
    std::optional<Value> p = v->primitive();
    if (!p) p = v->quantity() ? std::optional<Value>(Value::quantity(*v->quantity())) : std::nullopt;
    if (!p) return {};
    std::optional<std::int64_t> digits;
    if (!call.args.empty()) {
        digits = ev.integer_arg(call, 0, frame);
        if (!digits) return {};
    }
    const auto decimal_boundary = [&](const Decimal& d) -> std::optional<Decimal> {
        const std::int64_t places = digits.value_or(8);
        if (places < 0 || places > 28) return std::nullopt;
        const Decimal half(5, d.scale() + 1);  // half a unit in the last digit written
        const std::optional<Decimal> edge = high ? Decimal::add(d, half) : Decimal::subtract(d, half);
        if (!edge) return std::nullopt;
        return high ? edge->ceiling_to(static_cast<int>(places)) : edge->floor_to(static_cast<int>(places));
    };
    switch (p->kind()) {
    case Kind::Integer:
    case Kind::Decimal: {
        const std::optional<Decimal> d = decimal_boundary(p->kind() == Kind::Integer ? Decimal::of(p->as_integer()) : p->as_decimal());
        return d ? Items{Value::decimal(*d)} : Items{};
    }
    case Kind::Quantity: {
        Quantity q = p->as_quantity();
        const std::optional<Decimal> d = decimal_boundary(q.value);
        if (!d) return {};
        q.value = *d;
        return {Value::quantity(std::move(q))};
    }
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Time: {
        const Temporal& t = p->as_temporal();
        const int fallback = t.kind == Temporal::Kind::Date ? 8 : t.kind == Temporal::Kind::Time ? 9 : 17;
        const int d = static_cast<int>(std::clamp<std::int64_t>(digits.value_or(fallback), -1, 99));
        const std::optional<Temporal> b = high ? t.high_boundary(d) : t.low_boundary(d);
        return b ? Items{Value::temporal(*b)} : Items{};
    }
    default: return {};
    }
}

Items fn_low_boundary(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) { return boundary(ev, call, input, frame, false); }
Items fn_high_boundary(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) { return boundary(ev, call, input, frame, true); }

Items fn_precision(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Value> p = ev.input_primitive(input, call);
    if (!p) return {};
    switch (p->kind()) {
    case Kind::Integer: return {Value::integer(0)};
    case Kind::Decimal: return {Value::integer(std::max(0, p->as_decimal().scale()))};
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Time: return {Value::integer(p->as_temporal().digits())};
    default: return {};
    }
}

Items fn_comparable(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const Value* v = ev.single(input, call, "comparable()");
    const Items other_items = ev.arg(call, 0, frame);
    const Value* other = ev.single(other_items, *call.args[0], "comparable()");
    if (!v || !other) return {};
    const std::optional<Quantity> a = v->quantity(), b = other->quantity();
    if (!a || !b) ev.fail(call, "comparable() works on quantities");
    return {Value::boolean(convert(*b, a->unit, a->calendar).has_value())};
}

Items fn_sort(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    // Each argument is a key, descending when written with a leading '-' (FHIRPath 2.1 sort()).
    struct Key {
        const Ast* expression;
        bool descending;
    };
    std::vector<Key> keys;
    for (const auto& a : call.args) {
        const bool descending = a->kind == Ast::Kind::Unary && a->op == Op::Negate;
        keys.push_back({descending ? a->target.get() : a.get(), descending});
    }
    std::vector<std::vector<Items>> values(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
        for (const Key& k : keys) values[i].push_back(ev.eval_on(*k.expression, input[i], static_cast<std::int64_t>(i), frame));
        if (keys.empty()) values[i].push_back({input[i]});
    }
    // An empty key sorts first, whichever the direction (as the R4 suite's testSort10 expects).
    const auto compare_keys = [&](const Items& a, const Items& b, bool descending) -> int {
        if (a.empty() || b.empty()) {
            const int c = static_cast<int>(!a.empty()) - static_cast<int>(!b.empty());
            return descending ? -c : c;
        }
        const Order o = order(a[0], b[0]);
        if (o == Order::Incomparable) ev.fail(call, "sort() cannot compare " + a[0].qualified_type_name() + " with " + b[0].qualified_type_name());
        return o == Order::Less ? -1 : o == Order::Greater ? 1 : 0;
    };
    std::vector<std::size_t> order_of(input.size());
    for (std::size_t i = 0; i < order_of.size(); ++i) order_of[i] = i;
    std::stable_sort(order_of.begin(), order_of.end(), [&](std::size_t x, std::size_t y) {
        for (std::size_t k = 0; k < values[x].size(); ++k) {
            const int c = compare_keys(values[x][k], values[y][k], !keys.empty() && keys[k].descending);
            if (c != 0) return keys.empty() || !keys[k].descending ? c < 0 : c > 0;
        }
        return false;
    });
    Items out;
    for (std::size_t i : order_of) out.push_back(input[i]);
    return out;
}

constexpr FunctionDef table[] = {
    {"children", 0, 0, fn_children},
    {"descendants", 0, 0, fn_descendants},
    {"trace", 1, 2, fn_trace},
    {"now", 0, 0, fn_now},
    {"today", 0, 0, fn_today},
    {"timeOfDay", 0, 0, fn_time_of_day},
    {"is", 1, 1, fn_is, true},
    {"as", 1, 1, fn_as, true},
    {"type", 0, 0, fn_type},
    {"not", 0, 0, fn_not},
    {"aggregate", 1, 2, fn_aggregate},
    {"sum", 0, 0, fn_sum},
    {"min", 0, 0, fn_min_max},
    {"max", 0, 0, fn_min_max},
    {"avg", 0, 0, fn_avg},
    {"lowBoundary", 0, 1, fn_low_boundary},
    {"highBoundary", 0, 1, fn_high_boundary},
    {"precision", 0, 0, fn_precision},
    {"comparable", 1, 1, fn_comparable},
    {"sort", 0, 8, fn_sort},
    {"yearOf", 0, 0, fn_component<Temporal::Precision::Year>},
    {"monthOf", 0, 0, fn_component<Temporal::Precision::Month>},
    {"dayOf", 0, 0, fn_component<Temporal::Precision::Day>},
    {"hourOf", 0, 0, fn_component<Temporal::Precision::Hour>},
    {"minuteOf", 0, 0, fn_component<Temporal::Precision::Minute>},
    {"secondOf", 0, 0, fn_component<Temporal::Precision::Second>},
    {"millisecondOf", 0, 0, fn_component<Temporal::Precision::Millisecond>},
    {"timezoneOffsetOf", 0, 0, fn_timezone_offset_of},
    {"dateOf", 0, 0, fn_date_of},
    {"timeOf", 0, 0, fn_time_of},
};

}  // namespace

std::span<const FunctionDef> utility_functions() { return table; }

}  // namespace safetynet::core::fhirpath
