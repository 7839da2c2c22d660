#pragma once
// The LOINC panel code of a form, for its grouping Observation (SDOHCC's NHANES grouping
// example, the PRAPARE map's 93025-5): its Questionnaire.code, else the panel of the built-in
// rule set that scores it (the SDOHCC IG's Hunger Vital Sign form has no code; its rules know
// it as 88121-9). Kept apart from scoring.hpp, which the app's screens include.
#include "core/screening/questionnaire.hpp"

#include <optional>

namespace safetynet::core {

std::optional<Coding> panel_code(const Questionnaire& q);

}  // namespace safetynet::core
