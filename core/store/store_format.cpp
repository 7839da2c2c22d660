// The store's on-storage format: head text, key derivation, blob sealing (store_format.hpp).
#include "core/store/store_format.hpp"

#include "core/base/base64.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <sodium.h>

#include <charconv>
#include <vector>

namespace safetynet::core {

namespace {

constexpr const char* kDamaged = "store-damaged";
// libsodium crypto_kdf context: exactly crypto_kdf_CONTEXTBYTES (8) characters.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "SNstore1";
constexpr std::uint64_t kAeadSubkey = 1;
constexpr std::uint64_t kCheckSubkey = 2;

[[noreturn]] void damaged(const std::string& message) { throw Error(kDamaged, "store head", message); }

// "name: value" lines.
std::string_view expect_line(std::string_view text, std::size_t& at, std::string_view name) {
    const std::size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) damaged("the header ends early");
    const std::string_view line = text.substr(at, eol - at);
    at = eol + 1;
    if (line.substr(0, name.size()) != name || line.substr(name.size(), 2) != ": ")
        damaged("expected \"" + std::string(name) + ": \" in the header");
    return line.substr(name.size() + 2);
}

template <typename T>
T decimal(std::string_view s, const char* what) {
    T v{};
    if (s.empty() || (s.size() > 1 && s[0] == '0')) damaged(std::string(what) + " is not a canonical decimal");
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) damaged(std::string(what) + " is not a decimal");
    return v;
}

template <std::size_t N>
std::array<std::uint8_t, N> base64_exact(std::string_view s, const char* what) {
    const auto b = base64_decode(s, Base64Padding::Padded);
    if (!b || b->size() != N) damaged(std::string(what) + " must be " + std::to_string(N) + " bytes of base64");
    std::array<std::uint8_t, N> out{};
    std::copy(b->begin(), b->end(), out.begin());
    return out;
}

}  // namespace

std::string format_store_header(const StoreHeader& h) {
    return std::string(kStoreMagic) + "\n" + "store: " + h.store_id + "\n" + "generation: " + std::to_string(h.generation) +
           "\n" + "kdf: scrypt " + std::to_string(h.kdf.log_n) + " " + std::to_string(h.kdf.r) + " " +
           std::to_string(h.kdf.p) + " " + base64_encode(h.kdf.salt, Base64Padding::Padded) + "\n" +
           "check: " + base64_encode(h.check, Base64Padding::Padded) + "\n\n";
}

StoreHeader parse_store_header(ByteView head, std::size_t& text_bytes, int max_log_n) {
    const std::string_view all = as_chars(head.subspan(0, std::min(head.size(), kStoreMaxHeadTextBytes)));
    const std::size_t end = all.find("\n\n");
    if (end == std::string_view::npos) damaged("no header (or one over " + std::to_string(kStoreMaxHeadTextBytes) + " bytes)");
    const std::string_view text = all.substr(0, end + 2);
    std::size_t at = 0;
    const std::size_t eol = text.find('\n');
    if (text.substr(0, eol) != kStoreMagic) {
        if (text.substr(0, 16) == "safetynet-store/")
            throw Error("store-version", "store head", "written by another version of SafetyNet (" +
                                                           std::string(text.substr(0, eol)) + "); this one reads " +
                                                           std::string(kStoreMagic));
        damaged("not a SafetyNet store");
    }
    at = eol + 1;
    StoreHeader h;
    h.store_id = std::string(expect_line(text, at, "store"));
    if (h.store_id.size() != 32 || h.store_id.find_first_not_of("0123456789abcdef") != std::string::npos)
        damaged("the store id must be 32 lowercase hex digits");
    h.generation = decimal<std::uint64_t>(expect_line(text, at, "generation"), "generation");
    const std::string_view kdf = expect_line(text, at, "kdf");
    std::vector<std::string_view> parts;
    for (std::size_t i = 0; i <= kdf.size();) {
        const std::size_t sp = std::min(kdf.find(' ', i), kdf.size());
        parts.push_back(kdf.substr(i, sp - i));
        i = sp + 1;
    }
    if (parts.size() != 5 || parts[0] != "scrypt") damaged("kdf must be \"scrypt <log2 N> <r> <p> <salt>\"");
    h.kdf.log_n = decimal<int>(parts[1], "kdf log2 N");
    h.kdf.r = decimal<std::uint32_t>(parts[2], "kdf r");
    h.kdf.p = decimal<std::uint32_t>(parts[3], "kdf p");
    h.kdf.salt = base64_exact<16>(parts[4], "kdf salt");
    // Only what this format writes: r = 8, p = 1, and a work factor this device can run.
    if (h.kdf.r != 8 || h.kdf.p != 1 || h.kdf.log_n < 1) damaged("kdf parameters other than scrypt r = 8, p = 1");
    if (h.kdf.log_n > max_log_n)
        throw Error("work-factor", "store head",
                    "scrypt work factor " + std::to_string(h.kdf.log_n) + " is above this device's limit of " +
                        std::to_string(max_log_n));
    h.check = base64_exact<32>(expect_line(text, at, "check"), "check");
    if (at != text.size() - 1) damaged("unexpected lines in the header");
    text_bytes = text.size();
    return h;
}

