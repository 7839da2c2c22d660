#include "core/base/i18n.hpp"
#include "core/base/json_read.hpp"

#include "core/base/assets.hpp"
#include "core/base/error.hpp"
#include "core/base/languages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace safetynet::core {

namespace {

// _meta.plural_forms, else the language's rule in languages.json, else English's "n != 1".
PluralRule plural_rule_of(const nlohmann::json& meta, const std::string& code, const std::string& where) {
    if (const auto forms = meta.find("plural_forms"); forms != meta.end()) {
        if (!forms->is_string()) throw Error("malformed-catalog", where, "\"_meta.plural_forms\" must be a string");
        return PluralRule::parse_header(forms->get<std::string>(), where + " _meta.plural_forms");
    }
    if (const Language* l = find_language(code))
        return PluralRule::parse(l->plural_rule, l->plural_categories.size(), "i18n/languages.json " + code);
    return PluralRule::parse("(n != 1)", 2, where);
}

std::vector<std::string> plural_forms(const nlohmann::json& value, const PluralRule& rule, const std::string& where) {
    if (!value.is_array() || value.size() != rule.nplurals())
        throw Error("malformed-catalog", where,
                    "the text must be a string or a list of " + std::to_string(rule.nplurals()) + " plural forms");
    std::vector<std::string> forms;
    for (const auto& form : value) {
        if (!form.is_string()) throw Error("malformed-catalog", where, "every plural form must be a string");
        forms.push_back(form.get<std::string>());
    }
    return forms;
}

}  // namespace

Catalog Catalog::parse(std::string_view json, std::string_view source_name) {
    const std::string where(source_name);
    nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("malformed-json", where, "not valid JSON", json_syntax_position(json));
    if (!doc.is_object()) throw Error("malformed-catalog", where, "a catalog must be a JSON object");

    Catalog c;
    const auto meta = doc.find("_meta");
    if (meta == doc.end() || !meta->is_object() || !meta->contains("language") ||
        !(*meta)["language"].is_string())
        throw Error("malformed-catalog", where, "\"_meta.language\" is missing");
    c.m_language.code = (*meta)["language"].get<std::string>();
    c.m_language.native_name = c.m_language.code;
    if (const auto name = meta->find("name"); name != meta->end()) {
        if (!name->is_string()) throw Error("malformed-catalog", where, "\"_meta.name\" must be a string");
        c.m_language.native_name = name->get<std::string>();
    }
    c.m_rule = plural_rule_of(*meta, c.m_language.code, where);
    for (const auto& [key, value] : doc.items()) {
        if (key == "_meta") continue;
        if (value.is_string()) {
            c.m_texts.emplace(key, value.get<std::string>());
            continue;
        }
        c.m_plurals.emplace(key, plural_forms(value, c.m_rule, where + " key " + key));
    }
    return c;
}

const char* Catalog::find(std::string_view key) const {
    const std::string k(key);
    if (const auto it = m_texts.find(k); it != m_texts.end()) return it->second.c_str();
    if (const auto it = m_plurals.find(k); it != m_plurals.end()) return it->second.back().c_str();
    return nullptr;
}

const char* Catalog::find_plural(std::string_view key, std::uint64_t n) const {
    const auto it = m_plurals.find(std::string(key));
    if (it == m_plurals.end()) return find(key);
    return it->second[std::min(m_rule.index(n), it->second.size() - 1)].c_str();
}

std::vector<std::string> Catalog::keys() const {
    std::vector<std::string> keys;
    keys.reserve(m_texts.size() + m_plurals.size());
    for (const auto& kv : m_texts) keys.push_back(kv.first);
    for (const auto& kv : m_plurals) keys.push_back(kv.first);
    return keys;
}

void Catalog::merge(Catalog&& other, std::string_view source_name) {
    // Check everything before changing anything: a refused merge leaves this catalog as it was.
    for (const std::string& key : other.keys())
        if (find(key))
            throw Error("malformed-catalog", std::string(source_name) + " key " + key,
                        "the key is already defined for language " + m_language.code);
    for (auto& [key, text] : other.m_texts) m_texts.emplace(key, std::move(text));
    for (auto& [key, forms] : other.m_plurals) m_plurals.emplace(key, std::move(forms));
    // The language's own name comes from its main catalog (<code>.json), not an area file.
    if (m_language.native_name == m_language.code) m_language.native_name = other.m_language.native_name;
}

