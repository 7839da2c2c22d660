#pragma once
// The staff side of SafetyNet, in a browser tab: the clinic's workspace (#clinic) and the
// community organization's (#org). Both keep their data in the encrypted store on the device
// (ui/shell/store_session.hpp) and exchange only signed, encrypted bundles as files.
//
//   clinic        Screenings   assisted screening, or kiosk screenings imported from bundles
//                 Refer        needs, matched services with filters and reasons, consent,
//                              one referral per organization, exported as a sealed bundle
//                              (or a printed summary, confirmed, for one without keys)
//                 Referrals    the tracker: "needs follow-up today" first (calls recorded, a
//                              calendar of follow-ups), status updates imported, history
//   organization  Inbox        referral bundles opened, accepted / declined / in progress /
//                              completed with an outcome, status updates exported; the
//                              organization's signed capacity update
//   both          Dashboard    figures and charts over a period, CSV and FHIR exports; at a
//                              clinic the quality measures (MeasureReports, the EHR roster,
//                              why each patient counts) and the network view (signed site files)
//                 Contacts     this site's contact card; trusted cards, fingerprints compared
//                 Settings     backup and restore, passphrase, lock
//
// Every bundle opened here goes through the same door (import_files): opened with this site's
// identities, its signer checked against the trusted contacts (a first contact shows the
// fingerprint to compare before anything is imported), replays refused, errors named by file.
// The store locks itself after a few minutes without input; nothing of it stays in memory.
//
// [SECTION] in the .cpp files: workspace.cpp (shell, lock screens, import), workspace_clinic.cpp
// (screenings, refer), workspace_tracker.cpp, workspace_org.cpp (inbox), workspace_dashboard.cpp,
// workspace_contacts.cpp (contacts, settings).
#include "core/crypto/age.hpp"
#include "core/crypto/age_scrypt.hpp"
#include "core/exchange/bundle.hpp"
#include "core/actions/dashboard.hpp"
#include "core/actions/measures.hpp"
#include "core/actions/network_report.hpp"
#include "core/actions/refer_per_organization.hpp"
#include "core/screening/instrument_translation.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"
#include "core/store/stored_screening.hpp"
#include "ui/shell/context.hpp"
#include "ui/shell/directory_service.hpp"
#include "ui/shell/site_config.hpp"
#include "ui/shell/store_session.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace safetynet::ui {

enum class WorkspaceRole { Clinic, Organization };

class Workspace {
public:
    Workspace(Platform& platform, WorkspaceRole role, const SiteConfig& site, DirectoryService& directory);
    ~Workspace();

    void draw(Context& ctx);
    // When the screen next changes with time although nobody touches it (platform seconds):
    // `now` or earlier while something is under way, the idle lock's moment when unlocked,
    // infinity when nothing is due (the loop sleeps until input: issue 16).
    double redraw_due_at(double now) const;
    void note_input(double now) { m_last_input = now; }
    // For the test surface: the tab, the store's state, and ids and statuses (no PHI).
    nlohmann::json state() const;
    WorkspaceRole role() const { return m_role; }

    // Minutes without input after which the store locks itself.
    static constexpr double kLockAfterSeconds = 10 * 60;

    enum class Tab { Screenings, Refer, Referrals, Inbox, Dashboard, Contacts, Settings };

private:
    // --- shell and lock screens (workspace.cpp)
    void draw_top_bar(Context& ctx);
    // --- the workspace's language (workspace_language.cpp)
    void load_language();
    std::vector<const core::LanguageInfo*> switchable_languages(const Context& ctx) const;
    void draw_language_switch(Context& ctx);
    void draw_setup(Context& ctx);
    void draw_unlock(Context& ctx);
    void draw_deriving(Context& ctx);
    void draw_message(Context& ctx);
    std::string now() const;
    std::string actor() const;
    void changed();  // after every change to the store: save, redraw
    void lock_now();
    void wipe_forms();
    void set_message(std::string text, bool error);
    // An error in the workspace's language (ui/shell/error_text.hpp), for set_message and the like.
    std::string error_message(const std::exception& e) const;

    // --- bundles in (workspace.cpp): every file through open_bundle and the trust check
    void pick_and_import(const char* accept);
    void import_files(Context& ctx, std::vector<PickedFile> files);
    void import_one(Context& ctx, const std::string& name, const std::string& bytes);
    void show_import_report();  // one message: a line per file, an error if any failed
    void draw_first_contact(Context& ctx);

