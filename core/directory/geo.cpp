#include "core/directory/geo.hpp"

#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace safetynet::core {

LatLonBox bounding_box(double lat, double lon, double radius_km) {
    // Same construction as the reference's bbox(): the latitude span is exact on a sphere;
    // the longitude span is the widest point of the circle, asin(sin δ / cos φ).
    const double dlat = radius_km / (kEarthRadiusKm * kDegToRad);
    LatLonBox b{lat - dlat - 1e-9, lat + dlat + 1e-9, -180, 180};
    const double ang = radius_km / kEarthRadiusKm;
    if (b.max_lat >= 90 || b.min_lat <= -90 || std::sin(ang) >= std::cos(lat * kDegToRad)) return b;
    const double dlon = std::asin(std::sin(ang) / std::cos(lat * kDegToRad)) / kDegToRad;
    b.min_lon = lon - dlon - 1e-9;
    b.max_lon = lon + dlon + 1e-9;
    return b;
}

CircleBands::CircleBands(double lat, double radius_km) {
    const double ang = radius_km / kEarthRadiusKm;
    const double phi0 = lat * kDegToRad;
    m_sin0 = std::sin(phi0);
    m_cos0 = std::cos(phi0);
    m_cos_ang = std::cos(ang);
    m_polar = std::sin(ang) >= m_cos0;
    // On the circle, cos Δλ = (cos δ − sin φ sin φ0) / (cos φ cos φ0). Its widest point is at
    // sin φ* = sin φ0 / cos δ; within a band the widest point is φ* clamped to the band.
    m_widest_deg = std::asin(std::clamp(m_sin0 / m_cos_ang, -1.0, 1.0)) / kDegToRad;
}

double CircleBands::half_width_deg(double lat_lo, double lat_hi) const {
    if (m_polar) return 180;
    const double phi = std::clamp(m_widest_deg, lat_lo, lat_hi) * kDegToRad;
    const double denom = std::cos(phi) * m_cos0;
    if (denom <= 0) return 180;
    const double c = (m_cos_ang - std::sin(phi) * m_sin0) / denom;
    if (c <= -1) return 180;
    if (c >= 1) return 1e-6;  // the band only touches the circle
    // Margin: 1e-6 degrees (~0.1 m) covers the rounding of this formula, so the band test is a
    // superset of the exact distance test.
    return std::acos(c) / kDegToRad + 1e-6;
}

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& why) { throw Error("bad-geojson", "", why); }

std::vector<std::pair<double, double>> parse_ring(const json& ring) {
    if (!ring.is_array() || ring.size() < 4) bad("a linear ring needs at least four positions");
    std::vector<std::pair<double, double>> pts;
    pts.reserve(ring.size());
    for (const json& p : ring) {
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            bad("a position must be [longitude, latitude]");
        const double lon = p[0].get<double>();
        const double lat = p[1].get<double>();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) bad("a position is outside [-180,180] x [-90,90]");
        pts.emplace_back(lon, lat);
    }
    if (pts.front() != pts.back()) bad("a linear ring must end where it starts (RFC 7946 §3.1.6)");
    return pts;
}

Polygon parse_polygon(const json& coords) {
    if (!coords.is_array() || coords.empty()) bad("a Polygon needs at least one ring");
    Polygon poly;
    for (const json& r : coords) poly.rings.push_back(parse_ring(r));
    LatLonBox b{90, -90, 180, -180};
    for (const auto& [lon, lat] : poly.rings.front()) {
        b.min_lat = std::min(b.min_lat, lat);
        b.max_lat = std::max(b.max_lat, lat);
        b.min_lon = std::min(b.min_lon, lon);
        b.max_lon = std::max(b.max_lon, lon);
    }
    poly.box = b;
    return poly;
}

void collect(const json& g, std::vector<Polygon>& out, int depth) {
    if (depth > 8) bad("GeoJSON nested too deeply");
    if (!g.is_object() || !g.contains("type") || !g["type"].is_string()) bad("a GeoJSON object needs a \"type\"");
    const std::string type = g["type"].get<std::string>();
    if (type == "FeatureCollection") {
        if (!g.contains("features") || !g["features"].is_array()) bad("a FeatureCollection needs \"features\"");
        for (const json& f : g["features"]) collect(f, out, depth + 1);
    } else if (type == "Feature") {
        if (!g.contains("geometry")) bad("a Feature needs a \"geometry\"");
        collect(g["geometry"], out, depth + 1);
    } else if (type == "Polygon") {
        if (!g.contains("coordinates")) bad("a Polygon needs \"coordinates\"");
        out.push_back(parse_polygon(g["coordinates"]));
    } else if (type == "MultiPolygon") {
        if (!g.contains("coordinates") || !g["coordinates"].is_array()) bad("a MultiPolygon needs \"coordinates\"");
        for (const json& c : g["coordinates"]) out.push_back(parse_polygon(c));
    } else if (type == "GeometryCollection") {
        if (!g.contains("geometries") || !g["geometries"].is_array()) bad("a GeometryCollection needs \"geometries\"");
        for (const json& c : g["geometries"]) collect(c, out, depth + 1);
    } else {
        bad("a service area must be a Polygon or MultiPolygon, not " + type);
    }
}

}  // namespace

std::vector<Polygon> parse_geojson_polygons(std::string_view geojson) {
    const json doc = json::parse(geojson, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) bad("not valid JSON");
    std::vector<Polygon> out;
    collect(doc, out, 0);
    if (out.empty()) bad("no polygon");
    return out;
}

bool polygon_contains(const Polygon& polygon, double lat, double lon) {
    if (!polygon.box.contains(lat, lon)) return false;
    bool inside = false;
    for (const auto& ring : polygon.rings) {
        for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const auto [xi, yi] = ring[i];
            const auto [xj, yj] = ring[j];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
        }
    }
    return inside;
}

}  // namespace safetynet::core
