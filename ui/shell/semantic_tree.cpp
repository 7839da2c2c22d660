#include "ui/shell/semantic_tree.hpp"

#include "core/base/languages.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <utility>

namespace safetynet::ui {

const char* role_name(Role r) {
    switch (r) {
        case Role::Area: return "area";
        case Role::Group: return "group";
        case Role::RadioGroup: return "radiogroup";
        case Role::Region: return "region";
        case Role::Banner: return "banner";
        case Role::Main: return "main";
        case Role::Navigation: return "navigation";
        case Role::Dialog: return "dialog";
        case Role::AlertDialog: return "alertdialog";
        case Role::List: return "list";
        case Role::ListItem: return "listitem";
        case Role::TabList: return "tablist";
        case Role::Table: return "table";
        case Role::Row: return "row";
        case Role::ColumnHeader: return "columnheader";
        case Role::Cell: return "cell";
        case Role::Heading: return "heading";
        case Role::Text: return "paragraph";
        case Role::Image: return "img";
        case Role::Button: return "button";
        case Role::Tab: return "tab";
        case Role::Radio: return "radio";
        case Role::Checkbox: return "checkbox";
        case Role::TextField: return "textbox";
        case Role::ComboBox: return "combobox";
        case Role::Slider: return "slider";
        case Role::ProgressBar: return "progressbar";
    }
    return "group";
}

const char* input_kind_name(InputKind k) {
    switch (k) {
        case InputKind::Text: return "text";
        case InputKind::Digits: return "digits";
        case InputKind::Decimal: return "decimal";
        case InputKind::Date: return "date";
        case InputKind::Email: return "email";
        case InputKind::Phone: return "phone";
        case InputKind::Password: return "password";
        case InputKind::Multiline: return "multiline";
    }
    return "text";
}

bool is_interactive(Role r) {
    switch (r) {
        case Role::Button:
        case Role::Tab:
        case Role::Radio:
        case Role::Checkbox:
        case Role::TextField:
        case Role::ComboBox:
        case Role::Slider: return true;
        default: return false;
    }
}

// An ImGui window met this frame, and the node that stands for it.
struct SemanticTree::Area {
    const ImGuiWindow* window;
    int node;
};

struct SemanticTree::Group {
    const ImGuiWindow* window;
    int node;
};

SemanticTree::SemanticTree() = default;

SemanticTree::~SemanticTree() {
    wipe(m_building);
    wipe(m_published);
    for (Announcement& a : m_announcements) sodium_memzero(a.text.data(), a.text.capacity());
}

// The tree holds what the screen shows, PHI among it: overwrite every string before it is
// dropped (a shorter text assigned over a longer one would leave its tail in memory).
void SemanticTree::wipe(std::vector<SemanticNode>& nodes) {
    auto zero = [](std::string& s) { sodium_memzero(s.data(), s.capacity()); };
    for (SemanticNode& n : nodes) {
        for (std::string* s : {&n.id, &n.name, &n.description, &n.value, &n.lang}) zero(*s);
        for (std::string& o : n.options) zero(o);
    }
    nodes.clear();
}

void SemanticTree::begin_frame(std::string_view lang) {
    wipe(m_building);
    m_building_scrolls.clear();
    m_areas.clear();
    m_groups.clear();
    m_lang.assign(lang);
    m_auto_id = 0;
}

int SemanticTree::area_for_current_window() { return area_for(ImGui::GetCurrentContext()->CurrentWindow); }

int SemanticTree::area_for(const ImGuiWindow* w) {
    for (const Area& a : m_areas)
        if (a.window == w) return a.node;
    // A new area: under the innermost open group of its parent window, else the parent's area.
    int parent = -1;
    const ImGuiWindow* pw = w->ParentWindow;
    if (pw) {
        for (auto g = m_groups.rbegin(); g != m_groups.rend() && parent < 0; ++g)
            if (g->window == pw) parent = g->node;
        if (parent < 0) parent = area_for(pw);
    }
    SemanticNode n;
    n.id = w->Name;
    n.role = Role::Area;
    // In the parent's content coordinates: where the window is, as if the parent were not scrolled.
    const ImVec2 origin = pw ? ImVec2(pw->Pos.x - pw->Scroll.x, pw->Pos.y - pw->Scroll.y) : ImVec2(0, 0);
    n.bounds = Bounds{w->Pos.x - origin.x, w->Pos.y - origin.y, w->Size.x, w->Size.y};
    n.parent = parent;
    m_building.push_back(std::move(n));
    const int index = static_cast<int>(m_building.size()) - 1;
    m_areas.push_back(Area{w, index});
    // ImGui may scroll past the maximum it measured last frame (a target set this frame): the
    // mirror must be able to scroll as far.
    m_building_scrolls.push_back(AreaScroll{w->Name, w->Scroll.y, std::max(w->ScrollMax.y, w->Scroll.y)});
    return index;
}

int SemanticTree::parent_for_current_window() {
    const ImGuiWindow* w = ImGui::GetCurrentContext()->CurrentWindow;
    for (auto g = m_groups.rbegin(); g != m_groups.rend(); ++g)
        if (g->window == w) return g->node;
    return area_for_current_window();
}

SemanticNode& SemanticTree::push(std::string_view id, Role role, std::string_view name, std::uint32_t states) {
    const int parent = parent_for_current_window();
    SemanticNode n;
    if (id.empty()) {
        char auto_id[24];
        std::snprintf(auto_id, sizeof auto_id, "~%u", m_auto_id++);
        n.id = auto_id;
    } else {
        n.id.assign(id);
    }
    n.role = role;
    n.name.assign(name);
    n.states = states;
    n.parent = parent;
    m_building.push_back(std::move(n));
    return m_building.back();
}

SemanticNode& SemanticTree::add(std::string_view id, Role role, std::string_view name, float x, float y, float w,
                                float h, std::uint32_t states) {
    SemanticNode& n = push(id, role, name, states);
    const ImGuiWindow* win = ImGui::GetCurrentContext()->CurrentWindow;
    n.bounds = Bounds{x - win->Pos.x + win->Scroll.x, y - win->Pos.y + win->Scroll.y, w, h};
    return n;
}

SemanticNode& SemanticTree::add_item(std::string_view id, Role role, std::string_view name, std::uint32_t states) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    return add(id, role, name, min.x, min.y, max.x - min.x, max.y - min.y, states);
}

