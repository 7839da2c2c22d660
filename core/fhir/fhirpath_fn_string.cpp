// FHIRPath N1 §5.6 "String manipulation" and FHIRPath 2.1's additions used by the R4 suite
// (lastIndexOf, matchesFull, encode/decode, escape/unescape, trim, split, join). Positions and
// lengths count Unicode code points, not bytes; upper() and lower() change ASCII letters only.
// Regular expressions are matched in linear time (fhirpath_regex.hpp), not by std::regex.
#include "core/base/base64.hpp"
#include "core/base/bytes.hpp"
#include "core/base/error.hpp"
#include "core/fhir/fhirpath_evaluator.hpp"
#include "core/fhir/fhirpath_functions.hpp"
#include "core/fhir/fhirpath_regex.hpp"


namespace safetynet::core::fhirpath {

namespace {

using Kind = Value::Kind;

Items string(std::string s) { return {Value::string(std::move(s))}; }
Items boolean(bool b) { return {Value::boolean(b)}; }
Items integer(std::int64_t i) { return {Value::integer(i)}; }

// Byte offsets where code points start, plus the end: a string of n code points has n + 1.
std::vector<std::size_t> code_points(std::string_view s) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    starts.push_back(s.size());
    return starts;
}

std::int64_t code_point_index(std::string_view s, std::size_t byte) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < byte && i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    }
    return n;
}

Regex compile_regex(Evaluator& ev, const Ast& at, const std::string& pattern) {
    try {
        return Regex::compile(pattern);
    } catch (const RegexError& e) {
        ev.fail(at, "not a valid regular expression: " + pattern + " (" + e.what() + ")");
    }
}

Items fn_index_of(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> sub = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !sub) return {};
    const std::size_t at = call.name == "indexOf" ? s->find(*sub) : s->rfind(*sub);
    return integer(at == std::string::npos ? -1 : code_point_index(*s, at));
}

Items fn_substring(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::int64_t> start = s ? ev.integer_arg(call, 0, frame) : std::nullopt;
    if (!s || !start) return {};
    const std::vector<std::size_t> cp = code_points(*s);
    const std::int64_t n = static_cast<std::int64_t>(cp.size()) - 1;
    if (*start < 0 || *start >= n) return {};
    std::int64_t end = n;
    if (call.args.size() > 1) {
        const std::optional<std::int64_t> length = ev.integer_arg(call, 1, frame);
        if (length) end = *length <= 0 ? *start : std::min(n, *start + *length);
    }
    return string(s->substr(cp[*start], cp[end] - cp[*start]));
}

Items fn_starts_ends_contains(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> part = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !part) return {};
    if (call.name == "startsWith") return boolean(s->compare(0, part->size(), *part) == 0);
    if (call.name == "endsWith") return boolean(s->size() >= part->size() && s->compare(s->size() - part->size(), part->size(), *part) == 0);
    return boolean(s->find(*part) != std::string::npos);
}

Items fn_case(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    std::optional<std::string> s = ev.input_string(input, call);
    if (!s) return {};
    const bool up = call.name == "upper";
    for (char& c : *s) {
        if (up && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!up && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return string(std::move(*s));
}

Items fn_replace(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> pattern = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    const std::optional<std::string> with = pattern ? ev.string_arg(call, 1, frame) : std::nullopt;
    if (!s || !pattern || !with) return {};
    std::string out;
    if (pattern->empty()) {
        // §5.6.7: an empty pattern puts the substitution around every character.
        const std::vector<std::size_t> cp = code_points(*s);
        for (std::size_t i = 0; i + 1 < cp.size(); ++i) out += *with + s->substr(cp[i], cp[i + 1] - cp[i]);
        return string(out + *with);
    }
    std::size_t from = 0;
    for (std::size_t at = s->find(*pattern); at != std::string::npos; at = s->find(*pattern, from)) {
        out.append(*s, from, at - from);
        out += *with;
        from = at + pattern->size();
    }
    out.append(*s, from, std::string::npos);
    return string(std::move(out));
}

Items fn_matches(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> pattern = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !pattern) return {};
    const Regex re = compile_regex(ev, *call.args[0], *pattern);
    return boolean(call.name == "matchesFull" ? re.full_match(*s) : re.search(*s));
}

Items fn_replace_matches(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> pattern = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    const std::optional<std::string> with = pattern ? ev.string_arg(call, 1, frame) : std::nullopt;
    if (!s || !pattern || !with) return {};
    if (pattern->empty()) return string(*s);
    return string(compile_regex(ev, *call.args[0], *pattern).replace_all(*s, *with));
}

Items fn_length(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<std::string> s = ev.input_string(input, call);
    if (!s) return {};
    return integer(static_cast<std::int64_t>(code_points(*s).size()) - 1);
}

Items fn_to_chars(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<std::string> s = ev.input_string(input, call);
    if (!s) return {};
    const std::vector<std::size_t> cp = code_points(*s);
    Items out;
    for (std::size_t i = 0; i + 1 < cp.size(); ++i) out.push_back(Value::string(s->substr(cp[i], cp[i + 1] - cp[i])));
    return out;
}

Items fn_trim(Evaluator& ev, const Ast& call, const Items& input, const Frame&) {
    const std::optional<std::string> s = ev.input_string(input, call);
    if (!s) return {};
    const char* space = " \t\r\n";
    const std::size_t first = s->find_first_not_of(space);
    if (first == std::string::npos) return string("");
    return string(s->substr(first, s->find_last_not_of(space) - first + 1));
}

Items fn_split(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> sep = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !sep) return {};
    if (sep->empty()) return fn_to_chars(ev, call, input, frame);
    Items out;
    std::size_t from = 0;
    for (std::size_t at = s->find(*sep); at != std::string::npos; at = s->find(*sep, from)) {
        out.push_back(Value::string(s->substr(from, at - from)));
        from = at + sep->size();
    }
    out.push_back(Value::string(s->substr(from)));
    return out;
}

