#include "core/exchange/keyset.hpp"

#include "core/crypto/age_armor.hpp"
#include "core/crypto/age_header.hpp"
#include "core/base/error.hpp"
#include "core/base/utc_time.hpp"

#include <iterator>
#include <vector>

namespace safetynet::core {

namespace {
constexpr std::string_view kMagic = "safetynet-keyset/v1";
constexpr std::string_view kMinisignComment = "untrusted comment: safetynet key set\n";

// "key: value" lines after the magic line, in this order.
constexpr std::string_view kFields[] = {"name", "created", "age-identity", "minisign-secret-key"};
}  // namespace

KeySet KeySet::generate(std::string_view name) { return generate(name, utc_now_rfc3339()); }

KeySet KeySet::generate(std::string_view name, std::string_view created) {
    check_display_name(name, "keyset", "name");
    if (!is_utc_rfc3339(created)) throw Error("keyset", "created", "must be an RFC 3339 UTC time");
    return KeySet{std::string(name), std::string(created), X25519Identity::generate(), MinisignSecretKey::generate()};
}

ContactCard KeySet::contact_card() const { return ContactCard{name, age_identity.recipient(), signing_key.public_key()}; }

SecretBytes KeySet::to_secret_text() const {
    std::string identity = age_identity.encode();
    std::string minisign_file = signing_key.to_file({});
    const std::size_t b64_start = minisign_file.find('\n') + 1;
    const std::string_view b64 = std::string_view(minisign_file).substr(b64_start, minisign_file.size() - b64_start - 1);
    std::string text;
    text.reserve(512);
    text.append(kMagic).append("\nname: ").append(name).append("\ncreated: ").append(created);
    text.append("\nage-identity: ").append(identity).append("\nminisign-secret-key: ").append(b64).append("\n");
    SecretBytes out{as_bytes(text)};
    secure_wipe(text);
    secure_wipe(identity);
    secure_wipe(minisign_file);
    return out;
}

KeySet KeySet::parse_secret_text(ByteView bytes) {
    const std::string_view text = as_chars(bytes);
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) throw Error("keyset", "key set", "the key set text must end with a newline");
        lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    if (lines.size() != 1 + std::size(kFields) || lines[0] != kMagic)
        throw Error("keyset", "key set line 1", "not a SafetyNet key set (safetynet-keyset/v1)");
    std::string_view values[std::size(kFields)];
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
        const std::string_view l = lines[i + 1];
        const std::string prefix = std::string(kFields[i]) + ": ";
        if (l.substr(0, prefix.size()) != prefix)
            throw Error("keyset", "key set line " + std::to_string(i + 2), "expected \"" + prefix + "…\"");
        values[i] = l.substr(prefix.size());
    }
    check_display_name(values[0], "keyset", "name");
    if (!is_utc_rfc3339(values[1])) throw Error("keyset", "created", "not an RFC 3339 UTC timestamp");
    X25519Identity id = [&] {
        try {
            return X25519Identity::parse(values[2]);
        } catch (const Error& e) {
            throw Error("keyset", "age-identity", e.message());
        }
    }();
    std::string minisign_file = std::string(kMinisignComment) + std::string(values[3]) + "\n";
    MinisignSecretKey sk = [&] {
        try {
            const MinisignKeyFile f = MinisignKeyFile::parse(minisign_file);
            secure_wipe(minisign_file);
            return f.unencrypted_key();
        } catch (const Error& e) {
            secure_wipe(minisign_file);
            throw Error("keyset", "minisign-secret-key", e.message());
        }
    }();
    return KeySet{std::string(values[0]), std::string(values[1]), std::move(id), std::move(sk)};
}

Bytes KeySet::export_encrypted(ByteView passphrase, int log_n) const {
    return export_encrypted(ScryptRecipient(passphrase, log_n));
}

Bytes KeySet::export_encrypted(const ScryptRecipient& prepared) const {
    const SecretBytes text = to_secret_text();
    return age_encrypt(text.view(), {prepared}, true);
}

KeySet KeySet::import_encrypted(ByteView file, ByteView passphrase, const AgeLimits& limits) {
    const SecretBytes text = age_decrypt(file, {ScryptIdentity(passphrase, limits.max_work_factor)}, limits);
    return parse_secret_text(text.view());
}

bool looks_like_age_file(ByteView file) {
    return age_is_armored(file) || as_chars(file).substr(0, 19) == "age-encryption.org/";
}

}  // namespace safetynet::core
