// import_hsds_json from a std::istream, apart from hsds_json.cpp so that a program that reads
// documents from memory (the browser's) links no iostreams.
#include "core/directory/hsds_import.hpp"

#include <istream>

namespace safetynet::core {

void import_hsds_json(std::istream& in, std::string_view file_name, DirectoryBuilder& builder, ImportReport& report,
                      const ImportOptions& options) {
    const ChunkSource read = [&in](char* buffer, std::size_t size) {
        in.read(buffer, static_cast<std::streamsize>(size));
        return static_cast<std::size_t>(in.gcount());
    };
    import_hsds_json(read, file_name, builder, report, options);
}

}  // namespace safetynet::core