Translator::Translator() {
    // The order and the names of assets/i18n/languages.json: English first, each language in
    // its own words, whether its catalog is built in or fetched later.
    for (const Language& l : core::languages()) m_languages.push_back({l.code, l.native_name});
    for (const std::string_view name : builtin_catalog_names())
        add_catalog(Catalog::parse(*builtin_catalog(name), name), name);
}

void Translator::list_language(const LanguageInfo& language) {
    // A catalog for a language the file does not list keeps its own name, last.
    for (const LanguageInfo& l : m_languages)
        if (l.code == language.code) return;
    m_languages.push_back(language);
}

void Translator::add_catalog(Catalog catalog, std::string_view source_name) {
    std::string code = catalog.language().code;
    if (const auto it = m_catalogs.find(code); it != m_catalogs.end()) {
        it->second.merge(std::move(catalog), source_name);
    } else {
        list_language(catalog.language());
        m_catalogs.emplace(code, std::move(catalog));
    }
    if (code == m_wanted) set_language(code);
}

bool Translator::set_language(std::string_view code) {
    if (m_catalogs.find(code) != m_catalogs.end()) {
        m_current = std::string(code);
        m_wanted.clear();
        return true;
    }
    for (const LanguageInfo& l : m_languages)
        if (l.code == code) m_wanted = l.code;
    return false;
}

const char* Translator::tr(std::string_view key) const {
    for (const std::string_view code : {std::string_view(m_current), std::string_view("en")}) {
        const auto it = m_catalogs.find(code);
        if (it == m_catalogs.end()) continue;
        if (const char* text = it->second.find(key)) return text;
    }
    // Unknown key: keep a stable pointer to it so callers may hold on to the result.
    static thread_local std::unordered_map<std::string, std::string> missing;
    auto& slot = missing[std::string(key)];
    if (slot.empty()) slot = std::string(key);
    return slot.c_str();
}

namespace {
// Replaces each "{name}" in text; a value that itself contains "{name}" is left alone.
template <typename Pairs>
std::string fill_placeholders(std::string text, const Pairs& values) {
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{" + std::string(name) + "}";
        for (std::size_t at = text.find(placeholder); at != std::string::npos;
             at = text.find(placeholder, at + std::string_view(value).size()))
            text.replace(at, placeholder.size(), value);
    }
    return text;
}
}  // namespace

std::string Translator::format(
    std::string_view key, std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
    return fill_placeholders(tr(key), values);
}

std::string Translator::format(std::string_view key,
                               const std::vector<std::pair<std::string, std::string>>& values) const {
    return fill_placeholders(tr(key), values);
}

std::string Translator::plural(std::string_view key, std::uint64_t count,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
    const char* text = nullptr;
    for (const std::string_view code : {std::string_view(m_current), std::string_view("en")}) {
        const auto it = m_catalogs.find(code);
        if (it != m_catalogs.end() && (text = it->second.find_plural(key, count))) break;
    }
    const std::string n = std::to_string(count);
    std::vector<std::pair<std::string_view, std::string_view>> all{{"n", n}};
    all.insert(all.end(), values.begin(), values.end());
    return fill_placeholders(text ? std::string(text) : tr(key), all);
}

std::string Translator::decimal(double value, int fraction_digits) const {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", fraction_digits, value);  // "C" locale: a '.'
    std::string out(text);
    const Language* l = find_language(m_current);
    if (const std::size_t dot = out.find('.'); dot != std::string::npos && l) out.replace(dot, 1, l->decimal);
    return out;
}

const Catalog* Translator::catalog(std::string_view code) const {
    const auto it = m_catalogs.find(code);
    return it == m_catalogs.end() ? nullptr : &it->second;
}

}  // namespace safetynet::core
