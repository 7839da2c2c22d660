#include "ui/workspace/workspace.hpp"

#include "core/actions/follow_up_list.hpp"
#include "core/base/error.hpp"
#include "core/actions/store_actions.hpp"
#include "core/base/clock.hpp"
#include "ui/shell/error_text.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

namespace safetynet::ui {

// [SECTION] Shell

namespace {
// SameLine() when a button labelled `label` still fits on the last one's row, else a new row.
void same_line_if_fits_button(Context& ctx, const char* label) {
    if (fits_beside_last(ctx, button_width(ctx, label))) ImGui::SameLine();
}
}  // namespace

Workspace::Workspace(Platform& platform, WorkspaceRole role, const SiteConfig& site, DirectoryService& directory)
    : m_platform(platform),
      m_role(role),
      m_site(site),
      m_directory(directory),
      m_session(platform),
      m_tab(role == WorkspaceRole::Clinic ? Tab::Screenings : Tab::Inbox) {
    m_session.load([this] { m_redraw = true; });
    load_language();
}

Workspace::~Workspace() { wipe_forms(); }

std::string Workspace::now() const {
    return core::utc_rfc3339(m_platform);
}

std::string Workspace::today() const { return now().substr(0, 10); }

std::string Workspace::actor() const { return m_staff_name[0] ? std::string(m_staff_name.data()) : std::string("staff"); }

void Workspace::changed() { m_session.save(); }

std::string Workspace::error_message(const std::exception& e) const { return error_text(*m_i18n, e); }

void Workspace::set_message(std::string text, bool error) {
    m_message = std::move(text);
    m_message_error = error;
    m_message_announced = false;  // said at the next frame (an error at once: assertive)
}

void Workspace::wipe_forms() {
    sodium_memzero(m_pass.data(), m_pass.size());
    sodium_memzero(m_pass2.data(), m_pass2.size());
    sodium_memzero(m_backup_pass.data(), m_backup_pass.size());
    sodium_memzero(m_reason_text.data(), m_reason_text.size());
    if (m_assisted) m_assisted->wipe();
    m_assisted.reset();
    if (m_refer) m_refer->wipe();
    m_refer.reset();
    for (PendingTrust& p : m_pending_trust) sodium_memzero(p.bytes.data(), p.bytes.size());
    m_pending_trust.clear();
    sodium_memzero(m_restore_file.data(), m_restore_file.size());
    m_restore_file.clear();
    m_open_referral.clear();
    m_confirm_print.clear();
    m_message.clear();
    // Patient ids and what the measures said about them are PHI too.
    for (std::array<char, 64>* a : {&m_patient_id, &m_link_patient, &m_explain_patient}) sodium_memzero(a->data(), a->size());
    sodium_memzero(m_patient_birth.data(), m_patient_birth.size());
    sodium_memzero(m_call_note.data(), m_call_note.size());
    m_call_referral.clear();
    m_link_screening.clear();
    m_last_measures.reset();
    m_pending_roster.clear();
}

void Workspace::lock_now() {
    wipe_forms();
    m_session.lock();
}

double Workspace::redraw_due_at(double now_s) const {
    using S = StoreSession::State;
    if (m_session.state() == S::Deriving || m_session.state() == S::Loading) return now_s;
    if (m_session.saving() || m_backup_job || m_restore_job) return now_s;
    // Files or a card that a picker just delivered: draw them now, not at the next heartbeat.
    if (m_redraw) return now_s;
    // The idle lock must happen on time, also when nobody touches the screen.
    if (m_session.state() == S::Unlocked) return m_last_input + kLockAfterSeconds;
    return std::numeric_limits<double>::infinity();
}

void Workspace::draw(Context& ctx) {
    using S = StoreSession::State;
    m_redraw = false;
    m_i18n = &ctx.i18n;
    const double now_s = m_platform.now_seconds();
    if (m_session.state() == S::Unlocked && now_s - m_last_input >= kLockAfterSeconds) lock_now();
    if (m_session.state() == S::Deriving) m_session.step();

    // A margin around everything: the kiosk's full-bleed window suits a tablet, not a desk.
    const float margin = 16 * ctx.scale;
    // Right to left the widgets place themselves mirrored: the workspace is laid out by ImGui's
    // flow, read from the right (docs/TRANSLATIONS.md, "Right to left").
    ctx.mirror_flow = true;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + margin, ImGui::GetCursorPosY() + margin * 0.5f));
    ImGui::BeginGroup();
    // The same margin at the right: the title wraps there (at 320 CSS px it is wider than the
    // screen), and right to left the top bar's lines end there.
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - margin);
    draw_top_bar(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + margin);
    // On a small or zoomed screen (WCAG 1.4.10) the tabs take several rows, and a panel filling
    // what is left below them had a few pixels or none at 320 x 256 CSS px: there the screen is
    // one column that scrolls as a whole, as the kiosk's is.
    const bool one_column = compact_layout(ctx);
    if (one_column) ImGui::BeginGroup();
    else begin_panel(ctx, "workspace", ImVec2(-margin, 0));
    ImGui::PushTextWrapPos(one_column ? ImGui::GetWindowContentRegionMax().x - margin : 0.0f);
    switch (m_session.state()) {
        case S::Loading: paragraph(ctx, ctx.tr("ws.loading"), ctx.fonts.body, ctx.palette->text_muted); break;
        case S::Absent: draw_setup(ctx); break;
        case S::Locked: draw_unlock(ctx); break;
        case S::Deriving: draw_deriving(ctx); break;
        case S::Failed:
            paragraph(ctx, ctx.tr("ws.store_failed"), ctx.fonts.bold, ctx.palette->urgent);
            if (m_session.error()) paragraph(ctx, error_message(*m_session.error()).c_str(), ctx.fonts.body, ctx.palette->text);
            break;
        case S::Unlocked:
            if (!m_pending_files.empty()) import_files(ctx, std::exchange(m_pending_files, {}));
            draw_message(ctx);
            draw_first_contact(ctx);
            switch (m_tab) {
                case Tab::Screenings: draw_screenings(ctx); break;
                case Tab::Refer: draw_refer(ctx); break;
                case Tab::Referrals: draw_referrals(ctx); break;
                case Tab::Inbox: draw_inbox(ctx); break;
                case Tab::Dashboard: draw_dashboard(ctx); break;
                case Tab::Contacts: draw_contacts(ctx); break;
                case Tab::Settings: draw_settings(ctx); break;
            }
            break;
    }
    ImGui::PopTextWrapPos();
    if (one_column) {
        ImGui::EndGroup();
        ImGui::Dummy(ImVec2(0, margin));
    } else {
        end_panel();
    }
}

