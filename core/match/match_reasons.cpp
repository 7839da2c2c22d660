#include "core/match/match_reasons.hpp"

#include <initializer_list>
#include <string_view>
#include <utility>

namespace safetynet::core {

std::string reason_key(const Reason& reason) { return "match.reason." + reason.code; }

namespace {

// The text of `prefix + value` if the catalog has it, else the value itself.
std::string translated(const Translator& t, const std::string& prefix, const std::string& value) {
    const std::string key = prefix + value;
    const char* text = t.tr(key);
    return key == text ? value : std::string(text);
}

}  // namespace

std::string render_reason(const Reason& reason, const Translator& translator) {
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [name, value] : reason.params) {
        if (name == "domain") values.emplace_back(name, translated(translator, "match.domain.", value));
        else if (name == "language") values.emplace_back(name, translated(translator, "match.language.", value));
        else if (name == "day") values.emplace_back(name, translated(translator, "match.day.", value));
        else if (name == "status") values.emplace_back(name, translated(translator, "match.status.", value));
        else values.emplace_back(name, value);
    }
    // Translator::format takes an initializer list; fill the text here the same way.
    std::string text = translator.tr(reason_key(reason));
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (std::size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
            text.replace(pos, token.size(), value);
    }
    return text;
}

}  // namespace safetynet::core
