#pragma once
// The compiled directory index: one file that the app loads in a fraction of a second instead
// of re-parsing hundreds of megabytes of HSDS JSON. Private to core/ (directory.cpp reads it,
// directory_builder.cpp writes it).
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
inline constexpr std::uint32_t kVersion = 2;  // 2: opening rules carry wkst, byweekno and byyearday (pre-release)
inline constexpr std::uint32_t kEndianMarker = 0x01020304;
inline constexpr std::uint32_t kHeaderSize = 64;
inline constexpr std::uint32_t kSectionEntrySize = 24;
inline constexpr std::uint32_t kAlign = 16;

inline constexpr std::uint32_t kFlagAsciiTokens = 1;  // tokens were cut with TokenChars::Ascii

// Header fields, at these byte offsets.
inline constexpr std::uint32_t kOffMagic = 0, kOffVersion = 8, kOffEndian = 12, kOffFileSize = 16,
                               kOffSectionCount = 24, kOffFlags = 28, kOffChecksum = 32;

enum Section : std::uint32_t {
    kMeta = 1,            // u8: compact JSON (counts, grid cell size, need domains, need map fingerprint)
    kStrBytes = 2,        // u8: the string pool (see StringPool in directory_builder.cpp)
    kStrOffsets = 3,      // u32 per string: where it starts in the pool
    kOrgId = 10,          // u32 string per organization
    kOrgName = 11,        // u32 string
    kOrgRecipient = 12,   // u32 string: the organization's age recipient for referrals, or 0 ("")
    kLocId = 20,          // u32 string per location (names and addresses are not kept: at
                          // national scale they would cost more than all the matching data)
    kSvcId = 30,          // u32 string per service
    kSvcName = 31,        // u32 string
    kSvcOrg = 32,         // u32 organization index, or kNone
    kSvcStatus = 33,      // u8 ServiceStatus
    kSvcAges = 34,        // AgeRange: i16 centi-years, -1 = no bound
    kSvcNeeds = 35,       // u32 need mask under the index's need map
    kSvcLangStart = 36,   // u32 CSR (services + 1)
    kSvcLangs = 37,       // u16 language index
    kSvcTokStart = 40,    // u32 byte offsets into kSvcTokens (services + 1)
    kSvcTokens = 41,      // u8: per service, varint counts then delta-coded token ids
    kSvcSig = 42,         // u64: one bit per token hash, a quick "cannot contain" test
    kSvcCapacity = 43,    // u8 Capacity
    kSvcAreaStart = 44,   // u32 CSR
    kSvcAreas = 45,       // u32 area index
    kSvcRowStart = 46,    // u32 CSR
    kSvcRows = 47,        // u32 row index
    kLangCode = 50,       // u32 string per language (lower-case primary subtag)
    kAreaKind = 60,       // u8 AreaKind
    kAreaValue = 61,      // u32 string: postal code, county name, or the area's name
    kAreaPolyStart = 62,  // u32 CSR into polygons (areas + 1)
    kPolyRingStart = 63,  // u32 CSR into rings (polygons + 1)
    kRingPointStart = 64, // u32 CSR into points (rings + 1)
    kPoints = 65,         // f64 pairs (lon, lat)
    kPolyBox = 66,        // f64 x4 (min_lat, max_lat, min_lon, max_lon)
    kRowLat = 70,         // f64 per row
    kRowLon = 71,         // f64
    kRowCosLat = 72,      // f64 cos(lat · π/180)
    kRowHot = 73,         // HotRow: what the scan tests first
    kRowSvc = 74,         // u32 service index
    kRowLoc = 75,         // u32 location index, or kNone
    kRowFlags = 76,       // u8 RowFlags
    kRowRuleStart = 77,   // u32 CSR into rules (rows + 1)
    kRules = 78,          // PackedRule
    kExtRules = 79,       // OpeningRule (rules that need a date)
    kGridKeys = 80,       // u64 (cell row << 32 | cell column), sorted, one per non-empty cell
    kGridStart = 81,      // u32 first row of each cell (cells + 1)
    kVocabBytes = 90,     // u8: the token strings, concatenated
    kVocabStart = 91,     // u32 (tokens + 1)
    kVocabDf = 92,        // u32: number of services whose name or description has the token
    kVocabSorted = 93,    // u32: token ids in byte order of the tokens (for prefix search)
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
