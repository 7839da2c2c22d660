// Issue 15: the network view. Three sites' reports, worked out by hand, suppressed, signed,
// verified and merged; tampered, unsigned and foreign files refused by name.
//
// The hand-worked example (counts before suppression; "·" = suppressed in the file):
//
//   MIPS #487           Eastside (A)   Northside (B)   Southside (C)   network
//   denominator         120            80              9 ·             known 200, C suppressed
//   exception           4 ·            0               0               known 0, A suppressed
//   numerator           90             50              5 ·             known 140, C suppressed
//
//   Closure             A sent/done    B sent/done     C sent/done     network
//   all                 40 / 25        25 / 12         33 / 20         98 / 57 -> 0.5816
//   Westside Food Bank  30· / 22·      25 / 12         11 / 11·        sent known 36 (A open),
//                                                                      done known 12 (A, C open)
//   Harbor Housing      10· / 3·       (none: 0 / 0)   22 / 9·         sent known 22 (A open),
//                                                                      done known 0 (A, C open)
//
// Why A's Westside cells are suppressed although 30 and 22 are large: A's Harbor cells (10 and
// 3) are suppressed, and A publishes its totals (40, 25), so Westside = total - Harbor would give
// Harbor back; the next smallest stratum goes too (complementary suppression). Likewise C's
// Westside "done" (11): C's Harbor "done" (9) is hidden and C's total (20) is shown.
#include "core/actions/network_report.hpp"
#include "core/base/error.hpp"
#include "core/exchange/bundle.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace safetynet::core;

namespace {

ReportCount n(std::int64_t v) { return {v, ""}; }

Report mips487(std::int64_t den, std::int64_t exc, std::int64_t num) {
    ReportGroup g;
    g.populations = {{kPopInitial, n(den)}, {kPopDenominator, n(den)}, {kPopException, n(exc)}, {kPopNumerator, n(num)}};
    g.score = proportion_score(g.populations);
    return {"mips-487", {g}};
}

Report closure(std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> orgs) {
    ReportGroup g;
    std::int64_t sent = 0, done = 0;
    g.stratifier = {"organization"};
    for (const auto& [name, s, d] : orgs) {
        sent += s;
        done += d;
        ReportStratum st{{{"organization", name}}, {{kPopInitial, n(s)}, {kPopDenominator, n(s)}, {kPopNumerator, n(d)}}, {}};
        st.score = proportion_score(st.populations);
        g.strata.push_back(st);
    }
    g.populations = {{kPopInitial, n(sent)}, {kPopDenominator, n(sent)}, {kPopNumerator, n(done)}};
    g.score = proportion_score(g.populations);
    return {"safetynet-closure", {g}};
}

const DatePeriod kQ1{"2026-01-01", "2026-03-31"};
constexpr const char* kNow = "2026-04-05T12:00:00Z";

struct Site {
    KeySet keys;
    std::string file;
};

std::string export_site(const KeySet& keys, std::vector<Report> reports) {
    suppress_small_cells(reports);
    return export_network_report(reports, kQ1, kNow, keys);
}

const NetworkCell& cell(const NetworkView& v, const std::string& measure, const std::string& stratum, const std::string& pop) {
    for (const NetworkCell& c : v.cells)
        if (c.measure == measure && c.stratum == stratum && c.population == pop) return c;
    FAIL("no cell " << measure << " " << stratum << " " << pop);
    return v.cells.front();
}

}  // namespace

TEST_CASE("network: suppression hides 1-10 and whatever would give them back") {
    std::vector<Report> a = {closure({{"Westside Food Bank", 30, 22}, {"Harbor Housing", 10, 3}})};
    suppress_small_cells(a);
    const ReportGroup& g = a[0].groups[0];
    CHECK(find_population(g.populations, kPopDenominator)->value == 40);
    CHECK(find_population(g.populations, kPopNumerator)->value == 25);
    for (const ReportStratum& s : g.strata) {
        CHECK_FALSE(find_population(s.populations, kPopDenominator)->value.has_value());
        CHECK(find_population(s.populations, kPopDenominator)->absent == kAbsentMasked);
        CHECK_FALSE(find_population(s.populations, kPopNumerator)->value.has_value());
        CHECK_FALSE(s.score.has_value());
    }
    CHECK(g.score.has_value());  // 25 / 40 needs no hidden count
    std::vector<Report> m = {mips487(120, 4, 90)};
    suppress_small_cells(m);
    CHECK(find_population(m[0].groups[0].populations, kPopException)->absent == kAbsentMasked);
    CHECK_FALSE(m[0].groups[0].score.has_value());  // it would need the exception count
    std::vector<Report> zero = {mips487(80, 0, 50)};
    suppress_small_cells(zero);
    CHECK(find_population(zero[0].groups[0].populations, kPopException)->value == 0);  // 0 is not a small cell
}

