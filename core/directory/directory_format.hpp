#pragma once
// The compiled directory index: one file that the app loads in a fraction of a second instead
// of re-parsing hundreds of megabytes of HSDS JSON. Private to core/directory (directory.cpp
// reads it, directory_builder.cpp writes it, directory.hpp shows its sections).
//
// Layout (little-endian, which both x86 and WebAssembly are; the header says so):
//   header   64 bytes: magic "SNDIRIDX", format version, an endianness marker, the file size,
//            the number of sections, flags, and a 32-byte checksum of everything else (the
//            header's first 32 bytes and all that follows it: index_checksum below);
//   table    one 24-byte entry per section: id, element size, offset, element count;
//   sections each aligned to 16 bytes: plain arrays (struct-of-arrays) the Directory uses in
//            place, without copying.
// A reader checks the header, the checksum, then every section's bounds and every index in
// it before using anything, so a corrupt or truncated file is refused, never read out of
// bounds.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace safetynet::core::index_format {

inline constexpr char kMagic[8] = {'S', 'N', 'D', 'I', 'R', 'I', 'D', 'X'};
// 2: opening rules carry wkst, byweekno and byyearday (pre-release).
// 3: translated names (sections 100-105); Chinese and Japanese text cut into character bigrams.
inline constexpr std::uint32_t kVersion = 3;
inline constexpr std::uint32_t kEndianMarker = 0x01020304;
inline constexpr std::uint32_t kHeaderSize = 64;
inline constexpr std::uint32_t kSectionEntrySize = 24;
inline constexpr std::uint32_t kAlign = 16;

inline constexpr std::uint32_t kFlagAsciiTokens = 1;  // tokens were cut with TokenChars::Ascii

// Header fields, at these byte offsets.
inline constexpr std::uint32_t kOffMagic = 0, kOffVersion = 8, kOffEndian = 12, kOffFileSize = 16,
                               kOffSectionCount = 24, kOffFlags = 28, kOffChecksum = 32;

// The sections, in the order the file holds them: this one list generates the section ids
// below, the Directory's view of them (DirectoryView in directory.hpp), the builder's arrays
// and writer (directory_builder.cpp) and the loader's binding (directory.cpp).
// X(id, number, field, element type). A section's number never changes once released; a new
// section takes a new number. (Comments are C-style here: a // comment would swallow the
// line continuation.)
#define SAFETYNET_INDEX_SECTIONS(X) \
    X(kMeta,           1,  meta,             std::uint8_t)   /* JSON: counts, grid cell, need domains and map */ \
    X(kStrBytes,       2,  str_bytes,        std::uint8_t)   /* the string pool (StringPool, directory_builder.cpp) */ \
    X(kStrOffsets,     3,  str_offsets,      std::uint32_t)  /* per string: where it starts in the pool */ \
    X(kOrgId,          10, org_id,           std::uint32_t)  /* string, per organization */ \
    X(kOrgName,        11, org_name,         std::uint32_t)  /* string */ \
    X(kOrgRecipient,   12, org_recipient,    std::uint32_t)  /* string: its age recipient, or 0 ("") */ \
    X(kLocId,          20, loc_id,           std::uint32_t)  /* string, per location (see below) */ \
    X(kSvcId,          30, svc_id,           std::uint32_t)  /* string, per service */ \
    X(kSvcName,        31, svc_name,         std::uint32_t)  /* string */ \
    X(kSvcOrg,         32, svc_org,          std::uint32_t)  /* organization index, or kNone */ \
    X(kSvcStatus,      33, svc_status,       std::uint8_t)   /* ServiceStatus */ \
    X(kSvcAges,        34, svc_ages,         AgeRange)       /* i16 centi-years, -1 = no bound */ \
    X(kSvcNeeds,       35, svc_needs,        NeedMask)       /* need mask under the index's need map */ \
    X(kSvcLangStart,   36, svc_lang_start,   std::uint32_t)  /* CSR (services + 1) */ \
    X(kSvcLangs,       37, svc_langs,        std::uint16_t)  /* language index */ \
    X(kSvcTokStart,    40, svc_tok_start,    std::uint32_t)  /* byte offsets into svc_tokens (services + 1) */ \
    X(kSvcTokens,      41, svc_tokens,       std::uint8_t)   /* per service: varint counts, delta-coded token ids */ \
    X(kSvcSig,         42, svc_sig,          std::uint64_t)  /* a bit per token hash: "cannot contain" test */ \
    X(kSvcCapacity,    43, svc_capacity,     std::uint8_t)   /* Capacity */ \
    X(kSvcAreaStart,   44, svc_area_start,   std::uint32_t)  /* CSR (services + 1) */ \
    X(kSvcAreas,       45, svc_areas,        std::uint32_t)  /* area index */ \
    X(kSvcRowStart,    46, svc_row_start,    std::uint32_t)  /* CSR (services + 1) */ \
    X(kSvcRows,        47, svc_rows,         std::uint32_t)  /* row index */ \
    X(kLangCode,       50, lang_code,        std::uint32_t)  /* string, per language (lower-case primary subtag) */ \
    X(kAreaKind,       60, area_kind,        std::uint8_t)   /* AreaKind */ \
    X(kAreaValue,      61, area_value,       std::uint32_t)  /* string: postal code, county or area name */ \
    X(kAreaPolyStart,  62, area_poly_start,  std::uint32_t)  /* CSR into polygons (areas + 1) */ \
    X(kPolyRingStart,  63, poly_ring_start,  std::uint32_t)  /* CSR into rings (polygons + 1) */ \
    X(kRingPointStart, 64, ring_point_start, std::uint32_t)  /* CSR into points (rings + 1) */ \
    X(kPoints,         65, points,           double)         /* (lon, lat) pairs */ \
    X(kPolyBox,        66, poly_box,         double)         /* per polygon: min_lat, max_lat, min_lon, max_lon */ \
    X(kRowLat,         70, row_lat,          double)         /* per row */ \
    X(kRowLon,         71, row_lon,          double)        \
    X(kRowCosLat,      72, row_cos_lat,      double)         /* cos(lat · π/180) */ \
    X(kRowHot,         73, row_hot,          HotRow)         /* what the scan tests first */ \
    X(kRowSvc,         74, row_svc,          std::uint32_t)  /* service index */ \
    X(kRowLoc,         75, row_loc,          std::uint32_t)  /* location index, or kNone */ \
    X(kRowFlags,       76, row_flags,        std::uint8_t)   /* RowFlag bits */ \
    X(kRowRuleStart,   77, row_rule_start,   std::uint32_t)  /* CSR into rules (rows + 1) */ \
    X(kRules,          78, rules,            PackedRule)    \
    X(kExtRules,       79, ext_rules,        OpeningRule)    /* the rules that need a date */ \
    X(kGridKeys,       80, grid_keys,        std::uint64_t)  /* cell row << 32 | column, sorted, non-empty cells */ \
    X(kGridStart,      81, grid_start,       std::uint32_t)  /* first row of each cell (cells + 1) */ \
    X(kVocabBytes,     90, vocab_bytes,      std::uint8_t)   /* the token strings, concatenated */ \
    X(kVocabStart,     91, vocab_start,      std::uint32_t)  /* (tokens + 1) */ \
    X(kVocabDf,        92, vocab_df,         std::uint32_t)  /* services whose name or description has it */ \
    X(kVocabSorted,    93, vocab_sorted,     std::uint32_t)  /* token ids in byte order (prefix search) */ \
    X(kSvcTrStart,    100, svc_tr_start,     std::uint32_t)  /* CSR into the service name translations (services + 1) */ \
    X(kSvcTrLang,     101, svc_tr_lang,      std::uint32_t)  /* string: the translation's language tag */ \
    X(kSvcTrName,     102, svc_tr_name,      std::uint32_t)  /* string: the name in that language */ \
    X(kOrgTrStart,    103, org_tr_start,     std::uint32_t)  /* CSR into the organization name translations (organizations + 1) */ \
    X(kOrgTrLang,     104, org_tr_lang,      std::uint32_t)  /* string */ \
    X(kOrgTrName,     105, org_tr_name,      std::uint32_t)  /* string */
