// The browser app: SDL2 + WebGL2 + Dear ImGui around ui::App.
//
// Implemented here: the canvas, GL context and ImGui backends; the frame loop with a
// font-texture re-upload when the text size changes; the first-frame signal the startup
// benchmark reads; the JS test surface. Everything else is in ui/ and core/.
#include "core/base/version.hpp"
#include "ui/app/app.hpp"
#include "web/main_loop.hpp"
#include "web/test_api.hpp"
#include "web/web_platform.hpp"

#include <SDL.h>
#include <SDL_opengles2.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

// emcc silently puts its own SDL 1.2 headers on the include path; without our SDL2 directory
// <SDL.h> would resolve to them and compile against SDL 1.2 (docs/BUILDING.md, pitfalls).
// Fail loudly instead.
static_assert(SDL_MAJOR_VERSION == 2, "picked up emscripten's SDL 1.2 headers");

extern "C" {
void safetynet_js_first_frame();
void safetynet_js_fatal(const char* message);
}

namespace {

struct Runtime {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    safetynet::web::WebPlatform platform;
    std::unique_ptr<safetynet::ui::App> app;
    bool first_frame_done = false;
    int frames_to_draw = 0;       // after input ImGui needs a few frames to settle hover/press
    double last_drawn = 0;
};

// ImGui redraws everything every frame. Doing that 60 times a second while nobody touches the
// screen would keep a tablet's CPU busy and the page's main thread saturated (in software
// WebGL it then starves the browser's own idle work, service-worker updates among it). So a
// frame is drawn only after input, when the app asks, and once a second as a heartbeat.
bool should_draw(Runtime& rt, bool had_input) {
    constexpr int kSettleFrames = 4;
    const double now = rt.platform.now_seconds();
    if (had_input) rt.frames_to_draw = kSettleFrames;
    if (rt.frames_to_draw > 0 || !rt.first_frame_done || rt.app->wants_redraw(now) || now - rt.last_drawn >= 1.0) {
        if (rt.frames_to_draw > 0) --rt.frames_to_draw;
        rt.last_drawn = now;
        return true;
    }
    return false;
}

void frame(Runtime& rt) {
    SDL_Event e;
    bool had_input = false;
    while (SDL_PollEvent(&e)) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        had_input = true;
    }
    if (had_input) rt.app->note_input();  // the kiosk's idle timer starts again
    if (!should_draw(rt, had_input)) return;

    if (rt.app->prepare_frame()) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // Two frames can share a timestamp in a throttled or virtual-time tab, and ImGui::NewFrame()
    // asserts "Need a positive DeltaTime!": clamp it.
    if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();
    rt.app->frame();
    ImGui::Render();

    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(rt.window, &w, &h);
    glViewport(0, 0, w, h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(rt.window);

    if (!rt.first_frame_done) {
        rt.first_frame_done = true;
        safetynet_js_first_frame();
    }
}

Runtime* g_runtime = nullptr;

}  // namespace

// web/loader.js reports what the service worker did: "notice.updated" (a new version took
// over at this start) or "notice.update_ready" (one is waiting for the next start). `args`
// is a JSON object of placeholder values.
extern "C" EMSCRIPTEN_KEEPALIVE void safetynet_show_notice(const char* key, const char* args_json) {
    if (!g_runtime || !g_runtime->app) return;
    const std::string k(key);
    if (k != "notice.updated" && k != "notice.update_ready") return;  // only the platform's own notices
    std::vector<std::pair<std::string, std::string>> args;
    const auto doc = nlohmann::json::parse(args_json, nullptr, false);
    if (doc.is_object())
        for (const auto& [name, value] : doc.items())
            if (value.is_string()) args.emplace_back(name, value.get<std::string>());
    g_runtime->app->show_notice(k, std::move(args));
}

int main(int, char**) {
    if (sodium_init() < 0) {
        safetynet_js_fatal("The browser's random number generator is unavailable.");
        return 1;
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        safetynet_js_fatal(SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2 == OpenGL ES 3.0
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);

    static Runtime rt;
    g_runtime = &rt;
    // RESIZABLE with a CSS-sized canvas: SDL follows the page size and the device pixel ratio.
    rt.window = SDL_CreateWindow("SafetyNet", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 1280, 800,
                                 SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!rt.window || !(rt.gl = SDL_GL_CreateContext(rt.window))) {
        safetynet_js_fatal("This browser could not start WebGL 2, which SafetyNet needs to draw its screens.");
        return 1;
    }
    SDL_GL_MakeCurrent(rt.window, rt.gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    rt.app = std::make_unique<safetynet::ui::App>(rt.platform);
    ImGui_ImplSDL2_InitForOpenGL(rt.window, rt.gl);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    safetynet::web::set_test_api_app(rt.app.get());
    std::printf("SafetyNet %s started\n", std::string(safetynet::core::version()).c_str());

    safetynet::web::run_main_loop([] { frame(rt); });
    return 0;
}
