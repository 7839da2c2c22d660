// HSDS JSON comes from outside (a directory a site downloads or a user imports): any bytes must
// give a report, and a directory when a service is good, never a crash. What imports must then
// also survive compiling, loading and matching.
#include "core/directory/directory_builder.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    DirectoryBuilder builder;
    ImportReport report;
    import_hsds_json(in, "fuzz.json", builder, report);
    (void)report.to_json();
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
