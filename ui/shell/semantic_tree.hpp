#pragma once
// The semantic tree: what one frame shows, as a screen reader, a keyboard, a switch or a test
// needs it. Every widget adds a node as it draws (role, accessible name = its visible label,
// description, states, value, bounds); the platform mirrors the published tree (web/: real HTML
// elements with WAI-ARIA roles placed over the canvas). Platform-neutral: roles are WAI-ARIA 1.2's
// (https://www.w3.org/TR/wai-aria-1.2/#role_definitions), nothing here knows the DOM.
//
// Built every frame, published at its end; `revision()` changes only when something a person
// could perceive changed (a name, a state, a bounds), so the mirror updates only then.
//
// Coordinates: every ImGui window the UI draws in is an Area node (the kiosk's scrolling content,
// a dialog, the workspace's columns). A node's bounds are in its area's content coordinates (as
// if the area were not scrolled); an area's own bounds are in its parent area's content
// coordinates, and its scroll offset is kept apart (`AreaScroll`), so scrolling does not change
// the tree: the mirror scrolls its copy of the area instead.
//
// Reading order is visual order: the children of each node are sorted into lines (top to bottom)
// and, within a line, left to right, whatever order they were drawn in.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImGuiWindow;

namespace safetynet::ui {

enum class Role : std::uint8_t {
    Area,         // an ImGui window: a clipping, possibly scrolling part of the screen (no ARIA role)
    Group,        // related widgets (ARIA group)
    RadioGroup,   // one choice among radios (ARIA radiogroup); its name is the question
    Region,       // a titled part of a screen, e.g. the crisis card (ARIA region)
    Banner,       // the header with the site's name and the display controls (ARIA banner)
    Main,         // the screen's content (ARIA main)
    Navigation,   // the nav bar (ARIA navigation)
    Dialog,       // a modal card over the screen (ARIA dialog, aria-modal)
    AlertDialog,  // a dialog that needs an answer now, e.g. the idle warning (ARIA alertdialog)
    List,
    ListItem,
    TabList,
    Table,
    Row,
    ColumnHeader,
    Cell,
    Heading,      // `level` 1-6
    Text,         // a paragraph of static text
    Image,        // a picture with a text alternative (the QR code)
    Button,       // states: Pressed for a toggle, Expanded for a disclosure
    Tab,          // state Selected
    Radio,        // state Checked; position in set from its radio group
    Checkbox,     // state Checked
    TextField,    // `input` says which kind; the value is never mirrored while closed
    ComboBox,     // a choice of one value from `options` (a native <select> in the browser)
    Slider,       // value_now within [value_min, value_max]
    ProgressBar,  // value_now within [value_min, value_max], `value` as its text
};
const char* role_name(Role r);  // the ARIA role ("radiogroup"), or "area"

// States a node can have (a bit set).
enum SemanticState : std::uint32_t {
    kChecked = 1u << 0,
    kSelected = 1u << 1,
    kDisabled = 1u << 2,
    kExpanded = 1u << 3,
    kCollapsed = 1u << 4,   // expandable and closed (Expanded and Collapsed: aria-expanded)
    kInvalid = 1u << 5,
    kRequired = 1u << 6,
    kPressed = 1u << 7,     // a toggle button that is on
    kNotPressed = 1u << 8,  // a toggle button that is off (so "not a toggle" stays distinct)
    kModal = 1u << 9,       // a dialog that makes everything else inert
    kReadOnly = 1u << 10,
};

// What a text field takes, so on-screen keyboards show the right keys (HTML inputmode / type).
enum class InputKind : std::uint8_t { Text, Digits, Decimal, Date, Email, Phone, Password, Multiline };
const char* input_kind_name(InputKind k);  // "text", "digits", ... (the mirror's vocabulary)

struct Bounds {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const Bounds&) const = default;
    bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct SemanticNode {
    std::string id;           // stable across frames and languages: the widget's id
    Role role = Role::Text;
    std::string name;         // the accessible name: the visible label, translated (WCAG 2.5.3)
    std::string description;  // help or error text
    std::string value;        // a slider's or progress bar's text; a text field's text (never mirrored)
    std::string lang;         // BCP 47 when the text is not in the screen's language (WCAG 3.1.2)
    std::vector<std::string> options;  // a combo box's choices, by their visible text
    std::uint32_t states = 0;
    std::uint8_t level = 0;   // headings
    InputKind input = InputKind::Text;
    float value_now = 0, value_min = 0, value_max = 0;
    Bounds bounds;            // in the area's content coordinates (see the top of this file)
    int parent = -1;          // index into nodes(); -1 for the root area
    // Filled when the tree is published:
    int pos_in_set = 0, set_size = 0;  // radios and list items among their siblings

    bool has(std::uint32_t s) const { return (states & s) != 0; }
    bool operator==(const SemanticNode&) const = default;
};

// An area's scroll offset and how far it can scroll (content coordinates).
struct AreaScroll {
    std::string id;
    float y = 0, max_y = 0;
    bool operator==(const AreaScroll&) const = default;
};

struct Announcement {
    enum class Politeness { Polite, Assertive };
    std::string text;
    Politeness politeness = Politeness::Polite;
};

// Whether a role is something a person operates (and so can take the keyboard focus).
bool is_interactive(Role r);

class SemanticTree {
public:
    SemanticTree();
    ~SemanticTree();
    SemanticTree(const SemanticTree&) = delete;
    SemanticTree& operator=(const SemanticTree&) = delete;

