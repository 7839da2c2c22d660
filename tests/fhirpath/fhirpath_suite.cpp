// The official FHIRPath R4 conformance suite (fhir-test-cases r4/fhirpath/tests-fhir-r4.xml) and,
// as a second set, fhirpath.js's own YAML cases, run through SafetyNet's engine
// (core/fhir/fhirpath.hpp). convert_suite.mjs has turned both into JSON in <dir>.
//
//   fhirpath_suite <dir> [--min-passed N] [--yaml] [--verbose]
//
// Prints passed / failed / skipped per group (a skipped group with its reason), every failure
// with what was expected and what came out, and the totals. Exits 1 when fewer than N official
// tests pass, 77 (CTest's skip code) when <dir> holds no converted suite.
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using safetynet::core::Error;
using namespace safetynet::core::fhirpath;
using json = nlohmann::json;

namespace {

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Groups the suite itself marks as not applying to an R4 engine without terminology or
// profiles; none at present (every group is run), kept so a skip is always named with why.
const std::map<std::string, std::string>& skipped_groups() {
    static const std::map<std::string, std::string> groups;
    return groups;
}

// ---------------------------------------------------------------- comparing an output

bool is_string_type(const std::string& t) {
    static const char* const names[] = {"string", "code", "id", "uri", "url", "canonical", "markdown", "oid", "uuid", "base64Binary"};
    for (const char* n : names) if (t == n) return true;
    return false;
}

std::string strip_at(std::string s) {
    if (s.rfind("@T", 0) == 0) return s.substr(2);
    if (!s.empty() && s[0] == '@') return s.substr(1);
    return s;
}

// One expected <output type="…">text</output> against one item of the result.
bool output_matches(const json& expected, const Value& actual) {
    const std::string type = expected.value("type", "");
    const std::string text = expected.value("value", "");
    std::optional<Value> p = actual.primitive();
    if (!p && actual.quantity()) p = Value::quantity(*actual.quantity());
    if (!p) return false;
    const Value::Kind k = p->kind();
    if (type == "boolean") return k == Value::Kind::Boolean && (p->as_boolean() ? "true" : "false") == text;
    if (type == "integer") return k == Value::Kind::Integer && std::to_string(p->as_integer()) == text;
    if (type == "decimal") {
        const std::optional<Decimal> want = Decimal::parse(text);
        const Decimal got = k == Value::Kind::Integer ? Decimal::of(p->as_integer()) : k == Value::Kind::Decimal ? p->as_decimal() : Decimal();
        return want && (k == Value::Kind::Integer || k == Value::Kind::Decimal) && want->compare(got) == 0;
    }
    if (is_string_type(type)) return k == Value::Kind::String && p->as_string() == text;
    if (type == "date") return k == Value::Kind::Date && p->to_text() == strip_at(text);
    if (type == "dateTime") return k == Value::Kind::DateTime && p->to_text() == strip_at(text);
    if (type == "time") return k == Value::Kind::Time && p->to_text() == strip_at(text);
    if (type == "Quantity") return k == Value::Kind::Quantity && p->to_text() == text;
    // Untyped outputs are written as FHIRPath literals: compare the text.
    return p->to_text() == strip_at(text);
}

std::string describe(const Collection& c) {
    std::string s = "[";
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (i) s += ", ";
        const std::optional<std::string> t = c[i].to_text();
        s += c[i].qualified_type_name() + " " + (t ? *t : c[i].to_json().dump(-1, ' ', false, json::error_handler_t::replace));
    }
    return s + "]";
}

std::string describe(const json& outputs) {
    std::string s = "[";
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (i) s += ", ";
        s += outputs[i].value("type", "?") + " " + outputs[i].value("value", "");
    }
    return s + "]";
}

bool outputs_match(const json& outputs, const Collection& result, bool ordered) {
    if (outputs.size() != result.size()) return false;
    if (ordered) {
        for (std::size_t i = 0; i < outputs.size(); ++i) {
            if (!output_matches(outputs[i], result[i])) return false;
        }
        return true;
    }
    std::vector<bool> used(result.size(), false);
    for (const json& o : outputs) {
        bool found = false;
        for (std::size_t i = 0; i < result.size() && !found; ++i) {
            if (!used[i] && output_matches(o, result[i])) used[i] = found = true;
        }
        if (!found) return false;
    }
    return true;
}

// ---------------------------------------------------------------- the official suite

struct Tally {
    int passed = 0, failed = 0, skipped = 0;
};

