#pragma once
// The entry point of the tests that compare with fhirpath.js's answers on the real forms
// (fhirpath_forms.cpp, calculated_forms.cpp): `<program> <oracle.json> <realworld dir>
// [doctest options]`. forms_oracle.mjs writes oracle.json at test time; without the real
// forms it writes none, and the test says it was skipped (ctest SKIP_RETURN_CODE 77).
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace safetynet::test {

inline int run_oracle_tests(int argc, char** argv, const char* program, std::string& oracle, std::string& realworld) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <oracle.json> <realworld dir> [doctest options]\n", program);
        return 2;
    }
    oracle = argv[1];
    realworld = argv[2];
    if (!std::ifstream(oracle).good()) {
        std::printf("SKIPPED: %s is missing (the real forms in ../shared/realworld/ were not there for forms_oracle.mjs)\n",
                    oracle.c_str());
        return 77;
    }
    doctest::Context context;
    context.applyCommandLine(argc - 2, argv + 2);
    context.setOption("no-colors", true);
    return context.run();
}

}  // namespace safetynet::test
