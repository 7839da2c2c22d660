#pragma once
// Equality, equivalence and ordering of FHIRPath items and collections (FHIRPath N1 §6.1
// "Equality", §6.2 "Comparison"). A FHIR primitive compares as the System value it holds; a
// FHIR Quantity element as a System.Quantity; other elements by their whole content.
#include "core/fhir/fhirpath_value.hpp"

#include <cstdint>
#include <optional>

namespace safetynet::core::fhirpath {

// `=` on two items; nullopt when unknown (dates of different precision, quantities in units
// that do not convert).
std::optional<bool> equal(const Value& a, const Value& b);
// `~` on two items: strings ignoring case and surrounding/duplicate white space, decimals at
// the precision of the less precise one, dates of different precision not equivalent.
bool equivalent(const Value& a, const Value& b);

// `=` on collections (§6.1.1): empty when either is empty; false when sizes differ; else every
// pair in order.
std::optional<bool> equal(const Items& a, const Items& b);
// `~` on collections (§6.1.3): true for two empty ones; order does not matter.
bool equivalent(const Items& a, const Items& b);

enum class Order : std::uint8_t { Less, Equal, Greater, Unknown, Incomparable };
// For <, <=, >, >=: Unknown gives an empty result, Incomparable is an error (a String and an
// Integer, or an element that is not a primitive).
Order order(const Value& a, const Value& b);

// True when some item of `items` = `v` (true).
bool contains_equal(const Items& items, const Value& v);
// Appends `v` unless an equal item is already there (union, distinct).
void append_distinct(Items& out, const Value& v);

}  // namespace safetynet::core::fhirpath
