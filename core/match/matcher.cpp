#include "core/match/matcher.hpp"

#include "core/directory/directory_format.hpp"
#include "core/directory/geo.hpp"
#include "core/base/text_fold.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>

// [SECTION] Query preparation
// [SECTION] Filters
// [SECTION] Text relevance
// [SECTION] Top-k
// [SECTION] The scan
// [SECTION] Reasons
// [SECTION] explain()

namespace safetynet::core {

namespace {

constexpr std::uint32_t kNone = index_format::kNone;
constexpr double kInf = std::numeric_limits<double>::infinity();
// Product ranking adjustments (see matcher.hpp).
constexpr double kExtraNeedBoost = 0.25;
constexpr double kLanguageUnknown = 0.85;
constexpr double kHoursUnknown = 0.8;
constexpr double kWaitlist = 0.7;
constexpr double kAssessment = 0.9;
constexpr double kAreaUnverified = 0.85;
// A service that serves the person's area but whose address is unknown or beyond the radius
// ranks as if it were 10 km away.
constexpr double kAreaOnlyKm = 10;
// Beyond this radius a spatial scan is no better than a full one.
constexpr double kFullScanKm = 3000;

enum Soft : std::uint8_t {
    kSoftLangUnknown = 1,
    kSoftHoursUnknown = 2,
    kSoftAreaCovered = 4,     // one of its service areas contains the person
    kSoftAreaUnverified = 8,  // no address, and areas the person's place cannot be tested against
};

// The filters a row can fail, one bit each (matcher.hpp lists them). Place fails one of three
// ways: provably outside the service's areas, too far, or no place to measure from.
enum Failure : std::uint16_t {
    kFailStatus = 1 << 0,
    kFailNeed = 1 << 1,
    kFailCapacity = 1 << 2,
    kFailAge = 1 << 3,
    kFailLanguage = 1 << 4,
    kFailText = 1 << 5,
    kFailArea = 1 << 6,
    kFailDistance = 1 << 7,
    kFailNoLocation = 1 << 8,
    kFailClosed = 1 << 9,
};
using Failures = std::uint16_t;

double decay(double d) { return 1 / (1 + d / 10); }  // the reference's 1 / (1 + d / DIST_SCALE_KM)

}  // namespace

struct Matcher::Impl {
    const Directory& d;
    const DirectoryView& v;
    const bool reference;

    // Scratch, reused across queries; entries are "set" when their stamp equals `gen`.
    std::uint32_t gen = 0;
    std::vector<std::uint32_t> seen;      // per service: counted in this query
    std::vector<std::uint32_t> covered;   // per service: serves the person's area
    std::vector<std::uint32_t> tok_gen;   // per token: has query entries
    std::vector<std::uint32_t> tok_head;  // per token: first entry
    // The same as a bitmap (5 KB for 41k words): it stays in L1 cache while the scan reads
    // each candidate's ~50 words, where a 4-byte stamp per word would be an L2 miss each.
    std::vector<std::uint64_t> tok_bits;
    struct TokEntry {
        std::uint32_t term;
        std::uint32_t next;
        double name, desc, kw;  // (boost × weight) × idf for each field
    };
    std::vector<TokEntry> entries;
    std::vector<std::uint64_t> term_sig;
    std::vector<double> best;
    std::vector<TermMatch> expansion;
    std::string text_scratch;
    std::vector<std::string_view> terms;

    // [SECTION] Query preparation -------------------------------------------------------------
    // A service's capacity: a capacity update's (MatchQuery::capacity) where it gives one,
    // else the directory's.
    std::uint8_t capacity_of(std::uint32_t svc) const {
        if (p.capacity && (*p.capacity)[svc] != static_cast<std::uint8_t>(Capacity::Unknown)) return (*p.capacity)[svc];
        return v.svc_capacity[svc];
    }

    struct Prepared {
        const std::vector<std::uint8_t>* capacity = nullptr;
        bool need_filter = false;
        NeedMask needs = 0;
        bool has_loc = false;
        double lat = 0, lon = 0, cos_lat = 1, radius = kDefaultRadiusKm;
        bool lang_filter = false;
        std::uint32_t lang_mask = 0;
        std::vector<std::uint16_t> lang_rare;  // person languages beyond the mask bits
        bool age_filter = false;
        int age = 0;                           // hundredths of a year
        bool open_filter = false;
        LocalTime open;
        bool text = false;
        std::size_t terms = 0;
        bool text_impossible = false;          // a term matches no word at all
        bool areas = false;                    // some service area may cover the person
        std::string zip, county;
        std::size_t limit = 10;
    } p;

    struct Cand {
        double score, dist_key, dist, rel;
        std::uint32_t svc, row;
        std::uint8_t soft;
    };
    std::vector<Cand> top;
    std::size_t total = 0;
    std::size_t scanned = 0;
    std::size_t text_checked = 0;

