#include "core/fhir/fhir_bundle.hpp"

#include "core/base/error.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <cstdio>
#include <ctime>

namespace safetynet::core::fhir {

namespace {

// RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10 in byte 8.
std::string uuid_urn(unsigned char b[16]) {
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    char text[37];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return std::string("urn:uuid:") + text;
}

void start_sodium() {
    if (sodium_init() < 0) throw Error("crypto", "sodium_init", "libsodium could not start");
}

// A Bundle's full URLs: one random key per Bundle, then BLAKE2b(key, counter) per entry.
// In the browser every randombytes call crosses into JavaScript (libsodium asks
// crypto.getRandomValues for 4 bytes at a time), which made a 50-entry Bundle cost ~20 ms;
// keyed hashing of a counter gives the same unpredictable, never-repeating ids from one
// draw. The key is no secret worth wiping: the ids it makes are public.
class UuidStream {
public:
    UuidStream() {
        start_sodium();
        randombytes_buf(m_key, sizeof m_key);
    }
    std::string next() {
        unsigned char counter[8];
        for (int i = 0; i < 8; ++i) counter[i] = static_cast<unsigned char>(m_counter >> (8 * i));
        ++m_counter;
        unsigned char b[16];
        crypto_generichash(b, sizeof b, counter, sizeof counter, m_key, sizeof m_key);
        return uuid_urn(b);
    }

private:
    unsigned char m_key[crypto_generichash_KEYBYTES];
    std::uint64_t m_counter = 0;
};

}  // namespace

std::string new_uuid_urn() {
    start_sodium();
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    return uuid_urn(b);
}

std::string now_instant() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

Bundle::Bundle(std::string type) : m_type(std::move(type)) {
    m_next_id = [stream = std::make_shared<UuidStream>()] { return stream->next(); };
}

std::string Bundle::add(nlohmann::json resource, std::string full_url) {
    if (full_url.empty()) full_url = m_next_id();
    for (const auto& e : m_entries)
        if (e.first == full_url) throw Error("duplicate-fullurl", full_url, "two Bundle entries share a fullUrl (bdl-7)");
    m_entries.emplace_back(full_url, std::move(resource));
    return full_url;
}

nlohmann::json* Bundle::find(std::string_view full_url) {
    for (auto& e : m_entries)
        if (e.first == full_url) return &e.second;
    return nullptr;
}

nlohmann::json Bundle::to_json() const {
    nlohmann::json b = {{"resourceType", "Bundle"}, {"type", m_type}};
    if (!m_timestamp.empty()) b["timestamp"] = m_timestamp;
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& [url, resource] : m_entries) entries.push_back({{"fullUrl", url}, {"resource", resource}});
    if (!entries.empty()) b["entry"] = std::move(entries);
    return b;
}

nlohmann::json reference(std::string_view full_url) { return {{"reference", std::string(full_url)}}; }

nlohmann::json codeable(std::string_view system, std::string_view code, std::string_view display) {
    nlohmann::json c = {{"system", std::string(system)}, {"code", std::string(code)}};
    if (!display.empty()) c["display"] = std::string(display);
    return {{"coding", nlohmann::json::array({c})}};
}

}  // namespace safetynet::core::fhir
