#include "core/screening/translation_provenance.hpp"

#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace safetynet::core {

using nlohmann::json;

namespace {

// The language `q` has among its translations for `lang`: itself, else its primary tag.
std::optional<std::string> matching_language(const Questionnaire& q, std::string_view lang) {
    const auto& langs = q.languages();
    const auto has = [&](std::string_view l) { return std::find(langs.begin(), langs.end(), l) != langs.end(); };
    if (has(lang)) return std::string(lang);
    if (const auto dash = lang.find('-'); dash != std::string_view::npos && has(lang.substr(0, dash)))
        return std::string(lang.substr(0, dash));
    return std::nullopt;
}

std::string part(const json& ext, std::string_view name, const char* value_key) {
    for (const json& p : ext.value("extension", json::array()))
        if (p.is_object() && p.value("url", "") == name && p.contains(value_key) && p[value_key].is_string())
            return p[value_key].get<std::string>();
    return {};
}

}  // namespace

json to_extension(const TranslationProvenance& p) {
    json parts = json::array({{{"url", "lang"}, {"valueCode", p.language}}, {{"url", "kind"}, {"valueCode", p.kind}}});
    if (!p.source.empty()) parts.push_back({{"url", "source"}, {"valueString", p.source}});
    if (!p.note.empty()) parts.push_back({{"url", "note"}, {"valueString", p.note}});
    return {{"url", fhir::kTranslationProvenance}, {"extension", std::move(parts)}};
}

std::optional<TranslationProvenance> provenance_from_extension(const json& ext) {
    if (!ext.is_object() || ext.value("url", "") != fhir::kTranslationProvenance) return std::nullopt;
    if (!ext.contains("extension") || !ext["extension"].is_array()) return std::nullopt;
    TranslationProvenance p{part(ext, "lang", "valueCode"), part(ext, "kind", "valueCode"),
                            part(ext, "source", "valueString"), part(ext, "note", "valueString")};
    if (p.language.empty() || p.kind.empty()) return std::nullopt;
    return p;
}

std::optional<TranslationProvenance> recorded_provenance(const json& resource) {
    if (!resource.is_object() || !resource.contains("extension") || !resource["extension"].is_array()) return std::nullopt;
    for (const json& ext : resource["extension"])
        if (auto p = provenance_from_extension(ext)) return p;
    return std::nullopt;
}

std::optional<TranslationProvenance> translation_provenance(const Questionnaire& q, std::string_view lang) {
    const std::string base = q.languages().empty() ? "en" : q.languages().front();
    if (lang.empty() || lang == base) return TranslationProvenance{base, "original", {}, {}};
    const auto found = matching_language(q, lang);
    if (!found) return std::nullopt;
    if (*found == base) return TranslationProvenance{base, "original", {}, {}};
    const json& doc = q.source_json();
    if (doc.is_object() && doc.contains("extension") && doc["extension"].is_array())
        for (const json& ext : doc["extension"])
            if (auto p = provenance_from_extension(ext); p && p->language == *found) return p;
    return TranslationProvenance{*found, "unstated", {}, {}};
}

std::string screening_language(const Questionnaire& q, std::string_view wanted, bool validated_only) {
    const auto p = translation_provenance(q, wanted);
    if (p && (!validated_only || p->validated())) return p->language;
    return q.languages().empty() ? "en" : q.languages().front();
}

}  // namespace safetynet::core
