// `safetynet screen`: answers in, needs (or a FHIR Bundle) out.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"
#include "core/base/every_catalog.hpp"
#include "core/screening/instrument_translation.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/response.hpp"
#include "core/screening/score_overlap.hpp"
#include "core/screening/scoring.hpp"
#include "core/screening/screening_fhir.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace safetynet::cli {

extern const char* const kScreenUsage;
const char* const kScreenUsage =
    "safetynet screen --instrument ID|FILE --answers FILE [--valueset FILE]... [--lang CODE]\n"
    "                 [--format needs|fhir] [--translation FILE]\n"
    "\n"
    "  -i, --instrument ID|FILE  a built-in id (ahc-hrsn, ahc-hrsn-full, hunger-vital-sign, prapare,\n"
    "                            phq-2, phq-9; see `safetynet instruments`) or a FHIR R4 Questionnaire\n"
    "                            JSON file. Rules attach by canonical URL or LOINC panel code, so an\n"
    "                            imported copy of a built-in instrument scores the same.\n"
    "  -a, --answers FILE        a FHIR QuestionnaireResponse, or a simple map {\"linkId\": value} where\n"
    "                            a coded answer is its code (\"71802-3\": \"LA31995-6\"), a multi-select\n"
    "                            a list of codes, else a number, boolean or string; {\"declined\": true}\n"
    "                            records \"prefer not to answer\". Keys may be linkIds or item codes.\n"
    "                            \"-\" reads standard input.\n"
    "  --valueset FILE           a FHIR R4 ValueSet, or a Bundle of them, for an answerValueSet the\n"
    "                            Questionnaire does not contain (repeatable). A set that is neither\n"
    "                            contained nor given makes its item free text.\n"
    "  --lang CODE               language of the domain names and alerts (and of the\n"
    "                            QuestionnaireResponse texts in the FHIR output): en (default), or\n"
    "                            any language the instrument has (the built-in ones: es, zh-Hans,\n"
    "                            zh-Hant, vi, tl, ko, ru, ar, ht, pt). The QuestionnaireResponse\n"
    "                            records the language and where its wording comes from (official\n"
    "                            or project translation; docs/SCREENING.md).\n"
    "  --translation FILE        a clinic's own translation of the instrument, used in place of the\n"
    "                            built-in one for its language: a catalog {\"instrument\", \"language\",\n"
    "                            \"provenance\": {\"kind\": \"official\", \"source\"}, \"texts\": {English:\n"
    "                            text}} (the assets/instruments/translations format) or a Questionnaire\n"
    "                            of the same instrument with FHIR translation extensions and our\n"
    "                            translation-provenance extension (kind official, source). Every\n"
    "                            text must be translated; a bad file stops with its name and field.\n"
    "  --format needs|fhir       needs (default): {\"instrument\", \"rules\", \"complete\", \"urgent\",\n"
    "                            \"alerts\": [...], \"needs\": [{\"domain\", \"display\", \"positive\",\n"
    "                            \"urgent\", \"answered\", \"score\", \"band\"?, \"codes\", \"evidence\"}]};\n"
    "                            fhir: a FHIR R4 Bundle (collection) with the QuestionnaireResponse,\n"
    "                            SDOHCC Observations and Conditions for positive domains.\n"
    "\n"
    "One need per domain the instrument screens. Domain codes: the Gravity SDOH categories\n"
    "food-insecurity, housing-instability, homelessness, inadequate-housing,\n"
    "transportation-insecurity, utility-insecurity, financial-insecurity, material-hardship,\n"
    "employment-status, educational-attainment, social-connection, stress,\n"
    "intimate-partner-violence, health-insurance-coverage-status, incarceration-status; and ours:\n"
    "depression, physical-activity, substance-use, disability (docs/SCREENING.md).\n"
    "\"urgent\": true (with an alert) on a positive interpersonal-safety screen and on any PHQ-9\n"
    "item 9 (self-harm) answer above \"Not at all\".\n"
    "When the form computes a score (calculatedExpression) that a built-in rule also computes (same\n"
    "code), the FHIR Bundle holds the form's value only; where the two differ a line\n"
    "\"warning: CODE (linkId): the form computed X, the built-in rule Y; ...\" goes to stderr.\n"
    "Exit status: 0 ok, 1 usage, 2 bad instrument or answers (one line on stderr).";

namespace {

// A ValueSet file: a FHIR ValueSet or a Bundle of them (what Questionnaire::parse takes).
nlohmann::json read_value_sets(const std::string& path) {
    const nlohmann::json doc = nlohmann::json::parse(read_file(path), nullptr, /*allow_exceptions=*/false);
    const std::string type = doc.is_object() ? doc.value("resourceType", "") : "";
    if (type != "ValueSet" && type != "Bundle")
        throw core::Error("malformed-valueset", path, "not a FHIR ValueSet or Bundle (resourceType \"" + type + "\")");
    return doc;
}

}  // namespace

int cmd_screen(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--instrument", true, "-i"}, {"--answers", true, "-a"}, {"--lang", true},
                           {"--format", true}, {"--valueset", true}, {"--translation", true}});
    if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
    const std::string instrument = args.required("--instrument");
    const std::string answers_path = args.required("--answers");
    const std::string format = args.value("--format").value_or("needs");
    if (format != "needs" && format != "fhir") throw UsageError("--format must be needs or fhir, not \"" + format + "\"");
    const std::string lang = args.value("--lang").value_or("en");

    // A built-in id, else a Questionnaire JSON file.
    std::shared_ptr<const core::Questionnaire> q;
    std::string id = instrument;
    const std::vector<std::string> value_set_files = args.values("--valueset");
    if (core::is_builtin_instrument(instrument)) {
        if (!value_set_files.empty()) throw UsageError("--valueset goes with a Questionnaire file, not a built-in instrument");
        q = core::load_builtin_instrument_in_every_language(instrument);
    } else {
        std::vector<nlohmann::json> value_sets;
        for (const std::string& file : value_set_files) value_sets.push_back(read_value_sets(file));
        q = std::make_shared<const core::Questionnaire>(core::Questionnaire::parse(read_file(instrument), instrument, &value_sets));
        id = !q->id().empty() ? q->id() : (!q->url().empty() ? q->url() : instrument);
    }
    if (const auto path = args.value("--translation"))
        q = core::with_translations(*q, core::parse_instrument_translation(read_file(*path), *path, *q));
    const auto& langs = q->languages();
    if (std::find(langs.begin(), langs.end(), lang) == langs.end()) {
        std::string have;
        for (const std::string& l : langs) have += (have.empty() ? "" : ", ") + l;
        throw UsageError("--lang " + lang + ": the instrument has " + have);
    }

    const core::Response response = core::Response::parse(q, read_file(answers_path), answers_path);
    const core::ScreeningResult result = core::score(response, id);
    // A score both the form and a built-in rule compute: the form's is written; say when they differ.
    for (const core::ScoreOverlap& o : core::score_overlaps(response, result))
        if (o.disagree) std::cerr << "warning: " << core::overlap_warning(o) << "\n";
    nlohmann::json out;
    if (format == "needs") {
        core::Translator tr = core::translator_with_every_language();
        tr.set_language(lang);  // a language without a catalog stays English
        out = core::needs_json(result, tr);
    } else {
        core::ScreeningFhirOptions o;
        o.language = lang;
        out = core::screening_bundle(response, result, o);
    }
    std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace safetynet::cli
