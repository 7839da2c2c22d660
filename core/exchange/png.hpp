#pragma once
// A minimal PNG writer for black-and-white images (QR codes): 1-bit greyscale, one IDAT chunk
// holding a zlib stream of stored (uncompressed) deflate blocks, so no zlib is needed.
// PNG (ISO/IEC 15948): chunks carry a CRC-32; zlib (RFC 1950) ends with an Adler-32;
// stored deflate blocks (RFC 1951 §3.2.4) hold at most 65535 bytes each.
#include "core/base/bytes.hpp"

#include <cstdint>
#include <vector>

namespace safetynet::core {

std::uint32_t crc32(ByteView data, std::uint32_t crc = 0);
std::uint32_t adler32(ByteView data);

// `dark` is row-major, width * height entries, true for black.
Bytes png_encode_bilevel(int width, int height, const std::vector<bool>& dark);

}  // namespace safetynet::core
