// minisign key and signature files (jedisct1/minisign, src/minisign.h for the layouts).
//
// [SECTION] Helpers
// [SECTION] Public keys
// [SECTION] Secret keys
// [SECTION] Signatures
#include "core/crypto/minisign.hpp"

#include "core/crypto/age_errors.hpp"
#include "core/base/base64.hpp"
#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"

#include <cstring>
#include <sodium.h>
#include <vector>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Helpers
//----------------------------------------------------------------------------------------------

namespace {

// minisign.h: SIGALG "Ed", SIGALG_HASHED "ED", KDFALG "Sc", CHKALG "B2".
constexpr std::string_view kSigAlg = "Ed";
constexpr std::string_view kSigAlgHashed = "ED";
constexpr std::string_view kKdfAlg = "Sc";
constexpr std::string_view kChkAlg = "B2";
constexpr std::string_view kCommentPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::size_t kPublicKeyBytes = 2 + 8 + 32;
constexpr std::size_t kKeynumSkBytes = 8 + 64 + 32;
constexpr std::size_t kSecretKeyBytes = 2 + 2 + 2 + 32 + 8 + 8 + kKeynumSkBytes;
constexpr std::size_t kSignatureBytes = 2 + 8 + 64;
constexpr std::size_t kTrustedCommentMax = 8192 - kTrustedPrefix.size() - 1;  // TRUSTEDCOMMENTMAXBYTES

// The text's lines, without LF, CR or trailing spaces (minisign's trim()).
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view l = text.substr(pos, nl - pos);
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
        out.push_back(l);
        pos = nl + 1;
    }
    return out;
}

std::string key_id_to_hex(const std::array<std::uint8_t, 8>& id) {
    std::array<std::uint8_t, 8> be{};
    for (int i = 0; i < 8; ++i) be[i] = id[7 - i];
    std::string s = to_hex(be);
    for (char& c : s)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::uint64_t load_le64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

void store_le64(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// minisign's seckey_chk: BLAKE2b-256 over sig_alg || key id || sk.
std::array<std::uint8_t, 32> secret_key_checksum(const std::array<std::uint8_t, 8>& key_id, ByteView sk) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, 32);
    crypto_generichash_update(&st, reinterpret_cast<const std::uint8_t*>(kSigAlg.data()), kSigAlg.size());
    crypto_generichash_update(&st, key_id.data(), key_id.size());
    crypto_generichash_update(&st, sk.data(), sk.size());
    std::array<std::uint8_t, 32> out{};
    crypto_generichash_final(&st, out.data(), out.size());
    sodium_memzero(&st, sizeof st);
    return out;
}

std::array<std::uint8_t, 64> prehash(ByteView message) {
    std::array<std::uint8_t, 64> h{};
    crypto_generichash(h.data(), h.size(), message.data(), message.size(), nullptr, 0);
    return h;
}

bool one_line(std::string_view s) { return s.find_first_of("\r\n") == std::string_view::npos; }

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Public keys
//----------------------------------------------------------------------------------------------

MinisignPublicKey MinisignPublicKey::parse(std::string_view text) {
    const auto lines = lines_of(text);
    std::string_view b64;
    if (lines.size() == 1) {
        b64 = lines[0];
    } else if (lines.size() >= 2 && lines[0].substr(0, kCommentPrefix.size()) == kCommentPrefix) {
        b64 = lines[1];
        for (std::size_t i = 2; i < lines.size(); ++i)
            if (!lines[i].empty()) throw Error("minisign-key", "public key", "unexpected text after the key");
    } else {
        throw Error("minisign-key", "public key", "not a minisign public key (\"untrusted comment:\" line, then the key)");
    }
    const auto raw = base64_decode(b64, Base64Padding::Padded);
    if (!raw || raw->size() != kPublicKeyBytes) throw Error("minisign-key", "public key", "not a minisign public key");
    if (std::memcmp(raw->data(), kSigAlg.data(), 2) != 0)
        throw Error("minisign-key", "public key", "unsupported signature algorithm");
    MinisignPublicKey k;
    std::memcpy(k.key_id.data(), raw->data() + 2, 8);
    std::memcpy(k.key.data(), raw->data() + 10, 32);
    return k;
}

std::string MinisignPublicKey::to_base64() const {
    Bytes raw = to_bytes(kSigAlg);
    raw.insert(raw.end(), key_id.begin(), key_id.end());
    raw.insert(raw.end(), key.begin(), key.end());
    return base64_encode(raw, Base64Padding::Padded);
}

