// safetynet keygen: age identities (as age-keygen), minisign key pairs, organization key sets.
#include "cli/args.hpp"
#include "cli/cmd_bundles.hpp"
#include "cli/file_io.hpp"
#include "cli/key_files.hpp"
#include "cli/passphrase.hpp"
#include "core/crypto/age.hpp"
#include "core/base/error.hpp"
#include "core/exchange/keyset.hpp"
#include "core/crypto/minisign.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <iostream>

namespace safetynet::cli {

namespace {

void refuse_overwrite(const std::string& path, bool force) {
    if (!force && file_exists(path)) throw core::Error("io", path, "already exists (use --force to overwrite)");
}

// Public files are readable by others; write_file_atomic leaves them 0600 like the secrets.
void make_public(const std::string& path) { ::chmod(path.c_str(), 0644); }

int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--output", true, "-o"},
                           {"--signing", false},
                           {"--org", true},
                           {"--unencrypted", false, "-W"},
                           {"--passphrase-file", true},
                           {"--work-factor", true},
                           {"--force", false, "-f"}});
    if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
    const bool force = args.has("--force");
    const auto out = args.value("--output");
    if (args.has("--signing") && args.has("--org")) throw UsageError("--signing and --org are different key kinds");

    if (args.has("--signing")) {
        if (!out) throw UsageError("--signing needs -o FILE (the secret key; the public key goes to FILE.pub)");
        if (args.has("--work-factor")) throw UsageError("--work-factor is for --org");
        if (args.has("--unencrypted") && args.has("--passphrase-file"))
            throw UsageError("--unencrypted and --passphrase-file contradict each other");
        refuse_overwrite(*out, force);
        refuse_overwrite(*out + ".pub", force);
        const auto key = core::MinisignSecretKey::generate();
        core::SecretBytes pass;
        if (!args.has("--unencrypted"))
            pass = read_passphrase(args.value("--passphrase-file"), "Passphrase for the new signing key: ", true);
        std::string secret = key.to_file(pass.view());
        write_file_atomic(*out, secret);
        core::secure_wipe(secret);
        write_file_atomic(*out + ".pub", key.public_key().to_file());
        make_public(*out + ".pub");
        nlohmann::ordered_json j{{"secret_key", *out},
                                 {"public_key_file", *out + ".pub"},
                                 {"public_key", key.public_key().to_base64()},
                                 {"key_id", key.public_key().key_id_hex()},
                                 {"encrypted", !args.has("--unencrypted")}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    if (args.has("--unencrypted")) throw UsageError("--unencrypted is for --signing");

    if (const auto name = args.value("--org")) {
        if (!out) throw UsageError("--org needs -o FILE (the key set; its contact card goes to FILE.card.json)");
        int work_factor = core::kScryptEncryptLogN;
        if (const auto wf = args.number("--work-factor")) {
            if (*wf < 1 || *wf > core::kScryptMaxLogNNative || *wf != static_cast<int>(*wf))
                throw UsageError("--work-factor must be an integer from 1 to 22");
            work_factor = static_cast<int>(*wf);
        }
        refuse_overwrite(*out, force);
        refuse_overwrite(*out + ".card.json", force);
        const core::KeySet ks = core::KeySet::generate(*name);
        const core::SecretBytes pass =
            read_passphrase(args.value("--passphrase-file"), "Passphrase for the new key set: ", true);
        write_file_atomic(*out, core::to_string(ks.export_encrypted(pass.view(), work_factor)));
        const std::string card = ks.contact_card().to_json();
        write_file_atomic(*out + ".card.json", card);
        make_public(*out + ".card.json");
        std::cout << card;
        return 0;
    }

    if (args.has("--passphrase-file") || args.has("--work-factor"))
        throw UsageError("--passphrase-file and --work-factor are for --signing or --org");
    // age-keygen's form, so `age -d -i FILE` and age-keygen -y read it.
    const auto id = core::X25519Identity::generate();
    std::string file = core::format_age_identity_file(id, core::utc_now_rfc3339());
    if (!out) {
        write_file_atomic("-", file);
    } else {
        refuse_overwrite(*out, force);
        write_file_atomic(*out, file);
        std::cout << id.recipient().encode() << "\n";
    }
    core::secure_wipe(file);
    return 0;
}

}  // namespace

const Command& keygen_command() {
    static const Command c{
        "keygen",
        "safetynet keygen [-o FILE]\n"
        "       safetynet keygen --signing -o FILE [--unencrypted | --passphrase-file PFILE]\n"
        "       safetynet keygen --org NAME -o FILE [--passphrase-file PFILE] [--work-factor N]\n"
        "\n"
        "  (default)        an age X25519 identity in age-keygen's form, to FILE (then the age1...\n"
        "                   recipient is printed) or to standard output\n"
        "  --signing        a minisign key pair: FILE (secret key, encrypted under a passphrase,\n"
        "                   or not with --unencrypted as minisign -W) and FILE.pub; prints JSON\n"
        "  --org NAME       an organization key set (age identity + minisign key) encrypted under\n"
        "                   a passphrase (age scrypt, armored) in FILE, its contact card in\n"
        "                   FILE.card.json; prints the card\n"
        "  --passphrase-file PFILE  the passphrase is the first line of PFILE (default: asked twice\n"
        "                   on the terminal)\n"
        "  --work-factor N  scrypt work factor (log2 N) for the key set, default 18\n"
        "  -f, --force      overwrite existing files",
        "generate an age identity, a minisign key pair or an organization key set",
        &run};
    return c;
}

}  // namespace safetynet::cli
