// safetynet directory check|index: validate an HSDS directory, or compile it into an index.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/need_map.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

namespace safetynet::cli {

extern const char kDirectoryUsage[];
const char kDirectoryUsage[] =
    "safetynet directory check PATH [--need-map FILE]\n"
    "       safetynet directory index PATH -o FILE [--need-map FILE]\n"
    "\n"
    "PATH is an Open Referral HSDS 3.0 directory: a JSON file (an array of services with their\n"
    "nested organization, locations, schedules, languages, service areas and attributes), a\n"
    "Tabular Data Package (a folder with datapackage.json and CSV files, or that\n"
    "datapackage.json), or an index made by `directory index`.\n"
    "\n"
    "check  prints {\"organizations\": N, \"services\": N, \"locations\": N, \"errors\": [{\"file\",\n"
    "       \"line\" (CSV) or \"id\" (JSON service id), \"field\", \"message\"}]}. Bad records are\n"
    "       reported and skipped; the good ones are counted. Exit 0 when at least one service is\n"
    "       good, 2 otherwise.\n"
    "index  does the same check, then writes the compiled index (versioned, checksummed binary)\n"
    "       to FILE atomically and adds \"index\": {\"file\", \"bytes\"} to the report.\n"
    "\n"
    "  -o, --output FILE   where `index` writes the index\n"
    "  --need-map FILE     a need -> service map to compile in instead of the built-in one";

namespace {

int run_directory(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--output", true, "-o"}, {"--need-map", true}});
    const auto& pos = args.positional();
    if (pos.empty()) throw UsageError("missing the action: check or index");
    const std::string action = pos[0];
    if (action != "check" && action != "index") throw UsageError("unknown action \"" + action + "\" (check or index)");
    if (pos.size() < 2) throw UsageError("missing PATH");
    if (pos.size() > 2) throw UsageError("unexpected argument \"" + pos[2] + "\"");
    if (action == "check" && args.has("--output")) throw UsageError("--output is only for `directory index`");
    if (action == "index" && !args.has("--output")) throw UsageError("missing -o FILE");
    const std::string path = pos[1];

    std::optional<core::NeedMap> need_map;
    if (const auto file = args.value("--need-map")) need_map = core::NeedMap::parse(read_file(*file), *file);
    core::BuildOptions options;
    if (need_map) options.need_map = &*need_map;

    core::LoadedDirectory loaded = core::load_directory(path, options);
    if (loaded.directory && need_map) loaded.directory->require_need_map(*need_map);
    nlohmann::ordered_json report = nlohmann::ordered_json::parse(loaded.report.to_json(-1));
    if (!loaded.directory) {
        std::cout << report.dump(2) << "\n";
        std::cerr << "safetynet directory: error [empty-directory]: " << path << ": no good service"
                  << (loaded.report.error_count ? " (" + std::to_string(loaded.report.error_count) + " errors)" : "")
                  << "\n";
        return 2;
    }
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
