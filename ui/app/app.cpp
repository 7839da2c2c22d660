#include "ui/app/app.hpp"

#include "core/base/error.hpp"
#include "core/base/languages.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/translation_provenance.hpp"
#include "ui/shell/context.hpp"
#include "ui/shell/distance_text.hpp"
#include "ui/kiosk/kiosk_welcome.hpp"
#include "ui/shell/theme.hpp"
#include "ui/shell/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace safetynet::ui {

App::App(Platform& platform, WorkspaceFactory make_workspace)
    : m_platform(platform), m_make_workspace(make_workspace), m_device(platform) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of a session is written anywhere
    io.LogFilename = nullptr;
    // No ImGui keyboard navigation: the keyboard focus is the one the page and the semantic tree
    // share (ui/shell/semantic_actions.hpp), with its own ring; a second, invisible focus moving
    // under the arrow keys would only confuse.
    apply_display_settings();
    apply_site(SiteConfig{});  // a working kiosk at once; the site's file refines it
    // A language the page was opened in (the right-to-left program is started so: web/loader.js).
    if (const std::string lang = m_platform.requested_language(); !lang.empty()) m_i18n.set_language(lang);

    m_platform.fetch_asset("assets/site.json", [this](std::optional<std::string> text) {
        // No site file: the defaults stand (a kiosk that screens but cannot share).
        if (text) {
            SiteConfig site = SiteConfig::parse(*text);
            if (site.form.empty()) return apply_site(std::move(site));
            const std::string form = site.form;
            m_platform.fetch_asset(form, [this, site = std::move(site)](std::optional<std::string> json) mutable {
                load_site_form(site, json);
                apply_site(std::move(site));
            });
        } else {
            if (m_mode == "kiosk") m_device.load(m_site);
            m_directory.load(m_platform, m_site.directory, [this] { m_data_changed = true; });
        }
    });
}

// The site's own Questionnaire; when it cannot be had, the built-in instrument stands and the
// staff see why (site.warnings).
void App::load_site_form(SiteConfig& site, const std::optional<std::string>& json) {
    if (!json) {
        site.warnings.emplace_back("site-form", site.form, "could not be fetched; using " + site.instrument,
                                   core::ErrorParams{{"instrument", site.instrument}});
        return;
    }
    try {
        site.site_form = std::make_shared<const core::Questionnaire>(core::Questionnaire::parse(*json, site.form));
    } catch (const core::Error& e) {
        // The kiosk program has no FHIRPath engine: the program that has one takes over (its
        // start shows the site's form; until then the built-in instrument stands).
        if (e.kind() == "form-needs-expressions") m_needs_form_expressions = true;
        site.warnings.emplace_back("site-form", site.form, std::string(e.what()) + "; using " + site.instrument,
                                   core::ErrorParams{{"instrument", site.instrument}});
        site.warnings.push_back(e);  // why, in the person's language too
    }
}

