#pragma once
// Reasons in words: a Reason (code + parameters, core/match/matcher.hpp) rendered through the
// translation catalogs (assets/i18n/po/matching/<lang>.po). Parameters that name something
// translatable are translated too: a need domain ("match.domain.<code>"), a language
// ("match.language.<code>"), a weekday ("match.day.<MO…SU>"), a service status
// ("match.status.<status>"); anything else is shown as is.
#include "core/base/i18n.hpp"
#include "core/match/matcher.hpp"

#include <string>

namespace safetynet::core {

std::string render_reason(const Reason& reason, const Translator& translator);

// The catalog key of a reason's text.
std::string reason_key(const Reason& reason);

}  // namespace safetynet::core
