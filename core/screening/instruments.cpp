#include "core/screening/instruments.hpp"

#include "core/base/assets.hpp"
#include "core/base/error.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace safetynet::core {

const std::vector<std::string>& builtin_instrument_ids() {
    static const std::vector<std::string> ids = {"ahc-hrsn", "ahc-hrsn-full", "hunger-vital-sign",
                                                 "prapare", "phq-2", "phq-9"};
    return ids;
}

bool is_builtin_instrument(std::string_view id) {
    const auto& ids = builtin_instrument_ids();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::shared_ptr<const Questionnaire> load_builtin_instrument(std::string_view id) {
    if (!is_builtin_instrument(id)) {
        std::string known;
        for (const std::string& i : builtin_instrument_ids()) known += (known.empty() ? "" : ", ") + i;
        throw Error("unknown-instrument", std::string(id), "not a built-in instrument (built-in: " + known + ")");
    }
    // Parsed once per process: a Questionnaire is immutable, and callers ask again and again
    // (the app when its site file arrives, every imported screening bundle, matching a
    // canonical URL against all of them).
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const Questionnaire>, std::less<>> parsed;
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = parsed.find(id); it != parsed.end()) return it->second;
    const std::string name = "instruments/" + std::string(id) + ".json";
    const auto text = builtin_instrument(std::string(id) + ".json");
    if (!text) throw Error("missing-asset", name, "the built-in instrument is missing from this build");
    auto q = std::make_shared<const Questionnaire>(Questionnaire::parse(*text, name));
    parsed.emplace(std::string(id), q);
    return q;
}

}  // namespace safetynet::core
