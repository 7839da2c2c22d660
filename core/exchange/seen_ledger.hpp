#pragma once
// The "seen ids" ledger: which bundles were already imported, so a bundle replayed (the same
// file again, or another file reusing an id) is refused while the first import stays as it
// was. Entries are keyed by signer and id: a sender cannot block another sender's bundle by
// reusing its id. The app's encrypted store persists it (to_json / from_json).
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace safetynet::core {

class SeenLedger {
public:
    struct Entry {
        std::string created;   // the bundle's own timestamp
        std::string digest;    // SHA-256 (hex) of the bundle plaintext first imported
    };

    bool contains(std::string_view signer_key_id, std::string_view bundle_id) const;
    const Entry* find(std::string_view signer_key_id, std::string_view bundle_id) const;
    // Records an import; returns false and changes nothing when the pair is already there.
    bool record(std::string_view signer_key_id, std::string_view bundle_id, Entry entry);
    std::size_t size() const { return m_entries.size(); }

    // {"safetynet_seen_ledger": 1, "entries": [{"signer": …, "id": …, "created": …, "digest": …}]}
    std::string to_json() const;
    // Throws core::Error("ledger") when malformed.
    static SeenLedger from_json(std::string_view json);

private:
    std::map<std::pair<std::string, std::string>, Entry, std::less<>> m_entries;
};

}  // namespace safetynet::core