SemanticNode& SemanticTree::begin_group(std::string_view id, Role role, std::string_view name, std::uint32_t states) {
    push(id, role, name, states);
    const int index = static_cast<int>(m_building.size()) - 1;
    m_groups.push_back(Group{ImGui::GetCurrentContext()->CurrentWindow, index});
    return m_building[static_cast<std::size_t>(index)];
}

void SemanticTree::end_group() {
    if (m_groups.empty()) return;
    const int group = m_groups.back().node;
    m_groups.pop_back();
    // The group's bounds: its direct children's, joined (children are in the same coordinates).
    bool any = false;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (std::size_t i = static_cast<std::size_t>(group) + 1; i < m_building.size(); ++i) {
        const SemanticNode& c = m_building[i];
        if (c.parent != group || c.bounds.w <= 0 || c.bounds.h <= 0) continue;
        if (!any) {
            x0 = c.bounds.x, y0 = c.bounds.y, x1 = c.bounds.x + c.bounds.w, y1 = c.bounds.y + c.bounds.h;
            any = true;
        } else {
            x0 = std::min(x0, c.bounds.x), y0 = std::min(y0, c.bounds.y);
            x1 = std::max(x1, c.bounds.x + c.bounds.w), y1 = std::max(y1, c.bounds.y + c.bounds.h);
        }
    }
    SemanticNode& g = m_building[static_cast<std::size_t>(group)];
    if (any && g.bounds.w <= 0) g.bounds = Bounds{x0, y0, x1 - x0, y1 - y0};
}

void SemanticTree::announce(std::string text, Announcement::Politeness politeness) {
    if (text.empty()) return;
    m_announcements.push_back(Announcement{std::move(text), politeness});
}

std::vector<Announcement> SemanticTree::take_announcements() { return std::exchange(m_announcements, {}); }

namespace {

// Sorts sibling indices into reading order: lines top to bottom, each line left to right (right to
// left in a right-to-left language, whose screens are mirrored). A node joins the line of the
// first node when its vertical middle lies within that node's height.
void reading_order(std::vector<int>& siblings, const std::vector<SemanticNode>& nodes, bool rtl) {
    auto b = [&](int i) -> const Bounds& { return nodes[static_cast<std::size_t>(i)].bounds; };
    std::stable_sort(siblings.begin(), siblings.end(), [&](int l, int r) { return b(l).y < b(r).y; });
    for (std::size_t start = 0; start < siblings.size();) {
        const Bounds& first = b(siblings[start]);
        std::size_t end = start + 1;
        while (end < siblings.size()) {
            const Bounds& c = b(siblings[end]);
            const float middle = c.y + c.h * 0.5f;
            if (middle >= first.y + std::max(first.h, 1.0f)) break;
            ++end;
        }
        std::stable_sort(siblings.begin() + static_cast<std::ptrdiff_t>(start), siblings.begin() + static_cast<std::ptrdiff_t>(end),
                         [&](int l, int r) { return rtl ? b(l).x + b(l).w > b(r).x + b(r).w : b(l).x < b(r).x; });
        start = end;
    }
}

}  // namespace

