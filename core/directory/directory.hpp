#pragma once
// A compiled resource directory: every service of an HSDS directory in struct-of-arrays form,
// ready for matching. It is one block of memory in the index file format
// (core/directory/directory_format.hpp): built from HSDS by DirectoryBuilder, written to disk with
// image(), and loaded back with from_file()/from_bytes() without any parsing.
//
// Vocabulary:
//   service   an HSDS service (name, status, ages, languages, taxonomy terms, need mask, words)
//   row       a service at one of its locations: coordinates, hours there, the hot filter data.
//             Rows are sorted by grid cell so that a band of cells is one contiguous range; rows
//             without coordinates come last.
//   strings   ids and names, interned in one pool (UUIDs packed to 16 bytes)
//
// Sizes: about 230 bytes per service at national scale (1M services in about 230 MB), so it
// fits the 32-bit WebAssembly heap.
#include "core/directory/directory_format.hpp"
#include "core/directory/need_map.hpp"
#include "core/directory/schedule.hpp"
#include "core/directory/vocabulary.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace safetynet::core {

enum class ServiceStatus : std::uint8_t { Active = 0, Inactive = 1, Defunct = 2, TemporarilyClosed = 3 };
// SDOHCC capacity codes (SDOHCC CodeSystem temporary codes), carried as an HSDS attribute.
enum class Capacity : std::uint8_t { Unknown = 0, Available = 1, None = 2, Waitlist = 3, AssessmentRequired = 4 };
enum class AreaKind : std::uint8_t { Postal = 1, County = 2, Polygon = 3, Named = 4 };

inline constexpr std::int16_t kNoAge = -1;
struct AgeRange {
    std::int16_t min = kNoAge;  // hundredths of a year, inclusive; kNoAge = no bound
    std::int16_t max = kNoAge;
};

// What a scan tests first, 12 bytes per row. `needs` is 0 for a service that is not active.
struct HotRow {
    NeedMask needs;
    std::uint32_t langs;      // bit i = language i (i < 31); bit 31 = has a less common language
    std::int16_t min_age;     // as AgeRange
    std::int16_t max_age;
};
inline constexpr std::uint32_t kLangOverflowBit = 1u << 31;
inline constexpr std::size_t kLangMaskBits = 31;

// An opening period as stored: weekly rules in 8 bytes; anything that needs a date (monthly,
// every n weeks, validity dates) points into the extended rules.
struct PackedRule {
    std::uint16_t opens;
    std::uint16_t closes;
    std::uint8_t days;
    std::uint8_t ext[3];  // little-endian 24-bit: 0 = none, else index + 1 into ext_rules
    std::uint32_t ext_index() const {
        return static_cast<std::uint32_t>(ext[0]) | static_cast<std::uint32_t>(ext[1]) << 8 |
               static_cast<std::uint32_t>(ext[2]) << 16;
    }
};

// These structs are stored in the index as they are: no implicit padding, fixed sizes.
static_assert(sizeof(AgeRange) == 4 && sizeof(HotRow) == 12 && sizeof(PackedRule) == 8 &&
              sizeof(OpeningRule) == 156, "index record layout changed: bump index_format::kVersion");

enum RowFlag : std::uint8_t {
    kRowLocated = 1,    // has coordinates
    kRowHasArea = 2,    // its service declares service areas
};

// The arrays of a directory, in place in its image: one span per section of the index
// (directory_format.hpp lists them). Public so the matcher and tests can read them; only
// Directory creates one, after validating every index in it.
struct DirectoryView {
#define SAFETYNET_SECTION_SPAN(id, number, field, type) std::span<const type> field;
    SAFETYNET_INDEX_SECTIONS(SAFETYNET_SECTION_SPAN)
#undef SAFETYNET_SECTION_SPAN
};

// Decoded per-service token lists (delta-coded, bounds-checked while decoding).
struct ServiceTokens {
    std::vector<std::uint32_t> name, description, keywords;
};

class Directory {
public:
    Directory(Directory&&) noexcept;
    Directory& operator=(Directory&&) noexcept;
    ~Directory();

    // Loads an index image. Throws core::Error("bad-index", source, why) for anything that
    // is not a complete, intact index of this version.
    static Directory from_bytes(std::string_view bytes, std::string_view source);
    static Directory from_file(const std::string& path);
    // Takes ownership of an image already in 8-byte-aligned memory (the builder's output).
    static Directory from_image(std::vector<std::uint64_t> words, std::size_t size, std::string_view source);
    // True when `bytes` starts like an index (the magic), whatever follows.
    static bool looks_like_index(std::string_view bytes);

    // The index file content.
    std::string_view image() const;

    const DirectoryView& view() const { return m_view; }
    std::size_t services() const { return m_view.svc_id.size(); }
    std::size_t rows() const { return m_view.row_svc.size(); }
    std::size_t located_rows() const { return m_located_rows; }
    std::size_t organizations() const { return m_view.org_id.size(); }
    std::size_t locations() const { return m_view.loc_id.size(); }
    double cell_degrees() const { return m_cell_degrees; }
    bool ascii_tokens() const { return m_ascii_tokens; }

