#pragma once
// What runs a form's SDC expressions (FHIRPath: variable, calculatedExpression,
// enableWhenExpression, initialExpression, answerExpression). core/screening holds the seam, not
// the engine: a program that answers forms with expressions links core/fhir's FHIRPath engine by
// calling core::use_fhirpath_in_forms() (fhirpath_in_forms.hpp) once at start. The kiosk program
// does not (issue 16: the engine and its FHIR model are a large part of the first load, and the
// built-in instruments have no expressions); there a form with expressions is refused with
// core::Error("form-needs-expressions"), and the kiosk starts the program that has the engine
// (ui/app/app.cpp, web/loader.js).
#include <memory>
#include <string>

namespace safetynet::core {

namespace fhirpath {
class Expression;
}

class Response;

struct FormExpressionEngine {
    // Throws core::Error naming what is wrong with the expression.
    std::shared_ptr<const fhirpath::Expression> (*compile)(const std::string& text) = nullptr;
    // The SDC pass over a response (core/screening/response_expressions.cpp).
    void (*evaluate)(Response& response, bool initial) = nullptr;
};

// The engine this program linked, or null.
const FormExpressionEngine* form_expression_engine();
void set_form_expression_engine(const FormExpressionEngine* engine);

}  // namespace safetynet::core
