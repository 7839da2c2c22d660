// Matching on a small hand-made directory (tests/data/directory/matching.hsds.json) where the
// right answer is known: the person is at (45, -122); service i sits due north of them, so
// its distance is its latitude offset times 111.195 km.
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/base/i18n.hpp"
#include "core/match/match_reasons.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {

const Directory& directory() {
    static const LoadedDirectory loaded =
        load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/matching.hsds.json");
    REQUIRE(loaded.directory.has_value());
    return *loaded.directory;
}

NeedMask need(const char* domain) {
    const auto bit = NeedMap::builtin().find(domain);
    REQUIRE(bit.has_value());
    return NeedMask{1} << *bit;
}

MatchQuery near_person() {
    MatchQuery q;
    q.needs = need("food-insecurity");
    q.latitude = 45.0;
    q.longitude = -122.0;
    q.limit = 50;
    return q;
}

std::vector<std::string> names(const MatchResult& r) {
    std::vector<std::string> out;
    for (const MatchHit& h : r.hits) out.push_back(directory().service_name(h.service));
    return out;
}

bool has(const MatchResult& r, const std::string& name) {
    const auto n = names(r);
    return std::find(n.begin(), n.end(), name) != n.end();
}

const MatchHit& hit(const MatchResult& r, const std::string& name) {
    for (const MatchHit& h : r.hits)
        if (directory().service_name(h.service) == name) return h;
    FAIL("no hit named " << name);
    return r.hits.front();
}

bool has_reason(const MatchHit& h, const std::string& code) {
    return std::any_of(h.reasons.begin(), h.reasons.end(), [&](const Reason& r) { return r.code == code; });
}

std::uint32_t service_named(const std::string& name) {
    for (std::uint32_t s = 0; s < directory().services(); ++s)
        if (directory().service_name(s) == name) return s;
    FAIL("no service named " << name);
    return 0;
}

std::vector<std::string> explain_codes(const std::string& name, const MatchQuery& q) {
    Matcher m(directory());
    std::vector<std::string> codes;
    for (const Reason& r : m.explain(service_named(name), q)) codes.push_back(r.code);
    return codes;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

MatchResult run(const MatchQuery& q, MatchMode mode = MatchMode::Product) {
    Matcher m(directory(), mode);
    return m.match(q);
}

}  // namespace

TEST_CASE("ranking on the hand-made directory: nearest first, adjusted scores, the known order") {
    const MatchResult r = run(near_person());
    // Distances 0.33 … 1.67 km in latitude order; the waitlisted pantry (0.18 km) is scored
    // ×0.7 and drops below them; the county line (no address, county unknown) ranks as if 10 km
    // away ×0.85; the far pantry (22 km) next; the polygon pantry, 222 km away but serving the
    // person's area, ranks as if 25 km away.
    const std::vector<std::string> expected = {
        "Spanish Pantry", "Pantry Listing No Language", "Pantry Without Hours", "Seniors Pantry",
        "Youth Pantry", "Other ZIP Pantry", "Weekend Pantry", "Second Tuesday Pantry", "Near Pantry",
        "Despensa Clínica", "Neighborhood Food Pantry Without Codes", "Pantry and Shelter",
        "Split Hours Pantry", "Two Sites Pantry", "Waitlist Pantry", "County Food Line", "Far Pantry",
        "Polygon Pantry"};
    CHECK(names(r) == expected);
    CHECK(r.total == expected.size());
    // Food services: all but the night shelter (24 - 1); five fail a filter: outside the
    // radius, inactive, no capacity, a ZIP area far away, a phone line with neither address
    // nor service area.
    CHECK(r.excluded == 5);
    CHECK(hit(r, "County Food Line").score == doctest::Approx(0.85 / (1 + 10.0 / 10)).epsilon(1e-9));
    CHECK(hit(r, "Near Pantry").distance_km == doctest::Approx(1.11195).epsilon(1e-4));
    CHECK(hit(r, "Near Pantry").score == doctest::Approx(1 / (1 + 1.11195 / 10)).epsilon(1e-4));
    for (std::size_t i = 1; i < r.hits.size(); ++i) CHECK(r.hits[i - 1].score >= r.hits[i].score);
}

