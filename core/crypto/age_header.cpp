// age v1 header parsing and encoding (age §"Header", §"ABNF definition of file header").
#include "core/crypto/age_header.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/base64.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include <algorithm>
#include <string_view>

namespace safetynet::core {

namespace {

// age §ABNF: full-line = 64base64char LF; final-line = *63base64char LF.
constexpr std::size_t kColumns = 64;

bool is_vchar(char c) { return c >= 0x21 && c <= 0x7e; }
bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

class Cursor {
public:
    Cursor(ByteView file, std::size_t max) : m_text(as_chars(file)), m_max(max) {}

    std::size_t pos() const { return m_pos; }
    bool starts_with(std::string_view prefix) const {
        return m_text.substr(m_pos, prefix.size()) == prefix;
    }
    std::size_t remaining() const { return m_text.size() - m_pos; }

    // The next line without its LF. A line must end within the header size limit.
    std::string_view line() {
        const std::size_t nl = m_text.find('\n', m_pos);
        if (nl == std::string_view::npos || nl >= m_max) {
            if (nl != std::string_view::npos || m_text.size() > m_max)
                throw Error(age_error::kHeaderTooLarge, "header",
                            "the header is longer than " + std::to_string(m_max) + " bytes");
            throw Error(age_error::kHeaderTruncated, "header", "the file ends inside the header");
        }
        const std::string_view l = m_text.substr(m_pos, nl - m_pos);
        m_pos = nl + 1;
        return l;
    }

private:
    std::string_view m_text;
    std::size_t m_max;
    std::size_t m_pos = 0;
};

std::string where_stanza(std::size_t index) { return "header stanza " + std::to_string(index + 1); }

Stanza parse_stanza(Cursor& c, std::size_t index) {
    const std::string_view line = c.line();
    Stanza s;
    // arg-line = "-> " argument *(SP argument) LF; argument = 1*VCHAR
    std::string_view rest = line.substr(3);
    while (true) {
        const std::size_t sp = rest.find(' ');
        const std::string_view arg = rest.substr(0, sp);
        if (arg.empty()) throw Error(age_error::kHeader, where_stanza(index), "empty stanza argument");
        for (const char ch : arg)
            if (!is_vchar(ch)) throw Error(age_error::kHeader, where_stanza(index), "invalid character in a stanza argument");
        s.args.emplace_back(arg);
        if (sp == std::string_view::npos) break;
        rest = rest.substr(sp + 1);
    }
    // The body: full 64-column lines, ended by the first shorter line (which may be empty).
    std::string body;
    while (true) {
        const std::string_view l = c.line();
        if (l.size() > kColumns) throw Error(age_error::kHeader, where_stanza(index), "stanza body line longer than 64 columns");
        for (const char ch : l)
            if (!is_base64_char(ch)) throw Error(age_error::kHeader, where_stanza(index), "stanza body is not base64 (missing final short line?)");
        body.append(l);
        if (l.size() < kColumns) break;
    }
    auto decoded = base64_decode(body, Base64Padding::Unpadded);
    if (!decoded) throw Error(age_error::kHeaderBase64, where_stanza(index), "stanza body is not canonical base64");
    s.body = std::move(*decoded);
    return s;
}

}  // namespace

AgeHeader parse_age_header(ByteView file, std::size_t max_header_bytes) {
    Cursor c(file, max_header_bytes);
    // version-line = "age-encryption.org/" version LF. Anything else is not an age file at
    // all, however short (rather than "truncated").
    constexpr std::string_view kIntro = "age-encryption.org/";
    const std::string_view intro = as_chars(file.first(std::min(file.size(), kIntro.size())));
    if (intro != kIntro.substr(0, intro.size()) || file.empty())
        throw Error(age_error::kHeader, "header", "not an age file (no age-encryption.org/ version line)");
    const std::string_view version = c.line();
    if (version.substr(0, kIntro.size()) != kIntro)
        throw Error(age_error::kHeader, "header", "not an age file (no age-encryption.org/ version line)");
    for (const char ch : version)
        if (!is_vchar(ch)) throw Error(age_error::kHeader, "header", "invalid character in the version line");
    if (version != kAgeVersionLine)
        throw Error(age_error::kHeaderVersion, "header",
                    "unsupported age version \"" + std::string(version.substr(kIntro.size())) + "\"");

    AgeHeader h;
    while (true) {
        if (c.remaining() < 3) throw Error(age_error::kHeaderTruncated, "header", "the file ends inside the header");
        if (c.starts_with("-> ")) {
            h.stanzas.push_back(parse_stanza(c, h.stanzas.size()));
        } else if (c.starts_with("---")) {
            const std::size_t start = c.pos();
            const std::string_view line = c.line();
            // end = "--- " 43base64char LF
            if (line.size() != 4 + 43 || line[3] != ' ')
                throw Error(age_error::kHeader, "header MAC line", "malformed header MAC line");
            auto mac = base64_decode(line.substr(4), Base64Padding::Unpadded);
            if (!mac || mac->size() != 32)
                throw Error(age_error::kHeaderBase64, "header MAC line", "header MAC is not canonical base64");
            std::copy(mac->begin(), mac->end(), h.mac.begin());
            h.mac_covered = start + 3;
            h.payload_offset = c.pos();
            break;
        } else {
            throw Error(age_error::kHeader, where_stanza(h.stanzas.size()),
                        "expected a stanza (\"-> \") or the MAC line (\"---\")");
        }
    }
    if (h.stanzas.empty()) throw Error(age_error::kHeader, "header", "no recipient stanza");
    return h;
}

std::string encode_age_header_body(const std::vector<Stanza>& stanzas) {
    std::string out(kAgeVersionLine);
    out += '\n';
    for (const Stanza& s : stanzas) {
        out += "->";
        for (const std::string& a : s.args) out += ' ' + a;
        out += '\n';
        const std::string b64 = base64_encode(s.body, Base64Padding::Unpadded);
        for (std::size_t i = 0; i < b64.size(); i += kColumns) out += b64.substr(i, kColumns) + '\n';
        // The body must end with a line shorter than 64 columns, empty if need be.
        if (b64.size() % kColumns == 0) out += '\n';
    }
    out += "---";
    return out;
}

std::string finish_age_header(const std::string& body, const std::array<std::uint8_t, 32>& mac) {
    return body + ' ' + base64_encode(mac, Base64Padding::Unpadded) + '\n';
}

std::array<std::uint8_t, 32> age_header_mac(const SecretBytes& file_key, ByteView covered) {
    const SecretBytes key = hkdf_sha256(file_key.view(), {}, "header", 32);
    return hmac_sha256(key.view(), covered);
}

}  // namespace safetynet::core
