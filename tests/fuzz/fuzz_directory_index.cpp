// A compiled index is read from disk or fetched: any bytes must load cleanly or be refused with
// core::Error, and whatever loads must be safe to query. Most random bytes fail the checksum,
// so the checksum is recomputed first: the fuzzer then reaches the structural checks behind it.
#include "core/directory/directory.hpp"
#include "core/directory/directory_format.hpp"
#include "core/base/error.hpp"
#include "core/match/matcher.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace safetynet::core;
namespace fmt = safetynet::core::index_format;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    // An odd last byte keeps the input's own checksum, to test that check too.
    const bool keep_checksum = size > 0 && (data[size - 1] & 1);
    if (!keep_checksum && bytes.size() >= fmt::kHeaderSize) {
        auto* p = reinterpret_cast<std::uint8_t*>(bytes.data());
        fmt::index_checksum(p, bytes.size(), p + fmt::kOffChecksum);
    }
    try {
        const Directory d = Directory::from_bytes(bytes, "fuzz.idx");
        Matcher product(d);
        Matcher reference(d, MatchMode::Reference);
        MatchQuery q;
        q.latitude = 45.0;
        q.longitude = -122.0;
        q.postal_code = "97201";
        q.county = "multnomah";
        q.languages = {"en", "es"};
        q.age = 40;
        q.open_at = LocalTime::parse_iso("2026-11-24T23:30");
        q.text = "pantr fod";
        for (std::uint32_t s = 0; s < d.services() && s < 8; ++s) {
            (void)product.explain(s, q);
            (void)d.service_id(s);
            (void)d.organization_name(s);
            (void)d.tokens(s);
        }
        for (std::uint32_t r = 0; r < d.rows() && r < 8; ++r) (void)d.opening_rules(r);
        (void)product.match(q);
        (void)reference.match(q);
        q.latitude.reset();
        q.longitude.reset();
        (void)product.match(q);
    } catch (const Error&) {
    }
    return 0;
}