void Workspace::draw_top_bar(Context& ctx) {
    const Palette& p = *ctx.palette;
    const bool unlocked = m_session.state() == StoreSession::State::Unlocked;
    const char* role = ctx.tr(m_role == WorkspaceRole::Clinic ? "ws.role.clinic" : "ws.role.organization");
    std::string title = role;
    if (unlocked) title += " · " + m_session.store().settings().name;
    paragraph(ctx, title.c_str(), ctx.fonts.heading, p.text);
    register_last_item(ctx, "ws.title");
    draw_language_switch(ctx);
    if (!unlocked) {
        ImGui::Separator();
        return;
    }
    struct TabButton {
        Tab tab;
        const char* id;
        const char* key;
    };
    static const TabButton clinic[] = {{Tab::Screenings, "tab.screenings", "ws.tab.screenings"},
                                       {Tab::Refer, "tab.refer", "ws.tab.refer"},
                                       {Tab::Referrals, "tab.referrals", "ws.tab.referrals"},
                                       {Tab::Dashboard, "tab.dashboard", "ws.tab.dashboard"},
                                       {Tab::Contacts, "tab.contacts", "ws.tab.contacts"},
                                       {Tab::Settings, "tab.settings", "ws.tab.settings"}};
    static const TabButton org[] = {{Tab::Inbox, "tab.inbox", "ws.tab.inbox"},
                                    {Tab::Dashboard, "tab.dashboard", "ws.tab.dashboard"},
                                    {Tab::Contacts, "tab.contacts", "ws.tab.contacts"},
                                    {Tab::Settings, "tab.settings", "ws.tab.settings"}};
    const bool is_clinic = m_role == WorkspaceRole::Clinic;
    const TabButton* tabs = is_clinic ? clinic : org;
    const std::size_t count = is_clinic ? std::size(clinic) : std::size(org);
    // The tabs flow onto more rows when the window is narrow (a phone, a zoomed browser).
    begin_group(ctx, "tabs", Role::TabList, role);
    for (std::size_t i = 0; i < count; ++i) {
        std::string label = ctx.tr(tabs[i].key);
        if (tabs[i].tab == Tab::Referrals || tabs[i].tab == Tab::Inbox) {
            std::size_t overdue = 0;
            for (const core::ReferralRow& row : core::list_referrals(m_session.store(), now())) overdue += row.overdue;
            if (overdue) label += " (" + std::to_string(overdue) + "!)";
        }
        if (i) same_line_if_fits_button(ctx, label.c_str());
        if (tab(ctx, tabs[i].id, label.c_str(), m_tab == tabs[i].tab)) m_tab = tabs[i].tab;
    }
    end_group(ctx);
    same_line_if_fits_button(ctx, ctx.tr("ws.lock"));
    if (button(ctx, "ws.lock", ctx.tr("ws.lock"), ButtonStyle::Secondary)) lock_now();
    // "Saving…" while the store is written, "Saved" after: shown, and said politely.
    if (m_session.saving() != m_was_saving) {
        m_was_saving = m_session.saving();
        if (!m_session.save_failed()) ctx.semantics.announce(ctx.tr(m_was_saving ? "ws.saving" : "ws.saved"));
    }
    if (m_session.saving()) {
        ImGui::SameLine();  // beside Lock; on a line of its own where it does not fit (paragraph)
        paragraph(ctx, ctx.tr("ws.saving"), ctx.fonts.small, p.text_muted);
    }
    ImGui::Separator();
}

