#pragma once
#include <string_view>

namespace safetynet::core {
// The product version (CMake's project version), the same in the CLI, the web app and bundles.
std::string_view version();
}  // namespace safetynet::core
