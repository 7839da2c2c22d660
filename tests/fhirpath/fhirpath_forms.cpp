// The FHIRPath expressions of the real forms in ../shared/realworld/questionnaires/ (SDC
// variables, calculatedExpression, initialExpression, enableWhenExpression), evaluated by the
// engine on the same responses as fhirpath.js evaluated them in forms_oracle.mjs (run by the
// fixture just before): every value must match fhirpath.js's, and where fhirpath.js raised an
// error (an x-fhir-query variable no one supplied) the engine must raise one too.
//
//   fhirpath_forms_tests <oracle.json> <realworld dir>     (exit 77 when the oracle is absent)
#define DOCTEST_CONFIG_IMPLEMENT
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include "tests/fhirpath/oracle_main.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

using namespace safetynet::core::fhirpath;
using safetynet::core::Error;
using json = nlohmann::json;

namespace {

std::string g_oracle, g_realworld;

json read_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    return json::parse(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

// fhirpath.js and the engine write numbers in different ways (13 vs 13.0; the last digit of a
// logarithm): numbers match within 1e-9 relative.
bool same(const json& expected, const json& actual) {
    if (expected.is_number() && actual.is_number()) {
        const double a = expected.get<double>(), b = actual.get<double>();
        return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    }
    if (expected.is_array() && actual.is_array()) {
        if (expected.size() != actual.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (!same(expected[i], actual[i])) return false;
        }
        return true;
    }
    if (expected.is_object() && actual.is_object()) {
        if (expected.size() != actual.size()) return false;
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (!actual.contains(it.key()) || !same(it.value(), actual[it.key()])) return false;
        }
        return true;
    }
    return expected == actual;
}

}  // namespace

TEST_CASE("the real forms' FHIRPath expressions give what fhirpath.js gives") {
    const json oracle = read_json(g_oracle);
    const json patient = read_json(oracle["patient"].get<std::string>());
    const std::optional<Temporal> now = Temporal::parse_date_time(oracle["now"].get<std::string>());
    REQUIRE(now);
    // The response item with a linkId (only items have one; the forms' linkIds are unique).
    const Expression item_with_link = compile("descendants().where(linkId = %link).first()");
    int steps = 0, errors_expected = 0;
    for (const json& c : oracle["cases"]) {
        const json form = read_json(g_realworld + "/" + c["form"].get<std::string>());
        const json& response = c["response"];
        Environment env;
        env.now = now;
        env.set_json("questionnaire", form);
        env.set_json("resource", response);
        for (const json& name : c["launch"]) env.set_json(name.get<std::string>(), patient);
        for (const json& step : c["steps"]) {
            const std::string expression = step["expression"].get<std::string>();
            CAPTURE(c["form"].get<std::string>());
            CAPTURE(c["scenario"].get<std::string>());
            CAPTURE(expression);
            Collection input = Collection::of_json(response);
            if (step["context"] == "item") {
                Environment find;
                find.set("link", Collection::of(Value::string(step["linkId"].get<std::string>())));
                input = item_with_link.evaluate(input, find);
                REQUIRE(input.size() == 1);
            }
            ++steps;
            if (!step["oracle_error"].is_null()) {
                ++errors_expected;
                CHECK_THROWS_AS(compile(expression).evaluate(input, env), Error);
                continue;
            }
            Collection result;
            try {
                result = compile(expression).evaluate(input, env);
            } catch (const Error& e) {
                FAIL_CHECK("the engine failed where fhirpath.js did not: " << e.what());
                continue;
            }
            const json actual = result.to_json();
            CHECK_MESSAGE(same(step["expected"], actual), "fhirpath.js: " << step["expected"].dump() << "\nengine:      " << actual.dump()
                                                                          << (step["oracle_note"].get<std::string>().empty() ? "" : "\nnote: " + step["oracle_note"].get<std::string>()));
            if (step["kind"] == "variable" && !step["name"].get<std::string>().empty()) env.set(step["name"].get<std::string>(), result);
        }
    }
    MESSAGE(steps << " expressions of " << oracle["cases"].size() << " form scenarios compared with fhirpath.js (" << errors_expected
                  << " where both must raise an error)");
    CHECK(steps > 0);
}

int main(int argc, char** argv) {
    return safetynet::test::run_oracle_tests(argc, argv, "fhirpath_forms_tests", g_oracle, g_realworld);
}
