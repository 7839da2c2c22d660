#pragma once
// Runs the real UI headlessly: an ImGui context with no renderer, a fake platform, and a
// pointer that clicks widgets by their registered rectangles, over separate frames, the way
// the end-to-end tests (and people) do.
#include "ui/app.hpp"
#include "ui/platform.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace safetynet::test {

class FakePlatform : public ui::Platform {
public:
    double now = 0;
    std::map<std::string, std::string> files;  // what fetch_asset finds
    std::vector<std::string> fetched;          // every path asked for
    std::vector<std::string> spoken;

    double now_seconds() override { return now; }
    void fetch_asset(std::string path, std::function<void(std::optional<std::string>)> done) override {
        fetched.push_back(path);
        const auto it = files.find(path);
        done(it == files.end() ? std::nullopt : std::optional<std::string>(it->second));
    }
    bool speech_available() override { return true; }
    void speak(std::string_view text, std::string_view) override { spoken.emplace_back(text); }
    void stop_speaking() override {}
};

class UiHarness {
public:
    explicit UiHarness(float width = 1280, float height = 800) {
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        app = std::make_unique<ui::App>(platform);
        upload_fonts();
    }
    ~UiHarness() {
        app.reset();
        ImGui::DestroyContext(m_ctx);
    }
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    void frame() {
        if (app->prepare_frame()) upload_fonts();
        platform.now += 1.0 / 60.0;
        ImGui::NewFrame();
        app->frame();
        ImGui::Render();
    }

    // Moves over the widget, presses, releases: three frames, as a real pointer would.
    void click(const std::string& id) {
        frame();
        const ui::WidgetRect* r = app->widgets().find(id);
        REQUIRE_MESSAGE(r != nullptr, "no widget named " << id);
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(r->x + r->w / 2, r->y + r->h / 2);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        frame();
    }

    FakePlatform platform;
    std::unique_ptr<ui::App> app;

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

}  // namespace safetynet::test
