// QR transport: split and join (see qr_transport.hpp for the part format and sizes).
#include "core/exchange/qr_transport.hpp"

#include "core/exchange/base45.hpp"
#include "core/base/error.hpp"
#include "core/crypto/hkdf.hpp"
#include "core/exchange/png.hpp"

#include <qrcodegen/qrcodegen.hpp>

#include <algorithm>
#include <mutex>

namespace safetynet::core {

namespace {

constexpr std::string_view kPrefix = "SN1";

qrcodegen::QrCode::Ecc to_ecc(QrEcc e) {
    switch (e) {
        case QrEcc::Low: return qrcodegen::QrCode::Ecc::LOW;
        case QrEcc::Medium: return qrcodegen::QrCode::Ecc::MEDIUM;
        case QrEcc::Quartile: return qrcodegen::QrCode::Ecc::QUARTILE;
        case QrEcc::High: return qrcodegen::QrCode::Ecc::HIGH;
    }
    return qrcodegen::QrCode::Ecc::MEDIUM;
}

std::string upper_hex(ByteView b) {
    std::string s = to_hex(b);
    for (char& c : s)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::string set_id_of(ByteView data) { return upper_hex(ByteView(sha256(data)).first(8)); }
std::string check_of(std::string_view b45) { return upper_hex(ByteView(sha256(as_bytes(b45))).first(4)); }

std::string part_text(const std::string& set, std::size_t i, std::size_t n, std::string_view b45) {
    return std::string(kPrefix) + ":" + set + ":" + std::to_string(i) + ":" + std::to_string(n) + ":" + check_of(b45) +
           ":" + std::string(b45);
}

bool fits(std::string_view text, const QrOptions& o) {
    try {
        // Mask 0 and a fixed version: only the capacity matters here, not the best mask.
        const std::vector<qrcodegen::QrSegment> segs = {qrcodegen::QrSegment::makeAlphanumeric(std::string(text).c_str())};
        qrcodegen::QrCode::encodeSegments(segs, to_ecc(o.ecc), o.max_version, o.max_version, 0, false);
        return true;
    } catch (const qrcodegen::data_too_long&) {
        return false;
    }
}

void check_options(const QrOptions& o) {
    if (o.max_version < 1 || o.max_version > 40) throw Error("qr-options", "version", "a QR version is 1 to 40");
}

[[noreturn]] void bad_part(const std::string& why) { throw Error("qr-part", "QR part", why); }

}  // namespace

std::size_t qr_part_capacity(const QrOptions& options) {
    check_options(options);
    // Worst-case header: the largest part numbers. Binary search on the data bytes.
    static std::mutex mutex;
    static std::map<std::pair<int, int>, std::size_t> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    const auto key = std::make_pair(options.max_version, static_cast<int>(options.ecc));
    if (const auto it = cache.find(key); it != cache.end()) return it->second;
    const std::string set(16, 'F');
    std::size_t lo = 0, hi = 8000;
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        const std::string b45 = base45_encode(Bytes(mid, 0xff));
        if (fits(part_text(set, kQrMaxParts, kQrMaxParts, b45), options))
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo == 0) throw Error("qr-options", "version", "this QR version is too small to carry any data");
    cache[key] = lo;
    return lo;
}

std::vector<std::string> qr_split(ByteView data, const QrOptions& options) {
    const std::size_t cap = qr_part_capacity(options);
    const std::size_t n = data.empty() ? 1 : (data.size() + cap - 1) / cap;
    if (n > kQrMaxParts)
        throw Error("qr-too-large", "QR split",
                    "the data would need " + std::to_string(n) + " QR codes; at most " + std::to_string(kQrMaxParts));
    const std::string set = set_id_of(data);
    std::vector<std::string> parts;
    parts.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t from = i * cap, len = std::min(cap, data.size() - from);
        parts.push_back(part_text(set, i + 1, n, base45_encode(data.subspan(from, len))));
    }
    return parts;
}

QrMatrix qr_encode(std::string_view text, const QrOptions& options) {
    check_options(options);
    const std::string t(text);
    std::vector<qrcodegen::QrSegment> segs;
    if (qrcodegen::QrSegment::isAlphanumeric(t.c_str()))
        segs.push_back(qrcodegen::QrSegment::makeAlphanumeric(t.c_str()));
    else
        segs.push_back(qrcodegen::QrSegment::makeBytes(Bytes(t.begin(), t.end())));
    try {
        const auto qr = qrcodegen::QrCode::encodeSegments(segs, to_ecc(options.ecc), 1, options.max_version, -1, false);
        QrMatrix m;
        m.size = qr.getSize();
        m.version = qr.getVersion();
        m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
        for (int y = 0; y < m.size; ++y)
            for (int x = 0; x < m.size; ++x)
                m.dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(m.size) + static_cast<std::size_t>(x)] =
                    qr.getModule(x, y);
        return m;
    } catch (const qrcodegen::data_too_long&) {
        throw Error("qr-too-large", "QR code", "the text does not fit in a version " + std::to_string(options.max_version) + " code");
    }
}