TEST_CASE("the need filter: taxonomy codes, keywords, and services meeting several needs rank higher") {
    MatchResult r = run(near_person());
    CHECK_FALSE(has(r, "Night Shelter"));  // housing only
    CHECK(has(r, "Neighborhood Food Pantry Without Codes"));  // no taxonomy: the keyword "food pantry"
    CHECK(has_reason(hit(r, "Near Pantry"), "need"));

    MatchQuery both = near_person();
    both.needs = need("food-insecurity") | need("homelessness");
    r = run(both);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(directory().service_name(r.hits.front().service) == "Pantry and Shelter");  // ×1.25 for a second need
    CHECK(has_reason(r.hits.front(), "several-needs"));
    CHECK(has(r, "Night Shelter"));
    CHECK(contains(explain_codes("Night Shelter", near_person()), "excluded-need"));
}

TEST_CASE("inactive services never match") {
    MatchQuery q = near_person();
    CHECK_FALSE(has(run(q), "Inactive Pantry"));
    q.latitude.reset();
    q.longitude.reset();
    CHECK_FALSE(has(run(q), "Inactive Pantry"));
    CHECK(contains(explain_codes("Inactive Pantry", near_person()), "excluded-status"));
}

TEST_CASE("the radius: 25 km by default, as asked otherwise") {
    MatchQuery q = near_person();
    CHECK(has(run(q), "Far Pantry"));              // 22.2 km
    CHECK_FALSE(has(run(q), "Outside Radius Pantry"));  // 33.4 km
    CHECK(contains(explain_codes("Outside Radius Pantry", q), "excluded-distance"));
    q.radius_km = 40;
    CHECK(has(run(q), "Outside Radius Pantry"));
    q.radius_km = 20;
    CHECK_FALSE(has(run(q), "Far Pantry"));
}

TEST_CASE("age eligibility: bounds are inclusive") {
    MatchQuery q = near_person();
    q.age = 60;
    CHECK(has(run(q), "Seniors Pantry"));
    q.age = 59;
    CHECK_FALSE(has(run(q), "Seniors Pantry"));
    CHECK(contains(explain_codes("Seniors Pantry", q), "excluded-age-min"));
    for (const double ok : {12.0, 18.0, 24.0}) {
        q.age = ok;
        CHECK_MESSAGE(has(run(q), "Youth Pantry"), "age " << ok);
    }
    for (const double no : {11.0, 25.0}) {
        q.age = no;
        CHECK_MESSAGE(!has(run(q), "Youth Pantry"), "age " << no);
    }
    q.age.reset();  // age unknown: no age filter
    CHECK(has(run(q), "Seniors Pantry"));
    CHECK(has(run(q), "Youth Pantry"));
}

TEST_CASE("language: a listed language matches, an unlisted one excludes, none listed ranks lower") {
    MatchQuery q = near_person();
    q.languages = {"es"};
    const MatchResult r = run(q);
    CHECK(has(r, "Near Pantry"));     // en, es
    CHECK(has(r, "Spanish Pantry"));  // es
    CHECK_FALSE(has(r, "Far Pantry"));  // en only
    CHECK(contains(explain_codes("Far Pantry", q), "excluded-language"));
    REQUIRE(has(r, "Pantry Listing No Language"));
    const MatchHit& unknown = hit(r, "Pantry Listing No Language");
    CHECK(has_reason(unknown, "language-unknown"));
    CHECK(has_reason(hit(r, "Spanish Pantry"), "language"));
    // 0.44 km but ×0.85: below Despensa Clínica, which is 1.22 km away but lists Spanish.
    CHECK(unknown.score == doctest::Approx(0.85 / (1 + 0.0040 * 111.195 / 10)).epsilon(1e-3));
    CHECK(unknown.score < hit(r, "Despensa Clínica").score);
    // The reference semantics exclude a service that lists no language.
    CHECK_FALSE(has(run(q, MatchMode::Reference), "Pantry Listing No Language"));
}

