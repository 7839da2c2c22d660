// Plural rules come from PO headers and catalogs a clinic loads: any bytes must give a rule or a
// core::Error, never a crash, and a parsed rule must give an index below nplurals for any count.
#include "core/base/error.hpp"
#include "core/base/plural_rule.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto rule = safetynet::core::PluralRule::parse_header(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
        for (const std::uint64_t n : {0ULL, 1ULL, 2ULL, 5ULL, 11ULL, 101ULL, 1000000ULL, ~0ULL})
            if (rule.index(n) >= rule.nplurals()) std::abort();
    } catch (const safetynet::core::Error&) {
    }
    return 0;
}
