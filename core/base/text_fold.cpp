#include "core/base/text_fold.hpp"

#include "core/base/text_fold_table.hpp"

#include <algorithm>

namespace safetynet::core {

namespace {

constexpr std::uint32_t kReplacement = 0xFFFD;

// The folded form of a non-ASCII code point, or an empty view when it folds to itself
// (`self` is set then). Marks fold to an empty replacement with self == false.
std::string_view fold_lookup(std::uint32_t cp, bool& self) {
    const detail::FoldEntry* begin = detail::kFold;
    const detail::FoldEntry* end = detail::kFold + detail::kFoldCount;
    const auto* it = std::lower_bound(begin, end, cp,
                                      [](const detail::FoldEntry& e, std::uint32_t c) { return e.cp < c; });
    if (it == end || it->cp != cp) {
        self = true;
        return {};
    }
    self = false;
    return {reinterpret_cast<const char*>(detail::kFoldBytes) + (it->off_len >> 8), it->off_len & 0xFFu};
}

bool is_word_cp(std::uint32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    const detail::WordRange* begin = detail::kWordRanges;
    const detail::WordRange* end = detail::kWordRanges + detail::kWordRangeCount;
    const auto* it = std::upper_bound(begin, end, cp,
                                      [](std::uint32_t c, const detail::WordRange& r) { return c < r.lo; });
    return it != begin && cp <= (it - 1)->hi;
}

// Chinese and Japanese write no spaces between words, and a dictionary to find them would
// outweigh the app: their Han and Kana runs are cut into overlapping character bigrams, the
// usual choice of search engines without one (Lucene's CJKBigramFilter). Hangul is written
// with spaces between words and stays in runs.
bool is_bigram_script(std::uint32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
           (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana phonetic extensions
           (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK Extension A
           (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK Unified Ideographs
           (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK Compatibility Ideographs
           (cp >= 0xFF66 && cp <= 0xFF9F) ||    // halfwidth Katakana
           (cp >= 0x20000 && cp <= 0x3FFFF);   // CJK Extensions B and later
}

// Feeds the folded code points of `utf8` to `sink(cp)`.
template <typename Sink>
void for_each_folded(std::string_view utf8, Sink&& sink) {
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const auto b = static_cast<unsigned char>(utf8[pos]);
        if (b < 0x80) {
            ++pos;
            sink(b >= 'A' && b <= 'Z' ? static_cast<std::uint32_t>(b + 32) : static_cast<std::uint32_t>(b));
            continue;
        }
        const std::uint32_t cp = utf8_next(utf8, pos);
        bool self = false;
        const std::string_view rep = fold_lookup(cp, self);
        if (self) {
            sink(cp);
            continue;
        }
        std::size_t p = 0;
        while (p < rep.size()) sink(utf8_next(rep, p));
    }
}

}  // namespace

std::uint32_t utf8_next(std::string_view s, std::size_t& pos) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    int len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1Fu; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0Fu; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07u; min = 0x10000; }
    else { ++pos; return kReplacement; }
    if (pos + static_cast<std::size_t>(len) > s.size()) { ++pos; return kReplacement; }
    for (int i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
        if ((b & 0xC0) != 0x80) { ++pos; return kReplacement; }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++pos; return kReplacement; }
    pos += static_cast<std::size_t>(len);
    return cp;
}

void utf8_append(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < s.size(); ++n) utf8_next(s, pos);
    return n;
}

bool utf8_valid(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t before = pos;
        const std::uint32_t cp = utf8_next(s, pos);
        // A genuine U+FFFD is three bytes; a replacement for a bad byte advances by one.
        if (cp == kReplacement && pos - before != 3) return false;
    }
    return true;
}

std::string fold_text(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for_each_folded(utf8, [&](std::uint32_t cp) { utf8_append(out, cp); });
    return out;
}

void tokenize(std::string_view utf8, TokenChars chars, std::string& scratch,
              std::vector<std::string_view>& out) {
    scratch.clear();
    // Tokens are gathered as (offset, length) first: scratch may move while it grows.
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t start = 0;
    bool in_token = false;
    std::vector<std::uint32_t> han_run;  // the current run of Han and Kana characters
    const bool unicode = chars == TokenChars::Unicode;
    const auto end_token = [&] {
        if (in_token) spans.emplace_back(start, scratch.size() - start);
        in_token = false;
    };
    const auto end_han_run = [&] {
        // Each pair of neighbours is a token; a lone character is one on its own.
        for (std::size_t i = 0; i < han_run.size() && (i + 1 < han_run.size() || i == 0); ++i) {
            const std::size_t at = scratch.size();
            utf8_append(scratch, han_run[i]);
            if (i + 1 < han_run.size()) utf8_append(scratch, han_run[i + 1]);
            spans.emplace_back(at, scratch.size() - at);
        }
        han_run.clear();
    };
    for_each_folded(utf8, [&](std::uint32_t cp) {
        const bool word = cp < 0x80 ? is_word_cp(cp) : (unicode && is_word_cp(cp));
        if (word && is_bigram_script(cp)) {
            end_token();
            han_run.push_back(cp);
            return;
        }
        if (!han_run.empty()) end_han_run();
        if (word) {
            if (!in_token) {
                start = scratch.size();
                in_token = true;
            }
            utf8_append(scratch, cp);
        } else {
            end_token();
        }
    });
    end_token();
    end_han_run();
    const std::string_view all(scratch);
    for (const auto& [off, len] : spans) out.push_back(all.substr(off, len));
}

std::vector<std::string> tokenize(std::string_view utf8, TokenChars chars) {
    std::string scratch;
    std::vector<std::string_view> views;
    tokenize(utf8, chars, scratch, views);
    return {views.begin(), views.end()};
}

std::string_view unicode_version() { return detail::kUnicodeVersion; }

}  // namespace safetynet::core
