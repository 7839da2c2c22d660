// Issue 13: the app's own calculated items on the real forms equal fhirpath.js. For every form
// scenario of forms_oracle.mjs (run by the fixture just before; the expected values are what
// the npm package `fhirpath` computes at test time, nothing is copied), the response is read
// into core::Response, which evaluates the form's variables and calculatedExpressions itself;
// each calculated item's answers must equal fhirpath.js's value of its calculatedExpression.
//
//   calculated_forms_tests <oracle.json> <realworld dir>     (exit 77 when the oracle is absent)
#define DOCTEST_CONFIG_IMPLEMENT
#include "core/base/error.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

using namespace safetynet::core;
using json = nlohmann::json;

namespace {

std::string g_oracle, g_realworld;

json read_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    return json::parse(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

// An answer against one fhirpath.js value: Codings by system and code, Quantities by value and
// code, numbers within 1e-9 relative.
bool same(const json& expected, const AnswerValue& a) {
    auto close = [](double x, double y) { return x == y || std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y)); };
    switch (a.type) {
        case ValueType::Coding:
            return expected.is_object() && expected.value("code", "") == a.coding.code &&
                   (a.coding.code.empty() ? expected.value("display", "") == a.coding.display
                                          : expected.value("system", a.coding.system) == a.coding.system);
        case ValueType::Quantity:
            return expected.is_object() && expected.contains("value") && close(expected["value"].get<double>(), a.decimal);
        case ValueType::Integer: return expected.is_number() && close(expected.get<double>(), static_cast<double>(a.integer));
        case ValueType::Decimal: return expected.is_number() && close(expected.get<double>(), a.decimal);
        case ValueType::Boolean: return expected.is_boolean() && expected.get<bool>() == a.boolean;
        default: return expected.is_string() && expected.get<std::string>() == a.string;
    }
}

}  // namespace

TEST_CASE("issue 13: the app's calculated items on the real forms equal fhirpath.js") {
    const json oracle = read_json(g_oracle);
    const json patient = read_json(oracle["patient"].get<std::string>());
    int compared = 0, agreed = 0;
    std::set<std::string> forms;
    for (const json& c : oracle["cases"]) {
        const std::string form = c["form"].get<std::string>();
        if (form.rfind("questionnaires/", 0) != 0) continue;  // the weight() fixtures are not forms to fill
        CAPTURE(form);
        CAPTURE(c["scenario"].get<std::string>());
        auto q = std::make_shared<const Questionnaire>(Questionnaire::from_json(read_json(g_realworld + "/" + form), form));
        std::optional<Response> r;
        try {
            r.emplace(Response::from_fhir(q, c["response"]));
        } catch (const Error& e) {
            FAIL_CHECK("the response does not read: " << e.what());
            continue;
        }
        for (const json& name : c["launch"]) r->set_launch_context(name.get<std::string>(), patient);
        for (const json& step : c["steps"]) {
            if (step["kind"] != "calculatedExpression" || !step["oracle_error"].is_null()) continue;
            const std::string link = step["linkId"].get<std::string>();
            CAPTURE(link);
            const std::size_t item = r->index_of(link);
            const json& expected = step["expected"];
            const std::vector<AnswerValue>& answers = r->effective_answers(item);
            // A non-repeating item keeps the first value (fhirpath.js returns a collection).
            const std::size_t n = q->item(item).repeats ? expected.size() : std::min<std::size_t>(expected.size(), 1);
            bool ok = answers.size() == n;
            for (std::size_t k = 0; ok && k < n; ++k) ok = same(expected[k], answers[k]);
            ++compared;
            forms.insert(form);
            json ours = json::array();
            for (const AnswerValue& a : answers) ours.push_back(a.to_string());
            std::string issues;
            for (const ExpressionIssue& i : r->expression_issues()) issues += "\n  " + i.link_id + " `" + i.expression + "`: " + i.message;
            CHECK_MESSAGE(ok, "fhirpath.js: " << expected.dump() << "\napp:         " << ours.dump() << issues);
            agreed += ok;
        }
    }
    MESSAGE("calculated items computed by the app equal fhirpath.js in " << agreed << " of " << compared << " (" << forms.size()
                                                                          << " forms)");
    CHECK(compared > 0);
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: calculated_forms_tests <oracle.json> <realworld dir> [doctest options]\n");
        return 2;
    }
    g_oracle = argv[1];
    g_realworld = argv[2];
    if (!std::ifstream(g_oracle).good()) {
        std::printf("SKIPPED: %s is missing (the real forms in ../shared/realworld/ were not there for forms_oracle.mjs)\n", g_oracle.c_str());
        return 77;
    }
    doctest::Context context;
    context.applyCommandLine(argc - 2, argv + 2);
    context.setOption("no-colors", true);
    return context.run();
}
