#pragma once
// Passphrases for the CLI: from a file named on the command line (its first line) or typed
// at the terminal without echo; never from the command line itself, where other users and
// shell histories would see them.
#include "core/base/secret.hpp"

#include <optional>
#include <string>

namespace safetynet::cli {

// The first line of `file` if given, else a prompt on /dev/tty (typed twice when `confirm`).
// Throws UsageError when there is no file and no terminal, core::Error("passphrase") for an
// empty passphrase or two that differ, core::Error("io") when the file cannot be read.
core::SecretBytes read_passphrase(const std::optional<std::string>& file, const std::string& prompt, bool confirm);

}  // namespace safetynet::cli
