// Typed numbers: any text reads as a number or as none, never crashes, and the two readings
// agree: an integer is also a decimal of the same value, and a decimal is finite.
#include "core/base/number.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto integer = parse_integer(text);
    const auto decimal = parse_decimal(text);
    if (decimal && !std::isfinite(*decimal)) std::abort();
    if (integer && (!decimal || *decimal != static_cast<double>(*integer))) std::abort();
    return 0;
}
