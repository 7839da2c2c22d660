#pragma once
// The `safetynet` subcommands. Each lives in cli/cmd_<name>.cpp and returns the exit status:
// 0 ok, 1 usage (throw UsageError), 2 bad input or failed authentication (throw core::Error).
#include <string>
#include <vector>

namespace safetynet::cli {

struct Command {
    const char* name;
    const char* usage;    // the synopsis line(s) shown by --help
    const char* summary;  // one line for the command list
    int (*run)(const std::vector<std::string>& args);
};

// Every command, in the order `safetynet --help` lists them.
const std::vector<Command>& commands();

}  // namespace safetynet::cli
