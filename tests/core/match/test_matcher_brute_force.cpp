// The matcher's fast path (grid cells, latitude bands, the filter record, the text bitmap, the
// top-k insertion) against a brute-force reference that reads every service of a generated
// directory through the Directory's public accessors and applies the search-peers harness's
// semantics literally (its README, "Query semantics"; MatchMode::Reference): the same top-k,
// the same scores and distances to the bit, the same totals, for every query. The directory
// has clusters at mid latitude, near the pole and across the antimeridian, services at two
// locations and at none, overnight hours, services with no language or hours.
#include "core/directory/directory_builder.hpp"
#include "core/directory/geo.hpp"
#include "core/match/matcher.hpp"
#include "core/base/text_fold.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {

const char* const kCodes[] = {"food", "housing", "transportation", "utilities", "safety", "employment"};
const char* const kDomains[] = {"food-insecurity", "housing-instability", "transportation-insecurity",
                                "utility-insecurity", "interpersonal-safety", "employment-status"};
const char* const kLanguages[] = {"en", "es", "vi", "zh", "fr"};
const char* const kWords[] = {"food",    "pantry",  "pantries", "shelter", "housing", "rent",   "help",
                              "meals",   "despensa", "comida",  "bus",     "rides",   "energy", "bills",
                              "jobs",    "training", "safe",    "family",  "center",  "senior", "youth"};

struct Cluster {
    double lat, lon;
};
// Mid latitude, near the pole (wide longitude bands), and on the antimeridian (ranges wrap).
const Cluster kClusters[] = {{45.5, -122.6}, {78.2, 15.6}, {-17.8, 179.9}};

std::string words(std::mt19937& rng, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
        if (!s.empty()) s += ' ';
        s += kWords[rng() % std::size(kWords)];
    }
    return s;
}

OpeningRule random_rule(std::mt19937& rng) {
    OpeningRule r;
    r.days = static_cast<std::uint8_t>(1 + rng() % 127);
    r.opens = static_cast<std::uint16_t>((rng() % 24) * 60 + (rng() % 2) * 30);
    r.closes = static_cast<std::uint16_t>((rng() % 24) * 60 + (rng() % 2) * 30);  // may be <= opens: overnight
    return r;
}

Directory generated_directory() {
    std::mt19937 rng(20261206);
    std::uniform_real_distribution<double> offset(-0.6, 0.6);
    BuildOptions opt;
    opt.token_chars = TokenChars::Ascii;
    DirectoryBuilder b(opt);
    b.add_organization({"org", "Generated", "", "", {}});
    const int kServices = 3000;
    int loc = 0;
    for (int i = 0; i < kServices; ++i) {
        ServiceInput s;
        s.id = "svc-" + std::to_string(rng() % 100000) + "-" + std::to_string(i);  // ids not in insertion order
        s.name = words(rng, 1 + static_cast<int>(rng() % 3));
        s.description = words(rng, static_cast<int>(rng() % 8));
        s.organization_id = "org";
        s.status = rng() % 10 == 0 ? ServiceStatus::Inactive : ServiceStatus::Active;
        for (int c = 0; c < 2; ++c) s.terms.push_back({kCodes[rng() % std::size(kCodes)], "", ""});
        for (const char* lang : kLanguages)
            if (rng() % 3 == 0) s.languages.emplace_back(lang);  // sometimes none at all
        if (rng() % 3 == 0) s.min_age = static_cast<double>(rng() % 30);
        if (rng() % 3 == 0) s.max_age = 20.0 + static_cast<double>(rng() % 70);
        if (rng() % 4 != 0) s.rules.push_back(random_rule(rng));
        const Cluster& c = kClusters[rng() % std::size(kClusters)];
        const int sites = rng() % 8 == 0 ? 0 : rng() % 4 == 0 ? 2 : 1;  // at no location, one, or two
        for (int k = 0; k < sites; ++k) {
            LocationInput l;
            l.id = "loc-" + std::to_string(loc++);
            l.latitude = c.lat + offset(rng);
            double lon = c.lon + offset(rng) * 3;
            if (lon > 180) lon -= 360;
            l.longitude = lon;
            if (rng() % 5 == 0) l.rules.push_back(random_rule(rng));
            b.add_location(l);
            s.sites.push_back({l.id, {}});
        }
        b.add_service(s);
    }
    return b.finish("generated");
}

// --- The brute-force reference -------------------------------------------------------------

struct Expected {
    std::uint32_t service;
    double score, dist;
};

double relevance(const Directory& d, const std::vector<std::vector<TermMatch>>& terms, std::uint32_t s) {
    const ServiceTokens tokens = d.tokens(s);
    double sum = 0;
    for (const std::vector<TermMatch>& expansion : terms) {
        double best = 0;
        for (const TermMatch& tm : expansion) {
            const double idf = d.vocabulary().idf(tm.token);
            if (std::count(tokens.name.begin(), tokens.name.end(), tm.token)) best = std::max(best, (2 * tm.weight) * idf);
            if (std::count(tokens.description.begin(), tokens.description.end(), tm.token))
                best = std::max(best, (1 * tm.weight) * idf);
        }
        if (best == 0) return 0;  // every term must match
        sum += best;
    }
    return sum;
}

