// `safetynet instruments`: the built-in screening instruments, as JSON.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/scoring.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

extern const char* const kInstrumentsUsage;
const char* const kInstrumentsUsage =
    "safetynet instruments\n\n"
    "Prints a JSON array with one object per built-in instrument: id (what `screen --instrument`\n"
    "takes), title, titles (per language), languages, items (the number of questions), url\n"
    "(canonical), codes (LOINC panel codes) and rules (the scoring rule set).";

int cmd_instruments(const std::vector<std::string>& argv) {
    const Args args(argv, {});
    if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
    nlohmann::json list = nlohmann::json::array();
    for (const std::string& id : core::builtin_instrument_ids()) {
        const auto q = core::load_builtin_instrument_in_every_language(id);
        nlohmann::json titles = nlohmann::json::object();
        for (const std::string& lang : q->languages()) titles[lang] = q->title().in(lang);
        nlohmann::json codes = nlohmann::json::array();
        for (const core::Coding& c : q->codes()) codes.push_back(c.code);
        list.push_back({{"id", id},
                        {"title", q->title().base},
                        {"titles", std::move(titles)},
                        {"languages", q->languages()},
                        {"items", q->question_count()},
                        {"url", q->url()},
                        {"codes", std::move(codes)},
                        {"rules", core::rule_set_for(*q)}});
    }
    std::cout << list.dump(2) << "\n";
    return 0;
}

}  // namespace safetynet::cli
