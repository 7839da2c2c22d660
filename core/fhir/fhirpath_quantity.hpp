#pragma once
// FHIRPath's Quantity (FHIRPath N1 §2.1.20 "Quantity", §6.1 and §6.2 on comparing quantities):
// a Decimal with a UCUM unit ('mg', '[lb_av]') or a calendar duration keyword (days, week).
// Quantities in different but commensurable units compare after conversion (4 'g' = 4000 'mg');
// calendar durations from a week down equal their UCUM counterparts (7 days = 1 'wk'), while
// year and month compare only with each other (1 year != 1 'a': one is calendar, one an average).
#include "core/fhir/fhirpath_decimal.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core::fhirpath {

struct Quantity {
    Decimal value;
    std::string unit = "1";  // UCUM code, or a calendar keyword as written ("days")
    bool calendar = false;   // written as a calendar keyword, not a quoted UCUM unit

    // As FHIRPath writes it: "4 'mg'", "4 days".
    std::string to_string() const;
};

// True for FHIRPath's calendar duration keywords, singular or plural (year … millisecond).
bool is_calendar_keyword(std::string_view word);

// `q` in `unit` (a UCUM code or calendar keyword); nullopt when not commensurable.
std::optional<Quantity> convert(const Quantity& q, std::string_view unit, bool calendar);

// Ordering; nullopt when the units are not comparable (then = and < are empty).
std::optional<int> compare(const Quantity& a, const Quantity& b);
// Equivalence (~): equal after rounding both to the precision of the less precise one.
bool equivalent(const Quantity& a, const Quantity& b);

// Sum and difference in `a`'s unit; products and quotients with composed units
// ("g.m", "mg/dL"); nullopt when not commensurable or not finite.
std::optional<Quantity> add(const Quantity& a, const Quantity& b);
std::optional<Quantity> subtract(const Quantity& a, const Quantity& b);
std::optional<Quantity> multiply(const Quantity& a, const Quantity& b);
std::optional<Quantity> divide(const Quantity& a, const Quantity& b);

}  // namespace safetynet::core::fhirpath