    // --- clinic: screenings and referrals (workspace_clinic.cpp)
    void draw_screenings(Context& ctx);
    void draw_assisted(Context& ctx);
    void pick_form();
    void draw_instance_buttons(Context& ctx, const core::Response& r, std::size_t item,
                               std::optional<std::pair<std::size_t, bool>>& pressed);
    void start_assisted(const std::string& instrument);
    void finish_assisted(Context& ctx);
    void open_refer(Context& ctx, const std::string& screening_id);
    void draw_refer(Context& ctx);
    void draw_refer_needs(Context& ctx);
    void draw_refer_services(Context& ctx);
    void draw_refer_filters(Context& ctx);
    core::MatchQuery refer_query();
    void draw_service_card(Context& ctx, const ServiceMatch& m, const std::string& id);
    void draw_unavailable_services(Context& ctx, const std::string& domain);
    void draw_refer_patient(Context& ctx);
    void draw_refer_person(Context& ctx);
    void draw_refer_send(Context& ctx);
    void draw_created_referrals(Context& ctx);
    void create_referrals(Context& ctx);
    void export_referral(Context& ctx, std::string id);  // by value: ids point into the store
    void print_summary(Context& ctx, std::string id);

    // --- clinic: the tracker (workspace_tracker.cpp) and follow-up (workspace_follow_up.cpp)
    void draw_referrals(Context& ctx);
    void draw_history(Context& ctx, const core::Referral& r);
    void draw_follow_up(Context& ctx);
    void draw_call_form(Context& ctx, const std::string& referral_id);
    void print_take_home(Context& ctx, const std::vector<std::string>& referral_ids);
    std::string today() const;  // the date part of now()

    // --- organization: the inbox (workspace_org.cpp)
    void draw_inbox(Context& ctx);
    void draw_incoming(Context& ctx, const core::Referral& r);
    void record(Context& ctx, std::string id, core::TaskStatus status);
    void send_update(Context& ctx, std::string id);

    // --- organization: capacity updates (workspace_capacity.cpp)
    void draw_capacity(Context& ctx);

    // --- clinic: quality measures and the network view (workspace_measures.cpp)
    void draw_measures(Context& ctx);
    void import_pending_roster(Context& ctx);
    void draw_roster_line(Context& ctx);
    void draw_measures_table(Context& ctx, const core::MeasuresReport& m);
    void draw_measures_exports(Context& ctx, const core::MeasuresReport& m, const core::DatePeriod& period);
    void draw_measure_explain(Context& ctx, const core::MeasuresReport& m);
    void draw_network(Context& ctx);
    void open_network_files(Context& ctx, std::vector<PickedFile> files);

    // --- both (workspace_dashboard.cpp, workspace_contacts.cpp)
    void draw_dashboard(Context& ctx);
    core::DashboardOptions draw_dashboard_period(Context& ctx);
    void draw_dashboard_exports(Context& ctx, const core::DashboardFigures& f, const core::DashboardOptions& o);
    void draw_contacts(Context& ctx);
    void draw_settings(Context& ctx);
    void draw_general_settings(Context& ctx);
    void draw_directory_report(Context& ctx);
    void step_backup(Context& ctx);
    void step_restore(Context& ctx);
    void draw_backup_controls(Context& ctx);
    void start_restore(Context& ctx);
    void draw_audit_log(Context& ctx);
    const core::TrustedContact* contact_for_organization(const std::string& name) const;

    Platform& m_platform;
    WorkspaceRole m_role;
    // The translator of the last frame drawn: file pickers' callbacks run between frames.
    const core::Translator* m_i18n = nullptr;
    std::string m_remembered_language;  // read from this device's storage, chosen at the next frame
    bool m_language_menu_open = false;
    const SiteConfig& m_site;
    DirectoryService& m_directory;
    StoreSession m_session;
    Tab m_tab;
    double m_last_input = 0;
    bool m_redraw = true;  // something arrived asynchronously (files, storage): draw it

    // Lock screens. Passphrase fields are wiped as soon as the derivation starts.
    std::array<char, 128> m_pass{};
    std::array<char, 128> m_pass2{};
    std::array<char, 128> m_site_name{};
    std::array<char, 64> m_staff_name{};
    std::string m_setup_problem;
    bool m_name_offered = false;

    // A message under the top bar: what the last action did, or what went wrong and where.
    std::string m_message;
    bool m_message_error = false;
    bool m_message_announced = true;
    bool m_was_saving = false;

