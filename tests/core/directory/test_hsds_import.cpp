// HSDS 3.x import: the malformed inputs under tests/data/directory/malformed/ (each with the
// report it must give in <name>.expected.json, checked line by line when written), RFC 4180
// quirks, the equivalence of the JSON and tabular forms of one directory, the record shapes
// and schedules of issue 13.
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_records.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/";

nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    REQUIRE_MESSAGE(in.good(), p.string());
    return nlohmann::json::parse(in);
}

std::uint32_t service_by_id(const Directory& d, const std::string& id) {
    for (std::uint32_t s = 0; s < d.services(); ++s)
        if (d.service_id(s) == id) return s;
    FAIL("no service " << id);
    return 0;
}

}  // namespace

TEST_CASE("malformed directories give the expected report, record by record") {
    std::vector<fs::path> expected;
    for (const auto& e : fs::directory_iterator(kData + "malformed"))
        if (e.path().string().size() > 14 && e.path().string().substr(e.path().string().size() - 14) == ".expected.json")
            expected.push_back(e.path());
    std::sort(expected.begin(), expected.end());
    REQUIRE(expected.size() >= 30);
    for (const fs::path& exp : expected) {
        const std::string stem = exp.filename().string().substr(0, exp.filename().string().size() - 14);
        const fs::path dir = exp.parent_path() / stem;
        const fs::path file = exp.parent_path() / (stem + ".hsds.json");
        const fs::path input = fs::exists(dir) ? dir : file;
        CAPTURE(stem);
        REQUIRE(fs::exists(input));
        const LoadedDirectory loaded = load_directory(input.string());
        const auto report = nlohmann::json::parse(loaded.report.to_json());
        const auto want = read_json(exp);
        CHECK(report == want);
        if (report != want) MESSAGE("got " << report.dump(1));
        CHECK(loaded.directory.has_value() == (want["services"].get<int>() > 0));
    }
}

TEST_CASE("RFC 4180: BOM, CRLF, quoted commas, line breaks and doubled quotes, UTF-8") {
    const LoadedDirectory loaded = load_directory(kData + "csv-quirks");
    REQUIRE(loaded.directory.has_value());
    const Directory& d = *loaded.directory;
    CHECK(loaded.report.services == 3);
    CHECK(loaded.report.locations == 1);
    // The bad row comes after a record spanning three lines and a blank line: line 7.
    REQUIRE(loaded.report.errors.size() == 1);
    CHECK(loaded.report.errors[0].file == "csv-quirks/services.csv");
    CHECK(loaded.report.errors[0].line == 7);
    CHECK(loaded.report.errors[0].field == "status");
    const std::uint32_t s1 = service_by_id(d, "s1");
    CHECK(d.service_name(s1) == "Pantry, Food & More");  // the BOM is not part of the first header
    CHECK(d.service_name(service_by_id(d, "s2")) == "Clínica Gratuita");
    CHECK(d.ages(service_by_id(d, "s2")).min == 1800);
    CHECK(d.status(service_by_id(d, "s4")) == ServiceStatus::Inactive);  // the last line has no newline
    // Words from the multi-line quoted description and its doubled quotes are searchable.
    Matcher m(d);
    MatchQuery q;
    for (const char* text : {"fresh", "bread", "despensa", "groceries"}) {
        q.text = text;
        const MatchResult r = m.match(q);
        REQUIRE_MESSAGE(r.hits.size() == 1, text);
        CHECK(d.service_id(r.hits[0].service) == "s1");
    }
    q.text = "clinica gratuita";
    REQUIRE(m.match(q).hits.size() == 1);
    CHECK(d.service_id(m.match(q).hits[0].service) == "s2");
}

