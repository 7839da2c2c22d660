#pragma once
// The SafetyNet UI as one object the platform drives: call prepare_frame() before
// ImGui::NewFrame() and frame() between NewFrame() and Render().
#include "core/base/i18n.hpp"
#include "core/screening/instrument_translation.hpp"
#include "ui/shell/demand_fonts.hpp"
#include "ui/shell/directory_service.hpp"
#include "ui/shell/display_settings.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/kiosk/kiosk.hpp"
#include "ui/kiosk/kiosk_device.hpp"
#include "ui/kiosk/kiosk_staff.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/semantic_actions.hpp"
#include "ui/shell/semantic_tree.hpp"
#include "ui/shell/site_config.hpp"
#include "ui/shell/widget_registry.hpp"
#include "ui/workspace/workspace.hpp"

#include <map>
#include <memory>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace safetynet::ui {

struct Context;

// The staff workspace (ui/workspace) as App drives it. App holds it only through this
// interface and builds it only through a WorkspaceFactory, so a program for the kiosk alone
// (web/: the first load, issue 16) never references the workspace's code and the linker
// leaves it out.
class StaffSide {
public:
    virtual ~StaffSide() = default;
    virtual void draw(Context& ctx) = 0;
    virtual double redraw_due_at(double now) const = 0;
    virtual void note_input(double now) = 0;
    virtual nlohmann::json state() const = 0;
};
using WorkspaceFactory = std::unique_ptr<StaffSide> (*)(Platform&, WorkspaceRole, const SiteConfig&, DirectoryService&);

class App {
public:
    // Needs a current ImGui context; loads fonts and starts reading the site configuration.
    // The whole app: kiosk and workspace (app_workspace.cpp).
    explicit App(Platform& platform);
    // make_workspace nullptr: the kiosk alone. A site or URL asking for a staff mode then
    // gets needs_workspace(), and the platform starts the program that has it.
    App(Platform& platform, WorkspaceFactory make_workspace);

    // Before ImGui::NewFrame(): applies a pending text-size or contrast change. Returns true
    // when the font atlas was rebuilt, so the renderer must upload its texture again.
    bool prepare_frame();
    // Draws the whole UI for one frame.
    void frame();
    // After frame() and ImGui::Render(): true when the frame drew characters the font atlas lacks
    // and can have now (a language just switched to: the characters of its texts not on the
    // screen come a moment later, DemandFonts::want_later). The platform runs the frame again,
    // prepare_frame() first (which rebuilds the atlas with them), and paints that one: no frame
    // shows a missing glyph.
    bool take_redo_for_glyphs();
    // When the screen must next be redrawn although no input arrives (platform seconds): `now`
    // or earlier when new data came in or work is under way (progress), else the moment
    // something on it changes with time (a notice timing out, a countdown, the idle lock);
    // infinity when nothing will. The platform sleeps until then (issue 16: a screen at rest
    // costs no CPU, and a sleeping loop is not polled several times a second).
    double redraw_due_at(double now) const;
    bool wants_redraw(double now) const { return redraw_due_at(now) <= now; }

    // The shaper that draws right-to-left text (the right-to-left program's; none by default:
    // ImGui draws it). It must outlive the App.
    void set_shaped_text(ShapedText* shaped);

    // Input (pointer, touch, keys) arrived: idle timers start again.
    void note_input();
    const core::Translator& translator() const { return m_i18n; }
    // For tests that add a catalog of their own (the pseudo-localization test's).
    core::Translator& translator() { return m_i18n; }
    const SiteConfig& site() const { return m_site; }
    const DisplaySettings& display() const { return m_display; }
    // The faces of the last frame (tests compare what the shaper placed in them).
    const FontSet& fonts() const { return m_fonts; }
    const WidgetRegistry& widgets() const { return m_widgets; }
    // The semantic tree of the last frame (what assistive technology gets), and the requests
    // that come back through it (focus, activation, text, values, scrolling). A request makes
    // wants_redraw() true until a frame has taken it.
    const SemanticTree& semantics() const { return m_semantics; }
    SemanticTree& semantics() { return m_semantics; }
    SemanticActions& actions() { return m_actions; }
    // The system asks for more contrast (Windows' forced colours, prefers-contrast: more): the
    // high-contrast theme becomes the default, in every mode and for every kiosk session.
    void set_system_high_contrast(bool on);
    // "kiosk", "clinic" or "org": the URL's choice, else the site's.
    const std::string& mode() const { return m_mode; }
    // The mode is a staff one but this program was built without the workspace.
    bool needs_workspace() const { return m_mode != "kiosk" && !m_workspace; }
    // The language chosen is written right to left and this program has no shaper (the kiosk
    // program, the first load): while no one has started a screening (the welcome screen), the
    // platform starts the program that has one, in that language (web/loader.js). Later on, the
    // screens stay in this program and ImGui draws the text unshaped.
    bool needs_shaper() const;
    // The site's own form has FHIRPath expressions and this program has no engine for them
    // (core/screening/form_expressions.hpp): the platform starts the program that has one.
    bool needs_form_expressions() const { return m_needs_form_expressions; }
    // A JSON snapshot for the end-to-end test surface: screen, language, display settings.
    std::string state_json() const;