StoreKdf new_store_kdf(int log_n) {
    ensure_sodium();
    StoreKdf k;
    randombytes_buf(k.salt.data(), k.salt.size());
    k.log_n = log_n;
    return k;
}

ScryptJob store_kdf_job(ByteView passphrase, const StoreKdf& kdf) {
    // Domain separation as age does for its scrypt recipient: the label, then the salt.
    Bytes salt = to_bytes(kStoreMagic);
    salt.insert(salt.end(), kdf.salt.begin(), kdf.salt.end());
    return ScryptJob(passphrase, salt, ScryptParams{kdf.log_n, kdf.r, kdf.p}, 32);
}

StoreKeys derive_store_keys(const SecretBytes& master) {
    ensure_sodium();
    if (master.size() != crypto_kdf_KEYBYTES) throw Error("store-key", "kdf", "the master key must be 32 bytes");
    StoreKeys k;
    k.aead = SecretBytes(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_kdf_derive_from_key(k.aead.data(), k.aead.size(), kAeadSubkey, kKdfContext, master.data());
    crypto_kdf_derive_from_key(k.check.data(), k.check.size(), kCheckSubkey, kKdfContext, master.data());
    return k;
}

Bytes store_seal(const SecretBytes& key, ByteView plaintext, ByteView ad) {
    ensure_sodium();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    Bytes out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), kNonce);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &len, plaintext.data(), plaintext.size(), ad.data(),
                                               ad.size(), nullptr, out.data(), key.data());
    out.resize(kNonce + static_cast<std::size_t>(len));
    return out;
}

std::optional<SecretBytes> store_open(const SecretBytes& key, ByteView blob, ByteView ad) {
    ensure_sodium();
    constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    // Lengths first, before any decryption (as age's aeadDecrypt refuses an unexpected size):
    // a blob shorter than nonce + tag, or longer than the largest we write, is not ours.
    if (blob.size() < kNonce + kTag || blob.size() > kStoreMaxBlobBytes + kNonce + kTag) return std::nullopt;
    SecretBytes out(blob.size() - kNonce - kTag);
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &len, nullptr, blob.data() + kNonce, blob.size() - kNonce,
                                                   ad.data(), ad.size(), blob.data(), key.data()) != 0)
        return std::nullopt;
    return out;
}

std::string store_segment_ad(std::string_view store_id, std::string_view section) {
    return std::string(kStoreMagic) + " segment " + std::string(store_id) + " " + std::string(section);
}

std::string store_blob_digest(ByteView blob) {
    ensure_sodium();
    std::array<std::uint8_t, 32> h{};
    crypto_generichash(h.data(), h.size(), blob.data(), blob.size(), nullptr, 0);
    return to_hex(h);
}

std::string random_hex16() {
    ensure_sodium();
    std::array<std::uint8_t, 16> b{};
    randombytes_buf(b.data(), b.size());
    return to_hex(b);
}

}  // namespace safetynet::core
