#pragma once
// The referral-loop commands (issue 7): refer, status, dashboard, store; measures (issue 15).
#include "cli/commands.hpp"

namespace safetynet::cli {

const Command& refer_command();
const Command& status_command();
const Command& dashboard_command();
const Command& store_command();
const Command& measures_command();

}  // namespace safetynet::cli
