#pragma once
// ui::Platform for the browser. The JavaScript halves live in web/library_safetynet.js.
#include "ui/platform.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace safetynet::web {

class WebPlatform : public ui::Platform {
public:
    double now_seconds() override;
    void fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) override;
    bool speech_available() override;
    void speak(std::string_view text, std::string_view lang) override;
    void stop_speaking() override;

    // Called from JavaScript when a fetch started by fetch_asset() ends.
    void finish_fetch(int request, std::optional<std::string> body);

private:
    int m_next_request = 1;
    std::map<int, std::function<void(std::optional<std::string>)>> m_pending;
};

}  // namespace safetynet::web
