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

// The age recipients, each once, and their names for the report.
struct Recipients {
    std::vector<core::AgeRecipient> list;
    std::vector<std::string> names;
    void add(const core::X25519Recipient& r) {
        const std::string s = r.encode();
        for (const auto& n : names)
            if (n == s) return;
        names.push_back(s);
        list.emplace_back(r);
    }
    // A passphrase, read now, which must be the only recipient (age: a scrypt stanza is alone).
    void add_passphrase(const Args& args) {
        const core::SecretBytes pass = read_passphrase(args.value("--passphrase-file"), "Passphrase: ", true);
        const int work_factor = work_factor_option(args, "--work-factor", core::kScryptEncryptLogN);
        list.emplace_back(core::ScryptRecipient(pass.view(), work_factor));
    }
};

// The combinations of flags that cannot work, refused before anything is read.
void check_options(const Args& args, bool use_passphrase) {
    if (args.positional().size() > 1) throw UsageError("one input file at most");
    const bool has_recipients = !args.values("--recipient").empty();
    if (use_passphrase && has_recipients)
        throw UsageError("--passphrase cannot be combined with -r (age: a passphrase stanza must be alone)");
    if (!use_passphrase && !has_recipients) throw UsageError("give -r RECIPIENT or --passphrase");
    if (!use_passphrase && args.has("--work-factor")) throw UsageError("--work-factor is for --passphrase");
    if (!args.has("--sign"))
        for (const char* o : {"--key-passphrase-file", "--kind", "--id", "--sender", "--sender-recipient"})
            if (args.has(o)) throw UsageError(std::string(o) + " is for --sign");
}

// The signed bundle's header: its kind, id, time, and the sender's contact card (from the key
// set, or from --sender and --sender-recipient with a bare minisign key).
core::BundleHeader bundle_header(const Args& args, const Signer& signer) {
    core::BundleHeader header;
    const auto k = core::parse_bundle_kind(args.value("--kind").value_or("referral"));
    if (!k) throw UsageError("--kind is screening, referral or status-update");
    header.kind = *k;
    header.id = args.value("--id").value_or(core::new_bundle_id());
    header.created = core::utc_now_rfc3339();
    if (signer.key_set) {
        header.sender = signer.key_set->contact_card();
        if (const auto n = args.value("--sender")) header.sender.name = *n;
        if (args.has("--sender-recipient")) throw UsageError("--sender-recipient comes from the key set");
        return header;
    }
    const auto name = args.value("--sender");
    const auto r = args.value("--sender-recipient");
    if (!name || !r)
        throw UsageError("with a minisign KEY, give --sender NAME and --sender-recipient age1... (or sign with a key set)");
    header.sender = core::ContactCard{*name, load_recipient(*r), signer.key.public_key()};
    return header;
}

core::Bytes seal_signed(const Args& args, const std::string& input, bool use_passphrase, Recipients& recipients,
                        nlohmann::ordered_json& report) {
    const Signer signer = load_signer(*args.value("--sign"), args.value("--key-passphrase-file"),
                                      core::scrypt_default_max_log_n());
    const core::BundleHeader header = bundle_header(args, signer);
    // The sender is a recipient too, so it can reopen what it sent (not with a passphrase,
    // which must stay alone).
    if (!use_passphrase) recipients.add(header.sender.recipient);
    report["signed"] = true;
    report["kind"] = std::string(core::bundle_kind_name(header.kind));
    report["id"] = header.id;
    report["created"] = header.created;
    report["sender"] = header.sender.name;
    report["key_id"] = signer.key.public_key().key_id_hex();
    if (use_passphrase) recipients.add_passphrase(args);
    return core::seal_bundle(header, input, signer.key, recipients.list, args.has("--armor"));
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
    const bool use_passphrase = args.has("--passphrase") || args.has("--passphrase-file");
    check_options(args, use_passphrase);
    const std::string in = args.positional().empty() ? "-" : args.positional().front();
    const std::string out = args.value("--output").value_or("-");
    Recipients recipients;
    for (const auto& v : args.values("--recipient")) recipients.add(load_recipient(v));

    std::string input = read_file(in);
    core::Bytes sealed;
    nlohmann::ordered_json report;
    if (args.has("--sign")) {
        sealed = seal_signed(args, input, use_passphrase, recipients, report);
    } else {
        report["signed"] = false;
        if (use_passphrase) recipients.add_passphrase(args);
        sealed = core::age_encrypt(core::as_bytes(input), recipients.list, args.has("--armor"));
    }
    core::secure_wipe(input);
    write_file_atomic(out, core::as_chars(sealed));
    if (out != "-") {
        report["output"] = out;
        report["bytes"] = sealed.size();
        report["armored"] = args.has("--armor");
        report["recipients"] = recipients.names;
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
