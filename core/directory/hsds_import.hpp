#pragma once
// Open Referral HSDS 3.0 and 3.1 import, in every shape the specification publishes:
//   JSON   services, organizations (with their services and locations), service_at_locations
//          and locations, each as one object (GET /services/{id} …), an array, or an API page
//          ({"total_items", …, "contents": [...]}), or {"services": [...]}; tabular.json (the
//          tables as JSON, keyed by CSV file name); taxonomies, taxonomy terms and the API's
//          details are recognised and reported as holding no services;
//   CSV    the Tabular Data Package (datapackage.json + one CSV per table, linked by ids), with
//          the HSDS 3.0 table names, the UK profile's singular ones, and 3.1's service_capacity.
//
// Validation keeps every good record and reports each bad one with where it is (file and
// line for CSV; file and record id for JSON) and which field. A bad service is dropped; a bad
// sub-record (a schedule, a language, a location, a service area, an attribute) is dropped and
// its service kept. What is kept with a caveat (a location whose coordinates are impossible, a
// schedule that never occurs) is a warning. A directory with no good service at all is an
// error for the caller.
#include "core/base/error.hpp"
#include "core/directory/directory.hpp"
#include "core/directory/directory_builder.hpp"
#include "core/directory/zip_centroids.hpp"

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safetynet::core {

struct ImportError {
    ImportError() = default;
    ImportError(std::string file_, std::size_t line_, std::string id_, std::string field_, std::string message_,
                std::string kind_ = "hsds-file", ErrorParams params_ = {})
        : file(std::move(file_)), line(line_), id(std::move(id_)), field(std::move(field_)),
          message(std::move(message_)), kind(std::move(kind_)), params(std::move(params_)) {}

    std::string file;
    std::size_t line = 0;  // CSV: the record's first line (1-based); 0 for JSON
    std::string id;        // JSON: the top-level record's id (a service, organization, location,
                           // service_at_location, …), "#N" (1-based position) when it has none,
                           // "page N" for an API page; tabular.json: "services.csv[N]"
    std::string field;     // e.g. "schedules[0].opens_at", or the CSV column
    std::string message;   // English, for the CLI's report and logs (its text is its interface)
    // For the screens, which say it in the person's language (ui::import_issue_text): a stable
    // kind listed in core/base/error_kinds.hpp ("hsds-required", "hsds-invalid",
    // "hsds-duplicate", "hsds-unknown-id", "malformed-json", …: a bad field without more
    // precise facts is "hsds-unusable", an issue of the file as a whole "hsds-file", which the
    // screens show as a translated sentence with this English message as its detail) and its
    // values ("expected", "value"), read where the issue arises.
    std::string kind = "hsds-file";
    ErrorParams params;
};

inline constexpr std::size_t kMaxListedErrors = 1000;

struct ImportReport {
    std::size_t organizations = 0;
    std::size_t services = 0;
    std::size_t locations = 0;
    std::size_t service_at_locations = 0;  // a service's sites at locations that exist
    std::size_t schedules = 0;             // read without error (hours, or a description only)
    std::vector<ImportError> errors;       // the first kMaxListedErrors
    std::size_t error_count = 0;           // all of them
    std::vector<ImportError> warnings;     // kept with a caveat; the first kMaxListedErrors
    std::size_t warning_count = 0;

    void add(ImportError e);
    void warn(ImportError w);
    // {"organizations": N, "services": N, "locations": N, "service_at_locations": N,
    // "schedules": N, "errors": [{"file", "line"|"id", "field", "message"}], "warnings": [same]};
    // entries beyond the listed ones are summarised in a last entry.
    std::string to_json(int indent = 2) const;
};

// What an import may use beyond the files: the US ZIP centroids place a location that has a
// postal code but no usable coordinates. `on_service` sees every service record as it joins the
// directory, for a caller that keeps what the compiled index does not (HSDS 3.1 capacities).
struct ImportOptions {
    const ZipCentroids* zips = nullptr;
    std::function<void(const ServiceInput&)> on_service;
};

// Streams an HSDS JSON document (any shape above) into the builder. An array, an API page and
// {"services": [...]} are read one record at a time in constant memory, so a national file of
// gigabytes is fine; a single object and tabular.json are read whole. A JSON syntax error stops
// the import there: it is reported with its line, and the records before it are kept.
// `read` fills the buffer with the document's next bytes and returns how many (0 at its end).
using ChunkSource = std::function<std::size_t(char* buffer, std::size_t size)>;
void import_hsds_json(const ChunkSource& read, std::string_view file_name, DirectoryBuilder& builder,
                      ImportReport& report, const ImportOptions& options = {});
// The same from a document in memory (the app's fetched file) ...
void import_hsds_json(std::string_view text, std::string_view file_name, DirectoryBuilder& builder,
                      ImportReport& report, const ImportOptions& options = {});
// ... and from a stream (hsds_json_stream.cpp: the CLI's files; the browser programs do not
// link iostreams, issue 16's first load).
void import_hsds_json(std::istream& in, std::string_view file_name, DirectoryBuilder& builder, ImportReport& report,
                      const ImportOptions& options = {});

// Reads one file of a data package (a path relative to the package), or nullopt if missing.
using PackageReader = std::function<std::optional<std::string>(const std::string& relative_path)>;
// Imports a Tabular Data Package: datapackage.json's resources name the CSV files (the HSDS
// defaults, organizations.csv, services.csv, …, when it lists none).
void import_datapackage(const PackageReader& read, std::string_view package_name, DirectoryBuilder& builder,
                        ImportReport& report, const ImportOptions& options = {});

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
// For an index, service_at_locations counts the services' sites at a location and schedules
// the opening periods stored for them.
LoadedDirectory load_directory(const std::string& path, const BuildOptions& options = {},
                               const ImportOptions& import = {});

}  // namespace safetynet::core
