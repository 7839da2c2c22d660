// The C++ matcher on the search-peers harness's data and queries (bench/matching/README.md).
//
//   matching_bench --data services-N.hsds.json [--write-index FILE] --queries queries.json --out DIR
//   matching_bench --index FILE --queries queries.json --out DIR [--peer NAME] [--repeat R]
//
// Loads the directory (importing HSDS JSON, or loading a compiled index), runs every query once
// to warm up and once timed (or R times, taking each query's median), in MatchMode::Reference
// with the harness's 12 categories as the need map, and writes DIR/<peer>-<N>.json in the
// harness's results format, which harness/compare.js --file checks against the JS peers.
// It prints figures; it never passes or fails.
#include "core/directory/directory_builder.hpp"
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/match/matcher.hpp"
#include "core/directory/need_map.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#if defined(__wasm__)
#include <malloc.h>  // mallinfo: the bytes malloc holds (Emscripten's dlmalloc)
#endif
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;
using Clock = std::chrono::steady_clock;
using nlohmann::ordered_json;

namespace {

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Process memory from /proc (VmRSS, VmHWM) in MB; under node that is node's whole process.
std::pair<double, double> process_memory_mb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    double rss = 0, hwm = 0;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) rss = std::stod(line.substr(6)) / 1024;
        if (line.rfind("VmHWM:", 0) == 0) hwm = std::stod(line.substr(6)) / 1024;
    }
    return {rss, hwm};
}

double wasm_heap_mb() {
#if defined(__wasm__)
    return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536 / 1048576;
#else
    return 0;
#endif
}

// Bytes allocated by malloc in the WASM heap (0 natively, where RSS says it).
double wasm_malloc_mb() {
#if defined(__wasm__)
    return static_cast<double>(static_cast<unsigned>(mallinfo().uordblks)) / 1048576;
#else
    return 0;
#endif
}

double r3(double x) { return std::round(x * 1000) / 1000; }
double precision6(double x) {
    if (x == 0 || !std::isfinite(x)) return x;
    const double mag = std::pow(10, 5 - std::floor(std::log10(std::fabs(x))));
    return std::round(x * mag) / mag;
}

ordered_json stats(std::vector<double> ms) {
    if (ms.empty()) return nullptr;
    std::sort(ms.begin(), ms.end());
    // The harness's percentile: the value at ceil(p/100 · n) − 1.
    auto pct = [&](double p) {
        const auto i = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(ms.size()))) - 1;
        return ms[std::min(i, ms.size() - 1)];
    };
    double sum = 0;
    for (const double x : ms) sum += x;
    return {{"n", ms.size()}, {"p50", pct(50)}, {"p95", pct(95)}, {"max", ms.back()},
            {"mean", sum / static_cast<double>(ms.size())}};
}

}  // namespace

