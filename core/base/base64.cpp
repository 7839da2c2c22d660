#include "core/base/base64.hpp"

#include "core/base/crypto_init.hpp"

#include <sodium.h>

namespace safetynet::core {

namespace {
int variant(Base64Padding padding) {
    return padding == Base64Padding::Padded ? sodium_base64_VARIANT_ORIGINAL
                                            : sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
}
}  // namespace

std::string base64_encode(ByteView bytes, Base64Padding padding) {
    ensure_sodium();
    const int v = variant(padding);
    std::string out(sodium_base64_encoded_len(bytes.size(), v), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), v);
    out.pop_back();  // the terminating NUL sodium writes
    return out;
}

std::optional<Bytes> base64_decode(std::string_view text, Base64Padding padding) {
    ensure_sodium();
    // sodium_base642bin already rejects non-zero trailing bits, missing or extra padding and
    // any character outside the alphabet when no `ignore` set is given and b64_end is NULL.
    Bytes out(text.size() / 4 * 3 + 3);
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          variant(padding)) != 0)
        return std::nullopt;
    out.resize(len);
    // Belt and braces: the canonical form must re-encode to the very same text.
    if (base64_encode(out, padding) != text) return std::nullopt;
    return out;
}

}  // namespace safetynet::core
