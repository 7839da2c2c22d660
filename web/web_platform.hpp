#pragma once
// ui::Platform for the browser. The JavaScript halves live in web/library_safetynet.js.
//
// Implemented: monotonic and wall clocks; same-origin static files (fetch); IndexedDB blob
// storage; downloads; file picking; printing through a print-only part of the page; speech
// synthesis. Every asynchronous JavaScript call reports back through one exported function,
// safetynet_async_done(request, bytes, size, ok).
#include "ui/shell/platform.hpp"

#include <functional>
#include <map>
#include <string>

namespace safetynet::web {

class WebPlatform : public ui::Platform {
public:
    WebPlatform();
    ~WebPlatform() override;
    WebPlatform(const WebPlatform&) = delete;
    WebPlatform& operator=(const WebPlatform&) = delete;

    double now_seconds() override;
    std::int64_t unix_time() override;
    int utc_offset_seconds() override;
    std::string requested_mode() override;
    std::string requested_language() override;
    void fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) override;
    void storage_put(std::string key, std::string bytes, std::function<void(bool)> done) override;
    void storage_get(std::string key, std::function<void(std::optional<std::string>)> done) override;
    void storage_remove(std::string key, std::function<void(bool)> done) override;
    void storage_keys(std::string prefix, std::function<void(std::vector<std::string>)> done) override;
    void save_file(std::string name, std::string bytes, std::string mime) override;
    void pick_files(std::string accept, bool multiple, std::function<void(std::vector<ui::PickedFile>)> done) override;
    void print(const ui::PrintDocument& doc) override;
    bool speech_available() override;
    bool speak(std::string_view text, std::string_view lang) override;
    void stop_speaking() override;

    // Called (through safetynet_async_done) when a JavaScript operation ends.
    void finish(int request, bool ok, std::string bytes);

private:
    using Completion = std::function<void(bool ok, std::string bytes)>;
    int begin(Completion done);

    int m_next_request = 1;
    std::map<int, Completion> m_pending;
};

}  // namespace safetynet::web
