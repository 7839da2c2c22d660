#pragma once
// One truth per score (issue 13 item 3): a score the form computes itself (an item with an SDC
// calculatedExpression) that a built-in rule also computes (a DerivedValue with the same code,
// e.g. the HVS risk 88124-3 or the PHQ-9 total 44261-6). The form's value is the one written:
// the FHIR output then holds one Observation per code, the item's, and says when the rule
// disagrees.
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"

#include <string>
#include <vector>

namespace safetynet::core {

struct ScoreOverlap {
    Coding code;              // the code both compute
    std::string link_id;      // the form's calculated item
    std::string form_value;   // what the form computed ("" when it computed nothing)
    std::string rule_value;   // what the built-in rule computed
    bool disagree = false;    // the values differ (or the form computed nothing)
};

// Every derived value of `result` whose code a calculated item of the form also carries.
std::vector<ScoreOverlap> score_overlaps(const Response& response, const ScreeningResult& result);

// "88124-3: the form computed LA19952-3, the built-in rule LA19983-8; the form's value is
// used" (English, for the CLI's warnings and logs; the app words it from its catalog).
std::string overlap_warning(const ScoreOverlap& overlap);

}  // namespace safetynet::core
