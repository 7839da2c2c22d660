// The browser app: WebGL2 + Dear ImGui around ui::App, on Emscripten's own HTML5 API (no SDL:
// web/imgui_platform.hpp says why).
//
// Implemented here: the GL context and ImGui backends; the frame loop with a
// font-texture re-upload when the text size changes; the first-frame signal the startup
// benchmark reads; the JS test surface. Everything else is in ui/ and core/.
#include "core/base/version.hpp"
#include "core/screening/fhirpath_in_forms.hpp"
#include "ui/app/app.hpp"
#include "ui/shell/draw_damage.hpp"
#if SAFETYNET_TEXT_SHAPER
#include "ui/shaping/shaped_text_renderer.hpp"
#endif
#include "web/dom_mirror.hpp"
#include "web/imgui_platform.hpp"
#include "web/main_loop.hpp"
#include "web/test_api.hpp"
#include "web/web_platform.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>         // emscripten_date_now
#include <emscripten/html5_webgl.h>

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

extern "C" {
void safetynet_js_first_frame();
void safetynet_js_fatal(const char* message);
void safetynet_js_start_staff_program(const char* mode);
void safetynet_js_start_rtl_program(const char* lang);
void safetynet_js_start_expressions_program();
int safetynet_js_page_hidden();
}

// Three programs share this file (web/CMakeLists.txt): safetynet.wasm, the kiosk alone (the
// first load), built with SAFETYNET_KIOSK_PROGRAM=1; safetynet-rtl.wasm, the kiosk with the
// text shaper for right-to-left languages (SAFETYNET_TEXT_SHAPER=1 too); and
// safetynet-staff.wasm, the whole app with the shaper, for #clinic and #org. loader.js picks one
// by the URL.