TEST_CASE("open at a time: weekdays, closed days, several periods, monthly, unknown hours") {
    MatchQuery q = near_person();
    q.open_at = LocalTime::parse_iso("2026-11-24T10:30");  // a Tuesday
    REQUIRE(q.open_at.has_value());
    CHECK(q.open_at->weekday == 1);
    MatchResult r = run(q);
    CHECK(has(r, "Near Pantry"));
    CHECK_FALSE(has(r, "Weekend Pantry"));          // closed on weekdays
    CHECK_FALSE(has(r, "Second Tuesday Pantry"));   // the 24th is the 4th Tuesday
    CHECK_FALSE(has(r, "Split Hours Pantry"));      // Wednesdays only
    CHECK(has_reason(hit(r, "Pantry Without Hours"), "hours-unknown"));
    CHECK(has_reason(hit(r, "Near Pantry"), "open"));
    CHECK(contains(explain_codes("Weekend Pantry", q), "excluded-closed"));

    q.open_at = LocalTime::parse_iso("2026-11-10T10:30");  // the 2nd Tuesday
    CHECK(has(run(q), "Second Tuesday Pantry"));

    q.open_at = LocalTime::parse_iso("2026-11-25T12:30");  // Wednesday lunch break
    CHECK_FALSE(has(run(q), "Split Hours Pantry"));
    q.open_at = LocalTime::parse_iso("2026-11-25T11:59");
    CHECK(has(run(q), "Split Hours Pantry"));
    q.open_at = LocalTime::parse_iso("2026-11-25T13:00");
    CHECK(has(run(q), "Split Hours Pantry"));
    q.open_at = LocalTime::parse_iso("2026-11-25T17:00");  // closes_at is exclusive
    CHECK_FALSE(has(run(q), "Split Hours Pantry"));

    // Reference semantics: no published hours, no match.
    q.open_at = LocalTime::parse_iso("2026-11-24T10:30");
    CHECK_FALSE(has(run(q, MatchMode::Reference), "Pantry Without Hours"));
}

TEST_CASE("a schedule crossing midnight is open after midnight by the previous day's period") {
    MatchQuery q = near_person();
    q.needs = need("homelessness");
    for (const char* t : {"2026-11-24T02:00", "2026-11-24T06:59", "2026-11-24T19:00", "2026-11-24T23:30"}) {
        q.open_at = LocalTime::parse_iso(t);
        CHECK_MESSAGE(has(run(q), "Night Shelter"), t);
    }
    for (const char* t : {"2026-11-24T07:00", "2026-11-24T12:00", "2026-11-24T18:59"}) {
        q.open_at = LocalTime::parse_iso(t);
        CHECK_MESSAGE(!has(run(q), "Night Shelter"), t);
    }
}

TEST_CASE("24-hour services: 23:59 closes at midnight in the product, at 23:59 in the reference") {
    MatchQuery q = near_person();
    q.open_at = LocalTime::parse_iso("2026-11-24T23:59");
    CHECK(has(run(q), "Far Pantry"));
    CHECK_FALSE(has(run(q, MatchMode::Reference), "Far Pantry"));
}

TEST_CASE("capacity: no capacity excludes, a waitlist ranks lower") {
    const MatchResult r = run(near_person());
    CHECK_FALSE(has(r, "Full Pantry"));
    CHECK(contains(explain_codes("Full Pantry", near_person()), "excluded-capacity"));
    const MatchHit& w = hit(r, "Waitlist Pantry");
    CHECK(has_reason(w, "waitlist"));
    CHECK(w.score == doctest::Approx(0.7 / (1 + 0.0016 * 111.195 / 10)).epsilon(1e-3));
    // The reference has no capacity: the full pantry matches there.
    CHECK(has(run(near_person(), MatchMode::Reference), "Full Pantry"));
}

