// Issue 14 item 3: the core's errors on a screen are in the person's language. Every kind a
// screen renders (core/base/error_kinds.hpp) has its text in every catalog with the same
// placeholders, what the workspace's paths throw is one of those kinds with its parameters,
// and a kind without a text still gets a translated sentence.
#include "ui/shell/error_text.hpp"

#include "core/base/error_kinds.hpp"
#include "core/base/every_catalog.hpp"
#include "core/exchange/bundle.hpp"
#include "core/exchange/keyset.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"
#include "ui/shell/site_config.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>

using namespace safetynet;
using core::Error;

namespace {

std::set<std::string> placeholders(const std::string& text) {
    std::set<std::string> names;
    static const std::regex brace(R"(\{([A-Za-z_]+)\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), brace); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

std::set<std::string> split(std::string_view words) {
    std::set<std::string> out;
    std::string word;
    for (char c : std::string(words) + " ") {
        if (c != ' ') word += c;
        else if (!word.empty()) out.insert(std::exchange(word, {}));
    }
    return out;
}

core::Translator every_language() {
    core::Translator t;
    core::add_every_builtin_catalog(t);
    return t;
}

// The error `f` throws (failing the test when it throws none).
Error thrown(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no core::Error thrown");
    return Error("none", "", "");
}

std::string in_language(core::Translator& t, const std::string& code, const std::exception& e) {
    REQUIRE(t.set_language(code));
    return ui::error_text(t, e);
}

const std::string kFhir = R"({"resourceType":"Bundle","type":"collection","entry":[]})";

}  // namespace

TEST_CASE("issue 14: every error kind a screen renders has its text in every catalog, with the same placeholders") {
    const core::Translator t = every_language();
    REQUIRE(t.languages().size() == 11);
    std::vector<std::pair<std::string, std::set<std::string>>> wanted = {
        {"error.generic", {"kind", "detail"}}, {"error.line", {"line"}}, {"error.line_column", {"line", "column"}},
        {"error.at_line", {"file", "line"}},   {"error.at_record", {"file", "record"}},
        {"error.question", {"linkId"}},        {"error.question_field", {"linkId", "field"}}};
    for (const core::ScreenErrorKind& k : core::screen_error_kinds())
        wanted.emplace_back("error." + std::string(k.kind), split(k.placeholders));
    REQUIRE(wanted.size() > 20);
    for (const core::LanguageInfo& language : t.languages()) {
        const core::Catalog* catalog = t.catalog(language.code);
        REQUIRE_MESSAGE(catalog != nullptr, language.code);
        // (No structured bindings: Emscripten 3.1.6's clang 14 cannot capture them in CAPTURE.)
        for (const auto& entry : wanted) {
            CAPTURE(language.code);
            CAPTURE(entry.first);
            const char* text = catalog->find(entry.first);
            REQUIRE(text != nullptr);
            CHECK(placeholders(text) == entry.second);
        }
    }
}

TEST_CASE("issue 14: what the workspace's paths throw is rendered from the catalog, with its file and line") {
    core::Translator t = every_language();
    const core::KeySet clinic = core::KeySet::generate("Clinic");
    const core::KeySet pantry = core::KeySet::generate("Pantry");
    const core::Bytes sealed =
        core::seal_bundle(core::BundleHeader{core::BundleKind::Referral, core::new_bundle_id(), "2025-06-01T14:30:00Z",
                                             clinic.contact_card()},
                          kFhir, clinic.signing_key, {pantry.age_identity.recipient()}, false);
    const auto open = [&](core::Bytes bytes, const core::KeySet& to) {
        return [bytes, &to, &clinic] { (void)core::open_bundle(bytes, {to.age_identity}, {clinic.contact_card()}, nullptr); };
    };
    core::Bytes tampered = sealed;
    tampered[tampered.size() - 20] ^= 0x01;
    const core::Bytes truncated(sealed.begin(), sealed.begin() + static_cast<std::ptrdiff_t>(sealed.size() - 40));
    const std::string plain = core::to_string(
        core::make_bundle_plaintext(core::BundleHeader{core::BundleKind::Referral, "r-1", "2025-06-01T14:30:00Z", clinic.contact_card()},
                                    kFhir, clinic.signing_key)
            .view());
    std::string forged = plain;
    forged[forged.find("collection")] = 'C';

    struct Case {
        const char* what;
        Error error;
    };
    const Case cases[] = {
        {"a bundle for another site", thrown(open(sealed, clinic))},
        {"a tampered bundle", thrown(open(tampered, pantry))},
        {"a truncated bundle", thrown(open(truncated, pantry))},
        {"a changed signed bundle", thrown([&] { (void)core::read_bundle_plaintext(core::as_bytes(forged), {clinic.contact_card()}, nullptr); })},
        {"not a bundle", thrown([&] { (void)core::read_bundle_plaintext(core::as_bytes(std::string("hello\n")), {}, nullptr); })},
        {"a form that is not JSON", thrown([] { (void)core::Questionnaire::parse("{\n  \"resourceType\": \"Questionnaire\",\n  oops\n}", "clinic-form.json"); })},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CAPTURE(c.error.what());
        // A kind the screens render from a catalog, not the generic sentence.
        REQUIRE(core::find_screen_error_kind(c.error.kind()) != nullptr);
        const std::string english = in_language(t, "en", c.error);
        CHECK(english.rfind(t.format("error." + c.error.kind(), {{"where", c.error.where()}}), 0) == 0);
        const std::string spanish = in_language(t, "es", c.error);
        CHECK(spanish.rfind(t.format("error." + c.error.kind(), {{"where", c.error.where()}}), 0) == 0);
        CHECK(spanish != english);
        CHECK(spanish.find(c.error.message()) == std::string::npos);
    }
    CHECK(cases[0].error.kind() == "no-identity");
    CHECK(cases[3].error.kind() == "bad-signature");
    CHECK(in_language(t, "es", cases[3].error) == "La firma no coincide: el archivo se cambió o no lo firmó su remitente.");
    // The position is read from the parser, not from the message: line 3, column 3 ("oops").
    const Error& json = cases[5].error;
    CHECK(json.kind() == "malformed-json");
    CHECK(json.param("line") == "3");
    CHECK(json.param("column") == "3");
    CHECK(json.message() == "not valid JSON");  // the CLI's text is unchanged
    CHECK(in_language(t, "es", json) == "clinic-form.json: no es JSON válido. (línea 3, columna 3)");
    CHECK(in_language(t, "vi", json) == "clinic-form.json: không phải JSON hợp lệ. (dòng 3, cột 3)");
    // A bundle's line.
    CHECK(in_language(t, "es", cases[4].error) == "Este no es un paquete de SafetyNet legible. (línea 1)");
}

TEST_CASE("issue 14: a column counts characters, not bytes") {
    const Error e = thrown([] { (void)core::Questionnaire::parse("{\"title\": \"Café ñandú\" x}", "f.json"); });
    CHECK(e.param("line") == "1");
    CHECK(e.param("column") == "24");
}

TEST_CASE("issue 14: a kind without a catalog text is a translated sentence with its detail, never English alone") {
    core::Translator t = every_language();
    const Error e("store-busy", "store", "another tab is saving");
    REQUIRE(core::find_screen_error_kind(e.kind()) == nullptr);
    const std::string spanish = in_language(t, "es", e);
    CHECK(spanish == "Algo salió mal (store-busy). Detalles: store: another tab is saving");
    const std::string russian = in_language(t, "ru", std::runtime_error("disk full"));
    CHECK(russian == "Что-то пошло не так (error). Подробности: disk full");
}

namespace {

// One good service and three bad records: a required name missing, an opening time that is no
// time of day (the schedule is dropped, the service kept), an id used twice.
const std::string kBrokenHsds = R"([
  {"id": "svc-1", "name": "Food pantry", "status": "active"},
  {"id": "svc-2", "status": "active"},
  {"id": "svc-3", "name": "Evening clinic", "status": "active",
   "schedules": [{"id": "s1", "byday": "MO", "opens_at": "25:00", "closes_at": "17:00"}]},
  {"id": "svc-1", "name": "Food pantry again", "status": "active"}
])";

}  // namespace

