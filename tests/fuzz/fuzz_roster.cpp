// The EHR roster readers (CSV and FHIR, chosen by content as the import does), then the
// measures over what was read: any bytes give a roster or a core::Error, never a crash, and a
// roster that reads must survive the store's JSON and the measures.
#include "core/actions/measures.hpp"
#include "core/actions/roster_import.hpp"
#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        StoreData d;
        d.roster = parse_roster(text, "fuzz");
        d.roster = roster_from_json(roster_to_json(d.roster), "fuzz");
        (void)compute_measures(d, {parse_date_period("2026-01/2026-03", "fuzz"), "2026-04-05T12:00:00Z", "*"});
    } catch (const Error&) {
    }
    return 0;
}