TEST_CASE("the JSON and tabular forms of one directory are the same directory") {
    const LoadedDirectory js = load_directory(kData + "equivalent.hsds.json");
    const LoadedDirectory csv = load_directory(kData + "equivalent-package");
    REQUIRE(js.directory.has_value());
    REQUIRE(csv.directory.has_value());
    CHECK(js.report.errors.empty());
    CHECK(csv.report.errors.empty());
    for (const LoadedDirectory* l : {&js, &csv}) {
        CHECK(l->report.organizations == 2);
        CHECK(l->report.services == 3);
        CHECK(l->report.locations == 2);
    }
    const Directory& a = *js.directory;
    const Directory& b = *csv.directory;
    for (const char* id : {"e1", "e2", "e3"}) {
        CAPTURE(id);
        const auto sa = service_by_id(a, id), sb = service_by_id(b, id);
        CHECK(a.service_name(sa) == b.service_name(sb));
        CHECK(a.organization_id(sa) == b.organization_id(sb));
        CHECK(a.organization_name(sa) == b.organization_name(sb));
        CHECK(a.needs(sa) == b.needs(sb));
        CHECK(a.languages(sa) == b.languages(sb));
        CHECK(a.capacity(sa) == b.capacity(sb));
        CHECK(a.ages(sa).min == b.ages(sb).min);
        CHECK(a.status(sa) == b.status(sb));
    }
    CHECK(a.capacity(service_by_id(a, "e1")) == Capacity::Waitlist);
    // The same query gives the same answer, reasons included.
    MatchQuery q;
    q.needs = ~NeedMask{0};
    q.latitude = 45.0;
    q.longitude = -122.0;
    q.postal_code = "97201";
    q.languages = {"en"};
    q.age = 30;
    q.open_at = LocalTime::parse_iso("2026-11-02T10:00");  // the first Monday of November
    Matcher ma(a), mb(b);
    const MatchResult ra = ma.match(q), rb = mb.match(q);
    REQUIRE(ra.hits.size() == rb.hits.size());
    CHECK(ra.hits.size() == 1);  // the shelter is closed at 10:00; the energy help speaks Vietnamese
    for (std::size_t i = 0; i < ra.hits.size(); ++i) {
        CHECK(a.service_id(ra.hits[i].service) == b.service_id(rb.hits[i].service));
        CHECK(ra.hits[i].distance_km == doctest::Approx(rb.hits[i].distance_km));
        CHECK(ra.hits[i].score == doctest::Approx(rb.hits[i].score));
        REQUIRE(ra.hits[i].reasons.size() == rb.hits[i].reasons.size());
        for (std::size_t k = 0; k < ra.hits[i].reasons.size(); ++k)
            CHECK(ra.hits[i].reasons[k].code == rb.hits[i].reasons[k].code);
    }
    q.languages = {"vi"};
    q.open_at = LocalTime::parse_iso("2026-11-03T11:00");  // the first Tuesday: the monthly hours
    CHECK(ma.match(q).hits.size() == 1);
    CHECK(mb.match(q).hits.size() == 1);
}

TEST_CASE("HSDS JSON as an API page or a services object") {
    for (const char* key : {"services", "contents"}) {
        CAPTURE(key);
        std::stringstream in;
        in << R"({"total_items": 1, ")" << key
           << R"(": [{"id": "p1", "name": "Paged", "status": "active"}], "page": 1})";
        DirectoryBuilder b;
        ImportReport r;
        import_hsds_json(in, "page.json", b, r);
        CHECK(r.errors.empty());
        CHECK(b.services() == 1);
    }
}

TEST_CASE("a location shared by several services is one location") {
    std::stringstream in(R"([
      {"id": "a", "name": "A", "status": "active",
       "service_at_locations": [{"location": {"id": "L", "location_type": "physical", "latitude": 1, "longitude": 2}}]},
      {"id": "b", "name": "B", "status": "active",
       "service_at_locations": [{"location": {"id": "L", "location_type": "physical", "latitude": 1, "longitude": 2}}]},
      {"id": "c", "name": "C", "status": "active", "service_at_locations": [{"location_id": "L"}]}])");
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "shared.json", b, r);
    CHECK(r.errors.empty());
    CHECK(b.locations() == 1);
    const Directory d = b.finish("shared.json");
    CHECK(d.rows() == 3);
    CHECK(d.located_rows() == 3);
}

TEST_CASE("a nested location with a numeric id links its service (fuzz_hsds_json regression)") {
    // The id used to be read back with get<std::string>(), which threw on a number.
    std::stringstream in(R"([
      {"id": "a", "name": "A", "status": "active",
       "service_at_locations": [{"location": {"id": 12, "location_type": "physical", "latitude": 1, "longitude": 2}}]},
      {"id": "b", "name": "B", "status": "active", "service_at_locations": [{"location_id": "12"}]}])");
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "numeric.json", b, r);
    CHECK(r.errors.empty());
    CHECK(b.locations() == 1);
    const Directory d = b.finish("numeric.json");
    CHECK(d.rows() == 2);
    CHECK(d.located_rows() == 2);
}

