// safetynet seal: age encryption of any file, or a signed SafetyNet bundle of a FHIR Bundle.
#include "cli/args.hpp"
#include "cli/cmd_bundles.hpp"
#include "cli/file_io.hpp"
#include "cli/key_files.hpp"
#include "cli/passphrase.hpp"
#include "core/crypto/age.hpp"
#include "core/exchange/bundle.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {

int work_factor_option(const Args& args, const char* name, int fallback) {
    const auto wf = args.number(name);
    if (!wf) return fallback;
    if (*wf < 1 || *wf > core::kScryptMaxLogNNative || *wf != static_cast<int>(*wf))
        throw UsageError(std::string(name) + " must be an integer from 1 to 22");
    return static_cast<int>(*wf);
}

int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--recipient", true, "-r"},
                           {"--passphrase", false, "-p"},
                           {"--passphrase-file", true},
                           {"--work-factor", true},
                           {"--armor", false, "-a"},
                           {"--output", true, "-o"},
                           {"--sign", true},
                           {"--key-passphrase-file", true},
                           {"--kind", true},
                           {"--id", true},
                           {"--sender", true},
                           {"--sender-recipient", true}});
    if (args.positional().size() > 1) throw UsageError("one input file at most");
    const std::string in = args.positional().empty() ? "-" : args.positional().front();
    const std::string out = args.value("--output").value_or("-");
    const bool use_passphrase = args.has("--passphrase") || args.has("--passphrase-file");
    const auto recipient_values = args.values("--recipient");
    if (use_passphrase && !recipient_values.empty())
        throw UsageError("--passphrase cannot be combined with -r (age: a passphrase stanza must be alone)");
    if (!use_passphrase && recipient_values.empty()) throw UsageError("give -r RECIPIENT or --passphrase");
    if (!use_passphrase && args.has("--work-factor")) throw UsageError("--work-factor is for --passphrase");
    const auto sign = args.value("--sign");
    if (!sign)
        for (const char* o : {"--key-passphrase-file", "--kind", "--id", "--sender", "--sender-recipient"})
            if (args.has(o)) throw UsageError(std::string(o) + " is for --sign");

    std::vector<core::AgeRecipient> recipients;
    std::vector<std::string> recipient_names;
    auto add_recipient = [&](const core::X25519Recipient& r) {
        const std::string s = r.encode();
        for (const auto& n : recipient_names)
            if (n == s) return;
        recipient_names.push_back(s);
        recipients.emplace_back(r);
    };
    for (const auto& v : recipient_values) add_recipient(load_recipient(v));

    std::string input = read_file(in);
    core::Bytes sealed;
    nlohmann::ordered_json report;
    if (sign) {
        const Signer signer = load_signer(*sign, args.value("--key-passphrase-file"), core::scrypt_default_max_log_n());
        core::BundleHeader header;
        const std::string kind = args.value("--kind").value_or("referral");
        const auto k = core::parse_bundle_kind(kind);
        if (!k) throw UsageError("--kind is screening, referral or status-update");
        header.kind = *k;
        header.id = args.value("--id").value_or(core::new_bundle_id());
        header.created = core::utc_now_rfc3339();
        if (signer.key_set) {
            header.sender = signer.key_set->contact_card();
            if (const auto n = args.value("--sender")) header.sender.name = *n;
            if (args.has("--sender-recipient")) throw UsageError("--sender-recipient comes from the key set");
        } else {
            const auto name = args.value("--sender");
            const auto r = args.value("--sender-recipient");
            if (!name || !r)
                throw UsageError("with a minisign KEY, give --sender NAME and --sender-recipient age1... (or sign with a key set)");
            header.sender = core::ContactCard{*name, load_recipient(*r), signer.key.public_key()};
        }
        // The sender is a recipient too, so it can reopen what it sent (not with a passphrase,
        // which must stay alone).
        if (!use_passphrase) add_recipient(header.sender.recipient);
        report["signed"] = true;
        report["kind"] = std::string(core::bundle_kind_name(header.kind));
        report["id"] = header.id;
        report["created"] = header.created;
        report["sender"] = header.sender.name;
        report["key_id"] = signer.key.public_key().key_id_hex();
        if (use_passphrase) {
            const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Passphrase: ", true);
            recipients.emplace_back(core::ScryptRecipient(pass.view(), work_factor_option(args, "--work-factor", core::kScryptEncryptLogN)));
        }
        sealed = core::seal_bundle(header, input, signer.key, recipients, args.has("--armor"));
    } else {
        report["signed"] = false;
        if (use_passphrase) {
            const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Passphrase: ", true);
            recipients.emplace_back(core::ScryptRecipient(pass.view(), work_factor_option(args, "--work-factor", core::kScryptEncryptLogN)));
        }
        sealed = core::age_encrypt(core::as_bytes(input), recipients, args.has("--armor"));
    }
    core::secure_wipe(input);
    write_file_atomic(out, core::as_chars(sealed));
    if (out != "-") {
        report["output"] = out;
        report["bytes"] = sealed.size();
        report["armored"] = args.has("--armor");
        report["recipients"] = recipient_names;
        report["passphrase"] = use_passphrase;
        std::cout << report.dump(2) << "\n";
    }
    return 0;
}

}  // namespace

const Command& seal_command() {
    static const Command c{
        "seal",
        "safetynet seal -r RECIPIENT... [--sign KEY] [--armor] [-o OUT] [IN]\n"
        "       safetynet seal --passphrase [--passphrase-file PFILE] [--sign KEY] [--armor] [-o OUT] [IN]\n"
        "\n"
        "Encrypts IN (default: standard input) in the age v1 format to OUT (default: standard\n"
        "output). Without --sign the output is a plain age file: `age -d` gives back exactly IN.\n"
        "  -r, --recipient R     an age1... recipient or a contact card file; repeatable\n"
        "  -p, --passphrase      encrypt under a passphrase instead (age scrypt), asked twice on\n"
        "                        the terminal; cannot be combined with -r\n"
        "  --passphrase-file PFILE  the passphrase is the first line of PFILE (implies -p)\n"
        "  --work-factor N       scrypt work factor (log2 N) for -p, default 18\n"
        "  -a, --armor           ASCII-armored (PEM) output\n"
        "  -o, --output OUT      write OUT atomically and print a JSON summary\n"
        "  --sign KEY            IN is a FHIR Bundle (JSON): make a signed SafetyNet bundle of it.\n"
        "                        KEY is a key set (keygen --org) or a minisign secret key file.\n"
        "                        The sender's own recipient is added, so it can reopen the bundle\n"
        "                        (not with -p: a passphrase must be the only recipient)\n"
        "  --key-passphrase-file PFILE  passphrase for an encrypted KEY (default: asked)\n"
        "  --kind K              screening, referral (default) or status-update\n"
        "  --id ID               the bundle id (default: a random UUID)\n"
        "  --sender NAME         the sender's name (default: the key set's; required with a\n"
        "                        minisign KEY)\n"
        "  --sender-recipient R  the sender's age1... recipient (required with a minisign KEY)",
        "encrypt a file for age recipients, or sign and encrypt a referral bundle",
        &run};
    return c;
}

}  // namespace safetynet::cli
