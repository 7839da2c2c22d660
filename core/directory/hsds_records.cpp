#include "core/directory/hsds_records.hpp"

#include "core/base/error.hpp"
#include "core/base/number.hpp"
#include "core/directory/geo.hpp"
#include "core/base/text_fold.hpp"

#include <array>
#include <cctype>
#include <cmath>

namespace safetynet::core::hsds {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// Reads a required or optional text field; false when it is present with a wrong type.
bool text(const Record& r, const char* key, std::string& out, const Bad& bad) {
    out.clear();
    switch (r.get(key, out)) {
    case FieldState::Absent: return true;
    case FieldState::Present: return true;
    case FieldState::WrongType: bad(key, "must be a string"); return false;
    }
    return false;
}

bool required_text(const Record& r, const char* key, std::string& out, const Bad& bad) {
    if (!text(r, key, out, bad)) return false;
    if (out.empty()) {
        bad(key, "is required");
        return false;
    }
    return true;
}

struct LanguageName {
    std::string_view name, code;
};
// English names of the languages US directories list most, for records that give a name but
// no ISO 639 code.
constexpr std::array<LanguageName, 44> kLanguageNames = {{
    {"english", "en"}, {"spanish", "es"}, {"espanol", "es"}, {"vietnamese", "vi"}, {"chinese", "zh"},
    {"mandarin", "zh"}, {"cantonese", "yue"}, {"russian", "ru"}, {"arabic", "ar"}, {"korean", "ko"},
    {"tagalog", "tl"}, {"filipino", "fil"}, {"french", "fr"}, {"haitian creole", "ht"}, {"portuguese", "pt"},
    {"somali", "so"}, {"amharic", "am"}, {"hmong", "hmn"}, {"polish", "pl"}, {"japanese", "ja"},
    {"hindi", "hi"}, {"urdu", "ur"}, {"farsi", "fa"}, {"persian", "fa"}, {"american sign language", "ase"},
    {"ukrainian", "uk"}, {"punjabi", "pa"}, {"bengali", "bn"}, {"nepali", "ne"}, {"swahili", "sw"},
    {"burmese", "my"}, {"khmer", "km"}, {"lao", "lo"}, {"thai", "th"}, {"german", "de"},
    {"italian", "it"}, {"greek", "el"}, {"armenian", "hy"}, {"navajo", "nv"}, {"tigrinya", "ti"},
    {"oromo", "om"}, {"karen", "kar"}, {"marshallese", "mh"}, {"chuukese", "chk"},
}};

bool valid_language_code(std::string_view code) {
    // BCP 47-ish: a 2-3 letter primary subtag, then subtags of 1-8 letters or digits.
    std::size_t i = 0;
    while (i < code.size() && ((code[i] | 0x20) >= 'a' && (code[i] | 0x20) <= 'z')) ++i;
    if (i < 2 || i > 3) return false;
    while (i < code.size()) {
        if (code[i] != '-' && code[i] != '_') return false;
        std::size_t j = ++i;
        while (j < code.size() && std::isalnum(static_cast<unsigned char>(code[j]))) ++j;
        if (j - i < 1 || j - i > 8) return false;
        i = j;
    }
    return true;
}

std::optional<double> coordinate(const Record& r, const char* key, double limit, const Bad& bad, bool& ok) {
    std::string s;
    const FieldState st = r.get(key, s);
    if (st == FieldState::Absent) return std::nullopt;
    const auto v = st == FieldState::Present ? parse_decimal(s) : std::nullopt;
    if (!v || *v < -limit || *v > limit) {
        bad(key, limit == 90 ? "must be a number from -90 to 90" : "must be a number from -180 to 180");
        ok = false;
        return std::nullopt;
    }
    return v;
}

std::optional<double> age(const Record& r, const char* key, const Bad& bad, bool& ok) {
    std::string s;
    const FieldState st = r.get(key, s);
    if (st == FieldState::Absent) return std::nullopt;
    const auto v = st == FieldState::Present ? parse_decimal(s) : std::nullopt;
    if (!v || *v < 0 || *v > 130) {
        bad(key, "must be a number of years from 0 to 130");
        ok = false;
        return std::nullopt;
    }
    return v;
}

}  // namespace

