// safetynet open: age decryption, and with --verify a signed SafetyNet bundle's checks.
#include "cli/args.hpp"
#include "cli/cmd_bundles.hpp"
#include "cli/file_io.hpp"
#include "cli/key_files.hpp"
#include "cli/passphrase.hpp"
#include "core/crypto/age.hpp"
#include "core/exchange/bundle.hpp"
#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {

// The identities that may open `d`: a passphrase when it was sealed with one, else the -i files.
std::vector<core::AgeIdentity> identities_for(const core::AgeDecryption& d, const Args& args, int max_wf) {
    std::vector<core::AgeIdentity> ids;
    // A passphrase for a file that has no scrypt stanza is an identity that matches nothing:
    // "no identity matched", as age says (CCTV scrypt_uppercase: an "Scrypt" stanza is not one).
    const bool passphrase_only = args.has("--passphrase-file") && !args.has("--identity");
    if (d.needs_passphrase() || passphrase_only) {
        const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Passphrase: ", false);
        ids.emplace_back(core::ScryptIdentity(pass.view(), max_wf));
        return ids;
    }
    if (!args.has("--identity")) throw UsageError("give -i IDENTITY (the file is not passphrase-encrypted)");
    if (args.has("--passphrase-file"))
        throw UsageError("--passphrase-file is for passphrase-encrypted files; use --key-passphrase-file for keys");
    return load_identities(args.values("--identity"), args.value("--key-passphrase-file"), max_wf);
}

// A signed bundle's checks (a trusted signer, not seen before), then its content and report.
int open_verified(const Args& args, const core::SecretBytes& plain, const std::vector<core::ContactCard>& trusted,
                  std::optional<core::SeenLedger>& ledger, const std::string& out) {
    core::OpenedBundle b = core::read_bundle_plaintext(plain.view(), trusted, ledger ? &*ledger : nullptr);
    const std::string who =
        "\"" + b.header.sender.name + "\", key id " + b.signer_key_id + ", fingerprint " + b.signer_fingerprint;
    if (b.trust == core::BundleTrust::UnknownSigner)
        throw core::Error("unknown-signer", "bundle " + b.header.id,
                          "signed by " + who +
                              ": not a trusted signer; compare the fingerprint with the sender, then pass its key or "
                              "card to --verify");
    if (b.trust == core::BundleTrust::Replay)
        throw core::Error("replay", "bundle " + b.header.id,
                          "already imported from " + who + " (replayed bundle refused; the first import stands)");
    nlohmann::ordered_json report{{"kind", std::string(core::bundle_kind_name(b.header.kind))},
                                  {"id", b.header.id},
                                  {"created", b.header.created},
                                  {"sender", b.header.sender.name},
                                  {"sender_recipient", b.header.sender.recipient.encode()},
                                  {"key_id", b.signer_key_id},
                                  {"fingerprint", b.signer_fingerprint},
                                  {"trusted_as", b.trusted_contact->name},
                                  {"digest", b.digest}};
    if (out == "-") {
        report["content"] = nlohmann::ordered_json::parse(b.fhir_json);
    } else {
        write_file_atomic(out, b.fhir_json);
        report["output"] = out;
    }
    if (ledger) {
        core::record_import(*ledger, b);
        write_file_atomic(*args.value("--seen"), ledger->to_json());
    }
    b.wipe();
    std::cout << report.dump(2) << "\n";
    return 0;
}

int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--identity", true, "-i"},
                           {"--verify", true},
                           {"--seen", true},
                           {"--output", true, "-o"},
                           {"--passphrase-file", true},
                           {"--key-passphrase-file", true},
                           {"--max-work-factor", true}});
    if (args.positional().size() > 1) throw UsageError("one input file at most");
    const std::string in = args.positional().empty() ? "-" : args.positional().front();
    const std::string out = args.value("--output").value_or("-");
    const auto verify = args.values("--verify");
    if (args.has("--seen") && verify.empty()) throw UsageError("--seen needs --verify (only signed bundles have ids)");
    int max_wf = core::scrypt_default_max_log_n();
    if (const auto wf = args.number("--max-work-factor")) {
        if (*wf < 1 || *wf > 40 || *wf != static_cast<int>(*wf))
            throw UsageError("--max-work-factor must be an integer from 1 to 40");
        max_wf = static_cast<int>(*wf);
    }

    std::vector<core::ContactCard> trusted;
    for (const auto& v : verify) trusted.push_back(load_trusted_signer(v));
    std::optional<core::SeenLedger> ledger;
    if (const auto seen = args.value("--seen"))
        ledger = file_exists(*seen) ? core::SeenLedger::from_json(read_file(*seen)) : core::SeenLedger();

    const std::string input = read_file(in);
    core::AgeLimits limits;
    limits.max_work_factor = max_wf;
    if (!verify.empty()) limits.max_payload_bytes = core::BundleLimits{}.max_content_bytes + 16 * 1024;
    const core::AgeDecryption d(core::as_bytes(input), limits);
    const core::SecretBytes plain = d.decrypt(identities_for(d, args, max_wf));
    if (!verify.empty()) return open_verified(args, plain, trusted, ledger, out);
    write_file_atomic(out, core::as_chars(plain.view()));  // no unwiped copy of the plaintext
    if (out != "-") {
        nlohmann::ordered_json j{{"output", out}, {"bytes", plain.size()}, {"armored", d.armored()}};
        std::cout << j.dump(2) << "\n";
    }
    return 0;
}

}  // namespace

const Command& open_command() {
    static const Command c{
        "open",
        "safetynet open [-i IDENTITY...] [--verify PUBKEY...] [--seen LEDGER] [-o OUT] [IN]\n"
        "\n"
        "Decrypts IN (default: standard input), binary or armored age, to OUT (default: standard\n"
        "output); nothing is written unless the whole file decrypts and verifies.\n"
        "  -i, --identity FILE   an identity file as age-keygen writes it, one encrypted with a\n"
        "                        passphrase (`age -p`), or a key set (keygen --org); repeatable.\n"
        "                        Not needed for a passphrase-encrypted IN, whose passphrase is asked\n"
        "  --passphrase-file PFILE      passphrase of a passphrase-encrypted IN (first line); given\n"
        "                        for a file that is not one, it is an identity that matches nothing\n"
        "                        (no-identity)\n"
        "  --key-passphrase-file PFILE  passphrase of encrypted identity or key set files\n"
        "  --max-work-factor N   refuse scrypt work factors above N (default 22, age's own limit)\n"
        "  --verify PUBKEY       IN must be a SafetyNet bundle signed by one of these: a minisign\n"
        "                        public key file or key (RW...), or a contact card; repeatable.\n"
        "                        OUT gets the FHIR Bundle; a JSON report (kind, id, created,\n"
        "                        sender, key id, fingerprint) goes to standard output, with the\n"
        "                        content in it when there is no -o\n"
        "  --seen LEDGER         with --verify: refuse a bundle already imported (replay), else\n"
        "                        record it in LEDGER (JSON; created when missing)\n"
        "Failures exit 2 with one line naming the class: no-identity, header-mac, payload-auth,\n"
        "payload-truncated, header, header-base64, stanza, armor, work-factor, bad-signature,\n"
        "unknown-signer, replay, bundle, bundle-content, ...",
        "decrypt an age file, or open and verify a signed referral bundle",
        &run};
    return c;
}

}  // namespace safetynet::cli
