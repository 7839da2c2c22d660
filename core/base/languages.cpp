#include "core/base/languages.hpp"
#include "core/base/json_read.hpp"

#include "core/base/assets.hpp"
#include "core/base/error.hpp"
#include "core/base/plural_rule.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace safetynet::core {
namespace {

std::string text_field(const nlohmann::json& entry, const char* field, const std::string& where) {
    const auto it = entry.find(field);
    if (it == entry.end() || !it->is_string() || it->get<std::string>().empty())
        throw Error("malformed-languages", where + " field " + field, "must be a non-empty string");
    return it->get<std::string>();
}

// "plural": {"categories": [...], "rule": "..."}; the rule must parse and pick a category.
void parse_plural(const nlohmann::json& entry, const std::string& at, Language& l) {
    const auto plural = entry.find("plural");
    if (plural == entry.end() || !plural->is_object())
        throw Error("malformed-languages", at + " field plural", "must be an object with categories and rule");
    const auto categories = plural->find("categories");
    if (categories == plural->end() || !categories->is_array() || categories->empty())
        throw Error("malformed-languages", at + " field plural.categories", "must be a non-empty list");
    for (const auto& c : *categories) {
        if (!c.is_string()) throw Error("malformed-languages", at + " field plural.categories", "must list names");
        l.plural_categories.push_back(c.get<std::string>());
    }
    l.plural_rule = text_field(*plural, "rule", at + " field plural");
    (void)PluralRule::parse(l.plural_rule, l.plural_categories.size(), at + " field plural.rule");
}

Language parse_language(const nlohmann::json& entry, const std::string& where) {
    if (!entry.is_object()) throw Error("malformed-languages", where, "a language must be a JSON object");
    Language l;
    l.code = text_field(entry, "code", where);
    const std::string at = where + " (" + l.code + ")";
    l.english_name = text_field(entry, "english_name", at);
    l.native_name = text_field(entry, "native_name", at);
    const std::string direction = text_field(entry, "direction", at);
    if (direction != "ltr" && direction != "rtl")
        throw Error("malformed-languages", at + " field direction", "must be \"ltr\" or \"rtl\", not \"" + direction + "\"");
    l.direction = direction == "rtl" ? TextDirection::RightToLeft : TextDirection::LeftToRight;
    l.script = text_field(entry, "script", at);
    l.decimal = text_field(entry, "decimal", at);
    const auto fonts = entry.find("fonts");
    if (fonts == entry.end() || !fonts->is_array() || fonts->empty())
        throw Error("malformed-languages", at + " field fonts", "must be a non-empty list of font families");
    for (const auto& f : *fonts) {
        if (!f.is_string() || f.get<std::string>().empty())
            throw Error("malformed-languages", at + " field fonts", "every font family must be a non-empty string");
        l.fonts.push_back(f.get<std::string>());
    }
    parse_plural(entry, at, l);
    return l;
}

}  // namespace

std::vector<Language> parse_languages(std::string_view json, std::string_view source_name) {
    const std::string where(source_name);
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("malformed-json", where, "not valid JSON", json_syntax_position(json));
    const auto list = doc.is_object() ? doc.find("languages") : doc.end();
    if (list == doc.end() || !list->is_array())
        throw Error("malformed-languages", where, "\"languages\" must be a list");
    std::vector<Language> out;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Language l = parse_language((*list)[i], where + " languages[" + std::to_string(i) + "]");
        if (!seen.insert(l.code).second)
            throw Error("malformed-languages", where + " languages[" + std::to_string(i) + "]",
                        "the code " + l.code + " is listed twice");
        out.push_back(std::move(l));
    }
    return out;
}

const std::vector<Language>& languages() {
    static const std::vector<Language> all = parse_languages(*builtin_asset("i18n/languages.json"), "i18n/languages.json");
    return all;
}

const Language* find_language(std::string_view code) {
    for (const Language& l : languages())
        if (l.code == code) return &l;
    return nullptr;
}

}  // namespace safetynet::core