    // --- building (the App calls begin/end around a frame; widgets call the rest)
    // `lang` is the screen's language (the page's <html lang>).
    void begin_frame(std::string_view lang);
    void end_frame();

    // Adds a node for the last ImGui item drawn (its rectangle becomes the bounds) under the
    // innermost open group of the current window. Returns it for more fields.
    SemanticNode& add_item(std::string_view id, Role role, std::string_view name, std::uint32_t states = 0);
    // Adds a node with explicit screen-space bounds (for things drawn without an ImGui item).
    SemanticNode& add(std::string_view id, Role role, std::string_view name, float x, float y, float w, float h,
                      std::uint32_t states = 0);
    // A group: nodes added until end_group() are its children; its bounds are theirs, joined.
    SemanticNode& begin_group(std::string_view id, Role role, std::string_view name, std::uint32_t states = 0);
    void end_group();

    // The node added last (to complete what a widget function filled in).
    SemanticNode& last() { return m_building.back(); }

    // Says `text` to assistive technology once (a live region in the browser).
    void announce(std::string text, Announcement::Politeness politeness = Announcement::Politeness::Polite);

    // --- the published tree (the last complete frame)
    const std::vector<SemanticNode>& nodes() const { return m_published; }
    const std::vector<AreaScroll>& scrolls() const { return m_published_scrolls; }
    const std::string& lang() const { return m_published_lang; }
    // Changes when the nodes (not the scroll offsets) changed.
    std::uint64_t revision() const { return m_revision; }
    std::uint64_t scroll_revision() const { return m_scroll_revision; }
    // Announcements made since the last take, oldest first.
    std::vector<Announcement> take_announcements();
    bool has_announcements() const { return !m_announcements.empty(); }

    const SemanticNode* find(std::string_view id) const;
    int index_of(std::string_view id) const;
    // Interactive nodes in reading order (what Tab visits), skipping disabled ones and, while a
    // modal dialog is open, everything outside it.
    std::vector<int> focus_order() const;
    // The node's bounds on the screen now (its areas' positions and scroll offsets applied).
    Bounds screen_bounds(int index) const;

private:
    struct Area;
    struct Group;
    int area_for_current_window();
    int area_for(const ImGuiWindow* window);
    int parent_for_current_window();
    SemanticNode& push(std::string_view id, Role role, std::string_view name, std::uint32_t states);
    void order_children();
    void number_sets();
    static void wipe(std::vector<SemanticNode>& nodes);

    std::vector<SemanticNode> m_building, m_published;
    std::vector<AreaScroll> m_building_scrolls, m_published_scrolls;
    std::vector<Area> m_areas;    // this frame's areas, one per ImGui window
    std::vector<Group> m_groups;  // the open groups
    std::string m_lang, m_published_lang;
    std::vector<Announcement> m_announcements;
    std::uint64_t m_revision = 0, m_scroll_revision = 0;
    unsigned m_auto_id = 0;
};

}  // namespace safetynet::ui
