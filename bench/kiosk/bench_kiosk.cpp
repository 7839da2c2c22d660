// CPU frame time of the kiosk's busiest screens (issue 6: target <= 4 ms).
//
// The real UI runs headless, as the UI tests run it (tests/support/ui_harness.hpp: an ImGui
// context with no renderer, a fake platform, a pointer that clicks widgets by their
// rectangles). The kiosk is driven by touch to each screen, then N frames are timed: one frame
// is what the browser's main loop does on the CPU for SafetyNet's part, NewFrame -> the
// screens -> ImGui::Render (which builds the draw lists). Not timed: the WebGL backend
// submitting those lists, and the GPU. The draw list sizes are printed so the screens can be
// compared by how much they draw.
//
//   bench_kiosk [--frames N]      (default 600 per screen, after 60 untimed frames)
//
// doctest runs the driver only for its REQUIREs: a screen that cannot be reached fails loudly
// rather than timing the wrong thing. Prints one table; never passes or fails on time.
#define DOCTEST_CONFIG_IMPLEMENT
#include "tests/support/ui_harness.hpp"
#include "ui/shell/draw_damage.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using safetynet::test::UiHarness;

namespace {

int g_frames = 600;

struct Row {
    std::string screen;
    std::string detail;
    double p50 = 0, p95 = 0, max = 0, mean = 0;
    int vertices = 0, indices = 0, commands = 0;
    double shaded = 0;  // pixels the frame's triangles cover, in screens (the clear not counted)
};
std::vector<Row> g_rows;
std::vector<Row> g_transitions;
// A tap's paint: the part of the screen each of its frames repaints (ui/shell/draw_damage.hpp).
struct TapPaint {
    std::string what;
    double full = 0, hover = 0, press = 0, release = 0;
};
std::vector<TapPaint> g_taps;

std::string read_source(const std::string& rel) {
    std::ifstream in(std::string(SAFETYNET_SOURCE_DIR) + "/" + rel, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << rel);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The shipped demo site with the full AHC HRSN (27 questions: the longest review and the most
// needs), an idle timeout far beyond the timed frames, and the demo directory.
struct Kiosk : UiHarness {
    Kiosk() {
        auto site = nlohmann::json::parse(read_source("assets/site.json"));
        site["instrument"] = "ahc-hrsn-full";
        site["idle_timeout_seconds"] = 100000;
        site["idle_warning_seconds"] = 10;
        platform.files["assets/site.json"] = site.dump();
        platform.files["assets/directory/demo-region.hsds.json"] =
            read_source("assets/directory/demo-region.hsds.json");
#ifdef SAFETYNET_BENCH_ZIP_CENTROIDS
        // Distances to each service need the ZIP table (generated at build time).
        std::ifstream zips(SAFETYNET_BENCH_ZIP_CENTROIDS, std::ios::binary);
        std::stringstream ss;
        ss << zips.rdbuf();
        if (zips.good()) platform.files["data/zip-centroids.bin"] = ss.str();
#endif
        for (int i = 0; i < 4; ++i) frame();
    }
    std::string screen() { return state()["screen"]; }
    std::string item() { return state()["kiosk"].value("item", ""); }
    void answer(int k) {
        click("answer." + std::to_string(k));
        click("nav.next");
    }
    // Next (answering with option `k` where there are options) until the question `link_id`.
    void until_item(const std::string& link_id, int k) {
        for (int guard = 0; guard < 60 && screen() == "question" && item() != link_id; ++guard) {
            if (has("answer." + std::to_string(k))) click("answer." + std::to_string(k));
            click("nav.next");
        }
        REQUIRE(item() == link_id);
    }
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// Times g_frames frames of whatever the kiosk shows now, with the pointer resting over the
// screen's middle (hover highlights are drawn, as under a finger or mouse).
// How many screens' worth of pixels the frame's triangles cover, each triangle clipped to its
// command's clip rectangle's bounds (an upper bound: a triangle only partly inside counts whole).
// Software WebGL (SwiftShader, a device without a GPU) spends most of a frame shading them:
// issue 16's time from a tap to its paint.
double shaded_screens(const ImDrawData& dd) {
    double area = 0;
    for (int l = 0; l < dd.CmdListsCount; ++l) {
        const ImDrawList& list = *dd.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            const ImVec4 clip = cmd.ClipRect;
            const double clip_area = std::max(0.0f, clip.z - clip.x) * std::max(0.0f, clip.w - clip.y);
            for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImVec2 a = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)])].pos;
                const ImVec2 b = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + 1)])].pos;
                const ImVec2 c = list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i + 2)])].pos;
                const double tri = std::fabs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
                area += std::min(tri, clip_area);
            }
        }
    }
    return area / (static_cast<double>(dd.DisplaySize.x) * dd.DisplaySize.y);
}

