#pragma once
// The FHIR R4 type model as plain tables, generated at build time by
// cmake/make_fhirpath_model.mjs from the model the npm package `fhirpath` ships
// (fhir-context/r4). Only fhirpath_model.cpp reads them; everything else asks fhirpath_model.hpp.
#include <cstddef>
#include <cstdint>

namespace safetynet::core::fhirpath::model_table {

// A type: FHIR's (Patient, HumanName, string, code, BackboneElement…) and FHIRPath's System
// types (System.Boolean…), sorted by name.
struct TypeRow {
    const char* name;
    std::int16_t parent;  // index of the base type, -1 for none
    std::int16_t group;   // the group holding its elements (its own or an ancestor's), -1 for none
    std::uint8_t flags;   // type_primitive | type_resource | type_system
};
inline constexpr std::uint8_t type_primitive = 1;  // a FHIR primitive (string, date, …)
inline constexpr std::uint8_t type_resource = 2;   // Resource or derived from it
inline constexpr std::uint8_t type_system = 4;     // a System type

// An element group: where the children of a type (HumanName) or of a backbone element
// (Patient.contact) are defined, sorted by path. Children are children[first, first + count),
// sorted by name; a name not found there is looked up in `base` (Patient -> DomainResource).
struct GroupRow {
    const char* path;
    std::int16_t base;
    std::uint16_t first;
    std::uint16_t count;
};

// A child element by its JSON name. `choice` is 0 for a plain element, 255 for the base name of
// a choice element (value[x]: "value", whose types are the concrete children) and, for a
// concrete choice element ("valueQuantity"), the length of its base name.
struct ChildRow {
    const char* name;
    std::int16_t type;   // -1 for a choice base name
    std::int16_t group;  // the group of its own children, -1 for none
    std::uint8_t choice;
};

extern const TypeRow types[];
extern const std::size_t type_count;
extern const GroupRow groups[];
extern const std::size_t group_count;
extern const ChildRow children[];
extern const std::size_t child_count;

}  // namespace safetynet::core::fhirpath::model_table
