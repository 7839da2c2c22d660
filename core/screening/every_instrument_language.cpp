#include "core/screening/every_instrument_language.hpp"

#include "core/base/assets.hpp"
#include "core/base/languages.hpp"
#include "core/screening/instrument_translation.hpp"
#include "core/screening/instruments.hpp"

#include <map>
#include <mutex>
#include <string>

namespace safetynet::core {

std::shared_ptr<const Questionnaire> load_builtin_instrument_in_every_language(std::string_view id) {
    const std::shared_ptr<const Questionnaire> first = load_builtin_instrument(id);
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const Questionnaire>, std::less<>> translated;
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = translated.find(id); it != translated.end()) return it->second;
    // The files are named "<id>.<lang>.json", put over the form in the order of
    // assets/i18n/languages.json, as scripts/gen-instruments.py writes them into the committed copy.
    std::vector<InstrumentTranslation> all;
    for (const Language& language : languages()) {
        const std::string name = std::string(id) + "." + language.code + ".json";
        const auto text = more_instrument_translation(name);
        if (!text) continue;
        for (InstrumentTranslation& t : parse_instrument_translation(*text, "instruments/translations/" + name, *first))
            all.push_back(std::move(t));
    }
    auto q = with_translations(*first, all);
    translated.emplace(std::string(id), q);
    return q;
}

}  // namespace safetynet::core