void time_screen(Kiosk& k, const std::string& name, const std::string& detail) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f);
    for (int i = 0; i < 60; ++i) k.frame();
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(g_frames));
    for (int i = 0; i < g_frames; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        k.frame();
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    Row r{name, detail};
    r.p50 = percentile(ms, 0.50);
    r.p95 = percentile(ms, 0.95);
    r.max = *std::max_element(ms.begin(), ms.end());
    double sum = 0;
    for (double x : ms) sum += x;
    r.mean = sum / static_cast<double>(ms.size());
    if (const ImDrawData* dd = ImGui::GetDrawData()) {
        r.vertices = dd->TotalVtxCount;
        r.indices = dd->TotalIdxCount;
        for (int i = 0; i < dd->CmdListsCount; ++i) r.commands += dd->CmdLists[i]->CmdBuffer.Size;
        r.shaded = shaded_screens(*dd);
    }
    g_rows.push_back(r);
}

// A touch that changes the screen, with each of its frames timed: the slowest is the frame
// that built the new screen (e.g. the results' first frame runs the matcher for every area).
// One sample per run: it happens once per session.
void time_touch(Kiosk& k, const std::string& id, const std::string& name, const std::string& detail) {
    k.frame();
    const safetynet::ui::WidgetRect* r = k.scroll_into_view(id);
    REQUIRE_MESSAGE(r != nullptr, "no widget named " << id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->x + r->w / 2, r->y + r->h / 2);
    k.app->note_input();
    std::vector<double> ms;
    for (int i = 0; i < 8; ++i) {
        io.MouseDown[0] = i == 1;
        const auto t0 = std::chrono::steady_clock::now();
        k.frame();
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    Row row{name, detail};
    row.max = *std::max_element(ms.begin(), ms.end());
    row.p50 = row.p95 = row.mean = -1;  // a single transition: only its slowest frame
    g_transitions.push_back(row);
}

// The pointer comes over `id`, presses and releases, a frame each, as in the browser; what each
// frame repaints, against the screens shaded by a full paint of the same screen.
void tap_paint(Kiosk& k, const std::string& id, const std::string& what) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(5, io.DisplaySize.y - 5);
    k.frame();
    const safetynet::ui::WidgetRect* r = k.app->widgets().find(id);
    REQUIRE(r);
    const ImVec2 at(r->x + r->w / 2, r->y + r->h / 2);
    safetynet::ui::DrawDamage damage;
    damage.update(*ImGui::GetDrawData(), true);
    TapPaint t{what, shaded_screens(*ImGui::GetDrawData())};
    // Each input as web/main.cpp paints it: the settling passes (kSettlePasses), then the frame.
    const auto painted = [&] {
        for (int i = 0; i < 3; ++i) k.frame();
        return damage.update(*ImGui::GetDrawData(), false).fraction;
    };
    io.MousePos = at;
    t.hover = painted();
    io.MouseDown[0] = true;
    t.press = painted();
    io.MouseDown[0] = false;
    t.release = painted();
    g_taps.push_back(t);
}