bool row_passes(const Directory& d, std::uint32_t s, std::uint32_t row, const MatchQuery& q, double& dist) {
    const DirectoryView& v = d.view();
    if (!(v.row_flags[row] & kRowLocated)) return false;
    dist = haversine_km_cos(*q.latitude, *q.longitude, std::cos(*q.latitude * kDegToRad), v.row_lat[row],
                            v.row_lon[row], v.row_cos_lat[row]);
    if (dist > *q.radius_km) return false;
    if (q.open_at) {
        const auto rules = d.opening_rules(row);
        if (std::none_of(rules.begin(), rules.end(), [&](const OpeningRule& r) { return rule_open_at(r, *q.open_at, false); }))
            return false;
    }
    (void)s;
    return true;
}

bool service_passes(const Directory& d, std::uint32_t s, const MatchQuery& q) {
    if (d.status(s) != ServiceStatus::Active) return false;
    if (q.needs && !(d.needs(s) & q.needs)) return false;
    const auto langs = d.languages(s);
    if (!q.languages.empty() &&
        std::none_of(q.languages.begin(), q.languages.end(),
                     [&](const std::string& l) { return std::find(langs.begin(), langs.end(), l) != langs.end(); }))
        return false;
    const int age = static_cast<int>(std::lround(*q.age * 100));
    const AgeRange a = d.ages(s);
    return !(a.min >= 0 && age < a.min) && !(a.max >= 0 && age > a.max);
}

std::vector<Expected> brute_force(const Directory& d, const MatchQuery& q, std::size_t& total) {
    std::vector<std::vector<TermMatch>> terms;
    for (const std::string& t : tokenize(q.text, TokenChars::Ascii)) {
        terms.emplace_back();
        d.vocabulary().expand(t, terms.back());
    }
    const DirectoryView& v = d.view();
    std::vector<Expected> all;
    for (std::uint32_t s = 0; s < d.services(); ++s) {
        if (!service_passes(d, s, q)) continue;
        const double rel = terms.empty() ? 1 : relevance(d, terms, s);
        if (rel == 0) continue;
        bool any = false;
        Expected best{s, 0, 0};
        for (std::uint32_t i = v.svc_row_start[s]; i < v.svc_row_start[s + 1]; ++i) {
            double dist = 0;
            if (!row_passes(d, s, v.svc_rows[i], q, dist)) continue;
            const Expected e{s, rel * (1 / (1 + dist / 10)), dist};
            if (!any || e.score > best.score || (e.score == best.score && e.dist < best.dist)) best = e;
            any = true;
        }
        if (any) all.push_back(best);
    }
    total = all.size();
    std::sort(all.begin(), all.end(), [&](const Expected& a, const Expected& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.dist != b.dist) return a.dist < b.dist;
        return d.service_id(a.service) < d.service_id(b.service);
    });
    if (all.size() > q.limit) all.resize(q.limit);
    return all;
}

std::vector<MatchQuery> queries(std::mt19937& rng) {
    const std::vector<std::string> texts = {"", "", "food", "pantr", "shelterr", "comida help", "zzqx", "rent bills"};
    std::uniform_real_distribution<double> offset(-0.5, 0.5);
    std::vector<MatchQuery> out;
    for (int i = 0; i < 240; ++i) {
        const Cluster& c = kClusters[i % std::size(kClusters)];
        MatchQuery q;
        for (const char* domain : {kDomains[rng() % std::size(kDomains)], kDomains[rng() % std::size(kDomains)]})
            q.needs |= NeedMask{1} << *NeedMap::builtin().find(domain);
        q.latitude = c.lat + offset(rng);
        double lon = c.lon + offset(rng);
        if (lon > 180) lon -= 360;
        q.longitude = lon;
        const double radii[] = {2, 10, 30, 80, 5000};  // 5000 km: the full scan instead of the cells
        q.radius_km = radii[rng() % std::size(radii)];
        q.languages = {kLanguages[rng() % std::size(kLanguages)]};
        q.age = static_cast<double>(rng() % 80) + (rng() % 2) * 0.5;
        if (rng() % 2) q.open_at = LocalTime{static_cast<int>(rng() % 7), static_cast<int>(rng() % 1440)};
        q.text = texts[rng() % texts.size()];
        q.limit = rng() % 4 == 0 ? 3 : 20;
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace

TEST_CASE("the matcher returns exactly what a brute-force reference returns on a generated directory") {
    const Directory d = generated_directory();
    Matcher m(d, MatchMode::Reference);
    std::mt19937 rng(7);
    std::size_t nonempty = 0, wrapped = 0;
    for (const MatchQuery& q : queries(rng)) {
        std::size_t total = 0;
        const std::vector<Expected> want = brute_force(d, q, total);
        const MatchResult got = m.match(q);
        INFO("query at " << *q.latitude << "," << *q.longitude << " radius " << *q.radius_km << " text '" << q.text << "'");
        CHECK(got.total == total);
        REQUIRE(got.hits.size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            INFO("hit " << i);
            CHECK(d.service_id(got.hits[i].service) == d.service_id(want[i].service));
            CHECK(got.hits[i].score == want[i].score);  // to the bit: the same expression in the same order
            CHECK(got.hits[i].distance_km == want[i].dist);
        }
        if (total > 0) ++nonempty;
        if (total > 0 && std::fabs(*q.longitude) > 179) ++wrapped;
    }
    // The queries reach results, also across the antimeridian.
    CHECK(nonempty > 100);
    CHECK(wrapped > 5);
}
