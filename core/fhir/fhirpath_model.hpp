#pragma once
// The FHIR R4 type model for FHIRPath (FHIRPath N1 §11 "Types and reflection", FHIR R4 §2.24
// "FHIRPath"): which types exist and derive from which (code -> string -> Element; Age ->
// Quantity; Patient -> DomainResource -> Resource), and which elements a type or backbone
// element has, with their types, choice elements (value[x]) included. The data comes from the
// npm package `fhirpath`'s R4 model, turned into tables at build time (fhirpath_model_table.hpp).
#include <cstdint>
#include <optional>
#include <string_view>

namespace safetynet::core::fhirpath::model {

using TypeId = std::int16_t;
using GroupId = std::int16_t;
inline constexpr TypeId no_type = -1;
inline constexpr GroupId no_group = -1;

// A type by its exact name ("Patient", "string", "System.Integer"); no_type when unknown.
TypeId find_type(std::string_view name);
std::string_view type_name(TypeId type);  // "System.Integer" for System types
bool is_primitive(TypeId type);           // a FHIR primitive: string, code, date, …
bool is_resource(TypeId type);
bool is_system(TypeId type);
// True when `type` is `base` or derives from it.
bool derives_from(TypeId type, TypeId base);

// The element group of a type (its elements), or of a backbone element path
// ("Questionnaire.item"); no_group when there is none.
GroupId type_group(TypeId type);
GroupId find_group(std::string_view path);

struct Child {
    std::string_view name;
    TypeId type;     // no_type for the base name of a choice element
    GroupId group;   // where its own children are defined
    bool choice;     // the base name of a choice element ("value" of value[x])
    std::size_t choice_base = 0;  // for a concrete choice element ("valueQuantity"): 5
};
// The child called `name` (its JSON name) of the group or of its bases.
std::optional<Child> find_child(GroupId group, std::string_view name);

// The System types, by name without the namespace ("Boolean" -> System.Boolean).
TypeId system_type(std::string_view name);

}  // namespace safetynet::core::fhirpath::model
