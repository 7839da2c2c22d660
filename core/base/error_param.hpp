#pragma once
// An error with one more named value, read where it is known (a form's file, the question
// around a field): for the screens (ui/shell/error_text.hpp). Kind, where and message (the
// CLI's text) stay as they are.
#include "core/base/error.hpp"

#include <string>
#include <utility>

namespace safetynet::core {

// `e` with the parameter `name` = `value`, unless `value` is empty or `e` carries one of that name.
inline Error with_param(const Error& e, const std::string& name, const std::string& value) {
    if (value.empty() || !e.param(name).empty()) return e;
    ErrorParams params = e.params();
    params.emplace_back(name, value);
    return Error(e.kind(), e.where(), e.message(), std::move(params));
}

}  // namespace safetynet::core
