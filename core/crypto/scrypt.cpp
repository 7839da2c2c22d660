// scrypt (RFC 7914) in slices on libsodium primitives; see scrypt.hpp for why.
//
// [SECTION] PBKDF2-HMAC-SHA-256
// [SECTION] Salsa20/8 and BlockMix
// [SECTION] The job
#include "core/crypto/scrypt.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>
#include <sodium.h>
#include <string>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] PBKDF2-HMAC-SHA-256
//----------------------------------------------------------------------------------------------

SecretBytes pbkdf2_hmac_sha256(ByteView password, ByteView salt, std::uint64_t iterations, std::size_t length) {
    ensure_sodium();
    if (iterations == 0) throw Error("scrypt-params", "pbkdf2", "PBKDF2 needs at least one iteration");
    SecretBytes out(length);
    // The keyed state once, copied for each block and iteration: the HMAC key pad is hashed
    // a single time, as every PBKDF2 implementation does.
    crypto_auth_hmacsha256_state keyed;
    crypto_auth_hmacsha256_init(&keyed, password.data(), password.size());
    std::uint8_t u[32], t[32];
    std::size_t done = 0;
    for (std::uint32_t block = 1; done < length; ++block) {
        const std::uint8_t index[4] = {static_cast<std::uint8_t>(block >> 24), static_cast<std::uint8_t>(block >> 16),
                                       static_cast<std::uint8_t>(block >> 8), static_cast<std::uint8_t>(block)};
        crypto_auth_hmacsha256_state st = keyed;
        crypto_auth_hmacsha256_update(&st, salt.data(), salt.size());
        crypto_auth_hmacsha256_update(&st, index, sizeof index);
        crypto_auth_hmacsha256_final(&st, u);
        std::memcpy(t, u, sizeof t);
        for (std::uint64_t i = 1; i < iterations; ++i) {
            st = keyed;
            crypto_auth_hmacsha256_update(&st, u, sizeof u);
            crypto_auth_hmacsha256_final(&st, u);
            for (std::size_t k = 0; k < sizeof t; ++k) t[k] ^= u[k];
        }
        sodium_memzero(&st, sizeof st);
        const std::size_t n = std::min(sizeof t, length - done);
        std::memcpy(out.data() + done, t, n);
        done += n;
    }
    sodium_memzero(&keyed, sizeof keyed);
    sodium_memzero(u, sizeof u);
    sodium_memzero(t, sizeof t);
    return out;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Salsa20/8 and BlockMix
//----------------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kSalsaBlock = 64;

// RFC 7914 §3 applies Salsa20/8 to a 64-byte block read as 16 little-endian words x0..x15.
// crypto_core_salsa208 takes the same state split the way the Salsa20 cipher lays it out:
// constants c in x0, x5, x10, x15; key k in x1..x4 and x11..x14; input in x6..x9. It adds the
// input words back at the end (the "+" of §3), so its output is exactly Salsa20/8(block).
inline void salsa20_8(std::uint8_t* out, const std::uint8_t* in) {
    std::uint8_t c[16], k[32], n[16];
    std::memcpy(c + 0, in + 0, 4);
    std::memcpy(k + 0, in + 4, 16);
    std::memcpy(c + 4, in + 20, 4);
    std::memcpy(n + 0, in + 24, 16);
    std::memcpy(c + 8, in + 40, 4);
    std::memcpy(k + 16, in + 44, 16);
    std::memcpy(c + 12, in + 60, 4);
    crypto_core_salsa208(out, n, k, c);
}

inline void xor_into(std::uint8_t* dst, const std::uint8_t* src, std::size_t n) {
    for (std::size_t i = 0; i < n; i += 8) {
        std::uint64_t a, b;
        std::memcpy(&a, dst + i, 8);
        std::memcpy(&b, src + i, 8);
        a ^= b;
        std::memcpy(dst + i, &a, 8);
    }
}

// RFC 7914 §4: out = BlockMix(in); `in` and `out` are 128 * r bytes and must not overlap.
void block_mix(std::uint8_t* out, const std::uint8_t* in, std::uint32_t r) {
    std::uint8_t x[kSalsaBlock];
    std::memcpy(x, in + (2 * r - 1) * kSalsaBlock, kSalsaBlock);
    for (std::uint32_t i = 0; i < 2 * r; ++i) {
        xor_into(x, in + i * kSalsaBlock, kSalsaBlock);
        salsa20_8(x, x);
        // Y_i goes to position i/2 for even i, r + i/2 for odd i (the shuffle of step 3).
        const std::uint32_t pos = (i % 2 == 0) ? i / 2 : r + i / 2;
        std::memcpy(out + pos * kSalsaBlock, x, kSalsaBlock);
    }
    sodium_memzero(x, sizeof x);
}

// RFC 7914 §5 Integerify: the last 64-byte block's first 8 bytes as a little-endian integer.
inline std::uint64_t integerify(const std::uint8_t* x, std::uint32_t r) {
    const std::uint8_t* b = x + (2 * r - 1) * kSalsaBlock;
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | b[i];
    return v;
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] The job
//----------------------------------------------------------------------------------------------

std::uint64_t scrypt_memory_bytes(const ScryptParams& params) {
    if (params.log_n < 1 || params.log_n > 40) return std::numeric_limits<std::uint64_t>::max();
    return std::uint64_t{128} * params.r * (std::uint64_t{1} << params.log_n);
}

struct ScryptJob::State {
    ScryptParams params;
    std::uint64_t n = 0;
    std::size_t block_bytes = 0;  // 128 * r
    std::size_t length = 0;
    SecretBytes passphrase;
    SecretBytes b;  // p blocks of 128 * r bytes: PBKDF2's output, then ROMix's
    std::unique_ptr<std::uint8_t[]> v;  // N blocks: ROMix's table
    std::size_t v_bytes = 0;
    SecretBytes x, tmp;  // the running block and BlockMix's output
    std::uint32_t lane = 0;
    std::uint64_t iteration = 0;  // within the lane, 0..2N
    std::uint64_t done_iterations = 0;
    SecretBytes result;
    bool finished = false;

    ~State() { wipe_table(); }
    void wipe_table() {
        if (v) {
            sodium_memzero(v.get(), v_bytes);
            v.reset();
        }
    }
};

ScryptJob::ScryptJob(ByteView passphrase, ByteView salt, ScryptParams params, std::size_t length)
    : m_state(std::make_unique<State>()) {
    ensure_sodium();
    State& s = *m_state;
    // RFC 7914 §2: N a power of two greater than 1 and below 2^(128 r / 8); r * p < 2^30.
    if (params.log_n < 1 || params.log_n > 62)
        throw Error("scrypt-params", "N", "work factor 2^" + std::to_string(params.log_n) + " is out of range");
    if (params.r == 0 || params.p == 0 || std::uint64_t{params.r} * params.p >= (std::uint64_t{1} << 30))
        throw Error("scrypt-params", "r, p", "block size and parallelisation must be positive with r * p < 2^30");
    if (params.r < 8 && static_cast<std::uint64_t>(params.log_n) >= 16ull * params.r)
        throw Error("scrypt-params", "N", "N must be below 2^(16 r)");
    if (length == 0 || length > (std::size_t{1} << 20))
        throw Error("scrypt-params", "dkLen", "derived key length out of range");
    const std::uint64_t memory = scrypt_memory_bytes(params);
    if (memory > std::numeric_limits<std::size_t>::max() / 2 ||
        std::uint64_t{128} * params.r * params.p > std::numeric_limits<std::size_t>::max() / 2)
        throw Error("scrypt-params", "N",
                    "work factor 2^" + std::to_string(params.log_n) + " needs " + std::to_string(memory >> 20) +
                        " MiB, more than this device can address");
    s.params = params;
    s.n = std::uint64_t{1} << params.log_n;
    s.block_bytes = std::size_t{128} * params.r;
    s.length = length;
    s.passphrase = SecretBytes(passphrase);
    s.b = pbkdf2_hmac_sha256(passphrase, salt, 1, s.block_bytes * params.p);
    s.x = SecretBytes(s.block_bytes);
    s.tmp = SecretBytes(s.block_bytes);
    s.v_bytes = static_cast<std::size_t>(memory);
    // No value-initialisation: the table is written before it is read, and touching 256 MiB
    // up front would cost a frame or two for nothing.
    s.v.reset(new (std::nothrow) std::uint8_t[s.v_bytes]);
    if (!s.v)
        throw Error("scrypt-memory", "N",
                    "not enough memory for scrypt work factor " + std::to_string(params.log_n) + " (" +
                        std::to_string(memory >> 20) + " MiB)");
    std::memcpy(s.x.data(), s.b.data(), s.block_bytes);
}

ScryptJob::ScryptJob(ScryptJob&&) noexcept = default;
ScryptJob& ScryptJob::operator=(ScryptJob&&) noexcept = default;
ScryptJob::~ScryptJob() = default;

bool ScryptJob::step(std::uint64_t iterations) {
    State& s = *m_state;
    const std::uint32_t r = s.params.r;
    while (!s.finished && iterations > 0) {
        const std::uint64_t todo = std::min(iterations, 2 * s.n - s.iteration);
        for (std::uint64_t k = 0; k < todo; ++k, ++s.iteration) {
            if (s.iteration < s.n) {
                // ROMix step 2: V_i = X; X = BlockMix(X)
                std::memcpy(s.v.get() + s.iteration * s.block_bytes, s.x.data(), s.block_bytes);
                block_mix(s.tmp.data(), s.x.data(), r);
            } else {
                // ROMix step 3: j = Integerify(X) mod N; X = BlockMix(X xor V_j)
                const std::uint64_t j = integerify(s.x.data(), r) & (s.n - 1);
                xor_into(s.x.data(), s.v.get() + j * s.block_bytes, s.block_bytes);
                block_mix(s.tmp.data(), s.x.data(), r);
            }
            std::swap(s.x, s.tmp);
        }
        iterations -= todo;
        s.done_iterations += todo;
        if (s.iteration == 2 * s.n) {
            std::memcpy(s.b.data() + std::size_t{s.lane} * s.block_bytes, s.x.data(), s.block_bytes);
            s.iteration = 0;
            if (++s.lane < s.params.p) {
                std::memcpy(s.x.data(), s.b.data() + std::size_t{s.lane} * s.block_bytes, s.block_bytes);
            } else {
                // RFC 7914 §6 step 3: DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen)
                s.result = pbkdf2_hmac_sha256(s.passphrase.view(), s.b.view(), 1, s.length);
                s.finished = true;
                s.passphrase.wipe();
                s.b.wipe();
                s.x.wipe();
                s.tmp.wipe();
                s.wipe_table();
            }
        }
    }
    return s.finished;
}

bool ScryptJob::step_for(std::chrono::microseconds budget) {
    const auto start = std::chrono::steady_clock::now();
    // A slice small enough to check the clock often (about a millisecond at r = 8).
    constexpr std::uint64_t kSlice = 256;
    while (!step(kSlice)) {
        if (std::chrono::steady_clock::now() - start >= budget) break;
    }
    return done();
}

void ScryptJob::run() {
    while (!step(std::numeric_limits<std::uint64_t>::max())) {
    }
}

bool ScryptJob::done() const { return m_state->finished; }

std::uint64_t ScryptJob::total_iterations() const { return 2 * m_state->n * m_state->params.p; }

double ScryptJob::progress() const {
    return static_cast<double>(m_state->done_iterations) / static_cast<double>(total_iterations());
}

const ScryptParams& ScryptJob::params() const { return m_state->params; }

const SecretBytes& ScryptJob::result() const {
    if (!m_state->finished) throw Error("scrypt-not-done", "scrypt", "the key derivation has not finished");
    return m_state->result;
}

SecretBytes scrypt(ByteView passphrase, ByteView salt, ScryptParams params, std::size_t length) {
    ScryptJob job(passphrase, salt, params, length);
    job.run();
    return job.result();
}

}  // namespace safetynet::core
