// Questionnaire import: FHIR R4 JSON -> core::Questionnaire, refusing what we cannot honour.
//
// [SECTION] Values
// [SECTION] JSON helpers
// [SECTION] Parser: items
// [SECTION] Parser: enableWhen and the dependency order
// [SECTION] Questionnaire
#include "core/screening/questionnaire.hpp"

#include "core/base/error.hpp"
#include "core/base/error_param.hpp"
#include "core/base/json_read.hpp"
#include "core/screening/form_expressions.hpp"
#include "core/screening/value_set.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Values
//----------------------------------------------------------------------------------------------

const char* value_type_name(ValueType t) {
    switch (t) {
        case ValueType::Boolean: return "boolean";
        case ValueType::Integer: return "integer";
        case ValueType::Decimal: return "decimal";
        case ValueType::String: return "string";
        case ValueType::Date: return "date";
        case ValueType::Coding: return "Coding";
        case ValueType::Time: return "time";
        case ValueType::DateTime: return "dateTime";
        case ValueType::Uri: return "uri";
        case ValueType::Quantity: return "Quantity";
    }
    return "?";
}

AnswerValue AnswerValue::of_bool(bool b) {
    AnswerValue v;
    v.type = ValueType::Boolean;
    v.boolean = b;
    return v;
}
AnswerValue AnswerValue::of_integer(std::int64_t i) {
    AnswerValue v;
    v.type = ValueType::Integer;
    v.integer = i;
    return v;
}
AnswerValue AnswerValue::of_decimal(double d) {
    AnswerValue v;
    v.type = ValueType::Decimal;
    v.decimal = d;
    return v;
}
AnswerValue AnswerValue::of_string(std::string s) {
    AnswerValue v;
    v.type = ValueType::String;
    v.string = std::move(s);
    return v;
}
AnswerValue AnswerValue::of_date(std::string iso) {
    AnswerValue v;
    v.type = ValueType::Date;
    v.string = std::move(iso);
    return v;
}
AnswerValue AnswerValue::of_coding(std::string system, std::string code, std::string display) {
    AnswerValue v;
    v.type = ValueType::Coding;
    v.coding = Coding{std::move(system), std::move(code), std::move(display)};
    return v;
}

AnswerValue AnswerValue::of_time(std::string hms) {
    AnswerValue v;
    v.type = ValueType::Time;
    v.string = std::move(hms);
    return v;
}
AnswerValue AnswerValue::of_date_time(std::string iso) {
    AnswerValue v;
    v.type = ValueType::DateTime;
    v.string = std::move(iso);
    return v;
}
AnswerValue AnswerValue::of_uri(std::string uri) {
    AnswerValue v;
    v.type = ValueType::Uri;
    v.string = std::move(uri);
    return v;
}
AnswerValue AnswerValue::of_quantity(double value, core::Coding unit) {
    AnswerValue v;
    v.type = ValueType::Quantity;
    v.decimal = value;
    v.coding = std::move(unit);
    return v;
}

bool AnswerValue::same_as(const AnswerValue& o) const {
    // Integer and decimal compare as numbers (an integer question may be tested with answerDecimal).
    const bool num = (type == ValueType::Integer || type == ValueType::Decimal);
    const bool onum = (o.type == ValueType::Integer || o.type == ValueType::Decimal);
    if (num && onum) {
        const double a = type == ValueType::Integer ? static_cast<double>(integer) : decimal;
        const double b = o.type == ValueType::Integer ? static_cast<double>(o.integer) : o.decimal;
        return a == b;
    }
    if (type != o.type) return false;
    switch (type) {
        case ValueType::Boolean: return boolean == o.boolean;
        case ValueType::String:
        case ValueType::Date:
        case ValueType::Time:
        case ValueType::DateTime:
        case ValueType::Uri: return string == o.string;
        case ValueType::Coding:
            // A Coding without a code (R4 Coding.code 0..1) is identified by its display.
            if (coding.code.empty() || o.coding.code.empty())
                return coding.code.empty() && o.coding.code.empty() && coding.display == o.coding.display;
            return coding.code == o.coding.code &&
                   (coding.system.empty() || o.coding.system.empty() || coding.system == o.coding.system);
        case ValueType::Quantity: return decimal == o.decimal && coding.code == o.coding.code;
        default: return false;
    }
}

std::string AnswerValue::to_string() const {
    switch (type) {
        case ValueType::Boolean: return boolean ? "true" : "false";
        case ValueType::Integer: return std::to_string(integer);
        case ValueType::Decimal: return nlohmann::json(decimal).dump();
        case ValueType::String:
        case ValueType::Date:
        case ValueType::Time:
        case ValueType::DateTime:
        case ValueType::Uri: return string;
        case ValueType::Coding: return coding.code.empty() ? coding.display : coding.code;
        case ValueType::Quantity: {
            const std::string unit = coding.display.empty() ? coding.code : coding.display;
            return nlohmann::json(decimal).dump() + (unit.empty() ? "" : " " + unit);
        }
    }
    return {};
}

const std::string& LocalizedText::in(std::string_view lang) const {
    if (lang.empty() || lang == "en") return base;
    for (const auto& [l, text] : translations)
        if (l == lang) return text;
    // "es-MX" falls back to "es".
    const auto dash = lang.find('-');
    if (dash != std::string_view::npos) {
        const std::string_view primary = lang.substr(0, dash);
        for (const auto& [l, text] : translations)
            if (l == primary) return text;
    }
    return base;
}

const char* item_type_name(ItemType t) {
    switch (t) {
        case ItemType::Group: return "group";
        case ItemType::Display: return "display";
        case ItemType::Boolean: return "boolean";
        case ItemType::Choice: return "choice";
        case ItemType::OpenChoice: return "open-choice";
        case ItemType::Integer: return "integer";
        case ItemType::Decimal: return "decimal";
        case ItemType::String: return "string";
        case ItemType::Text: return "text";
        case ItemType::Date: return "date";
        case ItemType::DateTime: return "dateTime";
        case ItemType::Time: return "time";
        case ItemType::Url: return "url";
        case ItemType::Quantity: return "quantity";
    }
    return "?";
}

const char* enable_operator_name(EnableOperator op) {
    switch (op) {
        case EnableOperator::Exists: return "exists";
        case EnableOperator::Equal: return "=";
        case EnableOperator::NotEqual: return "!=";
        case EnableOperator::Greater: return ">";
        case EnableOperator::Less: return "<";
        case EnableOperator::GreaterOrEqual: return ">=";
        case EnableOperator::LessOrEqual: return "<=";
    }
    return "?";
}

bool is_fhir_date(std::string_view s) {
    auto digits = [&](std::size_t at, std::size_t n) {
        if (s.size() < at + n) return false;
        for (std::size_t i = at; i < at + n; ++i)
            if (s[i] < '0' || s[i] > '9') return false;
        return true;
    };
    if (!digits(0, 4)) return false;
    if (s.size() == 4) return true;
    if (s.size() != 7 && s.size() != 10) return false;
    if (s[4] != '-' || !digits(5, 2)) return false;
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    if (month < 1 || month > 12) return false;
    if (s.size() == 7) return true;
    if (s[7] != '-' || !digits(8, 2)) return false;
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    return day >= 1 && day <= 31;
}

