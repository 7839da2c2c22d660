// HSDS JSON comes from outside (a directory a site downloads or a user imports): any bytes, in
// any of the shapes the importer reads (services, organizations, service_at_locations,
// locations, pages, tabular.json), must give a report, and a directory when a service is good,
// never a crash. What imports must then also survive compiling, loading and matching, and the
// app's reading of the same text for a service's details.
#include "core/directory/directory_builder.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/service_details.hpp"
#include "core/directory/zip_centroids.hpp"
#include "core/match/matcher.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace safetynet::core;

namespace {
// One ZIP (97201, Portland) so that locations without coordinates can be placed.
const ZipCentroids& one_zip() {
    static const ZipCentroids zips = [] {
        std::string b = "SNZIPS01";
        const std::uint32_t rec[4] = {1, 97201, static_cast<std::uint32_t>(45515000),
                                      static_cast<std::uint32_t>(-122680000)};
        b.append(reinterpret_cast<const char*>(rec), sizeof rec);
        return ZipCentroids::parse(b, "one-zip");
    }();
    return zips;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream in(text);
    DirectoryBuilder builder;
    ImportReport report;
    ImportOptions options;
    options.zips = &one_zip();
    import_hsds_json(in, "fuzz.json", builder, report, options);
    (void)report.to_json();
    (void)ServiceDetailsIndex::from_hsds_json(text);
    if (builder.services() == 0) return 0;
    try {
        const Directory d = builder.finish("fuzz.json");
        const Directory copy = Directory::from_bytes(d.image(), "fuzz.idx");
        Matcher m(copy);
        MatchQuery q;
        q.latitude = 45.0;
        q.longitude = -122.0;
        q.postal_code = "97201";
        q.county = "Multnomah";
        q.languages = {"es"};
        q.age = 30;
        q.open_at = LocalTime::parse_iso("2026-11-24T10:30");
        q.text = "pantry food";
        for (std::uint32_t s = 0; s < copy.services() && s < 4; ++s) (void)m.explain(s, q);
        (void)m.match(q);
        q = MatchQuery{};
        (void)m.match(q);
    } catch (const Error&) {
    }
    return 0;
}