TEST_CASE("issue 14: an HSDS import's issues carry a stable kind and their values, and a screen says them in the person's language") {
    core::Translator t = every_language();
    core::DirectoryBuilder builder;
    core::ImportReport report;
    core::import_hsds_json(std::string_view(kBrokenHsds), "broken.hsds.json", builder, report);
    REQUIRE(report.errors.size() == 3);
    // The CLI's report is main's, byte for byte: the English messages and nothing added.
    CHECK(nlohmann::json::parse(report.to_json())["errors"] == nlohmann::json::parse(R"([
      {"file": "broken.hsds.json", "id": "svc-2", "field": "name", "message": "is required"},
      {"file": "broken.hsds.json", "id": "svc-3", "field": "schedules[0].opens_at", "message": "must be a time of day, HH:MM or HH:MM:SS"},
      {"file": "broken.hsds.json", "id": "svc-1", "field": "id", "message": "duplicates an earlier service"}])"));
    // Kinds and values read where each issue arose.
    CHECK(report.errors[0].kind == "hsds-required");
    CHECK(report.errors[1].kind == "hsds-invalid");
    CHECK(report.errors[1].params == core::ErrorParams{{"expected", "HH:MM, HH:MM:SS"}, {"value", "25:00"}});
    CHECK(report.errors[2].kind == "hsds-duplicate");
    CHECK(report.errors[2].params == core::ErrorParams{{"value", "svc-1"}});
    REQUIRE(t.set_language("es"));
    CHECK(ui::import_issue_text(t, report.errors[0]) == "broken.hsds.json, registro svc-2: falta name; es obligatorio.");
    CHECK(ui::import_issue_text(t, report.errors[1]) ==
          "broken.hsds.json, registro svc-3: schedules[0].opens_at no se puede usar; se esperaba HH:MM, HH:MM:SS.");
    CHECK(ui::import_issue_text(t, report.errors[2]) == "broken.hsds.json, registro svc-1: id svc-1 ya lo usa un registro anterior.");
    REQUIRE(t.set_language("zh-Hans"));
    CHECK(ui::import_issue_text(t, report.errors[0]) == "broken.hsds.json，记录 svc-2：缺少 name；此项为必填。");

    // A CSV row is named by its line; a reference to a record that is not there by its value.
    const std::map<std::string, std::string> package = {
        {"organizations.csv", "id,name\norg-1,Pantry network\n"},
        {"services.csv", "id,organization_id,name,status\nsvc-1,org-1,Food pantry,active\nsvc-2,org-1,,active\nsvc-3,org-9,Clinic,active\n"}};
    core::DirectoryBuilder csv_builder;
    core::ImportReport csv;
    core::import_datapackage([&](const std::string& path) -> std::optional<std::string> {
        const auto it = package.find(path);
        return it == package.end() ? std::nullopt : std::optional<std::string>(it->second);
    }, "pkg", csv_builder, csv);
    std::vector<std::string> spanish;
    REQUIRE(t.set_language("es"));
    for (const core::ImportError& e : csv.errors) spanish.push_back(ui::import_issue_text(t, e));
    CHECK(std::count(spanish.begin(), spanish.end(), "pkg/services.csv, línea 3: falta name; es obligatorio.") == 1);
    CHECK(std::count(spanish.begin(), spanish.end(), "pkg/services.csv, línea 4: organization_id org-9 no corresponde a ningún registro del directorio.") == 1);
    // Every issue either has its text or is the translated generic sentence with the English detail.
    for (const core::ImportError& e : csv.errors) {
        CAPTURE(e.message);
        CHECK((core::find_screen_error_kind(e.kind) != nullptr || e.kind == "hsds-file"));
    }
}

