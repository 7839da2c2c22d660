#pragma once
// scrypt (RFC 7914) as a job that runs in slices, so the browser's frame loop never blocks.
//
// libsodium's crypto_pwhash_scryptsalsa208sha256_ll is one blocking call: at age's work factor
// 18 (N = 2^18, r = 8) it takes 2-3 s and 256 MiB in WebAssembly, which would freeze the UI.
// ScryptJob computes the same function from libsodium primitives: PBKDF2-HMAC-SHA-256
// (RFC 7914 §11, on crypto_auth_hmacsha256) around ROMix (§5) whose BlockMix (§4) calls
// crypto_core_salsa208 (the Salsa20/8 core of §3). step(n) runs n ROMix iterations and returns,
// so the UI can run a slice per frame and show progress(). Tests check it against the RFC 7914
// vectors and against crypto_pwhash_scryptsalsa208sha256_ll.
//
// Work factors (age §"The scrypt recipient type": decoders SHOULD cap the work factor). The
// memory scrypt needs is 128 * r * N bytes, 2^(log_n + 10) at r = 8:
//   encrypt:  log_n 18 everywhere (256 MiB; age's own default, so `age -d` opens ours at its
//             usual cost, 2-3 s in WASM with a progress bar, well under 1 s natively).
//   decrypt:  natively at most 22 (4 GiB), age 1.1.1's own cap (CCTV scrypt_work_factor_23
//             must fail). In a 32-bit address space (WebAssembly) at most 20 (1 GiB): 2^21
//             would need 2 GiB, all that emscripten's heap can ever hold, so it could never
//             run; a larger factor is refused up front with a clear message rather than
//             failing after minutes or exhausting the tab.
#include "core/base/bytes.hpp"
#include "core/base/secret.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace safetynet::core {

struct ScryptParams {
    int log_n = 0;       // N = 2^log_n
    std::uint32_t r = 8;  // block size factor
    std::uint32_t p = 1;  // parallelisation (lanes run one after the other here)
};

inline constexpr int kScryptEncryptLogN = 18;
inline constexpr int kScryptMaxLogNNative = 22;
inline constexpr int kScryptMaxLogN32Bit = 20;
// The decrypt cap for this build: 20 where pointers are 32 bits (WebAssembly), 22 otherwise.
constexpr int scrypt_default_max_log_n() {
    return sizeof(void*) < 8 ? kScryptMaxLogN32Bit : kScryptMaxLogNNative;
}

// 128 * r * N: the memory ROMix needs (plus 256 * r bytes of scratch).
std::uint64_t scrypt_memory_bytes(const ScryptParams& params);

// RFC 8018 §5.2 with HMAC-SHA-256 as the PRF.
SecretBytes pbkdf2_hmac_sha256(ByteView password, ByteView salt, std::uint64_t iterations, std::size_t length);

class ScryptJob {
public:
    // Throws core::Error("scrypt-params") for parameters RFC 7914 §2 forbids or that do not fit
    // in memory, and core::Error("scrypt-memory") when the allocation fails.
    ScryptJob(ByteView passphrase, ByteView salt, ScryptParams params, std::size_t length);
    ScryptJob(ScryptJob&&) noexcept;
    ScryptJob& operator=(ScryptJob&&) noexcept;
    ScryptJob(const ScryptJob&) = delete;
    ScryptJob& operator=(const ScryptJob&) = delete;
    ~ScryptJob();

    // Runs up to `iterations` ROMix iterations (each one BlockMix, 2r Salsa20/8 cores); returns
    // done(). The whole job is total_iterations() = 2 * N * p of them.
    bool step(std::uint64_t iterations);
    // Runs until `budget` has elapsed (checked every few iterations) or the job is done.
    bool step_for(std::chrono::microseconds budget);
    // Runs to the end: the blocking form, for the CLI and tests.
    void run();

    bool done() const;
    double progress() const;  // 0..1
    std::uint64_t total_iterations() const;
    const ScryptParams& params() const;

    // The derived key; throws core::Error("scrypt-not-done") before done().
    const SecretBytes& result() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The blocking form: ScryptJob run to the end.
SecretBytes scrypt(ByteView passphrase, ByteView salt, ScryptParams params, std::size_t length);

}  // namespace safetynet::core
