#include "core/base/crypto_init.hpp"

#include "core/base/error.hpp"

#include <sodium.h>

namespace safetynet::core {

void ensure_sodium() {
    // sodium_init() returns 0 the first time, 1 when already initialised, -1 on failure.
    static const int status = sodium_init();
    if (status < 0) throw Error("crypto-init", "libsodium", "cannot initialise libsodium");
}

}  // namespace safetynet::core
