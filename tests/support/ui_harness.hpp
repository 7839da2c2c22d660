#pragma once
// Runs the real UI headlessly: an ImGui context with no renderer, a fake platform, and a
// pointer that clicks widgets by their registered rectangles, over separate frames, the way
// the end-to-end tests (and people) do.
#include "core/base/assets.hpp"
#include "ui/app/app.hpp"
#include "ui/shell/platform.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace safetynet::test {

// An in-memory platform. Asynchronous calls complete at the next run_pending() (the harness
// calls it before every frame), as the browser's would: never inside the call.
class FakePlatform : public ui::Platform {
public:
    double now = 0;
    std::int64_t wall = 1795000000;                // 2026-11-18, a fixed wall clock
    int utc_offset = 0;                            // the local zone: UTC unless a test moves it
    std::map<std::string, std::string> files;      // what fetch_asset finds
    std::vector<std::string> fetched;              // every path asked for
    std::map<std::string, std::string> storage;    // what storage_* see
    std::vector<std::pair<std::string, std::string>> saved;  // (name, bytes) handed out
    std::vector<ui::PickedFile> to_pick;           // what the next pick_files() returns
    std::vector<ui::PrintDocument> printed;
    std::vector<std::string> spoken;
    std::vector<std::string> voiceless;            // languages the device has no voice for
    std::string mode;                              // what requested_mode() says (the URL's #fragment)
    std::string language;                          // what requested_language() says (the URL's ?lang=)

    void run_pending() {
        auto work = std::move(m_pending);
        m_pending.clear();
        for (auto& w : work) w();
    }

    double now_seconds() override { return now; }
    std::int64_t unix_time() override { return wall; }
    int utc_offset_seconds() override { return utc_offset; }
    void fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) override {
        fetched.push_back(path);
        m_pending.push_back([this, path, done = std::move(done)] {
            const auto it = files.find(path);
            done(it == files.end() ? std::nullopt : std::optional<std::string>(it->second));
        });
    }
    void storage_put(std::string key, std::string bytes, std::function<void(bool)> done) override {
        m_pending.push_back([this, key, bytes, done = std::move(done)] {
            storage[key] = bytes;
            done(true);
        });
    }
    void storage_get(std::string key, std::function<void(std::optional<std::string>)> done) override {
        m_pending.push_back([this, key, done = std::move(done)] {
            const auto it = storage.find(key);
            done(it == storage.end() ? std::nullopt : std::optional<std::string>(it->second));
        });
    }
    void storage_remove(std::string key, std::function<void(bool)> done) override {
        m_pending.push_back([this, key, done = std::move(done)] {
            storage.erase(key);
            done(true);
        });
    }
    void storage_keys(std::string prefix, std::function<void(std::vector<std::string>)> done) override {
        m_pending.push_back([this, prefix, done = std::move(done)] {
            std::vector<std::string> keys;
            for (const auto& kv : storage)
                if (kv.first.rfind(prefix, 0) == 0) keys.push_back(kv.first);
            done(keys);
        });
    }
    void save_file(std::string name, std::string bytes, std::string) override { saved.emplace_back(name, bytes); }
    void pick_files(std::string, bool, std::function<void(std::vector<ui::PickedFile>)> done) override {
        auto files_now = std::move(to_pick);
        to_pick.clear();
        m_pending.push_back([done = std::move(done), files_now] { done(files_now); });
    }
    void print(const ui::PrintDocument& doc) override { printed.push_back(doc); }
    bool speech_available() override { return true; }
    bool speak(std::string_view text, std::string_view lang) override {
        if (std::count(voiceless.begin(), voiceless.end(), lang)) return false;
        spoken.emplace_back(text);
        return true;
    }
    void stop_speaking() override {}
    std::string requested_mode() override { return mode; }
    std::string requested_language() override { return language; }

private:
    std::vector<std::function<void()>> m_pending;
};

class UiHarness {
public:
    // with_workspace false: the kiosk program's App (web/CMakeLists.txt), no workspace linked.
    explicit UiHarness(float width = 1280, float height = 800, std::string mode = {}, bool with_workspace = true,
                       std::string language = {}) {
        platform.mode = std::move(mode);
        // The catalogs the browser programs fetch when a language is chosen (core/CMakeLists.txt),
        // where the page finds them: the app asks for them as it does in the browser.
        for (const std::string_view name : safetynet::core::more_catalog_names())
            platform.files["i18n/" + std::string(name)] = std::string(*safetynet::core::more_catalog(name));
        // And the instruments' wording in those languages (web/CMakeLists.txt).
        for (const std::string_view name : safetynet::core::more_instrument_translation_names())
            platform.files["instruments/" + std::string(name)] =
                std::string(*safetynet::core::more_instrument_translation(name));
        platform.language = std::move(language);
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        // What a backend maps: ImGui's named keys to slots in io.KeysDown.
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;
        app = with_workspace ? std::make_unique<ui::App>(platform) : std::make_unique<ui::App>(platform, nullptr);
        upload_fonts();
    }
    ~UiHarness() {
        app.reset();
        ImGui::DestroyContext(m_ctx);
    }
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    void frame() {
        platform.run_pending();
        // Drawn again when it showed characters the atlas lacked (a language just switched to),
        // as web/main.cpp does before painting.
        for (int pass = 0; pass < 2; ++pass) {
            if (app->prepare_frame()) upload_fonts();
            if (pass == 0) platform.now += 1.0 / 60.0;
            ImGui::NewFrame();
            app->frame();
            ImGui::Render();
            ++passes;
            if (!app->take_redo_for_glyphs()) break;
        }
        // What the browser's DOM mirror does after a frame: carry out the focus move the UI asks for.
        ui::SemanticActions& a = app->actions();
        if (!a.focus_request().empty()) a.focus(a.focus_request(), a.focus_request_visible());
    }

