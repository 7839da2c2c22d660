// Look-ups over the generated tables (fhirpath_model_table.hpp): types and groups are sorted
// by name, children sorted by name within their group, so every look-up is a binary search.
#include "core/fhir/fhirpath_model.hpp"

#include "core/fhir/fhirpath_model_table.hpp"

#include <algorithm>
#include <string>

namespace safetynet::core::fhirpath::model {

namespace table = model_table;

namespace {

template <class Row, class Key>
std::ptrdiff_t search(const Row* rows, std::size_t count, std::string_view name, Key key) {
    const Row* end = rows + count;
    const Row* it = std::lower_bound(rows, end, name, [&](const Row& r, std::string_view n) {
        return std::string_view(key(r)) < n;
    });
    return (it != end && std::string_view(key(*it)) == name) ? it - rows : -1;
}

bool valid(TypeId type) { return type >= 0 && static_cast<std::size_t>(type) < table::type_count; }

}  // namespace

TypeId find_type(std::string_view name) {
    return static_cast<TypeId>(search(table::types, table::type_count, name, [](const table::TypeRow& r) { return r.name; }));
}

std::string_view type_name(TypeId type) { return valid(type) ? table::types[type].name : std::string_view(); }
bool is_primitive(TypeId type) { return valid(type) && (table::types[type].flags & table::type_primitive); }
bool is_resource(TypeId type) { return valid(type) && (table::types[type].flags & table::type_resource); }
bool is_system(TypeId type) { return valid(type) && (table::types[type].flags & table::type_system); }

bool derives_from(TypeId type, TypeId base) {
    for (TypeId t = type; valid(t); t = table::types[t].parent) {
        if (t == base) return true;
    }
    return false;
}

GroupId type_group(TypeId type) { return valid(type) ? table::types[type].group : no_group; }

GroupId find_group(std::string_view path) {
    return static_cast<GroupId>(search(table::groups, table::group_count, path, [](const table::GroupRow& r) { return r.path; }));
}

std::optional<Child> find_child(GroupId group, std::string_view name) {
    // The base chain is short (Patient -> DomainResource -> Resource); a cycle cannot occur in
    // generated data, but the bound keeps a corrupt table from looping.
    for (int depth = 0; group >= 0 && static_cast<std::size_t>(group) < table::group_count && depth < 16; ++depth) {
        const table::GroupRow& g = table::groups[group];
        const std::ptrdiff_t i = search(table::children + g.first, g.count, name, [](const table::ChildRow& r) { return r.name; });
        if (i >= 0) {
            const table::ChildRow& c = table::children[g.first + i];
            Child child{c.name, c.type, c.group, c.choice == 255};
            if (c.choice != 0 && c.choice != 255) child.choice_base = c.choice;
            return child;
        }
        group = g.base;
    }
    return std::nullopt;
}

TypeId system_type(std::string_view name) { return find_type(std::string("System.").append(name)); }

}  // namespace safetynet::core::fhirpath::model
