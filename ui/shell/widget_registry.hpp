#pragma once
// Where each named widget was drawn in the last complete frame, in window coordinates (CSS
// pixels in the browser). End-to-end tests read it to click a widget the way a person would:
// by moving the pointer over it and pressing. It reports positions only; it cannot act.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

struct WidgetRect {
    float x = 0, y = 0, w = 0, h = 0;  // the part in view: where a pointer can press it
    bool enabled = true;
    // The whole widget's size, also when part of it is scrolled out of its panel (its touch
    // target, as the kiosk's size checks measure it).
    float item_w = 0, item_h = 0;
};

class WidgetRegistry {
public:
    void begin_frame() { m_building.clear(); }
    void add(std::string_view name, WidgetRect rect) { m_building[std::string(name)] = rect; }
    // Publishes the frame's widgets; queries see only complete frames.
    void end_frame() { m_published.swap(m_building); }

    const WidgetRect* find(std::string_view name) const {
        const auto it = m_published.find(std::string(name));
        return it == m_published.end() ? nullptr : &it->second;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& kv : m_published) out.push_back(kv.first);
        return out;
    }

private:
    std::map<std::string, WidgetRect> m_building;
    std::map<std::string, WidgetRect> m_published;
};

}  // namespace safetynet::ui
