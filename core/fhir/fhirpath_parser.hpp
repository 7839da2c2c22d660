#pragma once
// FHIRPath text to its syntax tree (FHIRPath N1 Appendix A): a Pratt parser whose binding
// powers are the grammar's operator precedence. Function names are resolved and their
// argument counts checked here, so an unknown function is a compile error, not a runtime one.
#include "core/fhir/fhirpath_ast.hpp"

#include <memory>
#include <string_view>

namespace safetynet::core::fhirpath {

// Throws SyntaxError (fhirpath.hpp) with the position of the first problem.
std::unique_ptr<Ast> parse(std::string_view expression);

}  // namespace safetynet::core::fhirpath
