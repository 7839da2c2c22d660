#include "core/directory/directory.hpp"

#include "core/directory/directory_builder.hpp"
#include "core/directory/directory_format.hpp"
#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_set>

// [SECTION] Loading and validation
// [SECTION] Derived lookups
// [SECTION] Accessors
// [SECTION] Need maps

namespace safetynet::core {

namespace fmt = index_format;

Directory::Directory(Directory&&) noexcept = default;
Directory& Directory::operator=(Directory&&) noexcept = default;
Directory::~Directory() = default;

// [SECTION] Loading and validation -----------------------------------------------------------

bool Directory::looks_like_index(std::string_view bytes) {
    return bytes.size() >= 8 && std::memcmp(bytes.data(), fmt::kMagic, 8) == 0;
}

Directory Directory::from_bytes(std::string_view bytes, std::string_view source) {
    std::vector<std::uint64_t> words((bytes.size() + 7) / 8, 0);
    if (!bytes.empty()) std::memcpy(words.data(), bytes.data(), bytes.size());
    return from_image(std::move(words), bytes.size(), source);
}

Directory Directory::from_file(const std::string& path) {
    // C stdio rather than a stream: one read straight into the image, which under
    // Emscripten's file system is three times faster than std::ifstream's buffered reads.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) throw Error("io", path, "cannot open the index");
    if (std::fseek(f.get(), 0, SEEK_END) != 0) throw Error("io", path, "cannot read the index");
    const long size = std::ftell(f.get());
    if (size < 0 || std::fseek(f.get(), 0, SEEK_SET) != 0) throw Error("io", path, "cannot read the index");
    const std::size_t nwords = (static_cast<std::size_t>(size) + 7) / 8;
    Directory d;
    d.m_file_words.reset(new std::uint64_t[nwords > 0 ? nwords : 1]);
    d.m_base = d.m_file_words.get();
    d.m_size = static_cast<std::size_t>(size);
    if (nwords > 0) d.m_base[nwords - 1] = 0;  // the padding after the last byte
    if (std::fread(d.m_base, 1, d.m_size, f.get()) != d.m_size) throw Error("io", path, "cannot read the index");
    d.validate_and_bind(path);
    d.derive();
    return d;
}

Directory Directory::from_image(std::vector<std::uint64_t> words, std::size_t size, std::string_view source) {
    Directory d;
    if (words.size() * 8 < size) throw Error("bad-index", std::string(source), "the image is shorter than its size");
    d.m_words = std::move(words);
    d.m_base = d.m_words.data();
    d.m_size = size;
    d.validate_and_bind(source);
    d.derive();
    return d;
}

std::string_view Directory::image() const {
    return {reinterpret_cast<const char*>(m_base), m_size};
}

namespace {

struct SectionEntry {
    std::uint32_t id, elem_size;
    std::uint64_t offset, count;
};

std::uint32_t get32(const std::uint8_t* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
std::uint64_t get64(const std::uint8_t* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

// The checks of an index image, each a named step of Directory::validate_and_bind(), in the
// order it runs them: a damaged file is refused with the first thing found wrong.
class IndexCheck {
public:
    explicit IndexCheck(std::string_view source) : m_source(source) {}

    [[noreturn]] void fail(const std::string& why) const { throw Error("bad-index", m_source, why); }
    void size(std::size_t got, std::size_t want, const char* what) const {
        if (got != want) fail(std::string(what) + " has the wrong size");
    }
    // Every reference is an index below `limit` (or kNone, where allowed).
    void refs(std::span<const std::uint32_t> refs, std::size_t limit, bool none_ok, const char* what) const {
        for (const std::uint32_t r : refs)
            if (r >= limit && !(none_ok && r == fmt::kNone)) fail(std::string(what) + " refers past its table");
    }
    // A compressed-row start array: n + 1 entries from 0 to `list`, in order.
    void csr(std::span<const std::uint32_t> start, std::size_t n, std::size_t list, const char* what) const {
        if (start.size() != n + 1 || start[0] != 0 || start[n] != list) fail(std::string(what) + " has the wrong size");
        for (std::size_t i = 0; i < n; ++i)
            if (start[i] > start[i + 1]) fail(std::string(what) + " is not in order");
    }

private:
    std::string m_source;
};

// The header; returns its flags.
std::uint32_t check_header(const std::uint8_t* base, std::size_t size, const IndexCheck& check) {
    if (size < fmt::kHeaderSize) check.fail("truncated: the file is shorter than an index header");
    if (std::memcmp(base, fmt::kMagic, 8) != 0) check.fail("not a SafetyNet directory index");
    if (get32(base + fmt::kOffVersion) != fmt::kVersion)
        check.fail("index format version " + std::to_string(get32(base + fmt::kOffVersion)) +
                   ", this build reads version " + std::to_string(fmt::kVersion) +
                   " (rebuild it with `safetynet directory index`)");
    if (get32(base + fmt::kOffEndian) != fmt::kEndianMarker) check.fail("written on a machine of the other byte order");
    const std::uint64_t declared = get64(base + fmt::kOffFileSize);
    if (declared != size)
        check.fail(declared > size ? "truncated: " + std::to_string(size) + " of " + std::to_string(declared) + " bytes"
                                   : "trailing bytes after the index");
    const std::uint32_t nsec = get32(base + fmt::kOffSectionCount);
    if (nsec > 256 || fmt::kHeaderSize + std::uint64_t{nsec} * fmt::kSectionEntrySize > size)
        check.fail("the section table does not fit in the file");
    const std::uint32_t flags = get32(base + fmt::kOffFlags);
    if (flags & ~fmt::kFlagAsciiTokens) check.fail("unknown flags: written by a newer build?");
    // The checksum: any flipped bit or lost byte after the header is caught here.
    std::uint8_t sum[32];
    fmt::index_checksum(base, size, sum);
    if (std::memcmp(sum, base + fmt::kOffChecksum, sizeof sum) != 0)
        check.fail("checksum mismatch: the file is corrupt");
    return flags;
}

// The section table: each section inside the file, aligned, listed once.
std::vector<SectionEntry> section_table(const std::uint8_t* base, std::size_t size, const IndexCheck& check) {
    const std::uint32_t nsec = get32(base + fmt::kOffSectionCount);
    const std::uint64_t table_end = fmt::kHeaderSize + std::uint64_t{nsec} * fmt::kSectionEntrySize;
    std::vector<SectionEntry> entries;
    for (std::uint32_t i = 0; i < nsec; ++i) {
        const std::uint8_t* e = base + fmt::kHeaderSize + i * fmt::kSectionEntrySize;
        SectionEntry s{get32(e), get32(e + 4), get64(e + 8), get64(e + 16)};
        if (s.elem_size == 0 || s.elem_size > 256 || s.offset % 8 != 0 || s.offset < table_end || s.offset > size ||
            s.count > (size - s.offset) / s.elem_size)
            check.fail("section " + std::to_string(s.id) + " lies outside the file");
        for (const SectionEntry& o : entries)
            if (o.id == s.id) check.fail("section " + std::to_string(s.id) + " appears twice");
        entries.push_back(s);
    }
    return entries;
}

// Points every span of the view at its section, which must be there with the element size
// the view expects.
void bind_sections(std::uint8_t* base, const std::vector<SectionEntry>& entries, DirectoryView& v,
                   const IndexCheck& check) {
    const auto bind = [&](std::uint32_t id, auto& span) {
        using T = typename std::remove_reference_t<decltype(span)>::element_type;
        const auto s = std::find_if(entries.begin(), entries.end(), [&](const SectionEntry& e) { return e.id == id; });
        if (s == entries.end()) check.fail("section " + std::to_string(id) + " is missing");
        if (s->elem_size != sizeof(T)) check.fail("section " + std::to_string(id) + " has the wrong element size");
        span = {reinterpret_cast<T*>(base + s->offset), static_cast<std::size_t>(s->count)};
    };
#define SAFETYNET_SECTION_BIND(id, number, field, type) bind(fmt::id, v.field);
    SAFETYNET_INDEX_SECTIONS(SAFETYNET_SECTION_BIND)
#undef SAFETYNET_SECTION_BIND
}

struct IndexMeta {
    double cell_degrees = 0;
    double located_rows = 0;  // checked against the rows in check_rows()
    std::vector<std::string> need_domains;
    std::string need_fingerprint;
};

IndexMeta read_meta(const DirectoryView& v, const IndexCheck& check) {
    const auto meta = nlohmann::json::parse(v.meta.begin(), v.meta.end(), nullptr, false);
    if (meta.is_discarded() || !meta.is_object()) check.fail("the meta section is not a JSON object");
    const auto num = [&](const char* key) -> double {
        const auto it = meta.find(key);
        if (it == meta.end() || !it->is_number()) check.fail(std::string("meta.") + key + " is missing");
        return it->get<double>();
    };
    IndexMeta m;
    m.cell_degrees = num("cell_degrees");
    if (!(m.cell_degrees > 0.0009 && m.cell_degrees <= 10)) check.fail("meta.cell_degrees is out of range");
    m.located_rows = num("located_rows");
    const auto nd = meta.find("need_domains");
    if (nd == meta.end() || !nd->is_array() || nd->size() > kMaxNeeds) check.fail("meta.need_domains is missing");
    for (const auto& d : *nd) {
        if (!d.is_string()) check.fail("meta.need_domains holds a non-string");
        m.need_domains.push_back(d.get<std::string>());
    }
    const auto fp = meta.find("need_map");
    if (fp == meta.end() || !fp->is_string()) check.fail("meta.need_map is missing");
    m.need_fingerprint = fp->get<std::string>();
    return m;
}

// Strings: every offset starts a complete string inside the pool.
void check_strings(const DirectoryView& v, const IndexCheck& check) {
    if (v.str_offsets.empty()) check.fail("the string pool is empty");
    const std::uint8_t* end = v.str_bytes.data() + v.str_bytes.size();
    for (const std::uint32_t off : v.str_offsets) {
        if (off >= v.str_bytes.size()) check.fail("a string starts outside the pool");
        const std::uint8_t* p = v.str_bytes.data() + off;
        const std::uint8_t tag = *p++;
        std::uint64_t len = 0;
        if (tag < 0x80) {
            len = tag;
        } else if (tag == 0x81) {
            len = 16;
        } else if (tag == 0x80) {
            std::uint32_t l = 0;
            if (!read_varint(p, end, l)) check.fail("a string length runs past the pool");
            len = l;
        } else {
            check.fail("unknown string tag");
        }
        if (len > static_cast<std::uint64_t>(end - p)) check.fail("a string runs past the pool");
    }
}

// Every per-service and per-row table has one entry each, and every reference lands.
void check_tables(const DirectoryView& v, const IndexCheck& check) {
    const std::size_t O = v.org_id.size(), S = v.svc_id.size(), R = v.row_svc.size(), NA = v.area_kind.size();
    if (S == 0) check.fail("the index holds no services");
    check.size(v.org_name.size(), O, "organization names");
    check.size(v.org_recipient.size(), O, "organization recipients");
    for (const auto* s : {&v.svc_name, &v.svc_org}) check.size(s->size(), S, "service table");
    check.size(v.svc_status.size(), S, "service status");
    check.size(v.svc_ages.size(), S, "service ages");
    check.size(v.svc_needs.size(), S, "service needs");
    check.size(v.svc_sig.size(), S, "service signatures");
    check.size(v.svc_capacity.size(), S, "service capacity");
    check.size(v.area_value.size(), NA, "area values");
    for (const auto* s : {&v.row_lat, &v.row_lon, &v.row_cos_lat}) check.size(s->size(), R, "row coordinates");
    check.size(v.row_hot.size(), R, "row filters");
    check.size(v.row_loc.size(), R, "row locations");
    check.size(v.row_flags.size(), R, "row flags");
    check.size(v.vocab_df.size(), v.vocab_start.empty() ? 0 : v.vocab_start.size() - 1, "vocabulary");
    for (const auto* refs : {&v.org_id, &v.org_name, &v.org_recipient, &v.loc_id, &v.svc_id, &v.svc_name, &v.lang_code,
                             &v.area_value})
        check.refs(*refs, v.str_offsets.size(), false, "a string reference");
    check.refs(v.svc_org, O, true, "a service's organization");
    check.csr(v.svc_tr_start, S, v.svc_tr_lang.size(), "service name translations");
    check.csr(v.org_tr_start, O, v.org_tr_lang.size(), "organization name translations");
    check.size(v.svc_tr_name.size(), v.svc_tr_lang.size(), "service name translations");
    check.size(v.org_tr_name.size(), v.org_tr_lang.size(), "organization name translations");
    for (const auto* refs : {&v.svc_tr_lang, &v.svc_tr_name, &v.org_tr_lang, &v.org_tr_name})
        check.refs(*refs, v.str_offsets.size(), false, "a translation's string reference");
}

void check_services(const DirectoryView& v, const IndexCheck& check) {
    const std::size_t S = v.svc_id.size();
    for (const std::uint8_t s : v.svc_status)
        if (s > 3) check.fail("a service status is unknown");
    for (const std::uint8_t c : v.svc_capacity)
        if (c > 4) check.fail("a capacity code is unknown");
    check.csr(v.svc_lang_start, S, v.svc_langs.size(), "service languages");
    for (const std::uint16_t l : v.svc_langs)
        if (l >= v.lang_code.size()) check.fail("a service language refers past the language table");
    check.csr(v.svc_tok_start, S, v.svc_tokens.size(), "service tokens");
    check.csr(v.svc_area_start, S, v.svc_areas.size(), "service areas");
    check.refs(v.svc_areas, v.area_kind.size(), false, "a service area");
    check.csr(v.svc_row_start, S, v.svc_rows.size(), "service rows");
    check.refs(v.svc_rows, v.row_svc.size(), false, "a service row");
    for (std::size_t s = 0; s < S; ++s)
        if (v.svc_row_start[s] == v.svc_row_start[s + 1]) check.fail("a service has no row");
}

void check_areas(const DirectoryView& v, const IndexCheck& check) {
    for (const std::uint8_t k : v.area_kind)
        if (k < 1 || k > 4) check.fail("an area kind is unknown");
    const std::size_t NP = v.poly_ring_start.empty() ? 0 : v.poly_ring_start.size() - 1;
    const std::size_t NR = v.ring_point_start.empty() ? 0 : v.ring_point_start.size() - 1;
    check.csr(v.area_poly_start, v.area_kind.size(), NP, "area polygons");
    check.csr(v.poly_ring_start, NP, NR, "polygon rings");
    if (v.points.size() % 2 != 0) check.fail("polygon points are not pairs");
    check.csr(v.ring_point_start, NR, v.points.size() / 2, "ring points");
    for (std::size_t r = 0; r < NR; ++r)
        if (v.ring_point_start[r + 1] - v.ring_point_start[r] < 3) check.fail("a polygon ring has fewer than 3 points");
    for (std::size_t p = 0; p < NP; ++p)
        if (v.poly_ring_start[p] == v.poly_ring_start[p + 1]) check.fail("a polygon has no ring");
    check.size(v.poly_box.size(), NP * 4, "polygon boxes");
    for (const double x : v.points)
        if (!std::isfinite(x)) check.fail("a polygon point is not a number");
}

// Rows (located ones first, as meta says), their hours, and the grid over the located ones.
void check_rows(const DirectoryView& v, std::size_t located, double cell_degrees, const IndexCheck& check) {
    const std::size_t R = v.row_svc.size();
    check.refs(v.row_svc, v.svc_id.size(), false, "a row's service");
    check.refs(v.row_loc, v.loc_id.size(), true, "a row's location");
    for (std::size_t r = 0; r < R; ++r) {
        const bool loc = (v.row_flags[r] & kRowLocated) != 0;
        if (loc != (r < located)) check.fail("located rows are not first");
        if (loc && !(v.row_lat[r] >= -90 && v.row_lat[r] <= 90 && v.row_lon[r] >= -180 && v.row_lon[r] <= 180 &&
                     std::isfinite(v.row_cos_lat[r])))
            check.fail("a row's coordinates are out of range");
    }
    check.csr(v.row_rule_start, R, v.rules.size(), "row rules");
    for (const PackedRule& r : v.rules)
        if (r.opens > 1440 || r.closes > 1440 || r.ext_index() > v.ext_rules.size())
            check.fail("an opening rule is malformed");
    for (const OpeningRule& r : v.ext_rules)
        if (r.opens > 1440 || r.closes > 1440 || r.freq > 1 || r.interval < 1)
            check.fail("an opening rule is malformed");
    check.csr(v.grid_start, v.grid_keys.size(), located, "grid cells");
    for (std::size_t i = 1; i < v.grid_keys.size(); ++i)
        if (v.grid_keys[i - 1] >= v.grid_keys[i]) check.fail("grid cells are not in order");
    // Each cell's latitude band lies on the globe (the builder's cell_key): the matcher sizes a
    // table by the bands between the first and the last cell.
    const auto band = [](std::uint64_t key) { return static_cast<std::int64_t>(key >> 32) - (std::int64_t{1} << 31); };
    const auto lowest = static_cast<std::int64_t>(std::floor(-90 / cell_degrees));
    const auto highest = static_cast<std::int64_t>(std::floor(90 / cell_degrees));
    if (!v.grid_keys.empty() && (band(v.grid_keys.front()) < lowest || band(v.grid_keys.back()) > highest))
        check.fail("a grid cell lies outside the globe");
}

void check_vocabulary(const DirectoryView& v, const IndexCheck& check) {
    if (v.vocab_start.empty()) check.fail("the vocabulary is missing");
    check.csr(v.vocab_start, v.vocab_start.size() - 1, v.vocab_bytes.size(), "vocabulary");
    for (const std::uint32_t d : v.vocab_df)
        if (d > v.svc_id.size()) check.fail("a word's document frequency exceeds the number of services");
    // The byte order of the tokens: a permutation, in order (prefix search relies on it).
    const std::size_t V = v.vocab_df.size();
    check.size(v.vocab_sorted.size(), V, "vocabulary order");
    std::vector<bool> seen_token(V, false);
    const auto token = [&](std::uint32_t id) {
        return std::string_view(reinterpret_cast<const char*>(v.vocab_bytes.data()) + v.vocab_start[id],
                                v.vocab_start[id + 1] - v.vocab_start[id]);
    };
    for (std::size_t i = 0; i < V; ++i) {
        const std::uint32_t id = v.vocab_sorted[i];
        if (id >= V || seen_token[id]) check.fail("the vocabulary order is not a permutation");
        seen_token[id] = true;
        if (i > 0 && !(token(v.vocab_sorted[i - 1]) < token(id))) check.fail("the vocabulary order is not sorted");
    }
}

}  // namespace

void Directory::validate_and_bind(std::string_view source) {
    const IndexCheck check(source);
    auto* base = reinterpret_cast<std::uint8_t*>(m_base);
    const std::uint32_t flags = check_header(base, m_size, check);
    m_ascii_tokens = (flags & fmt::kFlagAsciiTokens) != 0;
    bind_sections(base, section_table(base, m_size, check), m_view, check);
    IndexMeta meta = read_meta(m_view, check);
    m_cell_degrees = meta.cell_degrees;
    m_need_domains = std::move(meta.need_domains);
    m_need_fingerprint = std::move(meta.need_fingerprint);
    check_strings(m_view, check);
    check_tables(m_view, check);
    check_services(m_view, check);
    check_areas(m_view, check);
    if (!(meta.located_rows >= 0 && meta.located_rows <= static_cast<double>(m_view.row_svc.size())))
        check.fail("meta.located_rows is out of range");
    m_located_rows = static_cast<std::size_t>(meta.located_rows);
    check_rows(m_view, m_located_rows, m_cell_degrees, check);
    check_vocabulary(m_view, check);
}

std::string county_key(std::string_view name) {
    std::string folded = fold_text(name);
    // Drop a trailing ", OR" / " OR" state.
    const auto comma = folded.find(',');
    if (comma != std::string::npos) folded.resize(comma);
    std::vector<std::string> words = tokenize(folded, TokenChars::Unicode);
    while (!words.empty() && (words.back() == "county" || words.back() == "parish" || words.back() == "borough"))
        words.pop_back();
    std::string key;
    for (const std::string& w : words) {
        if (!key.empty()) key.push_back(' ');
        key += w;
    }
    return key;
}

// [SECTION] Derived lookups ---------------------------------------------------------------------

void Directory::derive() {
    const DirectoryView& v = m_view;
    std::vector<std::string_view> tokens;
    tokens.reserve(v.vocab_df.size());
    for (std::size_t i = 0; i + 1 < v.vocab_start.size(); ++i)
        tokens.emplace_back(reinterpret_cast<const char*>(v.vocab_bytes.data()) + v.vocab_start[i],
                            v.vocab_start[i + 1] - v.vocab_start[i]);
    m_vocab = std::make_unique<Vocabulary>(std::move(tokens), v.vocab_df.data(), services(),
                                           std::vector<std::uint32_t>(v.vocab_sorted.begin(), v.vocab_sorted.end()));

    m_lang_index.clear();
    for (std::size_t i = 0; i < v.lang_code.size(); ++i)
        m_lang_index.emplace_back(string(v.lang_code[i]), static_cast<std::uint16_t>(i));
    std::sort(m_lang_index.begin(), m_lang_index.end());

    m_postal_services.clear();
    m_county_services.clear();
    m_area_polygons.clear();
    for (std::uint32_t s = 0; s < services(); ++s) {
        for (std::uint32_t i = v.svc_area_start[s]; i < v.svc_area_start[s + 1]; ++i) {
            const std::uint32_t a = v.svc_areas[i];
            switch (static_cast<AreaKind>(v.area_kind[a])) {
            case AreaKind::Postal: m_postal_services[string(v.area_value[a])].push_back(s); break;
            case AreaKind::County: m_county_services[county_key(string(v.area_value[a]))].push_back(s); break;
            case AreaKind::Polygon:
                for (std::uint32_t p = v.area_poly_start[a]; p < v.area_poly_start[a + 1]; ++p)
                    m_area_polygons.push_back({s, a, p});
                break;
            case AreaKind::Named: break;
            }
        }
    }
    for (auto* m : {&m_postal_services, &m_county_services})
        for (auto& [k, list] : *m) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }

    m_unlocated_with_areas.clear();
    for (std::size_t r = m_located_rows; r < rows(); ++r)
        if (v.row_flags[r] & kRowHasArea) m_unlocated_with_areas.push_back(static_cast<std::uint32_t>(r));

    std::unordered_map<NeedMask, std::uint32_t> hist;
    for (const NeedMask n : v.svc_needs) ++hist[n];
    m_need_histogram.assign(hist.begin(), hist.end());
}

// [SECTION] Accessors -----------------------------------------------------------------------------

namespace {

void format_uuid(const std::uint8_t* p, std::string& out) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.clear();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[p[i] >> 4]);
        out.push_back(kHex[p[i] & 15]);
    }
}

}  // namespace

