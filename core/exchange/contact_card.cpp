#include "core/exchange/contact_card.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdio>

namespace safetynet::core {

namespace {
constexpr std::string_view kFingerprintLabel = "safetynet-contact-fingerprint/v1";
constexpr std::size_t kMaxNameBytes = 200;

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t n;  // continuation bytes
        std::uint32_t cp;
        if ((c >> 5) == 0x6) {
            n = 1;
            cp = c & 0x1f;
        } else if ((c >> 4) == 0xe) {
            n = 2;
            cp = c & 0x0f;
        } else if ((c >> 3) == 0x1e) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = cp << 6 | (cc & 0x3f);
        }
        // No overlong forms, no surrogates, nothing past U+10FFFF.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n + 1;
    }
    return true;
}
}  // namespace

void check_display_name(std::string_view name, const char* kind, const char* field) {
    if (name.empty() || name.size() > kMaxNameBytes)
        throw Error(kind, field, "a name is 1 to " + std::to_string(kMaxNameBytes) + " bytes");
    for (const char c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) throw Error(kind, field, "a name has no control characters");
    if (!valid_utf8(name)) throw Error(kind, field, "a name must be UTF-8");
}

std::string contact_fingerprint(const X25519Recipient& recipient, const MinisignPublicKey& signing_key) {
    ensure_sodium();
    crypto_generichash_state st;
    std::uint8_t h[40];
    crypto_generichash_init(&st, nullptr, 0, sizeof h);
    crypto_generichash_update(&st, reinterpret_cast<const std::uint8_t*>(kFingerprintLabel.data()), kFingerprintLabel.size());
    crypto_generichash_update(&st, recipient.public_key().data(), 32);
    crypto_generichash_update(&st, signing_key.key_id.data(), 8);
    crypto_generichash_update(&st, signing_key.key.data(), 32);
    crypto_generichash_final(&st, h, sizeof h);
    std::string out;
    for (int g = 0; g < 8; ++g) {
        std::uint64_t v = 0;
        for (int k = 0; k < 5; ++k) v = v << 8 | h[g * 5 + k];
        char buf[8];
        std::snprintf(buf, sizeof buf, "%05u", static_cast<unsigned>(v % 100000));
        if (g) out += ' ';
        out += buf;
    }
    return out;
}

std::string ContactCard::to_json() const {
    nlohmann::ordered_json j;
    j["safetynet_contact"] = 1;
    j["name"] = name;
    j["age_recipient"] = recipient.encode();
    j["minisign_public_key"] = signing_key.to_base64();
    j["fingerprint"] = fingerprint();
    return j.dump(2) + "\n";
}

ContactCard ContactCard::parse(std::string_view text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error("contact-card", "contact card", std::string("not JSON: ") + e.what());
    }
    auto str = [&](const char* key) -> std::string {
        if (!j.is_object() || !j.contains(key) || !j[key].is_string())
            throw Error("contact-card", key, "missing or not a string");
        return j[key].get<std::string>();
    };
    if (!j.is_object() || integer_field(j, "safetynet_contact", 0) != 1)
        throw Error("contact-card", "safetynet_contact", "not a SafetyNet contact card (version 1)");
    const std::string name = str("name");
    check_display_name(name, "contact-card", "name");
    X25519Recipient r = [&] {
        try {
            return X25519Recipient::parse(str("age_recipient"));
        } catch (const Error& e) {
            throw Error("contact-card", "age_recipient", e.message());
        }
    }();
    MinisignPublicKey k = [&] {
        try {
            return MinisignPublicKey::parse(str("minisign_public_key"));
        } catch (const Error& e) {
            throw Error("contact-card", "minisign_public_key", e.message());
        }
    }();
    ContactCard card{name, r, k};
    if (j.contains("fingerprint") && str("fingerprint") != card.fingerprint())
        throw Error("contact-card", "fingerprint", "the fingerprint does not match the card's keys (edited card?)");
    return card;
}

}  // namespace safetynet::core