    // A pooled string (index 0 is the empty string).
    std::string string(std::uint32_t index) const;
    // Compares pooled string `index` with `s` bytewise (<0, 0, >0), without allocating for
    // plain strings.
    int compare_string(std::uint32_t index, std::string_view s) const;

    std::string service_id(std::uint32_t s) const { return string(m_view.svc_id[s]); }
    std::string service_name(std::uint32_t s) const { return string(m_view.svc_name[s]); }
    std::string organization_id(std::uint32_t s) const;
    std::string organization_name(std::uint32_t s) const;
    // The name in `lang` (a BCP 47 tag: the exact tag, else the same primary subtag) where the
    // directory translates it (text_translations.hpp), else the original. `shown_lang` is set
    // to the translation's tag, or cleared when the original is returned.
    std::string service_name(std::uint32_t s, std::string_view lang, std::string* shown_lang = nullptr) const;
    std::string organization_name(std::uint32_t s, std::string_view lang, std::string* shown_lang = nullptr) const;
    std::string location_id(std::uint32_t row) const;
    ServiceStatus status(std::uint32_t s) const { return static_cast<ServiceStatus>(m_view.svc_status[s]); }
    Capacity capacity(std::uint32_t s) const { return static_cast<Capacity>(m_view.svc_capacity[s]); }
    AgeRange ages(std::uint32_t s) const { return m_view.svc_ages[s]; }
    NeedMask needs(std::uint32_t s) const { return m_view.svc_needs[s]; }
    std::vector<std::string> languages(std::uint32_t s) const;
    ServiceTokens tokens(std::uint32_t s) const;
    // The opening rules of a row, unpacked.
    std::vector<OpeningRule> opening_rules(std::uint32_t row) const;
    OpeningRule unpack_rule(const PackedRule& r) const;

    // Need domains in mask bit order (the need map the masks were computed with).
    const std::vector<std::string>& need_domains() const { return m_need_domains; }
    const std::string& need_map_fingerprint() const { return m_need_fingerprint; }
    // Checks that `map` is the map the directory was built with (need bits mean the same
    // domains); throws core::Error("need-map-mismatch") otherwise: rebuild the index with it.
    void require_need_map(const NeedMap& map) const;
    // How many services have a need mask intersecting `needs` (for "excluded" counts).
    std::size_t services_with_needs(NeedMask needs) const;

    // Language index of a code (primary subtag, lower case), or -1.
    int language_index(std::string_view code) const;
    const Vocabulary& vocabulary() const { return *m_vocab; }

    // Services whose service areas name this postal code / county (folded), and every
    // service-area polygon (service, polygon index).
    std::span<const std::uint32_t> services_serving_postal(std::string_view postal) const;
    std::span<const std::uint32_t> services_serving_county(std::string_view folded_county) const;
    struct AreaPolygon {
        std::uint32_t service;
        std::uint32_t area;
        std::uint32_t polygon;
    };
    const std::vector<AreaPolygon>& area_polygons() const { return m_area_polygons; }
    // Rows without coordinates whose service declares service areas.
    const std::vector<std::uint32_t>& unlocated_rows_with_areas() const { return m_unlocated_with_areas; }
    bool polygon_contains(std::uint32_t polygon, double lat, double lon) const;

private:
    Directory() = default;
    void validate_and_bind(std::string_view source);
    std::string translated_name(std::span<const std::uint32_t> start, std::span<const std::uint32_t> langs,
                                std::span<const std::uint32_t> names, std::uint32_t i, std::string_view lang,
                                std::string* shown_lang) const;
    void derive();

    // The image, 8-byte aligned: the builder's vector, or memory read from a file without
    // zero-filling it first (a 270 MB memset is a third of a second).
    std::vector<std::uint64_t> m_words;
    std::unique_ptr<std::uint64_t[]> m_file_words;
    std::uint64_t* m_base = nullptr;
    std::size_t m_size = 0;
    DirectoryView m_view;
    std::size_t m_located_rows = 0;
    double m_cell_degrees = 0;
    bool m_ascii_tokens = false;
    std::vector<std::string> m_need_domains;
    std::string m_need_fingerprint;
    std::unique_ptr<Vocabulary> m_vocab;
    std::vector<std::pair<std::string, std::uint16_t>> m_lang_index;  // sorted by code
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_postal_services, m_county_services;
    std::vector<AreaPolygon> m_area_polygons;
    std::vector<std::uint32_t> m_unlocated_with_areas;
    std::vector<std::pair<NeedMask, std::uint32_t>> m_need_histogram;
};

// The key a county is matched by: folded, without "county", "parish", "borough" and a
// trailing state ("Multnomah County, OR" and "multnomah" → "multnomah").
std::string county_key(std::string_view name);

// Token signature bit of a token id (see kSvcSig).
inline std::uint64_t token_sig_bit(std::uint32_t token) {
    return std::uint64_t{1} << ((token * 0x9E3779B1u) >> 26);
}

// Reads one LEB128 varint from [p, end); false when it runs past the end or overflows.
inline bool read_varint(const std::uint8_t*& p, const std::uint8_t* end, std::uint32_t& out) {
    std::uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (p >= end) return false;
        const std::uint8_t b = *p++;
        v |= static_cast<std::uint32_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            out = v;
            return true;
        }
    }
    return false;
}

}  // namespace safetynet::core
