#pragma once
// The directory's token vocabulary and query-term expansion: which indexed tokens a typed
// term matches, and how well. The rules are the matching reference's (search-peers harness,
// common.js matchWeight / VocabTrie):
//   exact token            weight 1
//   a longer token that starts with the term (prefix)   0.375
//   Levenshtein distance <= k, k = 0 for terms of 1-3 characters, 1 for 4-7, 2 for 8+   0.45
// and the maximum when several apply. A token's idf is ln(1 + (N - df + 0.5) / (df + 0.5)).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

inline constexpr double kWeightExact = 1.0;
inline constexpr double kWeightPrefix = 0.375;
inline constexpr double kWeightFuzzy = 0.45;

struct TermMatch {
    std::uint32_t token;
    double weight;
};

class Vocabulary {
public:
    Vocabulary() = default;
    // `tokens[i]` is token i (views stay valid for the Vocabulary's life); `df[i]` its
    // document frequency among `documents` services. `sorted` is the token ids in byte order
    // of the tokens, when already known (a compiled index stores it); empty: sort here.
    Vocabulary(std::vector<std::string_view> tokens, const std::uint32_t* df, std::size_t documents,
               std::vector<std::uint32_t> sorted = {});

    std::size_t size() const { return m_tokens.size(); }
    std::string_view token(std::uint32_t id) const { return m_tokens[id]; }
    double idf(std::uint32_t id) const { return m_idf[id]; }
    // The id of an exact token, or -1.
    std::int64_t find(std::string_view token) const;

    // Every token `term` matches, with its weight, in token id order. `scratch` avoids
    // allocations across calls.
    void expand(std::string_view term, std::vector<TermMatch>& out) const;

    // Edit budget for a term of `chars` characters.
    static int max_edits(std::size_t chars) { return chars >= 8 ? 2 : chars >= 4 ? 1 : 0; }

private:
    std::vector<std::string_view> m_tokens;
    std::vector<double> m_idf;
    std::vector<std::uint32_t> m_sorted;                    // token ids in byte order of the token
    std::vector<std::uint32_t> m_chars;                     // length in code points
    std::vector<std::uint32_t> m_mask;                      // letter-set bits
    std::vector<std::uint32_t> m_length_start;              // CSR: token ids by length in code points
    std::vector<std::uint32_t> m_by_length;
};

// Levenshtein distance between a and b when it is <= k, else k + 1 (code points).
int levenshtein_bounded(std::string_view a, std::string_view b, int k);

}  // namespace safetynet::core
