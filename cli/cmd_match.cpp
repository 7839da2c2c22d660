// safetynet match: services for a person's needs, ranked, with reasons.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/file_io.hpp"
#include "cli/zip_table.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/base/number.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/base/i18n.hpp"
#include "core/match/match_reasons.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"
#include "core/directory/zip_centroids.hpp"

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <iostream>
#include <optional>

namespace safetynet::cli {

extern const char kMatchUsage[];
const char kMatchUsage[] =
    "safetynet match --directory PATH (--needs FILE | --domain D[,D]) [--near ZIP|LAT,LON]\n"
    "                 [--radius-km N] [--lang CODE[,CODE]] [--age N] [--open-at ISO] [--query TEXT]\n"
    "                 [--limit N] [--need-map FILE]\n"
    "\n"
    "Prints {\"results\": [{\"service_id\", \"organization_id\", \"location_id\", \"name\", \"domains\",\n"
    "\"distance_km\", \"score\", \"reasons\": [{\"code\", \"params\", \"text\"}]}], \"excluded\": N}, best first.\n"
    "\"domains\" are the person's needs the service helps with; \"excluded\" counts the services that\n"
    "help with them but fail another filter.\n"
    "\n"
    "  --directory PATH  HSDS JSON, a Tabular Data Package folder, or an index (`directory index`)\n"
    "  --needs FILE      the output of `safetynet screen`: its positive needs are matched\n"
    "  --domain D[,D]    need domains (Gravity SDOH codes such as food-insecurity, or aliases)\n"
    "  --near ZIP        a US ZIP code (its centroid, and services whose service area lists it)\n"
    "  --near LAT,LON    decimal degrees\n"
    "  --radius-km N     how far to look (default 25 km); services whose service area covers the\n"
    "                    person are found at any distance, and those whose areas exclude them are\n"
    "                    left out\n"
    "  --lang CODE       languages the person speaks (ISO 639); services listing none rank lower\n"
    "  --age N           the person's age in years (age limits are inclusive)\n"
    "  --open-at ISO     a local date-time, 2026-11-24T10:30, in the directory's time zone;\n"
    "                    services with no published hours rank lower\n"
    "  --query TEXT      words to look for in names, descriptions and keywords (accents, case,\n"
    "                    prefixes and small typos are forgiven)\n"
    "  --limit N         at most N results (default 10)\n"
    "  --need-map FILE   a need -> service map to use instead of the built-in one";

namespace {

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : s) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (c != ' ') {
            cur.push_back(c);
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// Rounds to `digits` decimals (dividing, so 6.999 stays 6.999 rather than 6.9990000000000006).
double round_to(double x, int digits) {
    const double scale = std::pow(10.0, digits);
    return std::round(x * scale) / scale;
}

// The filters that need neither the directory nor the need map.
void read_filters(const Args& args, core::MatchQuery& q) {
    if (const auto r = args.number("--radius-km")) {
        if (!(*r > 0 && *r <= 20000)) throw UsageError("--radius-km must be between 0 and 20000");
        q.radius_km = *r;
    }
    if (const auto a = args.number("--age")) {
        if (!(*a >= 0 && *a <= 130)) throw UsageError("--age must be between 0 and 130");
        q.age = *a;
    }
    if (const auto l = args.number("--limit")) {
        if (!(*l >= 1 && *l <= 1000 && std::floor(*l) == *l))
            throw UsageError("--limit must be a whole number from 1 to 1000");
        q.limit = static_cast<std::size_t>(*l);
    }
    if (const auto t = args.value("--open-at")) {
        q.open_at = core::LocalTime::parse_iso(*t);
        if (!q.open_at)
            throw UsageError("--open-at needs a local date-time such as 2026-11-24T10:30, got \"" + *t + "\"");
    }
    if (const auto langs = args.value("--lang")) {
        for (const std::string& code : split_commas(*langs)) {
            const std::string key = core::language_key(code);
            if (key.size() < 2 || key.size() > 3)
                throw UsageError("--lang needs ISO 639 codes such as es, got \"" + code + "\"");
            q.languages.push_back(key);
        }
        if (q.languages.empty()) throw UsageError("--lang needs at least one language code");
    }
    if (const auto text = args.value("--query")) q.text = *text;
}

// The needs, from --domain or from the positive needs of a `safetynet screen` output. False
// for a negative screen: nothing to refer to.
bool read_needs(const Args& args, const core::NeedMap& map, core::MatchQuery& q) {
    if (const auto domains = args.value("--domain")) {
        for (const std::string& d : split_commas(*domains)) {
            const auto bit = map.find(d);
            if (!bit) throw UsageError("unknown need domain \"" + d + "\" (the need map lists e.g. food-insecurity)");
            q.needs |= core::NeedMask{1} << *bit;
        }
        if (q.needs == 0) throw UsageError("--domain needs at least one domain");
        return true;
    }
    const std::string file = *args.value("--needs");
    const auto doc = nlohmann::json::parse(read_file(file), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("needs") || !doc["needs"].is_array())
        throw core::Error("bad-needs", file, "expected the output of `safetynet screen`: {\"needs\": [...]}");
    std::size_t positive = 0;
    for (const auto& n : doc["needs"]) {
        if (!n.is_object() || !n.contains("domain") || !n["domain"].is_string())
            throw core::Error("bad-needs", file, "each need needs a \"domain\" string");
        if (!core::bool_field(n, "positive", false)) continue;
        ++positive;
        if (const auto bit = map.find(n["domain"].get<std::string>())) q.needs |= core::NeedMask{1} << *bit;
    }
    if (positive == 0) return false;
    if (q.needs == 0) throw core::Error("bad-needs", file, "none of its positive needs is a domain the need map knows");
    return true;
}

// --near: decimal degrees, or a US ZIP code (its centroid, and the ZIP for service areas).
void read_place(const Args& args, core::MatchQuery& q) {
    const auto near = args.value("--near");
    if (!near) return;
    const std::string usage = "--near needs a ZIP code or LAT,LON in decimal degrees, got \"" + *near + "\"";
    const auto comma = near->find(',');
    if (comma != std::string::npos) {
        const auto lat = core::parse_decimal(near->substr(0, comma));
        const auto lon = core::parse_decimal(near->substr(comma + 1));
        if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) throw UsageError(usage);
        q.latitude = *lat;
        q.longitude = *lon;
        return;
    }
    const bool zip_like = (near->size() == 5 || (near->size() == 10 && (*near)[5] == '-')) &&
                          near->find_first_not_of("0123456789-") == std::string::npos;
    if (!zip_like) throw UsageError(usage);
    const auto c = zip_table().find(*near);
    if (!c) throw core::Error("unknown-zip", *near, "not a US ZIP code in the centroid table");
    q.latitude = c->latitude;
    q.longitude = c->longitude;
    q.postal_code = near->substr(0, 5);
}

nlohmann::ordered_json result_json(const core::Directory& dir, const core::MatchHit& h, core::NeedMask needs,
                                   const core::Translator& tr) {
    nlohmann::ordered_json r;
    r["service_id"] = dir.service_id(h.service);
    r["organization_id"] = dir.organization_id(h.service);
    r["location_id"] = dir.location_id(h.row);
    r["name"] = dir.service_name(h.service);
    r["domains"] = nlohmann::ordered_json::array();
    const core::NeedMask met = dir.needs(h.service) & needs;
    for (std::size_t b = 0; b < dir.need_domains().size(); ++b)
        if (met >> b & 1u) r["domains"].push_back(dir.need_domains()[b]);
    r["distance_km"] =
        std::isnan(h.distance_km) ? nlohmann::ordered_json() : nlohmann::ordered_json(round_to(h.distance_km, 3));
    r["score"] = round_to(h.score, 6);
    r["reasons"] = nlohmann::ordered_json::array();
    for (const core::Reason& reason : h.reasons) {
        nlohmann::ordered_json o;
        o["code"] = reason.code;
        o["params"] = nlohmann::ordered_json::object();
        for (const auto& [k, v] : reason.params) o["params"][k] = v;
        o["text"] = core::render_reason(reason, tr);
        r["reasons"].push_back(std::move(o));
    }
    return r;
}

int run_match(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--directory", true},
                           {"--needs", true},
                           {"--domain", true},
                           {"--near", true},
                           {"--radius-km", true},
                           {"--lang", true},
                           {"--age", true},
                           {"--open-at", true},
                           {"--query", true},
                           {"--limit", true},
                           {"--need-map", true}});
    if (!args.positional().empty()) throw UsageError("unexpected argument \"" + args.positional()[0] + "\"");
    const std::string path = args.required("--directory");
    if (args.has("--needs") == args.has("--domain")) throw UsageError("give exactly one of --needs FILE or --domain D");

    // Everything about the query that can be checked without the directory comes first, so a
    // typo in a flag never waits for a large directory to load.
    core::MatchQuery q;
    read_filters(args, q);
    std::optional<core::NeedMap> custom_map;
    if (const auto file = args.value("--need-map")) custom_map = core::NeedMap::parse(read_file(*file), *file);
    const core::NeedMap& map = custom_map ? *custom_map : core::NeedMap::builtin();
    if (!read_needs(args, map, q)) {  // a negative screen: nothing to refer to
        const nlohmann::ordered_json none = {{"results", nlohmann::ordered_json::array()}, {"excluded", 0}};
        std::cout << none.dump(2) << "\n";
        return 0;
    }
    read_place(args, q);

    core::BuildOptions options;
    options.need_map = &map;
    core::ImportOptions import;
    import.zips = &zip_table();
    core::LoadedDirectory loaded = core::load_directory(path, options, import);
    if (!loaded.directory) throw core::Error("empty-directory", path, "no good service in the directory");
    const core::Directory& dir = *loaded.directory;
    dir.require_need_map(map);  // an index compiled with another map is refused

    core::Matcher matcher(dir);
    const core::MatchResult res = matcher.match(q);
    const core::Translator tr;  // English for the CLI
    nlohmann::ordered_json out;
    out["results"] = nlohmann::ordered_json::array();
    for (const core::MatchHit& h : res.hits) out["results"].push_back(result_json(dir, h, q.needs, tr));
    out["excluded"] = res.excluded;
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
}

}  // namespace

int cmd_match(const std::vector<std::string>& args) { return run_match(args); }

}  // namespace safetynet::cli
