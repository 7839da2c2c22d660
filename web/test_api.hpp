#pragma once
// window.safetynet, the surface end-to-end tests use (web/test_api.js wraps these exports):
// the version, the current screen and language, where a named widget is, and read-only core
// queries. It observes; it cannot change state. Tests act through real pointer and keyboard
// events, like a person.
namespace safetynet::ui {
class App;
}

namespace safetynet::web {
void set_test_api_app(const ui::App* app);
}