// ----------------------------------------------------------------------------------- Record

FieldState Record::get(std::string_view key, std::string& out) const {
    out.clear();
    if (m_json) {
        if (!m_json->is_object()) return FieldState::Absent;
        const auto it = m_json->find(key);
        if (it == m_json->end() || it->is_null()) return FieldState::Absent;
        if (it->is_string()) {
            out = std::string(trim(it->get_ref<const std::string&>()));
            return out.empty() ? FieldState::Absent : FieldState::Present;
        }
        if (it->is_number()) {
            out = it->dump();
            return FieldState::Present;
        }
        return FieldState::WrongType;
    }
    const auto it = m_columns->find(std::string(key));
    if (it == m_columns->end() || it->second >= m_fields->size()) return FieldState::Absent;
    out = std::string(trim((*m_fields)[it->second]));
    return out.empty() ? FieldState::Absent : FieldState::Present;
}

const nlohmann::json* Record::structured(std::string_view key) const {
    if (!m_json || !m_json->is_object()) return nullptr;
    const auto it = m_json->find(key);
    if (it == m_json->end() || !(it->is_object() || it->is_array())) return nullptr;
    return &*it;
}

// ----------------------------------------------------------------------------------- records

bool parse_organization(const Record& r, OrganizationInput& out, const Bad& bad) {
    bool ok = required_text(r, "id", out.id, bad);
    ok = required_text(r, "name", out.name, bad) && ok;
    ok = text(r, "alternate_name", out.alternate_name, bad) && ok;
    return ok;
}

bool parse_service(const Record& r, ServiceInput& out, const Bad& bad) {
    bool ok = required_text(r, "id", out.id, bad);
    ok = required_text(r, "name", out.name, bad) && ok;
    ok = text(r, "description", out.description, bad) && ok;
    ok = text(r, "alternate_name", out.alternate_name, bad) && ok;
    ok = text(r, "organization_id", out.organization_id, bad) && ok;
    std::string status;
    if (required_text(r, "status", status, bad)) {
        const std::string s = ascii_lower(status);
        if (s == "active") out.status = ServiceStatus::Active;
        else if (s == "inactive") out.status = ServiceStatus::Inactive;
        else if (s == "defunct") out.status = ServiceStatus::Defunct;
        else if (s == "temporarily closed") out.status = ServiceStatus::TemporarilyClosed;
        else {
            bad("status", "must be one of active, inactive, defunct, temporarily closed");
            ok = false;
        }
    } else {
        ok = false;
    }
    out.min_age = age(r, "minimum_age", bad, ok);
    out.max_age = age(r, "maximum_age", bad, ok);
    if (out.min_age && out.max_age && *out.max_age < *out.min_age) {
        bad("maximum_age", "is below minimum_age");
        ok = false;
    }
    return ok;
}

bool parse_location(const Record& r, LocationInput& out, const Bad& bad) {
    bool ok = required_text(r, "id", out.id, bad);
    ok = text(r, "name", out.name, bad) && ok;
    std::string type;
    ok = text(r, "location_type", type, bad) && ok;
    if (!type.empty() && type != "physical" && type != "postal" && type != "virtual") {
        bad("location_type", "must be physical, postal or virtual");
        ok = false;
    }
    out.latitude = coordinate(r, "latitude", 90, bad, ok);
    out.longitude = coordinate(r, "longitude", 180, bad, ok);
    if (ok && out.latitude.has_value() != out.longitude.has_value()) {
        bad(out.latitude ? "longitude" : "latitude", out.latitude ? "is required with latitude" : "is required with longitude");
        ok = false;
    }
    return ok;
}

