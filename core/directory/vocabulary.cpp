#include "core/directory/vocabulary.hpp"

#include "core/base/text_fold.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace safetynet::core {

namespace {

// A lower bound on edits: each character class of one word missing from the other needs at
// least one edit. Classes: the 26 letters, digits folded into 5 buckets, everything else one.
std::uint32_t letter_bit(std::uint32_t c) {
    if (c >= 'a' && c <= 'z') return 1u << (c - 'a');
    if (c >= '0' && c <= '9') return 1u << (26 + (c - '0') % 5);
    return 1u << 31;
}

std::uint32_t letter_mask(std::string_view w) {
    std::uint32_t m = 0;
    for (std::size_t p = 0; p < w.size();) m |= letter_bit(utf8_next(w, p));
    return m;
}

bool is_ascii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

template <typename Seq>
int levenshtein_seq(const Seq& a, const Seq& b, int k) {
    const int la = static_cast<int>(a.size());
    const int lb = static_cast<int>(b.size());
    if (std::abs(la - lb) > k) return k + 1;
    // Two rows on the stack for the usual short words, the heap beyond.
    thread_local std::vector<int> prev_buf, cur_buf;
    prev_buf.resize(static_cast<std::size_t>(lb) + 1);
    cur_buf.resize(static_cast<std::size_t>(lb) + 1);
    int* prev = prev_buf.data();
    int* cur = cur_buf.data();
    for (int j = 0; j <= lb; ++j) prev[j] = j;
    for (int i = 1; i <= la; ++i) {
        cur[0] = i;
        int row_min = i;
        const auto ca = a[static_cast<std::size_t>(i - 1)];
        for (int j = 1; j <= lb; ++j) {
            int v = prev[j - 1] + (ca == b[static_cast<std::size_t>(j - 1)] ? 0 : 1);
            v = std::min(v, prev[j] + 1);
            v = std::min(v, cur[j - 1] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > k) return k + 1;
        std::swap(prev, cur);
    }
    return std::min(prev[lb], k + 1);
}

std::vector<std::uint32_t> code_points(std::string_view s) {
    std::vector<std::uint32_t> out;
    for (std::size_t p = 0; p < s.size();) out.push_back(utf8_next(s, p));
    return out;
}

}  // namespace

int levenshtein_bounded(std::string_view a, std::string_view b, int k) {
    if (is_ascii(a) && is_ascii(b)) return levenshtein_seq(a, b, k);
    return levenshtein_seq(code_points(a), code_points(b), k);
}

Vocabulary::Vocabulary(std::vector<std::string_view> tokens, const std::uint32_t* df, std::size_t documents,
                       std::vector<std::uint32_t> sorted)
    : m_tokens(std::move(tokens)), m_sorted(std::move(sorted)) {
    const std::size_t n = m_tokens.size();
    m_idf.resize(n);
    m_chars.resize(n);
    m_mask.resize(n);
    const double N = static_cast<double>(documents);
    std::uint32_t max_chars = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = df[i];
        m_idf[i] = std::log(1 + (N - d + 0.5) / (d + 0.5));
        m_chars[i] = static_cast<std::uint32_t>(is_ascii(m_tokens[i]) ? m_tokens[i].size() : utf8_length(m_tokens[i]));
        m_mask[i] = letter_mask(m_tokens[i]);
        max_chars = std::max(max_chars, m_chars[i]);
    }
    // Token ids bucketed by length, as one array.
    m_length_start.assign(max_chars + 2, 0);
    for (std::size_t i = 0; i < n; ++i) ++m_length_start[m_chars[i] + 1];
    for (std::size_t l = 1; l < m_length_start.size(); ++l) m_length_start[l] += m_length_start[l - 1];
    m_by_length.resize(n);
    std::vector<std::uint32_t> fill(m_length_start.begin(), m_length_start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) m_by_length[fill[m_chars[i]]++] = static_cast<std::uint32_t>(i);
    if (m_sorted.size() != n) {
        m_sorted.resize(n);
        for (std::size_t i = 0; i < n; ++i) m_sorted[i] = static_cast<std::uint32_t>(i);
        std::sort(m_sorted.begin(), m_sorted.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return m_tokens[a] < m_tokens[b]; });
    }
}

std::int64_t Vocabulary::find(std::string_view token) const {
    const auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), token,
                                     [&](std::uint32_t id, std::string_view t) { return m_tokens[id] < t; });
    if (it == m_sorted.end() || m_tokens[*it] != token) return -1;
    return *it;
}

void Vocabulary::expand(std::string_view term, std::vector<TermMatch>& out) const {
    out.clear();
    if (term.empty()) return;
    // Exact and prefix: the tokens that start with the term are one range in byte order.
    auto lo = std::lower_bound(m_sorted.begin(), m_sorted.end(), term,
                               [&](std::uint32_t id, std::string_view t) { return m_tokens[id] < t; });
    for (auto it = lo; it != m_sorted.end() && m_tokens[*it].substr(0, term.size()) == term; ++it)
        out.push_back({*it, m_tokens[*it].size() == term.size() ? kWeightExact : kWeightPrefix});
    // Fuzzy: only tokens whose length is within k, whose letter sets differ by at most k
    // classes each way, then the bounded edit distance.
    const bool ascii = is_ascii(term);
    const std::size_t m = ascii ? term.size() : utf8_length(term);
    const int k = max_edits(m);
    if (k > 0 && m_length_start.size() > 1) {
        const std::uint32_t qmask = letter_mask(term);
        const std::size_t len_lo = m > static_cast<std::size_t>(k) ? m - static_cast<std::size_t>(k) : 1;
        const std::size_t len_hi = std::min(m + static_cast<std::size_t>(k), m_length_start.size() - 2);
        for (std::size_t len = len_lo; len <= len_hi; ++len) {
            for (std::uint32_t b = m_length_start[len]; b < m_length_start[len + 1]; ++b) {
                const std::uint32_t id = m_by_length[b];
                const std::uint32_t wm = m_mask[id];
                if (std::popcount(qmask & ~wm) > k || std::popcount(wm & ~qmask) > k) continue;
                if (levenshtein_bounded(term, m_tokens[id], k) > k) continue;
                const std::string_view tok = m_tokens[id];
                if (tok.substr(0, term.size()) != term) {
                    out.push_back({id, kWeightFuzzy});
                    continue;
                }
                // Also a prefix (or the term itself): keep the better weight (fuzzy beats prefix).
                for (TermMatch& t : out)
                    if (t.token == id) t.weight = std::max(t.weight, kWeightFuzzy);
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const TermMatch& a, const TermMatch& b) { return a.token < b.token; });
}

}  // namespace safetynet::core
