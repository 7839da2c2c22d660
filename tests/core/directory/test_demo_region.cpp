// The demo region the app loads by default (assets/directory/demo-region.hsds.json).
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"
#include "core/directory/service_details.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {
const LoadedDirectory& demo() {
    static const LoadedDirectory d =
        load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/assets/directory/demo-region.hsds.json");
    return d;
}
}  // namespace

TEST_CASE("the demo region is a clean, sizeable directory") {
    const LoadedDirectory& d = demo();
    REQUIRE(d.directory.has_value());
    CHECK(d.report.errors.empty());
    CHECK(d.report.organizations >= 40);
    CHECK(d.report.services >= 150);
    CHECK(d.report.locations >= 60);
}

TEST_CASE("the demo region has what matching needs to show: languages, limits, areas, capacity") {
    const Directory& d = *demo().directory;
    std::set<std::string> langs;
    int with_age = 0, no_capacity = 0, waitlist = 0, not_active = 0, with_area = 0;
    for (std::uint32_t s = 0; s < d.services(); ++s) {
        for (const std::string& l : d.languages(s)) langs.insert(l);
        if (d.ages(s).min >= 0 || d.ages(s).max >= 0) ++with_age;
        if (d.capacity(s) == Capacity::None) ++no_capacity;
        if (d.capacity(s) == Capacity::Waitlist) ++waitlist;
        if (d.status(s) != ServiceStatus::Active) ++not_active;
        if (d.view().svc_area_start[s + 1] > d.view().svc_area_start[s]) ++with_area;
    }
    for (const char* l : {"en", "es", "vi", "zh"}) CHECK_MESSAGE(langs.count(l), l);
    CHECK(with_age >= 20);
    CHECK(no_capacity >= 2);
    CHECK(waitlist >= 2);
    CHECK(not_active >= 2);
    CHECK(with_area >= 10);
    CHECK(d.rows() > d.located_rows());  // services with no address (hotlines)
    CHECK(!d.area_polygons().empty());
}

TEST_CASE("every need a screening reports finds help in the demo region") {
    const Directory& d = *demo().directory;
    Matcher m(d);
    for (const char* domain : {"food-insecurity", "housing-instability", "homelessness", "inadequate-housing",
                               "transportation-insecurity", "utility-insecurity", "interpersonal-safety",
                               "financial-insecurity", "employment-status", "educational-attainment",
                               "social-connection", "stress", "depression"}) {
        MatchQuery q;
        q.needs = NeedMask{1} << *NeedMap::builtin().find(domain);
        q.latitude = 37.3292;  // ZIP 95122
        q.longitude = -121.8348;
        q.postal_code = "95122";
        CHECK_MESSAGE(m.match(q).total > 0, domain);
    }
}

TEST_CASE("the demo region's services read in Spanish, and in Vietnamese, Chinese and Tagalog where offered") {
    const LoadedDirectory& loaded = demo();
    REQUIRE(loaded.directory.has_value());
    CHECK(loaded.report.warnings.empty());  // no broken translations entry
    const Directory& d = *loaded.directory;
    const ServiceDetailsIndex details = ServiceDetailsIndex::from_hsds_json(
        [] {
            std::ifstream in(std::string(SAFETYNET_SOURCE_DIR) + "/assets/directory/demo-region.hsds.json");
            std::stringstream ss;
            ss << in.rdbuf();
            return ss.str();
        }());
    int checked = 0;
    for (std::uint32_t s = 0; s < d.services(); ++s) {
        CAPTURE(d.service_name(s));
        const ServiceDetails* sd = details.find(d.service_id(s));
        REQUIRE(sd);
        std::vector<std::string> want = {"es"};
        for (const std::string& l : d.languages(s))
            if (l == "vi" || l == "zh" || l == "tl") want.push_back(l);
        for (const std::string& lang : want) {
            CAPTURE(lang);
            std::string shown;
            d.service_name(s, lang, &shown);
            CHECK(shown == lang);
            translated(sd->translations, lang, "description", sd->description, &shown);
            CHECK(shown == lang);
            ++checked;
        }
    }
    CHECK(checked >= 159 + 50 + 40 + 6);
}
