#pragma once
// The one exception type core/ throws for bad input, failed authentication and the like.
// Every error names what went wrong (`kind`, a stable machine-readable class such as
// "malformed-json" or "header-mac") and where (`where`: a file and line, a linkId, a field),
// so the CLI can print one clear line and the UI can point at the culprit.
//
// The English `message` is for the CLI and logs. A screen renders the error in the person's
// language from its kind, where and named `params` (a line, a column, a field…) through the
// catalog key "error.<kind>" (ui/shell/error_text.hpp, core/base/error_kinds.hpp), never from
// the message text.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace safetynet::core {

// Named values an error carries for the screens, e.g. {{"line", "3"}, {"column", "14"}}.
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

class Error : public std::runtime_error {
public:
    Error(std::string kind, std::string where, const std::string& message, ErrorParams params = {})
        : std::runtime_error(where.empty() ? message : where + ": " + message),
          m_kind(std::move(kind)), m_where(std::move(where)), m_message(message), m_params(std::move(params)) {}

    const std::string& kind() const noexcept { return m_kind; }
    const std::string& where() const noexcept { return m_where; }
    // The message without the location prefix that what() carries.
    const std::string& message() const noexcept { return m_message; }
    const ErrorParams& params() const noexcept { return m_params; }
    // The value of one parameter; empty when the error does not carry it.
    std::string param(std::string_view name) const {
        for (const auto& [key, value] : m_params)
            if (key == name) return value;
        return {};
    }

private:
    std::string m_kind;
    std::string m_where;
    std::string m_message;
    ErrorParams m_params;
};

}  // namespace safetynet::core
