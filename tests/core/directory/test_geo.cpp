// Distances and service-area polygons (core/directory/geo.hpp).
#include "core/base/error.hpp"
#include "core/directory/geo.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace safetynet::core;

TEST_CASE("haversine: a degree of latitude, the reference's radius, symmetry") {
    CHECK(haversine_km(45, -122, 46, -122) == doctest::Approx(111.1951).epsilon(1e-6));
    CHECK(haversine_km(0, 0, 0, 180) == doctest::Approx(kEarthRadiusKm * std::numbers::pi).epsilon(1e-9));
    CHECK(haversine_km(37.33, -121.88, 40.71, -74.0) == haversine_km(40.71, -74.0, 37.33, -121.88));
    CHECK(haversine_km(10, 20, 10, 20) == 0);
    // The precomputed-cosine form is the same expression.
    const double a = haversine_km(37.3, -121.8, 37.4, -121.9);
    CHECK(haversine_km_cos(37.3, -121.8, std::cos(37.3 * kDegToRad), 37.4, -121.9, std::cos(37.4 * kDegToRad)) == a);
    // Across the antimeridian the distance is short.
    CHECK(haversine_km(0, 179.9, 0, -179.9) == doctest::Approx(22.24).epsilon(1e-3));
}

TEST_CASE("the bounding box and band widths contain every point within the radius") {
    const double lats[] = {0, 37.3, 64.8, -33.9};
    for (const double lat : lats) {
        const LatLonBox box = bounding_box(lat, 10, 50);
        for (int i = 0; i < 360; i += 5) {
            // Points just inside the circle, all around it.
            const double brg = i * kDegToRad, d = 49.99 / kEarthRadiusKm, p1 = lat * kDegToRad;
            const double p2 = std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(brg));
            const double l2 = 10 + std::atan2(std::sin(brg) * std::sin(d) * std::cos(p1),
                                              std::cos(d) - std::sin(p1) * std::sin(p2)) / kDegToRad;
            const double plat = p2 / kDegToRad;
            CHECK(haversine_km(lat, 10, plat, l2) <= 50);
            CHECK(box.contains(plat, l2));
            const double band_lo = std::floor(plat * 50) / 50, band_hi = band_lo + 0.02;
            CHECK(std::fabs(l2 - 10) <= circle_half_width_deg(lat, 50, band_lo, band_hi));
        }
    }
    CHECK(bounding_box(89.9, 0, 100).min_lon == -180);  // reaching the pole: all longitudes
}

TEST_CASE("GeoJSON polygons: containment, holes, multipolygons, features") {
    const auto square = parse_geojson_polygons(
        R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]})");
    REQUIRE(square.size() == 1);
    CHECK(polygon_contains(square[0], 1, 1));
    CHECK_FALSE(polygon_contains(square[0], 5, 5));  // in the hole
    CHECK_FALSE(polygon_contains(square[0], 11, 1));
    const auto fc = parse_geojson_polygons(
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":
            {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}}]})");
    CHECK(fc.size() == 2);
}

TEST_CASE("GeoJSON that is not an area is refused with the reason") {
    auto why = [](const char* text) {
        try {
            parse_geojson_polygons(text);
        } catch (const Error& e) {
            CHECK(e.kind() == "bad-geojson");
            return e.message();
        }
        return std::string("accepted");
    };
    CHECK(why(R"({"type":"Point","coordinates":[0,0]})") == "a service area must be a Polygon or MultiPolygon, not Point");
    CHECK(why(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})") == "a linear ring needs at least four positions");
    CHECK(why(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})").find("must end where it starts") != std::string::npos);
    CHECK(why(R"({"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]})").find("outside") != std::string::npos);
    CHECK(why("not json") == "not valid JSON");
    CHECK(why(R"({"coordinates":[]})") == "a GeoJSON object needs a \"type\"");
}
