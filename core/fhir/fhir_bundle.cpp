#include "core/fhir/fhir_bundle.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/base/uuid.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <memory>

namespace safetynet::core::fhir {

namespace {


// A Bundle's full URLs: one random key per Bundle, then BLAKE2b(key, counter) per entry.
// In the browser every randombytes call crosses into JavaScript (libsodium asks
// crypto.getRandomValues for 4 bytes at a time), which made a 50-entry Bundle cost ~20 ms;
// keyed hashing of a counter gives the same unpredictable, never-repeating ids from one
// draw. The key is no secret worth wiping: the ids it makes are public.
class UuidStream {
public:
    UuidStream() {
        ensure_sodium();
        randombytes_buf(m_key, sizeof m_key);
    }
    std::string next() {
        unsigned char counter[8];
        for (int i = 0; i < 8; ++i) counter[i] = static_cast<unsigned char>(m_counter >> (8 * i));
        ++m_counter;
        std::array<std::uint8_t, 16> b{};
        crypto_generichash(b.data(), b.size(), counter, sizeof counter, m_key, sizeof m_key);
        return "urn:uuid:" + uuid_v4_text(b);
    }

private:
    unsigned char m_key[crypto_generichash_KEYBYTES];
    std::uint64_t m_counter = 0;
};

}  // namespace

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
