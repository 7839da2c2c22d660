#pragma once
// The browser owns the event loop: hand it our frame function once and return to it.
// (The same inversion imgui's examples hide in emscripten_mainloop_stub.h.)
#include <emscripten.h>

#include <functional>
#include <utility>

namespace safetynet::web {

inline void run_main_loop(std::function<void()> frame) {
    static std::function<void()> s_frame;
    s_frame = std::move(frame);
    // fps 0: run on requestAnimationFrame; simulate_infinite_loop 1: never return to main().
    emscripten_set_main_loop([] { s_frame(); }, 0, 1);
}

}  // namespace safetynet::web
