#include "core/screening/form_expressions.hpp"

namespace safetynet::core {

namespace {
const FormExpressionEngine* g_engine = nullptr;
}  // namespace

const FormExpressionEngine* form_expression_engine() { return g_engine; }

void set_form_expression_engine(const FormExpressionEngine* engine) { g_engine = engine; }

}  // namespace safetynet::core
