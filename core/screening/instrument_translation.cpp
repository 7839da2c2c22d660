#include "core/screening/instrument_translation.hpp"

#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <set>

namespace safetynet::core {

using nlohmann::json;

namespace {

constexpr const char* kKind = "malformed-translation";
constexpr std::string_view kTranslationExt = "http://hl7.org/fhir/StructureDefinition/translation";

[[noreturn]] void fail(std::string_view source, const std::string& field, const std::string& message) {
    throw Error(kKind, std::string(source) + " " + field, message);
}

// Every text a person sees in a Questionnaire, as (owner object, field): the title, each item's
// text and prefix, each answer option's display or string (FHIR R4 Questionnaire; the fields
// the kiosk and the workspace show).
using TextVisitor = std::function<void(json& owner, const char* field)>;

void visit_items(json& items, const TextVisitor& visit) {
    if (!items.is_array()) return;
    for (json& it : items) {
        if (!it.is_object()) continue;
        for (const char* f : {"text", "prefix"})
            if (it.contains(f) && it[f].is_string()) visit(it, f);
        if (it.contains("answerOption") && it["answerOption"].is_array())
            for (json& o : it["answerOption"]) {
                if (!o.is_object()) continue;
                if (o.contains("valueCoding") && o["valueCoding"].is_object() && o["valueCoding"].contains("display") &&
                    o["valueCoding"]["display"].is_string())
                    visit(o["valueCoding"], "display");
                if (o.contains("valueString") && o["valueString"].is_string()) visit(o, "valueString");
            }
        if (it.contains("item")) visit_items(it["item"], visit);
    }
}

void visit_texts(json& q, const TextVisitor& visit) {
    if (q.contains("title") && q["title"].is_string()) visit(q, "title");
    if (q.contains("item")) visit_items(q["item"], visit);
}

// The content of owner["_" + field]'s translation extension for `lang`, if any.
const json* translation_of(const json& owner, const std::string& field, const std::string& lang) {
    const auto e = owner.find("_" + field);
    if (e == owner.end() || !e->is_object() || !e->contains("extension") || !(*e)["extension"].is_array()) return nullptr;
    for (const json& t : (*e)["extension"]) {
        if (!t.is_object() || t.value("url", "") != kTranslationExt || !t.contains("extension") || !t["extension"].is_array())
            continue;
        const json* content = nullptr;
        bool match = false;
        for (const json& p : t["extension"]) {
            if (!p.is_object()) continue;
            if (p.value("url", "") == "lang" && p.value("valueCode", "") == lang) match = true;
            if (p.value("url", "") == "content" && p.contains("valueString") && p["valueString"].is_string())
                content = &p["valueString"];
        }
        if (match && content) return content;
    }
    return nullptr;
}

// Replaces (or adds) the translation of owner[field] in `lang`.
void set_translation(json& owner, const std::string& field, const std::string& lang, const std::string& text) {
    json& under = owner["_" + field];
    if (!under.is_object()) under = json::object();
    json& exts = under["extension"];
    if (!exts.is_array()) exts = json::array();
    json kept = json::array();
    for (json& t : exts) {
        bool same_lang = false;
        if (t.is_object() && t.value("url", "") == kTranslationExt && t.contains("extension") && t["extension"].is_array())
            for (const json& p : t["extension"])
                same_lang = same_lang || (p.is_object() && p.value("url", "") == "lang" && p.value("valueCode", "") == lang);
        if (!same_lang) kept.push_back(std::move(t));
    }
    kept.push_back({{"url", kTranslationExt},
                    {"extension", json::array({{{"url", "lang"}, {"valueCode", lang}}, {{"url", "content"}, {"valueString", text}}})}});
    exts = std::move(kept);
}

TranslationProvenance read_provenance(const json& p, std::string_view source, const std::string& lang) {
    if (!p.is_object()) fail(source, "provenance", "expected an object with kind, source and note");
    TranslationProvenance out{lang, string_field(p, "kind"), string_field(p, "source"), string_field(p, "note")};
    if (out.kind != "official" && out.kind != "project")
        fail(source, "provenance.kind", "expected \"official\" (a certified translation) or \"project\"");
    if (out.kind == "official" && out.source.empty())
        fail(source, "provenance.source", "an official translation cites its source (who certified it, and when)");
    if (out.kind == "project" && out.note.empty()) fail(source, "provenance.note", "say who translated it");
    return out;
}

// The texts `q` shows, each once (the English a catalog's keys must be).
std::set<std::string> shown_texts(const Questionnaire& q) {
    json doc = q.source_json();
    std::set<std::string> out;
    visit_texts(doc, [&](json& owner, const char* field) {
        if (std::string_view(field) != "prefix") out.insert(owner[field].get<std::string>());
    });
    return out;
}

void check_texts(const InstrumentTranslation& t, std::string_view source, const Questionnaire& q) {
    const std::set<std::string> shown = shown_texts(q);
    for (const std::string& english : shown)
        if (!t.texts.count(english)) fail(source, "texts", "no " + t.provenance.language + " text for \"" + english + "\"");
    json doc = q.source_json();
    std::set<std::string> prefixes;
    visit_texts(doc, [&](json& owner, const char* field) {
        if (std::string_view(field) == "prefix") prefixes.insert(owner[field].get<std::string>());
    });
    for (const auto& [english, text] : t.texts) {
        if (!shown.count(english) && !prefixes.count(english))
            fail(source, "texts[\"" + english + "\"]", "not a text of this instrument");
        if (text.empty()) fail(source, "texts[\"" + english + "\"]", "the translation is empty");
    }
}

InstrumentTranslation from_catalog(const json& doc, std::string_view source, const Questionnaire& q) {
    const std::string instrument = string_field(doc, "instrument");
    if (instrument.empty() || (instrument != q.id() && instrument != q.url()))
        fail(source, "instrument", "\"" + instrument + "\" is not this instrument (" + q.id() + ")");
    const std::string lang = string_field(doc, "language");
    if (lang.empty()) fail(source, "language", "expected a language code (BCP 47), e.g. \"vi\"");
    InstrumentTranslation t;
    t.provenance = read_provenance(doc.contains("provenance") ? doc["provenance"] : json(), source, lang);
    if (!doc.contains("texts") || !doc["texts"].is_object()) fail(source, "texts", "expected {English text: translation}");
    for (const auto& kv : doc["texts"].items()) {
        if (!kv.value().is_string()) fail(source, "texts[\"" + kv.key() + "\"]", "expected a string");
        t.texts[kv.key()] = kv.value().get<std::string>();
    }
    check_texts(t, source, q);
    return t;
}

std::vector<InstrumentTranslation> from_questionnaire(const json& doc, std::string_view source, const Questionnaire& q) {
    const std::string url = string_field(doc, "url");
    if (url != q.url()) fail(source, "url", "\"" + url + "\" is not this instrument's canonical URL (" + q.url() + ")");
    std::vector<InstrumentTranslation> out;
    if (doc.contains("extension") && doc["extension"].is_array())
        for (const json& ext : doc["extension"])
            if (auto p = provenance_from_extension(ext)) {
                if (p->kind != "official" || p->source.empty()) continue;  // the built-in's own languages
                InstrumentTranslation t;
                t.provenance = *p;
                json copy = doc;
                visit_texts(copy, [&](json& owner, const char* field) {
                    if (const json* c = translation_of(owner, field, p->language))
                        t.texts[owner[field].get<std::string>()] = c->get<std::string>();
                });
                check_texts(t, source, q);
                out.push_back(std::move(t));
            }
    if (out.empty())
        fail(source, "extension", std::string("no translation it certifies: add ") + fhir::kTranslationProvenance +
                                      " with lang, kind \"official\" and source");
    return out;
}

}  // namespace

std::string translation_target(std::string_view json_text, std::string_view source) {
    const json doc = parse_json_text(json_text, kKind, std::string(source));
    if (!doc.is_object()) fail(source, "(top)", "expected a JSON object: a translation catalog or a Questionnaire");
    const bool questionnaire = string_field(doc, "resourceType") == "Questionnaire";
    const std::string target = string_field(doc, questionnaire ? "url" : "instrument");
    if (target.empty()) fail(source, questionnaire ? "url" : "instrument", "names no instrument");
    return target;
}

std::vector<InstrumentTranslation> parse_instrument_translation(std::string_view json_text, std::string_view source,
                                                                const Questionnaire& q) {
    const json doc = parse_json_text(json_text, kKind, std::string(source));
    if (!doc.is_object()) fail(source, "(top)", "expected a JSON object: a translation catalog or a Questionnaire");
    if (string_field(doc, "resourceType") == "Questionnaire") return from_questionnaire(doc, source, q);
    return {from_catalog(doc, source, q)};
}

void add_translation(Questionnaire& q, const InstrumentTranslation& t) {
    const std::string& lang = t.provenance.language;
    json doc = q.source_json();
    visit_texts(doc, [&](json& owner, const char* field) {
        if (const auto it = t.texts.find(owner[field].get<std::string>()); it != t.texts.end())
            set_translation(owner, field, lang, it->second);
    });
    // The provenance: this one in place of what the form said of the language.
    json exts = json::array();
    if (doc.contains("extension") && doc["extension"].is_array())
        for (json& ext : doc["extension"])
            if (auto p = provenance_from_extension(ext); !p || p->language != lang) exts.push_back(std::move(ext));
    exts.push_back(to_extension(t.provenance));
    doc["extension"] = std::move(exts);
    q.add_language(lang, t.texts, std::move(doc));
}

std::shared_ptr<const Questionnaire> with_translations(const Questionnaire& q,
                                                       const std::vector<InstrumentTranslation>& translations) {
    auto out = std::make_shared<Questionnaire>(q);
    for (const InstrumentTranslation& t : translations) add_translation(*out, t);
    return out;
}

}  // namespace safetynet::core