namespace {

struct ScheduleFields {
    std::string freq, byday, opens, closes, from, to, until, dtstart, interval, bymonthday;
};

// The schedule's text fields; false (each reported) when one has another type.
bool read_schedule_fields(const Record& r, ScheduleFields& f, const Bad& bad) {
    bool ok = true;
    const std::pair<const char*, std::string*> fields[] = {
        {"freq", &f.freq},         {"byday", &f.byday}, {"opens_at", &f.opens}, {"closes_at", &f.closes},
        {"valid_from", &f.from},   {"valid_to", &f.to}, {"until", &f.until},    {"dtstart", &f.dtstart},
        {"interval", &f.interval}, {"bymonthday", &f.bymonthday}};
    for (const auto& [key, dst] : fields) ok = text(r, key, *dst, bad) && ok;
    return ok;
}

// False (each reported) when the schedule uses a recurrence part we do not evaluate.
bool only_supported_parts(const Record& r, const Bad& bad) {
    bool ok = true;
    std::string s;
    for (const char* key : {"byweekno", "byyearday"}) {
        if (r.get(key, s) != FieldState::Absent) {
            bad(key, "is not supported (only byday and bymonthday are)");
            ok = false;
        }
    }
    return ok;
}

// Which days: byday (weekly, or monthly with occurrences such as 2MO) and bymonthday.
bool schedule_days(const ScheduleFields& f, bool monthly, OpeningRule& out, const Bad& bad) {
    bool ok = true;
    if (!f.byday.empty() && !parse_byday(f.byday, monthly, out)) {
        bad("byday", monthly ? "is not a list of weekdays (MO … SU, with an optional occurrence such as 2MO or -1FR)"
                             : "is not a list of weekdays (MO,TU,WE,TH,FR,SA,SU)");
        ok = false;
    }
    if (!f.bymonthday.empty()) {
        if (!monthly) {
            bad("bymonthday", "needs freq MONTHLY");
            ok = false;
        } else if (!parse_bymonthday(f.bymonthday, out)) {
            bad("bymonthday", "is not a list of days of the month (1 … 31, or -1 … -31 from the end)");
            ok = false;
        }
    }
    if (monthly && f.byday.empty() && f.bymonthday.empty()) {
        bad("byday", "is required with freq MONTHLY (or bymonthday)");
        ok = false;
    }
    if (!monthly && f.byday.empty()) out.days = 0x7F;  // weekly hours without days: every day
    return ok;
}

// Opening and closing times (both present: the caller checked).
bool schedule_hours(const ScheduleFields& f, OpeningRule& out, const Bad& bad) {
    bool ok = true;
    const auto o = parse_time_of_day(f.opens);
    const auto c = parse_time_of_day(f.closes);
    if (!o || *o == 1440) {
        bad("opens_at", "must be a time of day, HH:MM or HH:MM:SS");
        ok = false;
    }
    if (!c) {
        bad("closes_at", "must be a time of day, HH:MM or HH:MM:SS");
        ok = false;
    }
    if (o && c) {
        out.opens = static_cast<std::uint16_t>(*o);
        out.closes = static_cast<std::uint16_t>(*c);
    }
    return ok;
}

// When the rule holds: valid_from, valid_to (or until, the earlier of the two), and every
// `interval` weeks or months counted from dtstart.
bool schedule_dates(const ScheduleFields& f, bool ok, OpeningRule& out, const Bad& bad) {
    auto date = [&](const std::string& text_value, const char* key, std::int32_t& dst) {
        if (text_value.empty()) return;
        const auto d = parse_date(text_value);
        if (!d) {
            bad(key, "must be a date, YYYY-MM-DD");
            ok = false;
            return;
        }
        dst = *d;
    };
    date(f.from, "valid_from", out.valid_from);
    date(f.to, "valid_to", out.valid_to);
    std::int32_t until_day = kNoDate;
    date(f.until, "until", until_day);
    if (until_day != kNoDate && (out.valid_to == kNoDate || until_day < out.valid_to)) out.valid_to = until_day;
    date(f.dtstart, "dtstart", out.dtstart);
    if (ok && out.valid_from != kNoDate && out.valid_to != kNoDate && out.valid_to < out.valid_from) {
        bad(f.to.empty() ? "until" : "valid_to", "is before valid_from");
        ok = false;
    }
    if (!f.interval.empty()) {
        const auto n = parse_decimal(f.interval);
        if (!n || *n < 1 || *n > 52 || std::floor(*n) != *n) {
            bad("interval", "must be a whole number from 1 to 52");
            ok = false;
        } else {
            out.interval = static_cast<std::uint8_t>(*n);
            if (out.interval > 1 && out.dtstart == kNoDate) {
                bad("dtstart", "is required with an interval above 1");
                ok = false;
            }
        }
    }
    return ok;
}

}  // namespace

