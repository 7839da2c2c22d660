#pragma once
// The site's own settings, read from assets/site.json at start-up: a clinic edits that file
// (name, place, instrument, clinic key, crisis numbers, idle timeout, directory) and reloads,
// without rebuilding. Anything missing keeps its default; anything malformed is reported and
// ignored field by field, so a typo never stops a kiosk from starting.
#include "core/base/error.hpp"
#include "core/screening/questionnaire.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

struct CrisisLine {
    std::map<std::string, std::string> label;  // language -> text
    std::string number;                         // what to dial or text, e.g. "988"
};

struct SiteConfig {
    std::string site_name = "SafetyNet";
    std::string mode = "kiosk";                 // kiosk | clinic | org (the URL #fragment wins)
    std::string instrument = "ahc-hrsn";        // a built-in instrument id
    // A FHIR R4 Questionnaire (JSON, a path the app fetches like the directory) the kiosk and the
    // clinic's assisted screening use instead of the built-in instrument: the site's own form.
    std::string form;
    std::shared_ptr<const core::Questionnaire> site_form;  // `form`, once fetched and imported
    std::string zip;                            // where the site is: services near it by default
    std::string timezone;                       // IANA name, for "open now"
    // Offered on the kiosk. Without a list: English and Spanish, whose instrument wording has been
    // reviewed; the other catalogs are project translations not yet validated, so a site opts in.
    std::vector<std::string> languages{"en", "es"};
    // Whether patients are asked an instrument in a language whose wording is only a project
    // translation: "all" (the default: offering a language already accepts the project's
    // catalogs, and each response records the wording's provenance for the clinician) or
    // "validated-only" (the form's own language then, with a note saying why).
    std::string instrument_translations = "all";
    std::string clinic_name;
    std::string clinic_recipient;               // age1…: the kiosk seals shared screenings to it
    std::map<std::string, std::string> crisis_message;  // language -> text, shown first on urgent results
    std::vector<CrisisLine> crisis_lines;
    int idle_timeout_seconds = 90;
    int idle_warning_seconds = 20;
    bool ask_location = true;
    std::string directory = "assets/directory/demo-region.hsds.json";
    std::string directory_language = "en";      // the language the directory's own text is in
    // SHA-256 (hex) of the staff PIN that opens the kiosk's outbox. A guard against a curious
    // patient, not a secret: what the outbox holds is encrypted for the clinic anyway.
    std::string staff_pin_sha256;
    // What was wrong in the file, for staff: each with its kind and values, so a screen says it
    // in the person's language (ui::error_text); message() is the English.
    std::vector<core::Error> warnings;

    // Parses site.json. Never throws: a bad field is named in `warnings` and keeps its default.
    static SiteConfig parse(std::string_view json);

    // The text for `lang`, else English, else any.
    static const std::string& pick(const std::map<std::string, std::string>& texts, std::string_view lang);
};

}  // namespace safetynet::ui