TEST_CASE("service areas against the radius") {
    SUBCASE("a ZIP area reaches beyond the radius, and excludes a near service that serves other ZIPs") {
        MatchQuery q = near_person();
        q.postal_code = "97201";
        const MatchResult r = run(q);
        REQUIRE(has(r, "ZIP Area Pantry"));  // 111 km away
        CHECK(has_reason(hit(r, "ZIP Area Pantry"), "serves-zip"));
        CHECK(hit(r, "ZIP Area Pantry").distance_km == doctest::Approx(111.195).epsilon(1e-3));
        CHECK_FALSE(has(r, "Other ZIP Pantry"));  // 0.8 km, but it serves 97999 only
        CHECK(contains(explain_codes("Other ZIP Pantry", q), "excluded-area"));
    }
    SUBCASE("without the person's ZIP, ZIP areas cannot be tested and the radius decides") {
        const MatchResult r = run(near_person());
        CHECK(has(r, "Other ZIP Pantry"));
        CHECK_FALSE(has(r, "ZIP Area Pantry"));
    }
    SUBCASE("a county area finds a service with no address; without the county it is shown unverified") {
        MatchQuery q = near_person();
        q.county = "Multnomah County";
        MatchResult r = run(q);
        REQUIRE(has(r, "County Food Line"));
        const MatchHit& h = hit(r, "County Food Line");
        CHECK(std::isnan(h.distance_km));
        CHECK(has_reason(h, "serves-county"));
        CHECK(has_reason(h, "no-address"));
        CHECK(h.score == doctest::Approx(1 / (1 + 10.0 / 10)));
        q.county = "Clackamas";
        CHECK_FALSE(has(run(q), "County Food Line"));  // a county it does not serve
        CHECK(contains(explain_codes("County Food Line", q), "excluded-no-location"));
        r = run(near_person());
        REQUIRE(has(r, "County Food Line"));
        const MatchHit& u = hit(r, "County Food Line");
        REQUIRE(has_reason(u, "area-unverified"));
        CHECK(*u.reasons[2].param("area") == "Multnomah County, OR");
    }
    SUBCASE("missing coordinates and no service area: it cannot be placed near anyone") {
        CHECK_FALSE(has(run(near_person()), "Phone Line Without Area"));
        CHECK(contains(explain_codes("Phone Line Without Area", near_person()), "excluded-no-location"));
        MatchQuery anywhere = near_person();
        anywhere.latitude.reset();
        anywhere.longitude.reset();
        CHECK(has(run(anywhere), "Phone Line Without Area"));
    }
    SUBCASE("a GeoJSON polygon containing the person") {
        const MatchResult r = run(near_person());
        REQUIRE(has(r, "Polygon Pantry"));
        const MatchHit& h = hit(r, "Polygon Pantry");
        CHECK(h.distance_km == doctest::Approx(222.39).epsilon(1e-3));
        REQUIRE(has_reason(h, "serves-named-area"));
        MatchQuery away = near_person();
        away.latitude = 44.0;  // outside the polygon, and 222+ km from everything
        CHECK_FALSE(has(run(away), "Polygon Pantry"));
    }
    SUBCASE("the reference semantics know no service areas") {
        MatchQuery q = near_person();
        q.postal_code = "97201";
        const MatchResult r = run(q, MatchMode::Reference);
        CHECK_FALSE(has(r, "ZIP Area Pantry"));
        CHECK(has(r, "Other ZIP Pantry"));
        CHECK_FALSE(has(r, "Polygon Pantry"));
    }
}

TEST_CASE("without a location every place qualifies, including services with no address") {
    MatchQuery q = near_person();
    q.latitude.reset();
    q.longitude.reset();
    const MatchResult r = run(q);
    CHECK(has(r, "County Food Line"));
    CHECK(has(r, "Outside Radius Pantry"));
    CHECK(has(r, "ZIP Area Pantry"));
    for (const MatchHit& h : r.hits) CHECK(std::isnan(h.distance_km));
}

TEST_CASE("a service at several locations is one result, at its nearest location") {
    const MatchResult r = run(near_person());
    const auto n = names(r);
    CHECK(std::count(n.begin(), n.end(), "Two Sites Pantry") == 1);
    const MatchHit& h = hit(r, "Two Sites Pantry");
    CHECK(directory().location_id(h.row) == "loc-23-near");
    CHECK(h.distance_km == doctest::Approx(0.015 * 111.195).epsilon(1e-3));
}

