#pragma once
// Files for the CLI. Output is always written to a temporary file beside the target and then
// renamed over it, so a crash or a failed decryption never leaves a half-written file.
#include <string>
#include <string_view>

namespace safetynet::cli {

// The whole file, or "-" for standard input. Throws core::Error("io", path, ...) on failure.
std::string read_file(const std::string& path);
// Writes atomically (temp + fsync + rename); "-" writes to standard output.
void write_file_atomic(const std::string& path, std::string_view bytes);

}  // namespace safetynet::cli
