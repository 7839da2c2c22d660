#pragma once
// Open Referral HSDS 3.0 import: the canonical JSON (an array of services with their nested
// organization, locations, schedules, languages, service areas and attributes) and the
// Tabular Data Package (datapackage.json + one CSV per table, linked by ids).
//
// Validation keeps every good record and reports each bad one with where it is (file and
// line for CSV; file and service id for JSON) and which field. A bad service is dropped; a bad
// sub-record (a schedule, a language, a location, a service area, an attribute) is dropped and
// its service kept. A directory with no good service at all is an error for the caller.
#include "core/directory/directory.hpp"
#include "core/directory/directory_builder.hpp"

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

struct ImportError {
    std::string file;
    std::size_t line = 0;  // CSV: the record's first line (1-based); 0 for JSON
    std::string id;        // JSON: the service id, or "#N" (1-based position) when it has none
    std::string field;     // e.g. "schedules[0].opens_at", or the CSV column
    std::string message;
};

inline constexpr std::size_t kMaxListedErrors = 1000;

struct ImportReport {
    std::size_t organizations = 0;
    std::size_t services = 0;
    std::size_t locations = 0;
    std::vector<ImportError> errors;  // the first kMaxListedErrors
    std::size_t error_count = 0;      // all of them

    void add(ImportError e);
    // {"organizations": N, "services": N, "locations": N, "errors": [{"file", "line"|"id",
    // "field", "message"}]}; errors beyond the listed ones are summarised in a last entry.
    std::string to_json(int indent = 2) const;
};

// Streams an HSDS JSON document (an array of services, or an object with a "services" or
// "contents" array, as HSDS API pages have) into the builder. Constant memory per service, so
// a national file of gigabytes is fine. A JSON syntax error stops the import there: it is
// reported with its line, and the services before it are kept.
void import_hsds_json(std::istream& in, std::string_view file_name, DirectoryBuilder& builder, ImportReport& report);

// Reads one file of a data package (a path relative to the package), or nullopt if missing.
using PackageReader = std::function<std::optional<std::string>(const std::string& relative_path)>;
// Imports a Tabular Data Package: datapackage.json's resources name the CSV files (the HSDS
// defaults, organizations.csv, services.csv, …, when it lists none).
void import_datapackage(const PackageReader& read, std::string_view package_name, DirectoryBuilder& builder,
                        ImportReport& report);

enum class DirectoryFormat { Index, HsdsJson, DataPackage };

// What a path holds: a compiled index, an HSDS JSON file, or a data package (a folder with
// datapackage.json or the HSDS CSV files, or the datapackage.json itself). Throws
// core::Error("io", path, …) when it cannot be read.
DirectoryFormat detect_directory_format(const std::string& path);

struct LoadedDirectory {
    std::optional<Directory> directory;  // empty when no service was good
    ImportReport report;
};

// Loads a directory in any of the three formats. An index is validated as a whole (a corrupt
// one throws core::Error("bad-index", …)); HSDS is imported record by record into `report`.
LoadedDirectory load_directory(const std::string& path, const BuildOptions& options = {});

}  // namespace safetynet::core
