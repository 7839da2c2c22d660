#include "core/exchange/seen_ledger.hpp"

#include "core/base/error.hpp"
#include "core/base/json_read.hpp"

#include <nlohmann/json.hpp>

namespace safetynet::core {

bool SeenLedger::contains(std::string_view signer_key_id, std::string_view bundle_id) const {
    return find(signer_key_id, bundle_id) != nullptr;
}

const SeenLedger::Entry* SeenLedger::find(std::string_view signer_key_id, std::string_view bundle_id) const {
    const auto it = m_entries.find(std::make_pair(std::string(signer_key_id), std::string(bundle_id)));
    return it == m_entries.end() ? nullptr : &it->second;
}

bool SeenLedger::record(std::string_view signer_key_id, std::string_view bundle_id, Entry entry) {
    return m_entries.emplace(std::make_pair(std::string(signer_key_id), std::string(bundle_id)), std::move(entry)).second;
}

std::string SeenLedger::to_json() const {
    nlohmann::ordered_json j;
    j["safetynet_seen_ledger"] = 1;
    j["entries"] = nlohmann::ordered_json::array();
    for (const auto& [key, e] : m_entries)
        j["entries"].push_back({{"signer", key.first}, {"id", key.second}, {"created", e.created}, {"digest", e.digest}});
    return j.dump(2) + "\n";
}

SeenLedger SeenLedger::from_json(std::string_view text) {
    SeenLedger out;
    try {
        const auto j = nlohmann::json::parse(text);
        if (!j.is_object() || integer_field(j, "safetynet_seen_ledger", 0) != 1 || !j.contains("entries") ||
            !j["entries"].is_array())
            throw Error("ledger", "seen ledger", "not a SafetyNet seen-ids ledger (version 1)");
        std::size_t i = 0;
        for (const auto& e : j["entries"]) {
            ++i;
            const std::string where = "seen ledger entry " + std::to_string(i);
            if (!e.is_object()) throw Error("ledger", where, "not an object");
            for (const char* k : {"signer", "id", "created", "digest"})
                if (!e.contains(k) || !e[k].is_string()) throw Error("ledger", where, std::string(k) + " missing");
            if (!out.record(e["signer"].get<std::string>(), e["id"].get<std::string>(),
                            {e["created"].get<std::string>(), e["digest"].get<std::string>()}))
                throw Error("ledger", where, "duplicate entry");
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error("ledger", "seen ledger", std::string("not JSON: ") + e.what());
    }
    return out;
}

}  // namespace safetynet::core
