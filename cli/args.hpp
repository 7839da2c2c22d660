#pragma once
// A small, strict command-line parser: every option a command accepts is declared, anything
// else is a usage error (exit 1) with one clear line.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::cli {

// Wrong flags, missing arguments: exit status 1.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;        // "--radius-km", or a short alias like "-o"
    bool takes_value = false;
    std::string alias = {};  // the other spelling ("-o" for "--output"), may be empty
};

class Args {
public:
    // Parses argv (after the command name). "--name=value" and "--name value" are both fine;
    // "--" ends options.
    Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec);

    bool has(std::string_view name) const { return m_values.count(std::string(name)) > 0; }
    std::optional<std::string> value(std::string_view name) const;
    std::vector<std::string> values(std::string_view name) const;  // repeated options, in order
    const std::vector<std::string>& positional() const { return m_positional; }

    // value(name) or a UsageError naming the option.
    std::string required(std::string_view name) const;
    // The value parsed as a number, or a UsageError naming the option and the bad value.
    std::optional<double> number(std::string_view name) const;

private:
    std::multimap<std::string, std::string> m_values;
    std::vector<std::string> m_positional;
};

}  // namespace safetynet::cli