ScheduleResult parse_schedule(const Record& r, OpeningRule& out, const Bad& bad) {
    out = OpeningRule{};
    ScheduleFields f;
    if (!read_schedule_fields(r, f, bad)) return ScheduleResult::Invalid;
    bool ok = only_supported_parts(r, bad);
    if (f.byday.empty() && f.bymonthday.empty() && f.opens.empty() && f.closes.empty()) {
        // Free text only ("call for hours"): nothing to evaluate, nothing wrong.
        return ok ? ScheduleResult::TextOnly : ScheduleResult::Invalid;
    }
    const std::string freq = f.freq.empty() ? "WEEKLY" : f.freq;
    if (freq != "WEEKLY" && freq != "MONTHLY" && freq != "weekly" && freq != "monthly") {
        bad("freq", "must be WEEKLY or MONTHLY");
        return ScheduleResult::Invalid;
    }
    const bool monthly = freq == "MONTHLY" || freq == "monthly";
    out.freq = monthly ? 1 : 0;
    ok = schedule_days(f, monthly, out, bad) && ok;
    if (f.opens.empty() || f.closes.empty()) {
        bad(f.opens.empty() ? "opens_at" : "closes_at", "is required with a schedule's days and hours");
        return ScheduleResult::Invalid;
    }
    ok = schedule_hours(f, out, bad) && ok;
    ok = schedule_dates(f, ok, out, bad);
    return ok ? ScheduleResult::Rule : ScheduleResult::Invalid;
}

bool parse_language(const Record& r, std::string& code, const Bad& bad) {
    std::string name;
    bool ok = text(r, "code", code, bad);
    ok = text(r, "name", name, bad) && ok;
    if (!ok) return false;
    if (!code.empty()) {
        if (!valid_language_code(code)) {
            bad("code", "must be an ISO 639 language code");
            return false;
        }
        return true;
    }
    if (name.empty()) {
        bad("code", "is required (or the language's English name)");
        return false;
    }
    const std::string folded = fold_text(name);
    for (const LanguageName& l : kLanguageNames)
        if (folded == l.name) {
            code = std::string(l.code);
            return true;
        }
    bad("name", "\"" + name + "\" is not a language name this import knows; give its ISO 639 code");
    return false;
}

bool is_postal_code(std::string_view s) {
    if (s.size() != 5 && s.size() != 10) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 5) {
            if (s[i] != '-') return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

namespace {

bool is_county_name(std::string_view name) {
    const std::string folded = fold_text(name);
    const auto comma = folded.find(',');
    std::vector<std::string> words = tokenize(std::string_view(folded).substr(0, comma), TokenChars::Unicode);
    return words.size() >= 2 &&
           (words.back() == "county" || words.back() == "parish" || words.back() == "borough");
}

// Splits "97201, 97202 97203" into codes; empty when any part is not a postal code.
std::vector<std::string> postal_list(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) out.push_back(cur.substr(0, 5));
        cur.clear();
    };
    for (const char c : text) {
        if (c == ',' || c == ' ' || c == ';' || c == '\n' || c == '\t') {
            if (!cur.empty() && !is_postal_code(cur)) return {};
            flush();
        } else {
            cur.push_back(c);
        }
    }
    if (!cur.empty() && !is_postal_code(cur)) return {};
    flush();
    return out;
}

}  // namespace

