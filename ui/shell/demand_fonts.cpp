#include "ui/shell/demand_fonts.hpp"

#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace safetynet::ui {

void DemandFonts::want(std::string_view utf8) {
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = core::utf8_next(utf8, pos);
        if (cp < 0x20 || builtin_font_has(cp) || !m_seen.insert(cp).second) continue;
        m_later.erase(cp);
        if (m_list_state == State::Loaded)
            place(cp);
        else
            m_unplaced.insert(cp);
    }
}

void DemandFonts::want_later(std::string_view utf8) {
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = core::utf8_next(utf8, pos);
        if (cp < 0x20 || builtin_font_has(cp) || m_seen.count(cp)) continue;
        m_later.insert(cp);
    }
}

bool DemandFonts::want_deferred() {
    if (m_later.empty()) return false;
    for (const char32_t cp : std::exchange(m_later, {})) {
        m_seen.insert(cp);
        if (m_list_state == State::Loaded)
            place(cp);
        else
            m_unplaced.insert(cp);
    }
    return true;
}

void DemandFonts::set_list(std::string_view json) {
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    const auto families = doc.is_object() ? doc.find("families") : doc.end();
    if (families == doc.end() || !families->is_array())
        throw core::Error("malformed-font-list", kListPath, "\"families\" must be a list");
    std::vector<Part> parts;
    for (const auto& family : *families) {
        const auto list = family.find("parts");
        if (list == family.end() || !list->is_array())
            throw core::Error("malformed-font-list", kListPath, "a family's \"parts\" must be a list");
        for (const auto& p : *list) {
            Part part;
            try {
                for (const auto& [weight, path] : p.at("files").items()) part.files[weight] = path.get<std::string>();
                for (const auto& r : p.at("ranges")) part.ranges.emplace_back(r.at(0).get<char32_t>(), r.at(1).get<char32_t>());
            } catch (const nlohmann::json::exception& e) {
                throw core::Error("malformed-font-list", kListPath, std::string("a part: ") + e.what());
            }
            if (part.files.empty() || !std::is_sorted(part.ranges.begin(), part.ranges.end()))
                throw core::Error("malformed-font-list", kListPath, "a part needs files and sorted ranges");
            parts.push_back(std::move(part));
        }
    }
    m_parts = std::move(parts);
    m_list_state = State::Loaded;
    for (const char32_t cp : std::exchange(m_unplaced, {})) place(cp);
}

int DemandFonts::part_of(char32_t cp) const {
    for (std::size_t i = 0; i < m_parts.size(); ++i) {
        const auto& r = m_parts[i].ranges;
        auto it = std::upper_bound(r.begin(), r.end(), std::make_pair(cp, char32_t(0x10FFFF)));
        if (it != r.begin() && std::prev(it)->first <= cp && cp <= std::prev(it)->second) return static_cast<int>(i);
    }
    return -1;
}

void DemandFonts::place(char32_t cp) {
    const int index = part_of(cp);
    if (index < 0) {
        report_missing(cp);
        return;
    }
    Part& part = m_parts[static_cast<std::size_t>(index)];
    part.wanted.insert(cp);
    // ImGui 1.86 keeps ImWchar 16 bits wide: a character beyond the BMP cannot be merged.
    if (cp > 0xFFFF) {
        report_missing(cp);
        return;
    }
    part.imgui_ranges.clear();
    for (const char32_t c : part.wanted) {
        if (c > 0xFFFF) continue;
        if (part.imgui_ranges.size() >= 2 && part.imgui_ranges.back() + 1u == c)
            part.imgui_ranges.back() = static_cast<std::uint16_t>(c);
        else
            part.imgui_ranges.insert(part.imgui_ranges.end(), {static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c)});
    }
    part.imgui_ranges.push_back(0);
    if (part.state == State::Loaded) m_changed = true;
}

void DemandFonts::report_missing(char32_t cp) {
    if (!m_missing.insert(cp).second) return;
    // The code point only, never the text it came from (which may be a patient's).
    std::fprintf(stderr, "safetynet: no font the app ships has U+%04X; it is drawn as a box\n", static_cast<unsigned>(cp));
}

void DemandFonts::update(Platform& platform) {
    if (m_list_state == State::Idle && !m_unplaced.empty()) {
        m_list_state = State::Fetching;
        platform.fetch_asset(kListPath, [this](std::optional<std::string> json) {
            try {
                if (!json) throw core::Error("missing-font-list", kListPath, "not found");
                set_list(*json);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "safetynet: %s: the on-demand fonts are unavailable\n", e.what());
                m_list_state = State::Failed;
                for (const char32_t cp : std::exchange(m_unplaced, {})) report_missing(cp);
            }
        });
    }
    for (std::size_t i = 0; i < m_parts.size(); ++i)
        if (m_parts[i].state == State::Idle && !m_parts[i].wanted.empty()) fetch_part(platform, i);
}

void DemandFonts::fetch_part(Platform& platform, std::size_t index) {
    m_parts[index].state = State::Fetching;
    for (const auto& [weight, path] : m_parts[index].files) {
        platform.fetch_asset(path, [this, index, weight = weight, path = path](std::optional<std::string> bytes) {
            Part& part = m_parts[index];
            if (!bytes) {
                std::fprintf(stderr, "safetynet: %s could not be fetched\n", path.c_str());
                part.state = State::Failed;
                for (const char32_t cp : part.wanted) report_missing(cp);
                return;
            }
            part.bytes[weight] = std::move(*bytes);
            if (part.state == State::Fetching && part.bytes.size() == part.files.size()) {
                part.state = State::Loaded;
                m_changed = true;
            }
        });
    }
}

bool DemandFonts::take_changed() {
    return std::exchange(m_changed, false);
}

bool DemandFonts::wants_update() const {
    if (m_changed || (m_list_state == State::Idle && !m_unplaced.empty())) return true;
    return std::any_of(m_parts.begin(), m_parts.end(),
                       [](const Part& p) { return p.state == State::Idle && !p.wanted.empty(); });
}

std::size_t DemandFonts::pending() const {
    std::size_t n = m_later.size() + (m_list_state == State::Failed ? 0 : m_unplaced.size());
    for (const Part& p : m_parts)
        if (p.state == State::Idle || p.state == State::Fetching) n += p.wanted.size();
    return n;
}

std::vector<DemandFonts::Merge> DemandFonts::merges(std::string_view weight) const {
    std::vector<Merge> out;
    for (const Part& p : m_parts) {
        if (p.state != State::Loaded || p.imgui_ranges.size() < 3) continue;
        auto it = p.bytes.find(std::string(weight));
        const bool stand_in = it == p.bytes.end();
        if (stand_in) it = p.bytes.find("Regular");
        if (it == p.bytes.end()) continue;
        out.push_back({it->second, &p.imgui_ranges, stand_in && weight != "Regular"});
    }
    return out;
}

}  // namespace safetynet::ui
