#include "core/directory/directory_builder.hpp"

#include "core/directory/directory_format.hpp"
#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <cstring>
#include <filesystem>
#include <limits>
#include <numeric>
#include <unordered_map>

// [SECTION] String pool
// [SECTION] Image writer
// [SECTION] Staging
// [SECTION] finish(): link, sort, write

namespace safetynet::core {

namespace fmt = index_format;

std::string language_key(std::string_view code) {
    const auto cut = code.find_first_of("-_");
    std::string key = ascii_lower(code.substr(0, cut));
    while (!key.empty() && key.back() == ' ') key.pop_back();
    while (!key.empty() && key.front() == ' ') key.erase(key.begin());
    return key;
}

namespace {

// [SECTION] String pool ---------------------------------------------------------------------
// Each string is a tag byte and its bytes: tag < 0x80 is the length of a short raw string;
// 0x80 is followed by a LEB128 length and the bytes; 0x81 by the 16 bytes of a lower-case
// canonical UUID (36 characters stored in 17 bytes: ids dominate a large directory).

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

bool pack_uuid(std::string_view s, std::uint8_t out[16]) {
    if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
    int n = 0;
    for (std::size_t i = 0; i < 36; i += (i == 7 || i == 12 || i == 17 || i == 22) ? 2 : 1) {
        if (i == 8 || i == 13 || i == 18 || i == 23) ++i;
        const int hi = hex_value(s[i]);
        const int lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[n++] = static_cast<std::uint8_t>(hi << 4 | lo);
        ++i;
    }
    return n == 16;
}

void put_varint(std::vector<std::uint8_t>& out, std::uint32_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

class StringPool {
public:
    StringPool() {
        m_offsets.push_back(0);
        m_bytes.push_back(0);  // string 0: the empty string
        m_interned.emplace("", 0);
    }
    std::uint32_t add(std::string_view s) {
        const auto index = static_cast<std::uint32_t>(m_offsets.size());
        if (m_bytes.size() > std::numeric_limits<std::uint32_t>::max() - s.size() - 8)
            throw Error("too-large", "", "the directory's strings exceed 4 GB");
        m_offsets.push_back(static_cast<std::uint32_t>(m_bytes.size()));
        std::uint8_t uuid[16];
        if (pack_uuid(s, uuid)) {
            m_bytes.push_back(0x81);
            m_bytes.insert(m_bytes.end(), uuid, uuid + 16);
        } else if (s.size() < 0x80) {
            m_bytes.push_back(static_cast<std::uint8_t>(s.size()));
            m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        } else {
            m_bytes.push_back(0x80);
            put_varint(m_bytes, static_cast<std::uint32_t>(s.size()));
            m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        }
        return index;
    }
    std::uint32_t intern(const std::string& s) {
        const auto it = m_interned.find(s);
        if (it != m_interned.end()) return it->second;
        const std::uint32_t index = add(s);
        m_interned.emplace(s, index);
        return index;
    }
    std::vector<std::uint8_t>& bytes() { return m_bytes; }
    std::vector<std::uint32_t>& offsets() { return m_offsets; }

private:
    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint32_t> m_offsets;
    std::unordered_map<std::string, std::uint32_t> m_interned;
};

// [SECTION] Image writer --------------------------------------------------------------------

class ImageWriter {
public:
    // The data must stay alive until finish().
    template <typename T>
    void add(std::uint32_t id, const std::vector<T>& v) {
        add_raw(id, sizeof(T), v.size(), v.data());
    }
    void add_raw(std::uint32_t id, std::size_t elem_size, std::size_t count, const void* data) {
        m_sections.push_back({id, static_cast<std::uint32_t>(elem_size), count, data});
    }
    // The finished image in 8-byte words, and its size in bytes.
    std::pair<std::vector<std::uint64_t>, std::size_t> finish(std::uint32_t flags) {
        auto align = [](std::size_t x) { return (x + fmt::kAlign - 1) / fmt::kAlign * fmt::kAlign; };
        std::size_t pos = align(fmt::kHeaderSize + fmt::kSectionEntrySize * m_sections.size());
        std::vector<std::size_t> offsets;
        for (const Section& s : m_sections) {
            offsets.push_back(pos);
            pos = align(pos + s.elem_size * s.count);
        }
        const std::size_t size = pos;
        std::vector<std::uint64_t> words((size + 7) / 8, 0);
        auto* base = reinterpret_cast<std::uint8_t*>(words.data());
        auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(base + at, &v, 4); };
        auto put64 = [&](std::size_t at, std::uint64_t v) { std::memcpy(base + at, &v, 8); };
        std::memcpy(base + fmt::kOffMagic, fmt::kMagic, 8);
        put32(fmt::kOffVersion, fmt::kVersion);
        put32(fmt::kOffEndian, fmt::kEndianMarker);
        put64(fmt::kOffFileSize, size);
        put32(fmt::kOffSectionCount, static_cast<std::uint32_t>(m_sections.size()));
        put32(fmt::kOffFlags, flags);
        for (std::size_t i = 0; i < m_sections.size(); ++i) {
            const std::size_t e = fmt::kHeaderSize + i * fmt::kSectionEntrySize;
            put32(e, m_sections[i].id);
            put32(e + 4, m_sections[i].elem_size);
            put64(e + 8, offsets[i]);
            put64(e + 16, m_sections[i].count);
            if (m_sections[i].count > 0)
                std::memcpy(base + offsets[i], m_sections[i].data, m_sections[i].elem_size * m_sections[i].count);
        }
        fmt::index_checksum(base, size, base + fmt::kOffChecksum);
        return {std::move(words), size};
    }

private:
    struct Section {
        std::uint32_t id;
        std::uint32_t elem_size;
        std::size_t count;
        const void* data;
    };
    std::vector<Section> m_sections;
};

// [SECTION] Staging --------------------------------------------------------------------------

// Words → staging ids: open addressing over the words themselves, so a lookup hashes a view
// and never builds a std::string (the import spends most of its time here otherwise).
class WordTable {
public:
    std::uint32_t intern(std::string_view w) {
        if ((m_words.size() + 1) * 2 > m_slots.size()) grow();
        std::size_t i = std::hash<std::string_view>{}(w) & (m_slots.size() - 1);
        for (;; i = (i + 1) & (m_slots.size() - 1)) {
            const std::uint32_t s = m_slots[i];
            if (s == 0) break;
            if (m_words[s - 1] == w) return s - 1;
        }
        m_words.emplace_back(w);
        m_slots[i] = static_cast<std::uint32_t>(m_words.size());
        return static_cast<std::uint32_t>(m_words.size() - 1);
    }
    std::int64_t find(std::string_view w) const {
        if (m_slots.empty()) return -1;
        for (std::size_t i = std::hash<std::string_view>{}(w) & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            const std::uint32_t s = m_slots[i];
            if (s == 0) return -1;
            if (m_words[s - 1] == w) return s - 1;
        }
    }
    const std::vector<std::string>& words() const { return m_words; }
    std::size_t size() const { return m_words.size(); }
    void release_index() { std::vector<std::uint32_t>().swap(m_slots); }

private:
    void grow() {
        std::vector<std::uint32_t> slots(m_slots.empty() ? 1024 : m_slots.size() * 2, 0);
        for (std::uint32_t id = 0; id < m_words.size(); ++id) {
            std::size_t i = std::hash<std::string_view>{}(m_words[id]) & (slots.size() - 1);
            while (slots[i] != 0) i = (i + 1) & (slots.size() - 1);
            slots[i] = id + 1;
        }
        m_slots.swap(slots);
    }
    std::vector<std::uint32_t> m_slots;  // word id + 1; 0 = empty
    std::vector<std::string> m_words;
};

// A record's translated names as pooled strings: (language tag, name).
using StagedNames = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

struct StagedOrg {
    std::uint32_t id, name, recipient;
    std::string name_text;
    Translations translations;  // their names are a service's keywords too
    StagedNames names;
};

struct StagedLocation {
    std::uint32_t id;
    double lat, lon;  // NaN when unknown
    std::vector<OpeningRule> rules;
    std::vector<std::string> languages;
};

struct StagedService {
    const std::string* id_text;  // the key in State::svc_index (stable)
    std::uint32_t id, name;
    std::string org_key;  // organization id as given (resolved in finish)
    std::uint8_t status, capacity;
    AgeRange ages;
    std::size_t tok_offset;                     // into State::tokens
    std::uint32_t n_name, n_desc, n_kw;
    NeedMask needs;                             // from taxonomy codes, else keywords
    std::vector<std::string> languages;
    std::vector<AreaInput> areas;
    std::vector<SiteInput> sites;
    std::vector<OpeningRule> rules;
    StagedNames names;  // translated names
};

std::int16_t centi_years(const std::optional<double>& years) {
    if (!years) return kNoAge;
    const double c = std::round(*years * 100);
    return static_cast<std::int16_t>(std::clamp(c, 0.0, 32767.0));
}

// A service at one of its locations (finish()), before it is written.
struct Row {
    std::uint32_t svc, loc;  // staging indices; loc is kNone for a service with no location
    double lat, lon;         // NaN when unknown
    const std::vector<OpeningRule>* rules;
    std::uint64_t key;       // grid cell, or kNoCell
};
constexpr std::uint64_t kNoCell = ~std::uint64_t{0};

// How finish() orders what it writes.
struct Layout {
    std::vector<Row> rows;             // located rows by grid cell, then the others
    std::size_t located = 0;           // how many rows have coordinates
    std::vector<std::uint32_t> svc_order;  // written position → staging index
    std::vector<std::uint32_t> svc_new;    // staging index → written position
    std::vector<std::string> languages;    // most common first: a language's index
    std::unordered_map<std::string, std::uint16_t> lang_of;
    std::vector<std::vector<std::string>> svc_lang_keys;  // per staged service, sorted
    std::vector<std::uint32_t> by_df;  // final token id → staging word id, most frequent first
    std::vector<std::uint32_t> remap;  // staging word id → final token id
};

// The index's sections as the builder fills them, one array per section.
struct IndexArrays {
#define SAFETYNET_SECTION_ARRAY(id, number, field, type) std::vector<type> field;
    SAFETYNET_INDEX_SECTIONS(SAFETYNET_SECTION_ARRAY)
#undef SAFETYNET_SECTION_ARRAY
};

using UnresolvedSite = std::function<void(const std::string&, const std::string&)>;

}  // namespace

struct DirectoryBuilder::State {
    explicit State(const BuildOptions& o)
        : options(o), need_map(o.need_map ? o.need_map : &NeedMap::builtin()), phrases(*need_map) {}
    BuildOptions options;
    const NeedMap* need_map;
    NeedPhraseMatcher phrases;
    StringPool pool;
    std::vector<StagedOrg> orgs;
    std::unordered_map<std::string, std::uint32_t> org_index;
    std::vector<StagedLocation> locs;
    std::unordered_map<std::string, std::uint32_t> loc_index;
    std::vector<StagedService> svcs;
    std::unordered_map<std::string, std::uint32_t> svc_index;
    // Words: staging ids in order of first sight; df counts name + description only, as the
    // reference's idf does.
    WordTable words;
    std::vector<std::uint32_t> df;
    std::vector<std::uint32_t> tokens;
    std::string scratch;
    std::vector<std::string_view> views;

