// The C2SP CCTV age test vectors (npm `cctv-age`), extracted by extract_cctv.mjs into
// SAFETYNET_CCTV_DIR: every vector for X25519, scrypt and armor must give the expected result
// (success with the right payload hash, or the right class of failure). Vectors that need
// post-quantum identities (AGE-SECRET-KEY-PQ-1…) are not applicable: age1pq is not
// implemented (libsodium 1.0.18 has no ML-KEM).
#include "core/crypto/age.hpp"
#include "core/crypto/age_errors.hpp"
#include "core/base/bytes.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path << " (the cctv extraction fixture should have made it)");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Vector {
    std::string name;
    std::multimap<std::string, std::string> keys;
    std::string body;
    std::string get(const std::string& k) const {
        const auto it = keys.find(k);
        return it == keys.end() ? std::string() : it->second;
    }
};

Vector load(const std::string& dir, const std::string& name) {
    const std::string all = read(dir + "/" + name);
    const std::size_t split = all.find("\n\n");
    REQUIRE(split != std::string::npos);
    Vector v{name, {}, all.substr(split + 2)};
    std::istringstream hdr(all.substr(0, split));
    std::string line;
    while (std::getline(hdr, line)) {
        const std::size_t colon = line.find(": ");
        REQUIRE(colon != std::string::npos);
        v.keys.emplace(line.substr(0, colon), line.substr(colon + 2));
    }
    return v;
}

}  // namespace

TEST_CASE("C2SP CCTV age vectors") {
    const std::string dir = SAFETYNET_CCTV_DIR;
    std::istringstream index(read(dir + "/index.txt"));
    std::string name;
    int total = 0, applicable = 0, passed = 0;
    std::map<std::string, int> by_class;
    while (std::getline(index, name)) {
        if (name.empty()) continue;
        ++total;
        const Vector v = load(dir, name);
        std::vector<AgeIdentity> ids;
        bool post_quantum = false;
        for (auto [it, end] = v.keys.equal_range("identity"); it != end; ++it) {
            if (it->second.rfind("AGE-SECRET-KEY-PQ-", 0) == 0) {
                post_quantum = true;
                continue;
            }
            ids.emplace_back(X25519Identity::parse(it->second));
        }
        for (auto [it, end] = v.keys.equal_range("passphrase"); it != end; ++it)
            ids.emplace_back(ScryptIdentity(as_bytes(it->second)));
        if (post_quantum) continue;
        ++applicable;

        const std::string expect = v.get("expect");
        const std::string payload_hash = v.get("payload");
        const AgeEncoding encoding = v.get("armored") == "yes" ? AgeEncoding::Armored : AgeEncoding::Binary;
        std::string got = "success";
        std::string detail;
        Bytes released;
        try {
            AgeDecryption d(as_bytes(v.body), AgeLimits{}, encoding);
            d.decrypt_streaming(ids, released);
        } catch (const Error& e) {
            got = std::string(age_error::cctv_class(e.kind()));
            detail = e.kind() + ": " + e.what();
        }
        // All plaintext handed out, even before a payload failure, must match the hash.
        const bool hash_ok = payload_hash.empty() || to_hex(sha256(released)) == payload_hash;
        CAPTURE(name);
        CAPTURE(detail);
        CHECK(got == expect);
        CHECK(hash_ok);
        if (got == expect && hash_ok) ++passed;
        ++by_class[expect];
    }
    std::printf("CCTV age: %d passed of %d applicable (%d vectors, %d not applicable: post-quantum)\n", passed,
                applicable, total, total - applicable);
    for (const auto& [cls, n] : by_class) std::printf("  %-16s %d\n", cls.c_str(), n);
    CHECK(total > 100);
    CHECK(passed == applicable);
}