void print_table() {
    std::printf("\nkiosk frame time, CPU: NewFrame + screens + ImGui::Render, %d frames per screen, 1280x800\n\n",
                g_frames);
    std::printf("| screen | what it shows | p50 ms | p95 ms | max ms | mean ms | vertices | indices | draw cmds | screens shaded |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const Row& r : g_rows)
        std::printf("| %s | %s | %.3f | %.3f | %.3f | %.3f | %d | %d | %d | %.2f |\n", r.screen.c_str(), r.detail.c_str(),
                    r.p50, r.p95, r.max, r.mean, r.vertices, r.indices, r.commands, r.shaded);
    std::printf("\nscreen changes (one touch each; the slowest of its frames, which builds the new screen):\n\n");
    std::printf("| touch | what the new screen does | slowest frame ms |\n|---|---|---:|\n");
    for (const Row& r : g_transitions) std::printf("| %s | %s | %.3f |\n", r.screen.c_str(), r.detail.c_str(), r.max);
    std::printf("\na tap's paint: the part of the screen each frame repaints (issue 16), against a full paint\n\n");
    std::printf("| tap | full paint, screens shaded | hover | press | release |\n|---|---:|---:|---:|---:|\n");
    for (const TapPaint& t : g_taps)
        std::printf("| %s | %.2f | %.3f | %.3f | %.3f |\n", t.what.c_str(), t.full, t.hover, t.press, t.release);
    double worst = 0;
    for (const Row& r : g_rows) worst = std::max(worst, r.p95);
    std::printf("\nbusiest screen p95: %.3f ms (issue 6 target: <= 4 ms)\n", worst);
}

}  // namespace

TEST_CASE("kiosk frame time, screen by screen") {
    Kiosk k;
    REQUIRE(k.screen() == "welcome");
    time_screen(k, "welcome", "languages, text sizes, start");

    k.click("welcome.start");
    k.click("nav.next");
    REQUIRE(k.item() == "71802-3");
    tap_paint(k, "answer.0", "question 71802-3: the first answer");
    k.answer(2);  // no steady place to live
    REQUIRE(k.item() == "96778-6");
    for (int box : {0, 1, 3}) k.click("answer." + std::to_string(box));
    time_screen(k, "question 96778-6", "8 check boxes (3 ticked) + help text");
    k.click("nav.next");

    // Food, transport, utilities (option 0: the need), an unsafe home (HITS 4 x "fairly
    // often": urgent), then money, work, support... up to the exercise questions.
    k.until_item("95618-5", 0);
    for (int i = 0; i < 4; ++i) k.answer(3);
    k.until_item("89555-7", 0);
    k.answer(2);  // some days of exercise: the minutes question is asked
    REQUIRE(k.item() == "68516-4");
    tap_paint(k, "answer.4", "question 68516-4: the fifth of 10 options");
    time_screen(k, "question 68516-4", "10 options, the most of any built-in item");
    k.click("nav.next");
    for (int guard = 0; guard < 40 && k.screen() == "question"; ++guard) {
        if (k.has("answer.1")) k.click("answer.1");
        k.click("nav.next");
    }
    REQUIRE(k.screen() == "review");
    time_screen(k, "review", "every answer of the 27-question AHC HRSN (scrolled list)");

    k.click("nav.next");
    REQUIRE(k.screen() == "location");
    for (const char* d : {"9", "5", "1", "1", "2"}) k.click(std::string("zip.") + d);
    time_screen(k, "location", "number pad with a ZIP typed");
    time_touch(k, "nav.next", "location -> results", "scores the answers, matches services for every area");
    REQUIRE(k.screen() == "results");
    const auto needs = k.state()["kiosk"]["needs"];
    REQUIRE(needs.size() >= 4);
    REQUIRE(k.has("results.crisis"));
    const std::string detail = "crisis card + " + std::to_string(needs.size()) + " areas with services";
    time_screen(k, "results", detail);

    time_touch(k, "lang.es", "results: English -> Spanish", "matches every area again in Spanish");
    REQUIRE(k.state()["lang"] == "es");
    time_screen(k, "results, Spanish", detail);

    // The same results at the largest text size: more wrapped lines, bigger glyphs.
    k.click("textsize.2");
    REQUIRE(k.state()["text_size"] == 2);
    REQUIRE(k.screen() == "results");
    time_screen(k, "results, largest text", detail);
}

int main(int argc, char** argv) {
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            g_frames = std::max(10, std::atoi(argv[++i]));
            continue;
        }
        rest.push_back(argv[i]);
    }
    doctest::Context context;
    context.applyCommandLine(static_cast<int>(rest.size()), rest.data());
    context.setOption("no-intro", true);
    const int failed = context.run();
    if (failed == 0) print_table();
    return failed;
}
