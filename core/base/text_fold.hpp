#pragma once
// Search folding and tokenisation: how names, descriptions, keywords and queries become
// tokens. The rules are the matching reference's (search-peers harness, common.js):
// canonical decomposition, combining marks removed, lower case, then the runs of word
// characters. "Clínica" and "CLINICA" both give "clinica".
//
// Word characters are [a-z0-9] in the reference; the product also keeps non-ASCII letters and
// digits that survive folding (Vietnamese đ, Chinese, Cyrillic), which the reference treats
// as separators. TokenChars picks one or the other. In Unicode mode, runs of Han and Kana
// (Chinese and Japanese: no spaces between words) become overlapping character bigrams
// ("食物银行" → 食物 物银 银行; a lone character is its own token); Hangul stays in runs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

enum class TokenChars : std::uint8_t {
    Ascii = 0,    // the reference: [a-z0-9] only
    Unicode = 1,  // also non-ASCII letters and digits
};

// The whole text folded (NFD, marks removed, lower case); invalid UTF-8 becomes U+FFFD.
std::string fold_text(std::string_view utf8);

// Appends the tokens of `utf8` to `out` as views into `scratch`, which the caller keeps alive
// while it uses them (the function clears and refills it).
void tokenize(std::string_view utf8, TokenChars chars, std::string& scratch,
              std::vector<std::string_view>& out);
// Convenience: the tokens as strings.
std::vector<std::string> tokenize(std::string_view utf8, TokenChars chars = TokenChars::Unicode);

// Decodes one code point at `pos` and advances it; invalid or truncated sequences give
// U+FFFD and advance by one byte, so a loop always terminates.
std::uint32_t utf8_next(std::string_view s, std::size_t& pos);
void utf8_append(std::string& out, std::uint32_t cp);
// Number of code points (the reference measures term lengths in characters).
std::size_t utf8_length(std::string_view s);
// True when `s` is well-formed UTF-8 (shortest forms, no surrogates).
bool utf8_valid(std::string_view s);

// The Unicode version the folding tables were generated from.
std::string_view unicode_version();

}  // namespace safetynet::core