namespace {

constexpr const char* kCanvas = "#canvas";

struct Runtime {
    safetynet::web::ImGuiPlatform input;
    safetynet::web::WebPlatform platform;
#if SAFETYNET_TEXT_SHAPER
    safetynet::ui::ShapedTextRenderer shaped;  // declared before `app`, which draws with it: outlives it
#endif
    std::unique_ptr<safetynet::ui::App> app;
    bool first_frame_done = false;
    bool staff_program_requested = false;
    bool rtl_program_requested = false;
    bool expressions_program_requested = false;
    int settle_frames = 0;         // frames still owed (one for any wake-up: safetynet_request_frame)
    double frames_painted = 0;     // frames drawn, for the test surface (safetynet_frames_painted)
    // What the canvas shows, so the next frame repaints only what changed (issue 16: a tap's
    // paint). repaint_all: the canvas lost it (the first frame, a new font texture).
    safetynet::ui::DrawDamage damage;
    bool repaint_all = true;
    int canvas_w = 0, canvas_h = 0;
    ImVec4 clear_colour{-1, -1, -1, -1};  // the page's colour the last paint cleared to
    double clock_offset_ms = 0;    // wall clock minus monotonic clock at the last painted frame
    double painted_minute = -1;    // the wall-clock minute of the last painted frame
    // The last painted frames, for the test surface: what each drew, in counts (a language or
    // screen change changes them), so an e2e test can tell which frame first showed a change;
    // and how much of the screen each shaded again (0: nothing changed, nothing painted).
    struct Painted {
        double n;
        int vertices, indices, width, height;
        float shaded;
    };
    std::array<Painted, 16> painted_log{};
};

// After input ImGui needs a frame or two to settle: a window or popup that appears is measured
// on its first frame and shown on the next, a scroll request lands a frame later. Those frames
// are run but not painted (painting is what costs: 20-100 ms a frame in software WebGL, and a
// frame being painted delays the next input), so the one painted frame is the settled one.
constexpr int kSettlePasses = 2;
// The longest the loop sleeps without looking: the device's clock being set (the dates on screen
// follow it) wakes nothing and is seen only by looking. Every timer the app sets wakes it at its
// own moment (App::redraw_due_at), and every page call into the program wakes it
// (library_safetynet.js); one look a second costs nothing measurable (bench/idle) and keeps a
// screen that depends on the date at most a second behind a clock being set (the e2e loop test
// sets the test clock, then waits for that look's frame).
constexpr double kClockCheckSeconds = 1.0;

// Wall time moved in a way a person sees: a new minute (dates, "due today" lists), or the
// device's clock was set (the difference to the monotonic clock jumped).
bool clock_moved(const Runtime& rt) {
    const double wall = emscripten_date_now();
    const double offset = wall - emscripten_get_now();
    return std::floor(wall / 60000.0) != rt.painted_minute || std::fabs(offset - rt.clock_offset_ms) > 1000.0;
}

// ImGui redraws everything every frame. Doing that 60 times a second while nobody touches the
// screen keeps a tablet's CPU busy (issue 16: a kiosk at rest used 10 % of a core). So a frame
// is painted only for the first frame, after input, when the app asks, or when the clock moved;
// and the loop, asleep, wakes at the next of those moments, not to ask every quarter second
// (issue 16: those wake-ups were what kept the clinic's dashboard at rest above 2x LHC-Forms).
// Returns the seconds until a frame is due: 0 now, at most kClockCheckSeconds.
double seconds_until_due(Runtime& rt) {
    if (!rt.first_frame_done || rt.settle_frames > 0 || clock_moved(rt)) return 0;
    const double now = rt.platform.now_seconds();
    const double app = rt.app->redraw_due_at(now) - now;
    const double wall_ms = emscripten_date_now();
    const double next_minute = (60000.0 - std::fmod(wall_ms, 60000.0)) / 1000.0;
    return std::max(0.0, std::min({app, next_minute, kClockCheckSeconds}));
}

// One ImGui frame of the app, not painted: the caller paints the last one. Drawn again when it
// showed characters the atlas lacked and can have now (a language just switched to:
// App::take_redo_for_glyphs), so the one painted has them.
void imgui_pass(Runtime& rt) {
    for (int pass = 0; pass < 2; ++pass) {
        if (rt.app->prepare_frame()) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            rt.repaint_all = true;  // every glyph may have moved in the atlas
        }
        ImGui_ImplOpenGL3_NewFrame();
        rt.input.new_frame();
        // Two frames can share a timestamp (the passes in read_input, a throttled tab), and
        // ImGui::NewFrame() asserts "Need a positive DeltaTime!": clamp it.
        if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
        ImGui::NewFrame();
        rt.app->frame();
        ImGui::Render();
        if (!rt.app->take_redo_for_glyphs()) break;
    }
    safetynet::web::after_frame(*rt.app);
}

// Hands the queued input to ImGui. ImGui 1.86 keeps one state per mouse button and key, so a
// press and its release queued together would act a frame late (a button acts on release) or,
// for a key, not at all. Each press and release gets an unpainted ImGui pass of its own, and
// the painted frame that follows shows the effect (issue 16: input to paint within one frame).
bool read_input(Runtime& rt) {
    bool any = false;
    return rt.input.read_input([&](bool press_or_release) {
        if (!any) rt.app->note_input();  // the kiosk's idle timer starts again
        any = true;
        if (press_or_release && rt.first_frame_done) imgui_pass(rt);
    });
}

// Each rectangle cleared and drawn again, the draw lists clipped to it (a scissor for the clear).
void paint_rects(ImDrawData& dd, const std::vector<safetynet::ui::DamageRect>& rects) {
    std::vector<ImVec4> clips;
    for (int l = 0; l < dd.CmdListsCount; ++l)
        for (const ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer) clips.push_back(cmd.ClipRect);
    for (const safetynet::ui::DamageRect& rect : rects) {
        std::size_t i = 0;
        for (int l = 0; l < dd.CmdListsCount; ++l)
            for (ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer) cmd.ClipRect = clips[i++];
        const safetynet::ui::GlBox box = safetynet::ui::gl_scissor(dd, rect);
        glEnable(GL_SCISSOR_TEST);
        glScissor(box.x, box.y, box.w, box.h);
        glClear(GL_COLOR_BUFFER_BIT);
        safetynet::ui::clip_draw_data(dd, rect);
        ImGui_ImplOpenGL3_RenderDrawData(&dd);
        glDisable(GL_SCISSOR_TEST);
    }
}

