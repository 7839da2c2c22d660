// The C2SP CCTV age test vectors (npm `cctv-age`), extracted by extract_cctv.mjs into
// SAFETYNET_CCTV_DIR: every vector for X25519, scrypt and armor must give the expected result
// (success with the right payload hash, or the right class of failure), read as `safetynet
// open` reads a file: the encoding detected, not taken from the vector's "armored" key (which
// detection must agree with). tests/bundles/cctv_cli.py runs the same vectors through the CLI.
//
// Applicable: a vector is run with the identities SafetyNet has (X25519, scrypt). Post-quantum
// identities (AGE-SECRET-KEY-PQ-1…) are left out: age1pq is not implemented (libsodium 1.0.18
// has no ML-KEM). A vector with only those is not applicable; one that also has an X25519
// identity is, when the file alone decides its result (a header, armor or payload failure):
// hybrid_x25519_arg. That makes 125 of the 143.
#include "core/crypto/age.hpp"
#include "core/crypto/age_armor.hpp"
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
        const std::string expect = v.get("expect");
        const bool file_decides = expect == "header failure" || expect == "armor failure" || expect == "payload failure";
        if (post_quantum && (ids.empty() || !file_decides)) continue;
        ++applicable;

        const std::string payload_hash = v.get("payload");
        std::string got = "success";
        std::string detail;
        Bytes released;
        bool armored = false;
        try {
            AgeDecryption d(as_bytes(v.body), AgeLimits{}, AgeEncoding::Detect);
            armored = d.armored();
            d.decrypt_streaming(ids, released);
        } catch (const Error& e) {
            armored = age_is_armored(as_bytes(v.body));
            got = std::string(age_error::cctv_class(e.kind()));
            detail = e.kind() + ": " + e.what();
        }
        // All plaintext handed out, even before a payload failure, must match the hash.
        const bool hash_ok = payload_hash.empty() || to_hex(sha256(released)) == payload_hash;
        CAPTURE(name);
        CAPTURE(detail);
        CHECK(got == expect);
        CHECK(hash_ok);
        CHECK(armored == (v.get("armored") == "yes"));
        if (got == expect && hash_ok && armored == (v.get("armored") == "yes")) ++passed;
        ++by_class[expect];
    }
    std::printf("CCTV age: %d passed of %d applicable (%d vectors, %d not applicable: post-quantum identities only)\n",
                passed, applicable, total, total - applicable);
    for (const auto& [cls, n] : by_class) std::printf("  %-16s %d\n", cls.c_str(), n);
    CHECK(total > 100);
    CHECK(applicable == total - 18);  // the 18 vectors that need an ML-KEM identity (cctv-age 0.2.0)
    CHECK(passed == applicable);
}
