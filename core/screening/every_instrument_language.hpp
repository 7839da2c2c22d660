#pragma once
// The built-in instruments with every language they are translated into, for the programs that
// carry them all (the CLI, the tests). Every program carries the instruments in English and
// Spanish (core/screening/instruments.hpp); the other languages' wording is in the translation
// files (assets/instruments/translations/<id>.<lang>.json), which the browser programs fetch when
// a person chooses the language (ui/app/app.cpp). Calling this is what links those files into a
// program, so it lives in its own file (as core/base/every_catalog.hpp does for the catalogs).
#include "core/screening/questionnaire.hpp"

#include <memory>
#include <string_view>

namespace safetynet::core {

// The built-in instrument `id` with every translation file's wording and provenance; parsed once
// per process. Throws as load_builtin_instrument does.
std::shared_ptr<const Questionnaire> load_builtin_instrument_in_every_language(std::string_view id);

}  // namespace safetynet::core
