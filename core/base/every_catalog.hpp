#pragma once
// Every built-in translation catalog, for the programs that carry them all (the CLI, the tests,
// the native app). The browser programs carry English and Spanish only and fetch the others as
// static files when a person chooses one (core/CMakeLists.txt, ui/app/app.cpp): calling this is
// what links the other catalogs into a program, so it lives in its own file.
#include "core/base/i18n.hpp"

namespace safetynet::core {

// Adds the catalogs core::Translator() does not load (core/base/assets.hpp more_catalog).
void add_every_builtin_catalog(Translator& translator);

// A translator with every built-in catalog loaded.
Translator translator_with_every_language();

}  // namespace safetynet::core