    Impl(const Directory& dir, MatchMode mode)
        : d(dir), v(dir.view()), reference(mode == MatchMode::Reference) {
        seen.assign(d.services(), 0);
        tok_gen.assign(d.vocabulary().size(), 0);
        tok_head.assign(d.vocabulary().size(), kNone);
        tok_bits.assign((d.vocabulary().size() + 63) / 64, 0);
        index_bands();
        mark_shared_rows();
    }

    // Rows whose service has other rows too, one bit each (125 KB at a million rows, read in
    // scan order). A match at any other row is counted without the per-service stamp `seen`,
    // a random access into 4 MB at a million services, once per matching row.
    std::vector<std::uint64_t> shared_row;

    void mark_shared_rows() {
        shared_row.assign((d.rows() + 63) / 64, 0);
        for (std::uint32_t svc = 0; svc < d.services(); ++svc) {
            if (v.svc_row_start[svc + 1] - v.svc_row_start[svc] < 2) continue;
            for (std::uint32_t i = v.svc_row_start[svc]; i < v.svc_row_start[svc + 1]; ++i)
                shared_row[v.svc_rows[i] >> 6] |= std::uint64_t{1} << (v.svc_rows[i] & 63);
        }
    }
    bool is_shared(std::uint32_t row) const { return (shared_row[row >> 6] >> (row & 63)) & 1u; }

    // Where each latitude band's cells start in the grid's sorted keys, so that a query finds a
    // band's columns by a binary search inside that band (a few KB, in cache) rather than over
    // every cell of the directory, and skips empty bands without their trigonometry. At 0.02°
    // cells the whole globe is 9,000 bands (36 KB).
    std::int64_t band_min = 0;
    std::vector<std::uint32_t> band_first;  // (bands + 1) indices into grid_keys

    static std::int64_t band_of_key(std::uint64_t key) {
        return static_cast<std::int64_t>(key >> 32) - (std::int64_t{1} << 31);
    }

    void index_bands() {
        const auto& keys = v.grid_keys;
        if (keys.empty()) return;
        band_min = band_of_key(keys.front());
        const std::int64_t bands = band_of_key(keys.back()) - band_min + 1;
        band_first.assign(static_cast<std::size_t>(bands) + 1, static_cast<std::uint32_t>(keys.size()));
        for (std::size_t i = keys.size(); i-- > 0;)
            band_first[static_cast<std::size_t>(band_of_key(keys[i]) - band_min)] = static_cast<std::uint32_t>(i);
        for (std::size_t b = static_cast<std::size_t>(bands); b-- > 0;)  // an empty band starts where the next does
            if (band_first[b] > band_first[b + 1]) band_first[b] = band_first[b + 1];
    }

    void next_generation() {
        if (++gen == 0) {  // wrapped: clear every stamp once every 4 billion queries
            std::fill(seen.begin(), seen.end(), 0);
            std::fill(covered.begin(), covered.end(), 0);
            std::fill(tok_gen.begin(), tok_gen.end(), 0);
            gen = 1;
        }
    }

    void prepare(const MatchQuery& q) {
        p.lang_mask = 0;
        p.lang_rare.clear();
        p.lang_filter = p.age_filter = p.open_filter = p.text = p.text_impossible = false;
        p.terms = 0;
        p.cos_lat = 1;
        p.lat = p.lon = 0;
        p.age = 0;
        p.open = LocalTime{};
        p.limit = q.limit;
        p.capacity = q.capacity && q.capacity->size() == v.svc_capacity.size() ? q.capacity : nullptr;
        p.need_filter = q.needs != 0;
        p.needs = q.needs;
        p.has_loc = q.latitude.has_value() && q.longitude.has_value();
        if (p.has_loc) {
            p.lat = *q.latitude;
            p.lon = *q.longitude;
            p.cos_lat = std::cos(p.lat * kDegToRad);
        }
        p.radius = q.radius_km.value_or(kDefaultRadiusKm);
        if (!q.languages.empty()) {
            p.lang_filter = true;
            for (const std::string& code : q.languages) {
                const int li = d.language_index(code);
                if (li < 0) continue;
                if (static_cast<std::size_t>(li) < kLangMaskBits) p.lang_mask |= 1u << li;
                else p.lang_rare.push_back(static_cast<std::uint16_t>(li));
            }
        }
        if (q.age) {
            p.age_filter = true;
            p.age = static_cast<int>(std::lround(*q.age * 100));
        }
        if (q.open_at) {
            p.open_filter = true;
            p.open = *q.open_at;
        }
        p.zip.assign(q.postal_code, 0, 5);
        p.county.clear();
        if (!q.county.empty()) p.county = county_key(q.county);
        p.areas = !reference && (!p.zip.empty() || !p.county.empty() || p.has_loc);
        prepare_text(q.text);
    }