int main(int argc, char** argv) {
    std::string data, index, write_index, queries_file, out_dir = ".", peer;
    int repeat = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--data") data = next();
        else if (a == "--index") index = next();
        else if (a == "--write-index") write_index = next();
        else if (a == "--queries") queries_file = next();
        else if (a == "--out") out_dir = next();
        else if (a == "--peer") peer = next();
        else if (a == "--repeat") repeat = std::stoi(next());
        else {
            std::cerr << "usage: matching_bench (--data FILE [--write-index FILE] | --index FILE) --queries FILE "
                         "--out DIR [--peer NAME] [--repeat R]\n";
            return 1;
        }
    }
    try {
        if (data.empty() == index.empty() || queries_file.empty()) throw std::runtime_error("need --data or --index, and --queries");
        if (peer.empty()) peer = std::string("cpp-") + (wasm_heap_mb() > 0 ? "wasm" : "native");
        const NeedMap map = NeedMap::parse(slurp(std::string(SAFETYNET_BENCH_DIR) + "/need-map.harness.json"),
                                           "need-map.harness.json");
        const auto queries = nlohmann::json::parse(slurp(queries_file))["queries"];

        const auto m0 = process_memory_mb();
        auto t0 = Clock::now();
        std::optional<Directory> dir;
        double import_s = 0, build_s = 0, load_s = 0;
        if (!data.empty()) {
            // Import (parse + validate + tokenise) and build (link, sort, write the image),
            // timed apart: the harness's "build" excludes parsing.
            BuildOptions opt;
            opt.token_chars = TokenChars::Ascii;  // the reference's [a-z0-9] tokens
            opt.need_map = &map;
            DirectoryBuilder builder(opt);
            ImportReport report;
            std::ifstream in(data, std::ios::binary);
            std::vector<char> buf(1 << 20);
            in.rdbuf()->pubsetbuf(buf.data(), static_cast<std::streamsize>(buf.size()));
            import_hsds_json(in, data, builder, report);
            import_s = seconds_since(t0);
            if (report.error_count) std::cerr << "[" << peer << "] " << report.error_count << " import errors\n";
            const auto t1 = Clock::now();
            dir = builder.finish(data);
            build_s = seconds_since(t1);
            if (!write_index.empty()) {
                std::ofstream o(write_index, std::ios::binary);
                const auto img = dir->image();
                o.write(img.data(), static_cast<std::streamsize>(img.size()));
                if (!o) throw std::runtime_error("cannot write " + write_index);
            }
        } else {
            dir = Directory::from_file(index);
            load_s = seconds_since(t0);
        }
        dir->require_need_map(map);
        const auto m_loaded = process_memory_mb();
        const double heap_loaded = wasm_heap_mb();
        std::cerr << "[" << peer << "] " << dir->services() << " services; import " << import_s << " s, build "
                  << build_s << " s, index load " << load_s << " s; index " << dir->image().size() / 1048576.0
                  << " MB; rss " << m_loaded.first << " MB\n";

        // Queries in the harness's form → MatchQuery.
        std::vector<MatchQuery> qs;
        for (const auto& q : queries) {
            MatchQuery m;
            for (const auto& c : q["categories"]) {
                const auto bit = map.find(c.get<std::string>());
                if (bit) m.needs |= NeedMask{1} << *bit;
            }
            m.latitude = q["lat"].get<double>();
            m.longitude = q["lon"].get<double>();
            m.radius_km = q["radius_km"].get<double>();
            m.languages = {q["language"].get<std::string>()};
            m.age = q["age"].get<double>();
            if (q.contains("open_at") && q["open_at"].is_object())
                m.open_at = LocalTime::from_weekday(q["open_at"]["day"].get<std::string>(),
                                                    q["open_at"]["time"].get<std::string>());
            if (q.contains("text") && q["text"].is_string()) m.text = q["text"].get<std::string>();
            m.limit = q.value("limit", 20);
            qs.push_back(std::move(m));
        }

        Matcher matcher(*dir, MatchMode::Reference);
        t0 = Clock::now();
        for (const MatchQuery& q : qs) (void)matcher.match(q);
        const double warm_s = seconds_since(t0);

        std::vector<std::vector<double>> samples(qs.size());
        std::vector<MatchResult> first(qs.size());
        for (int rep = 0; rep < repeat; ++rep) {
            for (std::size_t i = 0; i < qs.size(); ++i) {
                const auto a = Clock::now();
                MatchResult r = matcher.match(qs[i]);
                samples[i].push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
                if (rep == 0) first[i] = std::move(r);
            }
        }
        std::vector<double> lat(qs.size()), text_ms, notext_ms;
        for (std::size_t i = 0; i < qs.size(); ++i) {
            std::sort(samples[i].begin(), samples[i].end());
            lat[i] = samples[i][(samples[i].size() - 1) / 2];
            (qs[i].text.empty() ? notext_ms : text_ms).push_back(lat[i]);
        }
        const auto m_end = process_memory_mb();

        ordered_json out;
        out["peer"] = peer;
        out["describe"] = std::string("SafetyNet C++ matcher (MatchMode::Reference, compiled index, ") +
                          (wasm_heap_mb() > 0 ? "WebAssembly under node" : "native") + ")";
        out["n"] = dir->services();
        out["queries"] = qs.size();
        out["repeat"] = repeat;
        out["importS"] = r3(import_s);
        out["buildS"] = r3(build_s);
        out["loadS"] = r3(load_s);
        out["warmupPassS"] = r3(warm_s);
        out["indexMB"] = r3(static_cast<double>(dir->image().size()) / 1048576);
        out["memory"] = {{"start", {{"rssMB", m0.first}}},
                         {"built", {{"rssMB", m_loaded.first}, {"wasmHeapMB", heap_loaded}}},
                         {"end", {{"rssMB", m_end.first}, {"peakRssMB", m_end.second}, {"wasmHeapMB", wasm_heap_mb()},
                                  {"wasmMallocMB", wasm_malloc_mb()}}}};
        out["latencyMs"] = {{"all", stats(lat)}, {"text", stats(text_ms)}, {"noText", stats(notext_ms)}};
        out["results"] = ordered_json::array();
        for (std::size_t i = 0; i < qs.size(); ++i) {
            ordered_json r;
            r["id"] = queries[i]["id"];
            r["total"] = first[i].total;
            r["ms"] = r3(lat[i]);
            r["scanned"] = first[i].scanned;
            r["textMatches"] = first[i].text_checked;
            r["hits"] = ordered_json::array();
            for (const MatchHit& h : first[i].hits)
                r["hits"].push_back({{"id", dir->service_id(h.service)}, {"dist", r3(h.distance_km)}, {"score", precision6(h.score)}});
            out["results"].push_back(std::move(r));
        }
        const std::string file = out_dir + "/" + peer + "-" + std::to_string(dir->services()) + ".json";
        std::ofstream(file) << out.dump() << "\n";
        if (const auto& L = out["latencyMs"]["all"]; L.is_object())
            std::cerr << "[" << peer << "] N=" << dir->services() << " p50 " << L["p50"].get<double>() << " p95 "
                      << L["p95"].get<double>() << " max " << L["max"].get<double>() << " ms -> " << file << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "matching_bench: " << e.what() << "\n";
        return 2;
    }
}
