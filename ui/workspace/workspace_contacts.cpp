// Contacts (this site's card, the trusted cards) and settings (backup, restore, passphrase
// hygiene, overdue threshold).
#include "core/crypto/age.hpp"
#include "core/base/error.hpp"
#include "core/actions/store_actions.hpp"
#include "core/store/store_backup.hpp"
#include "core/base/text_fold.hpp"
#include "ui/shell/error_text.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <set>

namespace safetynet::ui {

// [SECTION] Contacts

void Workspace::draw_contacts(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Store& store = m_session.store();
    section_title(ctx, ctx.tr("ws.contacts.mine"));
    const core::ContactCard mine = store.key_sets().front().contact_card();
    paragraph(ctx, mine.name.c_str(), ctx.fonts.bold, p.text);
    paragraph(ctx, ctx.tr("ws.contacts.fingerprint"), ctx.fonts.small, p.text_muted);
    paragraph(ctx, mine.fingerprint().c_str(), ctx.fonts.heading, p.primary_active);
    register_last_item(ctx, "contacts.my_fingerprint");
    paragraph(ctx, ctx.tr("ws.contacts.share_hint"), ctx.fonts.small, p.text_muted);
    if (small_button(ctx, "contacts.download", ctx.tr("ws.contacts.download"))) {
        std::string file = mine.name;
        for (char& c : file)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
        m_platform.save_file(file + ".contact.json", mine.to_json(), "application/json");
    }

    section_title(ctx, ctx.tr("ws.contacts.trusted"));
    if (m_pending_card) {
        begin_card(ctx, "contacts.pending", &p.primary);
        paragraph(ctx, ctx.i18n.format("ws.contacts.confirm", {{"name", m_pending_card->name}}).c_str(), ctx.fonts.bold, p.text);
        paragraph(ctx, ctx.tr("ws.trust.compare"), ctx.fonts.body, p.text);
        paragraph(ctx, m_pending_card->fingerprint().c_str(), ctx.fonts.heading, p.primary_active);
        register_last_item(ctx, "contacts.pending_fingerprint");
        if (small_button(ctx, "contacts.trust", ctx.tr("ws.trust.accept"))) {
            try {
                core::trust_contact(store, *m_pending_card, "fingerprint compared when the card was added", now(), actor());
                set_message(ctx.i18n.format("ws.contacts.added", {{"name", m_pending_card->name}}), false);
                changed();
            } catch (const core::Error& e) {
                set_message(error_message(e), true);
            }
            m_pending_card.reset();
        }
        ImGui::SameLine();
        if (small_button(ctx, "contacts.reject", ctx.tr("ws.trust.reject"))) m_pending_card.reset();
        end_card();
    }
    if (small_button(ctx, "contacts.add", ctx.tr("ws.contacts.add"))) {
        m_platform.pick_files(".json,application/json", false, [this](std::vector<PickedFile> files) {
            if (files.empty() || m_session.state() != StoreSession::State::Unlocked) return;
            try {
                m_pending_card = core::ContactCard::parse(files.front().bytes);
                m_redraw = true;
            } catch (const core::Error& e) {
                set_message(files.front().name + ": " + error_message(e), true);
                m_redraw = true;
            }
        });
    }
    if (store.contacts().empty()) paragraph(ctx, ctx.tr("ws.contacts.none"), ctx.fonts.body, p.text_muted);
    std::set<std::string> directory_names;  // folded, as contact_for_organization() compares them
    if (m_role == WorkspaceRole::Clinic)
        for (const auto& [oid, name] : m_directory.details().organizations()) directory_names.insert(core::fold_text(name));
    std::size_t n = 0;
    for (const core::TrustedContact& c : store.contacts()) {
        const std::string id = "contact." + std::to_string(n++);
        begin_card(ctx, id);
        paragraph(ctx, c.card.name.c_str(), ctx.fonts.bold, p.text);
        register_last_item(ctx, id + ".name");
        paragraph(ctx, c.card.fingerprint().c_str(), ctx.fonts.body, p.text);
        paragraph(ctx, ctx.i18n.format("ws.contacts.since", {{"date", c.added.substr(0, 10)}, {"note", c.note}}).c_str(), ctx.fonts.small, p.text_muted);
        if (m_role == WorkspaceRole::Clinic) {
            const bool in_directory = directory_names.count(core::fold_text(c.card.name)) != 0;
            paragraph(ctx, ctx.tr(in_directory ? "ws.contacts.in_directory" : "ws.contacts.not_in_directory"), ctx.fonts.small,
                      in_directory ? p.text_muted : p.urgent);
        }
        end_card();
    }
}

// [SECTION] Settings

void Workspace::draw_settings(Context& ctx) {
    draw_general_settings(ctx);
    draw_directory_report(ctx);
    section_title(ctx, ctx.tr("ws.settings.backup"));
    paragraph(ctx, ctx.tr("ws.settings.backup_hint"), ctx.fonts.small, ctx.palette->text_muted);
    // The backup's scrypt and the restore's run a slice per frame, like the unlock.
    if (m_backup_job) step_backup(ctx);
    else if (m_restore_job) step_restore(ctx);
    else draw_backup_controls(ctx);
    draw_audit_log(ctx);
}

void Workspace::draw_general_settings(Context& ctx) {
    core::Store& store = m_session.store();
    section_title(ctx, ctx.tr("ws.settings.general"));
    text_field(ctx, "settings.staff", ctx.tr("ws.unlock.staff"), m_staff_name.data(), m_staff_name.size(), 0, 320 * ctx.scale);
    // Days before a referral counts as overdue: a number field wide enough to show its value.
    std::array<char, 8> overdue{};
    std::snprintf(overdue.data(), overdue.size(), "%d", store.settings().overdue_days);
    TextFieldOptions digits;
    digits.kind = InputKind::Digits;
    digits.width = 160 * ctx.scale;
    if (text_field(ctx, "settings.overdue", ctx.tr("ws.settings.overdue"), overdue.data(), overdue.size(), digits)) {
        const int days = std::atoi(overdue.data());
        if (days >= 1 && days <= 365) {
            store.settings().overdue_days = days;
            changed();
        }
    }
}

// The site's directory file as it was imported: why it failed, or the records it could not use,
// each in the person's language with its file, row and field (the CLI's report says the same
// in English). Nothing when the file was read without an issue.
void Workspace::draw_directory_report(Context& ctx) {
    constexpr std::size_t kShown = 20;  // the first ones: a large file's full list is the CLI's job
    const core::ImportReport& report = m_directory.report();
    const core::Error* failure = m_directory.failure();
    if (!failure && report.errors.empty()) return;
    section_title(ctx, ctx.tr("ws.settings.directory"));
    if (failure) paragraph(ctx, error_message(*failure).c_str(), ctx.fonts.bold, ctx.palette->urgent);
    if (report.errors.empty()) return;
    paragraph(ctx, ctx.i18n.format("ws.settings.directory_issues", {{"n", std::to_string(report.error_count)}}).c_str(),
              ctx.fonts.body, ctx.palette->text);
    for (std::size_t i = 0; i < report.errors.size() && i < kShown; ++i)
        paragraph(ctx, import_issue_text(ctx.i18n, report.errors[i]).c_str(), ctx.fonts.small, ctx.palette->text);
}

// One slice of the backup passphrase's key derivation; when done, the backup file is handed out.
void Workspace::step_backup(Context& ctx) {
    if (!m_backup_job->job.step_for(std::chrono::milliseconds(12))) {
        progress_bar(ctx, "backup.progress", ctx.tr("ws.settings.backup_export"), static_cast<float>(m_backup_job->job.progress()), nullptr);
        return;
    }
    core::Store& store = m_session.store();
    try {
        const core::ScryptRecipient r = core::ScryptRecipient::from_job(std::move(*m_backup_job));
        m_backup_job.reset();
        const core::Bytes file = core::export_store_backup(store, r, now(), true);
        m_platform.save_file("safetynet-backup-" + now().substr(0, 10) + ".age", core::to_string(file), "application/octet-stream");
        store.audit(actor(), "backup-exported", "store " + store.store_id(), {}, now());
        changed();
        set_message(ctx.tr("ws.settings.backup_done"), false);
    } catch (const core::Error& e) {
        m_backup_job.reset();
        set_message(error_message(e), true);
    }
}

// One slice of the restore passphrase's key derivation; when done, the backup replaces the data.
void Workspace::step_restore(Context& ctx) {
    if (!m_restore_job->step_for(std::chrono::milliseconds(12))) {
        progress_bar(ctx, "restore.progress", ctx.tr("ws.settings.restore"), static_cast<float>(m_restore_job->progress()), nullptr);
        return;
    }
    core::Store& store = m_session.store();
    try {
        const core::SecretBytes plain = core::finish_store_backup(*m_restore_decryption, *m_restore_job);
        core::StoreBackup backup = core::parse_store_backup(plain.view());
        store.replace_data(std::move(backup.data));
        store.audit(actor(), "backup-restored", "store " + backup.store_id, {}, now());
        changed();
        set_message(ctx.tr("ws.settings.restored"), false);
    } catch (const core::Error& e) {
        // Wrong passphrase, a damaged or altered file: nothing in the store changed.
        set_message(ctx.i18n.format("ws.settings.restore_failed", {{"file", m_restore_name}, {"error", error_message(e)}}), true);
    }
    m_restore_job.reset();
    m_restore_decryption.reset();
    sodium_memzero(m_restore_file.data(), m_restore_file.size());
    m_restore_file.clear();
}

// The backup passphrase, "Export a backup", and "Restore" (pick a file, then start with the passphrase).
void Workspace::draw_backup_controls(Context& ctx) {
    text_field(ctx, "backup.pass", ctx.tr("ws.settings.backup_pass"), m_backup_pass.data(), m_backup_pass.size(),
               ImGuiInputTextFlags_Password, 320 * ctx.scale);
    const bool long_enough = std::strlen(m_backup_pass.data()) >= 10;
    if (small_button(ctx, "backup.export", ctx.tr("ws.settings.backup_export"), long_enough)) {
        try {
            m_backup_job.emplace(core::ScryptRecipient::start(core::as_bytes(std::string_view(m_backup_pass.data()))));
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
        sodium_memzero(m_backup_pass.data(), m_backup_pass.size());
    }
    ImGui::SameLine();
    if (!m_restore_file.empty()) {
        if (small_button(ctx, "backup.restore_go", ctx.i18n.format("ws.settings.restore_go", {{"file", m_restore_name}}).c_str(), long_enough))
            start_restore(ctx);
    } else if (small_button(ctx, "backup.restore", ctx.tr("ws.settings.restore"))) {
        m_platform.pick_files(".age,.txt", false, [this](std::vector<PickedFile> files) {
            if (files.empty()) return;
            m_restore_name = files.front().name;
            m_restore_file = std::move(files.front().bytes);
            m_redraw = true;
        });
    }
    paragraph(ctx, ctx.tr("ws.settings.restore_hint"), ctx.fonts.small, ctx.palette->text_muted);
}

void Workspace::start_restore(Context& ctx) {
    try {
        m_restore_decryption = std::make_unique<core::AgeDecryption>(core::as_bytes(m_restore_file));
        if (!m_restore_decryption->needs_passphrase()) throw core::Error("backup", m_restore_name, "not a passphrase-protected backup");
        m_restore_job.emplace(m_restore_decryption->start_passphrase(core::as_bytes(std::string_view(m_backup_pass.data()))));
    } catch (const core::Error& e) {
        m_restore_decryption.reset();
        set_message(ctx.i18n.format("ws.settings.restore_failed", {{"file", m_restore_name}, {"error", error_message(e)}}), true);
    }
    sodium_memzero(m_backup_pass.data(), m_backup_pass.size());
}

// The last entries of the audit log: who did what, when (ids only, no PHI).
void Workspace::draw_audit_log(Context& ctx) {
    section_title(ctx, ctx.tr("ws.settings.audit"));
    const auto& log = m_session.store().audit_log();
    const std::size_t shown = std::min<std::size_t>(log.size(), 12);
    for (std::size_t i = log.size() - shown; i < log.size(); ++i) {
        const core::AuditEntry& e = log[i];
        paragraph(ctx, (e.at.substr(0, 16) + "  " + e.actor + "  " + e.action + "  " + e.object + (e.detail.empty() ? "" : "  " + e.detail)).c_str(),
                  ctx.fonts.small, ctx.palette->text_muted);
    }
}

}  // namespace safetynet::ui
