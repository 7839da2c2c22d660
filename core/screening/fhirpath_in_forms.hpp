#pragma once
// Links core/fhir's FHIRPath engine into a program as the engine of the forms' SDC expressions
// (core/screening/form_expressions.hpp): the CLI, the tests, the staff program and the kiosk
// program with the text shaper call it at start; the plain kiosk program does not.
namespace safetynet::core {

void use_fhirpath_in_forms();

}  // namespace safetynet::core
