// Issue 13, "HSDS: every shape the specification publishes": every official HSDS 3.0 / 3.1-dev
// example, the UK profile's and the UK validator's mocks (../shared/realworld/hsds, SOURCES.md
// there) import with the entities they hold, and the validator's "Fail" fixtures fail with
// errors naming file, record and field. The counts were worked out by reading the files
// (distinct ids; the schedules of each service, service_at_location and distinct location).
// Skipped, with a message, when ../shared/realworld is not beside the repository.
#include "tests/support/test_helpers.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/service_details.hpp"
#include "core/directory/zip_centroids.hpp"
#include "core/match/matcher.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;
namespace fs = std::filesystem;

namespace {

const fs::path kRealworld = safetynet::test::realworld("hsds");

bool realworld_present() { return safetynet::test::realworld_present(kRealworld); }

struct Held {
    std::size_t organizations, services, locations, service_at_locations, schedules;
};

struct Example {
    const char* path;                  // under realworld/hsds
    Held held;
    std::vector<std::string> errors;   // the field of each error, in order ("" = the whole file)
    std::size_t warnings;
};

// The spec examples are placeholders: coordinates 100/101, an extent "extent" with
// extent_type geojson, a schedule whose fields contradict (valid one Saturday, byday TH,FR),
// lists that say "page 1 of 10". Each of those is named; nothing else is wrong.
const std::vector<Example> kJsonExamples = {
    {"openreferral-spec-3.0/examples/base.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.0/examples/location.json", {0, 0, 1, 0, 1}, {""}, 2},
    {"openreferral-spec-3.0/examples/organization_full.json", {1, 1, 1, 1, 3}, {"services[0].service_areas[0].extent"}, 4},
    {"openreferral-spec-3.0/examples/organization_list.json", {1, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"openreferral-spec-3.0/examples/service_at_location_full.json", {1, 1, 1, 1, 3}, {"service.service_areas[0].extent"}, 4},
    {"openreferral-spec-3.0/examples/service_at_location_list.json", {1, 1, 1, 1, 0}, {"total_pages"}, 1},
    {"openreferral-spec-3.0/examples/service_full.json", {1, 1, 1, 1, 3}, {"service_areas[0].extent"}, 4},
    {"openreferral-spec-3.0/examples/service_list.json", {1, 1, 0, 0, 0}, {"total_pages"}, 0},
    {"openreferral-spec-3.0/examples/tabular.json", {1, 1, 1, 1, 1}, {"extent"}, 2},
    {"openreferral-spec-3.0/examples/taxonomy.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.0/examples/taxonomy_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"openreferral-spec-3.0/examples/taxonomy_term.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.0/examples/taxonomy_term_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    // 3.1-dev: the same, with service.capacities (12 available of a maximum of 10: a warning).
    {"openreferral-spec-3.1-dev/examples/base.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.1-dev/examples/location.json", {0, 0, 1, 0, 1}, {""}, 2},
    {"openreferral-spec-3.1-dev/examples/organization_full.json", {1, 1, 1, 1, 3}, {"services[0].service_areas[0].extent"}, 5},
    {"openreferral-spec-3.1-dev/examples/organization_list.json", {1, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"openreferral-spec-3.1-dev/examples/service_at_location_full.json", {1, 1, 1, 1, 3}, {"service.service_areas[0].extent"}, 5},
    {"openreferral-spec-3.1-dev/examples/service_at_location_list.json", {1, 1, 1, 1, 0}, {"total_pages"}, 1},
    {"openreferral-spec-3.1-dev/examples/service_full.json", {1, 1, 1, 1, 3}, {"service_areas[0].extent"}, 5},
    {"openreferral-spec-3.1-dev/examples/service_list.json", {1, 1, 0, 0, 0}, {"total_pages"}, 0},
    {"openreferral-spec-3.1-dev/examples/tabular.json", {1, 1, 1, 1, 1}, {"extent"}, 2},
    {"openreferral-spec-3.1-dev/examples/taxonomy.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.1-dev/examples/taxonomy_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"openreferral-spec-3.1-dev/examples/taxonomy_term.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"openreferral-spec-3.1-dev/examples/taxonomy_term_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    // The UK profile: languages carry no code or name (the profile drops them).
    {"oruk-uk-profile-3.0/examples/organization_full.json", {1, 1, 1, 1, 1},
     {"services[0].languages[0].code", "services[0].service_areas[0].extent"}, 2},
    {"oruk-uk-profile-3.0/examples/organization_list.json", {1, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"oruk-uk-profile-3.0/examples/service_at_location_full.json", {1, 1, 1, 1, 1},
     {"service.languages[0].code", "service.service_areas[0].extent"}, 2},
    {"oruk-uk-profile-3.0/examples/service_at_location_list.json", {1, 1, 1, 1, 0}, {"total_pages"}, 1},
    {"oruk-uk-profile-3.0/examples/service_full.json", {1, 1, 1, 1, 1}, {"languages[0].code", "service_areas[0].extent"}, 2},
    {"oruk-uk-profile-3.0/examples/service_list.json", {1, 1, 0, 0, 0}, {"total_pages"}, 0},
    {"oruk-uk-profile-3.0/examples/taxonomy.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-uk-profile-3.0/examples/taxonomy_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"oruk-uk-profile-3.0/examples/taxonomy_term.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-uk-profile-3.0/examples/taxonomy_term_list.json", {0, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    // The UK validator's default mocks: complete pages.
    {"oruk-validator-mocks/V3.0-UK-Default/api_details.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/organization_full.json", {1, 1, 1, 1, 1},
     {"services[0].languages[0].code", "services[0].service_areas[0].extent"}, 2},
    {"oruk-validator-mocks/V3.0-UK-Default/organization_list.json", {1, 0, 0, 0, 0}, {"total_pages", ""}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/service_at_location_full.json", {1, 1, 1, 1, 1},
     {"service.languages[0].code", "service.service_areas[0].extent"}, 2},
    {"oruk-validator-mocks/V3.0-UK-Default/service_at_location_list.json", {1, 1, 1, 1, 0}, {}, 1},
    {"oruk-validator-mocks/V3.0-UK-Default/service_full.json", {1, 1, 1, 1, 1}, {"languages[0].code", "service_areas[0].extent"}, 2},
    {"oruk-validator-mocks/V3.0-UK-Default/service_list.json", {1, 1, 0, 0, 0}, {}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/taxonomy.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/taxonomy_list.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/taxonomy_term.json", {0, 0, 0, 0, 0}, {""}, 0},
    {"oruk-validator-mocks/V3.0-UK-Default/taxonomy_term_list.json", {0, 0, 0, 0, 0}, {""}, 0},
};

struct Named {
    std::string id, field, message;  // message: a prefix of the error's
};

// The UK validator's "Fail" fixtures (meant to fail): the errors each must give.
struct FailFixture {
    const char* path;
    std::vector<Named> errors;
};
const std::vector<FailFixture> kFailFixtures = {
    {"oruk-validator-mocks/V3.0-UK-Fail/api_details.json",
     {{"#1", "openapi_url", "must be an absolute URL"}, {"", "", "no services here"}}},
    {"oruk-validator-mocks/V3.0-UK-Fail/service_at_location_list.json",
     {{"page 1", "total_pages", "page 1 of 10: the other 9 pages are not in this file"}}},
    {"oruk-validator-mocks/V3.0-UK-Fail/service_full.json",
     {{"ac148810-d857-441c-9679-408f346de14b", "url", "must be an absolute URL"},
      {"ac148810-d857-441c-9679-408f346de14b", "email", "must be an e-mail address"}}},
    {"oruk-validator-mocks/V3.0-UK-Fail/service_list.json",
     {{"ac148810-d857-441c-9679-408f346de14b", "name", "is required"},
      {"b644a0d2-9e8a-4c33-9390-ae9ee93fc056", "name", "is required"},
      {"e85f5bb0-62f0-42cc-a08a-0c5c16273090", "name", "is required"},
      {"page 1", "size", "says 1, but contents holds 4"},
      {"page 1", "total_items", "says 1, but this page alone holds 4"}}},
    {"oruk-validator-mocks/V3.0-UK-Fail/taxonomy_term.json",
     {{"3f7b145d-84af-42d7-8fae-eaca714b02b2", "description", "is required"},
      {"3f7b145d-84af-42d7-8fae-eaca714b02b2", "term_uri", "must be an absolute URL"}}},
};

LoadedDirectory load(const std::string& relative) { return load_directory((kRealworld / relative).string()); }

void check_held(const ImportReport& r, const Held& h) {
    CHECK(r.organizations == h.organizations);
    CHECK(r.services == h.services);
    CHECK(r.locations == h.locations);
    CHECK(r.service_at_locations == h.service_at_locations);
    CHECK(r.schedules == h.schedules);
}

std::vector<std::string> fields(const std::vector<ImportError>& errors) {
    std::vector<std::string> out;
    for (const ImportError& e : errors) out.push_back(e.field);
    return out;
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("issue 13: every official HSDS JSON example imports with the entities it holds") {
    if (!realworld_present()) return;
    std::size_t with_services = 0;
    for (const Example& ex : kJsonExamples) {
        CAPTURE(ex.path);
        const LoadedDirectory l = load(ex.path);
        check_held(l.report, ex.held);
        CHECK(fields(l.report.errors) == ex.errors);
        CHECK(l.report.warning_count == ex.warnings);
        CHECK(l.directory.has_value() == (ex.held.services > 0));
        for (const ImportError& e : l.report.errors) {
            CHECK(e.file == fs::path(ex.path).filename().string());
            if (e.field.empty()) CHECK(e.message.rfind("no services here: the file holds ", 0) == 0);
        }
        if (ex.held.services > 0) ++with_services;
    }
    CHECK(with_services == 22);  // and 3 more among the validator's Fail and Test mocks
}

TEST_CASE("issue 13: the UK validator's Fail fixtures fail, each error naming file, record and field") {
    if (!realworld_present()) return;
    for (const FailFixture& f : kFailFixtures) {
        CAPTURE(f.path);
        const LoadedDirectory l = load(f.path);
        for (const Named& want : f.errors) {
            CAPTURE(want.field);
            bool found = false;
            for (const ImportError& e : l.report.errors)
                found = found || (e.id == want.id && e.field == want.field && e.message.rfind(want.message, 0) == 0 &&
                                  e.file == fs::path(f.path).filename().string());
            CHECK(found);
        }
    }
    // The one with 31 services in 128 items: one service, 127 copies reported, the counts named.
    const LoadedDirectory test = load("oruk-validator-mocks/V3.0-UK-Test/service_list.json");
    CHECK(test.report.services == 1);
    std::size_t copies = 0;
    for (const ImportError& e : test.report.errors) copies += e.message == "duplicates an earlier service";
    CHECK(copies == 127);
}

TEST_CASE("issue 13: the Tabular Data Packages, from the folder, its datapackage.json, and the UK profile's names") {
    if (!realworld_present()) return;
    struct Package {
        const char* path;
        std::vector<std::string> errors;
        std::size_t warnings;
    };
    const std::vector<Package> packages = {
        {"openreferral-spec-3.0/examples/csv", {"extent"}, 2},
        {"openreferral-spec-3.0/examples/csv/datapackage.json", {"extent"}, 2},
        // 3.1: service_capacity.csv names a service and a unit the package does not hold.
        {"openreferral-spec-3.1-dev/examples/csv", {"extent", "unit_id", "service_id"}, 3},
        {"openreferral-spec-3.1-dev/examples/csv/datapackage.json", {"extent", "unit_id", "service_id"}, 3},
        // The UK examples hold address.csv and addresses.csv, schedule.csv and schedules.csv,
        // taxonomy.csv and taxonomies.csv: one of each is read, the other named in a warning.
        {"oruk-uk-profile-3.0/examples/csv", {"code", "extent"}, 5},
    };
    for (const Package& p : packages) {
        CAPTURE(p.path);
        const LoadedDirectory l = load(p.path);
        check_held(l.report, {1, 1, 1, 1, 1});
        CHECK(fields(l.report.errors) == p.errors);
        CHECK(l.report.warning_count == p.warnings);
    }
    // UK CSVs end their lines in CR CR LF: the first data row is still line 2.
    const LoadedDirectory uk = load("oruk-uk-profile-3.0/examples/csv");
    for (const ImportError& e : uk.report.errors) CHECK(e.line == 2);

    // The UK profile's own datapackage.json (address.csv, attribute.csv, schedule.csv) over its
    // example CSVs: the descriptor decides, so no table is read twice and nothing is warned of.
    const fs::path csv = kRealworld / "oruk-uk-profile-3.0/examples/csv";
    const PackageReader uk_reader = [&](const std::string& rel) -> std::optional<std::string> {
        const fs::path p = rel == "datapackage.json" ? kRealworld / "oruk-uk-profile-3.0/datapackage.json" : csv / rel;
        if (!fs::exists(p)) return std::nullopt;
        return read(p);
    };
    DirectoryBuilder b;
    ImportReport r;
    import_datapackage(uk_reader, "uk", b, r);
    CHECK(b.services() == 1);
    CHECK(b.organizations() == 1);
    CHECK(b.locations() == 1);
    CHECK(r.service_at_locations == 1);
    CHECK(r.schedules == 1);
    CHECK(fields(r.errors) == std::vector<std::string>{"code", "extent"});
    CHECK(r.warning_count == 2);  // the schedule that never occurs, the coordinates
}

TEST_CASE("issue 13: the app reads the same shapes for a service's details, 3.1 capacities included") {
    if (!realworld_present()) return;
    for (const Example& ex : kJsonExamples) {
        if (ex.held.services == 0 || fs::path(ex.path).filename() == "tabular.json") continue;
        CAPTURE(ex.path);
        const ServiceDetailsIndex details = ServiceDetailsIndex::from_hsds_json(read(kRealworld / ex.path));
        REQUIRE(details.size() == 1);
        const ServiceDetails* s = details.find("ac148810-d857-441c-9679-408f346de14b");
        REQUIRE(s != nullptr);
        CHECK(s->name == "Community Counselling");
        CHECK(s->organization == "Example Organization Inc.");
        CHECK(s->places.size() == ex.held.service_at_locations);
        if (!s->places.empty()) CHECK(s->places[0].location_id == "3a19ff88-4620-4d17-9830-ac1d859eb5d5");
    }
    const ServiceDetailsIndex v31 =
        ServiceDetailsIndex::from_hsds_json(read(kRealworld / "openreferral-spec-3.1-dev/examples/service_full.json"));
    const ServiceDetails* s = v31.find("ac148810-d857-441c-9679-408f346de14b");
    REQUIRE(s != nullptr);
    REQUIRE(s->capacities.size() == 1);
    CHECK(s->capacities[0].available == 12);
    CHECK(s->capacities[0].maximum == 10);
    CHECK(s->capacities[0].unit == "Kilogram");
    CHECK(s->capacities[0].description == "Beds available for people experiencing homelessness.");
}

TEST_CASE("issue 13: a location with impossible coordinates keeps its hours, and matching does not call it addressless") {
    if (!realworld_present()) return;
    const LoadedDirectory l = load("openreferral-spec-3.0/examples/service_full.json");
    REQUIRE(l.directory.has_value());
    const Directory& d = *l.directory;
    REQUIRE(d.rows() == 1);
    CHECK(d.location_id(0) == "3a19ff88-4620-4d17-9830-ac1d859eb5d5");
    CHECK(d.located_rows() == 0);
    CHECK(!d.opening_rules(0).empty());  // the service_at_location's schedule is kept
    Matcher m(d);
    MatchQuery q;
    q.needs = ~NeedMask{0};
    const MatchResult r = m.match(q);
    REQUIRE(r.hits.size() == 1);
    bool not_placed = false, no_address = false;
    for (const Reason& reason : r.hits[0].reasons) {
        not_placed = not_placed || reason.code == "not-placed";
        no_address = no_address || reason.code == "no-address";
    }
    CHECK(not_placed);
    CHECK_FALSE(no_address);
}

TEST_CASE("a location without usable coordinates is placed at its US ZIP code's centre") {
    // A one-ZIP table in the documented format (zip_centroids.hpp): 97201, Portland.
    std::string bytes = "SNZIPS01";
    const std::int32_t rec[4] = {1, 97201, 45515000, -122680000};
    bytes.append(reinterpret_cast<const char*>(rec), sizeof rec);
    const ZipCentroids zips = ZipCentroids::parse(bytes, "one-zip");
    std::stringstream in(R"([
      {"id": "a", "name": "A", "status": "active", "service_at_locations": [{"location": {"id": "L1",
        "location_type": "physical", "latitude": 100, "longitude": 101, "addresses": [{"postal_code": "97201"}]}}]},
      {"id": "b", "name": "B", "status": "active", "service_at_locations": [{"location": {"id": "L2",
        "location_type": "physical", "addresses": [{"postal_code": "97201-1234"}]}}]},
      {"id": "c", "name": "C", "status": "active", "service_at_locations": [{"location": {"id": "L3",
        "location_type": "virtual", "latitude": 100, "longitude": 101, "addresses": [{"postal_code": "97201"}]}}]},
      {"id": "d", "name": "D", "status": "active", "service_at_locations": [{"location": {"id": "L4",
        "location_type": "physical", "latitude": 100, "longitude": 101, "addresses": [{"postal_code": "00000"}]}}]}])");
    DirectoryBuilder b;
    ImportReport r;
    ImportOptions options;
    options.zips = &zips;
    import_hsds_json(in, "zips.json", b, r, options);
    CHECK(r.errors.empty());
    REQUIRE(r.warnings.size() == 4);
    CHECK(r.warnings[0].message ==
          "100 is not a number from -90 to 90; the location is placed at the centre of ZIP code 97201 instead");
    CHECK(r.warnings[1].message == "not given; the location is placed at the centre of ZIP code 97201");
    CHECK(r.warnings[2].message == "100 is not a number from -90 to 90; the virtual location is kept without coordinates");
    CHECK(r.warnings[3].message.find("its postal code 00000 is not a US ZIP code the table knows") != std::string::npos);
    const Directory d = b.finish("zips.json");
    CHECK(d.locations() == 4);
    CHECK(d.located_rows() == 2);  // A and B, at 97201
    Matcher m(d);
    MatchQuery q;
    q.latitude = 45.52;
    q.longitude = -122.68;
    q.radius_km = 5;
    CHECK(m.match(q).hits.size() == 2);
}

TEST_CASE("HSDS 3.1 service_capacity reaches the service records from JSON and CSV") {
    std::vector<ServiceCapacity> seen;
    ImportOptions options;
    options.on_service = [&](const ServiceInput& s) {
        for (const ServiceCapacity& c : s.capacities) seen.push_back(c);
    };
    std::stringstream in(R"([{"id": "s", "name": "Shelter", "status": "active", "capacities": [
        {"id": "c1", "available": 3, "maximum": 20, "unit": {"name": "Bed", "scheme": "SHELTER"},
         "updated": "2026-11-24T18:00:00Z"}]}])");
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "cap.json", b, r, options);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].available == 3);
    CHECK(seen[0].maximum == 20);
    CHECK(seen[0].unit == "Bed");
    CHECK(seen[0].unit_scheme == "SHELTER");
    CHECK(seen[0].updated == "2026-11-24T18:00:00Z");
    seen.clear();
    DirectoryBuilder b2;
    ImportReport r2;
    const std::string dir = std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/malformed/c18-capacity-links/";
    const PackageReader read_csv = [&](const std::string& rel) -> std::optional<std::string> {
        if (!fs::exists(dir + rel)) return std::nullopt;
        return read(dir + rel);
    };
    import_datapackage(read_csv, "c18", b2, r2, options);
    REQUIRE(seen.size() == 2);  // c1 with its unit, c2 without (its unit_id is unknown)
    CHECK(seen[0].unit == "Bed");
    CHECK(seen[0].description == "Beds tonight");
    CHECK(seen[1].unit.empty());
}
