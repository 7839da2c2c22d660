#pragma once
// The bundle and key commands (issue 5): keygen, seal, open, qr.
#include "cli/commands.hpp"

namespace safetynet::cli {

const Command& keygen_command();
const Command& seal_command();
const Command& open_command();
const Command& qr_command();

}  // namespace safetynet::cli
