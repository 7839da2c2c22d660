// doctest's main, compiled once and shared by every suite. The tests run forms with SDC
// expressions as the CLI and the staff program do: with the FHIRPath engine
// (core/screening/form_expressions.hpp; a test that needs a program without it unsets it).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/screening/fhirpath_in_forms.hpp"

int main(int argc, char** argv) {
    safetynet::core::use_fhirpath_in_forms();
    return doctest::Context(argc, argv).run();
}
