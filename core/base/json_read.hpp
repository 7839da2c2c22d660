#pragma once
// Strict reading of our own JSON documents (referrals, store sections, status updates): every
// field is checked for its type, unknown fields are refused (a typo must not silently drop
// data), and each failure is a core::Error(kind, "<document path>", ...) naming the field.
#include "core/base/error.hpp"
#include "core/base/secret.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace safetynet::core {

class JsonReader {
public:
    // `kind`: the error kind for this document ("referral", "store-data", ...); `path` names
    // `j` in messages ("referral.patient").
    JsonReader(const nlohmann::json& j, std::string kind, std::string path);

    // Throws unless `j` is an object holding no key outside `allowed`.
    void only(std::initializer_list<std::string_view> allowed) const;

    bool has(std::string_view key) const;
    const nlohmann::json& at(std::string_view key) const;  // required, any type
    std::string string(std::string_view key) const;        // required string
    std::string opt_string(std::string_view key) const;    // "" when absent or null
    bool opt_bool(std::string_view key, bool fallback) const;
    long long integer(std::string_view key) const;         // required integer
    const nlohmann::json& array(std::string_view key) const;      // required array
    const nlohmann::json& opt_array(std::string_view key) const;  // empty array when absent
    // A reader for the object at `key` (required).
    JsonReader object(std::string_view key) const;
    JsonReader element(const nlohmann::json& item, std::size_t index, std::string_view array_key) const;

    [[noreturn]] void fail(std::string_view key, const std::string& message) const;
    const std::string& path() const { return m_path; }
    const std::string& kind() const { return m_kind; }
    const nlohmann::json& json() const { return m_j; }

private:
    const nlohmann::json& m_j;
    std::string m_kind;
    std::string m_path;
};

// Lenient reads of foreign documents (FHIR from other systems, files a user picks), where a
// field is only looked at, not required or checked: a missing field, a field of another type and a `j`
// that is not an object all read as the fallback. nlohmann's json::value() would instead throw
// a type_error for a present field of the wrong type, which no caller expects (the fuzzers
// found {"resourceType": 2} crashing the QuestionnaireResponse reader that way).
std::string string_field(const nlohmann::json& j, std::string_view key);  // "" unless a string
long long integer_field(const nlohmann::json& j, std::string_view key, long long fallback);
bool bool_field(const nlohmann::json& j, std::string_view key, bool fallback);

// Checked reads of foreign documents (FHIR resources from other systems, imported
// questionnaires): a field may be absent, but one present with another type is an error. A
// null counts as absent, and a `j` that is not an object has no fields. The error is
// core::Error(kind, "<where>.<key>", "must be a string") — the FHIRPath of the field — or, for
// readers whose errors name the object rather than the field (ErrorAt::Object: the
// questionnaire names the item), core::Error(kind, "<where>", "\"<key>\" must be a string").
enum class ErrorAt { Field, Object };

class FieldReader {
public:
    explicit FieldReader(std::string kind, ErrorAt at = ErrorAt::Field) : m_kind(std::move(kind)), m_at(at) {}

    static const nlohmann::json* find(const nlohmann::json& j, std::string_view key);  // nullptr when absent
    std::optional<std::string> optional_string(const nlohmann::json& j, std::string_view key,
                                               const std::string& where) const;
    std::string string(const nlohmann::json& j, std::string_view key, const std::string& where) const;  // "" when absent
    std::string required_string(const nlohmann::json& j, std::string_view key, const std::string& where) const;
    bool boolean(const nlohmann::json& j, std::string_view key, const std::string& where) const;  // false when absent
    // The array at `key`, or an empty one when absent.
    const nlohmann::json& array(const nlohmann::json& j, std::string_view key, const std::string& where) const;

    [[noreturn]] void fail(const std::string& where, std::string_view key, const std::string& message) const;

private:
    std::string m_kind;
    ErrorAt m_at;
};

// Parses JSON text, turning a syntax error into core::Error(kind, where, ...). Nesting deeper
// than `max_depth` is refused while parsing (before any deep structure is built).
// The error carries the position of the syntax error as params "line" and "column" (1-based;
// the column counts characters, not bytes), for the screens to name it.
nlohmann::json parse_json_text(std::string_view text, const std::string& kind, const std::string& where,
                               int max_depth = 64);
// Where the first syntax error in `text` is, as error params {"line", "column"}; none when the
// text parses (a caller that parsed with allow_exceptions=false and got a discarded value asks).
ErrorParams json_syntax_position(std::string_view text);

// Overwrites every string in `j` (keys excepted) with zeros: for documents holding PHI, before
// they are destroyed.
void wipe_json(nlohmann::json& j);
// dump() into SecretBytes, wiping the intermediate string.
SecretBytes dump_secret(const nlohmann::json& j);

}  // namespace safetynet::core
