#include "core/base/json_read.hpp"

#include "core/base/secret.hpp"

#include <algorithm>
#include <cstring>
#include <ostream>
#include <streambuf>

namespace safetynet::core {

namespace {
const nlohmann::json& empty_array() {
    static const nlohmann::json a = nlohmann::json::array();
    return a;
}
}  // namespace

JsonReader::JsonReader(const nlohmann::json& j, std::string kind, std::string path)
    : m_j(j), m_kind(std::move(kind)), m_path(std::move(path)) {
    if (!m_j.is_object()) throw Error(m_kind, m_path, "must be a JSON object");
}

void JsonReader::only(std::initializer_list<std::string_view> allowed) const {
    for (const auto& item : m_j.items())
        if (std::find(allowed.begin(), allowed.end(), std::string_view(item.key())) == allowed.end())
            fail(item.key(), "unknown field");
}

bool JsonReader::has(std::string_view key) const {
    const auto it = m_j.find(std::string(key));
    return it != m_j.end() && !it->is_null();
}

const nlohmann::json& JsonReader::at(std::string_view key) const {
    const auto it = m_j.find(std::string(key));
    if (it == m_j.end() || it->is_null()) fail(key, "missing");
    return *it;
}

std::string JsonReader::string(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_string()) fail(key, "must be a string");
    return v.get<std::string>();
}

std::string JsonReader::opt_string(std::string_view key) const { return has(key) ? string(key) : std::string(); }

bool JsonReader::opt_bool(std::string_view key, bool fallback) const {
    if (!has(key)) return fallback;
    const auto& v = at(key);
    if (!v.is_boolean()) fail(key, "must be true or false");
    return v.get<bool>();
}

long long JsonReader::integer(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_number_integer()) fail(key, "must be an integer");
    return v.get<long long>();
}

const nlohmann::json& JsonReader::array(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_array()) fail(key, "must be an array");
    return v;
}

const nlohmann::json& JsonReader::opt_array(std::string_view key) const {
    return has(key) ? array(key) : empty_array();
}

JsonReader JsonReader::object(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_object()) fail(key, "must be an object");
    return JsonReader(v, m_kind, m_path + "." + std::string(key));
}

JsonReader JsonReader::element(const nlohmann::json& item, std::size_t index, std::string_view array_key) const {
    const std::string p = m_path + "." + std::string(array_key) + "[" + std::to_string(index) + "]";
    if (!item.is_object()) throw Error(m_kind, p, "must be a JSON object");
    return JsonReader(item, m_kind, p);
}

void JsonReader::fail(std::string_view key, const std::string& message) const {
    throw Error(m_kind, m_path + "." + std::string(key), message);
}