std::string Directory::string(std::uint32_t index) const {
    const auto& v = m_view;
    if (index >= v.str_offsets.size()) return {};
    const std::uint8_t* p = v.str_bytes.data() + v.str_offsets[index];
    const std::uint8_t* end = v.str_bytes.data() + v.str_bytes.size();
    const std::uint8_t tag = *p++;
    std::string out;
    if (tag < 0x80) {
        out.assign(reinterpret_cast<const char*>(p), tag);
    } else if (tag == 0x81) {
        format_uuid(p, out);
    } else {
        std::uint32_t len = 0;
        if (read_varint(p, end, len)) out.assign(reinterpret_cast<const char*>(p), len);
    }
    return out;
}

int Directory::compare_string(std::uint32_t index, std::string_view s) const {
    const std::string mine = string(index);
    return mine.compare(s) < 0 ? -1 : mine == s ? 0 : 1;
}

std::string Directory::organization_id(std::uint32_t s) const {
    const std::uint32_t o = m_view.svc_org[s];
    return o == fmt::kNone ? std::string() : string(m_view.org_id[o]);
}

std::string Directory::organization_name(std::uint32_t s) const {
    const std::uint32_t o = m_view.svc_org[s];
    return o == fmt::kNone ? std::string() : string(m_view.org_name[o]);
}

