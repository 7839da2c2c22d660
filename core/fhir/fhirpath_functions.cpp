#include "core/fhir/fhirpath_functions.hpp"

#include <algorithm>
#include <vector>

namespace safetynet::core::fhirpath {

const FunctionDef* find_function(std::string_view name) {
    // All sections' tables, sorted by name once.
    static const std::vector<const FunctionDef*> all = [] {
        std::vector<const FunctionDef*> v;
        for (const auto section : {existence_functions(), collection_functions(), conversion_functions(), string_functions(),
                                   math_functions(), utility_functions(), fhir_functions()}) {
            for (const FunctionDef& f : section) v.push_back(&f);
        }
        std::sort(v.begin(), v.end(), [](const FunctionDef* a, const FunctionDef* b) { return a->name < b->name; });
        return v;
    }();
    const auto it = std::lower_bound(all.begin(), all.end(), name, [](const FunctionDef* f, std::string_view n) { return f->name < n; });
    return it != all.end() && (*it)->name == name ? *it : nullptr;
}

}  // namespace safetynet::core::fhirpath
