#pragma once
// A FHIR R4 Questionnaire, the SDC subset that real screening forms use, imported from JSON.
//
// Supported (everything else is refused at import with a core::Error naming the linkId):
//   item types   group, display, boolean, choice, open-choice, integer, decimal, string, text, date
//   answers      answerOption with valueCoding / valueString / valueInteger; the ordinalValue,
//                iso21090-CO-value and itemWeight extensions (a numeric weight per option); the SDC
//                optionExclusive extension ("None of the above"); initialSelected
//   flags        required, repeats, readOnly, maxLength, initial[x], prefix
//   logic        enableWhen (exists, =, !=, >, <, >=, <=) with enableBehavior any / all
//   help         a display child with itemControl "help" (or displayCategory help/instructions)
//   languages    the FHIR translation extension on _text, _title, _prefix, _display, _valueString
//
// Import errors (kind, where = linkId or JSON path): malformed-json, not-a-questionnaire,
// malformed-item, duplicate-linkid, unsupported-item-type, unsupported-feature,
// malformed-answer-option, malformed-enablewhen, enablewhen-missing-item, enablewhen-type,
// enablewhen-cycle, malformed-initial.
//
// [SECTION] Values
// [SECTION] Items
// [SECTION] Questionnaire
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Values
//----------------------------------------------------------------------------------------------

struct Coding {
    std::string system;
    std::string code;
    std::string display;
};

enum class ValueType { Boolean, Integer, Decimal, String, Date, Coding };
const char* value_type_name(ValueType t);
// FHIR "date": YYYY, YYYY-MM or YYYY-MM-DD with a plausible month and day.
bool is_fhir_date(std::string_view s);

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

enum class ItemType { Group, Display, Boolean, Choice, OpenChoice, Integer, Decimal, String, Text, Date };
const char* item_type_name(ItemType t);  // the FHIR code, e.g. "open-choice"

enum class EnableOperator { Exists, Equal, NotEqual, Greater, Less, GreaterOrEqual, LessOrEqual };
const char* enable_operator_name(EnableOperator op);

struct EnableWhen {
    std::size_t question = 0;  // index of the item it depends on
    EnableOperator op = EnableOperator::Equal;
    AnswerValue answer;        // unused for Exists
    bool exists = true;        // the answerBoolean of an "exists" condition
};

struct AnswerOption {
    AnswerValue value;
    LocalizedText label;           // the coding's display, or the string / integer as text
    std::optional<double> weight;  // ordinalValue / itemWeight
    bool exclusive = false;        // SDC optionExclusive: choosing it clears every other option
    bool initial_selected = false;
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

    std::optional<std::size_t> parent;  // index of the enclosing group
    std::vector<std::size_t> children;  // indices, in document order
    int depth = 0;

    bool is_question() const { return type != ItemType::Group && type != ItemType::Display; }
    // The option this value selects (choice / open-choice), if any.
    std::optional<std::size_t> find_option(const AnswerValue& v) const;
};

//----------------------------------------------------------------------------------------------
// [SECTION] Questionnaire
//----------------------------------------------------------------------------------------------

class Questionnaire {
public:
    // Parses FHIR R4 Questionnaire JSON. `source` names the input in error messages.
    static Questionnaire parse(std::string_view json, std::string_view source);
    static Questionnaire from_json(const nlohmann::json& doc, std::string_view source);

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

private:
    std::string m_id, m_url, m_version, m_name;
    LocalizedText m_title;
    std::vector<Coding> m_codes;
    std::vector<std::string> m_languages;
    std::vector<Item> m_items;
    std::map<std::string, std::size_t, std::less<>> m_by_link_id;
    std::map<std::string, std::size_t, std::less<>> m_by_code;
    std::vector<std::size_t> m_eval_order;

    friend class QuestionnaireParser;
};

}  // namespace safetynet::core
