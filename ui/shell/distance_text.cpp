#include "ui/shell/distance_text.hpp"

namespace safetynet::ui {

std::string miles_text(const core::Translator& i18n, double km) {
    constexpr double kKmPerMile = 1.609344;
    return i18n.format("kiosk.distance_miles", {{"miles", i18n.decimal(km / kKmPerMile, 1)}});
}

}  // namespace safetynet::ui
