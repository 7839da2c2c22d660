#include "core/fhir/fhirpath.hpp"

#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_parser.hpp"

namespace safetynet::core::fhirpath {

namespace {

std::string quoted_expression(std::string_view text) {
    constexpr std::size_t max = 120;
    return "fhirpath `" + (text.size() <= max ? std::string(text) : std::string(text.substr(0, max)) + "…") + "`";
}

// The type and element group of a model path: a type ("Coding") or an element path
// ("QuestionnaireResponse.item").
std::pair<model::TypeId, model::GroupId> element_type(std::string_view path) {
    if (const model::TypeId t = model::find_type(path); t != model::no_type) return {t, model::type_group(t)};
    const std::size_t dot = path.rfind('.');
    if (dot == std::string_view::npos) return {model::no_type, model::no_group};
    model::GroupId parent = model::find_group(path.substr(0, dot));
    if (parent == model::no_group) parent = model::type_group(model::find_type(path.substr(0, dot)));
    const std::optional<model::Child> child = model::find_child(parent, path.substr(dot + 1));
    if (!child) return {model::no_type, model::no_group};
    return {child->type, child->group};
}

}  // namespace

SyntaxError::SyntaxError(std::string_view expression, std::size_t position, const std::string& message)
    : Error("fhirpath-syntax", quoted_expression(expression), "at character " + std::to_string(position + 1) + ": " + message),
      m_position(position) {}

Collection Collection::of_json(const nlohmann::json& value) {
    auto store = std::make_shared<NodeStore>();
    Items items;
    const Environment none;
    Evaluator maker(none, *store, {}, items);
    const auto add = [&](const nlohmann::json& j) {
        if (!j.is_null()) items.push_back(Value::node(maker.make_node(j, nullptr, nullptr, {}, model::no_type, model::no_group, -1)));
    };
    if (value.is_array()) {
        for (const nlohmann::json& j : value) add(j);
    } else {
        add(value);
    }
    return Collection(std::move(items), std::move(store));
}

Collection Collection::of_element(const nlohmann::json& value, std::string_view path) {
    auto store = std::make_shared<NodeStore>();
    const auto [type, group] = element_type(path);
    Items items;
    if (!value.is_null()) items.push_back(Value::node(store->add(Node{&value, nullptr, nullptr, {}, type, group, -1})));
    return Collection(std::move(items), std::move(store));
}

Collection Collection::of(Value value) { return Collection(Items{std::move(value)}, nullptr); }

nlohmann::json Collection::to_json() const {
    nlohmann::json out = nlohmann::json::array();
    for (const Value& v : m_items) {
        if (!v.is_valueless()) out.push_back(v.to_json());
    }
    return out;
}

std::optional<bool> Collection::as_boolean() const {
    if (m_items.empty()) return std::nullopt;
    if (m_items.size() > 1) throw Error("fhirpath-evaluation", "", "a Boolean was expected, found " + std::to_string(m_items.size()) + " items");
    const std::optional<Value> p = m_items[0].primitive();
    if (p && p->kind() == Value::Kind::Boolean) return p->as_boolean();
    return true;
}

void Environment::set(std::string name, Collection value) { m_variables.insert_or_assign(std::move(name), std::move(value)); }

const Collection* Environment::find(std::string_view name) const {
    const auto it = m_variables.find(name);
    return it == m_variables.end() ? nullptr : &it->second;
}

Collection Expression::evaluate(const nlohmann::json& input, const Environment& env) const {
    return evaluate(Collection::of_json(input), env);
}

Collection Expression::evaluate(const Collection& input, const Environment& env) const {
    if (!m_ast) throw Error("fhirpath-evaluation", "", "the expression was not compiled");
    auto store = std::make_shared<NodeStore>();
    store->keep(input.store());
    Evaluator ev(env, *store, m_text, input.items());
    const Frame frame{&input.items(), -1, nullptr};
    Items result = ev.eval(*m_ast, frame);
    return Collection(std::move(result), std::move(store));
}

Expression compile(std::string_view text) {
    Expression e;
    e.m_text = std::string(text);
    e.m_ast = parse(text);
    return e;
}

}  // namespace safetynet::core::fhirpath
