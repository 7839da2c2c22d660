// A clinic's translation file (`safetynet screen --translation`, the workspace's Settings) comes
// from outside: any bytes must read or raise core::Error, never crash; one that reads must then
// apply to the instrument and give a Questionnaire that imports.
#include "core/base/error.hpp"
#include "core/screening/fhirpath_in_forms.hpp"
#include "core/screening/instrument_translation.hpp"
#include "core/screening/instruments.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace safetynet::core;

// Forms with SDC expressions run as in the CLI and the staff program (with FHIRPath).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    use_fhirpath_in_forms();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto q = load_builtin_instrument("hunger-vital-sign");
    try {
        const auto t = parse_instrument_translation(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", *q);
        const auto translated = with_translations(*q, t);
        for (const Item& it : translated->items()) (void)it.text.in(t.front().provenance.language);
    } catch (const Error&) {
    }
    return 0;
}
