// The store reader: everything that reads bytes from storage or a backup. The first byte picks
// the layer, so the fuzzer reaches past the authentication each one sits behind:
//   0: raw blobs, "<key>\n<bytes>" each, split at "\n--blob--\n" (a real store's blobs in the
//      seeds): the head parser, then unlocking with the passphrase "fuzz" (the work factor is
//      capped at 2^4 here);
//   1: the rest is a manifest's plaintext (text: "<digest> <section>" lines), sealed under the
//      fixture's key into a valid head: the manifest reader;
//   2: the rest is sections ("name\0content\0" ...), sealed and listed in a valid manifest:
//      the section parsers (settings, keys, contacts, ledger, referrals, screenings, audit);
//   3: the rest is a backup's plaintext: the backup parser.
// Any bytes must give a store or a core::Error, never a crash, a leak or a hang.
#include "core/base/error.hpp"
#include "core/store/store.hpp"
#include "core/store/store_backup.hpp"
#include "core/store/store_format.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace safetynet::core;

namespace {

constexpr int kLogN = 1;  // a fixture key in microseconds; the format is the same at 18
constexpr const char* kStoreId = "00112233445566778899aabbccddeeff";

struct Fixture {
    StoreKdf kdf;
    StoreKeys keys;
    StoreHeader header;
    Fixture() {
        kdf.salt.fill(7);
        kdf.log_n = kLogN;
        ScryptJob job = store_kdf_job(as_bytes(std::string_view("fuzz")), kdf);
        job.run();
        keys = derive_store_keys(job.result());
        header.store_id = kStoreId;
        header.generation = 1;
        header.kdf = kdf;
        header.check = keys.check;
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void try_unlock(StoreBlobs blobs) {
    Store s = Store::open(std::move(blobs), "store/", 4);
    s.unlock(as_bytes(std::string_view("fuzz")));
    (void)s.data().referrals.size();
    (void)s.has_unsaved_changes();
}

std::string sealed_head(std::string_view manifest_plain) {
    const std::string text = format_store_header(fixture().header);
    const Bytes sealed = store_seal(fixture().keys.aead, as_bytes(manifest_plain), as_bytes(text));
    return text + std::string(sealed.begin(), sealed.end());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 4) {
            case 0: {
                StoreBlobs blobs;
                std::size_t at = 0;
                constexpr std::string_view kSep = "\n--blob--\n";
                while (at <= rest.size()) {
                    const std::size_t end = std::min(rest.find(kSep, at), rest.size());
                    const std::string_view chunk = rest.substr(at, end - at);
                    const std::size_t nl = std::min(chunk.find('\n'), chunk.size());
                    blobs[std::string(chunk.substr(0, nl))] = std::string(chunk.substr(std::min(nl + 1, chunk.size())));
                    at = end + kSep.size();
                }
                try_unlock(std::move(blobs));
                break;
            }
            case 1: {
                StoreBlobs blobs{{"store/head", sealed_head(rest)}};
                try_unlock(std::move(blobs));
                break;
            }
            case 2: {
                StoreBlobs blobs;
                std::string manifest = "safetynet-store-manifest/v1\ngeneration: 1\n";
                std::size_t at = 0;
                while (at < rest.size()) {
                    const std::size_t name_end = std::min(rest.find('\0', at), rest.size());
                    const std::size_t body_at = std::min(name_end + 1, rest.size());
                    const std::size_t body_end = std::min(rest.find('\0', body_at), rest.size());
                    const std::string name(rest.substr(at, name_end - at));
                    const Bytes blob = store_seal(fixture().keys.aead, as_bytes(rest.substr(body_at, body_end - body_at)),
                                                  as_bytes(store_segment_ad(kStoreId, name)));
                    const std::string digest = store_blob_digest(blob);
                    blobs["store/seg/" + digest.substr(0, 32)] = std::string(blob.begin(), blob.end());
                    manifest += digest + " " + name + "\n";
                    at = body_end + 1;
                }
                blobs["store/head"] = sealed_head(manifest);
                try_unlock(std::move(blobs));
                break;
            }
            default: {
                StoreBackup b = parse_store_backup(as_bytes(rest));
                b.data.wipe();
                break;
            }
        }
    } catch (const Error&) {
    }
    return 0;
}