TEST_CASE("network: three sites merged exactly, suppressed cells stay suppressed") {
    const KeySet a = KeySet::generate("Eastside Clinic"), b = KeySet::generate("Northside Clinic"),
                 c = KeySet::generate("Southside Clinic");
    const std::vector<ContactCard> cards = {a.contact_card(), b.contact_card(), c.contact_card()};
    const std::string fa = export_site(a, {mips487(120, 4, 90), closure({{"Westside Food Bank", 30, 22}, {"Harbor Housing", 10, 3}})});
    const std::string fb = export_site(b, {mips487(80, 0, 50), closure({{"Westside Food Bank", 25, 12}})});
    const std::string fc = export_site(c, {mips487(9, 0, 5), closure({{"Westside Food Bank", 11, 11}, {"Harbor Housing", 22, 9}})});
    // What leaves a site holds no count a small cell could be worked out from.
    CHECK(fa.find("\"count\": 3\n") == std::string::npos);
    CHECK(fa.find("\"count\": 10\n") == std::string::npos);
    CHECK(fc.find("\"count\": 9\n") == std::string::npos);

    const std::vector<SiteReport> sites = {read_network_report(fa, "eastside.txt", cards),
                                           read_network_report(fb, "northside.txt", cards),
                                           read_network_report(fc, "southside.txt", cards)};
    CHECK(sites[0].site == "Eastside Clinic");
    const NetworkView v = merge_network(sites);
    REQUIRE(v.sites.size() == 3);

    const NetworkCell& den = cell(v, "mips-487", "", kPopDenominator);
    CHECK(den.sites[0] == 120);
    CHECK(den.sites[1] == 80);
    CHECK_FALSE(den.sites[2].has_value());
    CHECK(den.known_total == 200);
    CHECK(den.suppressed_sites == 1);
    CHECK_FALSE(den.total().has_value());
    const NetworkCell& exc = cell(v, "mips-487", "", kPopException);
    CHECK(exc.known_total == 0);
    CHECK(exc.suppressed_sites == 1);
    CHECK(cell(v, "mips-487", "", kPopNumerator).known_total == 140);

    CHECK(cell(v, "safetynet-closure", "", kPopDenominator).total() == 98);
    CHECK(cell(v, "safetynet-closure", "", kPopNumerator).total() == 57);
    const NetworkCell& west_sent = cell(v, "safetynet-closure", "organization=Westside Food Bank", kPopDenominator);
    CHECK(west_sent.known_total == 36);
    CHECK(west_sent.suppressed_sites == 1);
    const NetworkCell& west_done = cell(v, "safetynet-closure", "organization=Westside Food Bank", kPopNumerator);
    CHECK(west_done.known_total == 12);
    CHECK(west_done.suppressed_sites == 2);
    const NetworkCell& harbor_sent = cell(v, "safetynet-closure", "organization=Harbor Housing", kPopDenominator);
    CHECK(harbor_sent.sites[1] == 0);  // Northside refers nobody there: a true zero
    CHECK(harbor_sent.known_total == 22);
    CHECK(harbor_sent.suppressed_sites == 1);
    CHECK(cell(v, "safetynet-closure", "organization=Harbor Housing", kPopNumerator).suppressed_sites == 2);

    bool network_closure = false;
    for (const NetworkScore& s : v.scores)
        if (s.measure == "safetynet-closure" && s.stratum.empty()) {
            REQUIRE(s.network.has_value());
            CHECK(*s.network == doctest::Approx(57.0 / 98.0));
            network_closure = true;
        }
    CHECK(network_closure);
    const std::string csv = network_csv(v);
    CHECK(csv.find("safetynet-closure,,,denominator,40,25,33,98,0\r\n") != std::string::npos);
    CHECK(csv.find("mips-487,,,denominator,120,80,suppressed,suppressed,1\r\n") != std::string::npos);
}

TEST_CASE("network: a tampered, unsigned or foreign file is refused by name") {
    const KeySet a = KeySet::generate("Eastside Clinic"), stranger = KeySet::generate("Somebody Else");
    const std::vector<ContactCard> cards = {a.contact_card()};
    std::string file = export_site(a, {mips487(120, 20, 90)});
    REQUIRE_NOTHROW(read_network_report(file, "eastside.txt", cards));

    std::string tampered = file;
    const std::size_t at = tampered.find("\"count\": 90");
    REQUIRE(at != std::string::npos);
    tampered.replace(at, 11, "\"count\": 99");
    CHECK_THROWS_WITH_AS(read_network_report(tampered, "eastside-edited.txt", cards), doctest::Contains("eastside-edited.txt"), Error);
    try {
        read_network_report(tampered, "eastside-edited.txt", cards);
    } catch (const Error& e) {
        CHECK(e.kind() == "bad-signature");
    }

    const std::string unsigned_json = measure_reports_bundle({mips487(120, 20, 90)}, kQ1, kNow, "Eastside Clinic").dump();
    try {
        read_network_report(unsigned_json, "unsigned.json", cards);
        FAIL("an unsigned file was read");
    } catch (const Error& e) {
        CHECK(e.kind() == "network-file");
        CHECK(e.where() == "unsigned.json");
    }
    try {
        read_network_report(export_site(stranger, {mips487(120, 20, 90)}), "stranger.txt", cards);
        FAIL("a stranger's file was read");
    } catch (const Error& e) {
        CHECK(e.kind() == "untrusted-signer");
        CHECK(e.where() == "stranger.txt");
    }
    // Two files of one site, or of different periods, do not merge.
    const SiteReport one = read_network_report(file, "a1.txt", cards);
    CHECK_THROWS_WITH_AS(merge_network({one, read_network_report(file, "a2.txt", cards)}), doctest::Contains("same site"), Error);
}
