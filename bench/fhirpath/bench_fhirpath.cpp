// Times core/fhir's FHIRPath engine on the workload of bench/fhirpath/run.sh: the real forms'
// expressions (SDC variables, calculated, initial and enableWhen expressions) and their
// responses, as tests/fhirpath/forms_oracle.mjs lists them. Prints one JSON line:
//   {"engine": …, "expressions": N, "parse_us": …, "evaluate_us": …, "both_us": …}
// microseconds per expression, each the fastest of --repeat timed passes after one warm-up (the
// machines this runs on are shared: the fastest pass is the one others disturbed least):
// parse = compile(); evaluate = evaluate() of the compiled expression, variables set as SDC
// does; both = compile() then evaluate(), as a form's first calculation.
//   bench_fhirpath <workload.json> [--repeat R] [--engine NAME]
#include "core/base/error.hpp"
#include "core/fhir/fhirpath.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using namespace safetynet::core::fhirpath;
using json = nlohmann::json;

namespace {

struct Step {
    std::string expression;
    std::string variable;  // set as a variable afterwards, when not empty
    bool on_item = false;
    std::string link_id;
};

struct Case {
    json form, response, patient;
    std::vector<std::string> launch;
    std::vector<Step> steps;
    std::vector<Collection> contexts;  // per step: the response or its item
};

template <class F>
double fastest_pass_us(int repeat, F&& pass) {
    pass();  // warm-up
    std::vector<double> times;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        pass();
        times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    return *std::min_element(times.begin(), times.end());
}

Environment environment(const Case& c) {
    Environment env;
    env.set_json("questionnaire", c.form);
    env.set_json("resource", c.response);
    for (const std::string& name : c.launch) env.set_json(name, c.patient);
    return env;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_fhirpath <workload.json> [--repeat R] [--engine NAME]\n");
        return 1;
    }
    int repeat = 15;
    std::string engine = "SafetyNet (native)";
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
        if (a == "--engine") engine = argv[i + 1];
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    const json workload = json::parse(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));

    std::vector<Case> cases;
    std::size_t expressions = 0;
    const Expression find_item = compile("descendants().where(linkId = %link).first()");
    for (const json& c : workload["cases"]) {
        Case k;
        k.form = c["form_json"];
        k.response = c["response"];
        k.patient = workload["patient_json"];
        for (const json& n : c["launch"]) k.launch.push_back(n.get<std::string>());
        for (const json& s : c["steps"]) {
            if (!s["oracle_error"].is_null()) continue;  // undefined x-fhir-query variables: an error on both sides
            Step step{s["expression"].get<std::string>(), s["kind"] == "variable" ? s["name"].get<std::string>() : "", s["context"] == "item",
                      s["linkId"].is_string() ? s["linkId"].get<std::string>() : ""};
            k.steps.push_back(step);
        }
        cases.push_back(std::move(k));
    }
    for (Case& k : cases) {
        for (const Step& s : k.steps) {
            Collection ctx = Collection::of_json(k.response);
            if (s.on_item) {
                Environment find;
                find.set("link", Collection::of(Value::string(s.link_id)));
                ctx = find_item.evaluate(ctx, find);
            }
            k.contexts.push_back(ctx);
            ++expressions;
        }
    }

    std::vector<std::vector<Expression>> compiled(cases.size());
    const double parse = fastest_pass_us(repeat, [&] {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            compiled[i].clear();
            for (const Step& s : cases[i].steps) compiled[i].push_back(compile(s.expression));
        }
    });
    std::size_t items = 0;
    const double evaluate = fastest_pass_us(repeat, [&] {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            Environment env = environment(cases[i]);
            for (std::size_t k = 0; k < cases[i].steps.size(); ++k) {
                const Collection r = compiled[i][k].evaluate(cases[i].contexts[k], env);
                items += r.size();
                if (!cases[i].steps[k].variable.empty()) env.set(cases[i].steps[k].variable, r);
            }
        }
    });
    const double both = fastest_pass_us(repeat, [&] {
        for (std::size_t i = 0; i < cases.size(); ++i) {
            Environment env = environment(cases[i]);
            for (std::size_t k = 0; k < cases[i].steps.size(); ++k) {
                const Collection r = compile(cases[i].steps[k].expression).evaluate(cases[i].contexts[k], env);
                items += r.size();
                if (!cases[i].steps[k].variable.empty()) env.set(cases[i].steps[k].variable, r);
            }
        }
    });
    if (std::getenv("BENCH_FHIRPATH_SLOWEST")) {
        // Which expressions cost most (one evaluation each, after the passes above).
        std::vector<std::pair<double, std::string>> slow;
        for (std::size_t i = 0; i < cases.size(); ++i) {
            Environment env = environment(cases[i]);
            for (std::size_t k = 0; k < cases[i].steps.size(); ++k) {
                const auto t0 = std::chrono::steady_clock::now();
                const Collection r = compiled[i][k].evaluate(cases[i].contexts[k], env);
                slow.emplace_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count(),
                                  cases[i].steps[k].expression.substr(0, 100));
                if (!cases[i].steps[k].variable.empty()) env.set(cases[i].steps[k].variable, r);
            }
        }
        std::sort(slow.rbegin(), slow.rend());
        for (std::size_t j = 0; j < slow.size() && j < 12; ++j) std::fprintf(stderr, "%10.1f us  %s\n", slow[j].first, slow[j].second.c_str());
    }
    const double n = static_cast<double>(expressions);
    std::printf("%s\n", json{{"engine", engine}, {"expressions", expressions}, {"parse_us", parse / n}, {"evaluate_us", evaluate / n},
                             {"both_us", both / n}, {"result_items", items}}.dump().c_str());
    return 0;
}