// The name in `lang`: the translation with that exact tag, else one with its primary subtag.
std::string Directory::translated_name(std::span<const std::uint32_t> start, std::span<const std::uint32_t> langs,
                                       std::span<const std::uint32_t> names, std::uint32_t i, std::string_view lang,
                                       std::string* shown_lang) const {
    if (shown_lang) shown_lang->clear();
    if (lang.empty()) return {};
    const std::string primary = language_key(lang);
    std::uint32_t found = fmt::kNone;
    for (std::uint32_t k = start[i]; k < start[i + 1]; ++k) {
        const std::string tag = string(langs[k]);
        if (tag == lang) {
            found = k;
            break;
        }
        if (found == fmt::kNone && language_key(tag) == primary) found = k;
    }
    if (found == fmt::kNone) return {};
    if (shown_lang) *shown_lang = string(langs[found]);
    return string(names[found]);
}

std::string Directory::service_name(std::uint32_t s, std::string_view lang, std::string* shown_lang) const {
    std::string name = translated_name(m_view.svc_tr_start, m_view.svc_tr_lang, m_view.svc_tr_name, s, lang, shown_lang);
    return name.empty() ? service_name(s) : name;
}

std::string Directory::organization_name(std::uint32_t s, std::string_view lang, std::string* shown_lang) const {
    const std::uint32_t o = m_view.svc_org[s];
    if (o == fmt::kNone) {
        if (shown_lang) shown_lang->clear();
        return {};
    }
    std::string name = translated_name(m_view.org_tr_start, m_view.org_tr_lang, m_view.org_tr_name, o, lang, shown_lang);
    return name.empty() ? string(m_view.org_name[o]) : name;
}

