#include "core/directory/zip_centroids.hpp"

#include "core/base/error.hpp"

#include <algorithm>
#include <cstring>

namespace safetynet::core {

namespace {
constexpr char kMagic[8] = {'S', 'N', 'Z', 'I', 'P', 'S', '0', '1'};
constexpr std::size_t kHeader = 12;
constexpr std::size_t kRecord = 12;
}  // namespace

ZipCentroids ZipCentroids::parse(std::string_view bytes, std::string_view source) {
    const std::string src(source);
    if (bytes.size() < kHeader || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw Error("bad-zip-table", src, "not a ZIP centroid table");
    std::uint32_t count = 0;
    std::memcpy(&count, bytes.data() + 8, 4);
    if ((bytes.size() - kHeader) / kRecord != count || (bytes.size() - kHeader) % kRecord != 0)
        throw Error("bad-zip-table", src, "the table is truncated or has trailing bytes");
    ZipCentroids t;
    t.m_zips.resize(count);
    t.m_lat.resize(count);
    t.m_lon.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const char* r = bytes.data() + kHeader + std::size_t{i} * kRecord;
        std::memcpy(&t.m_zips[i], r, 4);
        std::memcpy(&t.m_lat[i], r + 4, 4);
        std::memcpy(&t.m_lon[i], r + 8, 4);
        if (t.m_zips[i] > 99999 || (i > 0 && t.m_zips[i] <= t.m_zips[i - 1]))
            throw Error("bad-zip-table", src, "ZIP codes are not in ascending order");
        if (t.m_lat[i] < -90000000 || t.m_lat[i] > 90000000 || t.m_lon[i] < -180000000 || t.m_lon[i] > 180000000)
            throw Error("bad-zip-table", src, "a centroid is out of range");
    }
    return t;
}

std::optional<ZipCentroid> ZipCentroids::find(std::string_view zip) const {
    if (zip.size() == 10 && zip[5] == '-') zip = zip.substr(0, 5);
    if (zip.size() != 5) return std::nullopt;
    std::uint32_t z = 0;
    for (const char c : zip) {
        if (c < '0' || c > '9') return std::nullopt;
        z = z * 10 + static_cast<std::uint32_t>(c - '0');
    }
    const auto it = std::lower_bound(m_zips.begin(), m_zips.end(), z);
    if (it == m_zips.end() || *it != z) return std::nullopt;
    const auto i = static_cast<std::size_t>(it - m_zips.begin());
    return ZipCentroid{z, m_lat[i] / 1e6, m_lon[i] / 1e6};
}

}  // namespace safetynet::core
