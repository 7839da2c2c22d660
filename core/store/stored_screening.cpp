// Screenings in and out of the store (stored_screening.hpp).
#include "core/store/stored_screening.hpp"

#include "core/base/error.hpp"
#include "core/base/uuid.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/translation_provenance.hpp"
#include "core/base/json_read.hpp"
#include "core/base/utc_time.hpp"
#include "core/fhir/systems.hpp"

#include <nlohmann/json.hpp>

namespace safetynet::core {

using nlohmann::json;
using fhir::kPickupCodeSystem;

namespace {

// What the store keeps of a scored screening: the needs, and the response as the engine
// writes it back (normalised), at the screening's own time and in its language.
void keep_scored(StoredScreening& s, const Response& response, const ScreeningResult& result) {
    for (const Need& n : result.needs) s.needs.push_back({n.domain, n.positive, n.answered, n.urgent});
    s.urgent = result.urgent;
    QuestionnaireResponseOptions o;
    o.authored = s.authored;
    o.language = s.language;
    json qr = response.to_fhir(o);
    s.translation = recorded_provenance(qr);
    const SecretBytes text = dump_secret(qr);
    wipe_json(qr);
    s.questionnaire_response = std::string(as_chars(text.view()));
}

}  // namespace

std::string builtin_instrument_for_canonical(std::string_view canonical) {
    const std::string_view url = canonical.substr(0, canonical.find('|'));
    for (const std::string& id : builtin_instrument_ids())
        if (load_builtin_instrument(id)->url() == url) return id;
    return {};
}

StoredScreening record_screening(const Response& response, const ScreeningResult& result, std::string_view instrument,
                                 std::string_view authored, std::string_view now, std::string source,
                                 std::string language, std::string questionnaire_json) {
    if (!is_utc_rfc3339(authored) || !is_utc_rfc3339(now))
        throw Error("store-data", "screening", "times must be RFC 3339 UTC");
    StoredScreening s;
    s.id = new_uuid();
    s.authored = std::string(authored);
    s.imported = std::string(now);
    s.instrument = std::string(instrument);
    s.source = std::move(source);
    s.language = std::move(language);
    s.questionnaire = std::move(questionnaire_json);
    if (s.questionnaire.empty() && !is_builtin_instrument(instrument))
        throw Error("store-data", "screening", "instrument " + s.instrument + " is not built in: keep its Questionnaire");
    keep_scored(s, response, result);
    return s;
}

StoredScreening screening_from_bundle(std::string_view fhir_json, std::string source, std::string_view now) {
    constexpr const char* kKind = "screening-bundle";
    json doc = parse_json_text(fhir_json, kKind, "Bundle");
    StoredScreening s;
    try {
        if (!doc.is_object() || string_field(doc, "resourceType") != "Bundle" || !doc.contains("entry") ||
            !doc["entry"].is_array())
            throw Error(kKind, "Bundle", "not a FHIR Bundle with entries");
        const json* qr = nullptr;
        for (const json& e : doc["entry"]) {
            if (!e.is_object() || !e.contains("resource") || !e["resource"].is_object()) continue;
            const json& res = e["resource"];
            const std::string type = string_field(res, "resourceType");
            if (type == "QuestionnaireResponse") {
                if (qr) throw Error(kKind, "QuestionnaireResponse", "the Bundle holds more than one screening");
                qr = &res;
            } else if (type == "Patient" && res.contains("identifier") && res["identifier"].is_array()) {
                for (const json& id : res["identifier"])
                    if (id.is_object() && string_field(id, "system") == kPickupCodeSystem) s.pickup_code = string_field(id, "value");
            }
        }
        if (!qr) throw Error(kKind, "QuestionnaireResponse", "the Bundle holds no QuestionnaireResponse");
        const std::string canonical = string_field(*qr, "questionnaire");
        s.instrument = builtin_instrument_for_canonical(canonical);
        if (s.instrument.empty())
            throw Error(kKind, "QuestionnaireResponse.questionnaire",
                        "\"" + canonical + "\" is not a built-in instrument; import its Questionnaire first");
        s.authored = string_field(*qr, "authored");
        if (!is_utc_rfc3339(s.authored))
            throw Error(kKind, "QuestionnaireResponse.authored", "required, as an RFC 3339 UTC time");
        s.language = string_field(*qr, "language");
        const auto q = load_builtin_instrument(s.instrument);
        Response response = Response::from_fhir(q, *qr);
        keep_scored(s, response, score(response, s.instrument));
        response.wipe();
    } catch (const json::exception& e) {
        wipe_json(doc);
        throw Error(kKind, "Bundle", std::string("malformed: ") + e.what());
    } catch (...) {
        wipe_json(doc);
        throw;
    }
    wipe_json(doc);
    s.id = new_uuid();
    s.imported = std::string(now);
    s.source = std::move(source);
    return s;
}

RebuiltScreening rebuild_screening(const StoredScreening& s) {
    const std::string where = "screening " + s.id;
    std::shared_ptr<const Questionnaire> q;
    try {
        if (!s.questionnaire.empty())
            q = std::make_shared<const Questionnaire>(Questionnaire::parse(s.questionnaire, where));
        else
            q = load_builtin_instrument(s.instrument);
        json qr = parse_json_text(s.questionnaire_response, "store-data", where);
        Response response = Response::from_fhir(q, qr);
        wipe_json(qr);
        ScreeningResult result = score(response, s.instrument);
        return RebuiltScreening{q, std::move(response), std::move(result)};
    } catch (const Error& e) {
        if (e.kind() == "store-data") throw;
        throw Error("store-data", where, "cannot be rebuilt: " + e.where() + ": " + e.message());
    }
}

}  // namespace safetynet::core
