#include "ui/shell/site_config.hpp"

#include "core/base/languages.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace safetynet::ui {
namespace {

using nlohmann::json;

using Warnings = std::vector<core::Error>;

// A field whose value cannot be used: its English message (message()) as staff and logs read
// it, and what a screen needs to say it in the person's language ("error.site-value"):
// the field and the expected value, in a notation every language reads.
core::Error bad_value(const std::string& field, const std::string& message, std::string expected) {
    return core::Error("site-value", "site.json", field + ": " + message, {{"field", field}, {"expected", std::move(expected)}});
}

// A language the site offers must be one SafetyNet knows. (A right-to-left one is laid out
// mirrored everywhere, the workspace's slider included: no warning; docs/TRANSLATIONS.md.)
void check_languages(const std::vector<std::string>& codes, Warnings& warnings) {
    for (const std::string& code : codes)
        if (!core::find_language(code))
            warnings.emplace_back("site-language", "site.json",
                                  "languages: " + code + " is not a language SafetyNet knows (assets/i18n/languages.json)",
                                  core::ErrorParams{{"value", code}});
}

void read_string(const json& doc, const char* key, std::string& out, Warnings& warnings) {
    const auto it = doc.find(key);
    if (it == doc.end()) return;
    if (it->is_string()) out = it->get<std::string>();
    else warnings.push_back(bad_value(key, "expected text", "\"…\""));
}

void read_int(const json& doc, const char* key, int& out, int lo, int hi, Warnings& warnings) {
    const auto it = doc.find(key);
    if (it == doc.end()) return;
    if (it->is_number_integer() && it->get<long long>() >= lo && it->get<long long>() <= hi)
        out = static_cast<int>(it->get<long long>());
    else
        warnings.push_back(bad_value(key, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi),
                                     std::to_string(lo) + " … " + std::to_string(hi)));
}

// "text" or {"en": "...", "es": "..."}
bool read_texts(const json& v, std::map<std::string, std::string>& out) {
    if (v.is_string()) {
        out["en"] = v.get<std::string>();
        return true;
    }
    if (!v.is_object()) return false;
    for (const auto& [lang, text] : v.items()) {
        if (!text.is_string()) return false;
        out[lang] = text.get<std::string>();
    }
    return true;
}

}  // namespace

SiteConfig SiteConfig::parse(std::string_view text) {
    SiteConfig c;
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
        c.warnings.emplace_back("site-json", "site.json", "site.json is not a JSON object; using the defaults");
        return c;
    }
    auto& w = c.warnings;
    read_string(doc, "site_name", c.site_name, w);
    read_string(doc, "mode", c.mode, w);
    if (c.mode != "kiosk" && c.mode != "clinic" && c.mode != "org") {
        w.push_back(bad_value("mode", "expected kiosk, clinic or org", "kiosk | clinic | org"));
        c.mode = "kiosk";
    }
    read_string(doc, "instrument", c.instrument, w);
    read_string(doc, "form", c.form, w);
    read_string(doc, "zip", c.zip, w);
    read_string(doc, "timezone", c.timezone, w);
    read_string(doc, "directory", c.directory, w);
    read_string(doc, "directory_language", c.directory_language, w);
    read_string(doc, "staff_pin_sha256", c.staff_pin_sha256, w);
    read_string(doc, "instrument_translations", c.instrument_translations, w);
    if (c.instrument_translations != "all" && c.instrument_translations != "validated-only") {
        w.push_back(bad_value("instrument_translations", "expected \"all\" or \"validated-only\"; offering all", "all | validated-only"));
        c.instrument_translations = "all";
    }
    if (!c.staff_pin_sha256.empty() &&
        (c.staff_pin_sha256.size() != 64 ||
         c.staff_pin_sha256.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)) {
        w.push_back(bad_value("staff_pin_sha256", "expected 64 hex digits (sha256sum of the PIN)", "sha256sum: 64 × 0-9a-f"));
        c.staff_pin_sha256.clear();
    }
    if (const auto it = doc.find("languages"); it != doc.end()) {
        if (it->is_array() && std::all_of(it->begin(), it->end(), [](const json& l) { return l.is_string(); })) {
            c.languages = it->get<std::vector<std::string>>();
            check_languages(c.languages, w);
            if (c.languages.empty()) {
                w.push_back(bad_value("languages", "the list is empty; offering English and Spanish", "[\"en\", \"es\", …]"));
                c.languages = SiteConfig{}.languages;
            }
        } else {
            w.push_back(bad_value("languages", "expected a list of language codes", "[\"en\", \"es\", …]"));
        }
    }
    if (const auto it = doc.find("clinic"); it != doc.end()) {
        if (it->is_object()) {
            read_string(*it, "name", c.clinic_name, w);
            read_string(*it, "recipient", c.clinic_recipient, w);
            if (!c.clinic_recipient.empty() && c.clinic_recipient.rfind("age1", 0) != 0) {
                w.push_back(bad_value("clinic.recipient", "expected an age recipient (age1…)", "age1…"));
                c.clinic_recipient.clear();
            }
        } else {
            w.push_back(bad_value("clinic", "expected an object", "{ … }"));
        }
    }
    if (const auto it = doc.find("crisis"); it != doc.end()) {
        if (it->is_object()) {
            if (const auto m = it->find("message"); m != it->end() && !read_texts(*m, c.crisis_message))
                w.push_back(bad_value("crisis.message", "expected text or {language: text}", "\"…\" | { \"es\": \"…\" }"));
            if (const auto lines = it->find("lines"); lines != it->end()) {
                if (!lines->is_array()) {
                    w.push_back(bad_value("crisis.lines", "expected a list", "[ … ]"));
                } else {
                    for (const auto& l : *lines) {
                        CrisisLine line;
                        if (!l.is_object() || !l.contains("number") || !l["number"].is_string() ||
                            !l.contains("label") || !read_texts(l["label"], line.label)) {
                            w.push_back(bad_value("crisis.lines", "each line needs a label and a number",
                                                  "{ \"label\": \"…\", \"number\": \"…\" }"));
                            continue;
                        }
                        line.number = l["number"].get<std::string>();
                        c.crisis_lines.push_back(std::move(line));
                    }
                }
            }
        } else {
            w.push_back(bad_value("crisis", "expected an object", "{ … }"));
        }
    }
    read_int(doc, "idle_timeout_seconds", c.idle_timeout_seconds, 15, 3600, w);
    read_int(doc, "idle_warning_seconds", c.idle_warning_seconds, 5, 120, w);
    if (const auto it = doc.find("ask_location"); it != doc.end()) {
        if (it->is_boolean()) c.ask_location = it->get<bool>();
        else w.push_back(bad_value("ask_location", "expected true or false", "true | false"));
    }
    return c;
}

const std::string& SiteConfig::pick(const std::map<std::string, std::string>& texts, std::string_view lang) {
    static const std::string empty;
    if (const auto it = texts.find(std::string(lang)); it != texts.end()) return it->second;
    if (const auto it = texts.find("en"); it != texts.end()) return it->second;
    return texts.empty() ? empty : texts.begin()->second;
}

}  // namespace safetynet::ui
