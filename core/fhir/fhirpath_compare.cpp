#include "core/fhir/fhirpath_compare.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

bool numeric(Kind k) { return k == Kind::Integer || k == Kind::Decimal; }
bool temporal(Kind k) { return k == Kind::Date || k == Kind::DateTime || k == Kind::Time; }

Decimal as_decimal(const Value& v) { return v.kind() == Kind::Integer ? Decimal::of(v.as_integer()) : v.as_decimal(); }

// Strings for ~ (§6.1.3): case-insensitive (ASCII letters), every white-space character taken
// as a plain space; nothing trimmed or collapsed (as fhirpath.js and FHIRPath 2.1 read it).
std::string normalized(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            out += ' ';
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // U+00A0
            out += ' ';
            ++i;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   static_cast<unsigned char>(s[i + 2]) <= 0x8A) {  // U+2000 … U+200A
            out += ' ';
            i += 2;
        } else {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
        }
    }
    return out;
}

std::optional<bool> primitive_equal(const Value& a, const Value& b) {
    const Kind ka = a.kind(), kb = b.kind();
    if (numeric(ka) && numeric(kb)) {
        if (ka == Kind::Integer && kb == Kind::Integer) return a.as_integer() == b.as_integer();
        return as_decimal(a).compare(as_decimal(b)) == 0;
    }
    if (temporal(ka) && temporal(kb)) {
        if ((ka == Kind::Time) != (kb == Kind::Time)) return false;
        const std::optional<int> c = compare(a.as_temporal(), b.as_temporal());
        if (!c) return std::nullopt;
        return *c == 0;
    }
    if (ka != kb) return false;
    switch (ka) {
    case Kind::Boolean: return a.as_boolean() == b.as_boolean();
    case Kind::String: return a.as_string() == b.as_string();
    case Kind::Quantity: {
        const std::optional<int> c = compare(a.as_quantity(), b.as_quantity());
        if (!c) return std::nullopt;
        return *c == 0;
    }
    default: return false;
    }
}

bool primitive_equivalent(const Value& a, const Value& b) {
    const Kind ka = a.kind(), kb = b.kind();
    if (numeric(ka) && numeric(kb)) {
        const Decimal x = as_decimal(a), y = as_decimal(b);
        const int places = std::min(x.significant_scale(), y.significant_scale());
        return x.rounded(places).compare(y.rounded(places)) == 0;
    }
    if (temporal(ka) && temporal(kb)) return equivalent(a.as_temporal(), b.as_temporal());
    if (ka != kb) return false;
    switch (ka) {
    case Kind::Boolean: return a.as_boolean() == b.as_boolean();
    case Kind::String: return normalized(a.as_string()) == normalized(b.as_string());
    case Kind::Quantity: return equivalent(a.as_quantity(), b.as_quantity());
    default: return false;
    }
}

bool json_equivalent(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_string() && b.is_string()) return normalized(a.get_ref<const std::string&>()) == normalized(b.get_ref<const std::string&>());
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !json_equivalent(it.value(), *other)) return false;
        }
        return true;
    }
    if (a.is_array() && b.is_array()) {
        if (a.size() != b.size()) return false;
        std::vector<bool> used(b.size(), false);
        for (const auto& x : a) {
            bool found = false;
            for (std::size_t i = 0; i < b.size() && !found; ++i) {
                if (!used[i] && json_equivalent(x, b[i])) used[i] = found = true;
            }
            if (!found) return false;
        }
        return true;
    }
    return a == b;
}

bool quantity_side(const Value& a, const Value& b) { return a.kind() == Kind::Quantity || b.kind() == Kind::Quantity; }

// A quantity, or a number as a quantity of unit '1' (FHIRPath 2.1: 9 = 9 '1').
std::optional<Quantity> quantity_of(const Value& v) {
    if (std::optional<Quantity> q = v.quantity()) return q;
    const std::optional<Value> p = v.primitive();
    if (p && numeric(p->kind())) return Quantity{as_decimal(*p), "1", false};
    return std::nullopt;
}

}  // namespace

