#pragma once
// Files for the CLI. Output is always written to a temporary file beside the target and then
// renamed over it, so a crash or a failed decryption never leaves a half-written file.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace safetynet::cli {

// The whole file, or "-" for standard input. Throws core::Error("io", path, ...) on failure.
std::string read_file(const std::string& path);
// Writes atomically (temp + fsync + rename); "-" writes to standard output.
void write_file_atomic(const std::string& path, std::string_view bytes);
// The same for output too large to hold: `fill` writes into a temporary file beside `path`;
// `accept(temporary path)` then decides whether it replaces `path` (false: it is removed). An
// exception from either removes it too.
void write_stream_atomic(const std::string& path, const std::function<void(std::ostream&)>& fill,
                         const std::function<bool(const std::string&)>& accept);

}  // namespace safetynet::cli