const nlohmann::json* FieldReader::find(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> FieldReader::optional_string(const nlohmann::json& j, std::string_view key,
                                                        const std::string& where) const {
    const auto* v = find(j, key);
    if (!v) return std::nullopt;
    if (!v->is_string()) fail(where, key, "must be a string");
    return v->get<std::string>();
}

std::string FieldReader::string(const nlohmann::json& j, std::string_view key, const std::string& where) const {
    return optional_string(j, key, where).value_or(std::string());
}

std::string FieldReader::required_string(const nlohmann::json& j, std::string_view key,
                                         const std::string& where) const {
    auto s = optional_string(j, key, where);
    if (!s) fail(where, key, "missing");
    return std::move(*s);
}

bool FieldReader::boolean(const nlohmann::json& j, std::string_view key, const std::string& where) const {
    const auto* v = find(j, key);
    if (!v) return false;
    if (!v->is_boolean()) fail(where, key, "must be true or false");
    return v->get<bool>();
}

const nlohmann::json& FieldReader::array(const nlohmann::json& j, std::string_view key,
                                         const std::string& where) const {
    const auto* v = find(j, key);
    if (!v) return empty_array();
    if (!v->is_array()) fail(where, key, "must be an array");
    return *v;
}

void FieldReader::fail(const std::string& where, std::string_view key, const std::string& message) const {
    // The field is a parameter too, for the screens (ui/shell/error_text.hpp); what() is as before.
    ErrorParams params{{"field", std::string(key)}};
    if (m_at == ErrorAt::Object) throw Error(m_kind, where, "\"" + std::string(key) + "\" " + message, std::move(params));
    throw Error(m_kind, where + "." + std::string(key), message, std::move(params));
}

namespace {
// The lenient reads see a null as a value of another type, which reads as the fallback.
const nlohmann::json* field(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}
}  // namespace

std::string string_field(const nlohmann::json& j, std::string_view key) {
    const auto* v = field(j, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

long long integer_field(const nlohmann::json& j, std::string_view key, long long fallback) {
    const auto* v = field(j, key);
    return v && v->is_number_integer() ? v->get<long long>() : fallback;
}

bool bool_field(const nlohmann::json& j, std::string_view key, bool fallback) {
    const auto* v = field(j, key);
    return v && v->is_boolean() ? v->get<bool>() : fallback;
}

namespace {

// nlohmann's parse_error::byte is the 1-based index of the byte that failed (its own message
// counts columns in bytes); a person counts characters, so the column skips UTF-8 continuation bytes.
ErrorParams position_params(std::string_view text, std::size_t byte) {
    const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return {{"line", std::to_string(line)}, {"column", std::to_string(column)}};
}

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& kind, const std::string& where,
                               int max_depth) {
    const auto limit = [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > max_depth)
            throw Error(kind, where, "nested more than " + std::to_string(max_depth) + " levels deep");
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), limit);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(kind, where, std::string("not valid JSON: ") + e.what(), position_params(text, e.byte));
    } catch (const nlohmann::json::exception& e) {
        throw Error(kind, where, std::string("not valid JSON: ") + e.what());
    }
}

ErrorParams json_syntax_position(std::string_view text) {
    try {
        // Nothing is kept (the callback discards every value): only the error's position is wanted.
        const nlohmann::json none =
            nlohmann::json::parse(text.begin(), text.end(), [](int, nlohmann::json::parse_event_t, nlohmann::json&) { return false; });
        (void)none;
    } catch (const nlohmann::json::parse_error& e) {
        return position_params(text, e.byte);
    } catch (const nlohmann::json::exception&) {
    }
    return {};
}

void wipe_json(nlohmann::json& j) {
    if (j.is_string()) {
        secure_wipe(j.get_ref<std::string&>());
    } else if (j.is_structured()) {
        for (auto& v : j) wipe_json(v);
    }
}

namespace {
// An output buffer that wipes every block it outgrows, so serializing PHI leaves no copy
// behind in freed memory (std::string growth would).
class WipingBuffer : public std::streambuf {
public:
    ~WipingBuffer() override { secure_wipe(m_buf); }
    SecretBytes take() {
        SecretBytes out(ByteView(m_buf.data(), m_size));
        secure_wipe(m_buf);
        m_size = 0;
        return out;
    }

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto count = static_cast<std::size_t>(n);
        if (m_size + count > m_buf.size()) {
            Bytes next(std::max(m_buf.size() * 2, m_size + count + 256));
            if (m_size > 0) std::memcpy(next.data(), m_buf.data(), m_size);  // (memcpy from null is UB)
            secure_wipe(m_buf);
            m_buf.swap(next);
        }
        if (count > 0) std::memcpy(m_buf.data() + m_size, s, count);
        m_size += count;
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) {
            const char ch = traits_type::to_char_type(c);
            xsputn(&ch, 1);
        }
        return traits_type::not_eof(c);
    }

private:
    Bytes m_buf;
    std::size_t m_size = 0;
};
}  // namespace

SecretBytes dump_secret(const nlohmann::json& j) {
    WipingBuffer buffer;
    std::ostream out(&buffer);
    out << j;
    return buffer.take();
}

}  // namespace safetynet::core
