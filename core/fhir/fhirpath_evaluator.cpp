#include "core/fhir/fhirpath_evaluator.hpp"

#include "core/fhir/fhirpath_compare.hpp"
#include "core/fhir/fhirpath_functions.hpp"
#include "core/fhir/systems.hpp"
#include "core/base/clock.hpp"

#include <algorithm>
#include <ctime>

namespace safetynet::core::fhirpath {

namespace {

const nlohmann::json& json_null() {
    static const nlohmann::json null_value;
    return null_value;
}

bool starts_upper(std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; }

// The resource type a JSON object names, for typing contained resources and roots.
model::TypeId resource_type_of(const nlohmann::json& j) {
    if (!j.is_object()) return model::no_type;
    const auto it = j.find("resourceType");
    if (it == j.end() || !it->is_string()) return model::no_type;
    const model::TypeId t = model::find_type(it->get_ref<const std::string&>());
    return model::is_resource(t) ? t : model::no_type;
}

std::string truncated(std::string_view s) {
    constexpr std::size_t max = 120;
    return s.size() <= max ? std::string(s) : std::string(s.substr(0, max)) + "…";
}

// FHIRPath §5.9: now() is the local date and time with its offset. Read through the one clock
// seam (core/base/clock.hpp); an Environment can fix it instead (Environment::now).
Temporal local_now() {
    Clock& clock = system_clock();
    const std::int64_t utc = clock.unix_time();
    const int offset = clock.utc_offset_seconds();
    const std::time_t wall = static_cast<std::time_t>(utc + offset);
    std::tm local{};
    gmtime_r(&wall, &local);  // the wall time's fields: UTC + offset read as if it were UTC
    Temporal t;
    t.kind = Temporal::Kind::DateTime;
    t.precision = Temporal::Precision::Second;
    t.year = local.tm_year + 1900;
    t.month = local.tm_mon + 1;
    t.day = local.tm_mday;
    t.hour = local.tm_hour;
    t.minute = local.tm_min;
    t.second = std::min(local.tm_sec, 59);
    t.offset_minutes = offset / 60;
    return t;
}

}  // namespace

Evaluator::Evaluator(const Environment& env, NodeStore& store, std::string_view expression, const Items& input)
    : m_env(env), m_store(store), m_expression(expression), m_input(input) {}

void Evaluator::fail(const Ast& at, const std::string& message) const {
    throw Error("fhirpath-evaluation", "fhirpath `" + truncated(m_expression) + "`",
                "at character " + std::to_string(at.position + 1) + ": " + message);
}

const Value* Evaluator::single(const Items& items, const Ast& at, std::string_view what) const {
    if (items.empty()) return nullptr;
    if (items.size() > 1) fail(at, std::string(what) + " expects a single item, not " + std::to_string(items.size()));
    return &items[0];
}

std::optional<bool> Evaluator::truth(const Items& items, const Ast& at, std::string_view what) const {
    const Value* v = single(items, at, what);
    if (!v || v->is_valueless()) return std::nullopt;
    const std::optional<Value> p = v->primitive();
    if (p && p->kind() == Value::Kind::Boolean) return p->as_boolean();
    return true;
}

std::optional<std::int64_t> Evaluator::integer_arg(const Ast& call, std::size_t i, const Frame& frame) {
    const Items items = arg(call, i, frame);
    const Value* v = single(items, *call.args[i], call.name + "()");
    if (!v) return std::nullopt;
    const std::optional<Value> p = v->primitive();
    if (!p || p->kind() != Value::Kind::Integer) fail(*call.args[i], call.name + "() expects an Integer argument");
    return p->as_integer();
}

std::optional<std::string> Evaluator::string_arg(const Ast& call, std::size_t i, const Frame& frame) {
    const Items items = arg(call, i, frame);
    const Value* v = single(items, *call.args[i], call.name + "()");
    if (!v) return std::nullopt;
    const std::optional<Value> p = v->primitive();
    if (!p || p->kind() != Value::Kind::String) fail(*call.args[i], call.name + "() expects a String argument");
    return p->as_string();
}

std::optional<Value> Evaluator::input_primitive(const Items& input, const Ast& call) const {
    const Value* v = single(input, call, call.name + "()");
    if (!v) return std::nullopt;
    return v->primitive();
}

std::optional<std::string> Evaluator::input_string(const Items& input, const Ast& call) const {
    const Value* v = single(input, call, call.name + "()");
    if (!v) return std::nullopt;
    const std::optional<Value> p = v->primitive();
    if (!p && v->is_node() && v->as_node().json->is_null()) return std::nullopt;  // a primitive with only extensions
    if (!p || p->kind() != Value::Kind::String) fail(call, call.name + "() works on a String, not " + v->qualified_type_name());
    return p->as_string();
}

Items Evaluator::eval_on(const Ast& e, const Value& item, std::int64_t index, const Frame& outer) {
    const Items focus{item};
    Frame f{&focus, index, outer.total};
    return eval(e, f);
}

const Temporal& Evaluator::now() {
    if (!m_now) m_now = m_env.now ? *m_env.now : local_now();
    return *m_now;
}

Items Evaluator::resource() const {
    if (const Collection* r = m_env.find("resource")) {
        m_store.keep(r->store());
        return r->items();
    }
    // The root of the input: the top of a node's parents.
    Items out;
    for (const Value& v : m_input) {
        if (!v.is_node()) continue;
        const Node* n = v.node_ptr();
        while (n->parent) n = n->parent;
        append_distinct(out, Value::node(n));
    }
    return out;
}

// ------------------------------------------------------------------ navigation

const Node* Evaluator::make_node(const nlohmann::json& json, const nlohmann::json* extras, const Node* parent,
                                 std::string_view name, model::TypeId type, model::GroupId group, std::int32_t index) {
    if (const model::TypeId r = resource_type_of(json); r != model::no_type) {
        type = r;
        group = model::type_group(r);
    }
    return m_store.add(Node{&json, extras, parent, name, type, group, index});
}

// The values of `key` (and its "_key" extras) in `obj`, one node per array item, below `parent`.
void Evaluator::add_element(const nlohmann::json& obj, const Node* parent, const std::string& key, model::TypeId type,
                            model::GroupId group, Items& out) {
    const auto it = obj.find(key);
    const auto ext = obj.find("_" + key);
    const nlohmann::json* extras = ext != obj.end() ? &*ext : nullptr;
    const std::string_view name = it != obj.end() ? std::string_view(it.key()) : ext != obj.end() ? std::string_view(ext.key()).substr(1) : std::string_view();
    const auto extra_at = [&](std::size_t i) -> const nlohmann::json* {
        if (!extras || !extras->is_array() || i >= extras->size() || (*extras)[i].is_null()) return nullptr;
        return &(*extras)[i];
    };
    if (it != obj.end() && it->is_array()) {
        // The "_name" array may run longer than the values when the last items have only
        // extensions.
        const std::size_t n = std::max(it->size(), extras && extras->is_array() ? extras->size() : 0);
        for (std::size_t i = 0; i < n; ++i) {
            const nlohmann::json& item = i < it->size() ? (*it)[i] : json_null();
            const nlohmann::json* x = extra_at(i);
            if (item.is_null() && !x) continue;
            out.push_back(Value::node(make_node(item, x, parent, name, type, group, static_cast<std::int32_t>(i))));
        }
    } else if (it != obj.end()) {
        if (it->is_null() && !extras) return;
        out.push_back(Value::node(make_node(*it, extras && extras->is_object() ? extras : nullptr, parent, name, type, group, -1)));
    } else if (extras) {
        // A primitive with only extensions: it has no value but is there.
        if (extras->is_array()) {
            for (std::size_t i = 0; i < extras->size(); ++i) {
                if (const nlohmann::json* x = extra_at(i)) out.push_back(Value::node(make_node(json_null(), x, parent, name, type, group, static_cast<std::int32_t>(i))));
            }
        } else if (extras->is_object()) {
            out.push_back(Value::node(make_node(json_null(), extras, parent, name, type, group, -1)));
        }
    }
}

void Evaluator::children(const Value& v, std::string_view name, Items& out, const Ast& at) {
    if (v.kind() == Value::Kind::Quantity) {
        // A System.Quantity has a value and a unit (FHIRPath N1 §2.1.20 "Quantity").
        if (name == "value") out.push_back(Value::decimal(v.as_quantity().value));
        if (name == "unit") out.push_back(Value::string(v.as_quantity().unit));
        return;
    }
    if (!v.is_node()) return;
    const Node& n = v.as_node();
    const nlohmann::json& j = *n.json;
    if (!j.is_object()) {
        // A primitive's id and extensions live in its "_name" sibling (FHIR R4 JSON §2.6.2.7).
        if (n.extras && n.extras->is_object() && (name == "extension" || name == "id")) {
            static const model::TypeId extension = model::find_type("Extension");
            static const model::TypeId string = model::system_type("String");
            add_element(*n.extras, &n, std::string(name), name == "id" ? string : extension,
                        name == "id" ? model::no_group : model::type_group(extension), out);
        }
        return;
    }
    // A type name as a path step selects the element itself when it is of that type
    // (§3.1 "Patient.name" on a Patient).
    if (starts_upper(name)) {
        const model::TypeId t = model::find_type(name);
        const bool typed = n.type != model::no_type && t != model::no_type && model::is_resource(t) && model::derives_from(n.type, t);
        const auto rt = j.find("resourceType");
        if (typed || (n.type == model::no_type && rt != j.end() && rt->is_string() && *rt == name)) {
            out.push_back(v);
            return;
        }
    }
    if (n.group == model::no_group) {
        add_element(j, &n, std::string(name), model::no_type, model::no_group, out);
        return;
    }
    const std::optional<model::Child> child = model::find_child(n.group, name);
    if (!child) {
        if (m_env.strict) fail(at, "'" + std::string(name) + "' is not an element of " + std::string(model::type_name(n.type)));
        add_element(j, &n, std::string(name), model::no_type, model::no_group, out);
        return;
    }
    if (child->choice_base != 0 && m_env.strict) {
        fail(at, "'" + std::string(name) + "' is a choice element: use '" + std::string(name.substr(0, child->choice_base)) + "'");
    }
    if (!child->choice) {
        add_element(j, &n, std::string(name), child->type, child->group, out);
        return;
    }
    // value[x]: the one concrete element present ("valueQuantity"), typed by its suffix.
    const auto& members = j.get_ref<const nlohmann::json::object_t&>();  // a std::map: keys in order
    for (auto it = members.lower_bound(std::string(name)); it != members.end() && std::string_view(it->first).substr(0, name.size()) == name; ++it) {
        const std::optional<model::Child> concrete = model::find_child(n.group, it->first);
        if (concrete && concrete->choice_base == name.size()) add_element(j, &n, it->first, concrete->type, concrete->group, out);
    }
}

void Evaluator::all_children(const Value& v, Items& out) {
    if (!v.is_node()) return;
    const Node& n = v.as_node();
    const nlohmann::json& j = *n.json;
    if (!j.is_object()) {
        if (n.extras && n.extras->is_object()) {
            for (const char* name : {"id", "extension"}) {
                if (n.extras->contains(name)) children(v, name, out, Ast{});
            }
        }
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        if (key == "resourceType" || key == "fhir_comments") continue;
        if (!key.empty() && key[0] == '_') {
            if (j.contains(key.substr(1))) continue;  // taken with its value
            add_element(j, &n, key.substr(1), model::no_type, model::no_group, out);
            continue;
        }
        std::optional<model::Child> child = n.group != model::no_group ? model::find_child(n.group, key) : std::nullopt;
        if (child && child->choice) child.reset();
        add_element(j, &n, key, child ? child->type : model::no_type, child ? child->group : model::no_group, out);
    }
}

// ------------------------------------------------------------------ types

model::TypeId Evaluator::resolve_type(std::string_view name, const Ast& at) const {
    model::TypeId t = model::no_type;
    if (name.substr(0, 5) == "FHIR.") {
        t = model::find_type(name.substr(5));
        if (model::is_system(t)) t = model::no_type;
    } else if (name.substr(0, 7) == "System.") {
        // An unknown System type (System.Patient) is a type nothing has, not an error.
        return model::find_type(name);
    } else {
        if (name == "Quantity") return either_quantity;
        t = model::find_type(name);
        if (t == model::no_type || model::is_system(t)) t = model::system_type(name);
    }
    if (t == model::no_type) fail(at, "unknown type " + std::string(name));
    return t;
}

bool Evaluator::has_type(const Value& v, model::TypeId type, bool exact) {
    if (type == model::no_type) return false;
    static const model::TypeId fhir_quantity = model::find_type("Quantity");
    if (type == either_quantity) {
        if (v.kind() == Value::Kind::Quantity) return true;
        type = fhir_quantity;
    }
    model::TypeId own = v.type();
    if (own == model::no_type) {
        // Untyped JSON: the System type of the value it holds.
        const std::optional<Value> p = v.primitive();
        if (!p) return false;
        own = p->type();
    }
    if (exact && model::is_primitive(own)) return own == type;
    return model::derives_from(own, type);
}

// ------------------------------------------------------------------ expressions

Items Evaluator::eval(const Ast& a, const Frame& frame) {
    switch (a.kind) {
    case Ast::Kind::Literal: return a.literal;
    case Ast::Kind::Empty: return {};
    case Ast::Kind::Member: return member(a, frame);
    case Ast::Kind::Call: {
        const Items input = a.target ? eval(*a.target, frame) : *frame.focus;
        return a.function->impl(*this, a, input, frame);
    }
    case Ast::Kind::Index: return index(a, frame);
    case Ast::Kind::Unary: return unary(a, frame);
    case Ast::Kind::Binary: return binary(a, frame);
    case Ast::Kind::TypeOp: return type_operator(a, frame);
    case Ast::Kind::Variable: return variable(a);
    case Ast::Kind::This: return *frame.focus;
    case Ast::Kind::IndexVar:
        if (frame.index < 0) return {};
        return {Value::integer(frame.index)};
    case Ast::Kind::Total: return frame.total ? *frame.total : Items{};
    }
    return {};
}

Items Evaluator::variable(const Ast& a) {
    const std::string& name = a.name;
    if (const Collection* c = m_env.find(name)) {
        m_store.keep(c->store());
        return c->items();
    }
    if (name == "resource" || name == "rootResource") return resource();
    if (name == "context") return m_input;
    // FHIRPath N1 §9 and FHIR R4 §2.24.0.2: the constants every engine defines.
    if (name == "ucum") return {Value::string("http://unitsofmeasure.org")};
    if (name == "sct") return {Value::string(fhir::kSnomed)};
    if (name == "loinc") return {Value::string(fhir::kLoinc)};
    if (name.substr(0, 3) == "vs-") return {Value::string("http://hl7.org/fhir/ValueSet/" + name.substr(3))};
    if (name.substr(0, 4) == "ext-") return {Value::string("http://hl7.org/fhir/StructureDefinition/" + name.substr(4))};
    fail(a, "the variable %" + name + " is not defined");
}

Items Evaluator::member(const Ast& a, const Frame& frame) {
    Items out;
    if (a.target) {
        for (const Value& v : eval(*a.target, frame)) children(v, a.name, out, a);
    } else {
        for (const Value& v : *frame.focus) children(v, a.name, out, a);
    }
    return out;
}

Items Evaluator::index(const Ast& a, const Frame& frame) {
    Items target = eval(*a.target, frame);
    const Items at = eval(*a.args[0], frame);
    const Value* i = single(at, *a.args[0], "[]");
    if (!i) return {};
    const std::optional<Value> p = i->primitive();
    if (!p || p->kind() != Value::Kind::Integer) fail(*a.args[0], "an index must be an Integer");
    const std::int64_t n = p->as_integer();
    if (n < 0 || static_cast<std::uint64_t>(n) >= target.size()) return {};
    return {std::move(target[static_cast<std::size_t>(n)])};
}

Items Evaluator::unary(const Ast& a, const Frame& frame) {
    const Items operand = eval(*a.target, frame);
    const Value* v = single(operand, a, a.op == Op::Negate ? "unary -" : "unary +");
    if (!v) return {};
    std::optional<Value> p = v->primitive();
    if (!p && v->kind() == Value::Kind::Quantity) p = *v;
    if (!p) p = v->quantity() ? std::optional<Value>(Value::quantity(*v->quantity())) : std::nullopt;
    if (!p || (p->kind() != Value::Kind::Integer && p->kind() != Value::Kind::Decimal && p->kind() != Value::Kind::Quantity)) {
        fail(a, "unary " + std::string(a.op == Op::Negate ? "-" : "+") + " needs a number or a quantity");
    }
    if (a.op == Op::Positive) return {*p};
    switch (p->kind()) {
    case Value::Kind::Integer:
        if (p->as_integer() == INT64_MIN) return {};
        return {Value::integer(-p->as_integer())};
    case Value::Kind::Decimal: return {Value::decimal(p->as_decimal().negated())};
    default: {
        Quantity q = p->as_quantity();
        q.value = q.value.negated();
        return {Value::quantity(std::move(q))};
    }
    }
}

Items Evaluator::logic(const Ast& a, const Frame& frame) {
    // Three-valued logic (§6.5), evaluating the right side only when it can matter.
    const std::optional<bool> l = truth(eval(*a.args[0], frame), *a.args[0], "a Boolean operator");
    const auto right = [&] { return truth(eval(*a.args[1], frame), *a.args[1], "a Boolean operator"); };
    const auto result = [](std::optional<bool> b) { return b ? Items{Value::boolean(*b)} : Items{}; };
    switch (a.op) {
    case Op::And: {
        if (l == false) return result(false);
        const std::optional<bool> r = right();
        if (r == false) return result(false);
        if (l && r) return result(true);
        return {};
    }
    case Op::Or: {
        if (l == true) return result(true);
        const std::optional<bool> r = right();
        if (r == true) return result(true);
        if (l && r) return result(false);
        return {};
    }
    case Op::Xor: {
        const std::optional<bool> r = right();
        if (!l || !r) return {};
        return result(*l != *r);
    }
    default: {  // implies
        if (l == false) return result(true);
        const std::optional<bool> r = right();
        if (r == true) return result(true);
        if (l && r) return result(false);
        return {};
    }
    }
}

Items Evaluator::binary(const Ast& a, const Frame& frame) {
    switch (a.op) {
    case Op::And: case Op::Or: case Op::Xor: case Op::Implies: return logic(a, frame);
    default: break;
    }
    const Items l = eval(*a.args[0], frame);
    const Items r = eval(*a.args[1], frame);
    const auto result = [](std::optional<bool> b) { return b ? Items{Value::boolean(*b)} : Items{}; };
    switch (a.op) {
    case Op::Union: {
        Items out;
        for (const Value& v : l) append_distinct(out, v);
        for (const Value& v : r) append_distinct(out, v);
        return out;
    }
    case Op::Equal: return result(equal(l, r));
    case Op::NotEqual: {
        const std::optional<bool> e = equal(l, r);
        return result(e ? std::optional<bool>(!*e) : std::nullopt);
    }
    case Op::Equivalent: return result(equivalent(l, r));
    case Op::NotEquivalent: return result(!equivalent(l, r));
    case Op::Less: case Op::LessEqual: case Op::Greater: case Op::GreaterEqual: {
        const Value* x = single(l, a, "a comparison");
        const Value* y = single(r, a, "a comparison");
        if (!x || !y) return {};
        const Order o = order(*x, *y);
        if (o == Order::Incomparable) fail(a, "cannot compare " + x->qualified_type_name() + " with " + y->qualified_type_name());
        if (o == Order::Unknown) return {};
        switch (a.op) {
        case Op::Less: return result(o == Order::Less);
        case Op::LessEqual: return result(o != Order::Greater);
        case Op::Greater: return result(o == Order::Greater);
        default: return result(o != Order::Less);
        }
    }
    case Op::In: case Op::Contains: {
        const Items& item = a.op == Op::In ? l : r;
        const Items& set = a.op == Op::In ? r : l;
        const Value* v = single(item, *a.args[a.op == Op::In ? 0 : 1], a.op == Op::In ? "in" : "contains");
        if (!v) return {};
        return result(contains_equal(set, *v));
    }
    case Op::Concatenate: {
        const Value* x = single(l, a, "&");
        const Value* y = single(r, a, "&");
        const auto text = [&](const Value* v, const Ast& at) {
            if (!v || v->is_valueless()) return std::string();
            const std::optional<Value> p = v->primitive();
            if (!p || p->kind() != Value::Kind::String) fail(at, "& joins Strings, not " + v->qualified_type_name());
            return p->as_string();
        };
        return {Value::string(text(x, *a.args[0]) + text(y, *a.args[1]))};
    }
    default: {
        const Value* x = single(l, a, "an arithmetic operator");
        const Value* y = single(r, a, "an arithmetic operator");
        if (!x || !y || x->is_valueless() || y->is_valueless()) return {};
        std::optional<Value> v = arithmetic(*this, a, a.op, *x, *y);
        if (!v) return {};
        return {std::move(*v)};
    }
    }
}

Items Evaluator::type_operator(const Ast& a, const Frame& frame) {
    const Items operand = eval(*a.target, frame);
    const model::TypeId t = resolve_type(a.name, a);
    const Value* v = single(operand, a, a.op == Op::Is ? "is" : "as");
    if (!v) return {};
    if (a.op == Op::Is) return {Value::boolean(has_type(*v, t, false))};
    if (has_type(*v, t, true)) return {*v};
    return {};
}

}  // namespace safetynet::core::fhirpath
