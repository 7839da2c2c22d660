#include "cli/commands.hpp"

namespace safetynet::cli {

int cmd_directory(const std::vector<std::string>& args);
extern const char kDirectoryUsage[];
int cmd_match(const std::vector<std::string>& args);
extern const char kMatchUsage[];

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"directory", kDirectoryUsage, "check an HSDS resource directory, or compile it into an index", cmd_directory},
        {"match", kMatchUsage, "find services for a person's needs, ranked, with reasons", cmd_match},
    };
    return all;
}

}  // namespace safetynet::cli
