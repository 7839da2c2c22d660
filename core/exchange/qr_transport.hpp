#pragma once
// QR transport: a bundle (binary or armored; any bytes) split into a numbered sequence of QR
// codes and put back together from the decoded texts in any order.
//
// Each part is one line of QR alphanumeric text:
//     SN1:<SET>:<i>:<n>:<CHECK>:<DATA>
//   SET    16 hex digits: the first 8 bytes of SHA-256 of the whole data. It names the set
//          (a part of another set is refused as foreign) and checks the reassembled data.
//   i, n   this part's number (1-based) and the number of parts, decimal.
//   CHECK  8 hex digits: the first 4 bytes of SHA-256 of this part's DATA, so a misread or
//          altered part is caught on its own, before the set is complete.
//   DATA   this part's slice of the data in Base45 (RFC 9285).
//
// Size: by default each code is at most version 15 (77 x 77 modules) with error correction
// level M (15% recovery). Phone cameras read that reliably from a screen or paper at 4 or more
// pixels per module (a 340-pixel image with the quiet zone), and M survives glare and creases;
// denser codes (v25+) fail on cheaper phones, and level H would double the number of codes.
// Alphanumeric mode packs 2 characters into 11 bits, Base45 3 characters per 2 bytes:
// a v15-M code carries 374 bytes of data (v20-M 621, v25-M 942; see qr_part_capacity), so a
// 12 KB referral bundle is about 33 codes, which the UI shows in turn.
#include "core/base/bytes.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

enum class QrEcc { Low, Medium, Quartile, High };

struct QrOptions {
    int max_version = 15;  // 1..40
    QrEcc ecc = QrEcc::Medium;
};

inline constexpr std::size_t kQrMaxParts = 999;

// A QR code's modules, for the UI to draw and for PNG output.
struct QrMatrix {
    int size = 0;             // modules per side
    int version = 0;
    std::vector<bool> dark;   // size * size, row-major
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

// The most data bytes one part can carry with these options.
std::size_t qr_part_capacity(const QrOptions& options = {});
// Splits `data` into part texts. Throws core::Error("qr-too-large") past kQrMaxParts.
std::vector<std::string> qr_split(ByteView data, const QrOptions& options = {});
// The QR code of one part text (alphanumeric mode), within the options' version.
QrMatrix qr_encode(std::string_view part_text, const QrOptions& options = {});
// A PNG of the code: `scale` pixels per module and a quiet zone of `border` modules.
Bytes qr_png(const QrMatrix& matrix, int scale = 4, int border = 4);

// Collects parts as they are scanned, in any order.
class QrAssembler {
public:
    enum class Added { New, Duplicate };
    // Throws core::Error: "qr-part" (not a part, or its CHECK fails), "qr-foreign" (another set
    // than the parts so far), "qr-conflict" (same number, different content).
    Added add(std::string_view part_text);

    bool started() const { return m_total != 0; }
    bool complete() const { return m_total != 0 && m_parts.size() == m_total; }
    std::size_t total() const { return m_total; }
    std::size_t received() const { return m_parts.size(); }
    std::vector<std::size_t> missing() const;  // 1-based part numbers
    const std::string& set_id() const { return m_set; }

    // The data. Throws "qr-missing" (naming the missing parts) or "qr-digest" (the parts do not
    // add up to the data the set id names).
    Bytes assemble() const;

private:
    std::string m_set;
    std::size_t m_total = 0;
    std::map<std::size_t, Bytes> m_parts;
};

// All parts at once (e.g. zbarimg output, one per line): assemble them or throw.
Bytes qr_join(const std::vector<std::string>& part_texts);

}  // namespace safetynet::core
