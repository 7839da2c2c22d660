#include "core/exchange/base45.hpp"

namespace safetynet::core {

namespace {
// RFC 9285 §4: the QR alphanumeric characters in value order.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
}  // namespace

std::string base45_encode(ByteView bytes) {
    std::string out;
    out.reserve(bytes.size() / 2 * 3 + 2);
    std::size_t i = 0;
    // RFC 9285 §4.1: two bytes a, b make n = a * 256 + b = c + 45 d + 45^2 e, written c d e.
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256u + bytes[i + 1];
        out += kAlphabet[n % 45];
        n /= 45;
        out += kAlphabet[n % 45];
        out += kAlphabet[n / 45];
    }
    if (i < bytes.size()) {
        out += kAlphabet[bytes[i] % 45];
        out += kAlphabet[bytes[i] / 45];
    }
    return out;
}

std::optional<Bytes> base45_decode(std::string_view text) {
    if (text.size() % 3 == 1) return std::nullopt;
    Bytes out;
    out.reserve(text.size() / 3 * 2 + 1);
    auto value = [](char c) -> int {
        const std::size_t v = kAlphabet.find(c);
        return v == std::string_view::npos ? -1 : static_cast<int>(v);
    };
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const std::size_t n_chars = std::min<std::size_t>(3, text.size() - i);
        unsigned n = 0, mul = 1;
        for (std::size_t k = 0; k < n_chars; ++k) {
            const int v = value(text[i + k]);
            if (v < 0) return std::nullopt;
            n += static_cast<unsigned>(v) * mul;
            mul *= 45;
        }
        if (n_chars == 3) {
            if (n > 0xffff) return std::nullopt;
            out.push_back(static_cast<std::uint8_t>(n >> 8));
            out.push_back(static_cast<std::uint8_t>(n & 0xff));
        } else {
            if (n > 0xff) return std::nullopt;
            out.push_back(static_cast<std::uint8_t>(n));
        }
    }
    return out;
}

}  // namespace safetynet::core
