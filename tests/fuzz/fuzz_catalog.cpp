// Translation catalogs may come from a site's own files: any bytes must give a catalog or a
// core::Error, never a crash.
#include "core/base/error.hpp"
#include "core/base/i18n.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto catalog = safetynet::core::Catalog::parse(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
        (void)catalog.find("welcome.start");
        (void)catalog.find_plural("k", 21);
    } catch (const safetynet::core::Error&) {
    }
    return 0;
}