bool parse_service_area(const Record& r, std::vector<AreaInput>& out, const Bad& bad) {
    std::string name, extent, type;
    bool ok = text(r, "name", name, bad);
    ok = text(r, "extent_type", type, bad) && ok;
    const nlohmann::json* extent_json = r.structured("extent");
    if (!extent_json) ok = text(r, "extent", extent, bad) && ok;
    if (!ok) return false;
    const std::string t = ascii_lower(type);
    if (extent_json || (!extent.empty() && (t == "geojson" || t.empty()) && trim(extent).substr(0, 1) == "{")) {
        if (!t.empty() && t != "geojson") {
            bad("extent_type", "only geojson extents can be used (this one is " + type + ")");
            return false;
        }
        try {
            AreaInput a;
            a.kind = AreaKind::Polygon;
            a.value = name;
            a.polygons = parse_geojson_polygons(extent_json ? extent_json->dump() : extent);
            out.push_back(std::move(a));
            return true;
        } catch (const Error& e) {
            bad("extent", "is not a GeoJSON polygon: " + e.message());
            return false;
        }
    }
    if (!extent.empty() && t != "text" && !t.empty()) {
        bad("extent_type", "only geojson extents can be used (this one is " + type + ")");
        return false;
    }
    const std::string label = !extent.empty() ? extent : name;
    if (label.empty()) {
        bad("name", "is required (or an extent)");
        return false;
    }
    if (const auto codes = postal_list(label); !codes.empty()) {
        for (const std::string& c : codes) out.push_back({AreaKind::Postal, c, {}});
        return true;
    }
    if (is_county_name(label)) {
        out.push_back({AreaKind::County, label, {}});
        return true;
    }
    out.push_back({AreaKind::Named, label, {}});
    return true;
}

bool parse_term(const Record& r, TermInput& out, const Bad& bad) {
    bool ok = text(r, "code", out.code, bad);
    ok = text(r, "name", out.name, bad) && ok;
    if (out.name.empty()) ok = text(r, "term", out.name, bad) && ok;  // pre-3.0 field name
    ok = text(r, "taxonomy", out.taxonomy, bad) && ok;
    if (ok && out.code.empty() && out.name.empty()) {
        bad("code", "a taxonomy term needs a code or a name");
        ok = false;
    }
    return ok;
}

namespace {

bool sdohcc_taxonomy(const std::string& taxonomy) {
    const std::string t = ascii_lower(taxonomy);
    return t.empty() || t.find("sdoh") != std::string::npos;
}

}  // namespace

void apply_term(const TermInput& term, ServiceInput& svc) {
    const std::string code = ascii_lower(term.code);
    if (sdohcc_taxonomy(term.taxonomy)) {
        // SDOHCC temporary codes for a service's capacity (SDOHCC CodeSystem, "capacity" group).
        if (code == "capacity") return void(svc.capacity = Capacity::Available);
        if (code == "no-capacity") return void(svc.capacity = Capacity::None);
        if (code == "waitlist") return void(svc.capacity = Capacity::Waitlist);
        if (code == "additional-assessment-required") return void(svc.capacity = Capacity::AssessmentRequired);
    }
    svc.terms.push_back(term);
}

bool is_recipient_term(const TermInput& term) { return ascii_lower(term.code) == "age-recipient"; }

bool valid_age_recipient(std::string_view v) {
    // age v1: an X25519 recipient is Bech32 with HRP "age", 62 characters, lower case.
    if (v.size() != 62 || v.substr(0, 4) != "age1") return false;
    for (const char c : v.substr(4))
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) || c == 'b' || c == 'i' || c == 'o' || c == '1')
            return false;
    return true;
}

}  // namespace safetynet::core::hsds