    std::uint32_t word(std::string_view w) {
        const std::uint32_t id = words.intern(w);
        if (id == df.size()) df.push_back(0);
        return id;
    }
    // Appends the sorted unique word ids of `text` to `out`.
    StagedNames staged_names(const Translations& translations) {
        StagedNames out;
        for (const Translation& t : translations)
            if (!t.name.empty()) out.emplace_back(pool.intern(t.language), pool.intern(t.name));
        return out;
    }

    void words_of(std::string_view text, std::vector<std::uint32_t>& out) {
        views.clear();
        tokenize(text, options.token_chars, scratch, views);
        for (const std::string_view v : views) out.push_back(word(v));
    }

    // finish(), in its steps (in this order: string pool indices follow the order of interning).
    Layout lay_out(std::string_view source, const UnresolvedSite& unresolved) const;
    std::vector<Row> site_rows(const UnresolvedSite& unresolved) const;
    void order_languages(Layout& l, std::string_view source) const;
    void order_vocabulary(Layout& l) const;
    void write_parties(IndexArrays& sec) const;
    void write_services(IndexArrays& sec, const Layout& l, std::string_view source);
    void write_service_tokens(IndexArrays& sec, const StagedService& svc, const Layout& l,
                              std::string_view source) const;
    void write_service_areas(IndexArrays& sec, const StagedService& svc);
    void write_rows(IndexArrays& sec, const Layout& l) const;
    void write_vocabulary(IndexArrays& sec, const Layout& l) const;
    std::string meta_json(std::string_view source, const Layout& l) const;
};

DirectoryBuilder::DirectoryBuilder(BuildOptions options) : m(std::make_unique<State>(options)) {
    if (!(options.cell_degrees > 0.0009 && options.cell_degrees <= 10))
        throw Error("bad-option", "cell_degrees", "the grid cell must be between 0.001 and 10 degrees");
}

DirectoryBuilder::~DirectoryBuilder() = default;

bool DirectoryBuilder::add_organization(const OrganizationInput& org) {
    if (m->org_index.count(org.id)) return false;
    m->org_index.emplace(org.id, static_cast<std::uint32_t>(m->orgs.size()));
    m->orgs.push_back({m->pool.add(org.id), m->pool.intern(org.name),
                       org.recipient.empty() ? 0 : m->pool.intern(org.recipient), org.name, org.translations,
                       m->staged_names(org.translations)});
    return true;
}

bool DirectoryBuilder::add_location(const LocationInput& loc) {
    if (m->loc_index.count(loc.id)) return false;
    m->loc_index.emplace(loc.id, static_cast<std::uint32_t>(m->locs.size()));
    StagedLocation s;
    s.id = m->pool.add(loc.id);
    const bool located = loc.latitude && loc.longitude;
    s.lat = located ? *loc.latitude : std::numeric_limits<double>::quiet_NaN();
    s.lon = located ? *loc.longitude : std::numeric_limits<double>::quiet_NaN();
    s.rules = loc.rules;
    s.languages = loc.languages;
    m->locs.push_back(std::move(s));
    return true;
}

bool DirectoryBuilder::add_service(const ServiceInput& svc) {
    const auto [slot, fresh] = m->svc_index.emplace(svc.id, static_cast<std::uint32_t>(m->svcs.size()));
    if (!fresh) return false;
    StagedService s;
    s.id_text = &slot->first;
    s.id = m->pool.add(svc.id);
    s.name = m->pool.intern(svc.name);
    s.org_key = svc.organization_id;
    s.status = static_cast<std::uint8_t>(svc.status);
    s.capacity = static_cast<std::uint8_t>(svc.capacity);
    s.ages = {centi_years(svc.min_age), centi_years(svc.max_age)};

    // Needs: the taxonomy codes the map knows, else its keywords in the service's words.
    s.needs = 0;
    for (const TermInput& t : svc.terms) s.needs |= m->need_map->needs_of_code(t.code);
    const bool by_keywords = s.needs == 0 && !m->phrases.empty();

    // Words: name, description, and keywords (alternate name, organization and term names).
    std::vector<std::uint32_t> name, desc, kw;
    auto field = [&](std::string_view text, std::vector<std::uint32_t>& out) {
        m->words_of(text, out);
        if (by_keywords) s.needs |= m->phrases.match(m->views);
    };
    // A translation's words count as the field they translate (a Chinese query finds the
    // Chinese name as an English query finds the English one), but do not classify the
    // service: its needs come from its own text, whatever languages it is translated into.
    field(svc.name, name);
    field(svc.description, desc);
    for (const Translation& t : svc.translations) {
        m->words_of(t.name, name);
        m->words_of(t.description, desc);
    }
    field(svc.alternate_name, kw);
    if (const auto o = m->org_index.find(svc.organization_id); o != m->org_index.end()) {
        field(m->orgs[o->second].name_text, kw);
        for (const Translation& t : m->orgs[o->second].translations) m->words_of(t.name, kw);
    }
    for (const TermInput& t : svc.terms) field(t.name, kw);
    for (auto* v : {&name, &desc, &kw}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    {
        // df: services whose name or description has the word.
        std::vector<std::uint32_t> both;
        std::set_union(name.begin(), name.end(), desc.begin(), desc.end(), std::back_inserter(both));
        for (const std::uint32_t w : both) ++m->df[w];
    }
    s.tok_offset = m->tokens.size();
    s.n_name = static_cast<std::uint32_t>(name.size());
    s.n_desc = static_cast<std::uint32_t>(desc.size());
    s.n_kw = static_cast<std::uint32_t>(kw.size());
    m->tokens.insert(m->tokens.end(), name.begin(), name.end());
    m->tokens.insert(m->tokens.end(), desc.begin(), desc.end());
    m->tokens.insert(m->tokens.end(), kw.begin(), kw.end());

    s.languages = svc.languages;
    s.names = m->staged_names(svc.translations);
    s.areas = svc.areas;
    s.sites = svc.sites;
    s.rules = svc.rules;
    m->svcs.push_back(std::move(s));
    return true;
}

bool DirectoryBuilder::has_organization(std::string_view id) const { return m->org_index.count(std::string(id)) > 0; }
bool DirectoryBuilder::has_location(std::string_view id) const { return m->loc_index.count(std::string(id)) > 0; }
bool DirectoryBuilder::has_service(std::string_view id) const { return m->svc_index.count(std::string(id)) > 0; }
std::size_t DirectoryBuilder::organizations() const { return m->orgs.size(); }
std::size_t DirectoryBuilder::locations() const { return m->locs.size(); }
std::size_t DirectoryBuilder::services() const { return m->svcs.size(); }

// [SECTION] finish(): link, sort, write --------------------------------------------------------

namespace {

std::uint64_t cell_key(double lat, double lon, double cell) {
    const auto row = static_cast<std::int64_t>(std::floor(lat / cell)) + (std::int64_t{1} << 31);
    const auto col = static_cast<std::int64_t>(std::floor(lon / cell)) + (std::int64_t{1} << 31);
    return static_cast<std::uint64_t>(row) << 32 | static_cast<std::uint64_t>(col);
}

void put_delta_list(std::vector<std::uint8_t>& out, const std::vector<std::uint32_t>& sorted) {
    std::uint32_t prev = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        put_varint(out, i == 0 ? sorted[i] : sorted[i] - prev);
        prev = sorted[i];
    }
}

void write_names(const StagedNames& names, std::vector<std::uint32_t>& start, std::vector<std::uint32_t>& lang,
                 std::vector<std::uint32_t>& name) {
    for (const auto& [l, n] : names) {
        lang.push_back(l);
        name.push_back(n);
    }
    start.push_back(static_cast<std::uint32_t>(lang.size()));
}

PackedRule pack_rule(const OpeningRule& r, std::vector<OpeningRule>& ext) {
    PackedRule p{};
    p.opens = r.opens;
    p.closes = r.closes;
    p.days = r.days;
    if (r.needs_date()) {
        ext.push_back(r);
        const auto e = static_cast<std::uint32_t>(ext.size());  // index + 1
        if (e >= (1u << 24)) throw Error("too-large", "", "too many dated schedules");
        p.ext[0] = static_cast<std::uint8_t>(e);
        p.ext[1] = static_cast<std::uint8_t>(e >> 8);
        p.ext[2] = static_cast<std::uint8_t>(e >> 16);
    }
    return p;
}

}  // namespace

// Rows: one per service at a known location; a service with none gets one row without
// coordinates (virtual services, hotlines, services that list no address). A site's hours
// are its own, else the service's, else the location's.
std::vector<Row> DirectoryBuilder::State::site_rows(const UnresolvedSite& unresolved) const {
    std::vector<Row> rows;
    rows.reserve(svcs.size());
    for (std::uint32_t s = 0; s < svcs.size(); ++s) {
        const StagedService& svc = svcs[s];
        const std::size_t before = rows.size();
        for (const SiteInput& site : svc.sites) {
            const auto it = loc_index.find(site.location_id);
            if (it == loc_index.end()) {
                if (unresolved) unresolved(*svc.id_text, site.location_id);
                continue;
            }
            const StagedLocation& loc = locs[it->second];
            const std::vector<OpeningRule>* rules = !site.rules.empty() ? &site.rules
                                                    : !svc.rules.empty() ? &svc.rules
                                                                         : &loc.rules;
            rows.push_back({s, it->second, loc.lat, loc.lon, rules, 0});
        }
        if (rows.size() == before) rows.push_back({s, fmt::kNone, std::nan(""), std::nan(""), &svc.rules, 0});
    }
    return rows;
}

// Languages: the service's and those spoken at its locations, most common first (so that the
// common ones get the bits of a row's language mask).
void DirectoryBuilder::State::order_languages(Layout& l, std::string_view source) const {
    l.svc_lang_keys.assign(svcs.size(), {});
    for (std::uint32_t s = 0; s < svcs.size(); ++s) {
        auto& keys = l.svc_lang_keys[s];
        for (const std::string& lang : svcs[s].languages) keys.push_back(language_key(lang));
        keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
    for (const Row& r : l.rows) {
        if (r.loc == fmt::kNone) continue;
        auto& keys = l.svc_lang_keys[r.svc];
        for (const std::string& lang : locs[r.loc].languages) {
            const std::string k = language_key(lang);
            if (!k.empty() && !std::binary_search(keys.begin(), keys.end(), k))
                keys.insert(std::lower_bound(keys.begin(), keys.end(), k), k);
        }
    }
    std::unordered_map<std::string, std::uint32_t> count;
    for (const auto& keys : l.svc_lang_keys)
        for (const std::string& k : keys) ++count[k];
    for (const auto& [k, n] : count) l.languages.push_back(k);
    std::sort(l.languages.begin(), l.languages.end(), [&](const std::string& a, const std::string& b) {
        return count[a] != count[b] ? count[a] > count[b] : a < b;
    });
    if (l.languages.size() > 0xFFFF) throw Error("too-large", std::string(source), "too many languages");
    for (std::size_t i = 0; i < l.languages.size(); ++i) l.lang_of[l.languages[i]] = static_cast<std::uint16_t>(i);
}

// Vocabulary: ids by descending df so that common words get small ids and short deltas.
void DirectoryBuilder::State::order_vocabulary(Layout& l) const {
    const std::size_t W = words.size();
    const std::vector<std::string>& text = words.words();
    l.by_df.resize(W);
    std::iota(l.by_df.begin(), l.by_df.end(), 0u);
    std::sort(l.by_df.begin(), l.by_df.end(), [&](std::uint32_t a, std::uint32_t b) {
        return df[a] != df[b] ? df[a] > df[b] : text[a] < text[b];
    });
    l.remap.resize(W);
    for (std::uint32_t i = 0; i < W; ++i) l.remap[l.by_df[i]] = i;
}

Layout DirectoryBuilder::State::lay_out(std::string_view source, const UnresolvedSite& unresolved) const {
    Layout l;
    l.rows = site_rows(unresolved);
    order_languages(l, source);
    order_vocabulary(l);
    // Grid order: located rows by cell (stable), then the rows without coordinates.
    for (Row& r : l.rows) r.key = std::isnan(r.lat) ? kNoCell : cell_key(r.lat, r.lon, options.cell_degrees);
    std::stable_sort(l.rows.begin(), l.rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
    if (l.rows.size() >= fmt::kNone) throw Error("too-large", std::string(source), "too many rows");
    while (l.located < l.rows.size() && l.rows[l.located].key != kNoCell) ++l.located;
    // Services in the order of their first row, so a scan reads service data mostly in order.
    l.svc_new.assign(svcs.size(), fmt::kNone);
    for (const Row& r : l.rows)
        if (l.svc_new[r.svc] == fmt::kNone) {
            l.svc_new[r.svc] = static_cast<std::uint32_t>(l.svc_order.size());
            l.svc_order.push_back(r.svc);
        }
    return l;
}

// Organizations are referenced by id; a service naming an unknown organization keeps the id
// text (as a string) but links to none.
void DirectoryBuilder::State::write_parties(IndexArrays& sec) const {
    sec.org_tr_start.push_back(0);
    for (const StagedOrg& o : orgs) {
        sec.org_id.push_back(o.id);
        sec.org_name.push_back(o.name);
        sec.org_recipient.push_back(o.recipient);
        write_names(o.names, sec.org_tr_start, sec.org_tr_lang, sec.org_tr_name);
    }
    for (const StagedLocation& loc : locs) sec.loc_id.push_back(loc.id);
}

void DirectoryBuilder::State::write_services(IndexArrays& sec, const Layout& l, std::string_view source) {
    const std::size_t S = svcs.size();
    std::vector<std::vector<std::uint32_t>> rows_of(S);
    for (std::uint32_t r = 0; r < l.rows.size(); ++r) rows_of[l.svc_new[l.rows[r].svc]].push_back(r);
    for (auto* csr : {&sec.svc_lang_start, &sec.svc_tok_start, &sec.svc_area_start, &sec.svc_row_start,
                      &sec.area_poly_start, &sec.poly_ring_start, &sec.ring_point_start, &sec.svc_tr_start})
        csr->push_back(0);
    for (std::uint32_t n = 0; n < S; ++n) {
        const StagedService& svc = svcs[l.svc_order[n]];
        sec.svc_id.push_back(svc.id);
        sec.svc_name.push_back(svc.name);
        write_names(svc.names, sec.svc_tr_start, sec.svc_tr_lang, sec.svc_tr_name);
        const auto o = org_index.find(svc.org_key);
        sec.svc_org.push_back(o == org_index.end() ? fmt::kNone : o->second);
        sec.svc_status.push_back(svc.status);
        sec.svc_capacity.push_back(svc.capacity);
        sec.svc_ages.push_back(svc.ages);
        sec.svc_needs.push_back(svc.needs);
        for (const std::string& k : l.svc_lang_keys[l.svc_order[n]]) sec.svc_langs.push_back(l.lang_of.at(k));
        sec.svc_lang_start.push_back(static_cast<std::uint32_t>(sec.svc_langs.size()));
        write_service_tokens(sec, svc, l, source);
        write_service_areas(sec, svc);
        sec.svc_rows.insert(sec.svc_rows.end(), rows_of[n].begin(), rows_of[n].end());
        sec.svc_row_start.push_back(static_cast<std::uint32_t>(sec.svc_rows.size()));
    }
}

// Tokens: the three field counts, then each field's sorted final ids as deltas; and the
// signature of them all.
void DirectoryBuilder::State::write_service_tokens(IndexArrays& sec, const StagedService& svc, const Layout& l,
                                                   std::string_view source) const {
    const std::uint32_t counts[3] = {svc.n_name, svc.n_desc, svc.n_kw};
    for (const std::uint32_t c : counts) put_varint(sec.svc_tokens, c);
    std::size_t off = svc.tok_offset;
    std::uint64_t sig = 0;
    std::vector<std::uint32_t> list;
    for (const std::uint32_t c : counts) {
        const auto first = tokens.begin() + static_cast<std::ptrdiff_t>(off);
        list.assign(first, first + c);
        for (std::uint32_t& t : list) {
            t = l.remap[t];
            sig |= token_sig_bit(t);
        }
        std::sort(list.begin(), list.end());
        put_delta_list(sec.svc_tokens, list);
        off += c;
    }
    sec.svc_sig.push_back(sig);
    if (sec.svc_tokens.size() > std::numeric_limits<std::uint32_t>::max())
        throw Error("too-large", std::string(source), "the token lists exceed 4 GB");
    sec.svc_tok_start.push_back(static_cast<std::uint32_t>(sec.svc_tokens.size()));
}

void DirectoryBuilder::State::write_service_areas(IndexArrays& sec, const StagedService& svc) {
    for (const AreaInput& a : svc.areas) {
        sec.svc_areas.push_back(static_cast<std::uint32_t>(sec.area_kind.size()));
        sec.area_kind.push_back(static_cast<std::uint8_t>(a.kind));
        sec.area_value.push_back(pool.intern(a.value));
        for (const Polygon& p : a.polygons) {
            for (const auto& ring : p.rings) {
                for (const auto& [lon, lat] : ring) {
                    sec.points.push_back(lon);
                    sec.points.push_back(lat);
                }
                sec.ring_point_start.push_back(static_cast<std::uint32_t>(sec.points.size() / 2));
            }
            sec.poly_ring_start.push_back(static_cast<std::uint32_t>(sec.ring_point_start.size() - 1));
            sec.poly_box.insert(sec.poly_box.end(), {p.box.min_lat, p.box.max_lat, p.box.min_lon, p.box.max_lon});
        }
        sec.area_poly_start.push_back(static_cast<std::uint32_t>(sec.poly_ring_start.size() - 1));
    }
    sec.svc_area_start.push_back(static_cast<std::uint32_t>(sec.svc_areas.size()));
}

// Rows, with what the scan tests first (HotRow), their hours, and the grid over them.
void DirectoryBuilder::State::write_rows(IndexArrays& sec, const Layout& l) const {
    sec.row_rule_start.push_back(0);
    for (std::uint32_t r = 0; r < l.rows.size(); ++r) {
        const Row& row = l.rows[r];
        const std::uint32_t n = l.svc_new[row.svc];
        const bool located = r < l.located;
        sec.row_lat.push_back(located ? row.lat : 0);
        sec.row_lon.push_back(located ? row.lon : 0);
        sec.row_cos_lat.push_back(located ? std::cos(row.lat * kDegToRad) : 1);
        std::uint32_t langs = 0;
        for (std::uint32_t i = sec.svc_lang_start[n]; i < sec.svc_lang_start[n + 1]; ++i)
            langs |= sec.svc_langs[i] < kLangMaskBits ? 1u << sec.svc_langs[i] : kLangOverflowBit;
        const bool active = sec.svc_status[n] == static_cast<std::uint8_t>(ServiceStatus::Active);
        sec.row_hot.push_back({active ? sec.svc_needs[n] : 0, langs, sec.svc_ages[n].min, sec.svc_ages[n].max});
        sec.row_svc.push_back(n);
        sec.row_loc.push_back(row.loc);
        const bool has_area = sec.svc_area_start[n + 1] > sec.svc_area_start[n];
        sec.row_flags.push_back(static_cast<std::uint8_t>((located ? kRowLocated : 0) | (has_area ? kRowHasArea : 0)));
        for (const OpeningRule& rule : *row.rules) sec.rules.push_back(pack_rule(rule, sec.ext_rules));
        sec.row_rule_start.push_back(static_cast<std::uint32_t>(sec.rules.size()));
        if (located && (sec.grid_keys.empty() || sec.grid_keys.back() != row.key)) {
            sec.grid_keys.push_back(row.key);
            sec.grid_start.push_back(r);
        }
    }
    sec.grid_start.push_back(static_cast<std::uint32_t>(l.located));
}

// The vocabulary in final id order, its df, and its ids in byte order of the words.
void DirectoryBuilder::State::write_vocabulary(IndexArrays& sec, const Layout& l) const {
    const std::vector<std::string>& text = words.words();
    sec.vocab_start.push_back(0);
    for (const std::uint32_t w : l.by_df) {
        sec.vocab_bytes.insert(sec.vocab_bytes.end(), text[w].begin(), text[w].end());
        sec.vocab_start.push_back(static_cast<std::uint32_t>(sec.vocab_bytes.size()));
        sec.vocab_df.push_back(df[w]);
    }
    sec.vocab_sorted.resize(l.by_df.size());
    std::iota(sec.vocab_sorted.begin(), sec.vocab_sorted.end(), 0u);
    std::sort(sec.vocab_sorted.begin(), sec.vocab_sorted.end(),
              [&](std::uint32_t a, std::uint32_t b) { return text[l.by_df[a]] < text[l.by_df[b]]; });
}

std::string DirectoryBuilder::State::meta_json(std::string_view source, const Layout& l) const {
    nlohmann::json meta = {
        {"format", fmt::kVersion},
        // The file name only: an index may travel, its author's folders need not.
        {"source", std::filesystem::path(std::string(source)).filename().string()},
        {"services", svcs.size()},
        {"rows", l.rows.size()},
        {"located_rows", l.located},
        {"cell_degrees", options.cell_degrees},
        {"tokens", options.token_chars == TokenChars::Ascii ? "ascii" : "unicode"},
        {"need_map", need_map->fingerprint()},
        {"need_domains", nlohmann::json::array()},
    };
    for (const NeedEntry& e : need_map->needs()) meta["need_domains"].push_back(e.domain);
    return meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Directory DirectoryBuilder::finish(std::string_view source, const UnresolvedSite& unresolved) {
    State& st = *m;
    if (st.svcs.empty()) throw Error("empty-directory", std::string(source), "no services to index");
    if (st.svcs.size() >= fmt::kNone) throw Error("too-large", std::string(source), "too many services");
    const Layout layout = st.lay_out(source, unresolved);
    IndexArrays sec;
    st.write_parties(sec);
    st.write_services(sec, layout, source);
    st.write_rows(sec, layout);
    st.write_vocabulary(sec, layout);
    for (const std::string& lang : layout.languages) sec.lang_code.push_back(st.pool.intern(lang));
    const std::string meta = st.meta_json(source, layout);
    sec.meta.assign(meta.begin(), meta.end());
    sec.str_bytes = std::move(st.pool.bytes());
    sec.str_offsets = std::move(st.pool.offsets());

    ImageWriter w;
#define SAFETYNET_SECTION_WRITE(id, number, field, type) w.add(fmt::id, sec.field);
    SAFETYNET_INDEX_SECTIONS(SAFETYNET_SECTION_WRITE)
#undef SAFETYNET_SECTION_WRITE
    // Free the staging data the image does not read from before the image is allocated.
    const BuildOptions options = st.options;
    std::vector<StagedService>().swap(st.svcs);
    std::vector<std::uint32_t>().swap(st.tokens);
    st.words.release_index();
    decltype(st.svc_index)().swap(st.svc_index);
    auto [words, size] = w.finish(options.token_chars == TokenChars::Ascii ? fmt::kFlagAsciiTokens : 0);
    m = std::make_unique<State>(options);  // the builder starts over
    return Directory::from_image(std::move(words), size, source);
}

}  // namespace safetynet::core
