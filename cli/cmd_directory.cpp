// safetynet directory check|index|pull: validate an HSDS directory, compile it into an index,
// or read one from an HSDS API.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/file_io.hpp"
#include "cli/http_client.hpp"
#include "cli/zip_table.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_pull.hpp"
#include "core/directory/need_map.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace safetynet::cli {

extern const char kDirectoryUsage[];
const char kDirectoryUsage[] =
    "safetynet directory check PATH [--need-map FILE]\n"
    "       safetynet directory index PATH -o FILE [--need-map FILE]\n"
    "       safetynet directory pull URL -o DIR [--per-page N] [--need-map FILE]\n"
    "\n"
    "PATH is an Open Referral HSDS 3.0 or 3.1 directory: a JSON file (services, organizations\n"
    "with their services and locations, service_at_locations or locations: one object, an\n"
    "array, an API page {\"contents\": [...]}, or {\"services\": [...]}; or tabular.json), a\n"
    "Tabular Data Package (a folder with datapackage.json and CSV files, or that\n"
    "datapackage.json; the HSDS and UK profile table names), or an index made by\n"
    "`directory index`. A location whose coordinates cannot be used is kept and placed at its\n"
    "US ZIP code's centre when the ZIP is known.\n"
    "\n"
    "check  prints {\"organizations\": N, \"services\": N, \"locations\": N,\n"
    "       \"service_at_locations\": N, \"schedules\": N, \"errors\": [{\"file\", \"line\" (CSV) or\n"
    "       \"id\" (JSON record id), \"field\", \"message\"}], \"warnings\": [the same]}. Bad records\n"
    "       are reported and skipped; what is kept with a caveat is a warning. Exit 0 when at\n"
    "       least one service is good, 2 otherwise.\n"
    "index  does the same check, then writes the compiled index (versioned, checksummed binary)\n"
    "       to FILE atomically and adds \"index\": {\"file\", \"bytes\"} to the report.\n"
    "pull   reads the HSDS 3.x API at URL (its base, or its /services): GET /services with\n"
    "       page, per_page and full=true until total_pages, and /services/{id} for a service\n"
    "       listed without its locations; writes DIR/directory.hsds.json (an array of services,\n"
    "       what the app and `check` read), checks it, and prints the check report with\n"
    "       \"pull\": {\"url\", \"pages\", \"requests\", \"services\", \"details\", \"duplicates\",\n"
    "       \"total_items\", \"notes\", \"file\", \"bytes\"}. http:// and https:// (verified).\n"
    "       Nothing is written when a request fails or no service is good (exit 2).\n"
    "\n"
    "  -o, --output FILE|DIR  where `index` writes the index, where `pull` writes the directory\n"
    "  --per-page N        services per page asked of the API (default 100)\n"
    "  --need-map FILE     a need -> service map to compile in instead of the built-in one";

namespace {

namespace fs = std::filesystem;

constexpr const char* kPulledFile = "directory.hsds.json";

nlohmann::ordered_json report_json(const core::LoadedDirectory& loaded) {
    return nlohmann::ordered_json::parse(loaded.report.to_json(-1));
}

int no_good_service(const nlohmann::ordered_json& report, const std::string& path, const core::ImportReport& r) {
    std::cout << report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    std::cerr << "safetynet directory: error [empty-directory]: " << path << ": no good service"
              << (r.error_count ? " (" + std::to_string(r.error_count) + " errors)" : "") << "\n";
    return 2;
}

int pull(const Args& args, const std::string& url, const core::BuildOptions& options, const core::ImportOptions& import) {
    const fs::path dir = *args.value("--output");
    core::PullOptions pull_options;
    if (const auto n = args.number("--per-page")) {
        if (*n < 1 || *n > 10000 || *n != static_cast<int>(*n)) throw UsageError("--per-page must be a whole number from 1 to 10000");
        pull_options.per_page = static_cast<int>(*n);
    }
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw UsageError("URL must start with http:// or https://, got \"" + url + "\"");
    const core::ApiUrl api = core::ApiUrl::parse(url);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw core::Error("io", dir.string(), "cannot create the folder: " + ec.message());
    const std::string file = (dir / kPulledFile).string();

    core::PullSummary summary;
    std::optional<core::LoadedDirectory> loaded;
    write_stream_atomic(
        file, [&](std::ostream& out) { summary = core::pull_hsds_services(url, http_get, out, pull_options); },
        [&](const std::string& tmp) {
            loaded = core::load_directory(tmp, options, import);
            return loaded->directory.has_value();
        });
    // The report names the file as it will be known, not its temporary name.
    for (core::ImportError& e : loaded->report.errors)
        if (e.file.rfind(kPulledFile, 0) == 0) e.file = kPulledFile;
    for (core::ImportError& e : loaded->report.warnings)
        if (e.file.rfind(kPulledFile, 0) == 0) e.file = kPulledFile;
    nlohmann::ordered_json report = report_json(*loaded);
    report["pull"] = {{"url", api.services},
                      {"pages", summary.pages},
                      {"requests", summary.requests},
                      {"services", summary.services},
                      {"details", summary.details},
                      {"duplicates", summary.duplicates},
                      {"total_items", summary.total_items ? nlohmann::ordered_json(*summary.total_items) : nullptr},
                      {"notes", summary.notes}};
    if (!loaded->directory) return no_good_service(report, url, loaded->report);
    report["pull"]["file"] = file;
    report["pull"]["bytes"] = fs::file_size(file);
    std::cout << report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
}

int run_directory(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--output", true, "-o"}, {"--need-map", true}, {"--per-page", true}});
    const auto& pos = args.positional();
    if (pos.empty()) throw UsageError("missing the action: check, index or pull");
    const std::string action = pos[0];
    if (action != "check" && action != "index" && action != "pull")
        throw UsageError("unknown action \"" + action + "\" (check, index or pull)");
    if (pos.size() < 2) throw UsageError(action == "pull" ? "missing URL" : "missing PATH");
    if (pos.size() > 2) throw UsageError("unexpected argument \"" + pos[2] + "\"");
    if (action == "check" && args.has("--output")) throw UsageError("--output is only for `directory index` and `pull`");
    if (action != "check" && !args.has("--output")) throw UsageError(action == "pull" ? "missing -o DIR" : "missing -o FILE");
    if (action != "pull" && args.has("--per-page")) throw UsageError("--per-page is only for `directory pull`");
    const std::string path = pos[1];

    std::optional<core::NeedMap> need_map;
    if (const auto file = args.value("--need-map")) need_map = core::NeedMap::parse(read_file(*file), *file);
    core::BuildOptions options;
    if (need_map) options.need_map = &*need_map;
    core::ImportOptions import;
    import.zips = &zip_table();
    if (action == "pull") return pull(args, path, options, import);

    core::LoadedDirectory loaded = core::load_directory(path, options, import);
    if (loaded.directory && need_map) loaded.directory->require_need_map(*need_map);
    nlohmann::ordered_json report = report_json(loaded);
    if (!loaded.directory) return no_good_service(report, path, loaded.report);
    if (action == "index") {
        const std::string out = *args.value("--output");
        const std::string_view image = loaded.directory->image();
        write_file_atomic(out, std::string(image));
        report["index"] = {{"file", out}, {"bytes", image.size()}};
    }
    std::cout << report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return 0;
}

}  // namespace

int cmd_directory(const std::vector<std::string>& args) { return run_directory(args); }

}  // namespace safetynet::cli
