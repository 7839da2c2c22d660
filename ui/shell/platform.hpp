#pragma once
// What the UI needs from the machine it runs on. The browser implements it in web/, a test
// fake in tests/. Nothing in ui/ knows which one it talks to. It is also the UI's clock
// (core::Clock, core/base/clock.hpp): every "now" a screen uses comes from it.
//
// Every call that can take time is asynchronous: its callback runs later on the UI thread
// (never inside the call), so a screen never blocks its frame waiting for storage or a file.
#include "core/base/clock.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safetynet::ui {

// A document for the browser to print: plain text in a fixed, clean layout (web/ turns it
// into print-only HTML). Holds only what the person chose to print.
struct PrintDocument {
    struct Entry {
        std::string title;               // e.g. a service name
        std::vector<std::string> lines;  // what it does, address, phone, hours, languages
    };
    struct Section {
        std::string heading;  // e.g. "Food"
        std::vector<Entry> entries;
    };
    std::string lang;  // BCP 47, for the page's lang attribute and hyphenation
    std::string title;
    std::string intro;
    std::vector<Section> sections;
    std::string footer;
};

struct PickedFile {
    std::string name;
    std::string bytes;
};

class Platform : public core::Clock {
public:
    // From core::Clock: unix_time() (FHIR timestamps, bundle dates) and utc_offset_seconds()
    // (staff asking for services "open now" mean the site's local time).

    // Seconds on a monotonic clock (frame timing, idle timeouts).
    virtual double now_seconds() = 0;
    // The mode the person opened the app in ("kiosk", "clinic", "org"; in the browser the URL's
    // #fragment), or empty for the site's default.
    virtual std::string requested_mode() { return {}; }
    // The language the person opened the app in (in the browser the URL's ?lang=), or empty.
    virtual std::string requested_language() { return {}; }

    // Reads one of the app's own static files (e.g. "assets/site.json"), asynchronously.
    // `done` runs on the UI thread with the bytes, or nullopt when the file is missing.
    virtual void fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) = 0;

    // Persistent storage of opaque blobs under string keys (IndexedDB in the browser). The UI
    // only ever stores ciphertext here. Each put is atomic: after a crash or reload the key
    // holds either the old or the new bytes.
    virtual void storage_put(std::string key, std::string bytes, std::function<void(bool ok)> done) = 0;
    virtual void storage_get(std::string key, std::function<void(std::optional<std::string>)> done) = 0;
    virtual void storage_remove(std::string key, std::function<void(bool ok)> done) = 0;
    virtual void storage_keys(std::string prefix, std::function<void(std::vector<std::string>)> done) = 0;

    // Hands a file to the person (a download in the browser).
    virtual void save_file(std::string name, std::string bytes, std::string mime) = 0;
    // Asks the person for files; `done` gets nothing if they cancel.
    virtual void pick_files(std::string accept, bool multiple, std::function<void(std::vector<PickedFile>)> done) = 0;
    // Prints a document; what was printed is cleared from the page afterwards.
    virtual void print(const PrintDocument& doc) = 0;

    // Reads a question or an answer aloud in `lang` (BCP 47) with a voice for that language.
    // Returns false, saying nothing, when the device has no voice for it (rather than reading it
    // in another language's voice); silent where speech is unavailable.
    virtual bool speech_available() = 0;
    virtual bool speak(std::string_view text, std::string_view lang) = 0;
    virtual void stop_speaking() = 0;
};

}  // namespace safetynet::ui
