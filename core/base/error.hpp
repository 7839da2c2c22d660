#pragma once
// The one exception type core/ throws for bad input, failed authentication and the like.
// Every error names what went wrong (`kind`, a stable machine-readable class such as
// "malformed-json" or "header-mac") and where (`where`: a file and line, a linkId, a field),
// so the CLI can print one clear line and the UI can point at the culprit.
#include <stdexcept>
#include <string>

namespace safetynet::core {

class Error : public std::runtime_error {
public:
    Error(std::string kind, std::string where, const std::string& message)
        : std::runtime_error(where.empty() ? message : where + ": " + message),
          m_kind(std::move(kind)), m_where(std::move(where)), m_message(message) {}

    const std::string& kind() const noexcept { return m_kind; }
    const std::string& where() const noexcept { return m_where; }
    // The message without the location prefix that what() carries.
    const std::string& message() const noexcept { return m_message; }

private:
    std::string m_kind;
    std::string m_where;
    std::string m_message;
};

}  // namespace safetynet::core
