#include "web/web_platform.hpp"

#include "core/base/clock.hpp"

#include <emscripten.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

// The JavaScript side (web/library_safetynet.js). Each asynchronous call takes a request id
// and answers through safetynet_async_done().
extern "C" {
void safetynet_js_fetch(const char* path, int request);
void safetynet_js_storage_put(const char* key, const char* bytes, int size, int request);
void safetynet_js_storage_get(const char* key, int request);
void safetynet_js_storage_remove(const char* key, int request);
void safetynet_js_storage_keys(const char* prefix, int request);
void safetynet_js_save_file(const char* name, const char* bytes, int size, const char* mime);
void safetynet_js_pick_files(const char* accept, int multiple, int request);
void safetynet_js_print(const char* document_json);
int safetynet_js_speech_available();
int safetynet_js_speak(const char* text, const char* lang);
void safetynet_js_stop_speaking();
void safetynet_js_url_mode(char* out, int size);
void safetynet_js_url_lang(char* out, int size);
int safetynet_js_utc_offset();
}

namespace safetynet::web {

namespace {
WebPlatform* g_platform = nullptr;  // the one platform JavaScript calls back into
}

WebPlatform::WebPlatform() { g_platform = this; }
WebPlatform::~WebPlatform() {
    if (g_platform == this) g_platform = nullptr;
}

int WebPlatform::begin(Completion done) {
    const int request = m_next_request++;
    m_pending.emplace(request, std::move(done));
    return request;
}

void WebPlatform::finish(int request, bool ok, std::string bytes) {
    const auto it = m_pending.find(request);
    if (it == m_pending.end()) return;
    auto done = std::move(it->second);
    m_pending.erase(it);
    done(ok, std::move(bytes));
}

double WebPlatform::now_seconds() { return emscripten_get_now() / 1000.0; }

// The browser's wall clock is the machine's (emscripten's clock is JavaScript's Date); its zone
// comes from Date too, which knows the browser's time zone.
std::int64_t WebPlatform::unix_time() { return core::system_clock().unix_time(); }

int WebPlatform::utc_offset_seconds() { return safetynet_js_utc_offset(); }

std::string WebPlatform::requested_mode() {
    char mode[16] = {};
    safetynet_js_url_mode(mode, sizeof mode);
    return mode;
}

std::string WebPlatform::requested_language() {
    char lang[36] = {};
    safetynet_js_url_lang(lang, sizeof lang);
    return lang;
}

void WebPlatform::fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) {
    const int request = begin([done = std::move(done)](bool ok, std::string bytes) {
        done(ok ? std::optional<std::string>(std::move(bytes)) : std::nullopt);
    });
    safetynet_js_fetch(path.c_str(), request);
}

void WebPlatform::storage_put(std::string key, std::string bytes, std::function<void(bool)> done) {
    const int request = begin([done = std::move(done)](bool ok, std::string) { done(ok); });
    safetynet_js_storage_put(key.c_str(), bytes.data(), static_cast<int>(bytes.size()), request);
}

void WebPlatform::storage_get(std::string key, std::function<void(std::optional<std::string>)> done) {
    const int request = begin([done = std::move(done)](bool ok, std::string bytes) {
        done(ok ? std::optional<std::string>(std::move(bytes)) : std::nullopt);
    });
    safetynet_js_storage_get(key.c_str(), request);
}

void WebPlatform::storage_remove(std::string key, std::function<void(bool)> done) {
    const int request = begin([done = std::move(done)](bool ok, std::string) { done(ok); });
    safetynet_js_storage_remove(key.c_str(), request);
}

void WebPlatform::storage_keys(std::string prefix, std::function<void(std::vector<std::string>)> done) {
    const int request = begin([done = std::move(done)](bool ok, std::string bytes) {
        std::vector<std::string> keys;
        const auto doc = nlohmann::json::parse(bytes, nullptr, false);
        if (ok && doc.is_array())
            for (const auto& k : doc)
                if (k.is_string()) keys.push_back(k.get<std::string>());
        done(std::move(keys));
    });
    safetynet_js_storage_keys(prefix.c_str(), request);
}

void WebPlatform::save_file(std::string name, std::string bytes, std::string mime) {
    safetynet_js_save_file(name.c_str(), bytes.data(), static_cast<int>(bytes.size()), mime.c_str());
}

void WebPlatform::pick_files(std::string accept, bool multiple, std::function<void(std::vector<ui::PickedFile>)> done) {
    // The files arrive framed as [u32 name size][name][u32 data size][data]..., little-endian.
    const int request = begin([done = std::move(done)](bool ok, std::string bytes) {
        std::vector<ui::PickedFile> files;
        std::size_t at = 0;
        auto read_u32 = [&](std::uint32_t& v) {
            if (bytes.size() - at < 4) return false;
            std::memcpy(&v, bytes.data() + at, 4);
            at += 4;
            return true;
        };
        while (ok && at < bytes.size()) {
            std::uint32_t n = 0, d = 0;
            if (!read_u32(n) || bytes.size() - at < n) break;
            std::string name = bytes.substr(at, n);
            at += n;
            if (!read_u32(d) || bytes.size() - at < d) break;
            files.push_back({std::move(name), bytes.substr(at, d)});
            at += d;
        }
        done(std::move(files));
    });
    safetynet_js_pick_files(accept.c_str(), multiple ? 1 : 0, request);
}

void WebPlatform::print(const ui::PrintDocument& doc) {
    nlohmann::json sections = nlohmann::json::array();
    for (const auto& s : doc.sections) {
        nlohmann::json entries = nlohmann::json::array();
        for (const auto& e : s.entries) entries.push_back({{"title", e.title}, {"lines", e.lines}});
        sections.push_back({{"heading", s.heading}, {"entries", std::move(entries)}});
    }
    const nlohmann::json j{{"lang", doc.lang},         {"title", doc.title}, {"intro", doc.intro},
                           {"sections", std::move(sections)}, {"footer", doc.footer}};
    safetynet_js_print(j.dump().c_str());
}

bool WebPlatform::speech_available() { return safetynet_js_speech_available() != 0; }

bool WebPlatform::speak(std::string_view text, std::string_view lang) {
    return safetynet_js_speak(std::string(text).c_str(), std::string(lang).c_str()) != 0;
}

void WebPlatform::stop_speaking() { safetynet_js_stop_speaking(); }

}  // namespace safetynet::web

// JavaScript hands results over in a malloc()ed buffer that is freed here.
extern "C" EMSCRIPTEN_KEEPALIVE void safetynet_async_done(int request, char* data, int size, int ok) {
    std::string bytes;
    if (data && size > 0) bytes.assign(data, static_cast<std::size_t>(size));
    std::free(data);
    if (safetynet::web::g_platform) safetynet::web::g_platform->finish(request, ok != 0, std::move(bytes));
}