TEST_CASE("errors beyond the listed thousand are counted and summarised") {
    std::stringstream in;
    in << "[";
    for (int i = 0; i < 1200; ++i) in << (i ? "," : "") << R"({"id": "x)" << i << R"(", "name": "X"})";
    in << R"(, {"id": "good", "name": "Good", "status": "active"}])";
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "many.json", b, r);
    CHECK(r.error_count == 1200);
    CHECK(r.errors.size() == kMaxListedErrors);
    CHECK(b.services() == 1);
    r.services = b.services();
    const auto j = nlohmann::json::parse(r.to_json());
    REQUIRE(j["errors"].size() == kMaxListedErrors + 1);
    CHECK(j["errors"].back()["message"] == "200 more errors not listed");
}

TEST_CASE("attributes: SDOHCC capacity codes, taxonomy terms, and an organization's age recipient") {
    const std::string recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    std::stringstream in(R"([{"id": "s", "name": "S", "status": "active",
      "organization": {"id": "o", "name": "O", "attributes": [{"taxonomy_term": {"code": "age-recipient", "name": "age"},
                                                                 "value": ")" + recipient + R"("}]},
      "attributes": [{"taxonomy_term": {"code": "no-capacity", "name": "full", "taxonomy": "SDOHCC"}},
                     {"taxonomy_term": {"code": "BD-1800.2000", "name": "Food Pantries", "taxonomy": "211"}}]}])");
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "attrs.json", b, r);
    REQUIRE(r.errors.empty());
    const Directory d = b.finish("attrs.json");
    CHECK(d.capacity(0) == Capacity::None);
    CHECK(d.needs(0) == (NeedMask{1} << *NeedMap::builtin().find("food-insecurity")));  // BD → food, hierarchically
    CHECK(d.string(d.view().org_recipient[d.view().svc_org[0]]) == recipient);
}

TEST_CASE("detect_directory_format tells the three formats apart") {
    CHECK(detect_directory_format(kData + "equivalent.hsds.json") == DirectoryFormat::HsdsJson);
    CHECK(detect_directory_format(kData + "equivalent-package") == DirectoryFormat::DataPackage);
    CHECK(detect_directory_format(kData + "equivalent-package/datapackage.json") == DirectoryFormat::DataPackage);
    CHECK_THROWS_AS(detect_directory_format(kData + "no-such-file.json"), Error);
}

TEST_CASE("issue 13: schedules with count, until, wkst and the limits; a rule that never occurs is kept and warned of") {
    using hsds::ScheduleResult;
    std::vector<std::string> errors, warnings;
    const hsds::Bad bad = [&](const std::string& f, const std::string& m) { errors.push_back(f + ": " + m); };
    const hsds::Bad warn = [&](const std::string& f, const std::string& m) { warnings.push_back(f + ": " + m); };
    auto parse = [&](const char* text, OpeningRule& rule) {
        errors.clear();
        warnings.clear();
        const nlohmann::json j = nlohmann::json::parse(text);
        return hsds::parse_schedule(hsds::Record::from_json(j), rule, bad, warn);
    };
    auto open_on = [](const OpeningRule& r, const char* date) {
        return rule_open_at(r, *LocalTime::parse_iso(std::string(date) + "T10:00"), true);
    };
    OpeningRule r;
    // RFC 5545 COUNT: the 3rd Monday from dtstart is the last.
    REQUIRE(parse(R"({"freq": "WEEKLY", "byday": "MO", "dtstart": "2026-11-02", "count": 3,
                      "opens_at": "09:00", "closes_at": "17:00"})", r) == ScheduleResult::Rule);
    CHECK(errors.empty());
    CHECK(open_on(r, "2026-11-16"));
    CHECK_FALSE(open_on(r, "2026-11-23"));
    CHECK_FALSE(open_on(r, "2026-10-26"));  // before dtstart
    // until and count together (the HSDS examples do it): the earlier end wins.
    REQUIRE(parse(R"({"freq": "WEEKLY", "byday": "MO", "dtstart": "2026-11-02", "count": 3, "until": "2026-11-10",
                      "opens_at": "09:00", "closes_at": "17:00"})", r) == ScheduleResult::Rule);
    CHECK(open_on(r, "2026-11-09"));
    CHECK_FALSE(open_on(r, "2026-11-16"));
    // byweekno with wkst, as text from a CSV.
    REQUIRE(parse(R"({"freq": "WEEKLY", "byday": "MO", "byweekno": "1", "wkst": "SU",
                      "opens_at": "09:00", "closes_at": "17:00"})", r) == ScheduleResult::Rule);
    CHECK(open_on(r, "2026-01-05"));
    CHECK_FALSE(open_on(r, "2025-12-29"));
    // The HSDS examples' schedule: every part at once, valid on one Saturday only.
    REQUIRE(parse(R"({"valid_from": "2005-01-01", "valid_to": "2005-01-01", "dtstart": "2005-01-01", "timezone": 3,
                      "until": "2005-01-01", "count": 3, "wkst": "TU", "freq": "WEEKLY", "interval": 1,
                      "byday": "TH,FR", "byweekno": "41,42", "bymonthday": "2,3,4", "byyearday": "2,3,4",
                      "opens_at": "10:00:00", "closes_at": "18:00:00"})", r) == ScheduleResult::Rule);
    CHECK(errors.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == ": never occurs: no day from 2005-01-01 to 2005-01-01 meets byday TH,FR, bymonthday 2,3,4, "
                         "byweekno 41,42, byyearday 2,3,4 together; kept, but the service is never open by it");
    // Refused, each naming its field.
    CHECK(parse(R"({"byday": "MO", "count": 0, "dtstart": "2026-01-01", "opens_at": "09:00", "closes_at": "17:00"})", r) ==
          ScheduleResult::Invalid);
    CHECK(errors == std::vector<std::string>{"count: must be a whole number from 1 to 100000"});
    CHECK(parse(R"({"byday": "MO", "byyearday": "0", "opens_at": "09:00", "closes_at": "17:00"})", r) ==
          ScheduleResult::Invalid);
    CHECK(errors == std::vector<std::string>{"byyearday: is not a list of days of the year (1 … 366, or -1 … -366 from the end)"});
    CHECK(parse(R"({"freq": "YEARLY", "byyearday": "1", "opens_at": "09:00", "closes_at": "17:00"})", r) ==
          ScheduleResult::Invalid);
    CHECK(errors == std::vector<std::string>{"freq: must be WEEKLY or MONTHLY"});
}

