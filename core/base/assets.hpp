#pragma once
// Data files compiled into the library from assets/ (built-in instruments, translation
// catalogs, the need-to-service map): the CLI and the app work from any directory, offline,
// with no file to lose. Names are paths relative to assets/, e.g. "i18n/es.json".
#include <optional>
#include <string_view>
#include <vector>

namespace safetynet::core {
std::optional<std::string_view> builtin_asset(std::string_view name);
std::vector<std::string_view> builtin_asset_names();
}  // namespace safetynet::core