void App::apply_site(SiteConfig site) {
    // Never swap the questionnaire under someone who is answering it.
    if (m_kiosk && m_kiosk->session_active()) return;
    std::shared_ptr<const core::Questionnaire> q = site.site_form;
    try {
        if (!q) q = core::load_builtin_instrument(site.instrument);
    } catch (const core::Error& e) {
        std::string ids;
        for (const std::string& id : core::builtin_instrument_ids()) ids += (ids.empty() ? "" : " | ") + id;
        site.warnings.emplace_back("site-value", "site.json", "instrument: " + std::string(e.what()) + "; using ahc-hrsn",
                                   core::ErrorParams{{"field", "instrument"}, {"expected", ids}});
        site.instrument = "ahc-hrsn";
        q = core::load_builtin_instrument(site.instrument);
    }
    if (const auto fetched = m_instrument_translations.find(site.instrument);
        !site.site_form && fetched != m_instrument_translations.end())
        q = core::with_translations(*q, fetched->second);
    const bool first = !m_kiosk;
    m_site = std::move(site);
    m_directory.set_text_language(m_site.directory_language);
    // The language picker shows the site's languages in their own words: their fonts' first
    // files are fetched now, and the service worker keeps them for offline use.
    for (const core::LanguageInfo& l : m_i18n.languages())
        if (std::count(m_site.languages.begin(), m_site.languages.end(), l.code))
            m_demand_fonts.want(l.native_name);
    // The mode: what the person opened (#clinic, #org, #kiosk), else what the site runs.
    const std::string requested = m_platform.requested_mode();
    m_mode = requested == "clinic" || requested == "org" || requested == "kiosk" ? requested : m_site.mode;
    if (m_mode != "clinic" && m_mode != "org") m_mode = "kiosk";
    if (m_mode != "kiosk" && !m_workspace && m_make_workspace)
        m_workspace = m_make_workspace(m_platform, m_mode == "clinic" ? WorkspaceRole::Clinic : WorkspaceRole::Organization,
                                       m_site, m_directory);
    m_kiosk = std::make_unique<Kiosk>(std::move(q), m_site);
    m_fonts_language.clear();  // its questions' characters (want_language_glyphs)
    m_kiosk->set_display_defaults(m_display_defaults);
    m_kiosk->note_input(m_platform.now_seconds());
    m_kiosk->set_sharer([this](const core::Response& r, const core::ScreeningResult& result, const std::string& lang) {
        return m_device.share(r, result, lang, m_site, [this](bool ok) {
            if (m_kiosk) m_kiosk->share_stored(ok);
            m_data_changed = true;
        });
    });
    m_kiosk->set_service_finder([this](const std::string& domain, const std::string& zip, const std::string& lang) {
        return kiosk_services(domain, zip, lang);
    });
    if (!first) {
        // The kiosk's own key set (named after the site: wait for its file); staff modes keep
        // their keys in the encrypted store instead.
        if (m_mode == "kiosk") m_device.load(m_site);
        m_directory.load(m_platform, m_site.directory, [this] { m_data_changed = true; });
        m_directory.load_zips(m_platform);
    }
    m_data_changed = true;
}

std::vector<ServiceCard> App::kiosk_services(const std::string& domain, const std::string& zip, const std::string& lang) {
    constexpr std::size_t kShown = 3;  // a few good places read better than a long list
    core::MatchQuery query;
    m_directory.locate(query, zip, m_site.zip);
    query.limit = kShown;
    // Services in the person's language first; then others, so nobody is left with nothing.
    query.languages = {lang};
    std::vector<ServiceMatch> found = m_directory.find({domain}, query);
    if (found.size() < kShown) {
        query.languages.clear();
        for (ServiceMatch& m : m_directory.find({domain}, query)) {
            const bool dup = std::any_of(found.begin(), found.end(),
                                         [&](const ServiceMatch& f) { return f.details == m.details; });
            if (!dup && found.size() < kShown) found.push_back(std::move(m));
        }
    }
    std::vector<ServiceCard> cards;
    for (const ServiceMatch& m : found) {
        ServiceCard c;
        const auto name = m_directory.text(m.details->translations, lang, "name", m.details->name);
        const auto description = m_directory.text(m.details->translations, lang, "description", m.details->description);
        c.name = name.text;
        c.name_lang = name.lang;
        c.description = description.text;
        c.description_lang = description.lang;
        if (c.description.size() > 180) {  // the first sentence or so; the rest is a phone call away
            // At a space, else (Chinese, Japanese: no spaces) between two characters.
            std::size_t cut = c.description.rfind(' ', 177);
            if (cut == std::string::npos)
                for (cut = 177; cut > 0 && (static_cast<unsigned char>(c.description[cut]) & 0xC0) == 0x80;) --cut;
            c.description.resize(cut);
            c.description += "…";
        }
        c.address = m.address;
        c.phone = m.details->phone;
        c.hours = core::render_hours(*m.details, m_i18n);
        c.languages = core::render_languages(*m.details, m_i18n);
        for (const std::string* text : {&c.name, &c.description, &c.address, &c.hours, &c.languages})
            m_demand_fonts.want(*text);
        if (m.distance_km >= 0)
            c.distance = miles_text(m_i18n, m.distance_km);
        cards.push_back(std::move(c));
    }
    return cards;
}

bool App::needs_shaper() const {
    const core::Language* language = core::find_language(m_i18n.language());
    return !m_shaped && language && language->direction == core::TextDirection::RightToLeft && m_mode == "kiosk" &&
           m_kiosk && !m_kiosk->session_active() && !m_staff.open();
}

