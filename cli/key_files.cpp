#include "cli/key_files.hpp"

#include "cli/file_io.hpp"
#include "cli/passphrase.hpp"
#include "core/base/error.hpp"

#include <sys/stat.h>

namespace safetynet::cli {

namespace {

bool looks_like_json(const std::string& text) {
    const std::size_t i = text.find_first_not_of(" \t\r\n");
    return i != std::string::npos && text[i] == '{';
}

// Decrypts an age file under a passphrase (an encrypted key set or identity file).
core::SecretBytes decrypt_key_file(const std::string& path, const std::string& bytes,
                                   const std::optional<std::string>& passphrase_file, int max_work_factor) {
    core::AgeLimits limits;
    limits.max_work_factor = max_work_factor;
    limits.max_payload_bytes = 1 << 20;
    const core::AgeDecryption d(core::as_bytes(bytes), limits);
    if (!d.needs_passphrase())
        throw core::Error("identity", path, "an encrypted key file must be encrypted with a passphrase");
    const core::SecretBytes pass = read_passphrase(passphrase_file, "Passphrase for " + path + ": ", false);
    core::ScryptJob job = d.start_passphrase(pass.view());
    job.run();
    return d.finish(job);
}

}  // namespace

bool file_exists(const std::string& path) {
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0;
}

core::X25519Recipient load_recipient(const std::string& value) {
    if (value.rfind("age1", 0) == 0) return core::X25519Recipient::parse(value);
    if (!file_exists(value))
        throw core::Error("recipient", value, "neither an age1… recipient nor a contact card file");
    return core::ContactCard::parse(read_file(value)).recipient;
}

std::vector<core::AgeIdentity> load_identities(const std::vector<std::string>& files,
                                               const std::optional<std::string>& passphrase_file, int max_work_factor) {
    std::vector<core::AgeIdentity> out;
    for (const std::string& path : files) {
        std::string bytes = read_file(path);
        if (core::looks_like_age_file(core::as_bytes(bytes))) {
            const core::SecretBytes plain = decrypt_key_file(path, bytes, passphrase_file, max_work_factor);
            if (core::as_chars(plain.view()).rfind("safetynet-keyset/", 0) == 0) {
                out.emplace_back(core::KeySet::parse_secret_text(plain.view()).age_identity);
            } else {
                for (auto& id : core::parse_age_identity_file(core::as_chars(plain.view()), path)) out.emplace_back(std::move(id));
            }
        } else {
            for (auto& id : core::parse_age_identity_file(bytes, path)) out.emplace_back(std::move(id));
        }
        core::secure_wipe(bytes);
    }
    return out;
}

Signer load_signer(const std::string& path, const std::optional<std::string>& passphrase_file, int max_work_factor) {
    std::string bytes = read_file(path);
    if (core::looks_like_age_file(core::as_bytes(bytes))) {
        const core::SecretBytes plain = decrypt_key_file(path, bytes, passphrase_file, max_work_factor);
        core::KeySet ks = core::KeySet::parse_secret_text(plain.view());
        core::MinisignSecretKey key = ks.signing_key;
        return Signer{std::move(key), std::move(ks)};
    }
    const core::MinisignKeyFile f = core::MinisignKeyFile::parse(bytes);
    core::secure_wipe(bytes);
    if (!f.encrypted()) return Signer{f.unencrypted_key(), std::nullopt};
    const core::SecretBytes pass = read_passphrase(passphrase_file, "Password for " + path + ": ", false);
    return Signer{f.open(pass.view(), max_work_factor), std::nullopt};
}

core::ContactCard load_trusted_signer(const std::string& value) {
    std::string text = value;
    if (file_exists(value)) text = read_file(value);
    if (looks_like_json(text)) return core::ContactCard::parse(text);
    core::MinisignPublicKey key;
    try {
        key = core::MinisignPublicKey::parse(text);
    } catch (const core::Error& e) {
        throw core::Error("minisign-key", value, "not a minisign public key, key file or contact card: " + e.message());
    }
    return core::ContactCard{"minisign key " + key.key_id_hex(), core::X25519Recipient(), key};
}

}  // namespace safetynet::cli
