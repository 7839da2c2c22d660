// What a network coordinator and a clinic read from other sites: a network report's
// MeasureReports (read after its signature would be checked: here the Bundle itself, to reach
// the reader) merged with a fixed site, and, when the first byte is odd, a capacity update's
// FHIR Bundle. Any bytes give a result or a core::Error, never a crash.
#include "core/actions/capacity.hpp"
#include "core/actions/measure_report.hpp"
#include "core/actions/network_report.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] & 1) {
            const CapacityUpdate u = read_capacity_update_fhir(text);
            (void)capacity_update_fhir(u);
            return 0;
        }
        const nlohmann::json b = parse_json_text(text, "fuzz", "fuzz");
        SiteReport site;
        site.file = "fuzz";
        site.fingerprint = "a";
        if (!b.is_object() || !b.contains("entry") || !b["entry"].is_array()) return 0;
        for (const nlohmann::json& e : b["entry"])
            if (e.is_object() && e.contains("resource")) site.reports.push_back(read_measure_report(e["resource"], "fuzz", &site.period));
        std::vector<Report> copy = site.reports;
        suppress_small_cells(copy);
        SiteReport other = site;
        other.fingerprint = "b";
        other.file = "other";
        (void)network_csv(merge_network({site, other}));
    } catch (const Error&) {
    }
    return 0;
}