void App::set_shaped_text(ShapedText* shaped) {
    m_shaped = shaped;
    if (m_shaped) m_shaped->set_demand_fonts(&m_demand_fonts);
    m_applied.text_size = -1;  // the next prepare_frame() rebuilds the atlas with it
}

void App::note_input() {
    if (m_kiosk) m_kiosk->note_input(m_platform.now_seconds());
    if (m_workspace) m_workspace->note_input(m_platform.now_seconds());
}

namespace {
// How many device pixels a CSS pixel has (the browser's zoom and devicePixelRatio): glyphs are
// rasterised that much larger so text stays crisp, up to 2x, and a body size of 60 device px
// (the atlas of four faces grows with the square of it).
float raster_scale(float body_px) {
    const float dpr = ImGui::GetIO().DisplayFramebufferScale.x;
    const float quarter = std::round(std::max(dpr, 1.0f) * 4.0f) / 4.0f;
    return std::clamp(quarter, 1.0f, std::max(1.0f, std::min(2.0f, 60.0f / body_px)));
}
}  // namespace

void App::apply_display_settings() {
    const float scale = ui_scale(m_display);
    const float body = kTextSizes[static_cast<std::size_t>(m_display.text_size)];
    const float raster = raster_scale(body);
    if (m_display.text_size != m_applied.text_size || raster != m_raster) {
        m_fonts = build_fonts(*ImGui::GetIO().Fonts, body, raster, &m_demand_fonts, m_shaped);
        m_raster = raster;
    }
    apply_theme(palette(m_display.high_contrast), scale);
    m_applied = m_display;
}

void App::want_language_glyphs() {
    if (m_i18n.language() == m_fonts_language) return;
    m_fonts_language = m_i18n.language();
    // Wanted a moment later, not now: this frame rasterises the characters of the screen it
    // draws (take_redo_for_glyphs), a few dozen, and a frame after its paint the rest. Building
    // the atlas with all of a Chinese catalog's was most of the time from the touch to the
    // screen in Chinese (bench/language_switch).
    m_later_glyphs_at = m_platform.now_seconds() + kLaterGlyphsSeconds;
    if (const core::Catalog* c = m_i18n.catalog(m_fonts_language))
    {
        // The staff workspace's texts (ws.*) only where a workspace runs: the kiosk never shows
        // them, and every character costs the atlas four glyphs to rasterise (Chinese: 118 of
        // its 664 characters, bench/language_switch).
        const auto shown = [this](const std::string& key) { return m_workspace || key.rfind("ws.", 0) != 0; };
        for (const auto& [key, text] : c->texts())
            if (shown(key)) m_demand_fonts.want_later(text);
        for (const auto& [key, forms] : c->plurals())
            if (shown(key))
                for (const std::string& form : forms) m_demand_fonts.want_later(form);
    }
    // And the kiosk's questions in that language (a built-in instrument's wording arrives with
    // the catalog; a site's form has its own): their characters may be in no catalog.
    if (!m_kiosk) return;
    const core::Questionnaire& form = m_kiosk->questionnaire();
    const std::string lang = core::screening_language(form, m_fonts_language, false);
    m_demand_fonts.want_later(form.title().in(lang));
    for (const core::Item& it : form.items()) {
        for (const core::LocalizedText* t : {&it.text, &it.prefix, &it.help}) m_demand_fonts.want_later(t->in(lang));
        for (const core::AnswerOption& o : it.options) m_demand_fonts.want_later(o.label.in(lang));
    }
}

// While a language's characters wait (want_language_glyphs), the screen drawn may have some of
// them: its texts (the semantic tree's names are the drawn labels, values what the fields show)
// are wanted now, and when their file is here already the frame is worth drawing again.
bool App::take_redo_for_glyphs() {
    if (!m_demand_fonts.has_deferred()) return false;
    for (const SemanticNode& n : m_semantics.nodes()) {
        for (const std::string* text : {&n.name, &n.value, &n.description}) m_demand_fonts.want(*text);
        for (const std::string& option : n.options) m_demand_fonts.want(option);
    }
    return m_demand_fonts.changed();
}