TEST_CASE("issue 13: an HSDS shape in every form the API gives it: one object, an array, a page") {
    const char* service = R"({"id": "s1", "name": "Pantry", "status": "active",
        "service_at_locations": [{"id": "x1", "location": {"id": "l1", "location_type": "physical",
                                                              "latitude": 45.5, "longitude": -122.6}}]})";
    const char* sal = R"({"id": "x1", "service": {"id": "s1", "name": "Pantry", "status": "active"},
        "location": {"id": "l1", "location_type": "physical", "latitude": 45.5, "longitude": -122.6}})";
    const char* org = R"({"id": "o1", "name": "Eastside", "locations": [{"id": "l1", "location_type": "physical",
        "latitude": 45.5, "longitude": -122.6}], "services": [{"id": "s1", "name": "Pantry", "status": "active",
        "service_at_locations": [{"id": "x1", "location_id": "l1"}]}]})";
    for (const char* record : {service, sal, org}) {
        for (const std::string& doc : {std::string(record), "[" + std::string(record) + "]",
                                       R"({"total_items": 1, "total_pages": 1, "contents": [)" + std::string(record) + "]}"}) {
            CAPTURE(doc);
            std::stringstream in(doc);
            DirectoryBuilder b;
            ImportReport r;
            import_hsds_json(in, "one.json", b, r);
            CHECK(r.errors.empty());
            CHECK(b.services() == 1);
            CHECK(b.locations() == 1);
            CHECK(r.service_at_locations == 1);
            CHECK(b.organizations() == (record == org ? 1u : 0u));
            const Directory d = b.finish("one.json");
            CHECK(d.located_rows() == 1);
            if (record == org) CHECK(d.organization_id(0) == "o1");
        }
    }
    // Two service_at_locations of one service: one service at two places.
    std::stringstream two(R"([{"id": "x1", "service": {"id": "s1", "name": "Pantry", "status": "active"},
        "location": {"id": "l1", "location_type": "physical", "latitude": 45.5, "longitude": -122.6}},
      {"id": "x2", "service": {"id": "s1", "name": "Pantry", "status": "active"},
        "location": {"id": "l2", "location_type": "physical", "latitude": 45.6, "longitude": -122.7}}])");
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(two, "two.json", b, r);
    CHECK(r.errors.empty());
    CHECK(b.services() == 1);
    CHECK(r.service_at_locations == 2);
    CHECK(b.finish("two.json").rows() == 2);
}