std::string Directory::location_id(std::uint32_t row) const {
    const std::uint32_t l = m_view.row_loc[row];
    return l == fmt::kNone ? std::string() : string(m_view.loc_id[l]);
}

std::vector<std::string> Directory::languages(std::uint32_t s) const {
    std::vector<std::string> out;
    for (std::uint32_t i = m_view.svc_lang_start[s]; i < m_view.svc_lang_start[s + 1]; ++i)
        out.push_back(string(m_view.lang_code[m_view.svc_langs[i]]));
    return out;
}

ServiceTokens Directory::tokens(std::uint32_t s) const {
    ServiceTokens out;
    const std::uint8_t* p = m_view.svc_tokens.data() + m_view.svc_tok_start[s];
    const std::uint8_t* end = m_view.svc_tokens.data() + m_view.svc_tok_start[s + 1];
    std::uint32_t counts[3] = {0, 0, 0};
    for (std::uint32_t& c : counts)
        if (!read_varint(p, end, c)) return out;
    std::vector<std::uint32_t>* lists[3] = {&out.name, &out.description, &out.keywords};
    const std::size_t V = m_view.vocab_df.size();
    for (int f = 0; f < 3; ++f) {
        std::uint32_t id = 0;
        for (std::uint32_t i = 0; i < counts[f]; ++i) {
            std::uint32_t d = 0;
            if (!read_varint(p, end, d)) return out;
            id = i == 0 ? d : id + d;
            if (id >= V) return out;
            lists[f]->push_back(id);
        }
    }
    return out;
}