// A language chosen whose catalog this program does not carry (core/base/i18n.hpp: the browser
// programs carry English and Spanish) is fetched, i18n/<code>.json beside the program, and
// switched to when it arrives; the service worker keeps the catalogs for offline use
// (web/CMakeLists.txt). Until then the screen stays in the language it was in.
void App::fetch_wanted_catalog() {
    const std::string wanted = m_i18n.wanted_language();
    if (wanted.empty() || wanted == m_catalog_fetching || m_waiting_catalog) return;
    m_catalog_fetching = wanted;
    const std::string path = "i18n/" + wanted + ".json";
    m_platform.fetch_asset(path, [this, wanted, path](std::optional<std::string> text) {
        m_catalog_fetching.clear();
        m_data_changed = true;
        if (m_i18n.has_catalog(wanted)) return;  // already added meanwhile
        try {
            if (!text) throw core::Error("io", path, "the catalog could not be fetched");
            core::Catalog catalog = core::Catalog::parse(*text, path);
            // The questions' wording in that language is still on its way: the screen switches
            // when it comes (App::fetch_instrument_translation), questions and all.
            if (m_translation_fetching == m_site.instrument + "." + wanted)
                return void(m_waiting_catalog.emplace(std::move(catalog), path));
            m_i18n.add_catalog(std::move(catalog), path);
        } catch (const core::Error& e) {
            std::fprintf(stderr, "safetynet: %s\n", e.what());
            const bool still_wanted = m_i18n.wanted_language() == wanted;
            if (still_wanted) m_i18n.forget_wanted_language();
            const core::Language* language = core::find_language(wanted);
            if (still_wanted) show_notice("lang.unavailable", {{"language", language ? language->native_name : wanted}});
        }
    });
}

// The built-in instrument's wording in a language the program does not carry (the browser
// programs carry English and Spanish: core/CMakeLists.txt) is fetched, instruments/<id>.<lang>.json
// beside the program, when the language is chosen, and put over the kiosk's form, a session under
// way included (core::Response::add_translation). A site's own form has the translations it has.
// Where the file cannot be had, the questions stay in the form's language and the question screens
// say so (Kiosk::form_language).
void App::fetch_instrument_translation() {
    if (!m_kiosk || m_site.site_form || !m_translation_fetching.empty()) return;
    const std::string lang = m_i18n.wanted_language().empty() ? m_i18n.language() : m_i18n.wanted_language();
    // Each instrument and language is looked at once (this runs before every frame): the form has
    // the language, or its file is asked for, once.
    const std::string key = m_site.instrument + "." + lang;
    if (!m_translations_checked.insert(key).second) return;
    if (core::translation_provenance(m_kiosk->questionnaire(), lang)) return;  // it has that language
    m_translation_fetching = key;
    const std::string path = "instruments/" + key + ".json";
    m_platform.fetch_asset(path, [this, key, path](std::optional<std::string> text) {
        m_translation_fetching.clear();
        m_data_changed = true;
        const std::string id = key.substr(0, key.find('.'));
        try {
            if (!text) throw core::Error("io", path, "the instrument's translation could not be fetched");
            if (!m_kiosk || id != m_site.instrument) return;  // the site changed its instrument meanwhile
            for (core::InstrumentTranslation& t : core::parse_instrument_translation(*text, path, m_kiosk->questionnaire())) {
                m_kiosk->add_translation(t);
                m_instrument_translations[id].push_back(std::move(t));
            }
            m_fonts_language.clear();  // the new wording's characters (want_language_glyphs)
        } catch (const core::Error& e) {
            std::fprintf(stderr, "safetynet: %s\n", e.what());
        }
        if (m_waiting_catalog) {
            auto [catalog, catalog_path] = std::move(*m_waiting_catalog);
            m_waiting_catalog.reset();
            if (!m_i18n.has_catalog(catalog.language().code)) m_i18n.add_catalog(std::move(catalog), catalog_path);
        }
    });
}

