// Signed, encrypted referral bundles (docs/BUNDLES.md).
//
// [SECTION] Names and checks
// [SECTION] The FHIR content
// [SECTION] Sealing
// [SECTION] Opening
#include "core/exchange/bundle.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/error.hpp"
#include "core/base/uuid.hpp"
#include "core/crypto/hkdf.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Names and checks
//----------------------------------------------------------------------------------------------

namespace {

constexpr std::string_view kMagic = "safetynet-bundle/v1";
constexpr std::string_view kContentType = "application/fhir+json";
constexpr std::string_view kUntrustedComment = "safetynet bundle signature";
// The header lines after the magic line, in this order, each "name: value".
constexpr std::string_view kFields[] = {"kind",       "id",         "created",      "sender",
                                        "sender-recipient", "sender-key", "content-type", "content-length"};
// A signature block is four lines of bounded length; a header line is short.
constexpr std::size_t kMaxHeaderBytes = 4096;
constexpr std::size_t kMaxSignatureBytes = 8192 + 512;

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    auto alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!alnum(id[0])) return false;
    for (const char c : id)
        if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
    return true;
}

std::string trusted_comment_for(const BundleHeader& h) {
    return std::string(kMagic) + " " + std::string(bundle_kind_name(h.kind)) + " " + h.id + " " + h.created;
}

void check_header(const BundleHeader& h) {
    if (!valid_id(h.id)) throw Error("bundle", "id", "a bundle id is 1-128 characters of A-Z a-z 0-9 . _ : -");
    if (!is_utc_rfc3339(h.created)) throw Error("bundle", "created", "not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
    check_display_name(h.sender.name, "bundle", "sender");
}

}  // namespace

std::string_view bundle_kind_name(BundleKind kind) {
    switch (kind) {
        case BundleKind::Screening: return "screening";
        case BundleKind::Referral: return "referral";
        case BundleKind::StatusUpdate: return "status-update";
        case BundleKind::NetworkReport: return "network-report";
        case BundleKind::CapacityUpdate: return "capacity-update";
    }
    return "referral";
}

std::optional<BundleKind> parse_bundle_kind(std::string_view name) {
    if (name == "screening") return BundleKind::Screening;
    if (name == "referral") return BundleKind::Referral;
    if (name == "status-update") return BundleKind::StatusUpdate;
    if (name == "network-report") return BundleKind::NetworkReport;
    if (name == "capacity-update") return BundleKind::CapacityUpdate;
    return std::nullopt;
}

std::string new_bundle_id() { return new_uuid(); }

//----------------------------------------------------------------------------------------------
// [SECTION] The FHIR content
//----------------------------------------------------------------------------------------------

namespace {

// A SAX pass: no document is built (no copies of the PHI), the depth is bounded before any
// deep structure exists, and the top-level resourceType is read on the way.
class ContentCheck : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit ContentCheck(std::size_t max_depth) : m_max(max_depth) {}
    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t& s) override {
        if (m_depth == 1 && m_last_key_top == "resourceType") m_resource_type = s;
        return value();
    }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(true); }
    bool key(string_t& k) override {
        if (m_depth == 1) m_last_key_top = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        throw Error("bundle-content", "FHIR content byte " + std::to_string(position), std::string("not JSON: ") + e.what());
    }
    const std::string& resource_type() const { return m_resource_type; }
    bool top_is_object() const { return m_top_object; }

private:
    bool value() {
        if (m_depth == 1) m_last_key_top.clear();
        return true;
    }
    bool open(bool object) {
        if (m_depth == 0) m_top_object = object;
        if (++m_depth > m_max)
            throw Error("bundle-content", "FHIR content", "JSON nested deeper than " + std::to_string(m_max) + " levels");
        if (m_depth == 2) m_last_key_top.clear();
        return true;
    }
    bool close() {
        --m_depth;
        return true;
    }
    std::size_t m_max;
    std::size_t m_depth = 0;
    bool m_top_object = false;
    std::string m_last_key_top;
    std::string m_resource_type;
};

void check_content(std::string_view json, const BundleLimits& limits) {
    if (json.size() > limits.max_content_bytes)
        throw Error("bundle-content", "FHIR content",
                    "larger than the limit of " + std::to_string(limits.max_content_bytes) + " bytes");
    ContentCheck check(limits.max_json_depth);
    nlohmann::json::sax_parse(json.begin(), json.end(), &check);
    if (!check.top_is_object() || check.resource_type() != "Bundle")
        throw Error("bundle-content", "FHIR content", "not a FHIR Bundle (a JSON object with \"resourceType\": \"Bundle\")");
}

}  // namespace

