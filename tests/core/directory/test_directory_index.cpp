// The compiled directory index (core/directory/directory.hpp, core/directory/directory_format.hpp): a round trip
// keeps everything, and a truncated, corrupt or crafted file is refused with an error.
#include "core/directory/directory.hpp"
#include "core/directory/directory_format.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

using namespace safetynet::core;
namespace fmt = safetynet::core::index_format;

namespace {

const Directory& source() {
    static const LoadedDirectory loaded =
        load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/matching.hsds.json");
    REQUIRE(loaded.directory.has_value());
    return *loaded.directory;
}

std::string image() { return std::string(source().image()); }

// The kind of error loading `bytes` gives, or "loaded".
std::string load_error(const std::string& bytes) {
    try {
        Directory::from_bytes(bytes, "test.idx");
    } catch (const Error& e) {
        return e.kind() + ": " + e.message();
    }
    return "loaded";
}

void refresh_checksum(std::string& bytes) {
    auto* p = reinterpret_cast<std::uint8_t*>(bytes.data());
    fmt::index_checksum(p, bytes.size(), p + fmt::kOffChecksum);
}

// Where section `id` starts and how many elements it has.
std::pair<std::size_t, std::size_t> section(const std::string& bytes, std::uint32_t id) {
    std::uint32_t n = 0;
    std::memcpy(&n, bytes.data() + fmt::kOffSectionCount, 4);
    for (std::uint32_t i = 0; i < n; ++i) {
        const char* e = bytes.data() + fmt::kHeaderSize + i * fmt::kSectionEntrySize;
        std::uint32_t sid = 0;
        std::uint64_t off = 0, count = 0;
        std::memcpy(&sid, e, 4);
        std::memcpy(&off, e + 8, 8);
        std::memcpy(&count, e + 16, 8);
        if (sid == id) return {static_cast<std::size_t>(off), static_cast<std::size_t>(count)};
    }
    FAIL("no section " << id);
    return {0, 0};
}

template <typename T>
void poke(std::string& bytes, std::size_t at, T value) {
    std::memcpy(bytes.data() + at, &value, sizeof value);
}

std::vector<std::string> match_ids(const Directory& d, const MatchQuery& q) {
    Matcher m(d);
    std::vector<std::string> ids;
    for (const MatchHit& h : m.match(q).hits) ids.push_back(d.service_id(h.service) + "@" + d.location_id(h.row));
    return ids;
}

}  // namespace