// Puts the nodes in depth-first reading order: a parent before its children, siblings in visual
// order. The mirror then builds the page in the same order, which is what Tab and a screen
// reader's cursor follow.
void SemanticTree::order_children() {
    const std::size_t n = m_building.size();
    std::vector<std::vector<int>> children(n);
    std::vector<int> roots;
    for (std::size_t i = 0; i < n; ++i) {
        const int p = m_building[i].parent;
        (p < 0 ? roots : children[static_cast<std::size_t>(p)]).push_back(static_cast<int>(i));
    }
    const core::Language* language = core::find_language(m_lang);
    const bool rtl = language && language->direction == core::TextDirection::RightToLeft;
    for (auto& c : children) reading_order(c, m_building, rtl);
    std::vector<int> order;
    order.reserve(n);
    std::vector<int> stack(roots.rbegin(), roots.rend());
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        order.push_back(i);
        const auto& c = children[static_cast<std::size_t>(i)];
        stack.insert(stack.end(), c.rbegin(), c.rend());
    }
    std::vector<int> new_index(n, -1);
    for (std::size_t k = 0; k < order.size(); ++k) new_index[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
    std::vector<SemanticNode> sorted;
    sorted.reserve(n);
    for (int i : order) {
        SemanticNode& node = m_building[static_cast<std::size_t>(i)];
        if (node.parent >= 0) node.parent = new_index[static_cast<std::size_t>(node.parent)];
        sorted.push_back(std::move(node));
    }
    m_building.swap(sorted);
    wipe(sorted);  // moved-from strings, but a moved-from short string keeps its bytes
}

// Radios count among the radios of their group, list items among their list (aria-posinset).
// Radios and list items numbered among their siblings of the same role (aria-posinset and
// aria-setsize): two passes over the tree, counting per parent, so a long list stays cheap.
void SemanticTree::number_sets() {
    const std::size_t n = m_building.size();
    std::vector<int> radios(n, 0), items(n, 0);
    auto counter = [&](const SemanticNode& c) -> std::vector<int>* {
        if (c.parent < 0) return nullptr;
        return c.role == Role::Radio ? &radios : c.role == Role::ListItem ? &items : nullptr;
    };
    for (const SemanticNode& c : m_building)
        if (std::vector<int>* count = counter(c)) ++(*count)[static_cast<std::size_t>(c.parent)];
    std::vector<int> radio_pos(n, 0), item_pos(n, 0);
    for (SemanticNode& c : m_building) {
        std::vector<int>* count = counter(c);
        if (!count) continue;
        std::vector<int>& pos = count == &radios ? radio_pos : item_pos;
        const auto p = static_cast<std::size_t>(c.parent);
        c.pos_in_set = ++pos[p];
        c.set_size = (*count)[p];
    }
}

void SemanticTree::end_frame() {
    while (!m_groups.empty()) end_group();  // a screen that forgot one must not break the tree
    order_children();
    number_sets();
    const bool changed = m_building != m_published || m_lang != m_published_lang;
    m_published.swap(m_building);
    m_published_lang = m_lang;
    if (changed) ++m_revision;
    if (m_building_scrolls != m_published_scrolls) {
        m_published_scrolls.swap(m_building_scrolls);
        ++m_scroll_revision;
    }
    wipe(m_building);
}

const SemanticNode* SemanticTree::find(std::string_view id) const {
    const int i = index_of(id);
    return i < 0 ? nullptr : &m_published[static_cast<std::size_t>(i)];
}

int SemanticTree::index_of(std::string_view id) const {
    for (std::size_t i = 0; i < m_published.size(); ++i)
        if (m_published[i].id == id) return static_cast<int>(i);
    return -1;
}

std::vector<int> SemanticTree::focus_order() const {
    // The open modal dialog, if any: only its descendants take the focus.
    int modal = -1;
    for (std::size_t i = 0; i < m_published.size(); ++i)
        if (m_published[i].has(kModal)) modal = static_cast<int>(i);
    auto inside = [&](int i) {
        if (modal < 0) return true;
        for (int p = i; p >= 0; p = m_published[static_cast<std::size_t>(p)].parent)
            if (p == modal) return true;
        return false;
    };
    std::vector<int> out;
    for (std::size_t i = 0; i < m_published.size(); ++i) {
        const SemanticNode& n = m_published[i];
        if (!is_interactive(n.role) || n.has(kDisabled) || !inside(static_cast<int>(i))) continue;
        if (n.role == Role::Radio) {
            // One stop per radio group (WAI-ARIA APG radio group): the checked radio, else the first.
            bool any_checked = false, is_first = true;
            for (std::size_t j = 0; j < m_published.size(); ++j) {
                const SemanticNode& s = m_published[j];
                if (s.parent != n.parent || s.role != Role::Radio) continue;
                if (j < i) is_first = false;
                any_checked = any_checked || s.has(kChecked);
            }
            if (any_checked ? !n.has(kChecked) : !is_first) continue;
        }
        out.push_back(static_cast<int>(i));
    }
    return out;
}

Bounds SemanticTree::screen_bounds(int index) const {
    Bounds b = m_published[static_cast<std::size_t>(index)].bounds;
    for (int p = m_published[static_cast<std::size_t>(index)].parent; p >= 0; p = m_published[static_cast<std::size_t>(p)].parent) {
        const SemanticNode& a = m_published[static_cast<std::size_t>(p)];
        if (a.role != Role::Area) continue;
        float scroll = 0;
        for (const AreaScroll& s : m_published_scrolls)
            if (s.id == a.id) scroll = s.y;
        b.x += a.bounds.x;
        b.y += a.bounds.y - scroll;
    }
    return b;
}

}  // namespace safetynet::ui