//----------------------------------------------------------------------------------------------
// [SECTION] Sealing
//----------------------------------------------------------------------------------------------

SecretBytes make_bundle_plaintext(const BundleHeader& header, std::string_view fhir_json, const MinisignSecretKey& signer,
                                  const BundleLimits& limits) {
    check_header(header);
    check_content(fhir_json, limits);
    if (!(signer.public_key() == header.sender.signing_key))
        throw Error("bundle", "sender-key", "the signing key is not the sender's (sender-key)");
    std::string text;
    text.reserve(fhir_json.size() + 1024);
    text.append(kMagic).append("\n");
    const std::string values[] = {std::string(bundle_kind_name(header.kind)),
                                  header.id,
                                  header.created,
                                  header.sender.name,
                                  header.sender.recipient.encode(),
                                  header.sender.signing_key.to_base64(),
                                  std::string(kContentType),
                                  std::to_string(fhir_json.size())};
    for (std::size_t i = 0; i < std::size(kFields); ++i) text.append(kFields[i]).append(": ").append(values[i]).append("\n");
    text.append("\n").append(fhir_json).append("\n");
    const MinisignSignature sig = minisign_sign(signer, as_bytes(text), trusted_comment_for(header), kUntrustedComment);
    text.append(sig.to_text());
    SecretBytes out{as_bytes(text)};
    secure_wipe(text);
    return out;
}

Bytes seal_bundle(const BundleHeader& header, std::string_view fhir_json, const MinisignSecretKey& signer,
                  const std::vector<AgeRecipient>& recipients, bool armor, const BundleLimits& limits) {
    const SecretBytes plain = make_bundle_plaintext(header, fhir_json, signer, limits);
    return age_encrypt(plain.view(), recipients, armor);
}

//----------------------------------------------------------------------------------------------
// [SECTION] Opening
//----------------------------------------------------------------------------------------------

void OpenedBundle::wipe() {
    secure_wipe(fhir_json);
    fhir_json.clear();
}

bool is_bundle_plaintext(ByteView plaintext) {
    const std::string_view t = as_chars(plaintext);
    return t.substr(0, kMagic.size() + 1) == std::string(kMagic) + "\n";
}

namespace {

// The header lines of a bundle: the magic line, then one "field: value" line per header field
// in kFields order, then a blank line; `end` is where the content starts.
struct HeaderLines {
    std::string_view values[std::size(kFields)];
    std::size_t end = 0;
};

HeaderLines read_header_lines(std::string_view text) {
    HeaderLines h;
    std::size_t line_no = 0;
    auto next_line = [&]() -> std::string_view {
        ++line_no;
        const std::size_t nl = text.find('\n', h.end);
        if (nl == std::string_view::npos || nl > kMaxHeaderBytes)
            throw Error("bundle", "bundle line " + std::to_string(line_no), "the bundle header ends too soon or is too long", {{"line", std::to_string(line_no)}});
        const std::string_view l = text.substr(h.end, nl - h.end);
        h.end = nl + 1;
        return l;
    };
    if (next_line() != kMagic) throw Error("bundle", "bundle line 1", "not a SafetyNet bundle (safetynet-bundle/v1)", {{"line", "1"}});
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
        const std::string_view l = next_line();
        const std::string prefix = std::string(kFields[i]) + ": ";
        if (l.substr(0, prefix.size()) != prefix)
            throw Error("bundle", "bundle line " + std::to_string(line_no), "expected \"" + prefix + "…\"", {{"line", std::to_string(line_no)}});
        h.values[i] = l.substr(prefix.size());
    }
    if (!next_line().empty()) throw Error("bundle", "bundle line " + std::to_string(line_no), "expected a blank line", {{"line", std::to_string(line_no)}});
    return h;
}

