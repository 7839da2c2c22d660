// age ASCII armor (age §"ASCII armor", RFC 7468 §3 strict encoding).
#include "core/crypto/age_armor.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/base64.hpp"
#include "core/base/error.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace safetynet::core {

namespace {

constexpr std::size_t kColumns = 64;  // RFC 7468 §3: lines of exactly 64 characters but the last

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(const std::string& where, const std::string& message) {
    throw Error(age_error::kArmor, where, message);
}

}  // namespace

std::string age_armor(ByteView binary) {
    const std::string b64 = base64_encode(binary, Base64Padding::Padded);
    std::string out;
    out.reserve(b64.size() + b64.size() / kColumns + 80);
    out += kAgeArmorBegin;
    out += '\n';
    for (std::size_t i = 0; i < b64.size(); i += kColumns) {
        out.append(b64, i, kColumns);
        out += '\n';
    }
    out += kAgeArmorEnd;
    out += '\n';
    return out;
}

Bytes age_dearmor(std::string_view text, std::size_t max_bytes) {
    // Base64 of max_bytes with a line break (maybe CRLF) per 64 columns, plus the labels and
    // whitespace around them. 64-bit: in WebAssembly size_t would overflow.
    const std::uint64_t max_text = (std::uint64_t{max_bytes} / 3 + 1) * 4 * 66 / 64 + 4096;
    if (std::uint64_t{text.size()} > max_text)
        throw Error(age_error::kPayloadTooLarge, "armor", "the armored file is larger than the limit");
    const std::string_view t = trim(text);
    // Split into lines; a line may end in CRLF or LF.
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= t.size()) {
        std::size_t nl = t.find('\n', pos);
        if (nl == std::string_view::npos) nl = t.size();
        std::string_view l = t.substr(pos, nl - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        lines.push_back(l);
        pos = nl + 1;
    }
    if (lines.empty() || lines.front() != kAgeArmorBegin)
        fail("armor line 1", "does not begin with \"" + std::string(kAgeArmorBegin) + "\"");
    if (lines.size() < 2 || lines.back() != kAgeArmorEnd)
        fail("armor line " + std::to_string(lines.size()), "does not end with \"" + std::string(kAgeArmorEnd) + "\"");
    std::string b64;
    b64.reserve(t.size());
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const bool last = i + 2 == lines.size();
        const std::string_view l = lines[i];
        if (l.size() > kColumns || (!last && l.size() != kColumns) || (last && l.empty()))
            fail("armor line " + std::to_string(i + 1),
                 last ? "the last base64 line must hold 1 to 64 characters" : "base64 lines must be 64 characters");
        b64.append(l);
    }
    auto decoded = base64_decode(b64, Base64Padding::Padded);
    if (!decoded) fail("armor", "the armored data is not canonical padded base64");
    if (decoded->size() > max_bytes)
        throw Error(age_error::kPayloadTooLarge, "armor", "the armored file is larger than the limit");
    return std::move(*decoded);
}

bool age_is_armored(ByteView file) {
    const std::string_view head = as_chars(file.first(std::min<std::size_t>(file.size(), 4096)));
    const std::string_view t = trim(head);
    if (t.substr(0, 5) == "-----") return true;
    // A binary file starts with its intro (age §"Header"). Text before an armor block is still
    // armor, and a broken one: decoded as armor it is refused as armor (CCTV
    // armor_garbage_leading), not misread as a binary header.
    if (head.substr(0, 19) == "age-encryption.org/") return false;
    return head.find(kAgeArmorBegin) != std::string_view::npos;
}

}  // namespace safetynet::core