TEST_CASE("free text: accents, case, prefixes and small typos are forgiven; every word must match") {
    for (const char* text : {"despensa", "DESPENSA", "despénsa", "despen", "despnsa", "clinica", "Clínica gratuita"}) {
        MatchQuery q = near_person();
        q.text = text;
        const MatchResult r = run(q);
        CHECK_MESSAGE(names(r) == std::vector<std::string>{"Despensa Clínica"}, text);
        if (!r.hits.empty()) CHECK(has_reason(r.hits.front(), "text"));
    }
    MatchQuery q = near_person();
    q.text = "despensa zzzzzz";
    CHECK(run(q).hits.empty());
    CHECK(contains(explain_codes("Despensa Clínica", q), "excluded-text"));
    // An exact word outranks a prefix of it: "pantry" in a name scores 2 × idf.
    q.text = "pantry";
    const MatchResult r = run(q);
    CHECK_FALSE(r.hits.empty());
    CHECK_FALSE(has(r, "Despensa Clínica"));
    // Keywords (organization and taxonomy term names) are searched in the product only.
    q.text = "org";
    CHECK(run(q).total > 10);
    CHECK(run(q, MatchMode::Reference).total == 0);
}

TEST_CASE("reasons render in English and Spanish") {
    MatchQuery q = near_person();
    q.age = 65;
    q.languages = {"es"};
    q.open_at = LocalTime::parse_iso("2026-11-24T10:30");
    const MatchResult r = run(q);
    const MatchHit& h = hit(r, "Near Pantry");
    Translator tr;
    std::vector<std::string> en;
    for (const Reason& reason : h.reasons) en.push_back(render_reason(reason, tr));
    CHECK(contains(en, "Helps with food insecurity"));
    CHECK(contains(en, "1.1 km away"));
    CHECK(contains(en, "Speaks Spanish"));
    CHECK(contains(en, "Open Tue 09:00–17:00"));
    REQUIRE(tr.set_language("es"));
    std::vector<std::string> es;
    for (const Reason& reason : h.reasons) es.push_back(render_reason(reason, tr));
    CHECK(contains(es, "Ayuda con inseguridad alimentaria"));
    CHECK(contains(es, "Habla español"));
    CHECK(contains(es, "Abierto mar 09:00–17:00"));
    const Reason age{"excluded-age-min", {{"min", "60"}}};
    CHECK(render_reason(age, tr) == "Solo edades de 60 años en adelante — excluido");
    tr.set_language("en");
    CHECK(render_reason(age, tr) == "Ages 60+ only — excluded");
}

TEST_CASE("the limit keeps the best and the count covers all") {
    MatchQuery q = near_person();
    q.limit = 3;
    const MatchResult r = run(q);
    CHECK(names(r) == std::vector<std::string>{"Spanish Pantry", "Pantry Listing No Language", "Pantry Without Hours"});
    CHECK(r.total == 18);
}

TEST_CASE("a matcher reused across queries gives the same answers") {
    Matcher m(directory());
    MatchQuery a = near_person();
    a.text = "despensa";
    MatchQuery b = near_person();
    const auto first_a = m.match(a).total;
    const auto first_b = m.match(b).total;
    for (int i = 0; i < 3; ++i) {
        CHECK(m.match(a).total == first_a);
        CHECK(m.match(b).total == first_b);
    }
}

// [SECTION] explain() agrees with match() -------------------------------------------------------
// Issue 11: the reasons a service is excluded must be the filters that exclude it. For every
// service and a range of queries on the demo region and on the hand-made directory, the oracle
// is match() itself: relaxing the filters that explain() names makes the service match, and
// relaxing every other filter does not.