OpeningRule Directory::unpack_rule(const PackedRule& r) const {
    const std::uint32_t e = r.ext_index();
    if (e > 0 && e <= m_view.ext_rules.size()) return m_view.ext_rules[e - 1];
    OpeningRule o;
    o.opens = r.opens;
    o.closes = r.closes;
    o.days = r.days;
    return o;
}

std::vector<OpeningRule> Directory::opening_rules(std::uint32_t row) const {
    std::vector<OpeningRule> out;
    for (std::uint32_t i = m_view.row_rule_start[row]; i < m_view.row_rule_start[row + 1]; ++i)
        out.push_back(unpack_rule(m_view.rules[i]));
    return out;
}

int Directory::language_index(std::string_view code) const {
    const auto it = std::lower_bound(m_lang_index.begin(), m_lang_index.end(), code,
                                     [](const auto& e, std::string_view c) { return std::string_view(e.first) < c; });
    return it == m_lang_index.end() || it->first != code ? -1 : it->second;
}

std::span<const std::uint32_t> Directory::services_serving_postal(std::string_view postal) const {
    const auto it = m_postal_services.find(std::string(postal));
    if (it == m_postal_services.end()) return {};
    return it->second;
}

std::span<const std::uint32_t> Directory::services_serving_county(std::string_view folded_county) const {
    const auto it = m_county_services.find(std::string(folded_county));
    if (it == m_county_services.end()) return {};
    return it->second;
}

