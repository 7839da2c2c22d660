#pragma once
// The Unicode tables behind text_fold.cpp, generated at build time by cmake/make_text_fold.py
// (not committed). Private to core/.
#include <cstddef>
#include <cstdint>

namespace safetynet::core::detail {

struct FoldEntry {
    std::uint32_t cp;       // the code point
    std::uint32_t off_len;  // (offset into kFoldBytes << 8) | length of its UTF-8 replacement
};
struct WordRange {
    std::uint32_t lo, hi;   // inclusive
};

extern const FoldEntry kFold[];          // sorted by cp
extern const std::size_t kFoldCount;
extern const unsigned char kFoldBytes[];
extern const WordRange kWordRanges[];    // sorted, disjoint
extern const std::size_t kWordRangeCount;
extern const char kUnicodeVersion[];

}  // namespace safetynet::core::detail
