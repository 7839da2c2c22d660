#include "cli/args.hpp"

#include "core/base/number.hpp"

namespace safetynet::cli {

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& spec) {
    auto find = [&](std::string_view name) -> const OptionSpec* {
        for (const auto& s : spec)
            if (s.name == name || (!s.alias.empty() && s.alias == name)) return &s;
        return nullptr;
    };
    bool options_done = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (options_done || a.size() < 2 || a[0] != '-') {
            m_positional.push_back(a);
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        std::string name = a;
        std::optional<std::string> inline_value;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = a.substr(0, eq);
            inline_value = a.substr(eq + 1);
        }
        const OptionSpec* s = find(name);
        if (!s) throw UsageError("unknown option " + name);
        if (!s->takes_value) {
            if (inline_value) throw UsageError(name + " takes no value");
            m_values.emplace(s->name, "");
            continue;
        }
        if (inline_value) {
            m_values.emplace(s->name, *inline_value);
        } else {
            if (i + 1 >= argv.size()) throw UsageError(name + " needs a value");
            m_values.emplace(s->name, argv[++i]);
        }
    }
}

std::optional<std::string> Args::value(std::string_view name) const {
    const auto it = m_values.find(std::string(name));
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::values(std::string_view name) const {
    std::vector<std::string> out;
    const auto [lo, hi] = m_values.equal_range(std::string(name));
    for (auto it = lo; it != hi; ++it) out.push_back(it->second);
    return out;
}

std::string Args::required(std::string_view name) const {
    auto v = value(name);
    if (!v) throw UsageError("missing " + std::string(name));
    return *v;
}

std::optional<double> Args::number(std::string_view name) const {
    const auto v = value(name);
    if (!v) return std::nullopt;
    const auto d = core::parse_decimal(*v);
    if (!d) throw UsageError(std::string(name) + " needs a number, got \"" + *v + "\"");
    return d;
}

}  // namespace safetynet::cli