    void prepare_text(const std::string& text) {
        if (!entries.empty()) std::fill(tok_bits.begin(), tok_bits.end(), 0);
        entries.clear();
        term_sig.clear();
        terms.clear();
        tokenize(text, d.ascii_tokens() ? TokenChars::Ascii : TokenChars::Unicode, text_scratch, terms);
        if (terms.empty()) return;
        p.text = true;
        p.terms = terms.size();
        best.assign(terms.size(), 0);
        const Vocabulary& vocab = d.vocabulary();
        for (std::size_t t = 0; t < terms.size(); ++t) {
            vocab.expand(terms[t], expansion);
            if (expansion.empty()) p.text_impossible = true;
            std::uint64_t sig = 0;
            for (const TermMatch& tm : expansion) {
                const double idf = vocab.idf(tm.token);
                // Same operation order as the reference: (boost * w) * idf.
                const TokEntry e{static_cast<std::uint32_t>(t), tok_gen[tm.token] == gen ? tok_head[tm.token] : kNone,
                                 (2 * tm.weight) * idf, (1 * tm.weight) * idf, (1 * tm.weight) * idf};
                tok_gen[tm.token] = gen;
                tok_bits[tm.token >> 6] |= std::uint64_t{1} << (tm.token & 63);
                tok_head[tm.token] = static_cast<std::uint32_t>(entries.size());
                entries.push_back(e);
                sig |= token_sig_bit(tm.token);
            }
            term_sig.push_back(sig);
        }
    }

    // [SECTION] Filters -------------------------------------------------------------------------

    bool speaks_rare(std::uint32_t svc) const {
        for (std::uint32_t i = v.svc_lang_start[svc]; i < v.svc_lang_start[svc + 1]; ++i)
            for (const std::uint16_t l : p.lang_rare)
                if (v.svc_langs[i] == l) return true;
        return false;
    }

    bool packed_open(const PackedRule& r) const {
        const bool eod = !reference;
        if (r.ext_index()) return rule_open_at(d.unpack_rule(r), p.open, eod);
        int closes = r.closes;
        if (eod && closes == 1439) closes = 1440;
        const int t = p.open.minute;
        const int wd = p.open.weekday;
        if (closes > r.opens) return ((r.days >> wd) & 1u) && t >= r.opens && t < closes;
        const int prev = (wd + 6) % 7;
        return (((r.days >> wd) & 1u) && t >= r.opens) || (((r.days >> prev) & 1u) && t < closes);
    }

    // The filters below are always inlined: the scans call them once per row, and at -Oz (the
    // WebAssembly build) the calls stayed calls, 10-15 % of a query's time at the median.
    [[gnu::always_inline]] bool active(std::uint32_t svc) const {
        return v.svc_status[svc] == static_cast<std::uint8_t>(ServiceStatus::Active);
    }

    [[gnu::always_inline]] bool speaks(const HotRow& h, std::uint32_t svc, std::uint8_t& soft) const {
        if (h.langs & p.lang_mask) return true;
        if (h.langs == 0) {  // the service lists no language
            soft |= kSoftLangUnknown;
            return !reference;
        }
        return (h.langs & kLangOverflowBit) && !p.lang_rare.empty() && speaks_rare(svc);
    }

    [[gnu::always_inline]] bool age_fits(const HotRow& h) const {
        return !(h.min_age >= 0 && p.age < h.min_age) && !(h.max_age >= 0 && p.age > h.max_age);
    }

    bool is_open(std::uint32_t row, std::uint8_t& soft) const {
        const std::uint32_t b = v.row_rule_start[row], e = v.row_rule_start[row + 1];
        if (b == e) {  // no published hours
            soft |= kSoftHoursUnknown;
            return !reference;  // the reference: no schedule, never open
        }
        for (std::uint32_t i = b; i < e; ++i)
            if (packed_open(v.rules[i])) return true;
        return false;
    }

    // Every filter but place and text, for one row: 0 when the row passes, else the filters it
    // fails. `soft` collects what ranks the row lower. The scans call it with kAll false and
    // stop at the first failure; explain() with kAll true, to name every filter that fails.
    // Both decide by this one function, so a reason given for an exclusion is the filter that
    // excluded the service.
    template <bool kAll>
    [[gnu::always_inline]] Failures filter_row(std::uint32_t row, std::uint32_t svc, std::uint8_t& soft) const {
        Failures failed = 0;
        const auto stop = [&failed](Failures f) {
            failed |= f;
            return !kAll;
        };
        const HotRow& h = v.row_hot[row];
        // A row's need bits are 0 when its service is not active, so with a need filter one test
        // covers both; which of the two failed matters only to explain().
        if ((p.need_filter ? !(h.needs & p.needs) : !active(svc)) &&
            stop(kAll ? status_and_need_failures(svc) : kFailStatus | kFailNeed))
            return failed;
        if (p.lang_filter && !speaks(h, svc, soft) && stop(kFailLanguage)) return failed;
        if (p.age_filter && !age_fits(h) && stop(kFailAge)) return failed;
        if (p.open_filter && !is_open(row, soft) && stop(kFailClosed)) return failed;
        if (!reference && capacity_of(svc) == static_cast<std::uint8_t>(Capacity::None)) stop(kFailCapacity);
        return failed;
    }

