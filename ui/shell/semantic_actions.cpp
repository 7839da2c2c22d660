#include "ui/shell/semantic_actions.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <sodium.h>

#include <utility>
#include <vector>

namespace safetynet::ui {
namespace {

void zero(std::string& s) { sodium_memzero(s.data(), s.capacity()); }

// Requests wait this many frames for their widget, then are dropped: the widget is gone.
constexpr int kRequestFrames = 3;

bool inside(const SemanticTree& tree, int node, int ancestor) {
    for (int p = node; p >= 0; p = tree.nodes()[static_cast<std::size_t>(p)].parent)
        if (p == ancestor) return true;
    return false;
}

}  // namespace

void SemanticActions::focus(std::string_view id, bool visible) {
    m_focused.assign(id);  // first: `id` may be focus_request(), cleared below
    m_visible = visible && !m_focused.empty();
    m_request.clear();  // the platform carried the request out (or the person moved first)
    // Brought into view when it got there by keyboard or assistive technology; a widget under
    // the pointer is in view already, and must not move away from under the finger.
    if (visible) m_scroll_into_view = m_focused;
    m_frames_since_request = 0;
}

void SemanticActions::activate(std::string_view id) {
    m_activations[std::string(id)] = 0;
    m_frames_since_request = 0;
}

void SemanticActions::set_text(std::string_view id, std::string text) {
    auto it = m_texts.find(id);
    if (it != m_texts.end()) {
        zero(it->second);
        it->second = std::move(text);
    } else {
        m_texts.emplace(std::string(id), std::move(text));
    }
    m_frames_since_request = 0;
}

void SemanticActions::set_value(std::string_view id, float value) {
    m_values[std::string(id)] = value;
    m_frames_since_request = 0;
}

void SemanticActions::scroll(std::string_view area, float y) {
    m_scrolls[std::string(area)] = y;
    m_frames_since_request = 0;
}

bool SemanticActions::pending() const {
    return !m_activations.empty() || !m_texts.empty() || !m_values.empty() || !m_scrolls.empty() ||
           !m_scroll_into_view.empty() || m_frames_since_request < kRequestFrames;
}

bool SemanticActions::take_activation(std::string_view id) {
    const auto it = m_activations.find(id);
    if (it == m_activations.end()) return false;
    m_activations.erase(it);
    return true;
}

std::optional<std::string> SemanticActions::take_text(std::string_view id) {
    const auto it = m_texts.find(id);
    if (it == m_texts.end()) return std::nullopt;
    std::string text = std::move(it->second);
    zero(it->second);
    m_texts.erase(it);
    return text;
}

std::optional<float> SemanticActions::take_value(std::string_view id) {
    const auto it = m_values.find(id);
    if (it == m_values.end()) return std::nullopt;
    const float v = it->second;
    m_values.erase(it);
    return v;
}

void SemanticActions::pointer_focus(std::string_view id) {
    if (m_focused == id) {
        m_visible = false;
        return;
    }
    request_focus(id, false);
    m_focused.assign(id);
    m_visible = false;
}

void SemanticActions::request_focus(std::string_view id, bool visible) {
    m_request.assign(id);
    m_request_visible = visible;
    m_frames_since_request = 0;
}

void SemanticActions::apply_scrolls() {
    for (const auto& [area, y] : m_scrolls)
        if (ImGuiWindow* w = ImGui::FindWindowByName(area.c_str())) ImGui::SetScrollY(w, y);
    m_scrolls.clear();
}

void SemanticActions::end_frame(const SemanticTree& tree) {
    if (m_frames_since_request < kRequestFrames) ++m_frames_since_request;
    if (m_frames_since_request >= kRequestFrames) {
        m_activations.clear();
        for (auto& [id, text] : m_texts) zero(text);
        m_texts.clear();
        m_values.clear();
        m_scroll_into_view.clear();
    }
    const bool new_screen = std::exchange(m_new_screen, false);
    if (!m_request.empty()) return;  // the platform has not moved the focus yet

    // A modal dialog takes the focus into itself; a focus whose widget is gone, or any focus on a
    // new screen, goes to the screen's heading (where a screen reader starts reading a new
    // screen), else its first control.
    const auto& nodes = tree.nodes();
    int modal = -1;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].has(kModal)) modal = static_cast<int>(i);
    const int focused = m_focused.empty() ? -1 : tree.index_of(m_focused);
    if (modal >= 0) {
        if (focused >= 0 && inside(tree, focused, modal)) return;
        for (int i : tree.focus_order())
            if (inside(tree, i, modal)) return request_focus(nodes[static_cast<std::size_t>(i)].id, true);
        return;
    }
    if (m_focused.empty() || (focused >= 0 && !new_screen)) return;
    for (const SemanticNode& n : nodes)
        if (n.role == Role::Heading && n.level == 1) return request_focus(n.id, m_visible);
    const std::vector<int> order = tree.focus_order();
    if (!order.empty()) request_focus(nodes[static_cast<std::size_t>(order.front())].id, m_visible);
}

void SemanticActions::wipe() {
    for (auto& [id, text] : m_texts) zero(text);
    m_texts.clear();
    m_activations.clear();
    m_values.clear();
    m_scrolls.clear();
    m_scroll_into_view.clear();
}

}  // namespace safetynet::ui