std::string MinisignPublicKey::to_file() const {
    return std::string(kCommentPrefix) + "minisign public key " + key_id_hex() + "\n" + to_base64() + "\n";
}

std::string MinisignPublicKey::key_id_hex() const { return key_id_to_hex(key_id); }

//----------------------------------------------------------------------------------------------
// [SECTION] Secret keys
//----------------------------------------------------------------------------------------------

ScryptParams minisign_scrypt_params(std::uint64_t opslimit, std::uint64_t memlimit) {
    // libsodium crypto_pwhash/scryptsalsa208sha256/pwhash_scryptsalsa208sha256.c, pickparams().
    if (opslimit < 32768) opslimit = 32768;
    ScryptParams p;
    p.r = 8;
    if (opslimit < memlimit / 32) {
        p.p = 1;
        const std::uint64_t max_n = opslimit / (p.r * 4);
        for (p.log_n = 1; p.log_n < 63; ++p.log_n)
            if ((std::uint64_t{1} << p.log_n) > max_n / 2) break;
    } else {
        const std::uint64_t max_n = memlimit / (std::uint64_t{p.r} * 128);
        for (p.log_n = 1; p.log_n < 63; ++p.log_n)
            if ((std::uint64_t{1} << p.log_n) > max_n / 2) break;
        std::uint64_t max_rp = (opslimit / 4) / (std::uint64_t{1} << p.log_n);
        if (max_rp > 0x3fffffff) max_rp = 0x3fffffff;
        p.p = static_cast<std::uint32_t>(max_rp) / p.r;
    }
    return p;
}

MinisignSecretKey MinisignSecretKey::generate() {
    ensure_sodium();
    std::array<std::uint8_t, 8> id{};
    randombytes_buf(id.data(), id.size());
    std::array<std::uint8_t, 32> pk{};
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(pk.data(), sk.data());
    return MinisignSecretKey(id, sk.view());
}

