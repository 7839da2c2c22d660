#include "core/screening/fhirpath_in_forms.hpp"

#include "core/fhir/fhirpath.hpp"
#include "core/screening/form_expressions.hpp"
#include "core/screening/response.hpp"

namespace safetynet::core {

namespace {

std::shared_ptr<const fhirpath::Expression> compile(const std::string& text) {
    return std::make_shared<const fhirpath::Expression>(fhirpath::compile(text));
}

void evaluate(Response& response, bool initial) { response.evaluate_expressions(initial); }

constexpr FormExpressionEngine kFhirpath{&compile, &evaluate};

}  // namespace

void use_fhirpath_in_forms() { set_form_expression_engine(&kFhirpath); }

}  // namespace safetynet::core