namespace {

enum Relax : unsigned { kRelaxNeed = 1, kRelaxLanguage = 2, kRelaxAge = 4, kRelaxText = 8, kRelaxPlace = 16,
                        kRelaxHours = 32, kRelaxAll = 63 };

// The query filter an exclusion names; 0 for a property of the service (status, capacity),
// which no query can relax.
unsigned relax_for(const std::string& code) {
    if (code == "excluded-need") return kRelaxNeed;
    if (code == "excluded-language") return kRelaxLanguage;
    if (code.rfind("excluded-age", 0) == 0) return kRelaxAge;
    if (code == "excluded-text") return kRelaxText;
    if (code == "excluded-area" || code == "excluded-distance" || code == "excluded-no-location") return kRelaxPlace;
    if (code == "excluded-closed") return kRelaxHours;
    if (code == "excluded-status" || code == "excluded-capacity") return 0;
    FAIL("an exclusion no filter stands for: " << code);
    return 0;
}

MatchQuery relaxed(MatchQuery q, unsigned relax) {
    if (relax & kRelaxNeed) q.needs = 0;
    if (relax & kRelaxLanguage) q.languages.clear();
    if (relax & kRelaxAge) q.age.reset();
    if (relax & kRelaxText) q.text.clear();
    if (relax & kRelaxHours) q.open_at.reset();
    if (relax & kRelaxPlace) {
        q.latitude.reset();
        q.longitude.reset();
        q.postal_code.clear();
        q.county.clear();
    }
    return q;
}

// Which services match `q` with the filters in `relax` lifted; each relaxation computed once.
class Oracle {
public:
    Oracle(const Directory& d, const MatchQuery& q) : m_d(d), m_q(q), m_matcher(d) {}
    bool matches(std::uint32_t service, unsigned relax) {
        auto it = m_matched.find(relax);
        if (it == m_matched.end()) {
            MatchQuery all = relaxed(m_q, relax);
            all.limit = m_d.services();
            std::vector<bool> matched(m_d.services(), false);
            for (const MatchHit& h : m_matcher.match(all).hits) matched[h.service] = true;
            it = m_matched.emplace(relax, std::move(matched)).first;
        }
        return it->second[service];
    }

private:
    const Directory& m_d;
    const MatchQuery& m_q;
    Matcher m_matcher;
    std::map<unsigned, std::vector<bool>> m_matched;
};

// Queries built from every combination of a few values per filter, thinned to about `n` by a
// fixed stride so that each value meets many others.
std::vector<MatchQuery> query_range(const std::vector<std::pair<double, double>>& places, const char* zip,
                                    const char* county, std::size_t n) {
    const std::vector<NeedMask> needs = {0, need("food-insecurity"), need("housing-instability") | need("homelessness"),
                                         need("transportation-insecurity")};
    const std::vector<std::vector<std::string>> languages = {{}, {"es"}, {"vi", "zh"}, {"fr"}};
    const std::vector<std::optional<double>> ages = {std::nullopt, 4.0, 30.0, 70.0};
    const std::vector<const char*> times = {nullptr, "2026-11-24T10:30", "2026-11-28T11:00", "2026-11-29T23:30"};
    const std::vector<std::string> texts = {"", "food", "pantri", "zzqxv"};
    const std::vector<std::optional<double>> radii = {std::nullopt, 2.0, 5000.0};
    std::vector<MatchQuery> all;
    for (const auto& need : needs)
        for (const auto& langs : languages)
            for (const auto& age : ages)
                for (const char* time : times)
                    for (const std::string& text : texts)
                        for (std::size_t place = 0; place <= places.size() + 1; ++place)
                            for (const auto& radius : radii) {
                                MatchQuery q;
                                q.needs = need;
                                q.languages = langs;
                                q.age = age;
                                if (time) q.open_at = LocalTime::parse_iso(time);
                                q.text = text;
                                q.radius_km = radius;
                                if (place < places.size()) {
                                    q.latitude = places[place].first;
                                    q.longitude = places[place].second;
                                    if (place == 0) q.postal_code = zip;
                                    if (place == 1) q.county = county;
                                } else if (place == places.size()) {
                                    q.postal_code = zip;  // a ZIP code and no coordinates
                                }
                                all.push_back(std::move(q));
                            }
    std::vector<MatchQuery> some;
    const std::size_t stride = (all.size() / n) | 1;  // odd: it walks through every nesting level
    for (std::size_t i = 0; i < all.size(); i += stride) some.push_back(all[i]);
    return some;
}

void check_explain_agrees(const Directory& d, const std::vector<MatchQuery>& queries) {
    Matcher m(d);
    std::size_t excluded = 0, several = 0;
    for (const MatchQuery& q : queries) {
        Oracle oracle(d, q);
        for (std::uint32_t s = 0; s < d.services(); ++s) {
            unsigned named = 0;
            bool fixed = false;  // excluded by its status or capacity
            std::vector<std::string> codes;
            for (const Reason& r : m.explain(s, q)) {
                if (r.code.rfind("excluded-", 0) != 0) continue;
                codes.push_back(r.code);
                named |= relax_for(r.code);
                fixed = fixed || relax_for(r.code) == 0;
            }
            INFO("service '" << d.service_name(s) << "', text '" << q.text << "', excluded by " << codes.size()
                             << (codes.empty() ? "" : ", first " + codes.front()));
            REQUIRE(oracle.matches(s, 0) == codes.empty());
            if (codes.empty()) continue;
            ++excluded;
            if (codes.size() > 1) ++several;
            if (fixed) CHECK((d.status(s) != ServiceStatus::Active || d.capacity(s) == Capacity::None));
            else CHECK_MESSAGE(oracle.matches(s, named), "relaxing the filters named admits it");
            CHECK_MESSAGE(!oracle.matches(s, kRelaxAll & ~named), "the filters named exclude it");
        }
    }
    // The range reaches many exclusions, some of them by several filters at once.
    CHECK(excluded > queries.size() * 10);
    CHECK(several > 0);
}

}  // namespace

