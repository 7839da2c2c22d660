#pragma once
// A FHIR R4 Questionnaire, the SDC subset that real screening forms use, imported from JSON.
//
// Supported (everything else is refused at import with a core::Error naming the linkId):
//   item types   every R4 type but attachment and reference: group, display, boolean, choice,
//                open-choice, integer, decimal, string, text, date, dateTime, time, url, quantity
//                (with the SDC unitOption extension)
//   answers      answerOption with valueCoding (a Coding may lack its code), valueString,
//                valueInteger, valueDate, valueTime, on any item type R4's formal que-5 allows;
//                answerValueSet resolved offline from a contained ValueSet (expansion, else an
//                enumerated compose) or from ValueSets given beside the form (`value_sets`); an
//                external set that cannot be resolved makes the item free text, with a warning
//                and `Item::unresolved_value_set` for the UI's note; the ordinalValue,
//                iso21090-CO-value and itemWeight extensions (a numeric weight per option); the SDC
//                optionExclusive extension ("None of the above"); initialSelected
//   flags        required, repeats, readOnly, maxLength, initial[x] (several when the item
//                repeats), prefix, the SDC maxOccurs extension on a repeating group
//   instances    a repeating group's instances are copies of its items, side by side in
//                items() (questionnaire_instances.cpp); Response adds and removes them
//   nesting      groups, and items under a question (written inside its answer)
//   logic        enableWhen (exists, =, !=, >, <, >=, <=) with enableBehavior any / all
//   FHIRPath     SDC variable (root and item), calculatedExpression, enableWhenExpression,
//                initialExpression, answerExpression: compiled at import (a syntax error is an
//                import error), evaluated by Response (core/screening/form_expressions.hpp)
//   help         a display child with itemControl "help" (or displayCategory help/instructions)
//   languages    the FHIR translation extension on _text, _title, _prefix, _display, _valueString
//
// Lenient reading where the meaning is clear, each reported in warnings() with the linkId:
// an enableWhen answerString / answerInteger / answerDecimal against a coded question compares
// the option code; an answerInteger holding a date or time against a date/time question reads
// it as that; "repeats": "true" as a string; an initial Coding on a text item keeps its text;
// a choice item with no answers at all (questionnaire-externallydefined) becomes free text.
//
// Import errors (kind, where = linkId or JSON path): malformed-json, not-a-questionnaire,
// malformed-item, duplicate-linkid, unsupported-item-type, unsupported-feature,
// malformed-answer-option, malformed-enablewhen, enablewhen-missing-item, enablewhen-type,
// enablewhen-cycle, malformed-initial, malformed-valueset, malformed-expression.
//
// [SECTION] Values
// [SECTION] Items
// [SECTION] Questionnaire
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

namespace fhirpath {
class Expression;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Values
//----------------------------------------------------------------------------------------------

struct Coding {
    std::string system;
    std::string code;  // may be empty (R4 Coding.code is 0..1): then the display identifies it
    std::string display;
};

// Quantity keeps its value in `decimal` and its unit in `coding` (code = UCUM code,
// display = the unit as written); Time, DateTime and Uri keep their text in `string`.
enum class ValueType { Boolean, Integer, Decimal, String, Date, Coding, Time, DateTime, Uri, Quantity };
const char* value_type_name(ValueType t);
// FHIR "date": YYYY, YYYY-MM or YYYY-MM-DD with a plausible month and day.
bool is_fhir_date(std::string_view s);
// FHIR "time" (hh:mm:ss[.fff]; hh:mm accepted as typed) and "dateTime" (a date, or a date with
// a time and a zone).
bool is_fhir_time(std::string_view s);
bool is_fhir_date_time(std::string_view s);

// One answer value (QuestionnaireResponse.item.answer.value[x]).
struct AnswerValue {
    ValueType type = ValueType::String;
    bool boolean = false;
    std::int64_t integer = 0;
    double decimal = 0;
    std::string string;  // String and Date
    core::Coding coding;

    static AnswerValue of_bool(bool b);
    static AnswerValue of_integer(std::int64_t i);
    static AnswerValue of_decimal(double d);
    static AnswerValue of_string(std::string s);
    static AnswerValue of_date(std::string iso);  // YYYY, YYYY-MM or YYYY-MM-DD (checked by the caller)
    static AnswerValue of_coding(std::string system, std::string code, std::string display = {});
    static AnswerValue of_time(std::string hms);
    static AnswerValue of_date_time(std::string iso);
    static AnswerValue of_uri(std::string uri);
    static AnswerValue of_quantity(double value, core::Coding unit);

