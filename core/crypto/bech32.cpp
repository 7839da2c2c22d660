#include "core/crypto/bech32.hpp"

#include "core/base/error.hpp"
#include "core/base/secret.hpp"

#include <array>

namespace safetynet::core {

namespace {

// BIP 173 §"Bech32": the data alphabet and the BCH generator of the checksum.
constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::array<std::uint32_t, 5> kGenerator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                     0x2a1462b3};

[[noreturn]] void fail(const std::string& reason) { throw Error("bech32", "", reason); }

std::uint32_t polymod(const std::vector<std::uint8_t>& values) {
    std::uint32_t chk = 1;
    for (const std::uint8_t v : values) {
        const std::uint32_t top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5 ^ v;
        for (std::size_t i = 0; i < kGenerator.size(); ++i)
            if ((top >> i) & 1) chk ^= kGenerator[i];
    }
    return chk;
}

std::vector<std::uint8_t> hrp_expand(std::string_view hrp) {
    std::vector<std::uint8_t> out;
    out.reserve(hrp.size() * 2 + 1);
    for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) >> 5));
    out.push_back(0);
    for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(static_cast<unsigned char>(c) & 31));
    return out;
}

std::string lowercase_hrp(std::string_view hrp) {
    if (hrp.empty()) fail("empty human-readable part");
    std::string out;
    for (const char c : hrp) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126) fail("human-readable part character out of range");
        out.push_back(u >= 'A' && u <= 'Z' ? static_cast<char>(u - 'A' + 'a') : c);
    }
    return out;
}

}  // namespace

std::string bech32_encode_values(std::string_view hrp_in, const std::vector<std::uint8_t>& values) {
    const std::string hrp = lowercase_hrp(hrp_in);
    std::vector<std::uint8_t> v = hrp_expand(hrp);
    v.insert(v.end(), values.begin(), values.end());
    v.insert(v.end(), 6, 0);
    const std::uint32_t mod = polymod(v) ^ 1;
    secure_wipe(v);  // age secret keys pass through here
    std::string out = hrp + "1";
    for (const std::uint8_t x : values) {
        if (x > 31) fail("data value out of range");
        out.push_back(kCharset[x]);
    }
    for (int i = 0; i < 6; ++i) out.push_back(kCharset[(mod >> (5 * (5 - i))) & 31]);
    return out;
}

std::string bech32_encode(std::string_view hrp, ByteView data) {
    std::vector<std::uint8_t> values;
    values.reserve((data.size() * 8 + 4) / 5);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const std::uint8_t b : data) {
        acc = (acc << 8 | b) & 0xfff;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            values.push_back(static_cast<std::uint8_t>((acc >> bits) & 31));
        }
    }
    if (bits > 0) values.push_back(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));
    std::string out = bech32_encode_values(hrp, values);
    secure_wipe(values);
    return out;
}

Bech32Values bech32_decode_values(std::string_view text, std::size_t max_length) {
    if (text.size() > max_length) fail("longer than " + std::to_string(max_length) + " characters");
    bool lower = false, upper = false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126) fail("character out of range");
        lower |= (u >= 'a' && u <= 'z');
        upper |= (u >= 'A' && u <= 'Z');
    }
    if (lower && upper) fail("mixed upper and lower case");
    const std::size_t sep = text.rfind('1');
    if (sep == std::string_view::npos) fail("no separator '1'");
    if (sep == 0) fail("empty human-readable part");
    if (text.size() - sep - 1 < 6) fail("checksum shorter than 6 characters");

    Bech32Values out;
    out.hrp = lowercase_hrp(text.substr(0, sep));
    std::vector<std::uint8_t> data;
    for (const char c : text.substr(sep + 1)) {
        const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        const std::size_t pos = kCharset.find(l);
        if (pos == std::string_view::npos) fail("invalid data character '" + std::string(1, c) + "'");
        data.push_back(static_cast<std::uint8_t>(pos));
    }
    std::vector<std::uint8_t> v = hrp_expand(out.hrp);
    v.insert(v.end(), data.begin(), data.end());
    const bool ok = polymod(v) == 1;
    secure_wipe(v);
    if (!ok) {
        secure_wipe(data);
        fail("checksum mismatch");
    }
    data.resize(data.size() - 6);
    out.values = std::move(data);
    return out;
}

Bech32Bytes bech32_decode(std::string_view text, std::size_t max_length) {
    Bech32Values v = bech32_decode_values(text, max_length);
    Bech32Bytes out;
    out.hrp = std::move(v.hrp);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const std::uint8_t x : v.values) {
        acc = (acc << 5 | x) & 0xfff;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.data.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    secure_wipe(v.values);
    if (bits > 4 || (acc & ((1u << bits) - 1)) != 0) {
        secure_wipe(out.data);
        fail(bits > 4 ? "more than 4 bits of padding" : "non-zero padding bits");
    }
    return out;
}

}  // namespace safetynet::core
