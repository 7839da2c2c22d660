#include "cli/commands.hpp"

#include "cli/cmd_bundles.hpp"
#include "cli/cmd_loop.hpp"

namespace safetynet::cli {

// Screening (cli/cmd_instruments.cpp, cli/cmd_screen.cpp).
int cmd_instruments(const std::vector<std::string>&);
int cmd_screen(const std::vector<std::string>&);
extern const char* const kInstrumentsUsage;
extern const char* const kScreenUsage;

// Directory and matching (cli/cmd_directory.cpp, cli/cmd_match.cpp).
int cmd_directory(const std::vector<std::string>& args);
extern const char kDirectoryUsage[];
int cmd_match(const std::vector<std::string>& args);
extern const char kMatchUsage[];

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"instruments", kInstrumentsUsage, "list the built-in screening instruments (JSON)", cmd_instruments},
        {"screen", kScreenUsage, "score answers to an instrument: needs or a FHIR Bundle (JSON)", cmd_screen},
        {"directory", kDirectoryUsage, "check an HSDS resource directory, compile it into an index, or pull one from an HSDS API", cmd_directory},
        {"match", kMatchUsage, "find services for a person's needs, ranked, with reasons", cmd_match},
        keygen_command(),
        seal_command(),
        open_command(),
        qr_command(),
        refer_command(),
        status_command(),
        dashboard_command(),
        store_command(),
        measures_command(),
    };
    return all;
}

}  // namespace safetynet::cli
