#include "core/directory/hsds_records.hpp"

#include "core/base/error.hpp"
#include "core/base/number.hpp"
#include "core/directory/geo.hpp"
#include "core/base/text_fold.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace safetynet::core::hsds {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// 12 → "12", 2.5 → "2.5".
std::string number_text(double v) {
    std::string s = std::to_string(v);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s;
}

// The facts a screen renders (hsds_records.hpp IssueFacts): a value against its expected form.
IssueFacts invalid(std::string expected, std::string value = {}) {
    return {"hsds-invalid", std::move(expected), std::move(value)};
}
const IssueFacts kRequired{"hsds-required", {}, {}};

// Reads a required or optional text field; false when it is present with a wrong type.
bool text(const Record& r, const char* key, std::string& out, const Bad& bad) {
    out.clear();
    switch (r.get(key, out)) {
    case FieldState::Absent: return true;
    case FieldState::Present: return true;
    case FieldState::WrongType: bad(key, "must be a string", invalid("\"type\": \"string\"")); return false;
    }
    return false;
}

bool required_text(const Record& r, const char* key, std::string& out, const Bad& bad) {
    if (!text(r, key, out, bad)) return false;
    if (out.empty()) {
        bad(key, "is required", kRequired);
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

std::optional<double> coordinate(const Record& r, const char* key, double limit, CoordinateIssue& issue) {
    std::string s;
    const FieldState st = r.get(key, s);
    if (st == FieldState::Absent) return std::nullopt;
    const auto v = st == FieldState::Present ? parse_decimal(s) : std::nullopt;
    if (!v || *v < -limit || *v > limit) {
        if (issue.field.empty()) {
            issue.field = key;
            issue.problem = (st == FieldState::Present ? s : std::string("the value")) + " is not a number from " +
                            (limit == 90 ? "-90 to 90" : "-180 to 180");
        }
        return std::nullopt;
    }
    return v;
}

// A field in a JSON Schema "format" (uri, email): reported when malformed, never fatal to its
// record (SafetyNet shows these, it does not depend on them).
void formatted(const Record& r, const char* key, bool (*valid)(std::string_view), const char* message,
               const Bad& bad) {
    std::string v;
    if (r.get(key, v) == FieldState::Present && !valid(v)) bad(key, message, invalid(valid == is_email ? "name@example.org" : "https://…", v));
}
constexpr const char* kUrlMessage = "must be an absolute URL, such as https://example.org/page";
constexpr const char* kEmailMessage = "must be an e-mail address, such as name@example.org";

std::optional<double> age(const Record& r, const char* key, const Bad& bad, bool& ok) {
    std::string s;
    const FieldState st = r.get(key, s);
    if (st == FieldState::Absent) return std::nullopt;
    const auto v = st == FieldState::Present ? parse_decimal(s) : std::nullopt;
    if (!v || *v < 0 || *v > 130) {
        bad(key, "must be a number of years from 0 to 130", invalid("0 … 130", s));
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

ImportError issue(std::string file, std::size_t line, std::string id, std::string field, std::string message,
                  const IssueFacts& facts) {
    ImportError e{std::move(file), line, std::move(id), std::move(field), std::move(message)};
    if (!facts.kind.empty()) e.kind = std::string(facts.kind);
    else if (!e.field.empty()) e.kind = "hsds-unusable";
    if (!facts.expected.empty()) e.params.emplace_back("expected", facts.expected);
    if (!facts.value.empty()) e.params.emplace_back("value", facts.value);
    return e;
}

bool parse_organization(const Record& r, OrganizationInput& out, const Bad& bad) {
    bool ok = required_text(r, "id", out.id, bad);
    ok = required_text(r, "name", out.name, bad) && ok;
    ok = text(r, "alternate_name", out.alternate_name, bad) && ok;
    formatted(r, "website", is_absolute_url, kUrlMessage, bad);
    formatted(r, "uri", is_absolute_url, kUrlMessage, bad);
    formatted(r, "email", is_email, kEmailMessage, bad);
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
            bad("status", "must be one of active, inactive, defunct, temporarily closed",
                invalid("active | inactive | defunct | temporarily closed", status));
            ok = false;
        }
    } else {
        ok = false;
    }
    formatted(r, "url", is_absolute_url, kUrlMessage, bad);
    formatted(r, "email", is_email, kEmailMessage, bad);
    out.min_age = age(r, "minimum_age", bad, ok);
    out.max_age = age(r, "maximum_age", bad, ok);
    if (out.min_age && out.max_age && *out.max_age < *out.min_age) {
        bad("maximum_age", "is below minimum_age", invalid("≥ minimum_age"));
        ok = false;
    }
    return ok;
}

bool parse_location(const Record& r, LocationInput& out, const Bad& bad, CoordinateIssue& issue) {
    issue = {};
    bool ok = required_text(r, "id", out.id, bad);
    ok = text(r, "name", out.name, bad) && ok;
    std::string type;
    ok = text(r, "location_type", type, bad) && ok;
    if (!type.empty() && type != "physical" && type != "postal" && type != "virtual") {
        bad("location_type", "must be physical, postal or virtual", invalid("physical | postal | virtual", type));
        ok = false;
    }
    formatted(r, "url", is_absolute_url, kUrlMessage, bad);
    out.latitude = coordinate(r, "latitude", 90, issue);
    out.longitude = coordinate(r, "longitude", 180, issue);
    if (issue.field.empty() && out.latitude.has_value() != out.longitude.has_value()) {
        issue.field = out.latitude ? "longitude" : "latitude";
        issue.problem = out.latitude ? "is missing beside latitude" : "is missing beside longitude";
    }
    if (!issue.field.empty()) out.latitude = out.longitude = std::nullopt;
    return ok;
}

void place_location(const Record& r, LocationInput& loc, const CoordinateIssue& issue, const ZipCentroids* zips,
                    const Bad& warn) {
    if (loc.latitude) return;
    std::string type;
    r.get("location_type", type);
    const bool physical = type.empty() || type == "physical";
    std::optional<ZipCentroid> at;
    if (physical && zips && is_postal_code(loc.postal_code)) at = zips->find(loc.postal_code);
    if (at) {
        loc.latitude = at->latitude;
        loc.longitude = at->longitude;
    }
    const std::string placed = "the location is placed at the centre of ZIP code " + loc.postal_code.substr(0, 5);
    if (!issue.field.empty()) {
        std::string why;
        if (at) why = placed + " instead";
        else if (!physical) why = "the " + type + " location is kept without coordinates";
        else if (loc.postal_code.empty()) why = "the location is kept without coordinates (it has no postal code)";
        else if (!zips) why = "the location is kept without coordinates";
        else why = "the location is kept without coordinates (its postal code " + loc.postal_code +
                   " is not a US ZIP code the table knows)";
        warn(issue.field, issue.problem + "; " + why);
    } else if (at) {
        warn("latitude", "not given; " + placed);
    }
}

namespace {

// A schedule's fields as text (HSDS 3.0 schema/schedule.json; timezone is ignored, see
// schedule.hpp).
struct ScheduleFields {
    std::string freq, byday, bymonthday, byweekno, byyearday, wkst, opens, closes, from, to, until, dtstart,
        interval, count;
};

bool read_schedule_fields(const Record& r, ScheduleFields& f, const Bad& bad) {
    const std::pair<const char*, std::string*> fields[] = {
        {"freq", &f.freq},         {"byday", &f.byday},         {"bymonthday", &f.bymonthday},
        {"byweekno", &f.byweekno}, {"byyearday", &f.byyearday}, {"wkst", &f.wkst},
        {"opens_at", &f.opens},    {"closes_at", &f.closes},    {"valid_from", &f.from},
        {"valid_to", &f.to},       {"until", &f.until},         {"dtstart", &f.dtstart},
        {"interval", &f.interval}, {"count", &f.count}};
    bool ok = true;
    for (const auto& [key, dst] : fields) ok = text(r, key, *dst, bad) && ok;
    return ok;
}

// Which days: freq, byday, and the parts that narrow them (bymonthday, byweekno, byyearday).
bool schedule_days(const ScheduleFields& f, OpeningRule& out, const Bad& bad) {
    bool ok = true;
    const bool monthly = f.freq == "MONTHLY" || f.freq == "monthly";
    out.freq = monthly ? 1 : 0;
    if (!f.byday.empty() && !parse_byday(f.byday, monthly, out)) {
        bad("byday", monthly ? "is not a list of weekdays (MO … SU, with an optional occurrence such as 2MO or -1FR)"
                             : "is not a list of weekdays (MO,TU,WE,TH,FR,SA,SU)",
            invalid(monthly ? "MO … SU, 2MO, -1FR" : "MO,TU,WE,TH,FR,SA,SU", f.byday));
        ok = false;
    }
    if (!f.bymonthday.empty() && !parse_bymonthday(f.bymonthday, out)) {
        bad("bymonthday", "is not a list of days of the month (1 … 31, or -1 … -31 from the end)",
            invalid("1 … 31, -1 … -31", f.bymonthday));
        ok = false;
    }
    if (!f.byweekno.empty() && !parse_byweekno(f.byweekno, out)) {
        bad("byweekno", "is not a list of weeks of the year (1 … 53, or -1 … -53 from the end)",
            invalid("1 … 53, -1 … -53", f.byweekno));
        ok = false;
    }
    if (!f.byyearday.empty() && !parse_byyearday(f.byyearday, out)) {
        bad("byyearday", "is not a list of days of the year (1 … 366, or -1 … -366 from the end)",
            invalid("1 … 366, -1 … -366", f.byyearday));
        ok = false;
    }
    if (!f.wkst.empty()) {
        const int w = weekday_index(f.wkst);
        if (w < 0) {
            bad("wkst", "must be a weekday code: MO, TU, WE, TH, FR, SA or SU", invalid("MO | TU | WE | TH | FR | SA | SU", f.wkst));
            ok = false;
        } else {
            out.wkst = static_cast<std::uint8_t>(w);
        }
    }
    if (monthly && f.byday.empty() && f.bymonthday.empty()) {
        bad("byday", "is required with freq MONTHLY (or bymonthday)", kRequired);
        ok = false;
    }
    if (!monthly && f.byday.empty()) out.days = 0x7F;  // weekly hours without days: every day
    return ok;
}

bool schedule_times(const ScheduleFields& f, OpeningRule& out, const Bad& bad) {
    bool ok = true;
    const auto o = parse_time_of_day(f.opens);
    const auto c = parse_time_of_day(f.closes);
    if (!o || *o == 1440) {
        bad("opens_at", "must be a time of day, HH:MM or HH:MM:SS", invalid("HH:MM, HH:MM:SS", f.opens));
        ok = false;
    }
    if (!c) {
        bad("closes_at", "must be a time of day, HH:MM or HH:MM:SS", invalid("HH:MM, HH:MM:SS", f.closes));
        ok = false;
    }
    if (o && c) {
        out.opens = static_cast<std::uint16_t>(*o);
        out.closes = static_cast<std::uint16_t>(*c);
    }
    return ok;
}

std::optional<std::uint32_t> whole_number(const std::string& s, double min, double max) {
    const auto n = parse_decimal(s);
    if (!n || *n < min || *n > max || std::floor(*n) != *n) return std::nullopt;
    return static_cast<std::uint32_t>(*n);
}

// Enough years for any pattern of weekdays, leap years and week numbers to come round again
// (the Gregorian calendar repeats every 28 years between 1901 and 2099).
constexpr std::int32_t kPatternDays = 28 * 365 + 7;
// How far `count` is followed: a hundred years of days.
constexpr std::int32_t kCountHorizonDays = 36525;

// When: valid_from, dtstart, interval; valid_to, until and count end it (the earliest wins).
bool schedule_bounds(const ScheduleFields& f, OpeningRule& out, const Bad& bad) {
    bool ok = true;
    auto date = [&](const std::string& value, const char* key, std::int32_t& dst) {
        if (value.empty()) return;
        const auto d = parse_date(value);
        if (!d) {
            bad(key, "must be a date, YYYY-MM-DD", invalid("YYYY-MM-DD", value));
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
        bad(f.to.empty() ? "until" : "valid_to", "is before valid_from", invalid("≥ valid_from"));
        ok = false;
    }
    if (!f.interval.empty()) {
        if (const auto n = whole_number(f.interval, 1, 52); !n) {
            bad("interval", "must be a whole number from 1 to 52", invalid("1 … 52", f.interval));
            ok = false;
        } else {
            out.interval = static_cast<std::uint8_t>(*n);
            if (out.interval > 1 && out.dtstart == kNoDate) {
                bad("dtstart", "is required with an interval above 1", kRequired);
                ok = false;
            }
        }
    }
    if (!f.count.empty() && ok) {
        // RFC 5545 COUNT: the rule ends with its nth occurrence, counted from DTSTART.
        const auto n = whole_number(f.count, 1, 100000);
        const std::int32_t anchor = out.dtstart != kNoDate ? out.dtstart : out.valid_from;
        if (!n) {
            bad("count", "must be a whole number from 1 to 100000", invalid("1 … 100000", f.count));
            ok = false;
        } else if (anchor == kNoDate) {
            bad("count", "needs dtstart (or valid_from): the day the occurrences are counted from");
            ok = false;
        } else if (const auto last = nth_occurrence(out, anchor, *n, kCountHorizonDays)) {
            if (out.valid_to == kNoDate || *last < out.valid_to) out.valid_to = *last;
        }
    }
    return ok;
}

// A rule can be well formed and still never open: the HSDS examples give byday TH,FR with
// valid_from = valid_to = a Saturday. Kept (the data says so), and reported.
void warn_if_never(const ScheduleFields& f, const OpeningRule& rule, const Bad& warn) {
    if (!warn) return;
    std::int32_t from = rule.valid_from;
    if (rule.dtstart != kNoDate && (from == kNoDate || rule.dtstart > from)) from = rule.dtstart;
    if (from == kNoDate) from = *days_from_civil(2001, 1, 1);  // any day: the pattern repeats
    std::int32_t days = kPatternDays;
    if (rule.valid_to != kNoDate) days = std::min<std::int32_t>(days, rule.valid_to - from + 1);
    if (days > 0 && first_occurrence(rule, from, days)) return;
    std::string parts;
    for (const auto& [name, value] : {std::pair<const char*, const std::string*>{"byday", &f.byday},
                                      {"bymonthday", &f.bymonthday},
                                      {"byweekno", &f.byweekno},
                                      {"byyearday", &f.byyearday}})
        if (!value->empty()) parts += std::string(parts.empty() ? "" : ", ") + name + " " + *value;
    std::string window = rule.valid_to == kNoDate ? "from " + format_date(from)
                                                  : "from " + format_date(from) + " to " + format_date(rule.valid_to);
    warn("", "never occurs: no day " + window + " meets " + (parts.empty() ? "the rule" : parts) +
                 " together; kept, but the service is never open by it");
}

}  // namespace

ScheduleResult parse_schedule(const Record& r, OpeningRule& out, const Bad& bad, const Bad& warn) {
    out = OpeningRule{};
    ScheduleFields f;
    if (!read_schedule_fields(r, f, bad)) return ScheduleResult::Invalid;
    if (f.byday.empty() && f.bymonthday.empty() && f.byweekno.empty() && f.byyearday.empty() && f.opens.empty() &&
        f.closes.empty())
        return ScheduleResult::TextOnly;  // free text only ("call for hours"): nothing to evaluate
    if (f.freq.empty()) f.freq = "WEEKLY";
    if (f.freq != "WEEKLY" && f.freq != "MONTHLY" && f.freq != "weekly" && f.freq != "monthly") {
        bad("freq", "must be WEEKLY or MONTHLY", invalid("WEEKLY | MONTHLY", f.freq));
        return ScheduleResult::Invalid;
    }
    bool ok = schedule_days(f, out, bad);
    if (f.opens.empty() || f.closes.empty()) {
        bad(f.opens.empty() ? "opens_at" : "closes_at", "is required with a schedule's days and hours", kRequired);
        return ScheduleResult::Invalid;
    }
    ok = schedule_times(f, out, bad) && ok;
    ok = schedule_bounds(f, out, bad) && ok;
    if (!ok) return ScheduleResult::Invalid;
    warn_if_never(f, out, warn);
    return ScheduleResult::Rule;
}

void parse_translations(const Record& r, Translations& out, const Bad& warn) {
    std::string scalar;
    const nlohmann::json* all = r.structured("translations");
    if (!all) {
        if (r.get("translations", scalar) != FieldState::Absent)
            warn("translations", "must be an object of language codes, each with the translated name and description");
        return;
    }
    if (!all->is_object()) {
        warn("translations", "must be an object of language codes, not an array");
        return;
    }
    for (const auto& [lang, fields] : all->items()) {
        const std::string where = "translations." + lang;
        if (!valid_language_code(lang)) {
            warn(where, "is not a language code (BCP 47, such as es or zh-Hans)");
            continue;
        }
        if (!fields.is_object()) {
            warn(where, "must be an object with name and/or description");
            continue;
        }
        Translation t{lang, {}, {}};
        for (const auto& [field, value] : fields.items()) {
            std::string* into = field == "name" ? &t.name : field == "description" ? &t.description : nullptr;
            if (!into) warn(where + "." + field, "is not translated here (name, description are)");
            else if (!value.is_string()) warn(where + "." + field, "must be a string");
            else *into = std::string(trim(value.get_ref<const std::string&>()));
        }
        if (!t.name.empty() || !t.description.empty()) out.push_back(std::move(t));
    }
}

bool parse_language(const Record& r, std::string& code, const Bad& bad) {
    std::string name;
    bool ok = text(r, "code", code, bad);
    ok = text(r, "name", name, bad) && ok;
    if (!ok) return false;
    if (!code.empty()) {
        if (!valid_language_code(code)) {
            bad("code", "must be an ISO 639 language code", invalid("ISO 639", code));
            return false;
        }
        return true;
    }
    if (name.empty()) {
        bad("code", "is required (or the language's English name)", kRequired);
        return false;
    }
    const std::string folded = fold_text(name);
    for (const LanguageName& l : kLanguageNames)
        if (folded == l.name) {
            code = std::string(l.code);
            return true;
        }
    bad("name", "\"" + name + "\" is not a language name this import knows; give its ISO 639 code", invalid("ISO 639", name));
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
    // extent_type geojson always means GeoJSON, even when the extent is not ("extent" in the
    // HSDS examples): that is reported as a bad extent, not as a bad type.
    if (extent_json || (!extent.empty() && (t == "geojson" || (t.empty() && trim(extent).substr(0, 1) == "{")))) {
        if (!t.empty() && t != "geojson") {
            bad("extent_type", "only geojson extents can be used (this one is " + type + ")", invalid("geojson", type));
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
            bad("extent", "is not a GeoJSON polygon: " + e.message(), invalid("GeoJSON Polygon"));
            return false;
        }
    }
    if (!extent.empty() && t != "text" && !t.empty()) {
        bad("extent_type", "only geojson extents can be used (this one is " + type + ")", invalid("geojson", type));
        return false;
    }
    const std::string label = !extent.empty() ? extent : name;
    if (label.empty()) {
        bad("name", "is required (or an extent)", kRequired);
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
        bad("code", "a taxonomy term needs a code or a name", kRequired);
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

// ----------------------------------------------------------------------------------- HSDS 3.1

bool parse_capacity(const Record& r, ServiceCapacity& out, const Bad& bad, const Bad& warn) {
    bool ok = text(r, "id", out.id, bad);
    ok = text(r, "description", out.description, bad) && ok;
    ok = text(r, "updated", out.updated, bad) && ok;
    std::string s;
    const FieldState available = r.get("available", s);
    const auto n = available == FieldState::Present ? parse_decimal(s) : std::nullopt;
    if (!n || *n < 0) {
        bad("available", available == FieldState::Absent ? "is required" : "must be a number, 0 or more",
            available == FieldState::Absent ? kRequired : invalid("≥ 0"));
        ok = false;
    } else {
        out.available = *n;
    }
    const FieldState maximum = r.get("maximum", s);
    if (maximum != FieldState::Absent) {
        const auto m = maximum == FieldState::Present ? parse_decimal(s) : std::nullopt;
        if (!m || *m < 0) {
            bad("maximum", "must be a number, 0 or more", invalid("≥ 0"));
            ok = false;
        } else {
            out.maximum = *m;
        }
    }
    if (ok && out.maximum && out.available > *out.maximum)
        warn("available", "is above maximum (" + number_text(out.available) + " of " + number_text(*out.maximum) +
                              "); kept as given");
    return ok;
}

bool parse_unit(const Record& r, ServiceCapacity& out, const Bad& bad) {
    std::string name, identifier;
    bool ok = text(r, "name", name, bad);
    ok = text(r, "identifier", identifier, bad) && ok;
    ok = text(r, "scheme", out.unit_scheme, bad) && ok;
    out.unit = !name.empty() ? name : identifier;
    if (ok && out.unit.empty()) {
        bad("name", "a unit needs a name (or an identifier)", kRequired);
        ok = false;
    }
    return ok;
}

// ----------------------------------------------------------------------------------- records not imported

void check_taxonomy_term(const Record& r, const Bad& bad) {
    std::string v;
    for (const char* key : {"id", "name", "description"})
        if (r.get(key, v) == FieldState::Absent) bad(key, "is required", kRequired);
    formatted(r, "term_uri", is_absolute_url, kUrlMessage, bad);
}

void check_taxonomy(const Record& r, const Bad& bad) {
    std::string v;
    for (const char* key : {"id", "name", "description"})
        if (r.get(key, v) == FieldState::Absent) bad(key, "is required", kRequired);
    formatted(r, "uri", is_absolute_url, kUrlMessage, bad);
}

void check_api_details(const Record& r, const Bad& bad) {
    std::string v;
    if (r.get("version", v) == FieldState::Absent) bad("version", "is required", kRequired);
    formatted(r, "profile", is_absolute_url, kUrlMessage, bad);
    formatted(r, "openapi_url", is_absolute_url, kUrlMessage, bad);
}

// RFC 3986 §3: scheme ":" hier-part, the scheme a letter then letters, digits, "+", "-", ".".
bool is_absolute_url(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
    if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = s[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
    }
    for (const char c : s)
        if (static_cast<unsigned char>(c) <= ' ') return false;
    return true;
}

// An addr-spec in its common form: one "@", a local part, a domain of dot-separated labels.
bool is_email(std::string_view s) {
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view domain = s.substr(at + 1);
    if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos ||
        domain.find("..") != std::string_view::npos)
        return false;
    for (const char c : s)
        if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == '<' || c == '>') return false;
    return true;
}

}  // namespace safetynet::core::hsds
