#pragma once
// Dear ImGui compile-time configuration for SafetyNet (IMGUI_USER_CONFIG; see imconfig.h).
// The demo window is 40 % of an ImGui wasm; the app reads and writes files only through its
// platform interface, never through ImGui's imgui.ini.
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS
#define IMGUI_DISABLE_FILE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
