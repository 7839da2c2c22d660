#include "core/base/version.hpp"

namespace safetynet::core {
std::string_view version() { return SAFETYNET_VERSION; }
}  // namespace safetynet::core
