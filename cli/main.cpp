// safetynet: the SafetyNet core on the command line. Everything the browser app does with
// data, this does with files: JSON on stdout, one clear error line on stderr, exit 0 ok,
// 1 usage, 2 bad input or failed authentication.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/base/error.hpp"
#include "core/base/version.hpp"
#include "core/screening/fhirpath_in_forms.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

using safetynet::cli::Command;
using safetynet::cli::commands;

void print_help(std::ostream& out) {
    out << "safetynet " << safetynet::core::version()
        << " - social-needs screening and referral, on this device\n\n"
           "usage: safetynet [--version] [--help] COMMAND [ARGS]\n\n"
           "commands:\n";
    for (const Command& c : commands()) {
        std::string name = c.name;
        name.resize(14, ' ');
        out << "  " << name << c.summary << "\n";
    }
    out << "\n`safetynet COMMAND --help` shows a command's options.\n"
           "Output is JSON on stdout; errors are one line on stderr.\n"
           "Exit status: 0 ok, 1 usage error, 2 bad input or failed authentication.\n";
}

void print_command_help(const Command& c) {
    std::cout << "usage: " << c.usage << "\n\n" << c.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    safetynet::core::use_fhirpath_in_forms();  // forms' SDC expressions (core/screening/form_expressions.hpp)
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_help(std::cerr);
        return 1;
    }
    const std::string first = args.front();
    if (first == "--version" || first == "-V") {
        std::cout << "safetynet " << safetynet::core::version() << "\n";
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        if (first == "help" && args.size() > 1) {
            for (const Command& c : commands())
                if (args[1] == c.name) return print_command_help(c), 0;
        }
        print_help(std::cout);
        return 0;
    }
    for (const Command& c : commands()) {
        if (first != c.name) continue;
        std::vector<std::string> rest(args.begin() + 1, args.end());
        for (const std::string& a : rest)
            if (a == "--help" || a == "-h") return print_command_help(c), 0;
        try {
            return c.run(rest);
        } catch (const safetynet::cli::UsageError& e) {
            std::cerr << "safetynet " << c.name << ": " << e.what() << " (see safetynet " << c.name << " --help)\n";
            return 1;
        } catch (const safetynet::core::Error& e) {
            std::cerr << "safetynet " << c.name << ": error [" << e.kind() << "]: " << e.what() << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "safetynet " << c.name << ": error: " << e.what() << "\n";
            return 2;
        }
    }
    if (first.rfind("-", 0) == 0)
        std::cerr << "safetynet: unknown option " << first << " (see safetynet --help)\n";
    else
        std::cerr << "safetynet: unknown command \"" << first << "\" (see safetynet --help)\n";
    return 1;
}
