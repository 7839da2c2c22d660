#pragma once
// The built-in screening instruments (assets/instruments/<id>.json, compiled in): ids are
// part of the CLI contract (`safetynet screen --instrument ahc-hrsn`).
#include "core/screening/questionnaire.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

// In the order `safetynet instruments` lists them.
const std::vector<std::string>& builtin_instrument_ids();
bool is_builtin_instrument(std::string_view id);
// The built-in Questionnaire, parsed on first use and shared after; throws
// core::Error("unknown-instrument") for other ids.
std::shared_ptr<const Questionnaire> load_builtin_instrument(std::string_view id);

}  // namespace safetynet::core