    // Scrolls the screen with the mouse wheel, as a person would, until `id` is in view.
    const ui::WidgetRect* scroll_into_view(const std::string& id) {
        ImGuiIO& io = ImGui::GetIO();
        for (float direction : {-1.0f, 1.0f}) {
            for (int i = 0; i < 30; ++i) {
                if (const ui::WidgetRect* r = app->widgets().find(id)) return r;
                io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f);
                io.MouseWheel = direction;
                frame();
                io.MouseWheel = 0;
                frame();
            }
        }
        return app->widgets().find(id);
    }

    // Moves over the widget, presses, releases: three frames, as a real pointer would.
    void click(const std::string& id) {
        frame();
        const ui::WidgetRect* r = scroll_into_view(id);
        REQUIRE_MESSAGE(r != nullptr, "no widget named " << id);
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(r->x + r->w / 2, r->y + r->h / 2);
        app->note_input();
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        frame();
    }

    // Types into the focused text field as the page's real <input> does: it reports the field's
    // whole new text through the semantic tree (ui/shell/semantic_actions.hpp).
    void type(const std::string& text) {
        const std::string& id = app->actions().focused();
        const ui::SemanticNode* n = app->semantics().find(id);
        REQUIRE_MESSAGE((n && n->role == ui::Role::TextField), "no text field has the focus (focused: " << id << ")");
        app->actions().set_text(id, n->value + text);
        app->note_input();
        frame();
        frame();
    }
    // Keys typed with nothing focused in the page: they reach the canvas (ImGui's input queue), as
    // a hardware keyboard's digits do for the number pad and the answers' shortcuts.
    void keys(const std::string& text) {
        for (char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
        app->note_input();
        frame();
        frame();
    }
    // Presses Enter in the focused one-line text field.
    void submit() {
        app->actions().activate(app->actions().focused());
        frame();
        frame();
    }
    // What a screen reader's "activate" (or Enter / Space on the focused element) does: no
    // pointer, the widget found by its id in the semantic tree.
    void activate(const std::string& id) {
        frame();
        REQUIRE_MESSAGE(app->semantics().find(id) != nullptr, "no node named " << id << " in the semantic tree");
        app->actions().activate(id);
        app->note_input();
        frame();
        frame();
    }
    // Moves the keyboard focus as Tab would in the page (visible ring), to `id`.
    void focus(const std::string& id) {
        app->actions().focus(id, true);
        frame();
        frame();
    }
    bool has(const std::string& id) const { return app->widgets().find(id) != nullptr; }
    nlohmann::json state() const { return nlohmann::json::parse(app->state_json()); }

    FakePlatform platform;
    std::unique_ptr<ui::App> app;
    int passes = 0;  // ImGui frames run: more than frame() calls when one was drawn again

private:
    // What a renderer does with the atlas; here only to satisfy ImGui's "fonts built" check.
    static void upload_fonts() {
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }
    ImGuiContext* m_ctx = nullptr;
};

// Frames until the workspace's store reaches `want` ("absent", "locked", "unlocked") with nothing
// being saved (key derivation runs a slice per frame).
inline bool run_until_store(UiHarness& h, const std::string& want, int max_frames = 2000) {
    for (int i = 0; i < max_frames; ++i) {
        h.frame();
        const nlohmann::json s = h.state()["workspace"];
        if (s["store"] == want && !s["saving"].get<bool>()) return true;
    }
    return false;
}

// Creates the workspace's encrypted store as staff do on the set-up screen (the clinic's name
// comes from the site file), and waits until it is unlocked and saved.
inline void set_up_clinic(UiHarness& h, const std::string& passphrase = "clinic passphrase 1") {
    REQUIRE(run_until_store(h, "absent"));
    h.click("setup.pass");
    h.type(passphrase);
    h.click("setup.pass2");
    h.type(passphrase);
    h.click("setup.create");
    REQUIRE(run_until_store(h, "unlocked"));
}

}  // namespace safetynet::test
