#pragma once
// The referral-loop commands (issue 7): refer, status, dashboard, store.
#include "cli/commands.hpp"

namespace safetynet::cli {

const Command& refer_command();
const Command& status_command();
const Command& dashboard_command();
const Command& store_command();

}  // namespace safetynet::cli
