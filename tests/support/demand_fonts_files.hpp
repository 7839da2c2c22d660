#pragma once
// The fonts the build cut for fetching on demand (ui/CMakeLists.txt), served by a FakePlatform as
// the app's static files: fonts/fonts.json and each file it lists. For test targets built with
// SAFETYNET_DEMAND_FONTS_DIR (tests/CMakeLists.txt: ui_tests).
#include "tests/support/test_helpers.hpp"
#include "tests/support/ui_harness.hpp"
#include "ui/shell/demand_fonts.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace safetynet::test {

inline void serve_demand_fonts(FakePlatform& p) {
    const std::string dir = SAFETYNET_DEMAND_FONTS_DIR;
    const std::string list = read_test_file(dir + "/fonts.json");
    p.files[ui::DemandFonts::kListPath] = list;
    const nlohmann::json doc = nlohmann::json::parse(list);
    for (const auto& family : doc["families"])
        for (const auto& part : family["parts"])
            for (const auto& [weight, path] : part["files"].items()) {
                const std::string name = path.get<std::string>();
                p.files[name] = read_test_file(dir + "/" + name.substr(name.rfind('/') + 1));
            }
}

}  // namespace safetynet::test