    // FHIR equality for enableWhen "=": codings match on code, and on system when both have one.
    bool same_as(const AnswerValue& other) const;
    // A short text for evidence and messages: the code of a coding, the number, the string.
    std::string to_string() const;
};

// A text with its translations; in(lang) falls back from "es-MX" to "es" to the base text.
struct LocalizedText {
    std::string base;
    std::vector<std::pair<std::string, std::string>> translations;  // (language, text)

    const std::string& in(std::string_view lang) const;
    bool empty() const { return base.empty() && translations.empty(); }
};

//----------------------------------------------------------------------------------------------
// [SECTION] Items
//----------------------------------------------------------------------------------------------

enum class ItemType {
    Group, Display, Boolean, Choice, OpenChoice, Integer, Decimal, String, Text, Date, DateTime, Time, Url, Quantity
};
const char* item_type_name(ItemType t);  // the FHIR code, e.g. "open-choice"

enum class EnableOperator { Exists, Equal, NotEqual, Greater, Less, GreaterOrEqual, LessOrEqual };
const char* enable_operator_name(EnableOperator op);

struct EnableWhen {
    std::size_t question = 0;  // index of the item it depends on
    EnableOperator op = EnableOperator::Equal;
    AnswerValue answer;        // unused for Exists
    bool exists = true;        // the answerBoolean of an "exists" condition
    // Lenient reading: a string / number against a coded question compares the chosen code.
    bool by_code = false;
};

struct AnswerOption {
    AnswerValue value;
    LocalizedText label;           // the coding's display, or the string / integer as text
    std::optional<double> weight;  // ordinalValue / itemWeight
    bool exclusive = false;        // SDC optionExclusive: choosing it clears every other option
    bool initial_selected = false;
};

// One FHIRPath expression of the SDC extensions (text/fhirpath only), with the name a
// variable gives it.
struct FormExpression {
    std::string name;        // the variable's name; empty for calculated / enableWhen / initial
    std::string expression;  // the FHIRPath text
};

enum class ExpressionKind { Variable, Calculated, EnableWhen, Initial, Answer };

// A form's expression compiled at import, in the order Response evaluates them: root
// variables, then item by item in document order (an item's variables before its others).
struct ExpressionStep {
    ExpressionKind kind = ExpressionKind::Variable;
    std::optional<std::size_t> item;  // none for a root variable
    std::string name;                 // the variable's name
    std::string text;
    std::shared_ptr<const fhirpath::Expression> compiled;
};

struct Item {
    std::string link_id;
    ItemType type = ItemType::Display;
    LocalizedText text;
    LocalizedText prefix;
    LocalizedText help;
    std::vector<Coding> codes;  // item.code
    bool required = false;
    bool repeats = false;
    bool read_only = false;
    std::optional<int> max_length;
    std::vector<AnswerOption> options;
    std::vector<EnableWhen> enable_when;
    bool enable_all = false;  // enableBehavior "all" (else "any")
    std::vector<AnswerValue> initial;
    std::vector<Coding> unit_options;     // quantity: the SDC unitOption extensions
    std::optional<int> max_occurs;        // a repeating group: the SDC maxOccurs extension
    std::string unresolved_value_set;     // answerValueSet that could not be resolved offline
    // SDC FHIRPath extensions (empty when absent).
    std::vector<FormExpression> variables;
    std::string calculated_expression, enable_when_expression, initial_expression, answer_expression;

    std::optional<std::size_t> parent;  // index of the enclosing group or question
    std::vector<std::size_t> children;  // indices, in document order
    int depth = 0;

    bool is_question() const { return type != ItemType::Group && type != ItemType::Display; }
    bool is_calculated() const { return !calculated_expression.empty(); }
    // The option this value selects (choice / open-choice), if any.
    std::optional<std::size_t> find_option(const AnswerValue& v) const;
};

//----------------------------------------------------------------------------------------------
// [SECTION] Questionnaire
//----------------------------------------------------------------------------------------------

// Something read leniently or left out at import; the form still works.
struct ImportWarning {
    std::string link_id;
    std::string kind;  // "lenient-enablewhen", "lenient-value", "unresolved-valueset", ...
    std::string message;
};

class Questionnaire {
public:
    // Parses FHIR R4 Questionnaire JSON. `source` names the input in error messages.
    // `value_sets`: FHIR ValueSets (or Bundles of them) the user gave beside the form, used for
    // an answerValueSet the form does not contain.
    static Questionnaire parse(std::string_view json, std::string_view source,
                               const std::vector<nlohmann::json>* value_sets = nullptr);
    static Questionnaire from_json(const nlohmann::json& doc, std::string_view source,
                                   const std::vector<nlohmann::json>* value_sets = nullptr);