bool App::prepare_frame() {
    fetch_instrument_translation();
    fetch_wanted_catalog();
    // The characters kept for later (want_language_glyphs), once the frame that switched has
    // been painted. Meanwhile each screen drawn has its own (take_redo_for_glyphs).
    if (m_demand_fonts.has_deferred() && m_platform.now_seconds() >= m_later_glyphs_at) m_demand_fonts.want_deferred();
    want_language_glyphs();
    m_demand_fonts.update(m_platform);
    const float raster = raster_scale(kTextSizes[static_cast<std::size_t>(m_display.text_size)]);
    // A fetched font, new characters from one, or glyphs the shaper drew that the atlas lacks.
    const bool shaped_changed = m_shaped && m_shaped->take_changed();
    if (m_demand_fonts.take_changed() || shaped_changed) {
        m_fonts = build_fonts(*ImGui::GetIO().Fonts, kTextSizes[static_cast<std::size_t>(m_display.text_size)], raster,
                              &m_demand_fonts, m_shaped);
        m_raster = raster;
        const bool settings_changed = !(m_display == m_applied);
        if (settings_changed) apply_display_settings();
        return true;
    }
    if (m_display == m_applied && raster == m_raster) return false;
    const bool fonts_changed = m_display.text_size != m_applied.text_size || raster != m_raster;
    apply_display_settings();
    return fonts_changed;
}

void App::set_system_high_contrast(bool on) {
    if (m_display_defaults.high_contrast == on) return;
    m_display_defaults.high_contrast = on;
    m_display.high_contrast = on;
    if (m_kiosk) m_kiosk->set_display_defaults(m_display_defaults);
    m_data_changed = true;
}

double App::redraw_due_at(double now) const {
    if (m_data_changed || m_actions.pending() || m_demand_fonts.wants_update()) return now;
    // A language was chosen whose catalog is not here: the next frame asks for it.
    if (!m_i18n.wanted_language().empty() && m_catalog_fetching.empty() && !m_waiting_catalog) return now;
    if (m_shaped && m_shaped->changed()) return now;  // glyphs to rasterise: the next frame draws them
    double due = std::numeric_limits<double>::infinity();
    if (m_demand_fonts.has_deferred()) due = m_later_glyphs_at;  // a language's other characters
    if (m_kiosk) due = std::min(due, m_kiosk->redraw_due_at(now));
    if (m_workspace) due = std::min(due, m_workspace->redraw_due_at(now));
    // A notice is painted once, then again when it is due to go (just past kNoticeSeconds: the
    // frame compares with ">"), not at every wake-up while it shows.
    if (m_notice) due = std::min(due, m_notice->shown_at < 0 ? now : m_notice->shown_at + kNoticeSeconds + 1e-3);
    return due;
}

void App::frame() {
    m_data_changed = false;
    m_widgets.begin_frame();
    m_semantics.begin_frame(m_i18n.language());
    m_actions.apply_scrolls();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) m_actions.hide_ring();  // a pointer: no ring
    if (const ImVec2 size = ImGui::GetIO().DisplaySize; size.x != m_display_size.x || size.y != m_display_size.y) {
        m_display_size = size;
        m_actions.keep_focus_in_view();
    }
    const std::string screen = m_workspace ? std::string() : m_staff.open() ? "staff:" + m_staff.state_id() : m_kiosk->screen_key();
    Context ctx{m_platform, m_i18n, m_widgets, m_semantics, m_actions, &palette(m_display.high_contrast), m_fonts,
                ui_scale(m_display), screen};
    const core::Language* language = core::find_language(m_i18n.language());
    ctx.rtl = language && language->direction == core::TextDirection::RightToLeft;
    ctx.shaped = m_shaped;
    if (m_shaped) m_shaped->set_screen_rtl(ctx.rtl);

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // A new screen opens at its top (in the compact layout the whole window scrolls). There the
    // kiosk's header scrolls with the page, and at 400 % zoom it is taller than the screen (290 px
    // of 256 at 320 x 256 CSS px): a screen after the welcome opens at its own top, the header one
    // scroll (or Shift+Tab) above it, so its heading is in view (issue #12 item 8: "each question
    // opens with its question text scrolled away").
    const bool new_screen = screen != m_last_screen;
    const bool below_header = !m_workspace && compact_layout(ctx) && (m_staff.open() || m_kiosk->step() != KioskStep::Welcome);
    if (new_screen) {
        m_last_screen = screen;
        ImGui::SetNextWindowScroll(ImVec2(0.0f, below_header ? m_header_height : 0.0f));
        m_actions.new_screen();
    }
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    // No background of its own: the platform clears the frame to WindowBg (web/main.cpp paint()),
    // and a second full-screen quad would double the pixels a software WebGL (SwiftShader, the
    // devices without a GPU) shades per frame, which is most of a tap's time to paint (issue 16).
    ImGui::Begin("SafetyNet", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
    if (m_workspace) {
        m_workspace->draw(ctx);
    } else {
        draw_kiosk_header(ctx, m_site.site_name, m_site.languages, m_kiosk->step() == KioskStep::Welcome && !m_staff.open(),
                          m_display);
        // The header's height as drawn (the page's scroll did not reach it when the last screen
        // was shorter, or the header changed): corrected on the next frame.
        if (new_screen && below_header && ImGui::GetScrollY() != ImGui::GetCursorPosY()) {
            ImGui::SetScrollY(ImGui::GetCursorPosY());
            m_data_changed = true;
        }
        m_header_height = ImGui::GetCursorPosY();
        if (m_staff.open()) {
            m_staff.draw(ctx, m_device, m_site);
        } else if (m_kiosk->step() == KioskStep::Welcome) {
            switch (draw_kiosk_welcome(ctx)) {
                case WelcomeAction::Start: m_kiosk->start(); break;
                case WelcomeAction::Staff:
                    m_staff.show();
                    m_device.refresh([this] { m_data_changed = true; });
                    break;
                case WelcomeAction::None: break;
            }
        } else {
            m_kiosk->draw(ctx, m_display);
        }
    }
    draw_notice(ctx);
    ImGui::End();
    m_widgets.end_frame();
    m_semantics.end_frame();
    m_actions.end_frame(m_semantics);
}

