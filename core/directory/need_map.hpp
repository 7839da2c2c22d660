#pragma once
// The need → service map: which services help with which social need.
//
// A need is a Gravity Project SDOH category ("food-insecurity", "housing-instability", …; the
// codes `safetynet screen` reports). The map lists, for each, the taxonomy codes of services
// that address it (Open Eligibility, 211/AIRS-style codes, the harness's own) and keywords, so
// a directory that only has free text still matches. The built-in map is
// assets/needs/need-map.json; a site may pass its own file with the same shape:
//
//   {"version": 1,
//    "needs": [{"domain": "food-insecurity", "aliases": ["food"],
//               "taxonomy_codes": ["BD", "102", "food"],
//               "keywords": ["food pantry", "groceries", "despensa"]}, …]}
//
// Codes match case-insensitively and hierarchically: "BD" matches "BD-1800.2000" (a code
// extends its parent after a '-' or '.'). A keyword matches when every one of its words is
// among a service's words (name, description, alternate name, organization and taxonomy
// term names; folded like search text), one after the other. Keywords are used only for
// services none of whose taxonomy codes the map knows, so a well-coded directory is matched by
// its codes alone. The masks are computed when a directory is built: an index remembers the
// map it was compiled with (its fingerprint) and must be rebuilt to use another.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace safetynet::core {

// One bit per need. 32 covers the Gravity Project's 24 SDOH categories with room for a site's
// own; a wider mask would cost 8 MB more per million services.
using NeedMask = std::uint32_t;
inline constexpr std::size_t kMaxNeeds = 32;

struct NeedEntry {
    std::string domain;
    std::vector<std::string> aliases;
    std::vector<std::string> taxonomy_codes;
    std::vector<std::vector<std::string>> keywords;  // each keyword as its folded words
};

class NeedMap {
public:
    // Throws core::Error("bad-need-map", where, why).
    static NeedMap parse(std::string_view json, std::string_view source_name);
    // The built-in map (assets/needs/need-map.json).
    static const NeedMap& builtin();

    const std::vector<NeedEntry>& needs() const { return m_needs; }
    // The bit index of a domain code or alias (case-insensitive), if known.
    std::optional<std::size_t> find(std::string_view domain_or_alias) const;
    // The needs a taxonomy code belongs to (0 when the map does not know it).
    NeedMask needs_of_code(std::string_view code) const;
    // A fingerprint of the map's content: a compiled directory stores the one it was built
    // with and recomputes its need masks when a different map is used.
    const std::string& fingerprint() const { return m_fingerprint; }

private:
    std::vector<NeedEntry> m_needs;
    std::unordered_map<std::string, std::size_t> m_by_name;   // lower-case domain/alias → index
    std::unordered_map<std::string, NeedMask> m_by_code;      // lower-case code → needs
    std::string m_fingerprint;
};

// Finds a need map's keywords in text: a keyword matches where its words appear one after
// the other in one field ("free meals" in "Free meals daily", not in "free preschool with
// meals").
class NeedPhraseMatcher {
public:
    explicit NeedPhraseMatcher(const NeedMap& map);
    bool empty() const { return m_phrases.empty(); }
    // The needs whose keywords occur in `words` (one field's folded words, in order).
    NeedMask match(const std::vector<std::string_view>& words) const;

private:
    std::unordered_map<std::string, std::uint32_t> m_word_ids;
    std::vector<std::vector<std::uint32_t>> m_phrases;
    std::vector<NeedMask> m_bit;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_by_first;
};

// Lower-case ASCII (codes are ASCII; anything else is left as is).
std::string ascii_lower(std::string_view s);

}  // namespace safetynet::core
