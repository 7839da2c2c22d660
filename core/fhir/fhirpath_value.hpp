#pragma once
// The items of FHIRPath collections (FHIRPath N1 §2.1.20 "Literals", §11 "Types and
// reflection"): a System value (Boolean, Integer, Decimal, String, Date, DateTime, Time,
// Quantity) made by the expression, or a Node: an element of a FHIR resource held as
// nlohmann::json, with its FHIR type and where it sits (its parent), so that ofType(),
// resolve(), extension() on primitives and SDC's ordinal() can look around it.
#include "core/fhir/fhirpath_decimal.hpp"
#include "core/fhir/fhirpath_model.hpp"
#include "core/fhir/fhirpath_quantity.hpp"
#include "core/fhir/fhirpath_temporal.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace safetynet::core::fhirpath {

// An element of a JSON document. The document must outlive every collection holding its nodes.
struct Node {
    const nlohmann::json* json = nullptr;    // the value (a JSON null for a primitive that has only extensions)
    const nlohmann::json* extras = nullptr;  // a primitive's "_name" sibling (id, extension), or nullptr
    const Node* parent = nullptr;            // the element that holds it; nullptr for a root
    std::string_view name;                   // its JSON name ("given", "valueQuantity"); empty for a root
    model::TypeId type = model::no_type;     // its FHIR type; no_type when the model does not know it
    model::GroupId group = model::no_group;  // where its children are defined
    std::int32_t index = -1;                 // its position in a JSON array, -1 if it is not in one
};

// Owns the nodes one evaluation makes, and keeps alive the stores whose nodes it refers to.
class NodeStore {
public:
    const Node* add(const Node& node);
    // Keeps JSON the evaluation makes (type() returns {namespace, name} as an element).
    const nlohmann::json& own(nlohmann::json value);
    void keep(const std::shared_ptr<const NodeStore>& other) const;

private:
    std::deque<Node> m_nodes;  // deques: adding never moves what was already handed out
    std::deque<nlohmann::json> m_json;
    mutable std::vector<std::shared_ptr<const NodeStore>> m_kept;
};

class Value {
public:
    enum class Kind : std::uint8_t { Boolean, Integer, Decimal, String, Date, DateTime, Time, Quantity, Node };

    static Value boolean(bool b) { return Value(Storage(std::in_place_index<0>, b)); }
    static Value integer(std::int64_t i) { return Value(Storage(std::in_place_index<1>, i)); }
    static Value decimal(const Decimal& d) { return Value(Storage(std::in_place_index<2>, d)); }
    static Value string(std::string s) { return Value(Storage(std::in_place_index<3>, std::move(s))); }
    static Value temporal(const Temporal& t) { return Value(Storage(std::in_place_index<4>, t)); }
    static Value quantity(Quantity q) { return Value(Storage(std::in_place_index<5>, std::move(q))); }
    static Value node(const Node* n) { return Value(Storage(std::in_place_index<6>, n)); }

    Kind kind() const;
    bool is_node() const { return m_v.index() == 6; }
    // A FHIR primitive element with no value, only an id or extensions ("_given": [{…}]):
    // it counts as an item, but as empty wherever its value is needed.
    bool is_valueless() const { return is_node() && as_node().json->is_null(); }

    bool as_boolean() const { return std::get<0>(m_v); }
    std::int64_t as_integer() const { return std::get<1>(m_v); }
    const Decimal& as_decimal() const { return std::get<2>(m_v); }
    const std::string& as_string() const { return std::get<3>(m_v); }
    const Temporal& as_temporal() const { return std::get<4>(m_v); }
    const Quantity& as_quantity() const { return std::get<5>(m_v); }
    const Node& as_node() const { return *std::get<6>(m_v); }
    const Node* node_ptr() const { return std::get<6>(m_v); }

    // The System type of a System value; the FHIR type of a node (no_type when unknown).
    model::TypeId type() const;
    // "System.Integer", "FHIR.code", "FHIR.Patient" (or "FHIR.?" when unknown).
    std::string qualified_type_name() const;

    // The System value a node holds when it is a FHIR primitive (FHIR R4 §2.24.0.1: a FHIR
    // boolean is a System.Boolean, a date a System.Date, …); a System value is itself. nullopt
    // for a complex element, or a primitive without a value.
    std::optional<Value> primitive() const;
    // A System.Quantity from a System quantity or a FHIR Quantity element (Age, Duration …,
    // unit from `code` when the system is UCUM, else from `unit`).
    std::optional<Quantity> quantity() const;

    // As JSON: booleans, numbers and strings for primitives (dates as their FHIR text), a FHIR
    // Quantity object for a quantity, the element itself for a node.
    nlohmann::json to_json() const;
    // FHIRPath's text of a primitive value (toString()); nullopt for complex elements.
    std::optional<std::string> to_text() const;

private:
    using Storage = std::variant<bool, std::int64_t, Decimal, std::string, Temporal, Quantity, const Node*>;
    explicit Value(Storage v) : m_v(std::move(v)) {}
    Storage m_v;
};

using Items = std::vector<Value>;

// The System types by Value::Kind (Date, DateTime and Time included).
model::TypeId system_type_of(Value::Kind kind);

}  // namespace safetynet::core::fhirpath