void App::show_notice(std::string key, std::vector<std::pair<std::string, std::string>> args) {
    m_notice = Notice{std::move(key), std::move(args), -1};
    m_semantics.announce(m_i18n.format(m_notice->key, m_notice->args));
    m_data_changed = true;
}

void App::draw_notice(Context& ctx) {
    if (!m_notice) return;
    const double now = m_platform.now_seconds();
    if (m_notice->shown_at < 0) m_notice->shown_at = now;
    if (now - m_notice->shown_at > kNoticeSeconds) {
        m_notice.reset();
        return;
    }
    const std::string text = ctx.i18n.format(m_notice->key, m_notice->args);
    const Palette& p = *ctx.palette;
    const ImVec2 win = ImGui::GetWindowSize();
    const float pad = 20 * ctx.scale;
    const float width = std::min(win.x - 2 * pad, 900 * ctx.scale);
    ImGui::PushFont(ctx.fonts.body);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 2 * pad);
    const ImVec2 box(width, std::max(size.y + 2 * pad, touch_target(ctx.scale)));
    const ImVec2 pos((win.x - box.x) * 0.5f, win.y - box.y - pad);
    ImGui::SetCursorPos(pos);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.primary_active);
    ImGui::PushStyleColor(ImGuiCol_Text, p.on_primary);
    ImGui::BeginChild("notice", box, false, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPos(ImVec2(pad, (box.y - size.y) * 0.5f));
    ImGui::PushTextWrapPos(box.x - pad);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    // Touching the note dismisses it: a button named by what it says.
    ImGui::SetCursorPos(ImVec2(0, 0));
    const bool dismissed = ImGui::InvisibleButton("##dismiss", box);
    describe(ctx, "notice", Role::Button, text);
    if (pressed_or_activated(ctx, "notice", dismissed)) m_notice.reset();
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
    ImGui::PopFont();
}

std::string App::state_json() const {
    nlohmann::json s{{"mode", m_mode},
                     {"lang", m_i18n.language()},
                     {"text_size", m_display.text_size},
                     {"high_contrast", m_display.high_contrast},
                     {"site", m_site.site_name},
                     {"notice", m_notice ? nlohmann::json(m_notice->key) : nlohmann::json(nullptr)}};
    const nlohmann::json k = m_kiosk->state();
    s["screen"] = m_staff.open() ? nlohmann::json("staff") : k["step"];
    s["kiosk"] = k;
    s["staff"] = m_staff.state_id();
    s["outbox"] = m_device.outbox().size();
    if (m_workspace) {
        s["screen"] = "workspace";
        s["workspace"] = m_workspace->state();
    }
    return s.dump();
}

}  // namespace safetynet::ui