// Paints what changed since the last painted frame, over the canvas's pixels, which it keeps
// (preserveDrawingBuffer: web/loader.js makes the context): software WebGL's cost is the pixels
// it shades, and a tap changes one answer box, not the screen. A frame that changed nothing
// paints nothing (a wake-up for the clock's minute on a screen without a clock, a page call
// that changed no state).
void paint(Runtime& rt) {
    const int w = rt.input.framebuffer_width(), h = rt.input.framebuffer_height();
    ImDrawData* dd = ImGui::GetDrawData();
    // The page's colour is a clear, not a triangle the damage sees: a new theme repaints all
    // (high contrast turned on left a strip of the old colour where no widget changed).
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const bool new_colour = bg.x != rt.clear_colour.x || bg.y != rt.clear_colour.y || bg.z != rt.clear_colour.z;
    const bool all = rt.repaint_all || w != rt.canvas_w || h != rt.canvas_h || new_colour;
    rt.clear_colour = bg;
    const safetynet::ui::Damage damage = rt.damage.update(*dd, all);
    rt.repaint_all = false;
    rt.canvas_w = w, rt.canvas_h = h;
    ++rt.frames_painted;
    rt.painted_log[static_cast<std::size_t>(rt.frames_painted) % rt.painted_log.size()] =
        {rt.frames_painted, dd->TotalVtxCount, dd->TotalIdxCount, w, h, damage.fraction};
    const double wall = emscripten_date_now();
    rt.painted_minute = std::floor(wall / 60000.0);
    rt.clock_offset_ms = wall - emscripten_get_now();
    if (damage.kind == safetynet::ui::Damage::Kind::None) return;
    glViewport(0, 0, w, h);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    if (damage.kind == safetynet::ui::Damage::Kind::Full) {
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(dd);
    } else {
        paint_rects(*dd, damage.rects);
    }
    // Shown when the frame returns to the browser.
}

void frame(Runtime& rt) {
    const bool had_input = read_input(rt);
    if (had_input) rt.settle_frames = std::max(rt.settle_frames, 1);
    // A hidden tab paints nothing, whatever woke it (browsers mostly stop its animation frames,
    // not all and not always): what is owed is painted when it is shown again, which wakes us.
    if (safetynet_js_page_hidden()) {
        safetynet::web::sleep_main_loop(kClockCheckSeconds);
        return;
    }
    if (const double wait = seconds_until_due(rt); wait > 0) {
        safetynet::web::sleep_main_loop(wait);
        return;
    }
    if (rt.settle_frames > 0) --rt.settle_frames;
    if (had_input && rt.first_frame_done)
        for (int i = 0; i < kSettlePasses; ++i) imgui_pass(rt);
    imgui_pass(rt);
    paint(rt);

    if (!rt.first_frame_done) {
        rt.first_frame_done = true;
        safetynet_js_first_frame();
    }
    // The kiosk program, asked for a staff mode by the site file: start the program that has it.
    if (rt.app->needs_workspace() && !rt.staff_program_requested) {
        rt.staff_program_requested = true;
        safetynet_js_start_staff_program(rt.app->mode().c_str());
    }
    // The kiosk program, asked for a right-to-left language on the welcome screen: start the
    // program that shapes it.
    if (rt.app->needs_shaper() && !rt.rtl_program_requested) {
        rt.rtl_program_requested = true;
        safetynet_js_start_rtl_program(rt.app->translator().language().c_str());
    }
    // The kiosk program, given a site form with FHIRPath expressions: start the program that
    // runs them (core/screening/form_expressions.hpp).
    if (rt.app->needs_form_expressions() && !rt.expressions_program_requested) {
        rt.expressions_program_requested = true;
        safetynet_js_start_expressions_program();
    }
}

