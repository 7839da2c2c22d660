#pragma once
// UCUM prefixes and unit atoms, generated at build time by cmake/make_ucum_table.mjs from the
// UCUM definitions in the npm package @lhncbc/ucum-lhc. Only ucum.cpp reads them.
#include <cstddef>
#include <cstdint>

namespace safetynet::core::fhirpath::ucum_table {

struct Prefix {
    const char* code;  // case-sensitive UCUM code: "k", "m", "da", "Ki"
    double value;
};

// A unit atom: magnitude in base units, exponents of the 7 base dimensions (length, time,
// mass, plane angle, temperature, charge, luminous intensity) and of the mole.
struct Atom {
    const char* code;  // case-sensitive UCUM code: "g", "[lb_av]", "mm[Hg]" is "m" + "m[Hg]"
    double magnitude;
    std::int8_t dim[7];
    std::int8_t mole;
    std::uint8_t flags;  // atom_metric | atom_special | atom_arbitrary
};
inline constexpr std::uint8_t atom_metric = 1;     // takes prefixes
inline constexpr std::uint8_t atom_special = 2;    // a non-ratio scale (Cel, [degF], [pH])
inline constexpr std::uint8_t atom_arbitrary = 4;  // an arbitrary unit ([iU]): only equal to itself

extern const Prefix prefixes[];  // sorted by code
extern const std::size_t prefix_count;
extern const Atom atoms[];  // sorted by code
extern const std::size_t atom_count;

}  // namespace safetynet::core::fhirpath::ucum_table
