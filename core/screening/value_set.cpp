// answerValueSet resolution without a terminology server (FHIR R4 §4.9 ValueSet).
#include "core/screening/value_set.hpp"

#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace safetynet::core {

namespace {

using nlohmann::json;

constexpr std::string_view kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
constexpr std::string_view kItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
constexpr int kMaxNesting = 16;  // expansion.contains nests; real sets use one or two levels

std::string text_of(const json& obj, const char* key) {
    const auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<double> weight_of(const json& entry) {
    const auto ext = entry.find("extension");
    if (ext == entry.end() || !ext->is_array()) return std::nullopt;
    for (const json& e : *ext) {
        if (!e.is_object()) continue;
        const std::string url = text_of(e, "url");
        if (url != kOrdinalValue && url != kItemWeight) continue;
        for (const char* key : {"valueDecimal", "valueInteger"})
            if (const auto v = e.find(key); v != e.end() && v->is_number() && std::isfinite(v->get<double>()))
                return v->get<double>();
    }
    return std::nullopt;
}

ValueSetConcept concept_of(const json& c, const std::string& system, const std::string& where) {
    if (!c.is_object()) throw Error("malformed-valueset", where, "a ValueSet concept must be an object");
    ValueSetConcept out;
    out.coding.system = c.contains("system") ? text_of(c, "system") : system;
    out.coding.code = text_of(c, "code");
    out.coding.display = text_of(c, "display");
    if (out.coding.code.empty()) throw Error("malformed-valueset", where, "a ValueSet concept needs a \"code\"");
    out.weight = weight_of(c);
    return out;
}

void read_contains(const json& list, std::vector<ValueSetConcept>& out, const std::string& where, int depth) {
    if (depth > kMaxNesting) throw Error("malformed-valueset", where, "expansion.contains is nested too deep");
    if (!list.is_array()) throw Error("malformed-valueset", where, "expansion.contains must be an array");
    for (const json& c : list) {
        if (!c.is_object()) throw Error("malformed-valueset", where, "a ValueSet concept must be an object");
        // An abstract entry only groups its children (R4 ValueSet.expansion.contains.abstract).
        const bool abstract = c.value("abstract", false) == true;
        if (!abstract && c.contains("code")) out.push_back(concept_of(c, text_of(c, "system"), where));
        if (const auto nested = c.find("contains"); nested != c.end()) read_contains(*nested, out, where, depth + 1);
    }
}

// The concepts of an enumerated compose; false when any include needs a server (a filter, a
// whole system, another ValueSet) or anything is excluded.
bool read_compose(const json& compose, std::vector<ValueSetConcept>& out, const std::string& where) {
    if (!compose.is_object() || compose.contains("exclude")) return false;
    const auto includes = compose.find("include");
    if (includes == compose.end() || !includes->is_array() || includes->empty()) return false;
    for (const json& inc : *includes) {
        if (!inc.is_object() || inc.contains("filter") || inc.contains("valueSet")) return false;
        const auto concepts = inc.find("concept");
        if (concepts == inc.end() || !concepts->is_array()) return false;
        const std::string system = text_of(inc, "system");
        for (const json& c : *concepts) out.push_back(concept_of(c, system, where));
    }
    return true;
}

bool matches(const json& vs, std::string_view reference) {
    if (!vs.is_object() || text_of(vs, "resourceType") != "ValueSet") return false;
    if (reference.size() > 1 && reference.front() == '#') return text_of(vs, "id") == reference.substr(1);
    // A canonical may carry a version ("url|1.0"); the url decides.
    const std::string_view url = reference.substr(0, reference.find('|'));
    return !url.empty() && text_of(vs, "url") == url;
}

const json* find_in(const json& list, std::string_view reference) {
    if (!list.is_array()) return nullptr;
    for (const json& r : list)
        if (matches(r, reference)) return &r;
    return nullptr;
}

const json* find_imported(const std::vector<json>& imported, std::string_view reference) {
    for (const json& doc : imported) {
        if (matches(doc, reference)) return &doc;
        if (!doc.is_object() || text_of(doc, "resourceType") != "Bundle") continue;
        const auto entries = doc.find("entry");
        if (entries == doc.end() || !entries->is_array()) continue;
        for (const json& e : *entries)
            if (e.is_object() && e.contains("resource") && matches(e["resource"], reference)) return &e["resource"];
    }
    return nullptr;
}

}  // namespace

ValueSetLookup resolve_value_set(std::string_view reference, const json* contained, const std::vector<json>* imported,
                                 const std::string& where) {
    ValueSetLookup out;
    const json* vs = contained ? find_in(*contained, reference) : nullptr;
    if (!vs && imported && reference.front() != '#') vs = find_imported(*imported, reference);
    out.name = std::string(reference);
    if (!vs) return out;
    out.found = true;
    for (const char* key : {"title", "name"})
        if (const std::string t = text_of(*vs, key); !t.empty()) {
            out.name = t + " (" + std::string(reference) + ")";
            break;
        }
    if (const auto exp = vs->find("expansion"); exp != vs->end() && exp->is_object() && exp->contains("contains")) {
        read_contains((*exp)["contains"], out.concepts, where, 0);
        return out;
    }
    if (const auto compose = vs->find("compose"); compose != vs->end()) {
        std::vector<ValueSetConcept> concepts;
        if (read_compose(*compose, concepts, where)) out.concepts = std::move(concepts);
    }
    return out;
}

}  // namespace safetynet::core