    const std::string& id() const { return m_id; }
    const std::string& url() const { return m_url; }
    const std::string& version() const { return m_version; }
    const std::string& name() const { return m_name; }
    const LocalizedText& title() const { return m_title; }
    const std::vector<Coding>& codes() const { return m_codes; }  // Questionnaire.code
    bool has_code(std::string_view code) const;
    // The base language (Questionnaire.language, else "en") first, then every language a
    // translation was found for.
    const std::vector<std::string>& languages() const { return m_languages; }

    // Every item in document order (pre-order); help displays are folded into their question.
    const std::vector<Item>& items() const { return m_items; }
    const Item& item(std::size_t index) const { return m_items.at(index); }
    std::vector<std::size_t> roots() const;
    std::optional<std::size_t> find(std::string_view link_id) const;
    // The question whose linkId is `code`, or whose item.code holds it (any system): how
    // scoring rules find LOINC items in an imported copy whose linkIds are paths.
    std::optional<std::size_t> find_by_code(std::string_view code) const;
    std::size_t question_count() const;

    // Items in an order where every item comes after the items its enabled state depends on
    // (its parent and its enableWhen questions): one pass over it evaluates enableWhen.
    const std::vector<std::size_t>& evaluation_order() const { return m_eval_order; }

    const std::vector<ImportWarning>& warnings() const { return m_warnings; }
    // The root-level SDC variables, in order.
    const std::vector<FormExpression>& variables() const { return m_variables; }
    // Whether any item carries a FHIRPath expression (a calculated, enableWhen, initial or
    // answer expression, or a variable): only then does Response evaluate them.
    bool has_expressions() const { return !m_steps.empty(); }
    const std::vector<ExpressionStep>& expression_steps() const { return m_steps; }

    // --- instances of repeating groups (questionnaire_instances.cpp). An instance is a copy of
    // the group's items placed after the group's last instance, under the same parent, with the
    // same linkIds: written out in document order, they are the repeated QuestionnaireResponse
    // items R4 asks for. find() and find_by_code() give the first instance.
    // Every instance of the group `item` belongs to (its siblings with its linkId), in order.
    std::vector<std::size_t> instances(std::size_t group) const;
    // 0 for the first instance of a group (and for any item that is not a group).
    std::size_t instance_number(std::size_t item) const;
    // "" for an item in first instances only, else the 1-based instance numbers of its
    // repeating ancestors (and itself), outermost first: "#2", "#1.3". Tells copies apart in ids.
    std::string instance_key(std::size_t item) const;
    // One past the last item inside `item` (items() is in pre-order).
    std::size_t subtree_end(std::size_t item) const;
    // The innermost repeating group around `item` (itself if it is one).
    std::optional<std::size_t> repeating_group_of(std::size_t item) const;
    // What an add or remove did to item indices: old index -> new index (npos when removed).
    struct Reindex {
        std::vector<std::size_t> old_to_new;
        std::size_t first = 0, count = 0;  // the items added or removed, in the new / old indices
    };
    // A new, empty instance of the repeating group `group` after its last instance (its nested
    // repeating groups with one instance each). Throws "not-repeating", "max-occurs".
    Reindex add_instance(std::size_t group);
    // SDC answerExpression: the options computed for one response, set on that response's own
    // copy of the form (Response keeps one).
    void set_options(std::size_t item, std::vector<AnswerOption> options) { m_items.at(item).options = std::move(options); }
    // Removes the instance `group` with everything in it; the last instance stays (throws
    // "last-instance").
    Reindex remove_instance(std::size_t group);
    // The Questionnaire's JSON as imported (what %questionnaire is in its expressions).
    const nlohmann::json& source_json() const;
    // One more language's wording put over this copy without parsing it again, so that a
    // Response's own copy keeps its instances and computed options: each text whose base is a key
    // of `wording` gets its value in `lang`; `source` is this form's JSON with the same wording in
    // place (core::add_translation in instrument_translation.hpp builds both).
    void add_language(const std::string& lang, const std::map<std::string, std::string>& wording, nlohmann::json source);

private:
    std::string m_id, m_url, m_version, m_name;
    LocalizedText m_title;
    std::vector<Coding> m_codes;
    std::vector<std::string> m_languages;
    std::vector<Item> m_items;
    std::map<std::string, std::size_t, std::less<>> m_by_link_id;
    std::map<std::string, std::size_t, std::less<>> m_by_code;
    std::vector<std::size_t> m_eval_order;
    std::vector<ImportWarning> m_warnings;
    std::vector<FormExpression> m_variables;
    std::vector<ExpressionStep> m_steps;
    std::shared_ptr<const nlohmann::json> m_json;

    void rebuild_lookups();

    friend class QuestionnaireParser;
};

}  // namespace safetynet::core
