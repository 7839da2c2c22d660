#include "web/web_platform.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <string>

// The JavaScript side (web/library_safetynet.js).
extern "C" {
void safetynet_js_fetch(const char* path, int request);
int safetynet_js_speech_available();
void safetynet_js_speak(const char* text, const char* lang);
void safetynet_js_stop_speaking();
}

namespace safetynet::web {

namespace {
WebPlatform* g_platform = nullptr;  // the one platform JavaScript calls back into
}

double WebPlatform::now_seconds() { return emscripten_get_now() / 1000.0; }

void WebPlatform::fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) {
    g_platform = this;
    const int request = m_next_request++;
    m_pending.emplace(request, std::move(done));
    safetynet_js_fetch(path.c_str(), request);
}

void WebPlatform::finish_fetch(int request, std::optional<std::string> body) {
    const auto it = m_pending.find(request);
    if (it == m_pending.end()) return;
    auto done = std::move(it->second);
    m_pending.erase(it);
    done(std::move(body));
}

bool WebPlatform::speech_available() { return safetynet_js_speech_available() != 0; }

void WebPlatform::speak(std::string_view text, std::string_view lang) {
    safetynet_js_speak(std::string(text).c_str(), std::string(lang).c_str());
}

void WebPlatform::stop_speaking() { safetynet_js_stop_speaking(); }

}  // namespace safetynet::web

// JavaScript hands the fetched bytes over in a malloc()ed buffer that we free here.
extern "C" EMSCRIPTEN_KEEPALIVE void safetynet_fetch_done(int request, char* data, int size, int ok) {
    std::optional<std::string> body;
    if (ok) body.emplace(data, static_cast<std::size_t>(size));
    std::free(data);
    if (safetynet::web::g_platform) safetynet::web::g_platform->finish_fetch(request, std::move(body));
}
