#include "core/fhir/fhirpath_value.hpp"

#include <array>

namespace safetynet::core::fhirpath {

const Node* NodeStore::add(const Node& node) {
    m_nodes.push_back(node);
    return &m_nodes.back();
}

const nlohmann::json& NodeStore::own(nlohmann::json value) {
    m_json.push_back(std::move(value));
    return m_json.back();
}

void NodeStore::keep(const std::shared_ptr<const NodeStore>& other) const {
    if (!other || other.get() == this) return;
    for (const auto& k : m_kept) {
        if (k == other) return;
    }
    m_kept.push_back(other);
}

Value::Kind Value::kind() const {
    switch (m_v.index()) {
    case 0: return Kind::Boolean;
    case 1: return Kind::Integer;
    case 2: return Kind::Decimal;
    case 3: return Kind::String;
    case 4:
        switch (as_temporal().kind) {
        case Temporal::Kind::Date: return Kind::Date;
        case Temporal::Kind::DateTime: return Kind::DateTime;
        case Temporal::Kind::Time: return Kind::Time;
        }
        return Kind::DateTime;
    case 5: return Kind::Quantity;
    default: return Kind::Node;
    }
}

model::TypeId system_type_of(Value::Kind kind) {
    static const std::array<model::TypeId, 8> ids = {
        model::system_type("Boolean"), model::system_type("Integer"), model::system_type("Decimal"),
        model::system_type("String"), model::system_type("Date"), model::system_type("DateTime"),
        model::system_type("Time"), model::system_type("Quantity")};
    const auto i = static_cast<std::size_t>(kind);
    return i < ids.size() ? ids[i] : model::no_type;
}

model::TypeId Value::type() const { return is_node() ? as_node().type : system_type_of(kind()); }

std::string Value::qualified_type_name() const {
    if (!is_node()) return std::string(model::type_name(type()));
    const std::string_view name = model::type_name(as_node().type);
    if (name.substr(0, 7) == "System.") return std::string(name);
    return "FHIR." + std::string(name.empty() ? "?" : name);
}

std::optional<Value> Value::primitive() const {
    if (!is_node()) return *this;
    const nlohmann::json& j = *as_node().json;
    std::string_view type = model::type_name(as_node().type);
    if (type.substr(0, 7) == "System.") type.remove_prefix(7);
    switch (j.type()) {
    case nlohmann::json::value_t::boolean: return boolean(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: {
        const std::int64_t i = j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                                   ? INT64_MAX : j.get<std::int64_t>();
        if (type == "decimal" || type == "Decimal") return decimal(Decimal::of(i));
        return integer(i);
    }
    case nlohmann::json::value_t::number_float: {
        const std::optional<Decimal> d = Decimal::of_double(j.get<double>());
        if (!d) return std::nullopt;
        return decimal(*d);
    }
    case nlohmann::json::value_t::string: {
        const std::string& s = j.get_ref<const std::string&>();
        std::optional<Temporal> t;
        if (type == "date" || type == "Date") t = Temporal::parse_date(s);
        else if (type == "dateTime" || type == "instant" || type == "DateTime") t = Temporal::parse_date_time(s);
        else if (type == "time" || type == "Time") t = Temporal::parse_time(s);
        if (t) return temporal(*t);
        return string(s);
    }
    default: return std::nullopt;
    }
}

std::optional<Quantity> Value::quantity() const {
    if (kind() == Kind::Quantity) return as_quantity();
    if (!is_node() || !as_node().json->is_object()) return std::nullopt;
    static const model::TypeId fhir_quantity = model::find_type("Quantity");
    const Node& n = as_node();
    if (n.type != model::no_type && !model::derives_from(n.type, fhir_quantity)) return std::nullopt;
    const nlohmann::json& j = *n.json;
    const auto value = j.find("value");
    if (value == j.end() || !value->is_number()) return std::nullopt;
    std::optional<Decimal> d = value->is_number_float() ? Decimal::of_double(value->get<double>())
                                                        : std::optional<Decimal>(Decimal::of(value->get<std::int64_t>()));
    if (!d) return std::nullopt;
    const auto text = [&](const char* key) {
        const auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string unit = text("code");
    if (unit.empty() || (j.contains("system") && text("system") != "http://unitsofmeasure.org")) {
        const std::string written = text("unit");
        if (!written.empty()) unit = written;
    }
    if (unit.empty()) unit = "1";
    const bool calendar = is_calendar_keyword(unit);
    return Quantity{*d, unit, calendar};
}

nlohmann::json Value::to_json() const {
    switch (kind()) {
    case Kind::Boolean: return as_boolean();
    case Kind::Integer: return as_integer();
    case Kind::Decimal: {
        const Decimal& d = as_decimal();
        if (d.scale() <= 0) {
            if (const std::optional<std::int64_t> i = d.exact_integer()) return *i;
        }
        return d.to_double();
    }
    case Kind::String: return as_string();
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Time: return as_temporal().to_string();
    case Kind::Quantity: {
        const Quantity& q = as_quantity();
        nlohmann::json out = {{"value", Value::decimal(q.value).to_json()}, {"unit", q.unit}};
        if (!q.calendar) {
            out["system"] = "http://unitsofmeasure.org";
            out["code"] = q.unit;
        }
        return out;
    }
    case Kind::Node: return *as_node().json;
    }
    return nullptr;
}

std::optional<std::string> Value::to_text() const {
    switch (kind()) {
    case Kind::Boolean: return std::string(as_boolean() ? "true" : "false");
    case Kind::Integer: return std::to_string(as_integer());
    case Kind::Decimal: return as_decimal().to_string();
    case Kind::String: return as_string();
    case Kind::Date:
    case Kind::DateTime:
    case Kind::Time: return as_temporal().to_string();
    case Kind::Quantity: return as_quantity().to_string();
    case Kind::Node: {
        const std::optional<Value> p = primitive();
        if (p) return p->to_text();
        return std::nullopt;
    }
    }
    return std::nullopt;
}

}  // namespace safetynet::core::fhirpath
