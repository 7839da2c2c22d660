// Questionnaire import: FHIR R4 JSON -> core::Questionnaire, refusing what we cannot honour.
//
// [SECTION] Values
// [SECTION] JSON helpers
// [SECTION] Parser: items
// [SECTION] Parser: enableWhen and the dependency order
// [SECTION] Questionnaire
#include "core/screening/questionnaire.hpp"

#include "core/base/error.hpp"
#include "core/base/json_read.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

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
        case ValueType::Date: return string == o.string;
        case ValueType::Coding:
            return coding.code == o.coding.code &&
                   (coding.system.empty() || o.coding.system.empty() || coding.system == o.coding.system);
        default: return false;
    }
}

std::string AnswerValue::to_string() const {
    switch (type) {
        case ValueType::Boolean: return boolean ? "true" : "false";
        case ValueType::Integer: return std::to_string(integer);
        case ValueType::Decimal: return nlohmann::json(decimal).dump();
        case ValueType::String:
        case ValueType::Date: return string;
        case ValueType::Coding: return coding.code;
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
    if (out.code.empty()) fail(kind, where, "a Coding needs a \"code\"");
    return out;
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Parser: items
//----------------------------------------------------------------------------------------------

class QuestionnaireParser {
public:
    QuestionnaireParser(Questionnaire& q, std::string source) : m_q(q), m_source(std::move(source)) {}

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

    static std::optional<ItemType> item_type(const std::string& t) {
        static const std::pair<const char*, ItemType> types[] = {
            {"group", ItemType::Group},   {"display", ItemType::Display},       {"boolean", ItemType::Boolean},
            {"choice", ItemType::Choice}, {"open-choice", ItemType::OpenChoice}, {"integer", ItemType::Integer},
            {"decimal", ItemType::Decimal}, {"string", ItemType::String},       {"text", ItemType::Text},
            {"date", ItemType::Date}};
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
        check_item_shape(j, it, options != nullptr, children != nullptr, where);
        if (options) parse_options(*options, it, where);
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
        if (!type_name) fail("malformed-item", where, "the item has no \"type\"");
        const auto type = item_type(*type_name);
        if (!type) fail("unsupported-item-type", where, "item type \"" + *type_name + "\" is not supported");
        if (FieldReader::find(j, "modifierExtension"))
            fail("unsupported-feature", where, "the item has a modifierExtension we cannot honour");
        if (find_extension(j, kEnableWhenExpression, where))
            fail("unsupported-feature", where, "enableWhenExpression (FHIRPath) is not supported; use enableWhen");
        if (FieldReader::find(j, "answerValueSet"))
            fail("unsupported-feature", where, "answerValueSet is not supported; list the answers as answerOption");
        return *type;
    }

    void read_item_fields(const json& j, Item& it, const std::string& where) {
        it.text = localized(j, "text", where, m_languages);
        it.prefix = localized(j, "prefix", where, m_languages);
        if (const json* codes = FieldReader::find(j, "code")) {
            if (!codes->is_array()) fail("malformed-item", where, "\"code\" must be an array of Coding");
            for (const json& c : *codes) it.codes.push_back(parse_coding(c, "malformed-item", where));
        }
        it.required = kItemFields.boolean(j, "required", where);
        it.repeats = kItemFields.boolean(j, "repeats", where);
        it.read_only = kItemFields.boolean(j, "readOnly", where) || find_extension(j, kCalculatedExpression, where);
        if (const json* ml = FieldReader::find(j, "maxLength")) {
            if (!ml->is_number_integer() || ml->get<std::int64_t>() < 1 || ml->get<std::int64_t>() > 1000000)
                fail("malformed-item", where, "\"maxLength\" must be a positive integer");
            it.max_length = ml->get<int>();
        }
    }

    // que-1, que-5, que-6: the shape rules of FHIR R4 Questionnaire, and what we support.
    static void check_item_shape(const json& j, const Item& it, bool options, bool children, const std::string& where) {
        if (it.type == ItemType::Group && !children)
            fail("malformed-item", where, "a group must contain items (que-1)");
        if (it.type == ItemType::Display && children)
            fail("malformed-item", where, "a display item cannot contain items (que-1)");
        if (it.type == ItemType::Display && (it.required || it.repeats))
            fail("malformed-item", where, "a display item cannot be required or repeat (que-6)");
        if (options && it.type != ItemType::Choice && it.type != ItemType::OpenChoice)
            fail("malformed-item", where, "only choice and open-choice items can have answerOption (que-5)");
        if (it.type == ItemType::Choice && !options)
            fail("malformed-item", where, "a choice item needs answerOption");
        if (it.type == ItemType::Group && it.repeats)
            fail("unsupported-feature", where, "repeating groups are not supported");
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
        // A question may carry display children (help, instructions); nested questions are not
        // supported because their answers would live inside the parent's answer.
        for (const json& c : children) {
            if (!c.is_object() || !c.contains("type") || c["type"] != "display")
                fail("unsupported-feature", where, "questions nested under a question are not supported; use a group");
            fold_help(c, index, where);
        }
    }

    void parse_items_one(const json& j, std::optional<std::size_t> parent, int depth, const std::string& path) {
        if (depth >= kMaxDepth) fail("malformed-item", path, "groups are nested more than 32 deep");
        if (!j.is_object()) fail("malformed-item", path, "an item must be a JSON object");
        if (m_q.m_items.size() >= kMaxItems) fail("malformed-item", path, "more than 5000 items");
        const std::string link_id = kItemFields.optional_string(j, "linkId", path).value_or("");
        claim_link_id(link_id, path);
        parse_item(j, link_id, parent, depth, path);
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
            for (const char* unsupported : {"valueDate", "valueTime", "valueReference"})
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
            if (values != 1)
                fail("malformed-answer-option", ow, "an answerOption needs exactly one of valueCoding, valueString, valueInteger");
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
        if (it.type == ItemType::Choice)
            fail("malformed-initial", where, "a choice item sets its default with answerOption.initialSelected (que-11)");
        for (const json& v : *initial) {
            if (!v.is_object()) fail("malformed-initial", where, "an initial value must be an object");
            int count = 0;
            auto value = read_value(v, "value", "malformed-initial", where, count);
            if (count != 1 || !value) fail("malformed-initial", where, "an initial value needs exactly one value[x]");
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
            case ItemType::Choice: return !must_be_option || it.find_option(v).has_value();
            case ItemType::OpenChoice:
                return v.type == ValueType::String || !must_be_option || it.find_option(v).has_value();
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
            int count = 0;
            auto answer = read_value(e, "answer", "malformed-enablewhen", ew, count);
            if (count != 1 || !answer) fail("malformed-enablewhen", ew, "an enableWhen needs exactly one answer[x]");

            const auto target = m_q.find(*question);
            if (!target) {
                const bool is_help = m_link_ids.count(*question) > 0;
                fail("enablewhen-missing-item", ew, "\"" + *question + "\" " +
                     (is_help ? "is a help text, not a question" : "is not an item of this Questionnaire"));
            }
            if (*target == index) fail("enablewhen-cycle", ew, "the item depends on its own answer");
            const Item& t = m_q.m_items[*target];
            if (!t.is_question())
                fail("enablewhen-type", ew, "\"" + *question + "\" is a " + item_type_name(t.type) + " and has no answer");
            check_condition_type(t, cond.op, *answer, ew);
            cond.question = *target;
            if (cond.op == EnableOperator::Exists) cond.exists = answer->boolean;
            cond.answer = std::move(*answer);
            conditions.push_back(std::move(cond));
        }
        m_q.m_items[index].enable_when = std::move(conditions);
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
        if ((t.type == ItemType::Choice || t.type == ItemType::OpenChoice) && !free_text && !t.find_option(a))
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

Questionnaire Questionnaire::parse(std::string_view text, std::string_view source) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("malformed-json", std::string(source), "not valid JSON");
    return from_json(doc, source);
}

Questionnaire Questionnaire::from_json(const json& doc, std::string_view source) {
    Questionnaire q;
    QuestionnaireParser(q, std::string(source)).run(doc);
    // Items found by code: the linkId itself (built-in LOINC forms) or any item.code.
    for (std::size_t i = 0; i < q.m_items.size(); ++i) {
        const Item& it = q.m_items[i];
        if (!it.is_question()) continue;
        for (const Coding& c : it.codes) q.m_by_code.emplace(c.code, i);
    }
    for (std::size_t i = 0; i < q.m_items.size(); ++i)
        if (q.m_items[i].is_question()) q.m_by_code.insert_or_assign(q.m_items[i].link_id, i);
    return q;
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
