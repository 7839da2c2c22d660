#pragma once
// libsodium must be initialised once before use (it picks CPU-specific implementations and
// opens the random source). Every crypto entry point in core/ calls this; it is cheap after
// the first call and safe from any thread.
namespace safetynet::core {
void ensure_sodium();
}  // namespace safetynet::core