Items fn_join(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    if (input.empty()) return {};
    std::string sep;
    if (!call.args.empty()) sep = ev.string_arg(call, 0, frame).value_or("");
    std::string out;
    bool first = true;
    for (const Value& v : input) {
        if (v.is_valueless()) continue;
        const std::optional<Value> p = v.primitive();
        if (!p || p->kind() != Kind::String) ev.fail(call, "join() works on Strings, not " + v.qualified_type_name());
        if (!first) out += sep;
        first = false;
        out += p->as_string();
    }
    return string(std::move(out));
}

std::string to_url_alphabet(std::string s) {
    for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return s;
}

std::string from_url_alphabet(std::string s) {
    for (char& c : s) c = c == '-' ? '+' : c == '_' ? '/' : c;
    return s;
}

Items fn_encode(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> format = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !format) return {};
    if (*format == "hex") return string(to_hex(as_bytes(*s)));
    if (*format == "base64") return string(base64_encode(as_bytes(*s), Base64Padding::Padded));
    if (*format == "urlbase64") return string(to_url_alphabet(base64_encode(as_bytes(*s), Base64Padding::Padded)));
    ev.fail(*call.args[0], "encode() knows hex, base64 and urlbase64, not " + *format);
}

Items fn_decode(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> format = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !format) return {};
    std::optional<Bytes> bytes;
    if (*format == "hex") {
        try {
            bytes = from_hex(*s);
        } catch (const Error&) {
        }
    } else if (*format == "base64" || *format == "urlbase64") {
        bytes = base64_decode(*format == "base64" ? *s : from_url_alphabet(*s), Base64Padding::Padded);
    } else {
        ev.fail(*call.args[0], "decode() knows hex, base64 and urlbase64, not " + *format);
    }
    if (!bytes) return {};
    return string(to_string(*bytes));
}

Items fn_escape(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> target = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !target) return {};
    std::string out;
    if (*target == "html") {
        for (char c : *s) {
            switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
            }
        }
    } else if (*target == "json") {
        // The body of a JSON string literal, without its quotes.
        const std::string quoted = nlohmann::json(*s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out = quoted.substr(1, quoted.size() - 2);
    } else {
        ev.fail(*call.args[0], "escape() knows html and json, not " + *target);
    }
    return string(std::move(out));
}

// JSON string escapes (RFC 8259 §7) undone; anything else is kept as it is.
std::string json_unescaped(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
            if (i + 4 < s.size()) {
                try {
                    out += nlohmann::json::parse("\"\\u" + std::string(s.substr(i + 1, 4)) + "\"").get<std::string>();
                    i += 4;
                    break;
                } catch (const nlohmann::json::exception&) {
                }
            }
            out += "\\u";
            break;
        case '"': case '\\': case '/': out += c; break;
        default:  // not a JSON escape: kept as written
            out += '\\';
            out += c;
        }
    }
    return out;
}

Items fn_unescape(Evaluator& ev, const Ast& call, const Items& input, const Frame& frame) {
    const std::optional<std::string> s = ev.input_string(input, call);
    const std::optional<std::string> target = s ? ev.string_arg(call, 0, frame) : std::nullopt;
    if (!s || !target) return {};
    if (*target == "json") return string(json_unescaped(*s));
    if (*target != "html") ev.fail(*call.args[0], "unescape() knows html and json, not " + *target);
    static const std::pair<std::string_view, char> entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < s->size();) {
        bool replaced = false;
        for (const auto& [entity, c] : entities) {
            if (s->compare(i, entity.size(), entity) == 0) {
                out += c;
                i += entity.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) out += (*s)[i++];
    }
    return string(std::move(out));
}

constexpr FunctionDef table[] = {
    {"indexOf", 1, 1, fn_index_of},
    {"lastIndexOf", 1, 1, fn_index_of},
    {"substring", 1, 2, fn_substring},
    {"startsWith", 1, 1, fn_starts_ends_contains},
    {"endsWith", 1, 1, fn_starts_ends_contains},
    {"contains", 1, 1, fn_starts_ends_contains},
    {"upper", 0, 0, fn_case},
    {"lower", 0, 0, fn_case},
    {"replace", 2, 2, fn_replace},
    {"matches", 1, 1, fn_matches},
    {"matchesFull", 1, 1, fn_matches},
    {"replaceMatches", 2, 2, fn_replace_matches},
    {"length", 0, 0, fn_length},
    {"toChars", 0, 0, fn_to_chars},
    {"trim", 0, 0, fn_trim},
    {"split", 1, 1, fn_split},
    {"join", 0, 1, fn_join},
    {"encode", 1, 1, fn_encode},
    {"decode", 1, 1, fn_decode},
    {"escape", 1, 1, fn_escape},
    {"unescape", 1, 1, fn_unescape},
};

}  // namespace

std::span<const FunctionDef> string_functions() { return table; }

}  // namespace safetynet::core::fhirpath
