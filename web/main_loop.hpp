#pragma once
// The browser owns the event loop: hand it our frame function once and return to it.
// (The same inversion imgui's examples hide in emscripten_mainloop_stub.h.)
//
// Draw on demand (issue 16): when a frame finds nothing to paint it puts the loop to sleep.
// library_safetynet.js wakes it at once on input, a resize, zoom or visibility change, a fetch
// or IndexedDB reply, or Module.safetynetWake() (the page's own notices); and after
// `seconds`, the moment the program said its next timer is due, it asks the program, without
// running a frame, whether that is so (safetynet_seconds_until_due in main.cpp: the answer is
// the next wait). The wake-up runs the next frame on the next animation frame, so input is
// painted with no extra tick of delay.
#include <emscripten.h>

#include <functional>
#include <utility>

extern "C" void safetynet_js_sleep(double seconds);

namespace safetynet::web {

inline void run_main_loop(std::function<void()> frame) {
    static std::function<void()> s_frame;
    s_frame = std::move(frame);
    // fps 0: run on requestAnimationFrame; simulate_infinite_loop 1: never return to main().
    emscripten_set_main_loop([] { s_frame(); }, 0, 1);
}

// Called from inside a frame: no further frames until something wakes the loop or `seconds`
// have passed.
inline void sleep_main_loop(double seconds) {
    emscripten_pause_main_loop();
    safetynet_js_sleep(seconds);
}

}  // namespace safetynet::web
