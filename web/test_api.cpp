#include "web/test_api.hpp"

#include "core/base/version.hpp"
#include "ui/app/app.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <string>

namespace safetynet::web {
namespace {
const ui::App* g_app = nullptr;
std::string g_reply;  // the last reply; JavaScript copies it out before the next call

const char* reply(std::string s) {
    g_reply = std::move(s);
    return g_reply.c_str();
}
}  // namespace

void set_test_api_app(const ui::App* app) { g_app = app; }

}  // namespace safetynet::web

using safetynet::web::g_app;
using safetynet::web::reply;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* safetynet_version() { return reply(std::string(safetynet::core::version())); }

EMSCRIPTEN_KEEPALIVE const char* safetynet_state() { return reply(g_app ? g_app->state_json() : "null"); }

EMSCRIPTEN_KEEPALIVE const char* safetynet_widget(const char* name) {
    const safetynet::ui::WidgetRect* r = g_app ? g_app->widgets().find(name) : nullptr;
    if (!r) return reply("null");
    return reply(nlohmann::json{{"x", r->x}, {"y", r->y}, {"w", r->w}, {"h", r->h}, {"enabled", r->enabled},
                                {"item_w", r->item_w}, {"item_h", r->item_h}}
                     .dump());
}

EMSCRIPTEN_KEEPALIVE const char* safetynet_widgets() {
    return reply(g_app ? nlohmann::json(g_app->widgets().names()).dump() : "[]");
}

// A read-only core query: the languages the built-in catalogs offer.
EMSCRIPTEN_KEEPALIVE const char* safetynet_languages() {
    if (!g_app) return reply("[]");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : g_app->translator().languages()) out.push_back({{"code", l.code}, {"name", l.native_name}});
    return reply(out.dump());
}

}  // extern "C"
