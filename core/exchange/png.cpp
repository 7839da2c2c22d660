#include "core/exchange/png.hpp"

#include "core/base/error.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace safetynet::core {

namespace {

std::array<std::uint32_t, 256> crc_table() {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;  // PNG Annex D polynomial
        t[n] = c;
    }
    return t;
}

void put32(Bytes& out, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void chunk(Bytes& out, std::string_view type, const Bytes& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.insert(out.end(), type.begin(), type.end());
    out.insert(out.end(), data.begin(), data.end());
    // The CRC covers the chunk type and data, not the length.
    put32(out, crc32(ByteView(out).subspan(start)));
}

}  // namespace

std::uint32_t crc32(ByteView data, std::uint32_t crc) {
    static const auto table = crc_table();
    std::uint32_t c = crc ^ 0xffffffffu;
    for (const std::uint8_t b : data) c = table[(c ^ b) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

std::uint32_t adler32(ByteView data) {
    constexpr std::uint32_t kMod = 65521;  // RFC 1950 §8: the largest prime below 2^16
    std::uint32_t a = 1, b = 0;
    for (const std::uint8_t x : data) {
        a = (a + x) % kMod;
        b = (b + a) % kMod;
    }
    return b << 16 | a;
}

Bytes png_encode_bilevel(int width, int height, const std::vector<bool>& dark) {
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384 ||
        dark.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw Error("png", "image", "bad image dimensions");
    // Scanlines: a filter byte (0, none) then the pixels, 8 to a byte, most significant bit
    // first; in 1-bit greyscale 1 is white.
    const std::size_t row_bytes = (static_cast<std::size_t>(width) + 7) / 8;
    Bytes raw;
    raw.reserve((row_bytes + 1) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        raw.push_back(0);
        for (std::size_t bx = 0; bx < row_bytes; ++bx) {
            std::uint8_t byte = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const std::size_t x = bx * 8 + static_cast<std::size_t>(bit);
                const bool white = x >= static_cast<std::size_t>(width) ||
                                   !dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x];
                if (white) byte = static_cast<std::uint8_t>(byte | (0x80 >> bit));
            }
            raw.push_back(byte);
        }
    }
    // zlib stream: CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (check bits; no dictionary).
    Bytes z = {0x78, 0x01};
    std::size_t pos = 0;
    do {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
        const bool final_block = pos + n == raw.size();
        z.push_back(final_block ? 0x01 : 0x00);  // BFINAL, BTYPE = 00 (stored)
        z.push_back(static_cast<std::uint8_t>(n & 0xff));
        z.push_back(static_cast<std::uint8_t>(n >> 8));
        z.push_back(static_cast<std::uint8_t>(~n & 0xff));
        z.push_back(static_cast<std::uint8_t>((~n >> 8) & 0xff));
        z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos), raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
        pos += n;
    } while (pos < raw.size());
    put32(z, adler32(raw));

    Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    Bytes ihdr;
    put32(ihdr, static_cast<std::uint32_t>(width));
    put32(ihdr, static_cast<std::uint32_t>(height));
    ihdr.insert(ihdr.end(), {1, 0, 0, 0, 0});  // bit depth 1, greyscale, deflate, filter 0, no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});
    return out;
}

}  // namespace safetynet::core
