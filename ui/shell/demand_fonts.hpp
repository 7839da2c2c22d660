#pragma once
// The fonts the app fetches when a text needs them: CJK, Arabic, Cyrillic and more Latin
// (ui/shell/font_families.json, cut at build time into static files under fonts/, listed in
// fonts/fonts.json). The built-in face covers Latin and Vietnamese (ui/shell/font_glyphs.txt);
// for any other character the screens will show, DemandFonts fetches the list, then the one
// file that has it, and build_fonts() merges into the atlas just the characters wanted, not
// the whole file: Dear ImGui 1.86 rasterises every glyph it is given into one static texture,
// and 7,000 ideographs at four sizes would take a kiosk's memory. A character no font has is
// reported once (its code point, never the text) and is drawn as ImGui's fallback.
#include "ui/shell/platform.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::ui {

class DemandFonts {
public:
    // The list's path among the app's static files, and a font file's (fonts.json names them so).
    static constexpr const char* kListPath = "fonts/fonts.json";

    // Texts the screens will show. Characters the built-in face lacks are remembered; update()
    // fetches what they need.
    void want(std::string_view utf8);
    // Texts the screens may show later (a language's other screens): remembered, and wanted only
    // at want_deferred() (the caller says when), so the frame that switches the language
    // rasterises the characters of the screen it shows, not the whole catalog's
    // (bench/language_switch: a few dozen of 550 ideographs). want() of one of them wants it at once.
    void want_later(std::string_view utf8);
    // Wants what want_later() remembered; false when there was nothing.
    bool want_deferred();
    bool has_deferred() const { return !m_later.empty(); }
    // Starts the fetches the wanted characters need (the list first, then each file once).
    void update(Platform& platform);
    // True once after a file arrived or a wanted character became drawable: rebuild the atlas.
    bool take_changed();
    // True when take_changed() would be (without taking it).
    bool changed() const { return m_changed; }
    // True when take_changed() would be, or update() has a fetch to start: worth a frame.
    bool wants_update() const;

    // One loaded file to merge into a face, with the characters to take from it (ImGui's
    // zero-terminated (first, last) pairs; valid until the next want() or update()).
    struct Merge {
        std::string_view bytes;
        const std::vector<std::uint16_t>* ranges = nullptr;
        bool stand_in = false;  // the family has no file of the weight asked: this is its Regular
    };
    // What to merge after the built-in face of `weight` ("Regular" or "Bold"; a family with only
    // Regular serves Bold too).
    std::vector<Merge> merges(std::string_view weight) const;

    // Code points wanted that no font has, in order (already reported).
    const std::set<char32_t>& missing() const { return m_missing; }
    // Code points wanted, not yet drawable (their file is being fetched, or the list is, or they
    // wait for want_deferred()).
    std::size_t pending() const;

    // The list's parsing, for tests: throws core::Error naming the entry when malformed.
    void set_list(std::string_view json);
    bool has_list() const { return m_list_state == State::Loaded; }

private:
    enum class State { Idle, Fetching, Loaded, Failed };
    struct Part {
        std::map<std::string, std::string> files;  // weight -> path
        std::vector<std::pair<char32_t, char32_t>> ranges;
        std::map<std::string, std::string> bytes;  // weight -> font file, once fetched
        State state = State::Idle;
        std::set<char32_t> wanted;                 // wanted characters this part has
        std::vector<std::uint16_t> imgui_ranges;   // `wanted` as ImGui's pairs, 0-terminated
    };
    int part_of(char32_t cp) const;
    void place(char32_t cp);
    void fetch_part(Platform& platform, std::size_t index);
    void report_missing(char32_t cp);

    State m_list_state = State::Idle;
    std::vector<Part> m_parts;
    std::set<char32_t> m_unplaced;  // wanted before the list arrived
    std::set<char32_t> m_seen;
    std::set<char32_t> m_later;     // want_later()'s, not in m_seen until want_deferred()
    std::set<char32_t> m_missing;
    bool m_changed = false;
};

// True when the built-in face has `cp` (ui/shell/font_glyphs.txt).
bool builtin_font_has(char32_t cp);

}  // namespace safetynet::ui