void Workspace::draw_message(Context& ctx) {
    if (m_session.save_failed() && m_session.error())
        paragraph(ctx, error_message(*m_session.error()).c_str(), ctx.fonts.bold, ctx.palette->urgent);
    if (m_message.empty()) return;
    if (!m_message_announced) {
        m_message_announced = true;
        ctx.semantics.announce(m_message, m_message_error ? Announcement::Politeness::Assertive : Announcement::Politeness::Polite);
    }
    begin_card(ctx, "ws.message", m_message_error ? &ctx.palette->urgent : &ctx.palette->primary);
    paragraph(ctx, m_message.c_str(), ctx.fonts.body, m_message_error ? ctx.palette->urgent : ctx.palette->text);
    register_last_item(ctx, "ws.message.text");
    if (small_button(ctx, "ws.message.dismiss", ctx.tr("ws.dismiss"))) m_message.clear();
    end_card();
}

// [SECTION] Lock screens

void Workspace::draw_setup(Context& ctx) {
    const Palette& p = *ctx.palette;
    // A clinic's name defaults to the site configuration's; an organization picks its own.
    if (m_role == WorkspaceRole::Clinic && !m_site_name[0] && !m_name_offered) {
        const std::string& name = m_site.clinic_name.empty() ? m_site.site_name : m_site.clinic_name;
        std::snprintf(m_site_name.data(), m_site_name.size(), "%s", name.c_str());
        m_name_offered = true;
    }
    begin_column(ctx, 720);
    heading(ctx, ctx.tr(m_role == WorkspaceRole::Clinic ? "ws.setup.title_clinic" : "ws.setup.title_org"), "setup.title");
    paragraph(ctx, ctx.tr("ws.setup.intro"), ctx.fonts.body, p.text);
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    if (m_role == WorkspaceRole::Organization && m_directory.status() == DirectoryService::Status::Ready) {
        // The name must be the one the clinic sees in its directory: pick it from there.
        std::vector<std::string> names;
        for (const auto& [id, name] : m_directory.details().organizations()) names.push_back(name);
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        // The first choice says "choose": nothing is picked until the person picks.
        names.insert(names.begin(), ctx.tr("ws.setup.choose"));
        int picked = 0;
        for (std::size_t i = 1; i < names.size(); ++i)
            if (names[i] == m_site_name.data()) picked = static_cast<int>(i);
        if (choice(ctx, "setup.org", ctx.tr("ws.setup.pick_org"), names, &picked, ImGui::GetContentRegionAvail().x) && picked > 0)
            std::snprintf(m_site_name.data(), m_site_name.size(), "%s", names[static_cast<std::size_t>(picked)].c_str());
    }
    text_field(ctx, "setup.name", ctx.tr("ws.setup.name"), m_site_name.data(), m_site_name.size());
    text_field(ctx, "setup.pass", ctx.tr("ws.setup.pass"), m_pass.data(), m_pass.size(), ImGuiInputTextFlags_Password);
    text_field(ctx, "setup.pass2", ctx.tr("ws.setup.pass2"), m_pass2.data(), m_pass2.size(), ImGuiInputTextFlags_Password);
    paragraph(ctx, ctx.tr("ws.setup.pass_hint"), ctx.fonts.small, p.text_muted);
    if (!m_setup_problem.empty()) paragraph(ctx, ctx.tr(m_setup_problem), ctx.fonts.bold, p.urgent);
    const std::string problem_before = m_setup_problem;
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    if (button(ctx, "setup.create", ctx.tr("ws.setup.create"), ButtonStyle::Primary)) {
        if (!m_site_name[0]) {
            m_setup_problem = "ws.setup.need_name";
        } else if (std::strlen(m_pass.data()) < 10) {
            m_setup_problem = "ws.setup.too_short";
        } else if (std::strcmp(m_pass.data(), m_pass2.data()) != 0) {
            m_setup_problem = "ws.setup.mismatch";
        } else {
            m_setup_problem.clear();
            core::StoreSettings settings;
            settings.role = m_role == WorkspaceRole::Clinic ? "clinic" : "organization";
            settings.name = m_site_name.data();
            m_session.begin_create(std::string_view(m_pass.data()), settings);
            sodium_memzero(m_pass.data(), m_pass.size());
            sodium_memzero(m_pass2.data(), m_pass2.size());
        }
        // A problem found on "Create" is said at once (it appears above the button).
        if (!m_setup_problem.empty()) ctx.semantics.announce(ctx.tr(m_setup_problem), Announcement::Politeness::Assertive);
    }
    (void)problem_before;
    end_column();
}

