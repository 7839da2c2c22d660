// FHIRPath expressions come with forms from anyone (an SDC Questionnaire's variable and
// calculatedExpression extensions): any bytes must compile or raise core::Error (a
// SyntaxError with a position inside the text), never crash or recurse without bound.
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)fhirpath::compile(text);
    } catch (const fhirpath::SyntaxError& e) {
        if (e.position() > text.size()) std::abort();  // a position outside the text helps no one
    } catch (const Error&) {
    }
    return 0;
}