bool is_fhir_time(std::string_view s) {
    // hh:mm:ss with an optional fraction (R4 "time"); hh:mm as people type it.
    auto two = [&](std::size_t at, int max) {
        if (s.size() < at + 2 || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
        return (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
    };
    if (!two(0, 23) || s.size() < 5 || s[2] != ':' || !two(3, 59)) return false;
    if (s.size() == 5) return true;
    if (s[5] != ':' || !two(6, 59)) return false;
    if (s.size() == 8) return true;
    if (s[8] != '.' || s.size() == 9) return false;
    for (std::size_t i = 9; i < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

bool is_fhir_date_time(std::string_view s) {
    // R4 dateTime: a date of any precision, or YYYY-MM-DDThh:mm[:ss[.fff]] with Z or +hh:mm
    // (a zone is required when there is a time; a zone-less time is accepted as typed locally).
    const std::size_t t = s.find('T');
    if (t == std::string_view::npos) return is_fhir_date(s);
    if (t != 10 || !is_fhir_date(s.substr(0, 10))) return false;
    std::string_view rest = s.substr(11);
    if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
    else if (rest.size() > 6 && (rest[rest.size() - 6] == '+' || rest[rest.size() - 6] == '-')) {
        const std::string_view zone = rest.substr(rest.size() - 5);
        if (!is_fhir_time(zone)) return false;
        rest.remove_suffix(6);
    }
    return is_fhir_time(rest);
}

std::optional<std::size_t> Item::find_option(const AnswerValue& v) const {
    for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i].value.same_as(v)) return i;
    return std::nullopt;
}

//----------------------------------------------------------------------------------------------
// [SECTION] JSON helpers
//----------------------------------------------------------------------------------------------

namespace {

using nlohmann::json;

constexpr int kMaxDepth = 32;           // nested groups; real forms use 3 or 4
constexpr std::size_t kMaxItems = 5000;  // the largest LOINC panels have a few hundred

// Extension URLs (FHIR R4 core extensions and SDC).
constexpr std::string_view kTranslation = "http://hl7.org/fhir/StructureDefinition/translation";
constexpr std::string_view kOrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
constexpr std::string_view kCoValue = "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value";
constexpr std::string_view kItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
constexpr std::string_view kOptionExclusive = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";
constexpr std::string_view kItemControl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
constexpr std::string_view kDisplayCategory = "http://hl7.org/fhir/StructureDefinition/questionnaire-displayCategory";
constexpr std::string_view kEnableWhenExpression =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
constexpr std::string_view kCalculatedExpression =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
// SDC: how many instances a repeating group (or answers a repeating question) may have.
constexpr std::string_view kMaxOccurs = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs";
constexpr std::string_view kInitialExpression =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
constexpr std::string_view kAnswerExpression =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression";
// The pre-SDC name of initialExpression, which LHC-Forms' USSG form still uses.
constexpr std::string_view kInitialExpressionOld = "http://hl7.org/fhir/StructureDefinition/questionnaire-initialExpression";
constexpr std::string_view kVariable = "http://hl7.org/fhir/StructureDefinition/variable";
constexpr std::string_view kUnitOption = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";

[[noreturn]] void fail(const char* kind, const std::string& where, const std::string& message) {
    throw Error(kind, where, message);
}

// Field reads whose errors name the item (or the Questionnaire), as every error here does.
const FieldReader kItemFields("malformed-item", ErrorAt::Object);
const FieldReader kQuestionnaireFields("malformed-questionnaire", ErrorAt::Object);
const FieldReader kEnableWhenFields("malformed-enablewhen", ErrorAt::Object);

// Every extension object in obj.extension, checked for shape.
std::vector<const json*> extensions(const json& obj, const std::string& where) {
    std::vector<const json*> out;
    const json* ext = FieldReader::find(obj, "extension");
    if (!ext) return out;
    if (!ext->is_array()) fail("malformed-item", where, "\"extension\" must be an array");
    for (const json& e : *ext) {
        if (!e.is_object() || !e.contains("url") || !e["url"].is_string())
            fail("malformed-item", where, "an extension needs a \"url\"");
        out.push_back(&e);
    }
    return out;
}

const json* find_extension(const json& obj, std::string_view url, const std::string& where) {
    for (const json* e : extensions(obj, where))
        if ((*e)["url"].get_ref<const std::string&>() == url) return e;
    return nullptr;
}

// The FHIR translation extension on a primitive's "_name" sibling.
void read_translations(const json& obj, const std::string& name, LocalizedText& out, const std::string& where,
                       std::set<std::string>& languages) {
    const json* sibling = FieldReader::find(obj, "_" + name);
    if (!sibling) return;
    if (!sibling->is_object()) fail("malformed-item", where, "\"_" + name + "\" must be an object");
    for (const json* e : extensions(*sibling, where)) {
        if ((*e)["url"].get_ref<const std::string&>() != kTranslation) continue;
        std::string lang, content;
        for (const json* part : extensions(*e, where)) {
            const std::string& u = (*part)["url"].get_ref<const std::string&>();
            if (u == "lang" && part->contains("valueCode") && (*part)["valueCode"].is_string())
                lang = (*part)["valueCode"].get<std::string>();
            else if (u == "content" && part->contains("valueString") && (*part)["valueString"].is_string())
                content = (*part)["valueString"].get<std::string>();
        }
        if (lang.empty() || content.empty())
            fail("malformed-item", where, "a translation of \"" + name + "\" needs a \"lang\" code and a \"content\" string");
        languages.insert(lang);
        out.translations.emplace_back(std::move(lang), std::move(content));
    }
}

LocalizedText localized(const json& obj, const char* name, const std::string& where, std::set<std::string>& languages) {
    LocalizedText t;
    if (auto s = kItemFields.optional_string(obj, name, where)) t.base = std::move(*s);
    read_translations(obj, name, t, where, languages);
    return t;
}

Coding parse_coding(const json& c, const char* kind, const std::string& where) {
    if (!c.is_object()) fail(kind, where, "a Coding must be an object");
    Coding out;
    const FieldReader fields(kind, ErrorAt::Object);
    if (auto s = fields.optional_string(c, "system", where)) out.system = std::move(*s);
    if (auto s = fields.optional_string(c, "code", where)) out.code = std::move(*s);
    if (auto s = fields.optional_string(c, "display", where)) out.display = std::move(*s);
    // R4 Coding.code is 0..1: a display alone still says what was meant (LHC-Forms' forms use it).
    if (out.code.empty() && out.display.empty()) fail(kind, where, "a Coding needs a \"code\" or a \"display\"");
    return out;
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Parser: items
//----------------------------------------------------------------------------------------------

class QuestionnaireParser {
public:
    QuestionnaireParser(Questionnaire& q, std::string source, const std::vector<json>* value_sets)
        : m_q(q), m_source(std::move(source)), m_value_sets(value_sets) {}

    void run(const json& doc) {
        if (!doc.is_object() || !doc.contains("resourceType") || doc["resourceType"] != "Questionnaire")
            fail("not-a-questionnaire", m_source, "the resourceType must be \"Questionnaire\"");
        extensions(doc, m_source);  // checks their shape
        if (FieldReader::find(doc, "modifierExtension"))
            fail("unsupported-feature", m_source, "the Questionnaire has a modifierExtension we cannot honour");
        auto str = [&](const char* name) {
            return kQuestionnaireFields.optional_string(doc, name, m_source).value_or(std::string());
        };
        m_q.m_id = str("id");
        m_q.m_url = str("url");
        m_q.m_version = str("version");
        m_q.m_name = str("name");
        m_q.m_title.base = str("title");
        if (const json* c = FieldReader::find(doc, "contained"); c && c->is_array()) m_contained = c;
        m_q.m_variables = read_variables(doc, m_source, std::nullopt);
        read_translations(doc, "title", m_q.m_title, m_source, m_languages);
        if (const json* codes = FieldReader::find(doc, "code")) {
            if (!codes->is_array()) fail("malformed-questionnaire", m_source, "\"code\" must be an array of Coding");
            for (const json& c : *codes) m_q.m_codes.push_back(parse_coding(c, "malformed-questionnaire", m_source + " code"));
        }
        const json* items = FieldReader::find(doc, "item");
        if (!items || !items->is_array() || items->empty())
            fail("empty-questionnaire", m_source, "the Questionnaire has no items to answer");
        parse_items(*items, std::nullopt, 0, "item");
        for (std::size_t i = 0; i < m_q.m_items.size(); ++i) parse_enable_when(i);
        order_dependencies();
        // The base texts are in Questionnaire.language (English when absent), listed first.
        const std::string base = str("language").empty() ? "en" : str("language");
        m_q.m_languages.push_back(base);
        for (const std::string& l : m_languages)
            if (l != base) m_q.m_languages.push_back(l);
    }

private:
    Questionnaire& m_q;
    std::string m_source;
    std::set<std::string> m_languages;
    std::set<std::string, std::less<>> m_link_ids;  // every linkId, help displays included
    std::vector<const json*> m_item_json;            // the JSON of each kept item, by index
    const std::vector<json>* m_value_sets = nullptr;  // ValueSets imported beside the form
    const json* m_contained = nullptr;                // Questionnaire.contained

    void warn(const std::string& link_id, const char* kind, std::string message) {
        m_q.m_warnings.push_back(ImportWarning{link_id, kind, std::move(message)});
    }

    // An SDC Expression (valueExpression) in FHIRPath, compiled once here so a syntax error is
    // an import error naming the item; nullopt for another language (x-fhir-query, CQL), which
    // needs a server or engine we do not have: the caller warns.
    std::optional<FormExpression> read_expression(const json& ext, const std::string& where, ExpressionKind kind,
                                                  std::optional<std::size_t> item) {
        const json* e = FieldReader::find(ext, "valueExpression");
        if (!e || !e->is_object()) fail("malformed-expression", where, "the extension needs a valueExpression");
        const std::string url = ext["url"].get<std::string>();
        const std::string what = url.substr(url.rfind('/') + 1);
        FormExpression out;
        const FieldReader fields("malformed-expression", ErrorAt::Object);
        out.name = fields.optional_string(*e, "name", where).value_or("");
        const std::string language = fields.optional_string(*e, "language", where).value_or("");
        out.expression = fields.optional_string(*e, "expression", where).value_or("");
        if (language != "text/fhirpath") {
            warn(where, "unsupported-expression", what + " in \"" + language + "\" is not evaluated (FHIRPath only)");
            return std::nullopt;
        }
        if (out.expression.empty()) fail("malformed-expression", where, what + " has no expression");
        // Options from a server (parse_item reports it and makes the item free text): not compiled,
        // as the functions it calls (%terminologies.expand()) are the server's.
        if (kind == ExpressionKind::Answer && needs_server(out.expression)) return out;
        ExpressionStep step{kind, item, out.name, out.expression, nullptr};
        const FormExpressionEngine* engine = form_expression_engine();
        if (!engine)
            fail("form-needs-expressions", where,
                 what + ": this program runs no FHIRPath expressions (the kiosk starts the one that does)");
        try {
            step.compiled = engine->compile(out.expression);
        } catch (const Error& err) {
            fail("malformed-expression", where, what + " `" + out.expression + "`: " + err.message());
        }
        m_q.m_steps.push_back(std::move(step));
        return out;
    }

    std::vector<FormExpression> read_variables(const json& obj, const std::string& where, std::optional<std::size_t> item) {
        std::vector<FormExpression> out;
        for (const json* e : extensions(obj, where)) {
            if ((*e)["url"].get_ref<const std::string&>() != kVariable) continue;
            auto v = read_expression(*e, where, ExpressionKind::Variable, item);
            if (!v) continue;
            if (v->name.empty()) fail("malformed-expression", where, "a variable needs a name");
            out.push_back(std::move(*v));
        }
        return out;
    }

    void read_expressions(const json& j, Item& it, const std::string& where) {
        // The item is pushed right after this: its index is the current size.
        const std::size_t index = m_q.m_items.size();
        it.variables = read_variables(j, where, index);
        const std::tuple<std::string_view, std::string*, ExpressionKind> slots[] = {
            {kCalculatedExpression, &it.calculated_expression, ExpressionKind::Calculated},
            {kEnableWhenExpression, &it.enable_when_expression, ExpressionKind::EnableWhen},
            {kInitialExpression, &it.initial_expression, ExpressionKind::Initial},
            {kInitialExpressionOld, &it.initial_expression, ExpressionKind::Initial},
            {kAnswerExpression, &it.answer_expression, ExpressionKind::Answer}};
        for (const auto& [url, slot, kind] : slots)
            if (const json* e = find_extension(j, url, where))
                if (auto x = read_expression(*e, where, kind, index)) *slot = std::move(x->expression);
        if (it.is_calculated()) it.read_only = true;
    }

    // An expression that reads a terminology server or any URL cannot be evaluated offline.
    static bool needs_server(const std::string& expression) {
        return expression.find("%terminologies") != std::string::npos || expression.find("http://") != std::string::npos ||
               expression.find("https://") != std::string::npos || expression.find("%server") != std::string::npos;
    }

    static std::optional<ItemType> item_type(const std::string& t) {
        static const std::pair<const char*, ItemType> types[] = {
            {"group", ItemType::Group},   {"display", ItemType::Display},       {"boolean", ItemType::Boolean},
            {"choice", ItemType::Choice}, {"open-choice", ItemType::OpenChoice}, {"integer", ItemType::Integer},
            {"decimal", ItemType::Decimal}, {"string", ItemType::String},       {"text", ItemType::Text},
            {"date", ItemType::Date},     {"dateTime", ItemType::DateTime},     {"time", ItemType::Time},
            {"url", ItemType::Url},       {"quantity", ItemType::Quantity}};
        for (const auto& [name, type] : types)
            if (t == name) return type;
        return std::nullopt;
    }

    // A display child that carries a question's help (SDC itemControl "help", or displayCategory).
    static bool is_help_display(const json& child, const std::string& where) {
        if (!child.is_object() || !child.contains("type") || child["type"] != "display") return false;
        for (const char* url : {kItemControl.data(), kDisplayCategory.data()}) {
            const json* e = find_extension(child, url, where);
            if (!e || !e->contains("valueCodeableConcept")) continue;
            const json& cc = (*e)["valueCodeableConcept"];
            if (!cc.is_object() || !cc.contains("coding") || !cc["coding"].is_array()) continue;
            for (const json& c : cc["coding"])
                if (c.is_object() && c.contains("code") &&
                    (c["code"] == "help" || c["code"] == "instructions" || c["code"] == "flyover"))
                    return true;
        }
        return false;
    }

    void claim_link_id(const std::string& link_id, const std::string& path) {
        if (link_id.empty()) fail("malformed-item", path, "the item has no \"linkId\"");
        if (!m_link_ids.insert(link_id).second)
            fail("duplicate-linkid", link_id, "the linkId is used by more than one item");
    }

    void parse_items(const json& array, std::optional<std::size_t> parent, int depth, const std::string& path) {
        for (std::size_t k = 0; k < array.size(); ++k)
            parse_items_one(array[k], parent, depth, path + "[" + std::to_string(k) + "]");
    }

    void parse_item(const json& j, const std::string& where, std::optional<std::size_t> parent, int depth,
                    const std::string& path) {
        Item it;
        it.link_id = where;
        it.parent = parent;
        it.depth = depth;
        it.type = supported_type(j, where);
        read_item_fields(j, it, where);
        const json* options = FieldReader::find(j, "answerOption");
        const json* children = FieldReader::find(j, "item");
        if (children && (!children->is_array() || children->empty()))
            fail("malformed-item", where, "\"item\" must be a non-empty array");
        const json* value_set = FieldReader::find(j, "answerValueSet");
        check_item_shape(j, it, options != nullptr || value_set != nullptr, children != nullptr, where);
        if (options) parse_options(*options, it, where);
        if (value_set) resolve_answer_value_set(*value_set, it, where);
        read_expressions(j, it, where);
        if (!it.answer_expression.empty() && needs_server(it.answer_expression)) {
            // SDC answerExpression that asks a server (%terminologies, a URL): not offline.
            warn(where, "unresolved-answer-expression",
                 "the answerExpression needs a server (" + it.answer_expression + "); the item takes free text");
            it.unresolved_value_set = it.answer_expression;
            it.answer_expression.clear();
        }
        if (it.type == ItemType::Choice && it.options.empty() && it.answer_expression.empty()) {
            // questionnaire-externallydefined, or a set we could not resolve: free text, noted.
            it.type = ItemType::OpenChoice;
            if (!value_set && it.unresolved_value_set.empty())
                warn(where, "no-answer-list", "the choice item lists no answers here; it takes free text");
        }
        parse_initial(j, it, where);

        const std::size_t index = m_q.m_items.size();
        m_q.m_items.push_back(std::move(it));
        m_item_json.push_back(&j);
        m_q.m_by_link_id.emplace(where, index);
        if (parent) m_q.m_items[*parent].children.push_back(index);
        if (children) parse_children(*children, index, where, path);
    }

    // The item's type, which we must support, as we must every feature it uses.
    ItemType supported_type(const json& j, const std::string& where) const {
        const auto type_name = kItemFields.optional_string(j, "type", where);
        if (!type_name) throw Error("malformed-item", where, "the item has no \"type\"", {{"field", "type"}});
        const auto type = item_type(*type_name);
        if (!type) throw Error("unsupported-item-type", where, "item type \"" + *type_name + "\" is not supported", {{"field", "type"}});
        if (FieldReader::find(j, "modifierExtension"))
            fail("unsupported-feature", where, "the item has a modifierExtension we cannot honour");
        return *type;
    }

    // answerValueSet (R4 Questionnaire.item.answerValueSet): the options of a contained set or
    // one imported beside the form; otherwise the item takes free text and the UI notes why.
    void resolve_answer_value_set(const json& ref, Item& it, const std::string& where) {
        if (!ref.is_string() || ref.get_ref<const std::string&>().empty())
            fail("malformed-item", where, "\"answerValueSet\" must be a canonical URL or \"#id\"");
        if (!it.options.empty()) fail("malformed-item", where, "answerValueSet and answerOption cannot both be given (que-4)");
        const std::string& reference = ref.get_ref<const std::string&>();
        const ValueSetLookup vs = resolve_value_set(reference, m_contained, m_value_sets, where);
        if (vs.concepts.empty()) {
            it.unresolved_value_set = vs.name;
            warn(where, "unresolved-valueset",
                 "the ValueSet " + vs.name +
                     (vs.found ? " cannot be expanded without a terminology server"
                               : " is neither contained in the form nor imported beside it") +
                     "; the item takes free text");
            return;
        }
        for (const ValueSetConcept& c : vs.concepts) {
            AnswerOption opt;
            opt.value = AnswerValue::of_coding(c.coding.system, c.coding.code, c.coding.display);
            opt.label.base = c.coding.display.empty() ? c.coding.code : c.coding.display;
            opt.weight = c.weight;
            if (it.find_option(opt.value)) continue;  // a set may list a code twice
            it.options.push_back(std::move(opt));
        }
    }

    void read_item_fields(const json& j, Item& it, const std::string& where) {
        it.text = localized(j, "text", where, m_languages);
        it.prefix = localized(j, "prefix", where, m_languages);
        if (const json* codes = FieldReader::find(j, "code")) {
            if (!codes->is_array()) fail("malformed-item", where, "\"code\" must be an array of Coding");
            for (const json& c : *codes) it.codes.push_back(parse_coding(c, "malformed-item", where));
        }
        it.required = kItemFields.boolean(j, "required", where);
        it.repeats = lenient_boolean(j, "repeats", where);
        it.read_only = kItemFields.boolean(j, "readOnly", where) || find_extension(j, kCalculatedExpression, where);
        if (const json* ml = FieldReader::find(j, "maxLength")) {
            if (!ml->is_number_integer() || ml->get<std::int64_t>() < 1 || ml->get<std::int64_t>() > 1000000)
                fail("malformed-item", where, "\"maxLength\" must be a positive integer");
            it.max_length = ml->get<int>();
        }
        if (const json* e = find_extension(j, kMaxOccurs, where)) {
            const json* n = FieldReader::find(*e, "valueInteger");
            if (!n || !n->is_number_integer() || n->get<std::int64_t>() < 1 || n->get<std::int64_t>() > 1000)
                fail("malformed-item", where, "maxOccurs needs a valueInteger from 1 to 1000");
            it.max_occurs = n->get<int>();
        }
        for (const json* e : extensions(j, where)) {
            if ((*e)["url"].get_ref<const std::string&>() != kUnitOption) continue;
            const json* c = FieldReader::find(*e, "valueCoding");
            if (!c) fail("malformed-item", where, "a unitOption needs a valueCoding");
            it.unit_options.push_back(parse_coding(*c, "malformed-item", where + " unitOption"));
        }
    }

    // A boolean flag; the string "true" / "false" is read as what it plainly says, with a warning.
    bool lenient_boolean(const json& j, const char* name, const std::string& where) {
        const json* v = FieldReader::find(j, name);
        if (v && v->is_string() && (*v == "true" || *v == "false")) {
            warn(where, "lenient-value", std::string("\"") + name + "\" is the string \"" + v->get<std::string>() +
                                             "\", read as a boolean");
            return *v == "true";
        }
        return kItemFields.boolean(j, name, where);
    }

    // que-1, que-5, que-6: the shape rules of FHIR R4 Questionnaire, and what we support.
    static void check_item_shape(const json& j, const Item& it, bool options, bool children, const std::string& where) {
        if (it.type == ItemType::Group && !children)
            fail("malformed-item", where, "a group must contain items (que-1)");
        if (it.type == ItemType::Display && children)
            fail("malformed-item", where, "a display item cannot contain items (que-1)");
        if (it.type == ItemType::Display && (it.required || it.repeats))
            fail("malformed-item", where, "a display item cannot be required or repeat (que-6)");
        // R4's formal que-5: answer lists on choice, open-choice, decimal, integer, date,
        // dateTime, time, string and quantity items.
        const bool may_list = it.type != ItemType::Boolean && it.type != ItemType::Text && it.type != ItemType::Url &&
                              it.type != ItemType::Group && it.type != ItemType::Display;
        if (options && !may_list)
            fail("malformed-item", where, std::string("a ") + item_type_name(it.type) +
                                              " item cannot have answerOption or answerValueSet (que-5)");
        if (it.type == ItemType::Group && FieldReader::find(j, "initial"))
            fail("malformed-initial", where, "a group cannot have an initial value");
    }

    void parse_children(const json& children, std::size_t index, const std::string& where, const std::string& path) {
        if (m_q.m_items[index].type == ItemType::Group) {
            // A group's help display is folded into the group; other children are items.
            std::size_t k = 0, kept = 0;
            for (const json& c : children) {
                const std::string child_path = path + ".item[" + std::to_string(k++) + "]";
                if (is_help_display(c, where)) {
                    fold_help(c, index, where);
                    continue;
                }
                ++kept;
                parse_items_one(c, index, m_q.m_items[index].depth + 1, child_path);
            }
            if (kept == 0) fail("malformed-item", where, "a group must contain items (que-1)");
            return;
        }
        // A question's help displays fold into it; other children are items under the question
        // (their answers are written inside its answer, R4 QuestionnaireResponse.item.answer.item).
        std::size_t k = 0;
        for (const json& c : children) {
            const std::string child_path = path + ".item[" + std::to_string(k++) + "]";
            if (is_help_display(c, where) || (c.is_object() && c.contains("type") && c["type"] == "display" &&
                                              !c.contains("enableWhen"))) {
                fold_help(c, index, where);
                continue;
            }
            parse_items_one(c, index, m_q.m_items[index].depth + 1, child_path);
        }
    }

    void parse_items_one(const json& j, std::optional<std::size_t> parent, int depth, const std::string& path) {
        if (depth >= kMaxDepth) fail("malformed-item", path, "groups are nested more than 32 deep");
        if (!j.is_object()) fail("malformed-item", path, "an item must be a JSON object");
        if (m_q.m_items.size() >= kMaxItems) fail("malformed-item", path, "more than 5000 items");
        const std::string link_id = kItemFields.optional_string(j, "linkId", path).value_or("");
        claim_link_id(link_id, path);
        try {
            parse_item(j, link_id, parent, depth, path);
        } catch (const Error& e) {
            throw with_param(e, "linkId", link_id);  // the innermost item's, when nested
        }
    }

    void fold_help(const json& c, std::size_t owner, const std::string& where) {
        if (!c.is_object()) fail("malformed-item", where, "an item must be a JSON object");
        const std::string link_id = kItemFields.optional_string(c, "linkId", where).value_or("");
        claim_link_id(link_id, where + " help");
        if (FieldReader::find(c, "item")) fail("malformed-item", link_id, "a display item cannot contain items (que-1)");
        LocalizedText t = localized(c, "text", link_id, m_languages);
        LocalizedText& help = m_q.m_items[owner].help;
        if (help.empty()) {
            help = std::move(t);
            return;
        }
        // Several help displays: join them, language by language.
        for (auto& [lang, text] : help.translations) text += "\n" + t.in(lang);
        help.base += "\n" + t.base;
    }

    void parse_options(const json& options, Item& it, const std::string& where) {
        if (!options.is_array() || options.empty())
            fail("malformed-answer-option", where, "\"answerOption\" must be a non-empty array");
        for (std::size_t k = 0; k < options.size(); ++k) {
            const json& o = options[k];
            const std::string ow = where + " answerOption[" + std::to_string(k) + "]";
            if (!o.is_object()) fail("malformed-answer-option", ow, "an answerOption must be an object");
            AnswerOption opt;
            int values = 0;
            for (const char* unsupported : {"valueReference"})
                if (FieldReader::find(o, unsupported))
                    fail("unsupported-feature", ow, std::string(unsupported) + " answer options are not supported");
            if (const json* c = FieldReader::find(o, "valueCoding")) {
                ++values;
                opt.value.type = ValueType::Coding;
                opt.value.coding = parse_coding(*c, "malformed-answer-option", ow);
                opt.label.base = opt.value.coding.display.empty() ? opt.value.coding.code : opt.value.coding.display;
                read_translations(*c, "display", opt.label, ow, m_languages);
            }
            if (const json* s = FieldReader::find(o, "valueString")) {
                ++values;
                if (!s->is_string()) fail("malformed-answer-option", ow, "\"valueString\" must be a string");
                opt.value = AnswerValue::of_string(s->get<std::string>());
                opt.label.base = opt.value.string;
                read_translations(o, "valueString", opt.label, ow, m_languages);
            }
            if (const json* i = FieldReader::find(o, "valueInteger")) {
                ++values;
                if (!i->is_number_integer()) fail("malformed-answer-option", ow, "\"valueInteger\" must be an integer");
                opt.value = AnswerValue::of_integer(i->get<std::int64_t>());
                opt.label.base = std::to_string(opt.value.integer);
            }
            for (const auto& [key, type] : {std::pair{"valueDate", ValueType::Date}, std::pair{"valueTime", ValueType::Time}}) {
                const json* d = FieldReader::find(o, key);
                if (!d) continue;
                ++values;
                const bool ok = d->is_string() && (type == ValueType::Date ? is_fhir_date(d->get_ref<const std::string&>())
                                                                           : is_fhir_time(d->get_ref<const std::string&>()));
                if (!ok) fail("malformed-answer-option", ow, std::string("\"") + key + "\" is not a FHIR " + value_type_name(type));
                opt.value = type == ValueType::Date ? AnswerValue::of_date(d->get<std::string>())
                                                    : AnswerValue::of_time(d->get<std::string>());
                opt.label.base = opt.value.string;
            }
            if (values != 1)
                fail("malformed-answer-option", ow,
                     "an answerOption needs exactly one of valueCoding, valueString, valueInteger, valueDate, valueTime");
            opt.initial_selected = kItemFields.boolean(o, "initialSelected", ow);
            for (const json* e : extensions(o, ow)) {
                const std::string& url = (*e)["url"].get_ref<const std::string&>();
                if (url == kOrdinalValue || url == kCoValue || url == kItemWeight) {
                    const json* d = FieldReader::find(*e, "valueDecimal");
                    if (!d) d = FieldReader::find(*e, "valueInteger");
                    if (!d || !d->is_number() || !std::isfinite(d->get<double>()))
                        fail("malformed-answer-option", ow, "an ordinalValue/itemWeight needs a numeric value");
                    opt.weight = d->get<double>();
                } else if (url == kOptionExclusive) {
                    const json* b = FieldReader::find(*e, "valueBoolean");
                    if (!b || !b->is_boolean()) fail("malformed-answer-option", ow, "optionExclusive needs valueBoolean");
                    opt.exclusive = b->get<bool>();
                }
            }
            if (it.find_option(opt.value))
                fail("malformed-answer-option", ow, "the answer \"" + opt.value.to_string() + "\" is listed twice");
            it.options.push_back(std::move(opt));
        }
        std::size_t selected = 0;
        for (const AnswerOption& o : it.options) selected += o.initial_selected;
        if (selected > 1 && !it.repeats)
            fail("malformed-initial", where, "more than one initialSelected option on an item that does not repeat");
    }

    // Reads one value[x] (prefix "value" or "answer") for an item of this type.
    static std::optional<AnswerValue> read_value(const json& obj, const std::string& prefix, const char* kind,
                                                 const std::string& where, int& count) {
        std::optional<AnswerValue> out;
        for (const auto& [key, v] : obj.items()) {
            if (key.size() <= prefix.size() || key.compare(0, prefix.size(), prefix) != 0) continue;
            const std::string type = key.substr(prefix.size());
            ++count;
            if (type == "Boolean") {
                if (!v.is_boolean()) fail(kind, where, key + " must be true or false");
                out = AnswerValue::of_bool(v.get<bool>());
            } else if (type == "Integer") {
                if (!v.is_number_integer()) fail(kind, where, key + " must be an integer");
                out = AnswerValue::of_integer(v.get<std::int64_t>());
            } else if (type == "Decimal") {
                if (!v.is_number() || !std::isfinite(v.get<double>())) fail(kind, where, key + " must be a number");
                out = AnswerValue::of_decimal(v.get<double>());
            } else if (type == "String") {
                if (!v.is_string()) fail(kind, where, key + " must be a string");
                out = AnswerValue::of_string(v.get<std::string>());
            } else if (type == "Date") {
                if (!v.is_string() || !is_fhir_date(v.get_ref<const std::string&>()))
                    fail(kind, where, key + " must be a date (YYYY, YYYY-MM or YYYY-MM-DD)");
                out = AnswerValue::of_date(v.get<std::string>());
            } else if (type == "Coding") {
                Coding c = parse_coding(v, kind, where);
                out = AnswerValue::of_coding(std::move(c.system), std::move(c.code), std::move(c.display));
            } else if (type == "Time") {
                if (!v.is_string() || !is_fhir_time(v.get_ref<const std::string&>()))
                    fail(kind, where, key + " must be a time (hh:mm:ss)");
                out = AnswerValue::of_time(v.get<std::string>());
            } else if (type == "DateTime") {
                if (!v.is_string() || !is_fhir_date_time(v.get_ref<const std::string&>()))
                    fail(kind, where, key + " must be a dateTime");
                out = AnswerValue::of_date_time(v.get<std::string>());
            } else if (type == "Uri") {
                if (!v.is_string() || v.get_ref<const std::string&>().empty()) fail(kind, where, key + " must be a URI");
                out = AnswerValue::of_uri(v.get<std::string>());
            } else if (type == "Quantity") {
                const json* value = v.is_object() ? FieldReader::find(v, "value") : nullptr;
                if (!value || !value->is_number() || !std::isfinite(value->get<double>()))
                    fail(kind, where, key + " needs a numeric \"value\"");
                Coding unit;
                unit.system = string_field(v, "system");
                unit.code = string_field(v, "code");
                unit.display = string_field(v, "unit");
                out = AnswerValue::of_quantity(value->get<double>(), std::move(unit));
            } else {
                fail(kind == std::string("malformed-enablewhen") ? "enablewhen-type" : kind, where,
                     key + " is not supported");
            }
        }
        return out;
    }

    void parse_initial(const json& j, Item& it, const std::string& where) {
        const json* initial = FieldReader::find(j, "initial");
        if (!initial) {
            for (const AnswerOption& o : it.options)
                if (o.initial_selected) it.initial.push_back(o.value);
            return;
        }
        if (!it.is_question()) fail("malformed-initial", where, "only questions can have an initial value");
        if (!initial->is_array() || initial->empty()) fail("malformed-initial", where, "\"initial\" must be a non-empty array");
        if (initial->size() > 1 && !it.repeats)
            fail("malformed-initial", where, "more than one initial value on an item that does not repeat (que-13)");
        if (it.type == ItemType::Choice && !FieldReader::find(j, "answerValueSet"))
            fail("malformed-initial", where, "a choice item sets its default with answerOption.initialSelected (que-11)");
        for (const json& v : *initial) {
            if (!v.is_object()) fail("malformed-initial", where, "an initial value must be an object");
            int count = 0;
            auto value = read_value(v, "value", "malformed-initial", where, count);
            if (count != 1 || !value) fail("malformed-initial", where, "an initial value needs exactly one value[x]");
            if (value->type == ValueType::Coding && (it.type == ItemType::String || it.type == ItemType::Text)) {
                // HL7's own SDC test form does this; the coding's text is what it plainly means.
                const std::string text = value->coding.display.empty() ? value->coding.code : value->coding.display;
                warn(where, "lenient-value", "an initial Coding on a " + std::string(item_type_name(it.type)) +
                                                 " item is read as its text \"" + text + "\"");
                value = AnswerValue::of_string(text);
            }
            if (!value_fits(it, *value, true))
                fail("malformed-initial", where, std::string("an initial ") + value_type_name(value->type) +
                                                     " does not fit a " + item_type_name(it.type) + " item");
            it.initial.push_back(std::move(*value));
        }
    }

public:
    // Whether an answer value of this type can answer this item (for answers, initial values
    // and enableWhen comparisons).
    static bool value_fits(const Item& it, const AnswerValue& v, bool must_be_option) {
        switch (it.type) {
            case ItemType::Boolean: return v.type == ValueType::Boolean;
            case ItemType::Integer: return v.type == ValueType::Integer;
            case ItemType::Decimal: return v.type == ValueType::Decimal || v.type == ValueType::Integer;
            case ItemType::String:
            case ItemType::Text: return v.type == ValueType::String;
            case ItemType::Date: return v.type == ValueType::Date;
            case ItemType::DateTime: return v.type == ValueType::DateTime || v.type == ValueType::Date;
            case ItemType::Time: return v.type == ValueType::Time;
            case ItemType::Url: return v.type == ValueType::Uri || v.type == ValueType::String;
            case ItemType::Quantity: return v.type == ValueType::Quantity || v.type == ValueType::Decimal ||
                                            v.type == ValueType::Integer;
            case ItemType::Choice: return !must_be_option || it.find_option(v).has_value();
            case ItemType::OpenChoice:
                // With no list here (an answerValueSet not resolved offline) any Coding may answer.
                return v.type == ValueType::String || !must_be_option || it.options.empty() || it.find_option(v).has_value();
            default: return false;
        }
    }

private:
    //------------------------------------------------------------------------------------------
    // [SECTION] Parser: enableWhen and the dependency order
    //------------------------------------------------------------------------------------------

    void parse_enable_when(std::size_t index) {
        const json& j = *m_item_json[index];
        const std::string where = m_q.m_items[index].link_id;
        const json* list = FieldReader::find(j, "enableWhen");
        const json* behavior = FieldReader::find(j, "enableBehavior");
        if (!list) {
            if (behavior) fail("malformed-enablewhen", where, "enableBehavior without enableWhen (que-12)");
            return;
        }
        if (!list->is_array() || list->empty())
            fail("malformed-enablewhen", where, "\"enableWhen\" must be a non-empty array");
        if (behavior) {
            if (!behavior->is_string() || (*behavior != "any" && *behavior != "all"))
                fail("malformed-enablewhen", where, "enableBehavior must be \"any\" or \"all\"");
            m_q.m_items[index].enable_all = (*behavior == "all");
        } else if (list->size() > 1) {
            fail("malformed-enablewhen", where, "enableBehavior (any or all) is required with several enableWhen (que-12)");
        }
        std::vector<EnableWhen> conditions;
        for (std::size_t k = 0; k < list->size(); ++k) {
            const json& e = (*list)[k];
            const std::string ew = where + " enableWhen[" + std::to_string(k) + "]";
            if (!e.is_object()) fail("malformed-enablewhen", ew, "an enableWhen must be an object");
            const auto question = kEnableWhenFields.optional_string(e, "question", ew);
            const auto op_name = kEnableWhenFields.optional_string(e, "operator", ew);
            if (!question || question->empty()) fail("malformed-enablewhen", ew, "\"question\" is missing");
            if (!op_name) fail("malformed-enablewhen", ew, "\"operator\" is missing");
            static const std::pair<const char*, EnableOperator> ops[] = {
                {"exists", EnableOperator::Exists},         {"=", EnableOperator::Equal},
                {"!=", EnableOperator::NotEqual},           {">", EnableOperator::Greater},
                {"<", EnableOperator::Less},                {">=", EnableOperator::GreaterOrEqual},
                {"<=", EnableOperator::LessOrEqual}};
            EnableWhen cond;
            bool known = false;
            for (const auto& [name, op] : ops)
                if (*op_name == name) cond.op = op, known = true;
            if (!known) fail("malformed-enablewhen", ew, "unknown operator \"" + *op_name + "\"");
            const auto target = m_q.find(*question);
            int count = 0;
            std::optional<AnswerValue> answer;
            if (target) answer = lenient_answer(e, m_q.m_items[*target], ew, count);
            if (!answer) answer = read_value(e, "answer", "malformed-enablewhen", ew, count);
            if (count != 1 || !answer) fail("malformed-enablewhen", ew, "an enableWhen needs exactly one answer[x]");

            if (!target) {
                const bool is_help = m_link_ids.count(*question) > 0;
                fail("enablewhen-missing-item", ew, "\"" + *question + "\" " +
                     (is_help ? "is a help text, not a question" : "is not an item of this Questionnaire"));
            }
            if (*target == index) fail("enablewhen-cycle", ew, "the item depends on its own answer");
            const Item& t = m_q.m_items[*target];
            if (!t.is_question())
                fail("enablewhen-type", ew, "\"" + *question + "\" is a " + item_type_name(t.type) + " and has no answer");
            cond.by_code = lenient_code(t, *answer, where, ew);
            if (!cond.by_code) check_condition_type(t, cond.op, *answer, ew);
            cond.question = *target;
            if (cond.op == EnableOperator::Exists) cond.exists = answer->boolean;
            cond.answer = std::move(*answer);
            conditions.push_back(std::move(cond));
        }
        m_q.m_items[index].enable_when = std::move(conditions);
    }

    // An answerInteger holding a date or time against a date / time question (LHC-Forms' test
    // form): the text says what was meant. nullopt when this does not apply.
    std::optional<AnswerValue> lenient_answer(const json& e, const Item& t, const std::string& ew, int& count) {
        const json* v = FieldReader::find(e, "answerInteger");
        if (!v || !v->is_string()) return std::nullopt;
        const std::string& text = v->get_ref<const std::string&>();
        std::optional<AnswerValue> out;
        if ((t.type == ItemType::Date || t.type == ItemType::DateTime) && is_fhir_date(text)) out = AnswerValue::of_date(text);
        if (t.type == ItemType::Time && is_fhir_time(text)) out = AnswerValue::of_time(text);
        if (t.type == ItemType::DateTime && !out && is_fhir_date_time(text)) out = AnswerValue::of_date_time(text);
        if (!out) return std::nullopt;
        count = 0;
        for (const auto& kv : e.items())
            if (kv.key().rfind("answer", 0) == 0 && kv.key().size() > 6) ++count;
        warn(ew, "lenient-enablewhen", "answerInteger \"" + text + "\" is read as a " + item_type_name(t.type) +
                                           " for \"" + t.link_id + "\"");
        return out;
    }

    // An answerString / answerInteger / answerDecimal against a coded question compares the
    // chosen option's code (HL7's SDC enableWhen test form relies on it). True when that applies.
    bool lenient_code(const Item& t, const AnswerValue& a, const std::string& link_id, const std::string& ew) {
        if (t.type != ItemType::Choice && t.type != ItemType::OpenChoice) return false;
        if (a.type != ValueType::String && a.type != ValueType::Integer && a.type != ValueType::Decimal) return false;
        if (t.type == ItemType::OpenChoice && a.type == ValueType::String) return false;  // free text compares as text
        const bool coded = std::any_of(t.options.begin(), t.options.end(),
                                       [](const AnswerOption& o) { return o.value.type == ValueType::Coding; });
        if (!coded && !t.options.empty()) return false;
        warn(link_id, "lenient-enablewhen",
             ew + ": answer" + value_type_name(a.type) + " \"" + a.to_string() + "\" against the coded question \"" +
                 t.link_id + "\" is compared with the chosen option's code");
        return true;
    }

    static void check_condition_type(const Item& t, EnableOperator op, const AnswerValue& a, const std::string& ew) {
        const std::string target = "\"" + t.link_id + "\" (" + item_type_name(t.type) + ")";
        if (op == EnableOperator::Exists) {
            if (a.type != ValueType::Boolean) fail("enablewhen-type", ew, "operator \"exists\" needs answerBoolean");
            return;
        }
        if (!value_fits(t, a, false))
            fail("enablewhen-type", ew, std::string("answer") + value_type_name(a.type) + " cannot be compared with " + target);
        const bool ordered = op != EnableOperator::Equal && op != EnableOperator::NotEqual;
        // A choice answer that is not one of the options could never match: an authoring error.
        // Open-choice items also take free text, so a string there is fine.
        const bool free_text = t.type == ItemType::OpenChoice && a.type == ValueType::String;
        if ((t.type == ItemType::Choice || t.type == ItemType::OpenChoice) && !free_text && !t.options.empty() &&
            !t.find_option(a))
            fail("enablewhen-type", ew, "\"" + a.to_string() + "\" is not one of the answers of " + target);
        if (ordered && (a.type == ValueType::Boolean || a.type == ValueType::Coding))
            fail("enablewhen-type", ew, std::string("operator \"") + enable_operator_name(op) + "\" cannot order " +
                                            value_type_name(a.type) + " answers of " + target);
    }

    // Depth-first search over "depends on" edges (parent, enableWhen questions). A back edge
    // is a cycle: no order of evaluation could settle such an item. The post-order is the
    // evaluation order.
    void order_dependencies() {
        const std::size_t n = m_q.m_items.size();
        std::vector<char> state(n, 0);  // 0 new, 1 on the stack, 2 done
        m_q.m_eval_order.reserve(n);
        for (std::size_t root = 0; root < n; ++root) {
            if (state[root]) continue;
            // Explicit stack (item, next edge) so a long dependency chain cannot overflow.
            std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
            state[root] = 1;
            while (!stack.empty()) {
                auto& [node, edge] = stack.back();
                const Item& it = m_q.m_items[node];
                const std::size_t edges = it.enable_when.size() + (it.parent ? 1 : 0);
                if (edge == edges) {
                    state[node] = 2;
                    m_q.m_eval_order.push_back(node);
                    stack.pop_back();
                    continue;
                }
                const std::size_t next = edge < it.enable_when.size() ? it.enable_when[edge].question : *it.parent;
                ++edge;
                if (state[next] == 1) {
                    fail("enablewhen-cycle", it.link_id,
                         "enableWhen forms a cycle through \"" + m_q.m_items[next].link_id +
                             "\" (an item cannot depend on itself, its own group or its descendants)");
                }
                if (state[next] == 0) {
                    state[next] = 1;
                    stack.emplace_back(next, 0);
                }
            }
        }
    }
};

//----------------------------------------------------------------------------------------------
// [SECTION] Questionnaire
//----------------------------------------------------------------------------------------------

Questionnaire Questionnaire::parse(std::string_view text, std::string_view source, const std::vector<json>* value_sets) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("malformed-json", std::string(source), "not valid JSON", json_syntax_position(text));
    return from_json(doc, source, value_sets);
}

Questionnaire Questionnaire::from_json(const json& doc, std::string_view source, const std::vector<json>* value_sets) {
    Questionnaire q;
    try {
        QuestionnaireParser(q, std::string(source), value_sets).run(doc);
    } catch (const Error& e) {
        throw with_param(e, "file", std::string(source));  // for the screens
    }
    q.m_json = std::make_shared<const json>(doc);
    q.rebuild_lookups();
    return q;
}

void Questionnaire::rebuild_lookups() {
    m_by_link_id.clear();
    m_by_code.clear();
    // The first instance of an item is the one found by linkId (emplace keeps the first).
    for (std::size_t i = 0; i < m_items.size(); ++i) m_by_link_id.emplace(m_items[i].link_id, i);
    // Items found by code: the linkId itself (built-in LOINC forms) or any item.code.
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item& it = m_items[i];
        if (!it.is_question()) continue;
        for (const Coding& c : it.codes) m_by_code.emplace(c.code, i);
    }
    // A linkId wins over another item's code; copies (later instances) never win.
    for (std::size_t i = m_items.size(); i-- > 0;)
        if (m_items[i].is_question()) m_by_code.insert_or_assign(m_items[i].link_id, i);
}

const json& Questionnaire::source_json() const {
    static const json kNone = json::object();
    return m_json ? *m_json : kNone;
}

void Questionnaire::add_language(const std::string& lang, const std::map<std::string, std::string>& wording, json source) {
    bool any = false;
    const auto put = [&](LocalizedText& t) {
        const auto w = wording.find(t.base);
        if (t.base.empty() || w == wording.end()) return;
        any = true;
        for (auto& [l, text] : t.translations)
            if (l == lang) return void(text = w->second);
        t.translations.emplace_back(lang, w->second);
    };
    put(m_title);
    for (Item& it : m_items) {
        put(it.text);
        put(it.prefix);
        put(it.help);
        for (AnswerOption& o : it.options) put(o.label);
    }
    // As parsing orders them: the base language, then the others sorted.
    if (any && std::find(m_languages.begin(), m_languages.end(), lang) == m_languages.end()) {
        const auto others = m_languages.empty() ? m_languages.begin() : m_languages.begin() + 1;
        m_languages.insert(std::upper_bound(others, m_languages.end(), lang), lang);
    }
    m_json = std::make_shared<const json>(std::move(source));
}

bool Questionnaire::has_code(std::string_view code) const {
    return std::any_of(m_codes.begin(), m_codes.end(), [&](const Coding& c) { return c.code == code; });
}

std::vector<std::size_t> Questionnaire::roots() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (!m_items[i].parent) out.push_back(i);
    return out;
}

std::optional<std::size_t> Questionnaire::find(std::string_view link_id) const {
    const auto it = m_by_link_id.find(link_id);
    if (it == m_by_link_id.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> Questionnaire::find_by_code(std::string_view code) const {
    const auto it = m_by_code.find(code);
    if (it == m_by_code.end()) return std::nullopt;
    return it->second;
}

std::size_t Questionnaire::question_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(), [](const Item& it) { return it.is_question(); }));
}

}  // namespace safetynet::core