class Inputs {
public:
    explicit Inputs(std::string dir) : m_dir(std::move(dir)) {}
    const json* get(const std::string& name) {
        auto it = m_cache.find(name);
        if (it == m_cache.end()) {
            const std::optional<std::string> text = read_file(m_dir + "/" + name);
            json j;
            if (text) {
                try {
                    j = json::parse(*text);
                } catch (const json::exception&) {
                }
            }
            it = m_cache.emplace(name, std::move(j)).first;
        }
        return it->second.is_null() ? nullptr : &it->second;
    }

private:
    std::string m_dir;
    std::map<std::string, json> m_cache;
};

// Runs one test; "" when it passed, else why not.
std::string run_official(const json& t, Inputs& inputs) {
    const std::string expression = t.value("expression", "");
    const std::string invalid = t.value("invalid", "");
    const json& outputs = t["outputs"];
    const json empty = json::object();
    const json* input = &empty;
    if (t["input"].is_string()) {
        input = inputs.get(t["input"].get<std::string>());
        if (!input) return "input " + t["input"].get<std::string>() + " is missing";
    }
    Environment env;
    env.strict = t.value("mode", "") == "strict";
    Collection result;
    try {
        const Expression e = compile(expression);
        result = e.evaluate(*input, env);
    } catch (const Error& e) {
        if (!invalid.empty()) return "";
        return std::string("error: ") + e.what();
    }
    if (t.value("predicate", false)) {
        // A predicate test asks whether the result exists (FHIR's invariant use).
        result = Collection::of(Value::boolean(!result.empty()));
    }
    if (outputs_match(outputs, result, t.value("ordered", true)) && (invalid.empty() || !outputs.empty())) return "";
    if (!invalid.empty()) return "expected a " + invalid + " error, got " + describe(result);
    return "expected " + describe(outputs) + ", got " + describe(result);
}

int run_official_suite(const std::string& dir, int min_passed, bool verbose) {
    const std::optional<std::string> text = read_file(dir + "/official.json");
    if (!text) {
        std::printf("SKIPPED: %s/official.json is missing (the suite in ../shared/realworld/fhirpath was not converted)\n", dir.c_str());
        return 77;
    }
    const json suite = json::parse(*text);
    Inputs inputs(dir + "/official");
    Tally total;
    std::vector<std::string> failures;
    std::printf("FHIRPath R4 conformance suite (%s)\n", suite.value("source", "").c_str());
    std::printf("%-32s %6s %6s %7s\n", "group", "passed", "failed", "skipped");
    for (const json& g : suite["groups"]) {
        const std::string name = g.value("name", "");
        Tally tally;
        const auto skip = skipped_groups().find(name);
        for (const json& t : g["tests"]) {
            if (skip != skipped_groups().end()) {
                ++tally.skipped;
                continue;
            }
            const std::string why = run_official(t, inputs);
            if (why.empty()) {
                ++tally.passed;
            } else {
                ++tally.failed;
                failures.push_back(name + " / " + t.value("name", "") + ": `" + t.value("expression", "") + "`: " + why);
            }
        }
        std::printf("%-32s %6d %6d %7d%s\n", name.c_str(), tally.passed, tally.failed, tally.skipped,
                    skip != skipped_groups().end() ? ("  skipped: " + skip->second).c_str() : "");
        total.passed += tally.passed;
        total.failed += tally.failed;
        total.skipped += tally.skipped;
    }
    const int all = total.passed + total.failed + total.skipped;
    std::printf("%-32s %6d %6d %7d\n", "TOTAL", total.passed, total.failed, total.skipped);
    std::printf("passed %d of %d (%.1f %%); the threshold is %d\n", total.passed, all, all ? 100.0 * total.passed / all : 0.0, min_passed);
    std::printf("\nfailures:\n");
    for (const std::string& f : failures) {
        std::printf("  %s\n", verbose || f.size() < 400 ? f.c_str() : (f.substr(0, 400) + "…").c_str());
    }
    if (total.passed < min_passed) {
        std::printf("FAILED: %d passed, fewer than the threshold %d\n", total.passed, min_passed);
        return 1;
    }
    return 0;
}

// ---------------------------------------------------------------- fhirpath.js's YAML cases

// fhirpath.js gives numbers as JSON numbers, dates and times as strings, quantities as
// {value, unit} and elements as their JSON; compare that way.
bool json_matches(const json& expected, const json& actual) {
    if (expected.is_number() && actual.is_number()) {
        const double a = expected.get<double>(), b = actual.get<double>();
        return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    }
    if (expected.is_string() && actual.is_string()) {
        const std::string a = expected.get<std::string>(), b = actual.get<std::string>();
        return a == b || strip_at(a) == b;
    }
    if (expected.is_object() && actual.is_object()) {
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (!actual.contains(it.key()) || !json_matches(it.value(), actual[it.key()])) return false;
        }
        return expected.size() == actual.size() || expected.contains("unit");
    }
    if (expected.is_array() && actual.is_array()) {
        if (expected.size() != actual.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (!json_matches(expected[i], actual[i])) return false;
        }
        return true;
    }
    return expected == actual;
}

