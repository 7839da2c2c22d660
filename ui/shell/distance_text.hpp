#pragma once
// A distance as the screens show it, in the person's language: miles with one decimal, the
// language's decimal symbol and the catalog's unit ("0,3 mi" in Spanish, "0.3 dặm" in Vietnamese).
// The kiosk's service cards and the workspace's show it the same way.
#include "core/base/i18n.hpp"

#include <string>

namespace safetynet::ui {

std::string miles_text(const core::Translator& i18n, double km);

}  // namespace safetynet::ui