// The WebGL2 context on the canvas. web/loader.js has made it already (to overlap its set-up with
// the download), so the browser hands back that one and these attributes only restate loader.js's:
// an opaque canvas (the UI paints every pixel), no depth or stencil buffer (ImGui uses neither),
// no multisampling (its shapes are anti-aliased in the mesh).
bool create_gl_context() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.premultipliedAlpha = EM_TRUE;
    attrs.preserveDrawingBuffer = EM_TRUE;  // a frame repaints only what changed (paint)
    attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_DEFAULT;
    attrs.majorVersion = 2;  // WebGL2 == OpenGL ES 3.0, what imgui_impl_opengl3 is built for
    attrs.minorVersion = 0;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context(kCanvas, &attrs);
    return gl > 0 && emscripten_webgl_make_context_current(gl) == EMSCRIPTEN_RESULT_SUCCESS;
}

Runtime* g_runtime = nullptr;

}  // namespace

// Asked by library_safetynet.js when the sleeping loop's timer fires: the seconds until a
// frame is due (0: now; a timer the app set has come due, or the clock moved). Runs no frame.
// A hidden tab is never due (it draws nothing); showing it again wakes the loop.
extern "C" EMSCRIPTEN_KEEPALIVE double safetynet_seconds_until_due() {
    if (!g_runtime || !g_runtime->app || safetynet_js_page_hidden()) return kClockCheckSeconds;
    return seconds_until_due(*g_runtime);
}

// Something outside the program's input changed what it shows (a fetch or IndexedDB reply,
// the page's own notices, a visibility change): paint at least one frame at the next wake-up.
extern "C" EMSCRIPTEN_KEEPALIVE void safetynet_request_frame() {
    if (g_runtime) g_runtime->settle_frames = std::max(g_runtime->settle_frames, 1);
}

// For the test surface: the next frame repaints the whole canvas, so a test can compare a
// partial paint's pixels with a full paint of the same state (tests/e2e/redraw.e2e.mjs).
extern "C" EMSCRIPTEN_KEEPALIVE void safetynet_repaint_all() {
    if (!g_runtime) return;
    g_runtime->repaint_all = true;
    g_runtime->settle_frames = std::max(g_runtime->settle_frames, 1);
}

// For the test surface: the frames painted so far, and the last few with what they drew.
extern "C" EMSCRIPTEN_KEEPALIVE double safetynet_frames_painted() { return g_runtime ? g_runtime->frames_painted : 0; }
extern "C" EMSCRIPTEN_KEEPALIVE const char* safetynet_frame_log() {
    static std::string s_reply;
    nlohmann::json out = nlohmann::json::array();
    if (g_runtime)
        for (const Runtime::Painted& p : g_runtime->painted_log)
            if (p.n > 0)
                out.push_back({{"n", p.n}, {"vertices", p.vertices}, {"indices", p.indices}, {"width", p.width},
                               {"height", p.height}, {"shaded", p.shaded}});
    s_reply = out.dump();
    return s_reply.c_str();
}

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
#if SAFETYNET_FORM_EXPRESSIONS
    safetynet::core::use_fhirpath_in_forms();
#endif
    if (!create_gl_context()) {
        safetynet_js_fatal("This browser could not start WebGL 2, which SafetyNet needs to draw its screens.");
        return 1;
    }

    static Runtime rt;
    g_runtime = &rt;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
#if SAFETYNET_KIOSK_PROGRAM
    rt.app = std::make_unique<safetynet::ui::App>(rt.platform, nullptr);  // no workspace linked in
#else
    rt.app = std::make_unique<safetynet::ui::App>(rt.platform);
#endif
#if SAFETYNET_TEXT_SHAPER
    rt.app->set_shaped_text(&rt.shaped);
#endif
    // A blinking caret would need two painted frames a second for as long as a field has focus;
    // a steady one needs none (draw on demand).
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
    rt.input.init(kCanvas);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    safetynet::web::set_test_api_app(rt.app.get());
    safetynet::web::set_mirror_app(rt.app.get());
    std::printf("SafetyNet %s started\n", std::string(safetynet::core::version()).c_str());

    safetynet::web::run_main_loop([] { frame(rt); });
    return 0;
}
