#pragma once
// A record's text in other languages. HSDS 3.x has no field for it (its `languages` are the
// languages a service is offered in, not the languages its text is written in), so SafetyNet
// reads the extension docs/DIRECTORY.md describes ("Text in several languages") beside the
// record's own fields:
//   "translations": {"es": {"name": "…", "description": "…"}, "zh-Hans": {"name": "…"}}
// The record's own text stays the original; a language without a translation shows it.
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct Translation {
    std::string language;  // a BCP 47 tag as published ("es", "zh-Hans")
    std::string name;
    std::string description;
};
using Translations = std::vector<Translation>;

// The translation for `lang` ("es", "zh-Hant-TW"): the exact tag, else one with the same
// primary subtag; nullptr when there is none.
const Translation* translation_for(const Translations& all, std::string_view lang);

// `field` ("name" or "description") of the translation for `lang`, else `original`. Sets
// `shown_lang` to the translation's tag, or leaves it empty when the original is shown.
const std::string& translated(const Translations& all, std::string_view lang, std::string_view field,
                              const std::string& original, std::string* shown_lang = nullptr);

}  // namespace safetynet::core
