// In-process timings of age sealing and opening (X25519, one recipient) and of signed bundles,
// at 1 KiB, 64 KiB and 1 MiB, natively and in WebAssembly under node. run_bench.py runs this
// next to the stock age CLI and prints the comparison; alone it prints one JSON line per case.
#include "core/crypto/age.hpp"
#include "core/exchange/bundle.hpp"
#include "core/exchange/keyset.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace safetynet::core;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `f` until at least `min_seconds` and `min_runs` have passed; returns the mean in ms.
template <class F>
double time_ms(F&& f, double min_seconds = 0.4, int min_runs = 5) {
    f();  // warm-up
    int runs = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    while (runs < min_runs || elapsed < min_seconds) {
        f();
        ++runs;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    return elapsed * 1000.0 / runs;
}

std::string fhir_of_size(std::size_t n) {
    std::string s = R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Basic","text":")";
    while (s.size() + 6 < n) s += 'x';
    s += "\"}}]}";
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    // The two builds differ in pointer width (no platform macros outside web/).
    const char* platform = sizeof(void*) == 4 ? "wasm" : "native";
    const auto id = X25519Identity::generate();
    const std::vector<AgeRecipient> to = {id.recipient()};
    const std::vector<AgeIdentity> ids = {id};
    const KeySet clinic = KeySet::generate("Bench Clinic");
    const KeySet cbo = KeySet::generate("Bench CBO");
    for (const std::size_t size : {std::size_t{1} << 10, std::size_t{64} << 10, std::size_t{1} << 20}) {
        Bytes plain(size);
        for (std::size_t i = 0; i < size; ++i) plain[i] = static_cast<std::uint8_t>(i * 31 + 7);
        const Bytes sealed = age_encrypt(plain, to);
        const double seal = time_ms([&] { (void)age_encrypt(plain, to); });
        const double open = time_ms([&] { (void)age_decrypt(sealed, ids); });

        const std::string fhir = fhir_of_size(size);
        const BundleHeader header{BundleKind::Referral, new_bundle_id(), "2025-06-01T14:30:00Z", clinic.contact_card()};
        const std::vector<AgeRecipient> bundle_to = {cbo.age_identity.recipient(), clinic.age_identity.recipient()};
        const Bytes bundle = seal_bundle(header, fhir, clinic.signing_key, bundle_to);
        const double bseal = time_ms([&] { (void)seal_bundle(header, fhir, clinic.signing_key, bundle_to); });
        const double bopen = time_ms([&] {
            auto b = open_bundle(bundle, {cbo.age_identity}, {clinic.contact_card()}, nullptr);
            b.wipe();
        });
        std::printf("{\"platform\":\"%s\",\"bytes\":%zu,\"age_seal_ms\":%.4f,\"age_open_ms\":%.4f,"
                    "\"bundle_seal_ms\":%.4f,\"bundle_open_ms\":%.4f}\n",
                    platform, size, seal, open, bseal, bopen);
        std::fflush(stdout);
    }
    // The passphrase cost the UI shows a progress bar for: age's work factor 18 (256 MiB), and
    // with --scrypt20 the WASM cap, 20 (1 GiB), to see that it fits and how long it takes.
    std::vector<int> factors = {18};
    if (argc > 1 && std::string(argv[1]) == "--scrypt20") factors.push_back(20);
    for (const int log_n : factors) {
        const auto start = Clock::now();
        ScryptJob job(as_bytes("passphrase"), as_bytes("salt"), {log_n, 8, 1}, 32);
        int slices = 0;
        while (!job.step_for(std::chrono::milliseconds(16))) ++slices;
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::printf("{\"platform\":\"%s\",\"scrypt_log_n\":%d,\"scrypt_ms\":%.1f,\"frames_of_16ms\":%d}\n", platform,
                    log_n, ms, slices + 1);
    }
    return 0;
}
