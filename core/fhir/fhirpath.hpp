#pragma once
// FHIRPath for FHIR R4 (FHIRPath N1 / 2.0.0, FHIR R4 §2.24 "FHIRPath") over resources held as
// nlohmann::json, with what SDC's calculated expressions use (SDC 3.0 §"Expression extensions"):
// %resource, %context, %questionnaire, %qitem, caller-supplied variables, answers(),
// ordinal() / weight(). docs/FHIRPATH.md lists what is and is not supported.
//
//   const Expression e = compile("%resource.item.where(linkId = 'a').answer.value");  // once
//   Environment env;
//   env.set("questionnaire", Collection::of_json(questionnaire));
//   const Collection r = e.evaluate(response, env);                                  // often
//   nlohmann::json values = r.to_json();
//
// Errors are core::Error: SyntaxError (kind "fhirpath-syntax") from compile(), with the
// character position; kind "fhirpath-evaluation" from evaluate(), naming the expression. The
// JSON documents given to evaluate() and to Collection::of_json() must outlive the results.
#include "core/base/error.hpp"
#include "core/fhir/fhirpath_value.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace safetynet::core::fhirpath {

struct Ast;

// A compile error: where = "fhirpath `<expression>`", message "at character N: …".
class SyntaxError : public Error {
public:
    SyntaxError(std::string_view expression, std::size_t position, const std::string& message);
    std::size_t position() const { return m_position; }

private:
    std::size_t m_position;
};

// A FHIRPath collection: ordered items, each a System value or an element of a FHIR resource.
class Collection {
public:
    Collection() = default;
    // `value` as one root element (every item of it, if it is an array): a FHIR resource is
    // typed by its resourceType, anything else is untyped JSON.
    static Collection of_json(const nlohmann::json& value);
    // `value` as an element of the type at `path` in the FHIR model ("QuestionnaireResponse.item",
    // "Coding"); untyped when the model has no such path.
    static Collection of_element(const nlohmann::json& value, std::string_view path);
    static Collection of(Value value);

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    const Value& operator[](std::size_t i) const { return m_items[i]; }
    Items::const_iterator begin() const { return m_items.begin(); }
    Items::const_iterator end() const { return m_items.end(); }
    const Items& items() const { return m_items; }

    // The items as a JSON array (Value::to_json each); a primitive element that has only
    // extensions has no value to give and is left out.
    nlohmann::json to_json() const;
    // The single item's boolean value (FHIRPath §4.5 singleton evaluation), nullopt when empty;
    // true for a single item that is not a Boolean; throws for several items.
    std::optional<bool> as_boolean() const;

    Collection(Items items, std::shared_ptr<const NodeStore> store) : m_items(std::move(items)), m_store(std::move(store)) {}
    const std::shared_ptr<const NodeStore>& store() const { return m_store; }

private:
    Items m_items;
    std::shared_ptr<const NodeStore> m_store;  // the nodes the items refer to
};

// What %name refers to, and the evaluation's settings.
class Environment {
public:
    // %name. SDC's are "resource" (the QuestionnaireResponse), "context", "questionnaire" and
    // "qitem"; form variables go by their own names. Without "resource", %resource is the root
    // of the input; without "context", %context is the input.
    void set(std::string name, Collection value);
    void set_json(std::string name, const nlohmann::json& value) { set(std::move(name), Collection::of_json(value)); }
    const Collection* find(std::string_view name) const;

    // now(), today() and timeOfDay() (FHIRPath §5.9): fixed for a whole evaluation; by
    // default the clock's local time when evaluate() starts.
    std::optional<Temporal> now;
    // trace() output goes here, if set; nothing is ever logged otherwise (it may be PHI).
    std::function<void(std::string_view name, const Collection& values)> trace;
    // Report an element name the FHIR model does not have (name.given1, valueQuantity
    // instead of value) as an error rather than as an empty collection.
    bool strict = false;

private:
    std::map<std::string, Collection, std::less<>> m_variables;
};

class Expression {
public:
    Expression() = default;
    const std::string& text() const { return m_text; }

    // Evaluates against `input` (usually a resource): %context = input, and %resource = input
    // unless the environment says otherwise.
    Collection evaluate(const nlohmann::json& input, const Environment& env = {}) const;
    Collection evaluate(const Collection& input, const Environment& env = {}) const;

private:
    friend Expression compile(std::string_view text);
    std::string m_text;
    std::shared_ptr<const Ast> m_ast;
};

// Parses once; throws SyntaxError for text that is not FHIRPath or calls an unknown function.
Expression compile(std::string_view text);

}  // namespace safetynet::core::fhirpath