// Locations keep no names or addresses: at national scale those would cost more than all the
// matching data.

enum Section : std::uint32_t {
#define SAFETYNET_SECTION_ID(id, number, field, type) id = number,
    SAFETYNET_INDEX_SECTIONS(SAFETYNET_SECTION_ID)
#undef SAFETYNET_SECTION_ID
};

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// The checksum: four 64-bit lanes, each word folded in by xor, multiply by an odd constant and
// rotate. Every step is a bijection of the lane, so a change to any single word always changes
// the result; it runs at memory speed (BLAKE2b took half a second on a 270 MB index, most of
// the load time, for an integrity check that guards against damage, not against forgery).
// `image` is the whole index; the checksum field itself (bytes 32..64) is left out.
inline void index_checksum(const std::uint8_t* image, std::size_t image_size, std::uint8_t out[32]) {
    constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ull, kP2 = 0xC2B2AE3D27D4EB4Full;
    std::uint64_t lane[4] = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
                             0x082EFA98EC4E6C89ull};
    auto mix = [](std::uint64_t h, std::uint64_t w) {
        h = (h ^ w) * kP1;
        return ((h << 31) | (h >> 33)) * kP2;
    };
    {
        std::uint64_t w[4];
        std::memcpy(w, image, 32);  // the header before the checksum
        for (int k = 0; k < 4; ++k) lane[k] = mix(lane[k], w[k]);
    }
    const std::uint8_t* data = image + kHeaderSize;
    const std::size_t size = image_size - kHeaderSize;
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32) {
        std::uint64_t w[4];
        std::memcpy(w, data + i, 32);
        for (int k = 0; k < 4; ++k) lane[k] = mix(lane[k], w[k]);
    }
    std::uint64_t tail[4] = {0, 0, 0, 0};
    std::memcpy(tail, data + i, size - i);
    for (int k = 0; k < 4; ++k) lane[k] = mix(mix(lane[k], tail[k]), static_cast<std::uint64_t>(size));
    std::memcpy(out, lane, 32);
}

}  // namespace safetynet::core::index_format
