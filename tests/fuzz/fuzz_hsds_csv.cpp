// Tabular Data Packages come from outside: any bytes in any of the package's files must give a
// report, never a crash. The input is split at NUL bytes into the package's files, in the
// order of kFiles below; the raw input is also read as one CSV.
#include "core/directory/csv_reader.hpp"
#include "core/directory/directory_builder.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

using namespace safetynet::core;

namespace {
// New tables go at the end, so the seeds of the corpus keep their meaning.
constexpr std::array<const char*, 16> kFiles = {
    "services.csv", "organizations.csv", "locations.csv", "service_at_location.csv", "schedules.csv",
    "languages.csv", "service_areas.csv", "attributes.csv", "taxonomy_terms.csv", "addresses.csv",
    "datapackage.json", "service_capacity.csv", "units.csv", "schedule.csv", "address.csv", "attribute.csv"};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    CsvReader reader(all);
    CsvRecord rec;
    while (reader.next(rec)) {
    }
    std::map<std::string, std::string> files;
    std::size_t start = 0;
    for (std::size_t i = 0; i < kFiles.size() && start <= all.size(); ++i) {
        const std::size_t end = std::min(all.find('\0', start), all.size());
        files[kFiles[i]] = std::string(all.substr(start, end - start));
        start = end + 1;
    }
    const PackageReader read = [&](const std::string& path) -> std::optional<std::string> {
        const auto it = files.find(path);
        if (it == files.end()) return std::nullopt;
        return it->second;
    };
    DirectoryBuilder builder;
    ImportReport report;
    import_datapackage(read, "fuzz", builder, report);
    (void)report.to_json();
    if (builder.services() == 0) return 0;
    try {
        const Directory d = builder.finish("fuzz");
        Matcher m(d);
        MatchQuery q;
        q.latitude = 45.0;
        q.longitude = -122.0;
        q.postal_code = "97201";
        q.open_at = LocalTime::parse_iso("2026-11-24T10:30");
        q.text = "pantry";
        (void)m.match(q);
    } catch (const Error&) {
    }
    return 0;
}
