#pragma once
// Helpers shared by the doctest suites: reading fixture files, test-vector files, error kinds.
// Test-vector files are in the style of the C2SP CCTV age vectors: blocks of "key: value" lines
// separated by blank lines; '#' starts a comment line. Values keep their spaces; a key may repeat.
#include "core/base/error.hpp"

#include <doctest/doctest.h>

#include <functional>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace safetynet::test {

using VectorBlock = std::multimap<std::string, std::string>;

inline std::string read_test_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A file of the repository, by its path from the root ("assets/site.json").
inline std::string read_source_file(const std::string& relative) {
    return read_test_file(std::string(SAFETYNET_SOURCE_DIR) + "/" + relative);
}

inline std::string data_path(const std::string& name) {
    return std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/bundles/" + name;
}

inline std::vector<VectorBlock> read_vector_blocks(const std::string& path) {
    const std::string text = read_test_file(path);
    std::vector<VectorBlock> blocks;
    VectorBlock cur;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty()) {
            if (!cur.empty()) blocks.push_back(std::move(cur));
            cur.clear();
            continue;
        }
        if (line[0] == '#') continue;
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) throw std::runtime_error("bad vector line: " + line);
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
        cur.emplace(line.substr(0, colon), value);
    }
    if (!cur.empty()) blocks.push_back(std::move(cur));
    return blocks;
}

inline std::string field(const VectorBlock& b, const std::string& key) {
    const auto it = b.find(key);
    if (it == b.end()) throw std::runtime_error("vector lacks " + key);
    return it->second;
}

// The core::Error kind `f` throws, or "success".
inline std::string kind_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const safetynet::core::Error& e) {
        return e.kind();
    }
    return "success";
}

// ../shared/realworld/<folder>: the real third-party material CI keeps beside the clone.
inline std::filesystem::path realworld(const std::string& folder) {
    return std::filesystem::path(SAFETYNET_SOURCE_DIR) / ".." / "shared" / "realworld" / folder;
}

// The 14 real Questionnaires of ../shared/realworld/questionnaires (SOURCES.md lists them), which
// the core import test and the kiosk's and workspace's answer tests all walk.
inline constexpr const char* kRealFormFiles[] = {
    "androidfhir-patient-registration-translations.json", "lforms-calculatedExpression.json",
    "lforms-contained-valueset-without-expansion.json",   "lforms-enablewhen-test.json",
    "lforms-phq9.json",                                   "lhc-ussg-family-health-portrait.json",
    "sdc-hunger-vital-signs.json",                        "sdc-phq9.json",
    "sdc-test-enablewhen.json",                           "sdc-test-initial-value-multiple.json",
    "sdc-test-repeatable-nested-groups.json",             "sdohcc-hunger-vital-sign.json",
    "sdohcc-prapare.json",                                "smartforms-cvd-risk-2023.json"};
// True when `dir` is there; else the test says it was skipped and why.
inline bool realworld_present(const std::filesystem::path& dir) {
    if (std::filesystem::exists(dir)) return true;
    MESSAGE("skipped: " << dir.string() << " is absent (the shared real-world material is not beside the repository)");
    return false;
}

}  // namespace safetynet::test
