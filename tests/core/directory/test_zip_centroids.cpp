// The ZIP centroid table loader (core/directory/zip_centroids.hpp): bytes in, table out. The real
// table is generated at build time (cmake/make_zip_centroids.mjs); these tables are hand-made.
#include "core/base/error.hpp"
#include "core/directory/zip_centroids.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {
std::string table(const std::vector<std::array<std::int32_t, 3>>& rows) {
    std::string b = "SNZIPS01";
    const auto n = static_cast<std::uint32_t>(rows.size());
    b.append(reinterpret_cast<const char*>(&n), 4);
    for (const auto& r : rows) b.append(reinterpret_cast<const char*>(r.data()), 12);
    return b;
}
std::string error_of(const std::string& bytes) {
    try {
        ZipCentroids::parse(bytes, "t");
    } catch (const Error& e) {
        CHECK(e.kind() == "bad-zip-table");
        return e.message();
    }
    return "accepted";
}
}  // namespace

TEST_CASE("lookup by ZIP and ZIP+4") {
    const auto t = ZipCentroids::parse(table({{501, 40817923, -73045317}, {95122, 37329224, -121834821}}), "t");
    CHECK(t.size() == 2);
    const auto sj = t.find("95122");
    REQUIRE(sj.has_value());
    CHECK(sj->latitude == doctest::Approx(37.329224));
    CHECK(sj->longitude == doctest::Approx(-121.834821));
    CHECK(t.find("95122-1234").has_value());
    CHECK(t.find("00501").has_value());  // leading zeros
    CHECK_FALSE(t.find("95123").has_value());
    CHECK_FALSE(t.find("9512").has_value());
    CHECK_FALSE(t.find("abcde").has_value());
}

TEST_CASE("a damaged table is refused") {
    CHECK(error_of("") == "not a ZIP centroid table");
    CHECK(error_of(table({{1, 0, 0}}).substr(0, 20)) == "the table is truncated or has trailing bytes");
    CHECK(error_of(table({{1, 0, 0}}) + "x") == "the table is truncated or has trailing bytes");
    CHECK(error_of(table({{2, 0, 0}, {1, 0, 0}})) == "ZIP codes are not in ascending order");
    CHECK(error_of(table({{1, 95000000, 0}})) == "a centroid is out of range");
}
