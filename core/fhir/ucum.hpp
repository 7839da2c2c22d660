#pragma once
// UCUM unit expressions (The Unified Code for Units of Measure, §§1-7: case-sensitive codes),
// enough to decide whether two quantities are comparable and to convert one into the other's
// unit: "mg/dL", "kg.m-2", "10*3/uL", "mm[Hg]", "{score}", "1". The atoms, prefixes, magnitudes
// and dimensions come from UCUM's own definitions (ucum_table.hpp), not from a hand-kept list.
#include <array>
#include <optional>
#include <string_view>

namespace safetynet::core::fhirpath::ucum {

struct Unit {
    double magnitude = 1;      // of one unit, in base units (m, s, g, rad, K, C, cd)
    std::array<int, 8> dim{};  // exponents of the 7 base dimensions and of the mole
    bool special = false;      // holds a non-ratio atom (Cel, [degF]): converts only to itself
    bool arbitrary = false;    // holds an arbitrary unit ([iU]): converts only to itself
};

// A parsed unit expression; nullopt for anything that is not valid UCUM.
std::optional<Unit> parse(std::string_view expression);

// The magnitudes of two units that measure the same thing: a value in `from` is
// value * from / to in `to` (mg -> g: 0.001 / 1). nullopt when they measure different things or
// either is special or arbitrary (unless both are written the same).
struct Conversion {
    double from = 1, to = 1;
};
std::optional<Conversion> conversion(std::string_view from, std::string_view to);

}  // namespace safetynet::core::fhirpath::ucum