std::optional<bool> equal(const Value& a, const Value& b) {
    if (a.is_valueless() || b.is_valueless()) {
        // Only the id and extensions are there to compare.
        if (!a.is_valueless() || !b.is_valueless()) return false;
        const nlohmann::json* xa = a.as_node().extras;
        const nlohmann::json* xb = b.as_node().extras;
        return xa == xb || (xa && xb && *xa == *xb);
    }
    if (a.is_node() && b.is_node() && a.as_node().json == b.as_node().json) return true;
    if (quantity_side(a, b)) {
        const std::optional<Quantity> qa = quantity_of(a), qb = quantity_of(b);
        if (!qa || !qb) return false;
        const std::optional<int> c = compare(*qa, *qb);
        if (!c) return std::nullopt;
        return *c == 0;
    }
    const std::optional<Value> pa = a.primitive(), pb = b.primitive();
    if (pa && pb) return primitive_equal(*pa, *pb);
    if (a.is_node() && b.is_node() && !pa && !pb) return *a.as_node().json == *b.as_node().json;
    return false;
}

bool equivalent(const Value& a, const Value& b) {
    if (a.is_valueless() || b.is_valueless()) return a.is_valueless() && b.is_valueless();
    if (quantity_side(a, b)) {
        const std::optional<Quantity> qa = quantity_of(a), qb = quantity_of(b);
        return qa && qb && equivalent(*qa, *qb);
    }
    const std::optional<Value> pa = a.primitive(), pb = b.primitive();
    if (pa && pb) return primitive_equivalent(*pa, *pb);
    if (a.is_node() && b.is_node() && !pa && !pb) return json_equivalent(*a.as_node().json, *b.as_node().json);
    return false;
}

std::optional<bool> equal(const Items& a, const Items& b) {
    if (a.empty() || b.empty()) return std::nullopt;
    if (a.size() != b.size()) return false;
    bool unknown = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::optional<bool> e = equal(a[i], b[i]);
        if (!e) unknown = true;
        else if (!*e) return false;
    }
    if (unknown) return std::nullopt;
    return true;
}

bool equivalent(const Items& a, const Items& b) {
    if (a.size() != b.size()) return false;
    std::vector<bool> used(b.size(), false);
    for (const Value& x : a) {
        bool found = false;
        for (std::size_t i = 0; i < b.size() && !found; ++i) {
            if (!used[i] && equivalent(x, b[i])) used[i] = found = true;
        }
        if (!found) return false;
    }
    return true;
}

Order order(const Value& a, const Value& b) {
    const auto sign = [](int c) { return c < 0 ? Order::Less : c > 0 ? Order::Greater : Order::Equal; };
    if (a.is_valueless() || b.is_valueless()) return Order::Unknown;
    if (quantity_side(a, b)) {
        const std::optional<Quantity> qa = quantity_of(a), qb = quantity_of(b);
        if (!qa || !qb) return Order::Incomparable;
        const std::optional<int> c = compare(*qa, *qb);
        return c ? sign(*c) : Order::Unknown;
    }
    const std::optional<Value> pa = a.primitive(), pb = b.primitive();
    if (!pa || !pb) return Order::Incomparable;
    const Kind ka = pa->kind(), kb = pb->kind();
    if (numeric(ka) && numeric(kb)) return sign(as_decimal(*pa).compare(as_decimal(*pb)));
    if (temporal(ka) && temporal(kb)) {
        if ((ka == Kind::Time) != (kb == Kind::Time)) return Order::Incomparable;
        const std::optional<int> c = compare(pa->as_temporal(), pb->as_temporal());
        return c ? sign(*c) : Order::Unknown;
    }
    if (ka == Kind::String && kb == Kind::String) return sign(pa->as_string().compare(pb->as_string()));
    return Order::Incomparable;
}

bool contains_equal(const Items& items, const Value& v) {
    for (const Value& x : items) {
        const std::optional<bool> e = equal(x, v);
        if (e && *e) return true;
    }
    return false;
}

void append_distinct(Items& out, const Value& v) {
    if (!contains_equal(out, v)) out.push_back(v);
}

}  // namespace safetynet::core::fhirpath
