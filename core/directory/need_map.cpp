#include "core/directory/need_map.hpp"

#include "core/base/assets.hpp"
#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>

namespace safetynet::core {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

namespace {

using nlohmann::json;

std::vector<std::string> string_list(const json& entry, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const auto it = entry.find(key);
    if (it == entry.end()) return out;
    if (!it->is_array()) throw Error("bad-need-map", where + "." + key, "must be an array of strings");
    for (const json& v : *it) {
        if (!v.is_string() || v.get_ref<const std::string&>().empty())
            throw Error("bad-need-map", where + "." + key, "must be an array of non-empty strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace

NeedMap NeedMap::parse(std::string_view text, std::string_view source_name) {
    const std::string src(source_name);
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("bad-need-map", src, "not valid JSON");
    if (!doc.is_object() || !doc.contains("needs") || !doc["needs"].is_array())
        throw Error("bad-need-map", src, "expected an object with a \"needs\" array");
    if (doc.contains("version") && doc["version"] != 1)
        throw Error("bad-need-map", src, "unsupported version (this build reads version 1)");
    const json& needs = doc["needs"];
    if (needs.empty()) throw Error("bad-need-map", src, "the map lists no needs");
    if (needs.size() > kMaxNeeds)
        throw Error("bad-need-map", src, "at most " + std::to_string(kMaxNeeds) + " needs are supported");

    NeedMap map;
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const json& n = needs[i];
        const std::string where = src + " needs[" + std::to_string(i) + "]";
        if (!n.is_object() || !n.contains("domain") || !n["domain"].is_string() ||
            n["domain"].get_ref<const std::string&>().empty())
            throw Error("bad-need-map", where, "each need needs a \"domain\" string");
        NeedEntry e;
        e.domain = n["domain"].get<std::string>();
        e.aliases = string_list(n, "aliases", where);
        e.taxonomy_codes = string_list(n, "taxonomy_codes", where);
        for (const std::string& k : string_list(n, "keywords", where)) {
            auto words = tokenize(k, TokenChars::Unicode);
            if (words.empty()) throw Error("bad-need-map", where + ".keywords", "\"" + k + "\" has no words");
            e.keywords.push_back(std::move(words));
        }
        for (const std::string& name : [&] {
                 std::vector<std::string> all{e.domain};
                 all.insert(all.end(), e.aliases.begin(), e.aliases.end());
                 return all;
             }()) {
            const auto [it, fresh] = map.m_by_name.emplace(ascii_lower(name), i);
            if (!fresh && it->second != i)
                throw Error("bad-need-map", where, "\"" + name + "\" names two needs");
        }
        for (const std::string& code : e.taxonomy_codes) map.m_by_code[ascii_lower(code)] |= NeedMask{1} << i;
        map.m_needs.push_back(std::move(e));
    }
    // The fingerprint is a hash of the canonical JSON: the same map gives the same print
    // whatever its formatting.
    const std::string canonical = doc.dump();
    std::array<unsigned char, 16> h{};
    if (sodium_init() < 0) throw Error("crypto-init", "", "libsodium failed to initialise");
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(canonical.data()),
                       canonical.size(), nullptr, 0);
    static constexpr char kHex[] = "0123456789abcdef";
    for (unsigned char b : h) {
        map.m_fingerprint.push_back(kHex[b >> 4]);
        map.m_fingerprint.push_back(kHex[b & 15]);
    }
    return map;
}

const NeedMap& NeedMap::builtin() {
    static const NeedMap map = [] {
        const auto text = builtin_asset("needs/need-map.json");
        if (!text) throw Error("missing-asset", "needs/need-map.json", "the built-in need map is missing");
        return parse(*text, "needs/need-map.json");
    }();
    return map;
}

std::optional<std::size_t> NeedMap::find(std::string_view domain_or_alias) const {
    const auto it = m_by_name.find(ascii_lower(domain_or_alias));
    if (it == m_by_name.end()) return std::nullopt;
    return it->second;
}

NeedMask NeedMap::needs_of_code(std::string_view code) const {
    if (code.empty() || m_by_code.empty()) return 0;
    std::string c = ascii_lower(code);
    NeedMask mask = 0;
    // The code itself, then each parent: cut at the last '-' or '.' until none is left.
    for (;;) {
        const auto it = m_by_code.find(c);
        if (it != m_by_code.end()) mask |= it->second;
        const auto cut = c.find_last_of("-.");
        if (cut == std::string::npos || cut == 0) break;
        c.resize(cut);
    }
    return mask;
}

NeedPhraseMatcher::NeedPhraseMatcher(const NeedMap& map) {
    for (std::size_t n = 0; n < map.needs().size(); ++n) {
        for (const auto& phrase : map.needs()[n].keywords) {
            std::vector<std::uint32_t> ids;
            for (const std::string& w : phrase)
                ids.push_back(m_word_ids.emplace(w, static_cast<std::uint32_t>(m_word_ids.size())).first->second);
            m_by_first[ids.front()].push_back(static_cast<std::uint32_t>(m_phrases.size()));
            m_phrases.push_back(std::move(ids));
            m_bit.push_back(NeedMask{1} << n);
        }
    }
}

NeedMask NeedPhraseMatcher::match(const std::vector<std::string_view>& words) const {
    NeedMask mask = 0;
    if (m_phrases.empty()) return mask;
    std::vector<std::int64_t> ids(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto it = m_word_ids.find(std::string(words[i]));
        ids[i] = it == m_word_ids.end() ? -1 : it->second;
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] < 0) continue;
        const auto it = m_by_first.find(static_cast<std::uint32_t>(ids[i]));
        if (it == m_by_first.end()) continue;
        for (const std::uint32_t p : it->second) {
            const auto& phrase = m_phrases[p];
            if (i + phrase.size() > ids.size()) continue;
            bool all = true;
            for (std::size_t k = 1; k < phrase.size() && all; ++k) all = ids[i + k] == phrase[k];
            if (all) mask |= m_bit[p];
        }
    }
    return mask;
}

}  // namespace safetynet::core