TEST_CASE("issue 11 - every excluded service's reasons name the filters that exclude it") {
    SUBCASE("the demo region") {
        static const LoadedDirectory demo =
            load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/assets/directory/demo-region.hsds.json");
        REQUIRE(demo.directory.has_value());
        check_explain_agrees(*demo.directory,
                             query_range({{37.3292, -121.8348}, {37.30, -121.86}, {37.3382, -121.8863}}, "95122",
                                         "Santa Clara County", 200));
    }
    SUBCASE("the hand-made directory: several locations, split hours, every kind of service area") {
        check_explain_agrees(directory(), query_range({{45.0, -122.0}, {45.001, -122.0}, {44.0, -122.0}}, "97201",
                                                      "Multnomah County", 200));
    }
}

TEST_CASE("free text in many languages: accents fold, Chinese needs no spaces, translated text is searched") {
    std::stringstream in(R"([
      {"id": "cafe", "name": "Café Comunitario", "status": "active", "description": "Desayuno gratis."},
      {"id": "zh", "name": "华人社区食物银行", "status": "active", "description": "每周二免费发放新鲜蔬菜和大米。"},
      {"id": "tr", "name": "Senior Lunch", "status": "active", "description": "Hot lunch on weekdays.",
       "translations": {"zh-Hans": {"name": "长者午餐", "description": "工作日提供热午餐。"},
                        "vi": {"name": "Bữa trưa cho người cao tuổi"}}},
      {"id": "en", "name": "Food Bank", "status": "active", "description": "Groceries for families."}])");
    DirectoryBuilder b;
    ImportReport report;
    import_hsds_json(in, "languages.json", b, report);
    REQUIRE(report.errors.empty());
    const Directory d = b.finish("languages.json");
    const auto found = [&](const char* text) {
        Matcher m(d);
        MatchQuery q;
        q.text = text;
        q.limit = 10;
        std::vector<std::string> ids;
        for (const MatchHit& h : m.match(q).hits) ids.push_back(d.service_id(h.service));
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    using Ids = std::vector<std::string>;
    CHECK(found("cafe") == Ids{"cafe"});
    CHECK(found("CAFÉ comunitario") == Ids{"cafe"});
    CHECK(found("食物银行") == Ids{"zh"});       // a word inside the name, no spaces around it
    CHECK(found("蔬菜") == Ids{"zh"});           // from the description
    CHECK(found("食物 蔬菜") == Ids{"zh"});
    CHECK(found("银行 午餐").empty());            // every word must match, in one service
    CHECK(found("长者午餐") == Ids{"tr"});       // the translated name
    CHECK(found("热午餐") == Ids{"tr"});         // the translated description
    CHECK(found("nguoi cao tuoi") == Ids{"tr"});  // Vietnamese without its marks
    CHECK(found("food bank") == Ids{"en"});
}
