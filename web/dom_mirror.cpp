// The C++ half of the DOM mirror (web/mirror.js is the other): the semantic tree out as JSON,
// the page's requests in.
//
// The tree's JSON, pulled by safetynet_a11y_tree() when the revision changed:
//   {"lang": "es", "dir": "ltr", "nodes": [node, ...]}   the screen's language and its direction
//         (assets/i18n/languages.json; <html lang dir>), nodes in reading order, a parent
//         before its children
//   node: "i" id, "r" ARIA role (or "area"), "p" parent's index (-1: none), "b" [x, y, w, h] in
//         its area's content coordinates, and when present: "n" name, "d" description, "l" lang,
//         "s" state bits (ui/shell/semantic_tree.hpp), "h" heading level, "k" input kind,
//         "v" [now, min, max], "t" value text (sliders, progress bars, combo boxes), "o" options,
//         "ps" [position, set size], "f" the text size in px (text fields).
// A text field's text is never in it: the mirror asks for it (safetynet_a11y_text) only when
// the field takes the focus, and empties its <input> when the field loses it.
#include "web/dom_mirror.hpp"

#include "core/base/languages.hpp"
#include "ui/app/app.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <string>

extern "C" void safetynet_js_a11y_frame(int revision, int scroll_revision, int announcements, int focus_request);

namespace safetynet::web {
namespace {

ui::App* g_app = nullptr;
std::string g_reply;  // the last reply; the mirror copies it out, then asks for it to be wiped
std::uint64_t g_told_revision = ~0ull, g_told_scrolls = ~0ull;
std::string g_told_focus;

const char* reply(std::string s) {
    sodium_memzero(g_reply.data(), g_reply.capacity());
    g_reply = std::move(s);
    return g_reply.c_str();
}

// A request from the page: it is input (idle timers restart) and the next frame must draw.
ui::SemanticActions* request() {
    if (!g_app) return nullptr;
    g_app->note_input();
    return &g_app->actions();
}

nlohmann::json node_json(const ui::SemanticNode& n) {
    nlohmann::json j{{"i", n.id}, {"r", ui::role_name(n.role)}, {"p", n.parent}, {"b", {n.bounds.x, n.bounds.y, n.bounds.w, n.bounds.h}}};
    if (!n.name.empty()) j["n"] = n.name;
    if (!n.description.empty()) j["d"] = n.description;
    if (!n.lang.empty()) j["l"] = n.lang;
    if (n.states) j["s"] = n.states;
    if (n.level) j["h"] = n.level;
    if (n.role == ui::Role::TextField) {
        j["k"] = ui::input_kind_name(n.input);
        j["f"] = n.value_now;
    }
    if (n.role == ui::Role::Slider || n.role == ui::Role::ProgressBar || n.role == ui::Role::ComboBox) {
        j["v"] = {n.value_now, n.value_min, n.value_max};
        if (!n.value.empty()) j["t"] = n.value;
    }
    if (!n.options.empty()) j["o"] = n.options;
    if (n.set_size) j["ps"] = {n.pos_in_set, n.set_size};
    return j;
}

}  // namespace

void set_mirror_app(ui::App* app) { g_app = app; }

void after_frame(ui::App& app) {
    const ui::SemanticTree& tree = app.semantics();
    const bool announcements = tree.has_announcements();
    const std::string& focus = app.actions().focus_request();
    if (tree.revision() == g_told_revision && tree.scroll_revision() == g_told_scrolls && !announcements &&
        focus == g_told_focus)
        return;
    g_told_revision = tree.revision();
    g_told_scrolls = tree.scroll_revision();
    g_told_focus = focus;
    safetynet_js_a11y_frame(static_cast<int>(tree.revision() & 0x7fffffff), static_cast<int>(tree.scroll_revision() & 0x7fffffff),
                            announcements ? 1 : 0, focus.empty() ? 0 : 1);
}

}  // namespace safetynet::web

