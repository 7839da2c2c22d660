#pragma once
// Translation catalogs: every user-visible string goes through one.
//
// A catalog is a flat JSON object, key -> text, plus a "_meta" object naming the language:
//   {"_meta": {"language": "es"}, "welcome.start": "Comenzar", ...}
// What is known about each language (its own name, direction, script, fonts) is in
// assets/i18n/languages.json (core/base/languages.hpp), not in the catalogs.
// Texts may hold named placeholders, "{site}", filled by Translator::format(). A plural text is a
// list of forms, one per plural category of the language, in the order of its plural rule:
//   {"_meta": {"language": "ru", "plural_forms": "nplurals=4; plural=(...);"},
//    "ws.refer.made": ["{n} направление создано.", "{n} направления созданы.", ...]}
// Translator::plural() picks the form for a count. The rule comes from _meta.plural_forms, else
// from the language's entry in languages.json.
// The translators' files are gettext PO catalogs, assets/i18n/po/<domain>/<code>.po; the build
// checks them and compiles each language into one JSON catalog of this format
// (scripts/i18n/compile_catalogs.py, docs/TRANSLATIONS.md), which is compiled in.
#include "core/base/plural_rule.hpp"

#include <cstdint>
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
    // Parses a catalog; throws core::Error naming the key when the JSON is malformed, a value is
    // neither a string nor a list of strings, a plural has not one form per plural category, or
    // the plural rule is malformed.
    static Catalog parse(std::string_view json, std::string_view source_name);

    const LanguageInfo& language() const { return m_language; }
    // nullptr when the key is absent. The pointer stays valid for the catalog's lifetime.
    // For a plural key: its last form ("other").
    const char* find(std::string_view key) const;
    // The form of a plural key for count n (a plain text is its own only form); nullptr when absent.
    const char* find_plural(std::string_view key, std::uint64_t n) const;
    std::vector<std::string> keys() const;
    // Every text, key -> text (the fonts a language needs are found from these).
    const std::unordered_map<std::string, std::string>& texts() const { return m_texts; }
    const std::unordered_map<std::string, std::vector<std::string>>& plurals() const { return m_plurals; }
    const PluralRule& plural_rule() const { return m_rule; }
    // Adds the other catalog's texts (same language); a key defined twice is an error.
    void merge(Catalog&& other, std::string_view source_name);

private:
    LanguageInfo m_language;
    std::unordered_map<std::string, std::string> m_texts;
    std::unordered_map<std::string, std::vector<std::string>> m_plurals;
    PluralRule m_rule;
};

// The current language with English as the fallback for keys a catalog lacks.
//
// Every language of assets/i18n/languages.json has a catalog (the build fails otherwise), but a
// program need not carry them all: the browser's carries English and Spanish and fetches the
// others when a person chooses one (core/CMakeLists.txt). So a language can be known and not yet
// loaded: set_language() then records it as wanted, the UI fetches its catalog and add_catalog()
// switches to it.
class Translator {
public:
    // Loads the catalogs every program carries (core/base/assets.hpp builtin_catalog: English and
    // Spanish); English is the default language. core::add_every_builtin_catalog() adds the rest.
    Translator();

    // The languages of assets/i18n/languages.json, in its order and with its names, and any other
    // language a catalog was added for, last: loaded or not.
    const std::vector<LanguageInfo>& languages() const { return m_languages; }
    const std::string& language() const { return m_current; }
    // Switches to `code` when its catalog is loaded (and forgets any wanted language). For a
    // language that is listed but not loaded: no change yet, it becomes wanted_language(), and
    // the return is false. False and no change for a language that is not listed at all.
    bool set_language(std::string_view code);
    // The language set_language() asked for whose catalog is not loaded yet; empty when none.
    const std::string& wanted_language() const { return m_wanted; }
    // Gives up waiting for the wanted language (its catalog could not be had); the current one stays.
    void forget_wanted_language() { m_wanted.clear(); }
    bool has_catalog(std::string_view code) const { return m_catalogs.count(code) > 0; }
    // Adds a language's catalog (merged into one already loaded for it, key by key: a key
    // defined twice is an error and nothing changes). The wanted language is switched to when
    // its catalog arrives.
    void add_catalog(Catalog catalog, std::string_view source_name);

    // The text for `key` in the current language, else English, else the key itself, so a
    // missing translation shows up on screen rather than as an empty button.
    const char* tr(std::string_view key) const;
    // tr(key) with each "{name}" replaced by its value.
    std::string format(std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;
    std::string format(std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) const;
    // The form of a plural key for `count` in the current language (else English), with "{n}"
    // replaced by the count and each other "{name}" by its value.
    std::string plural(std::string_view key, std::uint64_t count,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values = {}) const;
    // `value` with `fraction_digits` digits after the current language's decimal symbol
    // (languages.json "decimal": "0.3" in English, "0,3" in Spanish).
    std::string decimal(double value, int fraction_digits) const;
    // The catalog for one language, if loaded (tests compare key sets).
    const Catalog* catalog(std::string_view code) const;

private:
    void list_language(const LanguageInfo& language);

    std::map<std::string, Catalog, std::less<>> m_catalogs;
    std::vector<LanguageInfo> m_languages;
    std::string m_current = "en";
    std::string m_wanted;
};

}  // namespace safetynet::core