Bytes qr_png(const QrMatrix& m, int scale, int border) {
    if (scale < 1 || scale > 64 || border < 0 || border > 64) throw Error("png", "image", "bad scale or border");
    const int side = (m.size + 2 * border) * scale;
    std::vector<bool> dark(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), false);
    for (int y = 0; y < side; ++y) {
        const int my = y / scale - border;
        for (int x = 0; x < side; ++x) {
            const int mx = x / scale - border;
            if (mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.at(mx, my))
                dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x)] = true;
        }
    }
    return png_encode_bilevel(side, side, dark);
}

QrAssembler::Added QrAssembler::add(std::string_view text) {
    // SN1:<SET>:<i>:<n>:<CHECK>:<DATA>; DATA may itself contain ':' (Base45), so split 5 times.
    std::string_view f[6];
    std::string_view rest = text;
    for (int k = 0; k < 5; ++k) {
        const std::size_t c = rest.find(':');
        if (c == std::string_view::npos) bad_part("not a SafetyNet QR part (SN1:…)");
        f[k] = rest.substr(0, c);
        rest = rest.substr(c + 1);
    }
    f[5] = rest;
    if (f[0] != kPrefix) bad_part("not a SafetyNet QR part (SN1:…)");
    auto is_hex = [](std::string_view s, std::size_t n) {
        return s.size() == n && s.find_first_not_of("0123456789ABCDEF") == std::string_view::npos;
    };
    auto number = [](std::string_view s) -> std::size_t {
        if (s.empty() || s.size() > 3 || s[0] == '0' || s.find_first_not_of("0123456789") != std::string_view::npos) return 0;
        return std::stoul(std::string(s));
    };
    const std::size_t i = number(f[2]), n = number(f[3]);
    if (!is_hex(f[1], 16) || !is_hex(f[4], 8) || i == 0 || n == 0 || i > n) bad_part("malformed SafetyNet QR part header");
    if (check_of(f[5]) != f[4]) bad_part("part " + std::to_string(i) + " fails its check (misread or altered)");
    auto data = base45_decode(f[5]);
    if (!data) bad_part("part " + std::to_string(i) + " is not Base45");
    if (m_total != 0 && (f[1] != m_set || n != m_total))
        throw Error("qr-foreign", "QR part " + std::to_string(i),
                    "this code belongs to another bundle (set " + std::string(f[1]) + ", not " + m_set + ")");
    if (const auto it = m_parts.find(i); it != m_parts.end()) {
        if (it->second != *data)
            throw Error("qr-conflict", "QR part " + std::to_string(i), "two different codes claim to be part " + std::to_string(i));
        return Added::Duplicate;
    }
    m_set = std::string(f[1]);
    m_total = n;
    m_parts.emplace(i, std::move(*data));
    return Added::New;
}

std::vector<std::size_t> QrAssembler::missing() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 1; i <= m_total; ++i)
        if (!m_parts.count(i)) out.push_back(i);
    return out;
}

Bytes QrAssembler::assemble() const {
    if (m_total == 0) throw Error("qr-missing", "QR parts", "no part was read");
    const auto miss = missing();
    if (!miss.empty()) {
        std::string list;
        for (std::size_t k = 0; k < miss.size() && k < 20; ++k) list += (k ? ", " : "") + std::to_string(miss[k]);
        if (miss.size() > 20) list += ", …";
        throw Error("qr-missing", "QR parts",
                    std::to_string(miss.size()) + " of " + std::to_string(m_total) + " parts missing: " + list);
    }
    Bytes out;
    for (const auto& [i, d] : m_parts) out.insert(out.end(), d.begin(), d.end());
    if (set_id_of(out) != m_set)
        throw Error("qr-digest", "QR parts", "the parts do not add up to the data their set id names");
    return out;
}

Bytes qr_join(const std::vector<std::string>& part_texts) {
    QrAssembler a;
    for (const std::string& t : part_texts) a.add(t);
    return a.assemble();
}

}  // namespace safetynet::core
