// FHIRPath N1 §5.5 "Conversion": iif and the toX() / convertsToX() pairs for Boolean, Integer,
// Decimal, Date, DateTime, Time, Quantity and String.
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_integer_text(std::string_view s) {
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s.empty()) return false;
    for (char c : s) if (c < '0' || c > '9') return false;
    return true;
}

std::optional<Value> to_boolean(const Value& v) {
    switch (v.kind()) {
    case Kind::Boolean: return v;
    case Kind::Integer:
        if (v.as_integer() == 0 || v.as_integer() == 1) return Value::boolean(v.as_integer() == 1);
        return std::nullopt;
    case Kind::Decimal: {
        const int c1 = v.as_decimal().compare(Decimal::of(1)), c0 = v.as_decimal().compare(Decimal::of(0));
        if (c1 == 0 || c0 == 0) return Value::boolean(c1 == 0);
        return std::nullopt;
    }
    case Kind::String: {
        const std::string s = lower(v.as_string());
        if (s == "true" || s == "t" || s == "yes" || s == "y" || s == "1" || s == "1.0") return Value::boolean(true);
        if (s == "false" || s == "f" || s == "no" || s == "n" || s == "0" || s == "0.0") return Value::boolean(false);
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

std::optional<Value> to_integer(const Value& v) {
    switch (v.kind()) {
    case Kind::Integer: return v;
    case Kind::Boolean: return Value::integer(v.as_boolean() ? 1 : 0);
    case Kind::String: {
        if (!is_integer_text(v.as_string())) return std::nullopt;
        errno = 0;
        const long long i = std::strtoll(v.as_string().c_str(), nullptr, 10);
        if (errno == ERANGE) return std::nullopt;
        return Value::integer(i);
    }
    default: return std::nullopt;
    }
}

std::optional<Value> to_decimal(const Value& v) {
    switch (v.kind()) {
    case Kind::Decimal: return v;
    case Kind::Integer: return Value::decimal(Decimal::of(v.as_integer()));
    case Kind::Boolean: return Value::decimal(Decimal(v.as_boolean() ? 10 : 0, 1));
    case Kind::String: {
        const std::optional<Decimal> d = Decimal::parse(v.as_string());
        if (!d) return std::nullopt;
        return Value::decimal(*d);
    }
    default: return std::nullopt;
    }
}

std::optional<Value> to_string(const Value& v) {
    std::optional<std::string> text = v.to_text();
    if (!text) return std::nullopt;
    return Value::string(std::move(*text));
}

std::optional<Value> to_date(const Value& v) {
    if (v.kind() == Kind::Date) return v;
    std::optional<Temporal> t;
    if (v.kind() == Kind::DateTime) t = v.as_temporal();
    else if (v.kind() == Kind::String) t = Temporal::parse_date(v.as_string());
    if (!t && v.kind() == Kind::String) t = Temporal::parse_date_time(v.as_string());
    if (!t) return std::nullopt;
    t->kind = Temporal::Kind::Date;
    t->precision = std::min(t->precision, Temporal::Precision::Day);
    t->offset_minutes.reset();
    t->hour = t->minute = t->second = t->millisecond = 0;
    return Value::temporal(*t);
}

std::optional<Value> to_date_time(const Value& v) {
    std::optional<Temporal> t;
    if (v.kind() == Kind::DateTime || v.kind() == Kind::Date) t = v.as_temporal();
    else if (v.kind() == Kind::String) t = Temporal::parse_date_time(v.as_string());
    if (!t) return std::nullopt;
    t->kind = Temporal::Kind::DateTime;
    return Value::temporal(*t);
}

std::optional<Value> to_time(const Value& v) {
    if (v.kind() == Kind::Time) return v;
    if (v.kind() != Kind::String) return std::nullopt;
    // "T14:34" as well as "14:34": the T that FHIRPath's @T literal and ISO 8601 put first.
    std::string_view s = v.as_string();
    if (!s.empty() && s[0] == 'T') s.remove_prefix(1);
    const std::optional<Temporal> t = Temporal::parse_time(s);
    if (!t) return std::nullopt;
    return Value::temporal(*t);
}

// "<number> '<ucum>'" or "<number> <calendar keyword>" or "<number>" (§5.5.8).
std::optional<Quantity> parse_quantity(std::string_view s) {
    const auto trim = [](std::string_view x) {
        while (!x.empty() && x.front() == ' ') x.remove_prefix(1);
        while (!x.empty() && x.back() == ' ') x.remove_suffix(1);
        return x;
    };
    s = trim(s);
    const std::size_t space = s.find(' ');
    const std::optional<Decimal> value = Decimal::parse(s.substr(0, space));
    if (!value) return std::nullopt;
    if (space == std::string_view::npos) return Quantity{*value, "1", false};
    const std::string_view unit = trim(s.substr(space + 1));
    if (unit.size() >= 2 && unit.front() == '\'' && unit.back() == '\'') return Quantity{*value, std::string(unit.substr(1, unit.size() - 2)), false};
    if (is_calendar_keyword(unit)) return Quantity{*value, std::string(unit), true};
    return std::nullopt;
}

std::optional<Value> to_quantity(const Value& v) {
    switch (v.kind()) {
    case Kind::Quantity: return v;
    case Kind::Integer: return Value::quantity(Quantity{Decimal::of(v.as_integer()), "1", false});
    case Kind::Decimal: return Value::quantity(Quantity{v.as_decimal(), "1", false});
    case Kind::Boolean: return Value::quantity(Quantity{Decimal(v.as_boolean() ? 10 : 0, 1), "1", false});
    case Kind::String: {
        std::optional<Quantity> q = parse_quantity(v.as_string());
        if (!q) return std::nullopt;
        return Value::quantity(std::move(*q));
    }
    default: return std::nullopt;
    }
}

// The input of a conversion: the single item as a System primitive, a FHIR Quantity as a
// System.Quantity.
std::optional<Value> operand(Evaluator& ev, const Ast& call, const Items& input) {
    const Value* v = ev.single(input, call, call.name + "()");
    if (!v) return std::nullopt;
    if (std::optional<Value> p = v->primitive()) return p;
    if (std::optional<Quantity> q = v->quantity()) return Value::quantity(std::move(*q));
    return std::nullopt;
}

using Converter = std::optional<Value> (*)(const Value&);

template <Converter Convert>
Items fn_to(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<Value> v = operand(ev, call, input);
    if (!v) return {};
    std::optional<Value> r = Convert(*v);
    return r ? Items{std::move(*r)} : Items{};
}

template <Converter Convert>
Items fn_converts(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    if (input.empty()) return {};
    const std::optional<Value> v = operand(ev, call, input);
    return {Value::boolean(v && Convert(*v).has_value())};
}

// toQuantity(unit) / convertsToQuantity(unit): also in the given unit.
std::optional<Value> quantity_in(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<Value> v = operand(ev, call, input);
    std::optional<Value> q = v ? to_quantity(*v) : std::nullopt;
    if (!q || call.args.empty()) return q;
    const std::optional<std::string> unit = ev.string_arg(call, 0, frame);
    if (!unit) return std::nullopt;
    std::optional<Quantity> converted = convert(q->as_quantity(), *unit, is_calendar_keyword(*unit));
    if (!converted) return std::nullopt;
    return Value::quantity(std::move(*converted));
}

Items fn_to_quantity(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    std::optional<Value> q = quantity_in(ev, call, input, frame);
    return q ? Items{std::move(*q)} : Items{};
}

Items fn_converts_to_quantity(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    if (input.empty()) return {};
    return {Value::boolean(quantity_in(ev, call, input, frame).has_value())};
}

Items fn_iif(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    // Invoked on a collection, iif() evaluates its arguments on that (single) item.
    Frame inner = frame;
    if (call.target) {
        if (input.size() > 1) ev.fail(call, "iif() expects a single item as its input, not " + std::to_string(input.size()));
        inner.focus = &input;
    }
    const Items criterion = ev.arg(call, 0, inner);
    const Value* c = ev.single(criterion, *call.args[0], "iif()");
    bool chosen = false;
    if (c) {
        const std::optional<Value> p = c->primitive();
        if (!p || p->kind() != Kind::Boolean) ev.fail(*call.args[0], "iif() needs a Boolean criterion, not " + c->qualified_type_name());
        chosen = p->as_boolean();
    }
    if (chosen) return ev.arg(call, 1, inner);
    if (call.args.size() > 2) return ev.arg(call, 2, inner);
    return {};
}

constexpr FunctionDef table[] = {
    {"iif", 2, 3, fn_iif},
    {"toBoolean", 0, 0, fn_to<to_boolean>},
    {"convertsToBoolean", 0, 0, fn_converts<to_boolean>},
    {"toInteger", 0, 0, fn_to<to_integer>},
    {"convertsToInteger", 0, 0, fn_converts<to_integer>},
    {"toDecimal", 0, 0, fn_to<to_decimal>},
    {"convertsToDecimal", 0, 0, fn_converts<to_decimal>},
    {"toString", 0, 0, fn_to<to_string>},
    {"convertsToString", 0, 0, fn_converts<to_string>},
    {"toDate", 0, 0, fn_to<to_date>},
    {"convertsToDate", 0, 0, fn_converts<to_date>},
    {"toDateTime", 0, 0, fn_to<to_date_time>},
    {"convertsToDateTime", 0, 0, fn_converts<to_date_time>},
    {"toTime", 0, 0, fn_to<to_time>},
    {"convertsToTime", 0, 0, fn_converts<to_time>},
    {"toQuantity", 0, 1, fn_to_quantity},
    {"convertsToQuantity", 0, 1, fn_converts_to_quantity},
};

}  // namespace

std::span<const FunctionDef> conversion_functions() { return table; }

}  // namespace safetynet::core::fhirpath
