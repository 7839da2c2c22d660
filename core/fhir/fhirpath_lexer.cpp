#include "core/fhir/fhirpath_lexer.hpp"

#include "core/fhir/fhirpath.hpp"

namespace safetynet::core::fhirpath {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view s) : m_s(s) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_space_and_comments();
            if (m_pos >= m_s.size()) break;
            out.push_back(next());
        }
        out.push_back(Token{TokenKind::End, {}, m_s.size()});
        return out;
    }

private:
    [[noreturn]] void fail(std::size_t at, const std::string& message) const { throw SyntaxError(m_s, at, message); }

    void skip_space_and_comments() {
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++m_pos;
            } else if (m_s.substr(m_pos, 2) == "//") {
                while (m_pos < m_s.size() && m_s[m_pos] != '\n') ++m_pos;
            } else if (m_s.substr(m_pos, 2) == "/*") {
                const std::size_t end = m_s.find("*/", m_pos + 2);
                if (end == std::string_view::npos) fail(m_pos, "the comment is not closed with */");
                m_pos = end + 2;
            } else {
                break;
            }
        }
    }

    Token make(TokenKind kind, std::size_t start, std::size_t length) {
        m_pos = start + length;
        return Token{kind, std::string(m_s.substr(start, length)), start};
    }

    Token next() {
        const std::size_t start = m_pos;
        const char c = m_s[m_pos];
        const char d = m_pos + 1 < m_s.size() ? m_s[m_pos + 1] : '\0';
        if (is_ident_start(c)) {
            std::size_t n = 1;
            while (start + n < m_s.size() && is_ident_char(m_s[start + n])) ++n;
            return make(TokenKind::Identifier, start, n);
        }
        if (is_digit(c)) return number(start);
        switch (c) {
        case '\'': return Token{TokenKind::String, quoted('\''), start};
        case '`': return Token{TokenKind::DelimitedIdentifier, quoted('`'), start};
        case '@': return date_time(start);
        case '$': {
            std::size_t n = 1;
            while (start + n < m_s.size() && is_ident_char(m_s[start + n])) ++n;
            if (n == 1) fail(start, "'$' must be followed by this, index or total");
            Token t = make(TokenKind::Special, start, n);
            t.text.erase(0, 1);
            return t;
        }
        case '%': return make(TokenKind::Percent, start, 1);
        case '(': return make(TokenKind::LParen, start, 1);
        case ')': return make(TokenKind::RParen, start, 1);
        case '[': return make(TokenKind::LBracket, start, 1);
        case ']': return make(TokenKind::RBracket, start, 1);
        case '{': return make(TokenKind::LBrace, start, 1);
        case '}': return make(TokenKind::RBrace, start, 1);
        case ',': return make(TokenKind::Comma, start, 1);
        case '.': return make(TokenKind::Dot, start, 1);
        case '+': return make(TokenKind::Plus, start, 1);
        case '-': return make(TokenKind::Minus, start, 1);
        case '*': return make(TokenKind::Star, start, 1);
        case '/': return make(TokenKind::Slash, start, 1);
        case '&': return make(TokenKind::Amp, start, 1);
        case '|': return make(TokenKind::Pipe, start, 1);
        case '=': return make(TokenKind::Equal, start, 1);
        case '~': return make(TokenKind::Equivalent, start, 1);
        case '!':
            if (d == '=') return make(TokenKind::NotEqual, start, 2);
            if (d == '~') return make(TokenKind::NotEquivalent, start, 2);
            break;
        case '<': return d == '=' ? make(TokenKind::LessEqual, start, 2) : make(TokenKind::Less, start, 1);
        case '>': return d == '=' ? make(TokenKind::GreaterEqual, start, 2) : make(TokenKind::Greater, start, 1);
        default: break;
        }
        fail(start, std::string("unexpected character '") + c + "'");
    }

    Token number(std::size_t start) {
        std::size_t n = 0;
        while (start + n < m_s.size() && is_digit(m_s[start + n])) ++n;
        // A point is part of the number only when a digit follows it (1.5; but 1.toString()).
        if (start + n + 1 < m_s.size() && m_s[start + n] == '.' && is_digit(m_s[start + n + 1])) {
            ++n;
            while (start + n < m_s.size() && is_digit(m_s[start + n])) ++n;
        }
        if (start + n < m_s.size() && m_s[start + n] == 'L') {  // FHIRPath 2.1 Long literal
            Token t = make(TokenKind::LongNumber, start, n + 1);
            t.text.pop_back();
            return t;
        }
        return make(TokenKind::Number, start, n);
    }

    // @date, @dateTime, @Ttime: the longest run the literal grammar allows.
    Token date_time(std::size_t start) {
        std::size_t p = start + 1;
        const auto digits = [&](std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) {
                if (p + i >= m_s.size() || !is_digit(m_s[p + i])) return false;
            }
            p += count;
            return true;
        };
        const auto at = [&](char c) { return p < m_s.size() && m_s[p] == c; };
        const auto time = [&] {
            if (!digits(2)) return false;
            if (at(':') && (++p, !digits(2))) return false;
            if (at(':') && (++p, !digits(2))) return false;
            if (at('.') && p + 1 < m_s.size() && is_digit(m_s[p + 1])) {
                ++p;
                while (p < m_s.size() && is_digit(m_s[p])) ++p;
            }
            return true;
        };
        if (at('T')) {
            ++p;
            if (!time()) fail(start, "a time literal needs @Thh[:mm[:ss[.fff]]]");
            Token t{TokenKind::Time, std::string(m_s.substr(start + 2, p - start - 2)), start};
            m_pos = p;
            return t;
        }
        if (!digits(4)) fail(start, "a date literal needs @YYYY[-MM[-DD]]");
        if (at('-') && p + 1 < m_s.size() && is_digit(m_s[p + 1])) {
            ++p;
            if (!digits(2)) fail(start, "a date literal needs @YYYY[-MM[-DD]]");
            if (at('-') && p + 1 < m_s.size() && is_digit(m_s[p + 1])) {
                ++p;
                if (!digits(2)) fail(start, "a date literal needs @YYYY[-MM[-DD]]");
            }
        }
        TokenKind kind = TokenKind::DateTime;
        if (at('T')) {
            ++p;
            if (p < m_s.size() && is_digit(m_s[p]) && !time()) fail(start, "bad time in the date/time literal");
            if (at('Z')) {
                ++p;
            } else if ((at('+') || at('-')) && p + 1 < m_s.size() && is_digit(m_s[p + 1])) {
                ++p;
                if (!digits(2) || !at(':') || (++p, !digits(2))) fail(start, "a time-zone offset needs +hh:mm");
            }
        } else {
            kind = TokenKind::DateTime;  // a date: the parser tells Date from DateTime by the 'T'
        }
        Token t{kind, std::string(m_s.substr(start + 1, p - start - 1)), start};
        m_pos = p;
        return t;
    }

    unsigned hex4() {
        unsigned cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_pos < m_s.size() ? m_s[m_pos++] : '\0';
            const int v = is_digit(h) ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
            if (v < 0) fail(m_pos - 1, "\\u needs four hexadecimal digits");
            cp = cp * 16 + static_cast<unsigned>(v);
        }
        return cp;
    }

    // A '...' or `...` literal with FHIRPath's escapes (§2.1.20 "String").
    std::string quoted(char quote) {
        const std::size_t start = m_pos;
        std::string out;
        ++m_pos;
        while (m_pos < m_s.size() && m_s[m_pos] != quote) {
            char c = m_s[m_pos++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_s.size()) break;
            c = m_s[m_pos++];
            switch (c) {
            case '\'': case '"': case '`': case '\\': case '/': out += c; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = hex4();
                // A UTF-16 surrogate pair written as two escapes is one code point.
                if (cp >= 0xD800 && cp <= 0xDBFF && m_s.substr(m_pos, 2) == "\\u") {
                    m_pos += 2;
                    const unsigned low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF) fail(m_pos - 6, "a high surrogate must be followed by a low one");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                    fail(m_pos - 6, "an unpaired surrogate is not a character");
                }
                append_utf8(out, cp);
                break;
            }
            default: fail(m_pos - 2, std::string("unknown escape \\") + c);
            }
        }
        if (m_pos >= m_s.size()) fail(start, quote == '`' ? "the identifier is not closed with `" : "the string is not closed with '");
        ++m_pos;
        return out;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view expression) { return Lexer(expression).run(); }

}  // namespace safetynet::core::fhirpath