void Workspace::draw_unlock(Context& ctx) {
    const Palette& p = *ctx.palette;
    begin_column(ctx, 620);
    heading(ctx, ctx.tr("ws.unlock.title"), "unlock.title");
    paragraph(ctx, ctx.tr("ws.unlock.intro"), ctx.fonts.body, p.text);
    text_field(ctx, "unlock.staff", ctx.tr("ws.unlock.staff"), m_staff_name.data(), m_staff_name.size());
    bool enter = false;
    TextFieldOptions pass;
    pass.kind = InputKind::Password;
    pass.submitted = &enter;  // Enter in the field unlocks, as the button does
    text_field(ctx, "unlock.pass", ctx.tr("ws.unlock.pass"), m_pass.data(), m_pass.size(), pass);
    if (m_session.error_kind() == "wrong-passphrase") {
        paragraph(ctx, ctx.tr("ws.unlock.wrong"), ctx.fonts.bold, p.urgent);
        register_last_item(ctx, "unlock.wrong");
    } else if (m_session.error()) {
        paragraph(ctx, error_message(*m_session.error()).c_str(), ctx.fonts.bold, p.urgent);
    }
    ImGui::Dummy(ImVec2(0, 8 * ctx.scale));
    if (button(ctx, "unlock.go", ctx.tr("ws.unlock.go"), ButtonStyle::Primary) || enter) {
        if (m_pass[0]) {
            m_session.begin_unlock(std::string_view(m_pass.data()));
            sodium_memzero(m_pass.data(), m_pass.size());
        }
    }
    end_column();
}

void Workspace::draw_deriving(Context& ctx) {
    begin_column(ctx, 620);
    heading(ctx, ctx.tr("ws.deriving"), "deriving");
    const int percent = static_cast<int>(m_session.progress() * 100.0 + 0.5);
    const std::string text = std::to_string(percent) + " %";
    progress_bar(ctx, "deriving.progress", nullptr, static_cast<float>(m_session.progress()), text.c_str());
    ctx.semantics.last().name = ctx.tr("ws.deriving");
    paragraph(ctx, ctx.tr("ws.deriving.why"), ctx.fonts.small, ctx.palette->text_muted);
    end_column();
}

