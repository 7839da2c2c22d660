#pragma once
// What the UI needs from the machine it runs on. The browser implements it in web/, a test
// fake in tests/. Nothing in ui/ knows which one it talks to.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace safetynet::ui {

class Platform {
public:
    virtual ~Platform() = default;

    // Seconds on a monotonic clock (frame timing, idle timeouts).
    virtual double now_seconds() = 0;

    // Reads one of the app's own static files (e.g. "assets/site.json"), asynchronously.
    // `done` runs on the UI thread with the bytes, or nullopt when the file is missing.
    virtual void fetch_asset(std::string path,
                             std::function<void(std::optional<std::string>)> done) = 0;

    // Reads a question or an answer aloud in `lang` (BCP 47). Silent where unavailable.
    virtual bool speech_available() = 0;
    virtual void speak(std::string_view text, std::string_view lang) = 0;
    virtual void stop_speaking() = 0;
};

}  // namespace safetynet::ui