TEST_CASE("issue 14: the site file's warnings and the directory's load error are said in the person's language") {
    core::Translator t = every_language();
    REQUIRE(t.set_language("es"));
    const ui::SiteConfig site = ui::SiteConfig::parse(R"({"languages": ["en", "xx"], "idle_timeout_seconds": 5, "mode": "desk"})");
    std::vector<std::string> spanish;
    for (const Error& w : site.warnings) spanish.push_back(ui::error_text(t, w));
    CHECK(spanish == std::vector<std::string>{
                         "site.json, mode: este valor no se puede usar; se esperaba kiosk | clinic | org. Se mantiene el valor predeterminado.",
                         "site.json, languages: xx no es un idioma que SafetyNet conozca.",
                         "site.json, idle_timeout_seconds: este valor no se puede usar; se esperaba 15 … 3600. Se mantiene el valor predeterminado."});
    CHECK(site.warnings[1].message() == "languages: xx is not a language SafetyNet knows (assets/i18n/languages.json)");
    CHECK(ui::error_text(t, Error("directory-missing", "assets/directory/region.hsds.json", "not found")) ==
          "assets/directory/region.hsds.json: no se pudo cargar el archivo del directorio.");
}

TEST_CASE("issue 14: a form's refusal names its file, question and field as parameters; the CLI's text is unchanged") {
    core::Translator t = every_language();
    const auto form = [](const std::string& item) {
        return R"({"resourceType": "Questionnaire", "status": "active", "item": [
          {"linkId": "q1", "text": "Housing?", "type": "boolean"},
          {"linkId": "g1", "text": "More", "type": "group", "item": [)" + item + "]}]}";
    };
    // A type this app does not support, inside a group: the innermost question is named.
    const Error type = thrown([&] { (void)core::Questionnaire::parse(form(R"({"linkId": "q2", "text": "Photo", "type": "attachment"})"), "clinic-form.json"); });
    CHECK(type.kind() == "unsupported-item-type");
    CHECK(std::string(type.what()) == "q2: item type \"attachment\" is not supported");  // the CLI's line, as before
    CHECK(type.param("file") == "clinic-form.json");
    CHECK(type.param("linkId") == "q2");
    CHECK(type.param("field") == "type");
    CHECK(in_language(t, "es", type) == "clinic-form.json: este tipo de pregunta no es compatible. (pregunta q2, campo type)");
    // A field of the wrong type, read by the field reader: the field is its parameter.
    const Error text = thrown([&] { (void)core::Questionnaire::parse(form(R"({"linkId": "q3", "text": 5, "type": "string"})"), "clinic-form.json"); });
    CHECK(text.kind() == "malformed-item");
    CHECK(text.param("linkId") == "q3");
    CHECK(text.param("field") == "text");
    CHECK(in_language(t, "es", text) == "clinic-form.json: esta pregunta del formulario no se puede leer. (pregunta q3, campo text)");
    CHECK(in_language(t, "vi", text).find("(câu hỏi q3, trường text)") != std::string::npos);

    // A QuestionnaireResponse whose answer is not a list: its file and the question.
    const auto q = std::make_shared<const core::Questionnaire>(core::Questionnaire::parse(form(R"({"linkId": "q2", "text": "Name", "type": "string"})"), "f.json"));
    const Error response = thrown([&] {
        (void)core::Response::parse(q, R"({"resourceType": "QuestionnaireResponse", "status": "completed", "item": [{"linkId": "q1", "answer": {"valueBoolean": true}}]})", "answers.json");
    });
    CHECK(response.kind() == "malformed-response");
    CHECK(std::string(response.what()) == "q1: \"answer\" must be an array");
    CHECK(in_language(t, "es", response) == "answers.json: este QuestionnaireResponse no se puede leer. (pregunta q1)");
}
