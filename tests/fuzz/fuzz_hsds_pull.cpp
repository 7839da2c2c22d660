// `directory pull` reads whatever an HSDS API answers: any bytes as its pages and services must
// end in a summary or a clear error (core::Error), never a crash or an endless loop. The input
// is split at NUL bytes into the answers to successive requests, in the order the puller makes
// them (the last answer repeats); what the puller writes must then import.
#include "core/base/error.hpp"
#include "core/directory/directory_builder.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_pull.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> answers;
    for (std::size_t start = 0; start <= all.size();) {
        const std::size_t end = std::min(all.find('\0', start), all.size());
        answers.emplace_back(all.substr(start, end - start));
        start = end + 1;
    }
    std::size_t next = 0;
    const HttpGet get = [&](const std::string&) {
        HttpResponse r;
        r.status = 200;
        r.body = answers[std::min(next++, answers.size() - 1)];
        return r;
    };
    PullOptions options;
    options.per_page = 2;
    options.max_pages = 64;  // bounded: a fuzzed "API" may never say which page is the last
    std::ostringstream out;
    try {
        (void)pull_hsds_services("http://127.0.0.1:1/api", get, out, options);
    } catch (const Error&) {
        return 0;
    }
    std::istringstream in(out.str());
    DirectoryBuilder builder;
    ImportReport report;
    import_hsds_json(in, "pulled.json", builder, report);
    (void)report.to_json();
    return 0;
}
