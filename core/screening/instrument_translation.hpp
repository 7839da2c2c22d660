#pragma once
// A clinic's own (certified) translation of an instrument, put over the Questionnaire's wording
// in that language: `safetynet screen --translation FILE` and the workspace's Settings load it.
//
// The file is either
//   - a catalog in the assets/instruments/translations format (docs/SCREENING.md):
//       {"instrument": ID, "language": CODE, "provenance": {"kind": "official"|"project",
//        "source": …, "note": …}, "texts": {English text: translation}}
//     where "instrument" is the Questionnaire's id or canonical URL; or
//   - a FHIR Questionnaire of the same instrument (same canonical URL) carrying the FHIR
//     translation extension, with our translation-provenance extension naming the language(s)
//     it certifies (kind official, with source).
// Every text the person sees (title, item text, answer displays) must be translated and no
// other text may be given; anything else is a core::Error("malformed-translation", "FILE
// field", …) and nothing is changed.
#include "core/screening/questionnaire.hpp"
#include "core/screening/translation_provenance.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct InstrumentTranslation {
    TranslationProvenance provenance;          // provenance.language is the language
    std::map<std::string, std::string> texts;  // English text -> translation
};

// The instrument a translation file is for, as it names it: a catalog's "instrument" (an id or a
// canonical URL), a Questionnaire's "url". Throws core::Error("malformed-translation") when it
// names none.
std::string translation_target(std::string_view json, std::string_view source);

// Reads a translation file (either form above) for `q`; `source` names the file in errors.
std::vector<InstrumentTranslation> parse_instrument_translation(std::string_view json, std::string_view source,
                                                                const Questionnaire& q);

// Puts a translation's texts and provenance over `q` in place of what it had in that language
// (the model and its source JSON alike, without parsing it again: a Response's copy with its
// instances takes it too, core::Response::add_translation).
void add_translation(Questionnaire& q, const InstrumentTranslation& t);

// `q` with each translation's texts and provenance in place of what it had in that language.
std::shared_ptr<const Questionnaire> with_translations(const Questionnaire& q,
                                                       const std::vector<InstrumentTranslation>& translations);

}  // namespace safetynet::core
