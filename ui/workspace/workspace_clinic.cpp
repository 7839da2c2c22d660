// The clinic's screenings and the referral form.
#include "core/base/calendar_date.hpp"
#include "core/base/clock.hpp"
#include "core/base/error.hpp"
#include "core/base/languages.hpp"
#include "core/base/number.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/score_overlap.hpp"
#include "core/screening/translation_provenance.hpp"
#include "core/match/match_reasons.hpp"
#include "core/directory/schedule.hpp"
#include "core/actions/refer_per_organization.hpp"
#include "core/actions/store_actions.hpp"
#include "ui/shell/distance_text.hpp"
#include "ui/shell/widgets.hpp"
#include "ui/workspace/workspace.hpp"
#include "ui/workspace/workspace_widgets.hpp"

#include <imgui.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

namespace safetynet::ui {
namespace {

template <std::size_t N>
void wipe(std::array<char, N>& a) {
    sodium_memzero(a.data(), a.size());
}

template <std::size_t N>
void set_text(std::array<char, N>& a, const std::string& s) {
    std::snprintf(a.data(), a.size(), "%s", s.c_str());
}

void wipe_patient(core::ReferralPatient& p) {
    for (std::string* s : {&p.name, &p.birth_date, &p.phone, &p.email, &p.language}) sodium_memzero(s->data(), s->size());
}

// The form's picks, in the order the form keeps them ("service|location").
std::vector<core::PickedService> picked_services(const std::map<std::string, core::PickedService>& picks) {
    std::vector<core::PickedService> out;
    for (const auto& [key, pick] : picks) out.push_back(pick);
    return out;
}

const char* const kInstruments[] = {"ahc-hrsn", "ahc-hrsn-full", "hunger-vital-sign", "prapare"};
const char* const kPriorities[] = {"routine", "urgent", "asap", "stat"};

}  // namespace

void Workspace::ReferForm::wipe() {
    safetynet::ui::wipe(name);
    safetynet::ui::wipe(birth_date);
    safetynet::ui::wipe(phone);
    safetynet::ui::wipe(email);
    safetynet::ui::wipe(person_language);
    safetynet::ui::wipe(consent_by);
    safetynet::ui::wipe(scope);
    safetynet::ui::wipe(note);
    safetynet::ui::wipe(text);
    picks.clear();
    result.reset();
}

const core::TrustedContact* Workspace::contact_for_organization(const std::string& name) const {
    return core::contact_for_organization(m_session.store(), name);
}

// [SECTION] Screenings

namespace {

// A language by its own name ("Tiếng Việt"), and where a translation into it comes from.
std::string language_name(const std::string& code) {
    const core::Language* l = core::find_language(code);
    return l ? l->native_name : code;
}

std::string provenance_text(Context& ctx, const core::TranslationProvenance& t) {
    if (t.kind == "official") return ctx.i18n.format("ws.translation.official", {{"source", t.source}});
    return ctx.tr(t.kind == "project" ? "ws.translation.project" : "ws.translation.unstated");
}

// "Answered in Tiếng Việt — project translation, not validated": which wording the person
// answered, as the QuestionnaireResponse records it (docs/SCREENING.md).
std::string answered_in(Context& ctx, const core::TranslationProvenance& t) {
    return ctx.i18n.format("ws.screenings.answered_in",
                           {{"language", language_name(t.language)}, {"provenance", provenance_text(ctx, t)}});
}

}  // namespace

void Workspace::draw_screenings(Context& ctx) {
    const Palette& p = *ctx.palette;
    if (m_assisted) return draw_assisted(ctx);
    core::Store& store = m_session.store();

    section_title(ctx, ctx.tr("ws.screenings.new"));
    for (std::size_t i = 0; i < std::size(kInstruments); ++i) {
        const char* label = ctx.tr(std::string("ws.instrument.") + kInstruments[i]);
        if (i) same_line_if_button_fits(label, ImGui::GetFont());
        const std::string id = std::string("screen.start.") + kInstruments[i];
        if (small_button(ctx, id, label)) start_assisted(kInstruments[i]);
    }
    // The site's own form (site.json "form"), named by its title as the kiosk shows it.
    if (m_site.site_form) {
        const core::Questionnaire& form = *m_site.site_form;
        const std::string& title = form.title().in(ctx.i18n.language());
        same_line_if_button_fits(title.empty() ? form.id().c_str() : title.c_str(), ImGui::GetFont());
        if (small_button(ctx, "screen.start.site", title.empty() ? form.id().c_str() : title.c_str())) {
            m_assisted = std::make_unique<core::Response>(m_site.site_form);
            m_assisted_instrument = form.id();
        }
    }
    same_line_if_button_fits(ctx.tr("ws.screenings.import_form"), ImGui::GetFont());
    if (small_button(ctx, "screen.import_form", ctx.tr("ws.screenings.import_form"))) pick_form();
    draw_translations(ctx);
    paragraph(ctx, ctx.tr("ws.screenings.import_hint"), ctx.fonts.small, p.text_muted);
    if (small_button(ctx, "screen.import", ctx.tr("ws.screenings.import"))) pick_and_import(".age,.txt,application/octet-stream");

    section_title(ctx, ctx.tr("ws.screenings.list"));
    if (store.screenings().empty()) paragraph(ctx, ctx.tr("ws.screenings.none"), ctx.fonts.body, p.text_muted);
    std::vector<const core::StoredScreening*> list;
    for (const auto& [id, s] : store.screenings()) list.push_back(&s);
    std::sort(list.begin(), list.end(), [](auto* a, auto* b) { return a->authored > b->authored; });
    std::size_t n = 0;
    for (const core::StoredScreening* s : list) {
        const std::string card_id = "screening." + std::to_string(n++);
        begin_card(ctx, card_id, s->urgent ? &p.urgent : nullptr);
        std::string title = s->authored.substr(0, 16);
        std::replace(title.begin(), title.end(), 'T', ' ');
        title += "  ·  " + std::string(ctx.tr(s->source == "clinician" ? "ws.source.clinician" : "ws.source.kiosk"));
        if (!s->pickup_code.empty()) title += "  ·  " + ctx.i18n.format("ws.pickup", {{"code", s->pickup_code}});
        paragraph(ctx, title.c_str(), ctx.fonts.bold, p.text);
        std::string needs;
        for (const core::NeedSummary& need : s->needs)
            if (need.positive) needs += (needs.empty() ? "" : ", ") + std::string(ctx.tr("domain." + need.domain)) + (need.urgent ? " (!)" : "");
        paragraph(ctx, needs.empty() ? ctx.tr("ws.screenings.no_needs") : needs.c_str(), ctx.fonts.body, s->urgent ? p.urgent : p.text);
        if (s->translation) {
            paragraph(ctx, answered_in(ctx, *s->translation).c_str(), ctx.fonts.small, p.text);
            register_last_item(ctx, card_id + ".language");
        }
        std::size_t referred = 0;
        for (const auto& [rid, r] : store.referrals()) referred += r.screening_id == s->id;
        if (referred) paragraph(ctx, ctx.i18n.plural("ws.screenings.referred", referred).c_str(), ctx.fonts.small, p.text_muted);
        paragraph(ctx, s->patient_id.empty() ? ctx.tr("ws.screenings.unlinked")
                                        : ctx.i18n.format("ws.screenings.patient", {{"id", s->patient_id}}).c_str(),
                  ctx.fonts.small, p.text_muted);
        if (small_button(ctx, card_id + ".refer", ctx.tr("ws.screenings.refer"))) open_refer(ctx, s->id);
        ImGui::SameLine();
        const bool linking = m_link_screening == s->id;
        if (small_button(ctx, card_id + ".link", ctx.tr(linking ? "ws.hide" : "ws.screenings.link"))) {
            m_link_screening = linking ? "" : s->id;
            set_text(m_link_patient, s->patient_id);
        }
        if (linking) {
            text_field(ctx, card_id + ".patient", ctx.tr("ws.assisted.patient_id"), m_link_patient.data(), m_link_patient.size(), 0,
                       220 * ctx.scale);
            if (small_button(ctx, card_id + ".link_save", ctx.tr("ws.screenings.link_save"))) {
                core::StoredScreening changed_s = *s;
                changed_s.patient_id = m_link_patient.data();
                const std::string sid = changed_s.id;
                store.put_screening(std::move(changed_s));
                store.audit(actor(), "screening-linked", "screening " + sid);
                m_link_screening.clear();
                wipe(m_link_patient);
                changed();
                end_card();
                break;  // the list's pointers are stale now
            }
        }
        end_card();
    }
}

// A form of the clinic's own: a FHIR R4 Questionnaire picked together with the ValueSets it
// names (FHIR ValueSets or Bundles of them, issue 13); assisted screening starts with it.
void Workspace::pick_form() {
    m_platform.pick_files(".json,application/json,application/fhir+json", true, [this](std::vector<PickedFile> files) {
        if (files.empty() || m_session.state() != StoreSession::State::Unlocked) return;
        m_redraw = true;
        std::vector<nlohmann::json> value_sets;
        const PickedFile* form = nullptr;
        for (const PickedFile& f : files) {
            const nlohmann::json doc = nlohmann::json::parse(f.bytes, nullptr, /*allow_exceptions=*/false);
            const std::string type = doc.is_object() ? doc.value("resourceType", "") : "";
            if (type == "ValueSet" || type == "Bundle") value_sets.push_back(doc);
            else if (!form) form = &f;
        }
        if (!form) form = &files.front();  // the import names what is wrong with it
        try {
            auto q = std::make_shared<const core::Questionnaire>(core::Questionnaire::parse(form->bytes, form->name, &value_sets));
            m_assisted_instrument = q->id();
            m_assisted = std::make_unique<core::Response>(std::move(q));
        } catch (const core::Error& e) {
            set_message(m_i18n->format("ws.import.failed", {{"file", form->name}, {"error", error_message(e)}}), true);
        }
    });
}

// A clinic's certified translation: a file input (JSON), then what is loaded, per instrument.
void Workspace::draw_translations(Context& ctx) {
    if (small_button(ctx, "screen.translation", ctx.tr("ws.translation.load")))
        m_platform.pick_files(".json,application/json", false, [this](std::vector<PickedFile> files) {
            if (!files.empty()) load_translation(files.front());
            m_redraw = true;
        });
    for (const auto& [id, list] : m_translations)
        for (const core::InstrumentTranslation& t : list) {
            const std::string line = ctx.i18n.format("ws.translation.loaded", {{"instrument", ctx.tr("ws.instrument." + id)},
                                                                               {"language", language_name(t.provenance.language)},
                                                                               {"provenance", provenance_text(ctx, t.provenance)}});
            paragraph(ctx, line.c_str(), ctx.fonts.small, ctx.palette->text);
            register_last_item(ctx, "screen.translation." + id + "." + t.provenance.language);
        }
}

void Workspace::load_translation(const PickedFile& file) {
    try {
        const std::string target = core::translation_target(file.bytes, file.name);
        std::string id;
        for (const std::string& b : core::builtin_instrument_ids())
            if (b == target || core::load_builtin_instrument(b)->url() == target) id = b;
        if (id.empty()) throw core::Error("malformed-translation", file.name + " instrument", "\"" + target + "\" is not a built-in instrument");
        auto loaded = core::parse_instrument_translation(file.bytes, file.name, *core::load_builtin_instrument_in_every_language(id));
        // Only now, with the whole file read: one translation per language, the newest kept.
        auto& list = m_translations[id];
        for (core::InstrumentTranslation& t : loaded) {
            std::erase_if(list, [&](const auto& old) { return old.provenance.language == t.provenance.language; });
            list.push_back(std::move(t));
        }
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

void Workspace::start_assisted(const std::string& instrument) {
    try {
        auto q = core::load_builtin_instrument_in_every_language(instrument);
        if (const auto t = m_translations.find(instrument); t != m_translations.end()) q = core::with_translations(*q, t->second);
        m_assisted = std::make_unique<core::Response>(std::move(q));
        m_assisted_instrument = instrument;
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

// "Add another <group>" and "Remove <group> <n>" after the last question of an instance of a
// repeating group (the kiosk's wording); the press is kept for after the list, which it reorders.
void Workspace::draw_instance_buttons(Context& ctx, const core::Response& r, std::size_t item,
                                      std::optional<std::pair<std::size_t, bool>>& pressed) {
    const core::Questionnaire& q = r.questionnaire();
    for (const std::size_t g : r.instances_ending_at(item)) {
        const std::string group = q.item(g).text.in(ctx.i18n.language());
        const std::string key = q.item(g).link_id + q.instance_key(g);
        if (r.can_add_instance(g)) {
            const std::string label = ctx.i18n.format("kiosk.instance.add", {{"group", group}});
            if (small_button(ctx, "assisted.add." + key, label.c_str())) pressed = std::make_pair(g, true);
        }
        if (r.can_remove_instance(g)) {
            if (r.can_add_instance(g)) ImGui::SameLine();
            const std::string label = ctx.i18n.format("kiosk.instance.remove",
                                                      {{"group", group}, {"n", std::to_string(q.instance_number(g) + 1)}});
            if (small_button(ctx, "assisted.remove." + key, label.c_str())) pressed = std::make_pair(g, false);
        }
    }
}

void Workspace::draw_assisted(Context& ctx) {
    const Palette& p = *ctx.palette;
    core::Response& r = *m_assisted;
    const std::string& lang = ctx.i18n.language();
    heading(ctx, r.questionnaire().title().in(lang).c_str(), "assisted.title");
    paragraph(ctx, ctx.tr("ws.assisted.intro"), ctx.fonts.small, p.text_muted);
    // For the quality measures: who this is in the EHR (optional, can be linked later).
    text_field(ctx, "assisted.patient_id", ctx.tr("ws.assisted.patient_id"), m_patient_id.data(), m_patient_id.size(), 0,
               220 * ctx.scale);
    ImGui::SameLine();
    text_field(ctx, "assisted.birth", ctx.tr("ws.person.birth"), m_patient_birth.data(), m_patient_birth.size(), 0, 140 * ctx.scale);
    // Scores the form computes that a built-in rule computes too (issue 13): the form's is kept,
    // and the clinician sees where the rule disagrees.
    std::vector<core::ScoreOverlap> overlaps;
    if (r.questionnaire().has_expressions()) overlaps = core::score_overlaps(r, core::score(r, m_assisted_instrument));
    std::optional<std::pair<std::size_t, bool>> instance;  // (group, add): done after the list
    std::optional<std::size_t> previous;  // "Add another" follows an instance's last question
    for (const core::FlowStep& step : r.flow()) {
        if (previous) draw_instance_buttons(ctx, r, *previous, instance);
        previous = step.item;
        const core::Item& it = r.questionnaire().item(step.item);
        ImGui::PushID(static_cast<int>(step.item));
        if (!it.is_question()) {
            if (it.type == core::ItemType::Display) paragraph(ctx, it.text.in(lang).c_str(), ctx.fonts.small, p.text_muted);
            ImGui::PopID();
            continue;
        }
        ImGui::Dummy(ImVec2(0, 4 * ctx.scale));
        std::string q = it.prefix.in(lang).empty() ? it.text.in(lang) : it.prefix.in(lang) + " " + it.text.in(lang);
        paragraph(ctx, q.c_str(), ctx.fonts.bold, p.text);
        // Instances of a repeating group hold the same linkIds: the instance tells them apart.
        const std::string base = "q." + it.link_id + r.questionnaire().instance_key(step.item);
        if (it.read_only) {
            // Calculated (SDC calculatedExpression) or read-only: shown, not edited.
            std::string shown;
            for (const core::AnswerValue& a : r.effective_answers(step.item)) {
                const auto k = it.find_option(a);
                shown += (shown.empty() ? "" : ", ") + (k ? it.options[*k].label.in(lang) : a.to_string());
            }
            const std::string line = std::string(ctx.tr("ws.assisted.calculated")) + ": " + shown;
            draw_paragraph(ctx, line.c_str(), ctx.fonts.small, p.text);
            register_last_item(ctx, base);
            for (const core::ScoreOverlap& o : overlaps)
                if (o.disagree && o.link_id == it.link_id) {
                    const std::string note = ctx.i18n.format("ws.assisted.score_disagrees",
                                                             {{"form", o.form_value}, {"rule", o.rule_value}});
                    draw_paragraph(ctx, note.c_str(), ctx.fonts.small, p.text_muted);
                }
            ImGui::PopID();
            continue;
        }
        if (!it.unresolved_value_set.empty()) {
            const std::string note = ctx.i18n.format("ws.assisted.valueset_note", {{"name", it.unresolved_value_set}});
            draw_paragraph(ctx, note.c_str(), ctx.fonts.small, p.text_muted);
        }
        if (it.type == core::ItemType::Boolean) {
            const auto& a = r.effective_answers(step.item);
            begin_group(ctx, base + ".options", Role::RadioGroup, q);
            for (const bool value : {true, false}) {
                const std::string id = base + (value ? ".yes" : ".no");
                if (!value) ImGui::SameLine();
                // The semantic radio (role, name, keyboard, focus ring), as the answer lists use.
                if (radio(ctx, id, ctx.tr(value ? "ws.assisted.yes" : "ws.assisted.no"), !a.empty() && a.front().boolean == value))
                    r.set(step.item, core::AnswerValue::of_bool(value));
            }
            end_group(ctx);
        } else if (!it.options.empty()) {
            float line = 0;
            const float avail = ImGui::GetContentRegionAvail().x;
            begin_group(ctx, base + ".options", it.repeats ? Role::Group : Role::RadioGroup, q);
            for (std::size_t k = 0; k < it.options.size(); ++k) {
                const std::string& label = it.options[k].label.in(lang);
                const float w = text_size(ctx, ImGui::GetFont(), label).x + 40 * ctx.scale;
                if (k && line + w < avail) ImGui::SameLine();
                else line = 0;
                line += w + ImGui::GetStyle().ItemSpacing.x;
                bool on = r.option_selected(step.item, k);
                const std::string id = base + "." + std::to_string(k);
                if (it.repeats) {
                    if (check_box(ctx, id, label.c_str(), &on)) r.toggle_option(step.item, k);
                } else if (radio(ctx, id, label.c_str(), on)) {
                    r.select_option(step.item, k);
                }
            }
            end_group(ctx);
        } else {
            // Numbers and short text: typed. The response checks the value against the item.
            std::array<char, 64> buf{};
            const auto& answers = r.answers(step.item);
            if (!answers.empty()) std::snprintf(buf.data(), buf.size(), "%s", answers.front().to_string().c_str());
            TextFieldOptions o;
            o.kind = it.type == core::ItemType::Integer ? InputKind::Digits
                     : it.type == core::ItemType::Decimal ? InputKind::Decimal : InputKind::Text;
            o.width = 220 * ctx.scale;
            if (text_field(ctx, base, ctx.tr("kiosk.your_answer"), buf.data(), buf.size(), o)) {
                try {
                    const std::string text(buf.data());
                    if (text.empty()) r.clear(step.item);
                    else r.set_typed(step.item, text);
                } catch (const std::exception&) {
                    // not a number yet: the field keeps what was typed until it is one
                }
            }
            wipe(buf);
        }
        // Beside the answers when it fits, else below them: beside a wrapped answer it ran off the
        // window's edge.
        const bool declined = r.state(step.item) == core::AnswerState::Declined;
        const char* decline = ctx.tr(declined ? "ws.assisted.declined" : "ws.assisted.decline");
        same_line_if_fits(ctx, decline);
        if (small_button(ctx, base + ".decline", decline)) declined ? r.clear(step.item) : r.decline(step.item);
        ImGui::PopID();
    }
    if (previous) draw_instance_buttons(ctx, r, *previous, instance);
    if (instance) {
        if (instance->second) r.add_instance(instance->first);
        else r.remove_instance(instance->first);
    }
    ImGui::Dummy(ImVec2(0, 10 * ctx.scale));
    if (button(ctx, "assisted.finish", ctx.tr("ws.assisted.finish"), ButtonStyle::Primary)) finish_assisted(ctx);
    same_line_if_button_fits(ctx.tr("ws.assisted.cancel"), ctx.fonts.bold);
    if (button(ctx, "assisted.cancel", ctx.tr("ws.assisted.cancel"), ButtonStyle::Secondary)) {
        m_assisted->wipe();
        m_assisted.reset();
    }
}

void Workspace::finish_assisted(Context& ctx) {
    try {
        const core::ScreeningResult result = core::score(*m_assisted, m_assisted_instrument);
        core::StoredScreening s = core::record_screening(*m_assisted, result, m_assisted_instrument, now(), now(),
                                                         "clinician", ctx.i18n.language());
        s.patient_id = m_patient_id.data();
        s.birth_date = m_patient_birth.data();
        if (!s.birth_date.empty() && !core::is_calendar_date(s.birth_date))
            throw core::Error("screening", "birth_date", "must be a date YYYY-MM-DD");
        wipe(m_patient_id);
        wipe(m_patient_birth);
        const std::string id = s.id;
        m_session.store().put_screening(std::move(s));
        m_session.store().audit(actor(), "screening-recorded", "screening " + id, {}, now());
        m_assisted->wipe();
        m_assisted.reset();
        changed();
        open_refer(ctx, id);
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

// [SECTION] Refer

void Workspace::open_refer(Context& ctx, const std::string& screening_id) {
    const core::StoredScreening* s = m_session.store().screening(screening_id);
    if (!s) return;
    try {
        core::RebuiltScreening rebuilt = core::rebuild_screening(*s);
        if (m_refer) m_refer->wipe();
        m_refer = std::make_unique<ReferForm>();
        m_refer->screening_id = screening_id;
        m_refer->result = std::move(rebuilt.result);
        m_refer->questionnaire = std::move(rebuilt.questionnaire);
        rebuilt.response.wipe();
        for (const core::Need& n : m_refer->result->needs)
            if (n.positive) {
                m_refer->selected_domain = n.domain;
                if (n.urgent) break;
            }
        set_text(m_refer->zip, m_site.zip);
        set_text(m_refer->person_language, s->language);
        set_text(m_refer->scope, ctx.tr("ws.consent.default_scope"));
        m_tab = Tab::Refer;
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

void Workspace::draw_refer(Context& ctx) {
    const Palette& p = *ctx.palette;
    if (!m_refer) {
        paragraph(ctx, ctx.tr("ws.refer.none"), ctx.fonts.body, p.text_muted);
        return;
    }
    // Two columns, each scrolling: needs and services on the left, the person, consent and the
    // referrals on the right. Narrower, one column after the other in the screen's own scrolling
    // (two panels each filling the height left the second one a few pixels tall).
    const float width = ImGui::GetContentRegionAvail().x;
    const bool wide = width > 1000 * ctx.scale;
    if (!wide) {
        draw_refer_needs(ctx);
        draw_refer_services(ctx);
        draw_refer_patient(ctx);
        return;
    }
    // Right to left the needs column is at the right (place_next), the person's at the left.
    const float left_w = width * 0.58f;
    place_next(ctx, left_w);
    begin_panel(ctx, "refer.left", ImVec2(left_w, 0));
    ImGui::PushTextWrapPos(0.0f);
    draw_refer_needs(ctx);
    draw_refer_services(ctx);
    ImGui::PopTextWrapPos();
    end_panel();
    ImGui::SameLine();
    const float right_w = ctx.mirrored() ? width - left_w - ImGui::GetStyle().ItemSpacing.x : 0.0f;
    place_next(ctx, right_w);
    begin_panel(ctx, "refer.right", ImVec2(right_w, 0));
    ImGui::PushTextWrapPos(0.0f);
    draw_refer_patient(ctx);
    ImGui::PopTextWrapPos();
    end_panel();
}

void Workspace::draw_refer_needs(Context& ctx) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    section_title(ctx, ctx.tr("ws.refer.needs"));
    std::vector<const core::Need*> needs;
    for (const core::Need& n : f.result->needs)
        if (n.positive) needs.push_back(&n);
    std::stable_sort(needs.begin(), needs.end(), [](auto* a, auto* b) { return a->urgent > b->urgent; });
    if (needs.empty()) paragraph(ctx, ctx.tr("ws.refer.no_needs"), ctx.fonts.body, p.text_muted);
    const core::Questionnaire* q = f.questionnaire.get();
    for (const core::Need* n : needs) {
        const std::string id = "need." + n->domain;
        const bool selected = f.selected_domain == n->domain;
        std::string label = ctx.tr("domain." + n->domain);
        if (n->urgent) label += "  (" + std::string(ctx.tr("ws.refer.urgent")) + ")";
        std::size_t picked = 0;
        for (const auto& [k, pick] : f.picks) picked += pick.domain == n->domain;
        if (picked) label += "  · " + ctx.i18n.format("ws.refer.picked", {{"n", std::to_string(picked)}});
        if (button(ctx, id, label.c_str(), selected ? ButtonStyle::Selected : ButtonStyle::Secondary,
                   ImVec2(ImGui::GetContentRegionAvail().x, 0)))
            f.selected_domain = n->domain;
        // Why the engine says so, and what it would code: on request, not in the way.
        ImGui::PushID(id.c_str());
        // A disclosure (a button with aria-expanded): ImGui's tree node had no role in the tree, drew
        // its label unshaped right to left, and on one line past a 320 px screen's edge.
        const bool open = disclosure(ctx, id + ".evidence", ctx.tr("ws.refer.evidence"),
                                     ImGui::GetStateStorage()->GetBoolRef(ImGui::GetID("evidence")));
        if (open) {
            for (const core::Evidence& e : n->evidence) {
                if (!e.positive) continue;
                std::string line = e.link_id;
                if (q) {
                    if (auto idx = q->find(e.link_id)) {
                        const core::Item& it = q->item(*idx);
                        line = it.text.in("en") + " — ";
                        for (const core::AnswerValue& v : e.answers) {
                            auto opt = it.find_option(v);
                            line += opt ? it.options[*opt].label.in("en") : v.to_string();
                        }
                    }
                }
                paragraph(ctx, line.c_str(), ctx.fonts.small, p.text);
            }
            for (const core::Coding& c : n->codes) {
                const std::string code = ctx.i18n.format("ws.refer.code", {{"system", c.system}, {"code", c.code}, {"display", c.display}});
                paragraph(ctx, code.c_str(), ctx.fonts.small, p.text_muted);
            }
        }
        ImGui::PopID();
    }
}

void Workspace::draw_refer_services(Context& ctx) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    if (f.selected_domain.empty()) return;
    section_title(ctx, ctx.i18n.format("ws.refer.services", {{"need", ctx.tr("domain." + f.selected_domain)}}).c_str());
    if (m_directory.status() != DirectoryService::Status::Ready) {
        paragraph(ctx, ctx.tr(m_directory.status() == DirectoryService::Status::Failed ? "ws.refer.directory_failed" : "ws.loading"),
                  ctx.fonts.body, p.text_muted);
        if (const core::Error* why = m_directory.failure()) paragraph(ctx, error_message(*why).c_str(), ctx.fonts.body, p.text);
        return;
    }
    draw_refer_filters(ctx);
    // Organizations' capacity updates: no capacity left out, waitlists lower, stale ones marked.
    m_directory.set_capacity(m_session.store().data().capacity, today(), m_session.store().settings().capacity_stale_days);
    const std::vector<ServiceMatch> found = m_directory.find({f.selected_domain}, refer_query());
    if (found.empty()) paragraph(ctx, ctx.tr("ws.refer.no_services"), ctx.fonts.body, p.text_muted);
    f.shown_organizations.clear();
    for (std::size_t i = 0; i < found.size(); ++i) {
        f.shown_organizations.push_back(found[i].details->organization);
        draw_service_card(ctx, found[i], "service." + std::to_string(i));
    }
    draw_unavailable_services(ctx, f.selected_domain);
}

// The services whose organization reported no capacity, with since when: the clinician sees
// why a familiar service is missing from the list.
void Workspace::draw_unavailable_services(Context& ctx, const std::string& domain) {
    const auto unavailable = m_directory.unavailable({domain});
    if (unavailable.empty()) return;
    const Palette& p = *ctx.palette;
    paragraph(ctx, ctx.tr("ws.refer.unavailable"), ctx.fonts.bold, p.text_muted);
    for (std::size_t i = 0; i < unavailable.size(); ++i) {
        const auto& u = unavailable[i];
        std::string line = ctx.i18n.format("ws.refer.no_capacity_since",
                                           {{"service", u.service}, {"org", u.organization}, {"since", u.since}});
        if (!u.note.empty()) line += " — " + u.note;
        paragraph(ctx, line.c_str(), ctx.fonts.small, p.text_muted);
        register_last_item(ctx, "unavailable." + std::to_string(i));
    }
}

// The filters over the services, in one row where it fits.
void Workspace::draw_refer_filters(Context& ctx) {
    ReferForm& f = *m_refer;
    TextFieldOptions digits;
    digits.kind = InputKind::Digits;
    digits.width = 120 * ctx.scale;
    text_field(ctx, "filter.zip", ctx.tr("ws.filter.zip"), f.zip.data(), f.zip.size(), digits);
    ImGui::SameLine();
    const std::string miles = ctx.i18n.plural("ws.filter.radius_miles", static_cast<std::uint64_t>(f.radius_miles));
    slider(ctx, "filter.radius", ctx.tr("ws.filter.radius"), &f.radius_miles, 1, 50, miles.c_str(), 180 * ctx.scale);
    ImGui::SameLine();
    static const char* const langs[] = {"", "en", "es", "vi", "zh", "tl"};
    std::vector<std::string> names;
    int chosen = 0;
    for (int i = 0; i < 6; ++i) {
        names.emplace_back(*langs[i] ? ctx.tr(std::string("match.language.") + langs[i]) : ctx.tr("ws.filter.any"));
        if (f.language == langs[i]) chosen = i;
    }
    if (choice(ctx, "filter.language", ctx.tr("ws.filter.language"), names, &chosen, 160 * ctx.scale)) f.language = langs[chosen];
    std::array<char, 12> age{};
    if (f.age > 0) std::snprintf(age.data(), age.size(), "%d", f.age);
    digits.width = 90 * ctx.scale;
    if (text_field(ctx, "filter.age", ctx.tr("ws.filter.age"), age.data(), age.size(), digits))
        f.age = std::clamp(std::atoi(age.data()), 0, 120);
    same_line_if_fits(ctx, ctx.tr("ws.filter.open_now"));
    check_box(ctx, "filter.open_now", ctx.tr("ws.filter.open_now"), &f.open_now);
    text_field(ctx, "filter.text", ctx.tr("ws.filter.text"), f.text.data(), f.text.size());
}

// What the filters ask of the matcher.
core::MatchQuery Workspace::refer_query() {
    const ReferForm& f = *m_refer;
    core::MatchQuery query;
    m_directory.locate(query, f.zip.data(), m_site.zip);
    query.radius_km = f.radius_miles * 1.609344;
    if (!f.language.empty()) query.languages = {f.language};
    if (f.age > 0) query.age = f.age;
    if (f.open_now) {
        // The device's clock read as the site's local time, to the minute: staff use this at the site.
        query.open_at = core::LocalTime::parse_iso(core::local_iso8601(m_platform).substr(0, 16));
    }
    query.text = f.text.data();
    query.limit = 8;
    return query;
}

// One service: name and distance, organization and address, hours, why it matched, whether
// its organization can receive an encrypted referral, and the box that picks it. The card is a
// group named by the service, so each "Refer to this service" box is heard with its service.
// The distance is given once, in miles as the radius filter is: the matcher's distance reason
// (in km) is left out of the reasons here.
void Workspace::draw_service_card(Context& ctx, const ServiceMatch& m, const std::string& id) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    const std::string key = m.details->id + "|" + m.location_id;
    const bool picked = f.picks.count(key) != 0;
    begin_card(ctx, id, picked ? &p.primary : nullptr);
    // Shown in the worker's language where the directory translates it; the referral keeps the
    // organization's own names (below), which its staff know.
    const auto name = m_directory.text(m.details->translations, ctx.i18n.language(), "name", m.details->name);
    const auto org = m_directory.text(m.details->organization_translations, ctx.i18n.language(), "name",
                                      m.details->organization);
    begin_group(ctx, id + ".card", Role::Group, name.text);
    std::string title = name.text;
    if (m.distance_km >= 0) title += "  ·  " + miles_text(ctx.i18n, m.distance_km);
    paragraph(ctx, title.c_str(), ctx.fonts.bold, p.text, name.lang);
    paragraph(ctx, (org.text + "  ·  " + m.address).c_str(), ctx.fonts.small, p.text_muted, org.lang);
    const std::string hours = core::render_hours(*m.details, ctx.i18n);
    if (!hours.empty()) paragraph(ctx, hours.c_str(), ctx.fonts.small, p.text);
    std::string reasons;
    for (const core::Reason& r : m.reasons)
        if (r.code != "distance") reasons += (reasons.empty() ? "" : " · ") + core::render_reason(r, ctx.i18n);
    if (!reasons.empty()) paragraph(ctx, reasons.c_str(), ctx.fonts.small, p.primary_active);
    const bool has_key = contact_for_organization(m.details->organization) != nullptr;
    paragraph(ctx, ctx.tr(has_key ? "ws.refer.has_key" : "ws.refer.no_key"), ctx.fonts.small, has_key ? p.text_muted : p.urgent);
    bool on = picked;
    if (check_box(ctx, id + ".pick", ctx.tr("ws.refer.pick"), &on)) {
        if (on)
            f.picks[key] = core::PickedService{m.details->id, m.location_id, m.details->name, m.details->organization,
                                               m.details->organization_id, m.address, f.selected_domain};
        else
            f.picks.erase(key);
    }
    end_group(ctx);
    end_card();
}

void Workspace::draw_refer_patient(Context& ctx) {
    draw_refer_person(ctx);
    draw_refer_send(ctx);
    if (!m_refer->created.empty()) draw_created_referrals(ctx);  // may close the form (Done)
}

// The person's details, as much as they choose to share, and their consent.
void Workspace::draw_refer_person(Context& ctx) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    section_title(ctx, ctx.tr("ws.refer.person"));
    text_field(ctx, "person.name", ctx.tr("ws.person.name"), f.name.data(), f.name.size());
    text_field(ctx, "person.birth", ctx.tr("ws.person.birth"), f.birth_date.data(), f.birth_date.size());
    text_field(ctx, "person.phone", ctx.tr("ws.person.phone"), f.phone.data(), f.phone.size());
    text_field(ctx, "person.email", ctx.tr("ws.person.email"), f.email.data(), f.email.size());
    static const char* const contact_keys[] = {"ws.person.contact.any", "ws.person.contact.phone", "ws.person.contact.sms",
                                               "ws.person.contact.email"};
    paragraph(ctx, ctx.tr("ws.person.contact"), ctx.fonts.small, p.text_muted);
    begin_group(ctx, "person.contact", Role::RadioGroup, ctx.tr("ws.person.contact"));
    for (int i = 0; i < 4; ++i) {
        if (i) same_line_if_fits(ctx, ctx.tr(contact_keys[i]));
        if (radio(ctx, "person.contact." + std::to_string(i), ctx.tr(contact_keys[i]), f.preferred_contact == i))
            f.preferred_contact = i;
    }
    end_group(ctx);
    text_field(ctx, "person.language", ctx.tr("ws.person.language"), f.person_language.data(), f.person_language.size());

    section_title(ctx, ctx.tr("ws.refer.consent"));
    text_area(ctx, "consent.scope", ctx.tr("ws.consent.scope"), f.scope.data(), f.scope.size(), 70 * ctx.scale);
    text_field(ctx, "consent.by", ctx.tr("ws.consent.by"), f.consent_by.data(), f.consent_by.size());
    check_box(ctx, "consent.given", ctx.tr("ws.consent.given"), &f.consent);
}

// Priority, a note, which organizations get a referral and how, and "Create referrals".
void Workspace::draw_refer_send(Context& ctx) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    section_title(ctx, ctx.tr("ws.refer.send"));
    paragraph(ctx, ctx.tr("ws.refer.priority"), ctx.fonts.small, p.text_muted);
    begin_group(ctx, "priority", Role::RadioGroup, ctx.tr("ws.refer.priority"));
    for (int i = 0; i < 4; ++i) {
        if (i) same_line_if_fits(ctx, ctx.tr(std::string("ws.priority.") + kPriorities[i]));
        if (radio(ctx, std::string("priority.") + kPriorities[i], ctx.tr(std::string("ws.priority.") + kPriorities[i]), f.priority == i))
            f.priority = i;
    }
    end_group(ctx);
    text_area(ctx, "refer.note", ctx.tr("ws.refer.note"), f.note.data(), f.note.size(), 60 * ctx.scale);

    // One referral per organization: say which, and how each will travel.
    const std::vector<core::OrganizationPicks> by_org = core::group_by_organization(picked_services(f.picks));
    for (const core::OrganizationPicks& group : by_org) {
        std::string line = group.organization + ": ";
        for (std::size_t i = 0; i < group.services.size(); ++i) line += (i ? ", " : "") + group.services[i].name;
        paragraph(ctx, line.c_str(), ctx.fonts.small, p.text);
        if (!contact_for_organization(group.organization)) paragraph(ctx, ctx.tr("ws.refer.will_print"), ctx.fonts.small, p.urgent);
    }
    const bool ready = !f.picks.empty() && f.name[0] && f.consent;
    if (!ready) paragraph(ctx, ctx.tr("ws.refer.ready_when"), ctx.fonts.small, p.text_muted);
    const std::string create = ctx.i18n.plural("ws.refer.create", by_org.size());
    if (!ready) ImGui::BeginDisabled();
    if (button(ctx, "refer.create", create.c_str(), ButtonStyle::Primary) && ready) create_referrals(ctx);
    if (!ready) ImGui::EndDisabled();
}

// The referrals this form made: export each sealed, or print (confirmed) for an organization
// without keys; "Done" closes the form.
void Workspace::draw_created_referrals(Context& ctx) {
    const Palette& p = *ctx.palette;
    ReferForm& f = *m_refer;
    section_title(ctx, ctx.tr("ws.refer.created"));
    if (small_button(ctx, "refer.take_home", ctx.tr("ws.takehome.print"))) print_take_home(ctx, f.created);
    for (std::size_t i = 0; i < f.created.size(); ++i) {
        const core::Referral* r = m_session.store().referral(f.created[i]);
        if (!r) continue;
        const std::string id = "created." + std::to_string(i);
        begin_card(ctx, id);
        paragraph(ctx, r->organization.name.c_str(), ctx.fonts.bold, p.text);
        if (r->organization.card || contact_for_organization(r->organization.name)) {
            paragraph(ctx, ctx.tr(r->bundle_id.empty() ? "ws.refer.not_sent" : "ws.refer.sealed"), ctx.fonts.small, p.text_muted);
            if (small_button(ctx, id + ".export", ctx.tr("ws.refer.export"))) export_referral(ctx, r->id);
        } else {
            paragraph(ctx, ctx.tr("ws.refer.no_key_long"), ctx.fonts.small, p.urgent);
            if (small_button(ctx, id + ".print", ctx.tr("ws.refer.print"))) m_confirm_print = r->id;
            if (m_confirm_print == r->id) {
                paragraph(ctx, ctx.tr("ws.refer.print_confirm"), ctx.fonts.bold, p.urgent);
                if (small_button(ctx, id + ".print_yes", ctx.tr("ws.refer.print_yes"))) {
                    print_summary(ctx, r->id);
                    m_confirm_print.clear();
                }
                ImGui::SameLine();
                if (small_button(ctx, id + ".print_no", ctx.tr("ws.refer.print_no"))) m_confirm_print.clear();
            }
        }
        end_card();
    }
    if (small_button(ctx, "refer.done", ctx.tr("ws.refer.done"))) {
        f.wipe();
        m_refer.reset();
        m_tab = Tab::Referrals;
    }
}

void Workspace::create_referrals(Context& ctx) {
    ReferForm& f = *m_refer;
    core::ReferralRequest request;
    request.patient.name = f.name.data();
    request.patient.birth_date = f.birth_date.data();
    request.patient.phone = f.phone.data();
    request.patient.email = f.email.data();
    static const char* const contact[] = {"", "phone", "sms", "email"};
    request.patient.preferred_contact = contact[f.preferred_contact];
    request.patient.language = f.person_language.data();
    const std::string at = now();
    request.consent.given_by = f.consent_by.data();
    request.consent.date_time = at;
    request.consent.scope = f.scope.data();
    request.priority = static_cast<core::ReferralPriority>(f.priority);
    request.note = f.note.data();
    request.clinician = actor();
    request.screening_id = f.screening_id;
    request.needs = core::needs_from_screening(*f.result);
    std::vector<std::string> made;
    try {
        made = core::refer_per_organization(m_session.store(), request, picked_services(f.picks), at, actor());
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
        wipe_patient(request.patient);
        return;
    }
    wipe_patient(request.patient);
    f.created.insert(f.created.end(), made.begin(), made.end());
    f.picks.clear();
    changed();
    set_message(ctx.i18n.plural("ws.refer.made", made.size()), false);
}

void Workspace::export_referral(Context& ctx, std::string id) {
    core::Store& store = m_session.store();
    try {
        // The organization's card may have been added after the referral was made.
        if (const core::Referral* before = store.referral(id); before && !before->organization.card) {
            if (const core::TrustedContact* c = contact_for_organization(before->organization.name)) {
                core::Referral updated = *before;
                updated.organization.card = c->card;
                store.put_referral(std::move(updated));
            }
        }
        const core::SealedBundle b = core::export_referral(store, id, store.key_sets().front(), true, now(), actor());
        const core::Referral* r = store.referral(id);
        // The file name says what it is and to whom, never who it is about.
        std::string org = r ? r->organization.name : "organization";
        for (char& c : org)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
        m_platform.save_file("referral-" + org + "-" + id.substr(0, 8) + ".age", core::to_string(b.file), "application/octet-stream");
        changed();
        set_message(ctx.tr("ws.refer.exported"), false);
    } catch (const core::Error& e) {
        set_message(error_message(e), true);
    }
}

void Workspace::print_summary(Context& ctx, std::string id) {
    const core::Referral* r = m_session.store().referral(id);
    if (!r) return;
    PrintDocument doc;
    doc.lang = "en";
    doc.title = ctx.i18n.format("ws.print.title", {{"org", r->organization.name}});
    doc.intro = ctx.tr("ws.print.unencrypted");
    PrintDocument::Section person{ctx.tr("ws.refer.person"), {}};
    PrintDocument::Entry who{r->patient.name, {}};
    if (!r->patient.birth_date.empty()) who.lines.push_back(ctx.tr("ws.person.birth") + std::string(": ") + r->patient.birth_date);
    if (!r->patient.phone.empty()) who.lines.push_back(ctx.tr("ws.person.phone") + std::string(": ") + r->patient.phone);
    if (!r->patient.email.empty()) who.lines.push_back(ctx.tr("ws.person.email") + std::string(": ") + r->patient.email);
    if (!r->patient.language.empty()) who.lines.push_back(ctx.tr("ws.person.language") + std::string(": ") + r->patient.language);
    person.entries.push_back(who);
    doc.sections.push_back(person);
    PrintDocument::Section needs{ctx.tr("ws.refer.needs"), {}};
    for (const core::ReferralNeed& n : r->needs) needs.entries.push_back({ctx.tr("domain." + n.domain), {}});
    doc.sections.push_back(needs);
    PrintDocument::Section services{ctx.tr("ws.print.services"), {}};
    for (const core::ReferralService& s : r->services) services.entries.push_back({s.name, {s.address}});
    doc.sections.push_back(services);
    PrintDocument::Section details{ctx.tr("ws.print.details"), {}};
    details.entries.push_back({ctx.tr("ws.refer.consent"), {r->consent.scope, r->consent.date_time}});
    if (!r->note.empty()) details.entries.push_back({ctx.tr("ws.refer.note"), {r->note}});
    details.entries.push_back({ctx.tr("ws.print.reference"), {r->id, r->requester.name}});
    doc.sections.push_back(details);
    doc.footer = ctx.tr("ws.print.footer");
    m_platform.print(doc);
    m_session.store().audit(actor(), "summary-printed", "referral " + id, {}, now());
    changed();
}

}  // namespace safetynet::ui
