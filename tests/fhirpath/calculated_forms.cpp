// Issue 13: the app's own calculated items on the real forms equal fhirpath.js. For every form
// scenario of forms_oracle.mjs (run by the fixture just before; the expected values are what
// the npm package `fhirpath` computes at test time, nothing is copied), the response is read
// into core::Response, which evaluates the form's variables and calculatedExpressions itself;
// each calculated item's answers must equal fhirpath.js's value of its calculatedExpression.
//
//   calculated_forms_tests <oracle.json> <realworld dir>     (exit 77 when the oracle is absent)
#define DOCTEST_CONFIG_IMPLEMENT
#include "core/base/error.hpp"
#include "core/screening/fhirpath_in_forms.hpp"
#include "core/screening/questionnaire.hpp"
#include "core/screening/response.hpp"

#include "tests/fhirpath/oracle_main.hpp"

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
        case ValueType::Quantity:  // a number computed for a quantity item takes the item's unit
            if (expected.is_number()) return close(expected.get<double>(), a.decimal);
            return expected.is_object() && expected.contains("value") && close(expected["value"].get<double>(), a.decimal);
        case ValueType::Integer: return expected.is_number() && close(expected.get<double>(), static_cast<double>(a.integer));
        case ValueType::Decimal: return expected.is_number() && close(expected.get<double>(), a.decimal);
        case ValueType::Boolean: return expected.is_boolean() && expected.get<bool>() == a.boolean;
        default: return expected.is_string() && expected.get<std::string>() == a.string;
    }
}

// The first item with this linkId (pointers into `items`, so no copies on the way).
const json* find_item(const json& items, const std::string& link) {
    if (!items.is_array()) return nullptr;
    for (const json& i : items) {
        if (!i.is_object()) continue;
        if (i.value("linkId", "") == link) return &i;
        if (const auto nested = i.find("item"); nested != i.end())
            if (const json* f = find_item(*nested, link)) return f;
        if (const auto answers = i.find("answer"); answers != i.end() && answers->is_array())
            for (const json& a : *answers)
                if (const auto nested = a.find("item"); a.is_object() && nested != a.end())
                    if (const json* f = find_item(*nested, link)) return f;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("issue 13: the app's calculated items on the real forms equal fhirpath.js") {
    const json oracle = read_json(g_oracle);
    const json patient = read_json(oracle["patient"].get<std::string>());
    int compared = 0, agreed = 0, unread = 0;
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
            // Known gap (docs/SCREENING.md "Not yet"): two instances of a repeating group.
            WARN_MESSAGE(false, "the response does not read: " << std::string(e.what()));
            ++unread;
            continue;
        }
        // fhirpath.js evaluated each expression on the response as given; where a calculated
        // item's given answers are not what the form computes (an input not yet settled), a
        // dependent item may differ for that reason alone: reported, not failed.
        bool settled = true;
        static const json kNoItems = json::array();
        const json& given_items = c["response"].contains("item") ? c["response"]["item"] : kNoItems;
        for (const json& step : c["steps"])
            if (step["kind"] == "calculatedExpression") {
                const std::size_t i = r->index_of(step["linkId"].get<std::string>());
                std::multiset<std::string> given, ours;
                if (const json* item = find_item(given_items, step["linkId"].get<std::string>()))
                    for (const json& a : item->value("answer", json::array())) given.insert(a.begin().value().dump());
                for (const AnswerValue& a : r->effective_answers(i)) ours.insert(json(a.to_string()).dump());
                settled = settled && given.size() == ours.size();
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
            if (settled) CHECK_MESSAGE(ok, "fhirpath.js: " << expected.dump() << "\napp:         " << ours.dump() << issues);
            else if (!ok) WARN_MESSAGE(ok, "input not settled; fhirpath.js on it: " << expected.dump() << ", app after settling: " << ours.dump());
            agreed += ok;
        }
    }
    MESSAGE("calculated items computed by the app equal fhirpath.js in " << agreed << " of " << compared << " (" << forms.size()
                                                                          << " forms); responses not read: " << unread);
    CHECK(compared > 0);
}

int main(int argc, char** argv) {
    safetynet::core::use_fhirpath_in_forms();  // the forms' expressions (core/screening/form_expressions.hpp)
    return safetynet::test::run_oracle_tests(argc, argv, "calculated_forms_tests", g_oracle, g_realworld);
}