// The header fields, each checked; returns the content length.
std::uint64_t parse_header(const HeaderLines& h, const BundleLimits& limits, BundleHeader& header) {
    const auto kind = parse_bundle_kind(h.values[0]);
    if (!kind) throw Error("bundle", "kind", "the kind is screening, referral, status-update, network-report or capacity-update");
    header.kind = *kind;
    header.id = std::string(h.values[1]);
    header.created = std::string(h.values[2]);
    header.sender.name = std::string(h.values[3]);
    check_header(header);
    try {
        header.sender.recipient = X25519Recipient::parse(h.values[4]);
        header.sender.signing_key = MinisignPublicKey::parse(h.values[5]);
    } catch (const Error& e) {
        throw Error("bundle", e.kind() == "recipient" ? "sender-recipient" : "sender-key", e.message());
    }
    if (h.values[6] != kContentType) throw Error("bundle", "content-type", "the content type is application/fhir+json");
    const std::string_view len_text = h.values[7];
    if (len_text.empty() || len_text.size() > 10 || (len_text.size() > 1 && len_text[0] == '0') ||
        len_text.find_first_not_of("0123456789") != std::string_view::npos)
        throw Error("bundle", "content-length", "not a decimal length");
    const std::uint64_t length = std::stoull(std::string(len_text));
    if (length > limits.max_content_bytes)
        throw Error("bundle-content", "content-length",
                    "larger than the limit of " + std::to_string(limits.max_content_bytes) + " bytes");
    return length;
}

// Who signed, and whether we take the content: only from a trusted contact, and only once.
void decide_trust(const std::vector<ContactCard>& trusted, const SeenLedger* seen, std::string_view content,
                  OpenedBundle& out) {
    for (const ContactCard& c : trusted)
        if (c.signing_key == out.header.sender.signing_key) out.trusted_contact = c;
    if (!out.trusted_contact) {
        out.trust = BundleTrust::UnknownSigner;
    } else if (seen && seen->contains(out.signer_key_id, out.header.id)) {
        out.trust = BundleTrust::Replay;
    } else {
        out.trust = BundleTrust::Trusted;
        out.fhir_json = std::string(content);
    }
}

}  // namespace

OpenedBundle read_bundle_plaintext(ByteView plaintext, const std::vector<ContactCard>& trusted, const SeenLedger* seen,
                                   const BundleLimits& limits) {
    const std::string_view text = as_chars(plaintext);
    if (text.size() > limits.max_content_bytes + kMaxHeaderBytes + kMaxSignatureBytes)
        throw Error("bundle", "bundle", "larger than the limit of " + std::to_string(limits.max_content_bytes) + " bytes");
    const HeaderLines lines = read_header_lines(text);
    OpenedBundle out;
    const std::uint64_t length = parse_header(lines, limits, out.header);
    const std::size_t pos = lines.end;
    if (text.size() - pos < length + 1 || text[pos + length] != '\n')
        throw Error("bundle", "content", "the content is shorter than content-length or not followed by a newline");
    const std::string_view content = text.substr(pos, length);
    const std::size_t signed_end = pos + length + 1;
    const std::string_view sig_text = text.substr(signed_end);
    if (sig_text.size() > kMaxSignatureBytes || sig_text.empty() || sig_text.back() != '\n' ||
        std::count(sig_text.begin(), sig_text.end(), '\n') != 4)
        throw Error("bundle", "signature", "the bundle must end with a four-line minisign signature");
    const MinisignSignature sig = MinisignSignature::parse(sig_text);

    // The signature is checked before anything in the content is looked at.
    const MinisignPublicKey& key = out.header.sender.signing_key;
    if (sig.key_id != key.key_id)
        throw Error("bad-signature", "signature",
                    "signed by key " + sig.key_id_hex() + ", not by the sender-key " + key.key_id_hex());
    minisign_verify(key, as_bytes(text.substr(0, signed_end)), sig);
    if (sig.trusted_comment != trusted_comment_for(out.header))
        throw Error("bundle", "signature", "the trusted comment does not match the bundle header");
    check_content(content, limits);

    out.signer_key_id = key.key_id_hex();
    out.signer_fingerprint = out.header.sender.fingerprint();
    out.digest = to_hex(sha256(plaintext));
    decide_trust(trusted, seen, content, out);
    return out;
}

OpenedBundle open_bundle(ByteView file, const std::vector<AgeIdentity>& identities, const std::vector<ContactCard>& trusted,
                         const SeenLedger* seen, const BundleLimits& limits) {
    AgeLimits age_limits;
    age_limits.max_payload_bytes = limits.max_content_bytes + kMaxHeaderBytes + kMaxSignatureBytes;
    age_limits.max_work_factor = limits.max_work_factor;
    const SecretBytes plain = age_decrypt(file, identities, age_limits);
    return read_bundle_plaintext(plain.view(), trusted, seen, limits);
}

bool record_import(SeenLedger& ledger, const OpenedBundle& bundle) {
    if (bundle.trust != BundleTrust::Trusted) return false;
    return ledger.record(bundle.signer_key_id, bundle.header.id, {bundle.header.created, bundle.digest});
}

}  // namespace safetynet::core
