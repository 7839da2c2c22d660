#pragma once
// Data files compiled into the library from assets/ (built-in instruments, translation
// catalogs, the need-to-service map): the CLI and the app work from any directory, offline,
// with no file to lose. Names are paths relative to assets/, e.g. "instruments/phq-9.json".
#include <optional>
#include <string_view>
#include <vector>

namespace safetynet::core {
std::optional<std::string_view> builtin_asset(std::string_view name);
std::vector<std::string_view> builtin_asset_names();
// The translation catalogs the build compiled from assets/i18n/po (scripts/i18n/compile_catalogs.py),
// one per language, named "<code>.json" (core/base/i18n.hpp gives their format). builtin_catalog:
// the ones every program carries (English and Spanish); more_catalog: the others, which only
// core::add_every_builtin_catalog() reads, so that the browser programs do not link them (they
// fetch them: core/CMakeLists.txt).
std::optional<std::string_view> builtin_catalog(std::string_view name);
std::vector<std::string_view> builtin_catalog_names();
std::optional<std::string_view> more_catalog(std::string_view name);
std::vector<std::string_view> more_catalog_names();
// The built-in instruments in English and Spanish, "<id>.json" (core/screening/instruments.hpp),
// and the translation files of the other languages, "<id>.<lang>.json", which only
// core/screening/every_instrument_language.hpp reads (the browser programs fetch them:
// core/CMakeLists.txt).
std::optional<std::string_view> builtin_instrument(std::string_view name);
std::vector<std::string_view> builtin_instrument_names();
std::optional<std::string_view> more_instrument_translation(std::string_view name);
std::vector<std::string_view> more_instrument_translation_names();
}  // namespace safetynet::core