MinisignSecretKey::MinisignSecretKey(const std::array<std::uint8_t, 8>& key_id, ByteView secret_key)
    : m_key_id(key_id), m_sk(secret_key) {
    ensure_sodium();
    if (secret_key.size() != crypto_sign_SECRETKEYBYTES)
        throw Error("minisign-key", "secret key", "an Ed25519 secret key is 64 bytes");
    // libsodium's sk is seed || pk: the public half must be the seed's, or the key is corrupt.
    std::array<std::uint8_t, 32> pk{};
    SecretBytes sk2(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(pk.data(), sk2.data(), secret_key.data());
    if (!equal_constant_time(sk2.view(), secret_key))
        throw Error("minisign-key", "secret key", "the secret key is corrupt (its public half does not match)");
}

MinisignPublicKey MinisignSecretKey::public_key() const {
    MinisignPublicKey k;
    k.key_id = m_key_id;
    std::memcpy(k.key.data(), m_sk.data() + 32, 32);
    return k;
}

std::string MinisignSecretKey::to_file(ByteView password, std::uint64_t opslimit, std::uint64_t memlimit) const {
    SecretBytes raw(kSecretKeyBytes);
    std::uint8_t* p = raw.data();
    std::memcpy(p, kSigAlg.data(), 2);
    const bool encrypt = !password.empty();
    if (encrypt) std::memcpy(p + 2, kKdfAlg.data(), 2);  // else "\0\0", as minisign -W
    std::memcpy(p + 4, kChkAlg.data(), 2);
    std::uint8_t* salt = p + 6;
    std::uint8_t* keynum = p + 6 + 32 + 16;
    if (encrypt) {
        randombytes_buf(salt, 32);
        store_le64(p + 38, opslimit);
        store_le64(p + 46, memlimit);
    }
    std::memcpy(keynum, m_key_id.data(), 8);
    std::memcpy(keynum + 8, m_sk.data(), 64);
    // minisign 0.11 -W leaves the checksum of an unencrypted key zero and never checks it;
    // a correct one is written here so a stricter reader is satisfied too.
    const auto chk = secret_key_checksum(m_key_id, m_sk.view());
    std::memcpy(keynum + 72, chk.data(), 32);
    if (encrypt) {
        ScryptJob job(password, ByteView(salt, 32), minisign_scrypt_params(opslimit, memlimit), kKeynumSkBytes);
        job.run();
        for (std::size_t i = 0; i < kKeynumSkBytes; ++i) keynum[i] ^= job.result()[i];
    }
    return std::string(kCommentPrefix) + (encrypt ? "minisign encrypted secret key" : "minisign unencrypted secret key") +
           "\n" + base64_encode(raw.view(), Base64Padding::Padded) + "\n";
}

MinisignKeyFile MinisignKeyFile::parse(std::string_view text) {
    const auto lines = lines_of(text);
    if (lines.size() < 2 || lines[0].substr(0, kCommentPrefix.size()) != kCommentPrefix)
        throw Error("minisign-key", "secret key", "not a minisign secret key file");
    for (std::size_t i = 2; i < lines.size(); ++i)
        if (!lines[i].empty()) throw Error("minisign-key", "secret key", "unexpected text after the key");
    auto raw = base64_decode(lines[1], Base64Padding::Padded);
    if (!raw || raw->size() != kSecretKeyBytes) throw Error("minisign-key", "secret key", "not a minisign secret key");
    const SecretBytes bytes{ByteView(*raw)};
    secure_wipe(*raw);
    const std::uint8_t* p = bytes.data();
    if (std::memcmp(p, kSigAlg.data(), 2) != 0) throw Error("minisign-key", "secret key", "unsupported signature algorithm");
    if (std::memcmp(p + 4, kChkAlg.data(), 2) != 0) throw Error("minisign-key", "secret key", "unsupported checksum");
    MinisignKeyFile f;
    if (std::memcmp(p + 2, kKdfAlg.data(), 2) == 0)
        f.m_encrypted = true;
    else if (p[2] != 0 || p[3] != 0)
        throw Error("minisign-key", "secret key", "unsupported key derivation function");
    std::memcpy(f.m_salt.data(), p + 6, 32);
    f.m_opslimit = load_le64(p + 38);
    f.m_memlimit = load_le64(p + 46);
    f.m_keynum_sk = SecretBytes(ByteView(p + 54, kKeynumSkBytes));
    return f;
}

ScryptParams MinisignKeyFile::kdf_params() const { return minisign_scrypt_params(m_opslimit, m_memlimit); }

ScryptJob MinisignKeyFile::start(ByteView password, int max_log_n) const {
    if (!m_encrypted) throw Error("minisign-key", "secret key", "the key is not encrypted");
    const ScryptParams params = kdf_params();
    if (params.log_n > max_log_n)
        throw Error(age_error::kWorkFactor, "secret key",
                    "the key's scrypt work factor " + std::to_string(params.log_n) + " is above this device's limit of " +
                        std::to_string(max_log_n));
    // minisign's own default is p = 1; far more is only a way to make us spin.
    if (params.p > 16) throw Error(age_error::kWorkFactor, "secret key", "the key's scrypt parallelism is unreasonably high");
    return ScryptJob(password, m_salt, params, kKeynumSkBytes);
}

MinisignSecretKey MinisignKeyFile::decode(ByteView keynum_sk) const {
    std::array<std::uint8_t, 8> id{};
    std::memcpy(id.data(), keynum_sk.data(), 8);
    const ByteView sk = keynum_sk.subspan(8, 64);
    if (m_encrypted) {
        const auto chk = secret_key_checksum(id, sk);
        if (!equal_constant_time(chk, keynum_sk.subspan(72, 32)))
            throw Error("minisign-password", "secret key", "wrong password for this minisign key");
    }
    return MinisignSecretKey(id, sk);
}

MinisignSecretKey MinisignKeyFile::finish(const ScryptJob& done_job) const {
    SecretBytes plain(m_keynum_sk.view());
    for (std::size_t i = 0; i < kKeynumSkBytes; ++i) plain[i] ^= done_job.result()[i];
    return decode(plain.view());
}

MinisignSecretKey MinisignKeyFile::unencrypted_key() const {
    if (m_encrypted) throw Error("minisign-key", "secret key", "the key is encrypted: a password is needed");
    return decode(m_keynum_sk.view());
}

MinisignSecretKey MinisignKeyFile::open(ByteView password, int max_log_n) const {
    if (!m_encrypted) return unencrypted_key();
    ScryptJob job = start(password, max_log_n);
    job.run();
    return finish(job);
}

//----------------------------------------------------------------------------------------------
// [SECTION] Signatures
//----------------------------------------------------------------------------------------------

MinisignSignature MinisignSignature::parse(std::string_view text) {
    const auto lines = lines_of(text);
    if (lines.size() < 4) throw Error("signature", "signature", "a minisign signature has four lines");
    for (std::size_t i = 4; i < lines.size(); ++i)
        if (!lines[i].empty()) throw Error("signature", "signature", "unexpected text after the signature");
    if (lines[0].substr(0, kCommentPrefix.size()) != kCommentPrefix)
        throw Error("signature", "signature line 1", "must start with \"untrusted comment: \"");
    if (lines[2].substr(0, kTrustedPrefix.size()) != kTrustedPrefix)
        throw Error("signature", "signature line 3", "must start with \"trusted comment: \"");
    MinisignSignature s;
    s.untrusted_comment = std::string(lines[0].substr(kCommentPrefix.size()));
    s.trusted_comment = std::string(lines[2].substr(kTrustedPrefix.size()));
    if (s.trusted_comment.size() > kTrustedCommentMax) throw Error("signature", "signature line 3", "trusted comment too long");
    const auto raw = base64_decode(lines[1], Base64Padding::Padded);
    if (!raw || raw->size() != kSignatureBytes) throw Error("signature", "signature line 2", "not a minisign signature");
    if (std::memcmp(raw->data(), kSigAlgHashed.data(), 2) == 0)
        s.prehashed = true;
    else if (std::memcmp(raw->data(), kSigAlg.data(), 2) == 0)
        s.prehashed = false;
    else
        throw Error("signature", "signature line 2", "unsupported signature algorithm");
    std::memcpy(s.key_id.data(), raw->data() + 2, 8);
    std::memcpy(s.signature.data(), raw->data() + 10, 64);
    const auto global = base64_decode(lines[3], Base64Padding::Padded);
    if (!global || global->size() != 64) throw Error("signature", "signature line 4", "not a minisign global signature");
    std::memcpy(s.global_signature.data(), global->data(), 64);
    return s;
}

std::string MinisignSignature::to_text() const {
    Bytes raw = to_bytes(prehashed ? kSigAlgHashed : kSigAlg);
    raw.insert(raw.end(), key_id.begin(), key_id.end());
    raw.insert(raw.end(), signature.begin(), signature.end());
    return std::string(kCommentPrefix) + untrusted_comment + "\n" + base64_encode(raw, Base64Padding::Padded) + "\n" +
           std::string(kTrustedPrefix) + trusted_comment + "\n" +
           base64_encode(global_signature, Base64Padding::Padded) + "\n";
}

std::string MinisignSignature::key_id_hex() const { return key_id_to_hex(key_id); }

MinisignSignature minisign_sign(const MinisignSecretKey& key, ByteView message, std::string_view trusted_comment,
                                std::string_view untrusted_comment) {
    ensure_sodium();
    if (!one_line(trusted_comment) || !one_line(untrusted_comment))
        throw Error("signature", "comment", "comments must be one line");
    if (trusted_comment.size() > kTrustedCommentMax) throw Error("signature", "comment", "trusted comment too long");
    MinisignSignature s;
    s.untrusted_comment = std::string(untrusted_comment);
    s.trusted_comment = std::string(trusted_comment);
    s.prehashed = true;
    s.key_id = key.key_id();
    const auto h = prehash(message);
    crypto_sign_detached(s.signature.data(), nullptr, h.data(), h.size(), key.secret_key().data());
    // The global signature binds the trusted comment to the signature.
    Bytes global_msg(s.signature.begin(), s.signature.end());
    global_msg.insert(global_msg.end(), trusted_comment.begin(), trusted_comment.end());
    crypto_sign_detached(s.global_signature.data(), nullptr, global_msg.data(), global_msg.size(),
                         key.secret_key().data());
    return s;
}

void minisign_verify(const MinisignPublicKey& key, ByteView message, const MinisignSignature& sig) {
    ensure_sodium();
    if (sig.key_id != key.key_id)
        throw Error("signature-key", "signature",
                    "signed by key " + sig.key_id_hex() + ", not by the given key " + key.key_id_hex());
    int rc;
    if (sig.prehashed) {
        const auto h = prehash(message);
        rc = crypto_sign_verify_detached(sig.signature.data(), h.data(), h.size(), key.key.data());
    } else {
        rc = crypto_sign_verify_detached(sig.signature.data(), message.data(), message.size(), key.key.data());
    }
    if (rc != 0) throw Error("bad-signature", "signature", "the signature does not match the data");
    Bytes global_msg(sig.signature.begin(), sig.signature.end());
    global_msg.insert(global_msg.end(), sig.trusted_comment.begin(), sig.trusted_comment.end());
    if (crypto_sign_verify_detached(sig.global_signature.data(), global_msg.data(), global_msg.size(), key.key.data()) != 0)
        throw Error("bad-signature", "signature", "the trusted comment's signature does not verify");
}

}  // namespace safetynet::core
