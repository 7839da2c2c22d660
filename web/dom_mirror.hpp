#pragma once
// The semantic tree (ui/shell/semantic_tree.hpp) handed to the page's DOM mirror (web/mirror.js)
// and the mirror's requests handed back to the UI (ui/shell/semantic_actions.hpp).
//
// After each drawn frame, after_frame() tells the mirror what changed (the tree's revision, the
// areas' scroll offsets, announcements, a focus move the UI wants), so the page is touched only
// when something a person could perceive changed. The mirror then pulls the tree as JSON through
// the exports in dom_mirror.cpp; every request it makes (focus, activate, text, value, scroll)
// counts as input for the idle timers and makes the next frame draw.
namespace safetynet::ui {
class App;
}

namespace safetynet::web {
void set_mirror_app(ui::App* app);
void after_frame(ui::App& app);
}  // namespace safetynet::web
