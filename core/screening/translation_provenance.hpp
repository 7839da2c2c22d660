#pragma once
// Where the wording of a Questionnaire in one language comes from, and which language a person
// is asked the questions in. The provenance is our extension (core/fhir/systems.hpp
// kTranslationProvenance, docs/SCREENING.md), one per language on the Questionnaire; the
// QuestionnaireResponse carries the one of the language it was answered in.
#include "core/screening/questionnaire.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace safetynet::core {

struct TranslationProvenance {
    std::string language;  // BCP 47, as the Questionnaire's translation extensions name it
    // "original" (the form's own language), "official" (a published translation, `source`
    // cites it), "project" (made for SafetyNet, not validated), "unstated" (the form carries
    // the language's texts but says nothing of where they come from).
    std::string kind;
    std::string source;
    std::string note;

    // Whether a site that accepts only validated wording may ask the questions in it.
    bool validated() const { return kind == "original" || kind == "official"; }
};

// The wording of `q` in `lang` ("es-MX" falls back to "es", as LocalizedText::in does);
// nullopt when the form has no text in that language.
std::optional<TranslationProvenance> translation_provenance(const Questionnaire& q, std::string_view lang);

// The language the questions are shown in to a person who chose `wanted`: the language itself
// (or its primary tag) when the form has it and, with `validated_only`, its wording is
// validated; else the form's own language.
std::string screening_language(const Questionnaire& q, std::string_view wanted, bool validated_only);

// Reads and writes the extension (object with url and the four parts). from_extension returns
// nullopt when `ext` is not a well-formed one.
nlohmann::json to_extension(const TranslationProvenance& p);
std::optional<TranslationProvenance> provenance_from_extension(const nlohmann::json& ext);
// The provenance a resource (a QuestionnaireResponse) records in its extensions, if any.
std::optional<TranslationProvenance> recorded_provenance(const nlohmann::json& resource);

}  // namespace safetynet::core
