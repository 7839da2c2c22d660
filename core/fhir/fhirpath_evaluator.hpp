#pragma once
// Walks a syntax tree over collections (FHIRPath N1 §3 "Path selection", §4 "Expressions",
// §6 "Operations"): navigation through the FHIR model, operators with their three-valued
// logic and singleton rules, variables. The functions (fhirpath_fn_*.cpp) use the helpers
// declared here. Internal to core/fhir: callers use fhirpath.hpp.
#include "core/fhir/fhirpath.hpp"
#include "core/fhir/fhirpath_ast.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core::fhirpath {

// What $this, $index and $total are where a (sub)expression is evaluated.
struct Frame {
    const Items* focus = nullptr;  // $this: the input of the whole expression, or the item an iterating function is at
    std::int64_t index = -1;       // $index, -1 outside an iterating function
    const Items* total = nullptr;  // $total inside aggregate()
};

class Evaluator {
public:
    Evaluator(const Environment& env, NodeStore& store, std::string_view expression, const Items& input);

    Items eval(const Ast& a, const Frame& frame);
    // An argument of `call`, evaluated where the call is.
    Items arg(const Ast& call, std::size_t i, const Frame& frame) { return eval(*call.args[i], frame); }
    // An expression evaluated with $this = `item` and $index = `index` (where, select, all …).
    Items eval_on(const Ast& e, const Value& item, std::int64_t index, const Frame& outer);

    // An evaluation error naming the expression and the position of `at`.
    [[noreturn]] void fail(const Ast& at, const std::string& message) const;

    // Singleton evaluation (§4.5): nullptr for an empty collection, the item for one, an
    // error for more ("<what> expects a single item").
    const Value* single(const Items& items, const Ast& at, std::string_view what) const;
    // A collection as a Boolean (§4.5): nullopt when empty; a single Boolean its value; a
    // single item of another type true; several items an error.
    std::optional<bool> truth(const Items& items, const Ast& at, std::string_view what) const;
    // Singleton primitives for function arguments; nullopt when empty, an error when the item
    // is of another type.
    std::optional<std::int64_t> integer_arg(const Ast& call, std::size_t i, const Frame& frame);
    std::optional<std::string> string_arg(const Ast& call, std::size_t i, const Frame& frame);
    // The single item a function is invoked on, as a System primitive: nullopt for an empty
    // input (or an element without a value), an error for several items.
    std::optional<Value> input_primitive(const Items& input, const Ast& call) const;
    // The same for functions on strings: an error for an item that is not a String.
    std::optional<std::string> input_string(const Items& input, const Ast& call) const;

    // Children of an element by JSON name (choice elements by their base name), and all of them.
    void children(const Value& v, std::string_view name, Items& out, const Ast& at);
    void all_children(const Value& v, Items& out);
    // A node for a JSON value below `parent` (or a root), typed by the model and, for a
    // resource, by its resourceType.
    const Node* make_node(const nlohmann::json& json, const nlohmann::json* extras, const Node* parent,
                          std::string_view name, model::TypeId type, model::GroupId group, std::int32_t index);

    // Quantity is the one name both namespaces have: unqualified, it means either
    // (1 'mg' is Quantity, Observation.value is Quantity).
    static constexpr model::TypeId either_quantity = -2;
    // A type specifier (FHIR.Patient, System.Boolean, Quantity) to a type: FHIR's first, then
    // System's (§6.3); an error when neither has it.
    model::TypeId resolve_type(std::string_view name, const Ast& at) const;
    // `is`: the item's type is `type` or derives from it. `exact` (as, ofType) refuses a FHIR
    // primitive's base types (a code is not returned by as(string)), as the R4 suite expects.
    static bool has_type(const Value& v, model::TypeId type, bool exact);

    const Environment& env() const { return m_env; }
    NodeStore& store() { return m_store; }
    const Temporal& now();
    // %resource: the environment's, or the root of the input.
    Items resource() const;

private:
    Items variable(const Ast& a);
    Items member(const Ast& a, const Frame& frame);
    Items index(const Ast& a, const Frame& frame);
    Items unary(const Ast& a, const Frame& frame);
    Items binary(const Ast& a, const Frame& frame);
    Items logic(const Ast& a, const Frame& frame);
    Items type_operator(const Ast& a, const Frame& frame);
    void add_element(const nlohmann::json& obj, const Node* parent, const std::string& key, model::TypeId type,
                     model::GroupId group, Items& out);

    const Environment& m_env;
    NodeStore& m_store;
    std::string_view m_expression;
    const Items& m_input;
    std::optional<Temporal> m_now;
};

// Arithmetic on two singletons (§6.6): nullopt for an empty result (division by zero,
// overflow); an error through `ev` for operands that do not go together.
std::optional<Value> arithmetic(Evaluator& ev, const Ast& at, Op op, const Value& a, const Value& b);

}  // namespace safetynet::core::fhirpath
