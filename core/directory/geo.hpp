#pragma once
// Distances and areas on the Earth for matching.
//
// The distance is the haversine great-circle distance evaluated exactly as the matching
// reference does (search-peers harness, common.js haversineKm: R = 6371.0088 km, the same
// operation order), so that two implementations agree to the last bit on the same inputs.
// Service areas are GeoJSON polygons tested in the longitude/latitude plane, which is what
// GeoJSON (RFC 7946 §3.1.6) specifies for polygon edges.
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace safetynet::core {

inline constexpr double kEarthRadiusKm = 6371.0088;        // IUGG mean radius, as the reference
inline constexpr double kDegToRad = 0.017453292519943295;  // π / 180, as the reference's RAD

// Great-circle distance in km, as 2R·asin(sqrt(s1² + cos φ1·cos φ2·s2²)).
inline double haversine_km(double lat1, double lon1, double lat2, double lon2) {
    const double s1 = std::sin((lat2 - lat1) * kDegToRad / 2);
    const double s2 = std::sin((lon2 - lon1) * kDegToRad / 2);
    const double a = s1 * s1 + std::cos(lat1 * kDegToRad) * std::cos(lat2 * kDegToRad) * s2 * s2;
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(a));
}

// The same with cos φ1 and cos φ2 precomputed (cos_lat1 = cos(lat1 · π/180) exactly).
inline double haversine_km_cos(double lat1, double lon1, double cos_lat1, double lat2, double lon2,
                               double cos_lat2) {
    const double s1 = std::sin((lat2 - lat1) * kDegToRad / 2);
    const double s2 = std::sin((lon2 - lon1) * kDegToRad / 2);
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(s1 * s1 + cos_lat1 * cos_lat2 * s2 * s2));
}

struct LatLonBox {
    double min_lat, max_lat, min_lon, max_lon;
    bool contains(double lat, double lon) const {
        return lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon;
    }
};

// A box that contains every point within `radius_km` of (lat, lon) (a superset: the exact test
// is the distance). Longitude spans the whole circle near the poles.
LatLonBox bounding_box(double lat, double lon, double radius_km);

// The half-width in degrees of longitude of a circle over a latitude band [lat_lo, lat_hi]
// (the widest point of the circle inside the band), plus a small margin; 180 when the circle
// reaches a pole. Lets a spatial index skip the corners of the bounding box. The circle's own
// trigonometry is computed once; each band then costs two sines and an arccosine.
class CircleBands {
public:
    CircleBands(double lat, double radius_km);
    double half_width_deg(double lat_lo, double lat_hi) const;

private:
    bool m_polar = false;
    double m_widest_deg = 0;  // latitude of the circle's widest point
    double m_sin0 = 0, m_cos0 = 1, m_cos_ang = 1;
};

inline double circle_half_width_deg(double lat, double radius_km, double lat_lo, double lat_hi) {
    return CircleBands(lat, radius_km).half_width_deg(lat_lo, lat_hi);
}

// A GeoJSON polygon: rings of (lon, lat) points, the first the outer boundary, the others holes.
struct Polygon {
    std::vector<std::vector<std::pair<double, double>>> rings;
    LatLonBox box{0, 0, 0, 0};
};

// Parses a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection (RFC 7946) into
// polygons. Throws core::Error("bad-geojson", "", why) on anything else or a malformed ring.
std::vector<Polygon> parse_geojson_polygons(std::string_view geojson);

// Even-odd rule; points on an edge may fall either way.
bool polygon_contains(const Polygon& polygon, double lat, double lon);

}  // namespace safetynet::core
