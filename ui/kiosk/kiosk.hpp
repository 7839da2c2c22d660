#pragma once
// The patient's kiosk: every screen from welcome to the take-home list, the idle timeout and
// the wipe. The journey itself is KioskFlow (ui/kiosk/kiosk_flow.hpp); this class draws it and does
// what its buttons ask (print, share, finish).
//
// Privacy: nothing of a session is written anywhere but the encrypted outbox; wipe() (at
// "Finish and clear", after the idle timeout, or on "Start over") overwrites what the person
// entered before freeing it and returns to the welcome screen.
#include "ui/shell/context.hpp"
#include "ui/shell/display_settings.hpp"
#include "ui/kiosk/kiosk_flow.hpp"
#include "ui/shell/site_config.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace safetynet::ui {

// A place that can help, as the patient sees it (from the site's directory).
struct ServiceCard {
    std::string name;
    std::string description;
    std::string name_lang, description_lang;  // the language each is in (a translation, else the directory's)
    std::string address;
    std::string phone;
    std::string hours;
    std::string languages;
    std::string distance;  // "1.2 km", empty when unknown
};

// Finds up to a few services for one need domain near a ZIP (empty: the site's place), in
// the person's language. The App provides it once the directory is loaded.
using ServiceFinder = std::function<std::vector<ServiceCard>(const std::string& domain, const std::string& zip,
                                                             const std::string& lang)>;

// Seals the screening for the care team and puts it in the outbox. Returns the pickup code the
// person shows at the front desk, or nullopt if it could not seal.
using ScreeningSharer = std::function<std::optional<std::string>(
    const core::Response& response, const core::ScreeningResult& result, const std::string& lang)>;

class Kiosk {
public:
    Kiosk(std::shared_ptr<const core::Questionnaire> questionnaire, const SiteConfig& site);

    // Draws the current screen below the header (the App draws the header).
    void draw(Context& ctx, DisplaySettings& display);
    void set_service_finder(ServiceFinder finder) { m_find_services = std::move(finder); }
    void set_sharer(ScreeningSharer share) { m_share = std::move(share); }
    // The outbox write of the last share finished (false: it failed, tell the person).
    void share_stored(bool ok);
    // Input arrived at `now` (platform seconds): the idle timer starts again.
    void note_input(double now) { m_last_input = now; }
    // When something on screen next changes with time (platform seconds; infinity: nothing
    // will): the idle warning appearing, each second of its countdown, the thank-you's end.
    double redraw_due_at(double now) const;
    // How long the "thank you" stays before the kiosk resets for the next person.
    static constexpr double kThanksSeconds = 8.0;
    bool session_active() const { return m_flow.step() != KioskStep::Welcome; }
    // The form being asked, and one more language's wording for it (fetched when the person chose
    // the language: ui/app/app.cpp), a session under way included.
    const core::Questionnaire& questionnaire() const { return m_flow.questionnaire(); }
    void add_translation(const core::InstrumentTranslation& t) { m_flow.response().add_translation(t); }
    KioskStep step() const { return m_flow.step(); }
    void start() { m_flow.start(); }
    // Back to the welcome screen with nothing of the session left.
    void wipe(Context& ctx, DisplaySettings& display);
    // For the test surface: the screen and what it shows (no answers).
    nlohmann::json state() const;
    // What is on screen, e.g. "question:3" (a new one opens at its top and is announced).
    std::string screen_key() const;
    // What a new session starts with (the system may ask for high contrast).
    void set_display_defaults(const DisplaySettings& d) { m_display_defaults = d; }

private:
    void draw_privacy(Context& ctx);
    void draw_question(Context& ctx);
    // The steps of draw_question (ui/kiosk/kiosk_question.cpp).
    void load_number_pad(std::size_t index);
    void draw_question_progress(Context& ctx, std::size_t index);
    void draw_answers(Context& ctx, const core::Item& it, std::size_t index);
    // "Add another <group>" and "Remove <group> <n>" under the last question of an instance of
    // a repeating group; what was pressed is done after the screen is drawn (it moves items).
    struct InstanceAction {
        std::size_t group = 0;
        bool add = true;
    };
    std::optional<InstanceAction> draw_instance_buttons(Context& ctx, std::size_t index);
    void question_nav(Context& ctx, const core::Item& it, std::size_t index, bool declined);
    void draw_review(Context& ctx);
    void draw_location(Context& ctx);
    void draw_results(Context& ctx);
    void draw_take_home(Context& ctx, bool any_need);
    void draw_share(Context& ctx);
    void draw_finished(Context& ctx, DisplaySettings& display);
    void draw_idle_warning(Context& ctx, DisplaySettings& display, double now);
    void draw_finish_confirm(Context& ctx, DisplaySettings& display);
    // Says what a new screen is to assistive technology ("Question 3 of 10: ...").
    void announce_screen(Context& ctx);
    void draw_services(Context& ctx, const std::string& domain);
    void draw_qr(Context& ctx);
    void print_list(Context& ctx);
    // The take-home list as plain text (for the QR code): needs, then names and phone numbers.
    std::string take_home_text(Context& ctx);
    const std::vector<ServiceCard>& services_for(Context& ctx, const std::string& domain);
    void finish_and_clear(Context& ctx, DisplaySettings& display);
    // The question's text and options read aloud in the current language.
    void read_aloud(Context& ctx, std::size_t item);
    // The language the questions are asked in (site.json "instrument_translations"): the
    // person's, or the form's own where the site keeps project translations from patients,
    // which sets m_translation_withheld (the question screens then say so).
    std::string form_language(const Context& ctx);
    std::string answer_text(Context& ctx, std::size_t item) const;

    const SiteConfig& m_site;
    KioskFlow m_flow;
    std::string m_number;            // the value being typed on the number pad
    std::size_t m_number_item = static_cast<std::size_t>(-1);  // the question m_number belongs to
    std::string m_zip_entry;         // the ZIP being typed on the location screen
    double m_last_input = 0;
    double m_finished_at = -1;
    double m_drawn_at = -1;  // platform time of the last draw (redraw_due_at: what changed since)
    bool m_finish_requested = false;
    bool m_confirm_finish = false;  // "Finish and clear" asks first: it erases everything
    bool m_show_qr = false;
    // Where Read aloud found no voice for the language (the screen's key and the language): the
    // screen says so there, instead of reading in another language's voice.
    std::string m_no_voice;

    bool m_translation_withheld = false;
    bool m_untranslated = false;  // the form has no wording in the person's language at all
    std::string m_announced_screen = "welcome";
    int m_idle_announced = -1;      // the idle countdown's last announced step (seconds left)
    bool m_redraw_after_wipe = false;  // a wipe happens at the end of a frame that drew the session
    DisplaySettings m_display_defaults;
    ServiceFinder m_find_services;
    ScreeningSharer m_share;
    std::string m_pickup_code;
    // Services found for this session, per domain and language (cleared by wipe()).
    std::map<std::string, std::vector<ServiceCard>> m_services;
    enum class ShareStatus { None, Done, Failed } m_share_status = ShareStatus::None;
};

}  // namespace safetynet::ui
