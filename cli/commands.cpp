#include "cli/commands.hpp"

#include "cli/cmd_bundles.hpp"

namespace safetynet::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        keygen_command(),
        seal_command(),
        open_command(),
        qr_command(),
    };
    return all;
}

}  // namespace safetynet::cli