    // First contacts waiting for a fingerprint comparison: the file is opened again once trusted.
    struct PendingTrust {
        std::string file_name;
        std::string bytes;
        core::ContactCard card;
        std::string fingerprint;
    };
    std::vector<PendingTrust> m_pending_trust;
    // Files the picker returned, imported at the next frame; what each import did.
    std::vector<PickedFile> m_pending_files;
    std::vector<std::pair<std::string, bool>> m_import_report;

    // The assisted screening in progress (clinic).
    std::unique_ptr<core::Response> m_assisted;
    std::string m_assisted_instrument;
    // A clinic's own translations (core/screening/instrument_translation.hpp), by built-in
    // instrument id, loaded this session: assisted screenings use them.
    std::map<std::string, std::vector<core::InstrumentTranslation>> m_translations;
    void load_translation(const PickedFile& file);
    void draw_translations(Context& ctx);

    // The referral being prepared (clinic), for one stored screening.
    struct ReferForm {
        std::string screening_id;
        std::optional<core::ScreeningResult> result;
        std::shared_ptr<const core::Questionnaire> questionnaire;  // to show the evidence's questions
        std::string selected_domain;  // the need whose services show
        std::map<std::string, core::PickedService> picks;  // "service|location" -> pick
        // filters
        int radius_miles = 10;
        std::string language;
        bool open_now = false;
        int age = 0;
        std::array<char, 96> text{};
        std::array<char, 8> zip{};
        // the person and their consent
        std::array<char, 128> name{};
        std::array<char, 16> birth_date{};
        std::array<char, 32> phone{};
        std::array<char, 96> email{};
        int preferred_contact = 0;  // 0 none, 1 phone, 2 sms, 3 email
        std::array<char, 16> person_language{};
        bool consent = false;
        std::array<char, 96> consent_by{};  // empty: the person themself
        std::array<char, 512> scope{};
        int priority = 0;
        std::array<char, 512> note{};
        std::vector<std::string> created;  // referral ids made from this form
        std::vector<std::string> shown_organizations;  // of the services listed now (test surface)
        void wipe();
    };
    std::unique_ptr<ReferForm> m_refer;
    std::string m_confirm_print;  // referral id whose unencrypted summary awaits confirmation

    // Tracker / inbox: the referral whose details are open.
    std::string m_open_referral;
    int m_reason_choice = 0;
    std::array<char, 256> m_reason_text{};

    // Dashboard period.
    std::array<char, 16> m_from{};
    std::array<char, 16> m_to{};
    // Measures: the patient whose inclusion is explained; the figures last drawn (test surface).
    std::array<char, 64> m_explain_patient{};
    std::optional<core::MeasuresReport> m_last_measures;
    // Network view: the sites' verified reports, merged; what each file did.
    std::optional<core::NetworkView> m_network;
    std::vector<std::pair<std::string, bool>> m_network_report;
    // Files the pickers returned for these two, handled at the next frame.
    std::vector<PickedFile> m_pending_network, m_pending_roster;

    // Follow-up: the referral whose call is being recorded, and the form.
    std::string m_call_referral;
    int m_call_outcome = 0;
    std::array<char, 256> m_call_note{};
    std::array<char, 16> m_call_next{};
    // Assisted screening: the clinic's patient id (the EHR's), for the measures.
    std::array<char, 64> m_patient_id{};
    std::array<char, 16> m_patient_birth{};
    // Linking an imported screening to a patient id: which one, and the id typed.
    std::string m_link_screening;
    std::array<char, 64> m_link_patient{};

    // Organization: the capacity to publish, per service of this organization.
    struct CapacityRow {
        std::string service_id, service_name;
        int status = 0;  // index into core::capacity_status_codes()
        std::array<char, 16> since{};
        std::array<char, 200> note{};
    };
    std::vector<CapacityRow> m_capacity_rows;

    // Settings: backup passphrase, and a restore waiting for its passphrase; their key
    // derivations, stepped per frame.
    std::array<char, 128> m_backup_pass{};
    std::string m_restore_file;
    std::string m_restore_name;
    std::optional<core::ScryptRecipient::Job> m_backup_job;
    std::unique_ptr<core::AgeDecryption> m_restore_decryption;
    std::optional<core::ScryptJob> m_restore_job;

    // Contacts: a card picked from a file, waiting for its fingerprint to be compared.
    std::optional<core::ContactCard> m_pending_card;
    // The dashboard's figures as last drawn (the test surface reports them).
    std::optional<core::DashboardFigures> m_last_figures;
};

}  // namespace safetynet::ui