// [SECTION] Bundles in

void Workspace::pick_and_import(const char* accept) {
    // The files arrive in a later frame; draw() imports them with that frame's Context.
    m_platform.pick_files(accept, true, [this](std::vector<PickedFile> files) {
        if (m_session.state() != StoreSession::State::Unlocked) return;
        m_pending_files = std::move(files);
        m_redraw = true;
    });
}

void Workspace::import_files(Context& ctx, std::vector<PickedFile> files) {
    m_import_report.clear();
    for (PickedFile& f : files) {
        import_one(ctx, f.name, f.bytes);
        sodium_memzero(f.bytes.data(), f.bytes.size());
    }
    changed();
    show_import_report();
}

void Workspace::show_import_report() {
    std::string text;
    bool error = false;
    for (const auto& [line, bad] : m_import_report) {
        if (!text.empty()) text += "\n";
        text += line;
        error = error || bad;
    }
    if (!text.empty()) set_message(text, error);
}

void Workspace::import_one(Context& ctx, const std::string& name, const std::string& bytes) {
    core::Store& store = m_session.store();
    try {
        std::vector<core::AgeIdentity> ids;
        for (const core::KeySet& k : store.key_sets()) ids.emplace_back(k.age_identity);
        // Capacity updates travel signed but not encrypted (no PHI): read those as they are.
        core::OpenedBundle b = core::is_bundle_plaintext(core::as_bytes(bytes))
                                   ? core::read_bundle_plaintext(core::as_bytes(bytes), core::trusted_cards(store), &store.ledger())
                                   : core::open_bundle(core::as_bytes(bytes), ids, core::trusted_cards(store), &store.ledger());
        if (b.trust == core::BundleTrust::UnknownSigner) {
            m_pending_trust.push_back(PendingTrust{name, bytes, b.header.sender, b.signer_fingerprint});
            m_import_report.emplace_back(ctx.i18n.format("ws.import.first_contact", {{"file", name}, {"name", b.header.sender.name}}), false);
            b.wipe();
            return;
        }
        if (b.trust == core::BundleTrust::Replay) {
            m_import_report.emplace_back(ctx.i18n.format("ws.import.replay", {{"file", name}}), true);
            b.wipe();
            return;
        }
        const core::ImportResult r = core::import_bundle(store, b, now(), actor());
        b.wipe();
        const char* key = r.kind == core::BundleKind::Screening        ? "ws.import.screening"
                          : r.kind == core::BundleKind::Referral       ? "ws.import.referral"
                          : r.kind == core::BundleKind::CapacityUpdate ? "ws.import.capacity"
                                                                       : "ws.import.status";
        m_import_report.emplace_back(
            ctx.i18n.format(key, {{"file", name}, {"status", std::string(core::task_status_code(r.status))}}), false);
    } catch (const core::Error& e) {
        m_import_report.emplace_back(ctx.i18n.format("ws.import.failed", {{"file", name}, {"error", error_message(e)}}), true);
    }
}

void Workspace::draw_first_contact(Context& ctx) {
    if (m_pending_trust.empty()) return;
    const Palette& p = *ctx.palette;
    PendingTrust& t = m_pending_trust.front();
    begin_card(ctx, "first_contact", &p.primary);
    paragraph(ctx, ctx.i18n.format("ws.trust.title", {{"name", t.card.name}, {"file", t.file_name}}).c_str(), ctx.fonts.bold, p.text);
    paragraph(ctx, ctx.tr("ws.trust.compare"), ctx.fonts.body, p.text);
    paragraph(ctx, t.fingerprint.c_str(), ctx.fonts.heading, p.primary_active);
    register_last_item(ctx, "trust.fingerprint");
    if (small_button(ctx, "trust.accept", ctx.tr("ws.trust.accept"))) {
        PendingTrust accepted = std::move(t);
        m_pending_trust.erase(m_pending_trust.begin());
        try {
            core::trust_contact(m_session.store(), accepted.card, "fingerprint compared on first contact", now(), actor());
            m_import_report.clear();
            import_one(ctx, accepted.file_name, accepted.bytes);
            // Other files from the same sender were waiting too: import them now.
            for (auto it = m_pending_trust.begin(); it != m_pending_trust.end();) {
                if (it->card.fingerprint() == accepted.card.fingerprint()) {
                    import_one(ctx, it->file_name, it->bytes);
                    sodium_memzero(it->bytes.data(), it->bytes.size());
                    it = m_pending_trust.erase(it);
                } else {
                    ++it;
                }
            }
            show_import_report();
        } catch (const core::Error& e) {
            set_message(error_message(e), true);
        }
        sodium_memzero(accepted.bytes.data(), accepted.bytes.size());
        changed();
    }
    ImGui::SameLine();
    if (small_button(ctx, "trust.reject", ctx.tr("ws.trust.reject"))) {
        sodium_memzero(t.bytes.data(), t.bytes.size());
        m_pending_trust.erase(m_pending_trust.begin());
        set_message(ctx.tr("ws.trust.rejected"), false);
    }
    end_card();
}

