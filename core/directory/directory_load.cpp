// Loading a directory whatever its format, and the import report.
#include "core/base/error.hpp"
#include "core/directory/directory_format.hpp"
#include "core/directory/hsds_import.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace safetynet::core {

namespace fs = std::filesystem;

namespace {

// [{"file", "line" (CSV) or "id" (JSON), "field", "message"}], then a count of the unlisted.
nlohmann::ordered_json entries(const std::vector<ImportError>& listed, std::size_t all, const char* noun) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ImportError& e : listed) {
        nlohmann::ordered_json o;
        o["file"] = e.file;
        if (e.line > 0) o["line"] = e.line;
        else o["id"] = e.id;
        o["field"] = e.field;
        o["message"] = e.message;
        out.push_back(std::move(o));
    }
    if (all > listed.size()) {
        out.push_back({{"file", listed.empty() ? std::string() : listed.back().file},
                       {"id", ""},
                       {"field", ""},
                       {"message", std::to_string(all - listed.size()) + " more " + noun + " not listed"}});
    }
    return out;
}

}  // namespace

void ImportReport::add(ImportError e) {
    ++error_count;
    if (errors.size() < kMaxListedErrors) errors.push_back(std::move(e));
}

void ImportReport::warn(ImportError w) {
    ++warning_count;
    if (warnings.size() < kMaxListedErrors) warnings.push_back(std::move(w));
}

std::string ImportReport::to_json(int indent) const {
    nlohmann::ordered_json j;
    j["organizations"] = organizations;
    j["services"] = services;
    j["locations"] = locations;
    j["service_at_locations"] = service_at_locations;
    j["schedules"] = schedules;
    j["errors"] = entries(errors, error_count, "errors");
    j["warnings"] = entries(warnings, warning_count, "warnings");
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

DirectoryFormat detect_directory_format(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return DirectoryFormat::DataPackage;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("io", path, "cannot open");
    char head[8] = {};
    in.read(head, sizeof head);
    if (Directory::looks_like_index(std::string_view(head, static_cast<std::size_t>(in.gcount()))))
        return DirectoryFormat::Index;
    if (fs::path(path).filename() == "datapackage.json") return DirectoryFormat::DataPackage;
    return DirectoryFormat::HsdsJson;
}

LoadedDirectory load_directory(const std::string& path, const BuildOptions& options, const ImportOptions& import) {
    LoadedDirectory out;
    const DirectoryFormat format = detect_directory_format(path);
    if (format == DirectoryFormat::Index) {
        Directory d = Directory::from_file(path);
        out.report.organizations = d.organizations();
        out.report.services = d.services();
        out.report.locations = d.locations();
        for (std::uint32_t r = 0; r < d.rows(); ++r)
            if (d.view().row_loc[r] != index_format::kNone) ++out.report.service_at_locations;
        out.report.schedules = d.view().rules.size();
        out.directory = std::move(d);
        return out;
    }
    DirectoryBuilder builder(options);
    if (format == DirectoryFormat::HsdsJson) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error("io", path, "cannot open");
        // A large read buffer: the parser reads one byte at a time through the stream.
        std::vector<char> buffer(1 << 20);
        in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        import_hsds_json(in, fs::path(path).filename().string(), builder, out.report, import);
    } else {
        // "pkg/" and "pkg" are the same package: its name is the folder's.
        fs::path dir = fs::is_directory(path) ? fs::path(path) : fs::path(path).parent_path();
        if (dir.filename().empty()) dir = dir.parent_path();
        const PackageReader read = [&](const std::string& rel) -> std::optional<std::string> {
            std::ifstream in(dir / rel, std::ios::binary);
            if (!in) return std::nullopt;
            std::ostringstream ss;
            ss << in.rdbuf();
            return ss.str();
        };
        import_datapackage(read, dir.filename().string(), builder, out.report, import);
    }
    out.report.organizations = builder.organizations();
    out.report.services = builder.services();
    out.report.locations = builder.locations();
    if (builder.services() == 0) return out;
    out.directory = builder.finish(path, [&](const std::string& service, const std::string& location) {
        out.report.add({fs::path(path).filename().string(), 0, service, "service_at_locations",
                        "no location has the id " + location, "hsds-unknown-id", {{"value", location}}});
        --out.report.service_at_locations;  // counted when read; dropped here
    });
    return out;
}

}  // namespace safetynet::core
