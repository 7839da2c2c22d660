#pragma once
// The languages SafetyNet knows: assets/i18n/languages.json, compiled in. One entry per
// language with what the app and the build need to know about it: its names, its direction,
// its script and the fonts its text needs. The catalogs hold the words; this holds the facts.
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

enum class TextDirection { LeftToRight, RightToLeft };

struct Language {
    std::string code;          // BCP 47, e.g. "zh-Hans"
    std::string english_name;  // e.g. "Chinese (Simplified)"
    std::string native_name;   // the language in its own words, e.g. "中文（简体）"
    TextDirection direction = TextDirection::LeftToRight;
    std::string script;        // ISO 15924, e.g. "Hans"
    std::string decimal = "."; // CLDR's decimal symbol for Latin digits, e.g. "," in Spanish
    std::vector<std::string> fonts;  // font families, in fallback order (the built-in one first)
    // The plural rule for whole numbers: CLDR category names, in the order of the gettext
    // Plural-Forms expression that picks among them (core/base/plural_rule.hpp).
    std::vector<std::string> plural_categories;  // e.g. {"one", "few", "many", "other"}
    std::string plural_rule;                      // e.g. "(n % 10 == 1 && n % 100 != 11 ? 0 : ...)"
};

// Every language, in the file's order (the order a picker lists them). Parsed once.
const std::vector<Language>& languages();
// The language with this code, or nullptr.
const Language* find_language(std::string_view code);

// Parses a languages file; throws core::Error naming the entry and field when it is malformed
// (the built-in file is checked by a test, so languages() does not fail in practice).
std::vector<Language> parse_languages(std::string_view json, std::string_view source_name);

}  // namespace safetynet::core
