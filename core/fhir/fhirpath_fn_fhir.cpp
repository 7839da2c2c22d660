// FHIR's additions to FHIRPath (FHIR R4 §2.24.0.3 "Additional functions": extension(),
// hasValue(), getValue(), resolve(), memberOf(), conformsTo()) and SDC's (SDC 3.0
// "Expression extensions" §FHIRPath supplements: answers(), ordinal(), weight()).
// resolve() finds references inside the resource (contained) and its Bundle; nothing is fetched.
// memberOf(), subsumes() and subsumedBy() need a terminology server and are reported unsupported.
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"

#include <functional>

namespace safetynet::core::fhirpath {

namespace {

using json = nlohmann::json;

const std::string* string_at(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

Items fn_extension(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> url = ev.string_arg(call, 0, frame);
    if (!url) return {};
    Items out;
    for (const Value& v : input) {
        Items extensions;
        ev.children(v, "extension", extensions, call);
        for (Value& e : extensions) {
            const std::string* u = string_at(*e.as_node().json, "url");
            if (u && *u == *url) out.push_back(std::move(e));
        }
    }
    return out;
}

bool has_primitive_value(const Value& v) {
    if (!v.is_node()) return false;
    const json& j = *v.as_node().json;
    return !j.is_null() && !j.is_object() && !j.is_array();
}

Items fn_has_value(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const Value* v = input.size() == 1 ? &input[0] : nullptr;
    (void)ev;
    (void)call;
    return {Value::boolean(v && has_primitive_value(*v))};
}

Items fn_get_value(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const Value* v = ev.single(input, call, "getValue()");
    if (!v || !has_primitive_value(*v)) return {};
    std::optional<Value> p = v->primitive();
    return p ? Items{std::move(*p)} : Items{};
}

// --------------------------------------------------------------------- resolve()

const Node* top(const Node* n) {
    while (n->parent) n = n->parent;
    return n;
}

// "#id": a resource contained in the nearest resource above `from` (FHIR R4 §2.15.2.3 "contained").
void resolve_contained(Evaluator& ev, const Node* from, std::string_view id, Items& out) {
    for (const Node* n = from; n; n = n->parent) {
        if (!model::is_resource(n->type) || !n->json->is_object()) continue;
        if (id.empty()) {
            out.push_back(Value::node(n));
            return;
        }
        Items contained;
        ev.children(Value::node(n), "contained", contained, Ast{});
        for (Value& c : contained) {
            const std::string* cid = string_at(*c.as_node().json, "id");
            if (cid && *cid == id) {
                out.push_back(std::move(c));
                return;
            }
        }
    }
}

// A reference to another resource of the Bundle `from` sits in (by fullUrl, or by Type/id at
// the end of the reference), or to the root itself.
void resolve_in_bundle(Evaluator& ev, const Node* from, std::string_view ref, Items& out) {
    const Node* root = top(from);
    const auto type_id_matches = [&](const json& resource) {
        const std::string* type = string_at(resource, "resourceType");
        const std::string* id = string_at(resource, "id");
        if (!type || !id) return false;
        const std::string tail = *type + "/" + *id;
        return ref == tail || (ref.size() > tail.size() && ref.substr(ref.size() - tail.size()) == tail && ref[ref.size() - tail.size() - 1] == '/');
    };
    const std::string* root_type = string_at(*root->json, "resourceType");
    if (!root_type || *root_type != "Bundle") {
        if (type_id_matches(*root->json)) out.push_back(Value::node(root));
        return;
    }
    Items entries;
    ev.children(Value::node(root), "entry", entries, Ast{});
    for (const Value& entry : entries) {
        const json& e = *entry.as_node().json;
        const std::string* full_url = string_at(e, "fullUrl");
        const auto resource = e.is_object() ? e.find("resource") : e.end();
        if (resource == e.end()) continue;
        if ((full_url && *full_url == ref) || type_id_matches(*resource)) {
            ev.children(entry, "resource", out, Ast{});
            return;
        }
    }
}

Items fn_resolve(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) {
        if (!v.is_node()) continue;
        const json& j = *v.as_node().json;
        const std::string* ref = j.is_string() ? &j.get_ref<const std::string&>() : string_at(j, "reference");
        if (!ref) continue;
        if (!ref->empty() && (*ref)[0] == '#') resolve_contained(ev, v.node_ptr(), std::string_view(*ref).substr(1), out);
        else resolve_in_bundle(ev, v.node_ptr(), *ref, out);
    }
    (void)call;
    return out;
}

// --------------------------------------------------------------------- conformsTo(), terminology

Items fn_conforms_to(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    // Only the base resource profiles can be checked without the profiles themselves.
    const std::optional<std::string> url = ev.string_arg(call, 0, frame);
    const Value* v = ev.single(input, call, "conformsTo()");
    if (!url || !v) return {};
    constexpr std::string_view base = "http://hl7.org/fhir/StructureDefinition/";
    const model::TypeId t = url->rfind(base, 0) == 0 ? model::find_type(std::string_view(*url).substr(base.size())) : model::no_type;
    if (t == model::no_type || !model::is_resource(t)) ev.fail(call, "conformsTo() can check base FHIR resource profiles only, not " + *url);
    return {Value::boolean(Evaluator::has_type(*v, t, false))};
}

Items fn_terminology(Evaluator& ev, const Ast& call, const Items&, const Frame&) {
    ev.fail(call, call.name + "() needs a terminology server, which SafetyNet does not use (it works offline)");
}

// --------------------------------------------------------------------- SDC

// answers(): every QuestionnaireResponse.item.answer below the input, nested items included,
// in document order.
void collect_answers(Evaluator& ev, const Value& v, Items& out, int depth) {
    if (depth > 64) return;
    Items items;
    ev.children(v, "item", items, Ast{});
    for (const Value& item : items) {
        Items answers;
        ev.children(item, "answer", answers, Ast{});
        for (const Value& a : answers) {
            out.push_back(a);
            collect_answers(ev, a, out, depth + 1);
        }
        collect_answers(ev, item, out, depth + 1);
    }
}

Items fn_answers(Evaluator& ev, const Ast&, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) collect_answers(ev, v, out, 0);
    return out;
}

// The score extensions ordinal() and weight() read (SDC 3.0; FHIR R4 ordinalValue, R5
// itemWeight), on an element.
std::optional<Decimal> score_of(const json& element) {
    if (!element.is_object()) return std::nullopt;
    const auto ext = element.find("extension");
    if (ext == element.end() || !ext->is_array()) return std::nullopt;
    for (const json& e : *ext) {
        const std::string* url = string_at(e, "url");
        if (!url || (*url != "http://hl7.org/fhir/StructureDefinition/ordinalValue" && *url != "http://hl7.org/fhir/StructureDefinition/itemWeight")) continue;
        for (const char* key : {"valueDecimal", "valueInteger"}) {
            const auto v = e.find(key);
            if (v == e.end() || !v->is_number()) continue;
            if (v->is_number_float()) return Decimal::of_double(v->get<double>());
            return Decimal::of(v->get<std::int64_t>());
        }
    }
    return std::nullopt;
}

// Two Codings are the same answer when their codes match and their systems do not differ
// (a response may leave the system out: HL7's own PHQ-9 example does).
bool same_coding(const json& a, const json& b) {
    const std::string* ca = string_at(a, "code");
    const std::string* cb = string_at(b, "code");
    if (!ca || !cb || *ca != *cb) return false;
    const std::string* sa = string_at(a, "system");
    const std::string* sb = string_at(b, "system");
    return !sa || !sb || *sa == *sb;
}

const json* find_item(const json& container, std::string_view link_id, int depth = 0) {
    if (depth > 64 || !container.is_object()) return nullptr;
    const auto items = container.find("item");
    if (items == container.end() || !items->is_array()) return nullptr;
    for (const json& item : *items) {
        const std::string* id = string_at(item, "linkId");
        if (id && *id == link_id) return &item;
        if (const json* found = find_item(item, link_id, depth + 1)) return found;
    }
    return nullptr;
}

const json* find_contained(const json& resource, std::string_view type, const std::function<bool(const json&)>& match) {
    if (!resource.is_object()) return nullptr;
    const auto contained = resource.find("contained");
    if (contained == resource.end() || !contained->is_array()) return nullptr;
    for (const json& r : *contained) {
        const std::string* t = string_at(r, "resourceType");
        if (t && *t == type && match(r)) return &r;
    }
    return nullptr;
}

// A concept of a contained ValueSet (compose.include.concept, expansion.contains) or CodeSystem
// (concept, nested) with the Coding's code.
std::optional<Decimal> score_in_concepts(const json& concepts, const json& coding, const std::string* system, int depth = 0) {
    if (!concepts.is_array() || depth > 32) return std::nullopt;
    for (const json& c : concepts) {
        const std::string* code = string_at(c, "code");
        const std::string* cs = string_at(c, "system");
        const std::string* want = string_at(coding, "code");
        if (code && want && *code == *want && (!cs || !string_at(coding, "system") || *cs == *string_at(coding, "system"))) {
            if (std::optional<Decimal> s = score_of(c)) return s;
            // R5 CodeSystem: a concept property itemWeight.
            if (c.contains("property") && c["property"].is_array()) {
                for (const json& p : c["property"]) {
                    const std::string* pc = string_at(p, "code");
                    const auto v = p.is_object() ? p.find("valueDecimal") : p.end();
                    if (pc && (*pc == "itemWeight" || *pc == "ordinalValue") && v != p.end() && v->is_number()) return Decimal::of_double(v->get<double>());
                }
            }
        }
        for (const char* nested : {"concept", "contains"}) {
            if (c.is_object() && c.contains(nested)) {
                if (std::optional<Decimal> s = score_in_concepts(c[nested], coding, system, depth + 1)) return s;
            }
        }
    }
    return std::nullopt;
}

std::optional<Decimal> score_in_value_set(const json& vs, const json& coding) {
    if (vs.contains("compose") && vs["compose"].is_object() && vs["compose"].contains("include") && vs["compose"]["include"].is_array()) {
        for (const json& include : vs["compose"]["include"]) {
            const std::string* system = string_at(include, "system");
            const std::string* want = string_at(coding, "system");
            if (system && want && *system != *want) continue;
            if (include.is_object() && include.contains("concept")) {
                if (std::optional<Decimal> s = score_in_concepts(include["concept"], coding, system)) return s;
            }
        }
    }
    if (vs.contains("expansion") && vs["expansion"].is_object() && vs["expansion"].contains("contains")) {
        return score_in_concepts(vs["expansion"]["contains"], coding, nullptr);
    }
    return std::nullopt;
}

// A contained resource of `resource` that a reference names: "#id", or its canonical url.
const json* contained_by_reference(const json& resource, std::string_view type, const std::string& reference) {
    const bool local = !reference.empty() && reference[0] == '#';
    return find_contained(resource, type, [&](const json& r) {
        const std::string* key = string_at(r, local ? "id" : "url");
        return key && *key == (local ? reference.substr(1) : reference);
    });
}

// The value of an answer: "valueCoding" and the like, with a primitive's "_valueInteger" extras.
struct AnswerValue {
    const json* value = nullptr;
    const json* extras = nullptr;
};
AnswerValue value_of(const Node* n, const Node*& answer) {
    if (n->name.substr(0, 5) == "value" && n->parent) {
        answer = n->parent;
        return {n->json, n->extras};
    }
    answer = n;
    AnswerValue v;
    if (!n->json->is_object()) return v;
    for (auto it = n->json->begin(); it != n->json->end(); ++it) {
        if (it.key().rfind("value", 0) == 0) v.value = &it.value();
        if (it.key().rfind("_value", 0) == 0) v.extras = &it.value();
    }
    return v;
}

// The score in the Questionnaire item's answer options, or in its answerValueSet when that is
// contained in the Questionnaire.
std::optional<Decimal> score_in_item(const json& q, const json& qitem, const json& value) {
    if (qitem.contains("answerOption") && qitem["answerOption"].is_array()) {
        for (const json& option : qitem["answerOption"]) {
            for (auto it = option.begin(); option.is_object() && it != option.end(); ++it) {
                if (it.key().rfind("value", 0) != 0) continue;
                const bool same = it->is_object() ? same_coding(*it, value) : *it == value;
                if (!same) continue;
                if (std::optional<Decimal> s = score_of(option)) return s;
                if (std::optional<Decimal> s = score_of(*it)) return s;
            }
        }
    }
    const std::string* vs = string_at(qitem, "answerValueSet");
    if (vs && value.is_object()) {
        if (const json* set = contained_by_reference(q, "ValueSet", *vs)) return score_in_value_set(*set, value);
    }
    return std::nullopt;
}

// The score of one answer (or its value), looked up as fhirpath.js documents its weight()
// (docs/weight.md there): on the element or its value; for an answer in a QuestionnaireResponse,
// on the Questionnaire item's matching answerOption, then in the item's contained
// answerValueSet; then in a contained CodeSystem of the response or of the Questionnaire.
// No terminology server is asked.
std::optional<Decimal> score(Evaluator& ev, const Ast& call, const Value& v) {
    if (!v.is_node()) return std::nullopt;
    const Node* n = v.node_ptr();
    if (std::optional<Decimal> s = score_of(*n->json)) return s;
    if (n->extras) {
        if (std::optional<Decimal> s = score_of(*n->extras)) return s;
    }
    const Node* answer = nullptr;
    const AnswerValue value = value_of(n, answer);
    for (const json* part : {value.value, value.extras}) {
        if (!part) continue;
        if (std::optional<Decimal> s = score_of(*part)) return s;
    }
    if (!value.value) return std::nullopt;
    // An answerOption's own value (ordinal() on %questionnaire….answerOption.valueCoding).
    if (answer->name == "answerOption" || answer->name == "initial") {
        if (std::optional<Decimal> s = score_of(*answer->json)) return s;
    }
    const Node* item = answer->parent;
    while (item && !string_at(*item->json, "linkId")) item = item->parent;
    const std::string* root_type = string_at(*top(n)->json, "resourceType");
    const Collection* questionnaire = ev.env().find("questionnaire");
    const json* q = questionnaire && !questionnaire->empty() && questionnaire->items()[0].is_node() ? questionnaire->items()[0].as_node().json : nullptr;
    if (item && answer->name == "answer" && root_type && *root_type == "QuestionnaireResponse") {
        if (!q) ev.fail(call, call.name + "() needs %questionnaire to find the score of an answer");
        const std::string& link_id = *string_at(*item->json, "linkId");
        const json* qitem = find_item(*q, link_id);
        if (!qitem) ev.fail(call, "the Questionnaire has no item with linkId " + link_id);
        if (std::optional<Decimal> s = score_in_item(*q, *qitem, *value.value)) return s;
    }
    // A contained CodeSystem with the Coding's system, in the response or the Questionnaire.
    const std::string* system = value.value->is_object() ? string_at(*value.value, "system") : nullptr;
    if (!system) return std::nullopt;
    for (const json* container : {top(n)->json, q}) {
        if (!container) continue;
        const json* cs = contained_by_reference(*container, "CodeSystem", *system);
        if (cs && cs->contains("concept")) {
            if (std::optional<Decimal> s = score_in_concepts((*cs)["concept"], *value.value, system)) return s;
        }
    }
    return std::nullopt;
}

Items fn_ordinal(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    Items out;
    for (const Value& v : input) {
        if (std::optional<Decimal> s = score(ev, call, v)) out.push_back(Value::decimal(*s));
    }
    return out;
}

constexpr FunctionDef table[] = {
    {"extension", 1, 1, fn_extension},
    {"hasValue", 0, 0, fn_has_value},
    {"getValue", 0, 0, fn_get_value},
    {"resolve", 0, 0, fn_resolve},
    {"conformsTo", 1, 1, fn_conforms_to},
    {"memberOf", 1, 1, fn_terminology},
    {"subsumes", 1, 1, fn_terminology},
    {"subsumedBy", 1, 1, fn_terminology},
    {"answers", 0, 0, fn_answers},
    {"ordinal", 0, 0, fn_ordinal},
    {"weight", 0, 0, fn_ordinal},
};

}  // namespace

std::span<const FunctionDef> fhir_functions() { return table; }

}  // namespace safetynet::core::fhirpath
