#pragma once
// Key material in memory. SecretBytes owns a fixed-size buffer that is wiped with
// sodium_memzero when it dies or is overwritten, so no copy of a key, passphrase or
// plaintext secret outlives its use (as libsodium's crypto_box_seal wipes its ephemeral key).
// The size never changes after construction: a resize would leave an unwiped copy behind.
#include "core/base/bytes.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace safetynet::core {

// sodium_memzero: a wipe the compiler may not optimise away.
void secure_wipe(void* data, std::size_t size);
inline void secure_wipe(Bytes& bytes) { secure_wipe(bytes.data(), bytes.size()); }
inline void secure_wipe(std::string& s) { secure_wipe(s.data(), s.size()); }

class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size) : m_bytes(size, 0) {}
    explicit SecretBytes(ByteView bytes) : m_bytes(bytes.begin(), bytes.end()) {}
    // Takes over the buffer (no copy left behind to wipe).
    explicit SecretBytes(Bytes&& bytes) noexcept : m_bytes(std::move(bytes)) { bytes.clear(); }
    SecretBytes(const SecretBytes& other) : m_bytes(other.m_bytes) {}
    SecretBytes(SecretBytes&& other) noexcept : m_bytes(std::move(other.m_bytes)) { other.m_bytes.clear(); }
    SecretBytes& operator=(const SecretBytes& other) {
        if (this != &other) {
            wipe();
            m_bytes = other.m_bytes;
        }
        return *this;
    }
    SecretBytes& operator=(SecretBytes&& other) noexcept {
        if (this != &other) {
            wipe();
            m_bytes = std::move(other.m_bytes);
            other.m_bytes.clear();
        }
        return *this;
    }
    ~SecretBytes() { wipe(); }

    std::uint8_t* data() { return m_bytes.data(); }
    const std::uint8_t* data() const { return m_bytes.data(); }
    std::size_t size() const { return m_bytes.size(); }
    bool empty() const { return m_bytes.empty(); }
    ByteView view() const { return ByteView(m_bytes); }
    std::uint8_t& operator[](std::size_t i) { return m_bytes[i]; }
    const std::uint8_t& operator[](std::size_t i) const { return m_bytes[i]; }

    // Zeroes the bytes and empties the buffer.
    void wipe() {
        secure_wipe(m_bytes.data(), m_bytes.size());
        m_bytes.clear();
    }

private:
    Bytes m_bytes;
};

// Constant-time comparison of two byte strings of the same length (sodium_memcmp); false when
// the lengths differ.
bool equal_constant_time(ByteView a, ByteView b);

}  // namespace safetynet::core