TEST_CASE("an index round trip keeps every service and every answer") {
    const std::string bytes = image();
    CHECK(Directory::looks_like_index(bytes));
    CHECK_FALSE(Directory::looks_like_index("[{\"id\": 1}]"));
    const Directory copy = Directory::from_bytes(bytes, "copy.idx");
    const Directory& orig = source();
    REQUIRE(copy.services() == orig.services());
    CHECK(copy.rows() == orig.rows());
    CHECK(copy.organizations() == orig.organizations());
    CHECK(copy.locations() == orig.locations());
    CHECK(copy.need_domains() == orig.need_domains());
    for (std::uint32_t s = 0; s < orig.services(); ++s) {
        CHECK(copy.service_id(s) == orig.service_id(s));
        CHECK(copy.service_name(s) == orig.service_name(s));
        CHECK(copy.organization_id(s) == orig.organization_id(s));
        CHECK(copy.needs(s) == orig.needs(s));
        CHECK(copy.languages(s) == orig.languages(s));
    }
    MatchQuery q;
    q.needs = ~NeedMask{0};
    q.latitude = 45.0;
    q.longitude = -122.0;
    q.postal_code = "97201";
    q.limit = 100;
    q.open_at = LocalTime::parse_iso("2026-11-24T10:30");
    CHECK(match_ids(copy, q) == match_ids(orig, q));
    q.text = "pantry";
    CHECK(match_ids(copy, q) == match_ids(orig, q));
    // The same directory compiles to the same bytes (nothing depends on addresses, hashing
    // order or uninitialised padding).
    const LoadedDirectory again =
        load_directory(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/directory/matching.hsds.json");
    REQUIRE(again.directory.has_value());
    CHECK(std::string(again.directory->image()) == bytes);
}

TEST_CASE("an index file is written and read back") {
    const auto path = std::filesystem::temp_directory_path() / "safetynet-test-directory.idx";
    {
        std::ofstream out(path, std::ios::binary);
        out << image();
    }
    const Directory d = Directory::from_file(path.string());
    CHECK(d.services() == source().services());
    const LoadedDirectory loaded = load_directory(path.string());
    REQUIRE(loaded.directory.has_value());
    CHECK(loaded.report.services == source().services());
    std::filesystem::remove(path);
    CHECK_THROWS_AS(Directory::from_file(path.string()), Error);
}

TEST_CASE("a truncated index is refused at every length") {
    const std::string bytes = image();
    for (std::size_t len = 0; len < bytes.size(); len += (len < 200 ? 1 : 97)) {
        CAPTURE(len);
        const std::string e = load_error(bytes.substr(0, len));
        CHECK(e.rfind("bad-index", 0) == 0);
    }
    CHECK(load_error(bytes.substr(0, bytes.size() - 1)).find("truncated") != std::string::npos);
    CHECK(load_error(bytes + "x").find("trailing bytes") != std::string::npos);
}

TEST_CASE("any flipped byte is caught") {
    const std::string bytes = image();
    std::mt19937 rng(4);
    for (int i = 0; i < 300; ++i) {
        std::string b = bytes;
        const std::size_t at = rng() % b.size();
        b[at] = static_cast<char>(b[at] ^ (1 << (rng() % 8)));
        CAPTURE(at);
        CHECK(load_error(b).rfind("bad-index", 0) == 0);
    }
    std::string b = bytes;
    b[fmt::kHeaderSize + 100] ^= 1;
    CHECK(load_error(b).find("checksum") != std::string::npos);
}

TEST_CASE("header checks name what is wrong") {
    std::string b = image();
    poke<std::uint32_t>(b, fmt::kOffVersion, 99);
    CHECK(load_error(b).find("format version 99") != std::string::npos);
    b = image();
    poke<std::uint32_t>(b, fmt::kOffEndian, 0x04030201);
    CHECK(load_error(b).find("byte order") != std::string::npos);
    b = image();
    b[0] = 'X';
    CHECK(load_error(b).find("not a SafetyNet directory index") != std::string::npos);
}

TEST_CASE("a crafted index with a valid checksum but bad contents is refused") {
    struct Case {
        const char* what;
        void (*edit)(std::string&);
        const char* expect;
    };
    const Case cases[] = {
        {"a row pointing at a service that does not exist",
         [](std::string& b) { poke<std::uint32_t>(b, section(b, fmt::kRowSvc).first, 1000000); }, "a row's service"},
        {"a string reference past the pool",
         [](std::string& b) { poke<std::uint32_t>(b, section(b, fmt::kSvcName).first, 0x7FFFFFFF); }, "string reference"},
        {"a string offset outside the pool",
         [](std::string& b) { poke<std::uint32_t>(b, section(b, fmt::kStrOffsets).first + 4, 0x7FFFFFFF); }, "outside the pool"},
        {"a language list out of order",
         [](std::string& b) { poke<std::uint32_t>(b, section(b, fmt::kSvcLangStart).first + 4, 0xFFFF); }, "service languages"},
        {"an unknown status",
         [](std::string& b) { b[section(b, fmt::kSvcStatus).first] = 9; }, "status"},
        {"coordinates out of range",
         [](std::string& b) { poke<double>(b, section(b, fmt::kRowLat).first, 123.0); }, "coordinates"},
        {"an opening rule past midnight and a day",
         [](std::string& b) { poke<std::uint16_t>(b, section(b, fmt::kRules).first, 5000); }, "opening rule"},
        {"grid cells out of order",
         [](std::string& b) {
             const auto [off, n] = section(b, fmt::kGridKeys);
             if (n > 1) poke<std::uint64_t>(b, off, ~std::uint64_t{0});
             else poke<std::uint32_t>(b, section(b, fmt::kGridStart).first, 5);
         },
         "grid cells"},
        {"a section pointing outside the file",
         [](std::string& b) { poke<std::uint64_t>(b, fmt::kHeaderSize + 8, b.size() + 64); }, "outside the file"},
        {"a section with the wrong element size",
         [](std::string& b) {
             for (std::uint32_t i = 0;; ++i) {
                 std::uint32_t id = 0;
                 std::memcpy(&id, b.data() + fmt::kHeaderSize + i * fmt::kSectionEntrySize, 4);
                 if (id == fmt::kRowLat) {
                     poke<std::uint32_t>(b, fmt::kHeaderSize + i * fmt::kSectionEntrySize + 4, 4);
                     return;
                 }
             }
         },
         "wrong element size"},
        {"the meta section is not JSON",
         [](std::string& b) { b[section(b, fmt::kMeta).first] = '#'; }, "meta"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        std::string b = image();
        c.edit(b);
        refresh_checksum(b);
        const std::string e = load_error(b);
        CHECK(e.rfind("bad-index", 0) == 0);
        CHECK_MESSAGE(e.find(c.expect) != std::string::npos, e);
    }
}

TEST_CASE("random damage with a recomputed checksum never crashes a load or a query") {
    const std::string bytes = image();
    std::mt19937 rng(11);
    for (int i = 0; i < 400; ++i) {
        std::string b = bytes;
        for (int k = 0; k < 4; ++k) {
            const std::size_t at = fmt::kHeaderSize + rng() % (b.size() - fmt::kHeaderSize);
            b[at] = static_cast<char>(rng());
        }
        refresh_checksum(b);
        try {
            const Directory d = Directory::from_bytes(b, "damaged");
            Matcher m(d);
            MatchQuery q;
            q.needs = ~NeedMask{0};
            q.latitude = 45.0;
            q.longitude = -122.0;
            q.text = "pantry";
            const MatchResult r = m.match(q);
            CHECK(r.hits.size() <= q.limit);
        } catch (const Error& e) {
            CHECK(e.kind() == "bad-index");
        }
    }
}

TEST_CASE("an index keeps the need map it was compiled with") {
    const Directory& d = source();
    CHECK_NOTHROW(d.require_need_map(NeedMap::builtin()));
    const NeedMap other = NeedMap::parse(R"({"needs": [{"domain": "food", "taxonomy_codes": ["food"]}]})", "other");
    try {
        d.require_need_map(other);
        FAIL("accepted another need map");
    } catch (const Error& e) {
        CHECK(e.kind() == "need-map-mismatch");
    }
}