std::string run_yaml_case(const json& c, const json* subject, const std::string& dir) {
    const std::string expression = c.value("expression", "");
    json input = subject ? *subject : json::object();
    if (c["input"].is_string()) {
        const std::string path = c["input"].get<std::string>();
        if (path.rfind("missing:", 0) == 0) return "skip: input " + path.substr(8) + " is not in the material";
        const std::optional<std::string> text = read_file(dir + "/" + path);
        if (!text) return "skip: input " + path + " is missing";
        input = json::parse(*text);
    }
    Environment env;
    if (c["variables"].is_object()) {
        for (auto it = c["variables"].begin(); it != c["variables"].end(); ++it) env.set_json(it.key(), it.value());
    }
    try {
        const Expression e = compile(expression);
        const Collection result = e.evaluate(input, env);
        if (c.value("error", false)) return "expected an error, got " + result.to_json().dump(-1, ' ', false, json::error_handler_t::replace);
        // fhirpath.js gives a System.Quantity as its FHIRPath text ("2 'mo'").
        json actual = json::array();
        for (const Value& v : result) actual.push_back(v.kind() == Value::Kind::Quantity ? json(*v.to_text()) : v.to_json());
        const json& expected = c["result"];
        if (expected.is_array() && json_matches(expected, actual)) return "";
        return "expected " + expected.dump(-1, ' ', false, json::error_handler_t::replace) + ", got " + actual.dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (const Error& e) {
        if (c.value("error", false)) return "";
        return std::string("error: ") + e.what();
    }
}

int run_yaml_cases(const std::string& dir, bool verbose) {
    const std::optional<std::string> text = read_file(dir + "/yaml.json");
    if (!text) {
        std::printf("SKIPPED: %s/yaml.json is missing\n", dir.c_str());
        return 77;
    }
    const json cases = json::parse(*text);
    std::printf("fhirpath.js YAML cases (%s): a second set, no threshold\n", cases.value("source", "").c_str());
    std::printf("%-36s %6s %6s %7s\n", "file", "passed", "failed", "skipped");
    Tally total;
    std::vector<std::string> failures;
    for (const json& f : cases["files"]) {
        Tally tally;
        const std::string file = f.value("file", "");
        const json* subject = f["subject"].is_null() ? nullptr : &f["subject"];
        std::string skip_reason;
        // %factory is fhirpath.js's own API, not FHIRPath.
        if (file == "factory.yaml") skip_reason = "%factory is fhirpath.js's own extension, not FHIRPath";
        for (const json& c : f["cases"]) {
            if (!skip_reason.empty() || c.value("disabled", false)) {
                ++tally.skipped;
                continue;
            }
            const std::string why = run_yaml_case(c, subject, dir);
            if (why.empty()) {
                ++tally.passed;
            } else if (why.rfind("skip: ", 0) == 0) {
                ++tally.skipped;
            } else {
                ++tally.failed;
                failures.push_back(file + " / " + c.value("desc", "") + ": `" + c.value("expression", "") + "`: " + why);
            }
        }
        std::printf("%-36s %6d %6d %7d%s\n", file.c_str(), tally.passed, tally.failed, tally.skipped,
                    skip_reason.empty() ? "" : ("  skipped: " + skip_reason).c_str());
        total.passed += tally.passed;
        total.failed += tally.failed;
        total.skipped += tally.skipped;
    }
    std::printf("%-36s %6d %6d %7d\n", "TOTAL", total.passed, total.failed, total.skipped);
    if (verbose) {
        std::printf("\nfailures:\n");
        for (const std::string& s : failures) std::printf("  %s\n", s.substr(0, 400).c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: fhirpath_suite <converted dir> [--min-passed N] [--yaml] [--verbose]\n");
        return 2;
    }
    const std::string dir = argv[1];
    int min_passed = 0;
    bool yaml = false, verbose = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--min-passed" && i + 1 < argc) min_passed = std::atoi(argv[++i]);
        else if (a == "--yaml") yaml = true;
        else if (a == "--verbose") verbose = true;
    }
    return yaml ? run_yaml_cases(dir, verbose) : run_official_suite(dir, min_passed, verbose);
}