    // A short message from the platform (e.g. "notice.updated" with {"version", "0.2.0"}),
    // shown at the bottom of the screen in the current language until touched or timed out.
    void show_notice(std::string key, std::vector<std::pair<std::string, std::string>> args);

private:
    void apply_display_settings();
    // Asks DemandFonts for the characters of the current language's texts and of the kiosk's questions
    // in it (once per language and form wording).
    void want_language_glyphs();
    void fetch_wanted_catalog();
    void fetch_instrument_translation();
    void apply_site(SiteConfig site);
    void load_site_form(SiteConfig& site, const std::optional<std::string>& json);
    // The kiosk's "places that can help" for one need, in the person's language.
    std::vector<ServiceCard> kiosk_services(const std::string& domain, const std::string& zip, const std::string& lang);
    void draw_notice(Context& ctx);

    // How long a notice stays up unless touched.
    static constexpr double kNoticeSeconds = 15.0;
    struct Notice {
        std::string key;
        std::vector<std::pair<std::string, std::string>> args;
        double shown_at = -1;  // platform seconds, set at first draw
    };

    Platform& m_platform;
    core::Translator m_i18n;
    WidgetRegistry m_widgets;
    SemanticTree m_semantics;
    SemanticActions m_actions;
    DisplaySettings m_display_defaults;  // what a new kiosk session starts with
    std::string m_last_screen;           // what the last frame showed (a new screen opens at its top)
    float m_header_height = 0;           // the kiosk header's height in the last frame
    ImVec2 m_display_size{0, 0};         // a new size keeps the focused widget in view
    SiteConfig m_site;
    DisplaySettings m_display;
    DisplaySettings m_applied{-1, false};
    FontSet m_fonts;
    ShapedText* m_shaped = nullptr;
    float m_raster = 1.0f;  // device pixels per CSS pixel the font atlas is rasterised for
    // The fonts fetched when the texts need them, and the language whose texts were asked for.
    DemandFonts m_demand_fonts;
    std::string m_fonts_language;
    // When the characters of a language's texts kept for later (want_language_glyphs) are
    // rasterised: a moment after the frame that switched, once it has been painted.
    static constexpr double kLaterGlyphsSeconds = 0.25;
    double m_later_glyphs_at = 0;  // platform seconds
    std::string m_catalog_fetching;  // the language whose catalog is on its way (App::fetch_wanted_catalog)
    bool m_needs_form_expressions = false;
    // The built-in instrument's wording in languages fetched so far, per instrument id, put over
    // every kiosk made after (App::fetch_instrument_translation); what was looked at ("id.lang",
    // once each: a file that is not there is not asked for again), what is on its way, and a
    // catalog that arrived first and waits for it (the screen switches language once).
    std::map<std::string, std::vector<core::InstrumentTranslation>> m_instrument_translations;
    std::set<std::string> m_translations_checked;
    std::string m_translation_fetching;
    std::optional<std::pair<core::Catalog, std::string>> m_waiting_catalog;
    std::unique_ptr<Kiosk> m_kiosk;
    // The staff workspace, when the app was opened as #clinic or #org (or the site says so).
    WorkspaceFactory m_make_workspace = nullptr;
    std::unique_ptr<StaffSide> m_workspace;
    std::string m_mode = "kiosk";
    KioskDevice m_device;
    DirectoryService m_directory;
    KioskStaff m_staff;
    std::optional<Notice> m_notice;
    bool m_data_changed = true;  // set by asynchronous loads; cleared when a frame is drawn
};

}  // namespace safetynet::ui
