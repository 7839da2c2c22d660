// Store backups: every section in one passphrase-encrypted age file (store_backup.hpp).
#include "core/store/store_backup.hpp"

#include "core/base/error.hpp"
#include "core/base/utc_time.hpp"

#include <charconv>

namespace safetynet::core {

namespace {

constexpr std::string_view kBackupMagic = "safetynet-store-backup/v1\n";

[[noreturn]] void bad(const std::string& where, const std::string& message) { throw Error("backup", where, message); }

std::string_view line_value(std::string_view text, std::size_t& at, std::string_view name) {
    const std::size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) bad("header", "ends early");
    const std::string_view line = text.substr(at, eol - at);
    if (line.substr(0, name.size()) != name || line.substr(name.size(), 2) != ": ")
        bad("header", "expected \"" + std::string(name) + ": \"");
    at = eol + 1;
    return line.substr(name.size() + 2);
}

std::size_t decimal(std::string_view s, const std::string& where) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || (s.size() > 1 && s[0] == '0'))
        bad(where, "not a decimal number");
    return v;
}

}  // namespace

SecretBytes store_backup_plaintext(const Store& store, std::string_view now) {
    const StoreSections sections = serialize_store_sections(store.data());
    std::string head = std::string(kBackupMagic) + "created: " + std::string(now) + "\nstore: " + store.store_id() +
                       "\nsections: " + std::to_string(sections.size()) + "\n\n";
    std::size_t total = head.size();
    for (const auto& [name, bytes] : sections) total += name.size() + 24 + bytes.size();
    SecretBytes out(total);
    std::size_t at = 0;
    auto put = [&](ByteView b) {
        std::copy(b.begin(), b.end(), out.data() + at);
        at += b.size();
    };
    put(as_bytes(head));
    for (const auto& [name, bytes] : sections) {
        put(as_bytes(name + " " + std::to_string(bytes.size()) + "\n"));
        put(bytes.view());
        put(as_bytes("\n"));
    }
    return SecretBytes(ByteView(out.data(), at));
}

StoreBackup parse_store_backup(ByteView plaintext) {
    const std::string_view text = as_chars(plaintext);
    if (text.substr(0, kBackupMagic.size()) != kBackupMagic) bad("header", "not a SafetyNet store backup (version 1)");
    std::size_t at = kBackupMagic.size();
    StoreBackup b;
    b.created = std::string(line_value(text, at, "created"));
    if (!is_utc_rfc3339(b.created)) bad("created", "not an RFC 3339 UTC time");
    b.store_id = std::string(line_value(text, at, "store"));
    const std::size_t count = decimal(line_value(text, at, "sections"), "sections");
    if (text.substr(at, 1) != "\n") bad("header", "no blank line after the header");
    ++at;
    StoreSections sections;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string where = "section " + std::to_string(i + 1);
        const std::size_t eol = text.find('\n', at);
        if (eol == std::string_view::npos) bad(where, "the file ends early");
        const std::string_view line = text.substr(at, eol - at);
        const std::size_t sp = line.rfind(' ');
        if (sp == std::string_view::npos || sp == 0) bad(where, "expected \"<name> <length>\"");
        const std::string name(line.substr(0, sp));
        const std::size_t len = decimal(line.substr(sp + 1), where);
        at = eol + 1;
        if (len > text.size() - at || text.size() - at - len < 1 || text[at + len] != '\n')
            bad(where, "its length does not match the file");
        if (!sections.emplace(name, SecretBytes(plaintext.subspan(at, len))).second) bad(where, name + " appears twice");
        at += len + 1;
    }
    if (at != text.size()) bad("end", "unexpected bytes after the last section");
    try {
        b.data = parse_store_sections(sections);
    } catch (const Error& e) {
        bad(e.where(), e.message());
    }
    return b;
}

Bytes export_store_backup(const Store& store, const ScryptRecipient& prepared, std::string_view now, bool armor) {
    const SecretBytes plain = store_backup_plaintext(store, now);
    return age_encrypt(plain.view(), {AgeRecipient(prepared)}, armor);
}

Bytes export_store_backup(const Store& store, ByteView passphrase, std::string_view now, int log_n, bool armor) {
    return export_store_backup(store, ScryptRecipient(passphrase, log_n), now, armor);
}

StoreBackup import_store_backup(ByteView file, ByteView passphrase, const AgeLimits& limits) {
    const AgeDecryption d(file, limits);
    if (!d.needs_passphrase()) throw Error("backup", "file", "not a passphrase-protected backup");
    ScryptJob job = d.start_passphrase(passphrase);
    job.run();
    const SecretBytes plain = finish_store_backup(d, job);
    return parse_store_backup(plain.view());
}

SecretBytes finish_store_backup(const AgeDecryption& d, const ScryptJob& done_job) {
    try {
        return d.finish(done_job);
    } catch (const Error& e) {
        // age says "no identity matches"; for a backup that can only mean the passphrase.
        if (e.kind() == "no-identity")
            throw Error("wrong-passphrase", "passphrase", "this passphrase does not open the backup; nothing was changed");
        throw;
    }
}

}  // namespace safetynet::core
