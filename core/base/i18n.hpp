#pragma once
// Translation catalogs: every user-visible string goes through one.
//
// A catalog is a flat JSON object, key -> text, plus a "_meta" object naming the language:
//   {"_meta": {"language": "es"}, "welcome.start": "Comenzar", ...}
// What is known about each language (its own name, direction, script, fonts) is in
// assets/i18n/languages.json (core/base/languages.hpp), not in the catalogs.
// Texts may hold named placeholders, "{site}", filled by Translator::format().
// Built-in catalogs live in assets/i18n/: <code>.json for the app's own screens, and
// <area>.<code>.json for an area's texts (e.g. matching.es.json); every file naming the same
// language is merged into one catalog. Adding a language is adding its files.
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace safetynet::core {

struct LanguageInfo {
    std::string code;         // BCP 47, e.g. "es"
    std::string native_name;  // the language in its own words, e.g. "Español"
};

class Catalog {
public:
    // Parses a catalog; throws core::Error naming the key when the JSON is malformed or a value
    // is not a string.
    static Catalog parse(std::string_view json, std::string_view source_name);

    const LanguageInfo& language() const { return m_language; }
    // nullptr when the key is absent. The pointer stays valid for the catalog's lifetime.
    const char* find(std::string_view key) const;
    std::vector<std::string> keys() const;
    // Every text, key -> text (the fonts a language needs are found from these).
    const std::unordered_map<std::string, std::string>& texts() const { return m_texts; }
    // Adds the other catalog's texts (same language); a key defined twice is an error.
    void merge(Catalog&& other, std::string_view source_name);

private:
    LanguageInfo m_language;
    std::unordered_map<std::string, std::string> m_texts;
};

// The current language with English as the fallback for keys a catalog lacks.
class Translator {
public:
    // Loads every built-in catalog; English is the default language. languages() lists them in
    // the order of assets/i18n/languages.json, with the names it gives.
    Translator();

    const std::vector<LanguageInfo>& languages() const { return m_languages; }
    const std::string& language() const { return m_current; }
    // False (and no change) when no catalog exists for `code`.
    bool set_language(std::string_view code);

    // The text for `key` in the current language, else English, else the key itself, so a
    // missing translation shows up on screen rather than as an empty button.
    const char* tr(std::string_view key) const;
    // tr(key) with each "{name}" replaced by its value.
    std::string format(std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;
    std::string format(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) const;
    // The catalog for one language, if loaded (tests compare key sets).
    const Catalog* catalog(std::string_view code) const;

private:
    std::map<std::string, Catalog, std::less<>> m_catalogs;
    std::vector<LanguageInfo> m_languages;
    std::string m_current = "en";
};

}  // namespace safetynet::core