    Failures status_and_need_failures(std::uint32_t svc) const {
        Failures f = active(svc) ? 0 : kFailStatus;
        if (p.need_filter && !(v.svc_needs[svc] & p.needs)) f |= kFailNeed;
        return f;
    }

    // The place filter for one row at `dist` km (NaN when the row has no coordinates or the
    // person gave no location): within the radius, or inside one of the service's areas; a
    // service whose areas provably leave the person out is excluded even when near.
    [[gnu::always_inline]] Failures filter_place(std::uint32_t row, std::uint32_t svc, double dist,
                                                 std::uint8_t& soft) const {
        if (!p.has_loc) return 0;
        // Only a service with areas can be covered by one (and the reference knows no areas).
        const bool has_area = !reference && (v.row_flags[row] & kRowHasArea);
        const bool in_area = has_area && is_covered(svc);
        if (in_area) soft |= kSoftAreaCovered;
        if (v.row_flags[row] & kRowLocated) {
            if (dist > p.radius) return in_area ? 0 : kFailDistance;
            if (has_area && !in_area && areas_testable(svc)) return kFailArea;  // its areas leave the person out
            return 0;
        }
        if (in_area) return 0;
        // No address, and areas the person's place cannot be tested against (a county when the
        // person's county is unknown, an area given only by name): it may serve the person, so
        // it is shown, ranked lower, with its areas named.
        if (has_area && !areas_testable(svc)) {
            soft |= kSoftAreaUnverified;
            return 0;
        }
        return kFailNoLocation;
    }

    // The distance to a row, NaN when it or the person has no coordinates.
    double distance(std::uint32_t row) const {
        if (!p.has_loc || !(v.row_flags[row] & kRowLocated)) return std::nan("");
        return haversine_km_cos(p.lat, p.lon, p.cos_lat, v.row_lat[row], v.row_lon[row], v.row_cos_lat[row]);
    }

    // Can the person's place be tested against the service's areas at all?
    bool areas_testable(std::uint32_t svc) const {
        for (std::uint32_t i = v.svc_area_start[svc]; i < v.svc_area_start[svc + 1]; ++i) {
            switch (static_cast<AreaKind>(v.area_kind[v.svc_areas[i]])) {
            case AreaKind::Postal: if (!p.zip.empty()) return true; break;
            case AreaKind::County: if (!p.county.empty()) return true; break;
            case AreaKind::Polygon: if (p.has_loc) return true; break;
            case AreaKind::Named: break;
            }
        }
        return false;
    }

    void mark_covered() {
        if (!p.areas) return;
        if (covered.size() != d.services()) covered.assign(d.services(), 0);
        if (!p.zip.empty())
            for (const std::uint32_t s : d.services_serving_postal(p.zip)) covered[s] = gen;
        if (!p.county.empty())
            for (const std::uint32_t s : d.services_serving_county(p.county)) covered[s] = gen;
        if (p.has_loc)
            for (const auto& a : d.area_polygons())
                if (d.polygon_contains(a.polygon, p.lat, p.lon)) covered[a.service] = gen;
    }
    bool is_covered(std::uint32_t svc) const { return p.areas && covered[svc] == gen; }

    // [SECTION] Text relevance ----------------------------------------------------------------------

    // Sum over query terms of the best (boost × weight) × idf among the service's words, or 0
    // when some term matches none of them (AND).
    double relevance(std::uint32_t svc) {
        const std::uint64_t sig = v.svc_sig[svc];
        for (const std::uint64_t ts : term_sig)
            if (!(sig & ts)) return 0;
        const std::uint8_t* ptr = v.svc_tokens.data() + v.svc_tok_start[svc];
        const std::uint8_t* end = v.svc_tokens.data() + v.svc_tok_start[svc + 1];
        std::uint32_t counts[3];
        for (std::uint32_t& c : counts)
            if (!read_varint(ptr, end, c)) return 0;
        std::fill(best.begin(), best.end(), 0.0);
        const std::size_t V = tok_gen.size();
        const std::uint64_t* bits = tok_bits.data();
        const int fields = reference ? 2 : 3;
        for (int f = 0; f < fields; ++f) {
            std::uint32_t id = 0;
            for (std::uint32_t i = 0; i < counts[f]; ++i) {
                std::uint32_t delta;
                if (ptr < end && *ptr < 0x80) {
                    delta = *ptr++;  // most deltas fit one byte: ids are ordered by frequency
                } else if (!read_varint(ptr, end, delta)) {
                    return 0;
                }
                id = i == 0 ? delta : id + delta;
                if (id >= V) return 0;
                if (!((bits[id >> 6] >> (id & 63)) & 1u)) continue;
                for (std::uint32_t e = tok_head[id]; e != kNone; e = entries[e].next) {
                    const TokEntry& te = entries[e];
                    const double val = f == 0 ? te.name : f == 1 ? te.desc : te.kw;
                    if (val > best[te.term]) best[te.term] = val;
                }
            }
        }
        double r = 0;
        for (const double b : best) {
            if (b == 0) return 0;
            r += b;
        }
        return r;
    }