using safetynet::web::g_app;
using safetynet::web::reply;
using safetynet::web::request;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* safetynet_a11y_tree() {
    if (!g_app) return reply("null");
    const safetynet::ui::SemanticTree& tree = g_app->semantics();
    nlohmann::json nodes = nlohmann::json::array();
    for (const auto& n : tree.nodes()) nodes.push_back(safetynet::web::node_json(n));
    const safetynet::core::Language* language = safetynet::core::find_language(tree.lang());
    const bool rtl = language && language->direction == safetynet::core::TextDirection::RightToLeft;
    return reply(nlohmann::json{{"lang", tree.lang()}, {"dir", rtl ? "rtl" : "ltr"}, {"nodes", std::move(nodes)}}.dump());
}

// [[area id, scroll y, max scroll y], ...]
EMSCRIPTEN_KEEPALIVE const char* safetynet_a11y_scrolls() {
    if (!g_app) return reply("[]");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : g_app->semantics().scrolls()) out.push_back({s.id, s.y, s.max_y});
    return reply(out.dump());
}

// [[text, assertive (0/1)], ...], each said once.
EMSCRIPTEN_KEEPALIVE const char* safetynet_a11y_announcements() {
    if (!g_app) return reply("[]");
    nlohmann::json out = nlohmann::json::array();
    for (auto& a : g_app->semantics().take_announcements()) {
        out.push_back({a.text, a.politeness == safetynet::ui::Announcement::Politeness::Assertive ? 1 : 0});
        sodium_memzero(a.text.data(), a.text.capacity());
    }
    return reply(out.dump());
}

// {"id": ..., "visible": true|false} or null: where the UI wants the focus.
EMSCRIPTEN_KEEPALIVE const char* safetynet_a11y_focus_request() {
    if (!g_app || g_app->actions().focus_request().empty()) return reply("null");
    return reply(nlohmann::json{{"id", g_app->actions().focus_request()}, {"visible", g_app->actions().focus_request_visible()}}.dump());
}

// A text field's text, for the <input> that opens over it now.
EMSCRIPTEN_KEEPALIVE const char* safetynet_a11y_text(const char* id) {
    const safetynet::ui::SemanticNode* n = g_app ? g_app->semantics().find(id) : nullptr;
    return reply(n && n->role == safetynet::ui::Role::TextField ? n->value : std::string());
}

// The mirror has copied the last reply: overwrite it (it may hold what the person typed).
EMSCRIPTEN_KEEPALIVE void safetynet_a11y_wipe_reply() { reply(std::string()); }

// `person`: a person moved the focus (Tab, a screen reader, a tap on a field), which counts as
// input for the idle timers; 0 when the page only carried out a move the app asked for (a dialog
// taking the focus must not restart the idle countdown it shows).
EMSCRIPTEN_KEEPALIVE void safetynet_a11y_focus(const char* id, int visible, int person) {
    if (!g_app) return;
    if (person) g_app->note_input();
    g_app->actions().focus(id, visible != 0);
}

EMSCRIPTEN_KEEPALIVE void safetynet_a11y_activate(const char* id) {
    if (auto* a = request()) a->activate(id);
}

EMSCRIPTEN_KEEPALIVE void safetynet_a11y_set_text(const char* id, const char* text) {
    if (auto* a = request()) a->set_text(id, text);
}

EMSCRIPTEN_KEEPALIVE void safetynet_a11y_set_value(const char* id, double value) {
    if (auto* a = request()) a->set_value(id, static_cast<float>(value));
}

EMSCRIPTEN_KEEPALIVE void safetynet_a11y_scroll(const char* area, double y) {
    if (auto* a = request()) a->scroll(area, static_cast<float>(y));
}

// The system asks for more contrast (forced colours, prefers-contrast: more).
EMSCRIPTEN_KEEPALIVE void safetynet_a11y_high_contrast(int on) {
    if (g_app) g_app->set_system_high_contrast(on != 0);
}

}  // extern "C"