bool Directory::polygon_contains(std::uint32_t polygon, double lat, double lon) const {
    const auto& v = m_view;
    const double* box = v.poly_box.data() + std::size_t{polygon} * 4;
    if (!(lat >= box[0] && lat <= box[1] && lon >= box[2] && lon <= box[3])) return false;
    bool inside = false;
    for (std::uint32_t ring = v.poly_ring_start[polygon]; ring < v.poly_ring_start[polygon + 1]; ++ring) {
        const std::uint32_t b = v.ring_point_start[ring], e = v.ring_point_start[ring + 1];
        for (std::uint32_t i = b, j = e - 1; i < e; j = i++) {
            const double xi = v.points[2 * i], yi = v.points[2 * i + 1];
            const double xj = v.points[2 * j], yj = v.points[2 * j + 1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
        }
    }
    return inside;
}

// [SECTION] Need maps -------------------------------------------------------------------------------

std::size_t Directory::services_with_needs(NeedMask needs) const {
    std::size_t n = 0;
    for (const auto& [mask, count] : m_need_histogram)
        if (mask & needs) n += count;
    return n;
}

void Directory::require_need_map(const NeedMap& map) const {
    if (map.fingerprint() == m_need_fingerprint) return;
    throw Error("need-map-mismatch", "",
                "the directory index was compiled with another need map; rebuild it with "
                "`safetynet directory index --need-map FILE`");
}

}  // namespace safetynet::core
