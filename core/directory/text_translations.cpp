#include "core/directory/text_translations.hpp"

#include "core/directory/directory_builder.hpp"

namespace safetynet::core {

const Translation* translation_for(const Translations& all, std::string_view lang) {
    if (lang.empty()) return nullptr;
    for (const Translation& t : all)
        if (t.language == lang) return &t;
    const std::string primary = language_key(lang);
    for (const Translation& t : all)
        if (language_key(t.language) == primary) return &t;
    return nullptr;
}

const std::string& translated(const Translations& all, std::string_view lang, std::string_view field,
                              const std::string& original, std::string* shown_lang) {
    if (shown_lang) shown_lang->clear();
    const Translation* t = translation_for(all, lang);
    if (!t) return original;
    const std::string& text = field == "name" ? t->name : t->description;
    if (text.empty()) return original;
    if (shown_lang) *shown_lang = t->language;
    return text;
}

}  // namespace safetynet::core