    // [SECTION] Top-k ---------------------------------------------------------------------------------

    bool better(const Cand& a, const Cand& b) const {
        if (a.score != b.score) return a.score > b.score;
        if (a.dist_key != b.dist_key) return a.dist_key < b.dist_key;
        if (a.svc == b.svc) return a.row < b.row;
        return d.string(v.svc_id[a.svc]) < d.string(v.svc_id[b.svc]);  // ids bytewise, as the reference
    }

    void insert(const Cand& c) {
        const std::size_t k = p.limit;
        if (k == 0) return;
        if (top.size() == k && !better(c, top.back())) return;
        std::size_t pos = top.size() == k ? k - 1 : top.size();
        if (top.size() < k) top.emplace_back(c);  // capacity reserved in run(): never reallocates
        while (pos > 0 && better(c, top[pos - 1])) {
            top[pos] = top[pos - 1];
            --pos;
        }
        top[pos] = c;
    }

    // `once`: the scan meets this row once in the query (the circle scan, the full scan), so a
    // service with no other row needs no stamp to be counted once.
    void push(const Cand& c, bool once) {
        if (once && !is_shared(c.row)) {
            ++total;
            insert(c);
            return;
        }
        if (seen[c.svc] != gen) {
            seen[c.svc] = gen;
            ++total;
            insert(c);
            return;
        }
        // Another location of a service already counted: keep its better one.
        for (std::size_t i = 0; i < top.size(); ++i) {
            if (top[i].svc != c.svc) continue;
            if (!better(c, top[i])) return;
            top.erase(top.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
        insert(c);
    }

    // [SECTION] The scan -------------------------------------------------------------------------------

    // Scores a row that passed every filter but text, then text; `dist` is NaN when unknown.
    void consider(std::uint32_t row, std::uint32_t svc, double dist, std::uint8_t soft, bool once) {
        double rel = 1;
        if (p.text) {
            ++text_checked;
            rel = relevance(svc);
            if (rel == 0) return;
        }
        push(candidate(row, svc, dist, soft, rel), once);
    }

    // A row that passed every filter, scored.
    Cand candidate(std::uint32_t row, std::uint32_t svc, double dist, std::uint8_t soft, double rel) const {
        double score;
        if (reference) {
            score = rel * decay(dist);
        } else {
            double km = dist;
            if (std::isnan(km)) km = p.has_loc ? kAreaOnlyKm : 0;
            else if ((soft & kSoftAreaCovered) && km > p.radius) km = std::max(kAreaOnlyKm, p.radius);
            score = rel * decay(km);
            if (p.need_filter) {
                const int extra = std::popcount(v.svc_needs[svc] & p.needs) - 1;
                if (extra > 0) score *= 1 + kExtraNeedBoost * extra;
            }
            if (soft & kSoftLangUnknown) score *= kLanguageUnknown;
            if (soft & kSoftAreaUnverified) score *= kAreaUnverified;
            if (soft & kSoftHoursUnknown) score *= kHoursUnknown;
            const auto cap = static_cast<Capacity>(capacity_of(svc));
            if (cap == Capacity::Waitlist) score *= kWaitlist;
            if (cap == Capacity::AssessmentRequired) score *= kAssessment;
        }
        return {score, std::isnan(dist) ? kInf : dist, dist, rel, svc, row, soft};
    }

    // One contiguous range of located rows inside the search circle's bands.
    void scan_range(std::uint32_t r0, std::uint32_t r1) {
        scanned += r1 - r0;
        const double qlat = p.lat, qlon = p.lon, qcos = p.cos_lat, radius = p.radius;
        for (std::uint32_t row = r0; row < r1; ++row) {
            const std::uint32_t svc = v.row_svc[row];
            std::uint8_t soft = 0;
            if (filter_row<false>(row, svc, soft)) continue;
            const double dist = haversine_km_cos(qlat, qlon, qcos, v.row_lat[row], v.row_lon[row], v.row_cos_lat[row]);
            if (dist > radius) continue;  // scan_covered_beyond_radius() finds it if an area covers the person
            if (filter_place(row, svc, dist, soft)) continue;
            consider(row, svc, dist, soft, true);
        }
    }

    void scan_circle() {
        if (band_first.empty()) return;
        const double cell = d.cell_degrees();
        const LatLonBox box = bounding_box(p.lat, p.lon, p.radius);
        const auto& keys = v.grid_keys;
        const CircleBands circle(p.lat, p.radius);
        const std::int64_t band_max = band_min + static_cast<std::int64_t>(band_first.size()) - 2;
        const auto band0 = std::max(static_cast<std::int64_t>(std::floor(box.min_lat / cell)), band_min);
        const auto band1 = std::min(static_cast<std::int64_t>(std::floor(box.max_lat / cell)), band_max);
        for (std::int64_t band = band0; band <= band1; ++band) {
            const std::uint64_t* first = keys.data() + band_first[static_cast<std::size_t>(band - band_min)];
            const std::uint64_t* last = keys.data() + band_first[static_cast<std::size_t>(band - band_min) + 1];
            if (first == last) continue;
            const double lo = std::max(static_cast<double>(band) * cell, box.min_lat);
            const double hi = std::min(static_cast<double>(band + 1) * cell, box.max_lat);
            const double hw = circle.half_width_deg(lo, hi);
            if (hw >= 180) {
                scan_cells(first, last, band, -180, 180);
            } else {
                const double a = p.lon - hw, b = p.lon + hw;
                if (a < -180) {
                    scan_cells(first, last, band, a + 360, 180);
                    scan_cells(first, last, band, -180, b);
                } else if (b > 180) {
                    scan_cells(first, last, band, a, 180);
                    scan_cells(first, last, band, -180, b - 360);
                } else {
                    scan_cells(first, last, band, a, b);
                }
            }
        }
    }

    // The rows of one band's cells whose longitude range [lon0, lon1] overlaps; `first`..`last`
    // are the band's keys.
    void scan_cells(const std::uint64_t* first, const std::uint64_t* last, std::int64_t band, double lon0, double lon1) {
        const double cell = d.cell_degrees();
        auto key = [band](std::int64_t c) {
            return static_cast<std::uint64_t>(band + (std::int64_t{1} << 31)) << 32 |
                   static_cast<std::uint64_t>(c + (std::int64_t{1} << 31));
        };
        const auto c0 = static_cast<std::int64_t>(std::floor(lon0 / cell));
        const auto c1 = static_cast<std::int64_t>(std::floor(lon1 / cell));
        const std::uint64_t* from = std::lower_bound(first, last, key(c0));
        const std::uint64_t* to = std::upper_bound(from, last, key(c1));
        if (from == to) return;
        const std::uint64_t* keys = v.grid_keys.data();
        scan_range(v.grid_start[static_cast<std::size_t>(from - keys)], v.grid_start[static_cast<std::size_t>(to - keys)]);
    }

    // Services covered by an area the person is in, found by the area rather than the circle.
    void scan_covered_beyond_radius() {
        if (!p.areas) return;
        auto visit = [&](std::uint32_t svc) {
            for (std::uint32_t i = v.svc_row_start[svc]; i < v.svc_row_start[svc + 1]; ++i) {
                const std::uint32_t row = v.svc_rows[i];
                const double dist = distance(row);
                if (dist <= p.radius) continue;  // the circle scan saw it
                scan_row(row, svc, dist);
            }
        };
        if (!p.zip.empty())
            for (const std::uint32_t s : d.services_serving_postal(p.zip)) visit(s);
        if (!p.county.empty())
            for (const std::uint32_t s : d.services_serving_county(p.county)) visit(s);
        if (p.has_loc)
            for (const auto& a : d.area_polygons())
                if (covered[a.service] == gen) visit(a.service);
        // Services with no address that no area of theirs covers: filter_place() shows those
        // whose areas cannot be tested here (the covered ones were visited above).
        for (const std::uint32_t row : d.unlocated_rows_with_areas()) {
            const std::uint32_t svc = v.row_svc[row];
            if (!is_covered(svc)) scan_row(row, svc, std::nan(""));
        }
    }

    // One row outside the circle scan, through every filter.
    void scan_row(std::uint32_t row, std::uint32_t svc, double dist) {
        ++scanned;
        std::uint8_t soft = 0;
        if (filter_row<false>(row, svc, soft) || filter_place(row, svc, dist, soft)) return;
        consider(row, svc, dist, soft, false);  // an area's list may name a service twice
    }

    void scan_all() {
        const std::uint32_t R = static_cast<std::uint32_t>(d.rows());
        scanned += R;
        for (std::uint32_t row = 0; row < R; ++row) {
            const std::uint32_t svc = v.row_svc[row];
            std::uint8_t soft = 0;
            if (filter_row<false>(row, svc, soft)) continue;
            const double dist = distance(row);
            if (filter_place(row, svc, dist, soft)) continue;
            consider(row, svc, dist, soft, true);
        }
    }

    MatchResult run(const MatchQuery& q) {
        next_generation();
        prepare(q);
        top.clear();
        if (top.capacity() < q.limit) top.reserve(q.limit);
        total = 0;
        scanned = 0;
        text_checked = 0;
        MatchResult res;
        if (!(p.text && p.text_impossible)) {
            mark_covered();
            if (p.has_loc && p.radius < kFullScanKm) {
                scan_circle();
                scan_covered_beyond_radius();
            } else {
                scan_all();
            }
        }
        res.total = total;
        res.scanned = scanned;
        res.text_checked = text_checked;
        const std::size_t offering = p.need_filter ? d.services_with_needs(p.needs) : d.services();
        res.excluded = offering > total ? offering - total : 0;
        res.hits.resize(top.size());
        for (std::size_t i = 0; i < top.size(); ++i) {
            MatchHit& h = res.hits[i];
            const Cand& c = top[i];
            h.service = c.svc;
            h.row = c.row;
            h.distance_km = c.dist;
            h.score = c.score;
            h.relevance = c.rel;
            if (!reference) h.reasons = reasons(c, q);
        }
        return res;
    }

    // [SECTION] Reasons --------------------------------------------------------------------------------

    static std::string km_text(double km) {
        char buf[32];
        std::snprintf(buf, sizeof buf, km < 10 ? "%.1f" : "%.0f", km);
        return buf;
    }
    static std::string years_text(std::int16_t centi) {
        if (centi % 100 == 0) return std::to_string(centi / 100);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2g", centi / 100.0);
        return buf;
    }

    void age_reason(std::uint32_t svc, std::vector<Reason>& out, const char* code) const {
        const AgeRange a = v.svc_ages[svc];
        if (a.min < 0 && a.max < 0) return;
        Reason r{code, {}};
        if (a.min >= 0) r.params.emplace_back("min", years_text(a.min));
        if (a.max >= 0) r.params.emplace_back("max", years_text(a.max));
        r.code += a.min >= 0 && a.max >= 0 ? "-range" : a.min >= 0 ? "-min" : "-max";
        out.push_back(std::move(r));
    }

    const OpeningRule* open_rule(std::uint32_t row, OpeningRule& holder) const {
        for (std::uint32_t i = v.row_rule_start[row]; i < v.row_rule_start[row + 1]; ++i)
            if (packed_open(v.rules[i])) {
                holder = d.unpack_rule(v.rules[i]);
                return &holder;
            }
        return nullptr;
    }

    std::vector<Reason> reasons(const Cand& c, const MatchQuery& q) const {
        std::vector<Reason> out;
        const std::uint32_t svc = c.svc;
        const NeedMask met = v.svc_needs[svc] & p.needs;
        const auto& domains = d.need_domains();
        for (std::size_t b = 0; b < domains.size() && p.need_filter; ++b)
            if (met >> b & 1u) out.push_back({"need", {{"domain", domains[b]}}});
        if (std::popcount(met) > 1) out.push_back({"several-needs", {{"count", std::to_string(std::popcount(met))}}});
        if (!std::isnan(c.dist)) out.push_back({"distance", {{"km", km_text(c.dist)}}});
        else if (!(v.row_flags[c.row] & kRowLocated))  // a location without coordinates is not "no address"
            out.push_back({v.row_loc[c.row] == kNone ? "no-address" : "not-placed", {}});
        if (c.soft & kSoftAreaCovered) area_reasons(svc, out);
        if (c.soft & kSoftAreaUnverified) {
            std::string names;
            for (std::uint32_t i = v.svc_area_start[svc]; i < v.svc_area_start[svc + 1]; ++i) {
                if (!names.empty()) names += ", ";
                names += d.string(v.area_value[v.svc_areas[i]]);
            }
            out.push_back({"area-unverified", {{"area", names}}});
        }
        for (const std::string& lang : q.languages) {
            const int li = d.language_index(lang);
            if (li < 0) continue;
            for (std::uint32_t i = v.svc_lang_start[svc]; i < v.svc_lang_start[svc + 1]; ++i)
                if (v.svc_langs[i] == li) out.push_back({"language", {{"language", lang}}});
        }
        if (c.soft & kSoftLangUnknown) out.push_back({"language-unknown", {}});
        if (p.age_filter) age_reason(svc, out, "age");
        if (p.open_filter) {
            OpeningRule holder;
            if (const OpeningRule* r = open_rule(c.row, holder)) {
                out.push_back({"open", {{"day", std::string(weekday_code(p.open.weekday))},
                                        {"opens", format_minutes(r->opens)},
                                        {"closes", format_minutes(r->closes == 1439 ? 1440 : r->closes)}}});
            }
        }
        if (c.soft & kSoftHoursUnknown) out.push_back({"hours-unknown", {}});
        switch (static_cast<Capacity>(capacity_of(svc))) {
        case Capacity::Available: out.push_back({"capacity", {}}); break;
        case Capacity::Waitlist: out.push_back({"waitlist", {}}); break;
        case Capacity::AssessmentRequired: out.push_back({"assessment-required", {}}); break;
        default: break;
        }
        if (p.text) out.push_back({"text", {{"query", q.text}}});
        return out;
    }

    void area_reasons(std::uint32_t svc, std::vector<Reason>& out) const {
        for (std::uint32_t i = v.svc_area_start[svc]; i < v.svc_area_start[svc + 1]; ++i) {
            const std::uint32_t a = v.svc_areas[i];
            const std::string value = d.string(v.area_value[a]);
            switch (static_cast<AreaKind>(v.area_kind[a])) {
            case AreaKind::Postal:
                if (value == p.zip) return out.push_back({"serves-zip", {{"zip", value}}});
                break;
            case AreaKind::County:
                if (county_key(value) == p.county) return out.push_back({"serves-county", {{"county", value}}});
                break;
            case AreaKind::Polygon:
                for (std::uint32_t poly = v.area_poly_start[a]; poly < v.area_poly_start[a + 1]; ++poly)
                    if (p.has_loc && d.polygon_contains(poly, p.lat, p.lon)) {
                        if (value.empty()) return out.push_back({"serves-area", {}});
                        return out.push_back({"serves-named-area", {{"area", value}}});
                    }
                break;
            case AreaKind::Named: break;
            }
        }
    }

    // [SECTION] explain() ---------------------------------------------------------------------------------

    // Every row of the service through the same filters as the scans: the service matches if
    // one row passes all of them. Otherwise the reasons are the filters that every row fails,
    // or, when its locations fail different ones, all the filters its locations fail.
    std::vector<Reason> explain(std::uint32_t svc, const MatchQuery& q) {
        next_generation();
        prepare(q);
        mark_covered();
        const double rel = p.text ? relevance(svc) : 1;
        const Failures text = p.text && rel == 0 ? kFailText : 0;
        Failures every = static_cast<Failures>(~0u), some = 0;
        double nearest = kInf;
        std::optional<Cand> match;
        for (std::uint32_t i = v.svc_row_start[svc]; i < v.svc_row_start[svc + 1]; ++i) {
            const std::uint32_t row = v.svc_rows[i];
            std::uint8_t soft = 0;
            const double dist = distance(row);
            if (!std::isnan(dist)) nearest = std::min(nearest, dist);
            const Failures f = filter_row<true>(row, svc, soft) | text | filter_place(row, svc, dist, soft);
            every &= f;
            some |= f;
            if (f != 0) continue;
            const Cand c = candidate(row, svc, dist, soft, rel);
            if (!match || better(c, *match)) match = c;
        }
        if (match) return reasons(*match, q);  // the reasons its result carries
        return exclusion_reasons(svc, every != 0 ? every : some, nearest, q);
    }

    std::vector<Reason> exclusion_reasons(std::uint32_t svc, Failures f, double nearest, const MatchQuery& q) const {
        std::vector<Reason> out;
        if (f & kFailStatus) {
            static const char* kStatus[] = {"active", "inactive", "defunct", "temporarily closed"};
            out.push_back({"excluded-status", {{"status", kStatus[v.svc_status[svc]]}}});
        }
        if (f & kFailNeed) out.push_back({"excluded-need", {}});
        if (f & kFailCapacity) out.push_back({"excluded-capacity", {}});
        if (f & kFailAge) age_reason(svc, out, "excluded-age");
        if (f & kFailLanguage) out.push_back({"excluded-language", {}});
        if (f & kFailText) out.push_back({"excluded-text", {{"query", q.text}}});
        if (f & kFailArea) out.push_back({"excluded-area", {}});
        if (f & kFailDistance)
            out.push_back({"excluded-distance", {{"km", km_text(nearest)}, {"radius", km_text(p.radius)}}});
        if (f & kFailNoLocation) out.push_back({"excluded-no-location", {}});
        if (f & kFailClosed)
            out.push_back({"excluded-closed", {{"day", std::string(weekday_code(p.open.weekday))},
                                               {"time", format_minutes(p.open.minute)}}});
        return out;
    }
};

Matcher::Matcher(const Directory& directory, MatchMode mode) : m(new Impl(directory, mode)) {}
Matcher::~Matcher() { delete m; }
MatchResult Matcher::match(const MatchQuery& query) { return m->run(query); }
std::vector<Reason> Matcher::explain(std::uint32_t service, const MatchQuery& query) {
    return m->explain(service, query);
}

}  // namespace safetynet::core