// [SECTION] Test surface

nlohmann::json Workspace::state() const {
    using S = StoreSession::State;
    static const char* const states[] = {"loading", "absent", "locked", "deriving", "unlocked", "failed"};
    static const char* const tabs[] = {"screenings", "refer", "referrals", "inbox", "dashboard", "contacts", "settings"};
    nlohmann::json s{{"store", states[static_cast<int>(m_session.state())]},
                     {"tab", tabs[static_cast<int>(m_tab)]},
                     {"saving", m_session.saving()},
                     {"message", m_message_error ? "error" : (m_message.empty() ? "" : "info")},
                     {"first_contact", m_pending_trust.size()},
                     {"store_error", m_session.error_kind()}};
    if (m_session.state() != S::Unlocked) return s;
    const core::Store& store = m_session.store();
    nlohmann::json referrals = nlohmann::json::array();
    for (const auto& [id, r] : store.referrals())
        referrals.push_back({{"id", id},
                             {"organization", r.organization.name},
                             {"status", std::string(core::task_status_code(r.status()))},
                             {"history", r.history.size()},
                             {"sent", !r.bundle_id.empty()}});
    s["referrals"] = referrals;
    s["screenings"] = store.screenings().size();
    s["contacts"] = store.data().contacts.size();
    s["name"] = store.data().settings.name;
    s["assisted"] = m_assisted != nullptr;
    if (m_assisted) s["assisted_answered"] = m_assisted->answered_link_ids();
    s["refer"] = m_refer ? nlohmann::json{{"picks", m_refer->picks.size()},
                                          {"created", m_refer->created.size()},
                                          {"services", m_refer->shown_organizations}}
                         : nlohmann::json(nullptr);
    nlohmann::json follow = nlohmann::json::array();
    for (const core::FollowUpRow& row : core::follow_up_list(store.data(), today()))
        follow.push_back({{"id", row.referral->id}, {"organization", row.referral->organization.name},
                          {"reason", std::string(core::follow_up_reason_code(row.state.reason))}, {"due", row.state.due}});
    s["follow_up"] = follow;
    s["capacity"] = store.data().capacity.size();
    s["roster"] = store.data().roster.patients.size();
    if (m_last_measures) {
        nlohmann::json ms = nlohmann::json::object();
        for (const core::MeasureResult& r : m_last_measures->measures) {
            const core::MeasureGroupResult& g = r.groups.front();
            auto opt = [](const std::optional<std::size_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
            ms[r.id] = {{"denominator", opt(g.denominator)}, {"numerator", opt(g.numerator)}, {"missing", r.denominator_missing}};
        }
        s["measures"] = ms;
    }
    if (m_network) s["network"] = {{"sites", m_network->sites}, {"cells", m_network->cells.size()}};
    if (m_last_figures) {
        const core::DashboardFigures& f = *m_last_figures;
        s["dashboard"] = {{"sent", f.sent},
                          {"completed", f.completed},
                          {"closed", f.closed},
                          {"screenings", f.screenings},
                          {"closure_rate", f.closure_rate ? nlohmann::json(*f.closure_rate) : nlohmann::json(nullptr)}};
    }
    return s;
}

}  // namespace safetynet::ui
