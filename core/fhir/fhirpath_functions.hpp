#pragma once
// The function library (FHIRPath N1 §5, the FHIR additions of FHIR R4 §2.24.0.3 and SDC's):
// one table per spec section, each in its own file (fhirpath_fn_<section>.cpp), joined here.
#include "core/fhir/fhirpath_value.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace safetynet::core::fhirpath {

class Evaluator;
struct Ast;
struct Frame;

// `call` is the Call node (its args unevaluated: iterating functions evaluate them per item);
// `input` the collection the function is invoked on.
using FunctionImpl = Items (*)(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame);

struct FunctionDef {
    std::string_view name;
    std::uint8_t min_args;
    std::uint8_t max_args;
    FunctionImpl impl;
    bool type_argument = false;  // is(), as(), ofType(): the argument is a type specifier
};

// nullptr for a name that is not a function.
const FunctionDef* find_function(std::string_view name);

// The tables, by spec section.
std::span<const FunctionDef> existence_functions();     // §5.1
std::span<const FunctionDef> collection_functions();    // §5.2 filtering/projection, §5.3 subsetting, §5.4 combining
std::span<const FunctionDef> conversion_functions();    // §5.5
std::span<const FunctionDef> string_functions();        // §5.6
std::span<const FunctionDef> math_functions();          // §5.7
std::span<const FunctionDef> utility_functions();       // §5.8 tree navigation, §5.9 utility, §6.3 types, §7 aggregates
std::span<const FunctionDef> fhir_functions();          // FHIR R4 §2.24.0.3 and SDC

}  // namespace safetynet::core::fhirpath
