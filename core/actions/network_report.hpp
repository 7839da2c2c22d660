#pragma once
// The network view without pooling patient data. A site exports, for whole months, its
// quality MeasureReports and de-identified aggregates of its referrals (by receiving
// organization, current status, outcome and month sent; closure rate; median days to close),
// every count from 1 to 10 suppressed (CMS's cell size rule), as a FHIR Bundle of summary
// MeasureReports, SIGNED with the site's minisign key (a bundle plaintext of kind
// network-report, docs/BUNDLES.md: readable, not encrypted, since it holds no PHI). A network
// coordinator checks each file's signature against the sites' contact cards and merges them:
// per site and network totals. Merging is exact: a suppressed cell stays suppressed, and a
// network total with a suppressed part says so instead of guessing it.
#include "core/actions/measure_report.hpp"
#include "core/exchange/contact_card.hpp"
#include "core/exchange/keyset.hpp"
#include "core/store/store_data.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

// Counts from 1 to kSmallCellMax are suppressed (CMS cell size suppression: no cell of 1-10).
inline constexpr std::int64_t kSmallCellMax = 10;

// The site's reports for a period of whole months (throws core::Error("network", "period")
// otherwise): the quality measures and the referral aggregates, NOT yet suppressed.
std::vector<Report> network_reports(const StoreData& data, const DatePeriod& months, std::string_view now);
// Suppresses every count of 1 to 10, then as many more as it takes so that no suppressed
// cell can be worked out from the others (within a stratified population, the strata add up
// to the group's count: a lone suppressed stratum takes the next smallest one with it).
// Scores that need a suppressed count are dropped.
void suppress_small_cells(std::vector<Report>& reports);

// The signed file: a bundle plaintext (kind network-report) holding the Bundle of
// MeasureReports, signed by `keys` (the site's).
std::string export_network_report(const std::vector<Report>& suppressed, const DatePeriod& months, std::string_view now,
                                   const KeySet& keys);

struct SiteReport {
    std::string file;         // as the coordinator named it
    std::string site;         // the signer's card name
    std::string fingerprint;  // of the signer's card
    std::string created;
    DatePeriod period;
    std::vector<Report> reports;
};
// Verifies and reads one site's file. Throws core::Error naming the file in `where`:
// "network-file" (not a signed network report), "bad-signature" (altered after signing),
// "untrusted-signer" (signed by a key none of `sites` has), and "measure-report" errors.
SiteReport read_network_report(std::string_view bytes, std::string_view file_name, const std::vector<ContactCard>& sites);

// One number of the merged view: the site's count (nullopt = suppressed) per site, and the
// network's: the sum of the known counts and how many sites' counts are suppressed.
struct NetworkCell {
    std::string measure, group, stratum, population;  // stratum: "name=value; ..." or ""
    std::vector<std::optional<std::int64_t>> sites;   // per site, in NetworkView::sites order; nullopt: suppressed or absent
    std::int64_t known_total = 0;
    std::size_t suppressed_sites = 0;                 // sites whose count is suppressed (or unknown)
    std::optional<std::int64_t> total() const {
        return suppressed_sites ? std::nullopt : std::optional<std::int64_t>(known_total);
    }
};
struct NetworkScore {
    std::string measure, group, stratum;
    std::vector<std::optional<double>> sites;  // as each site reported it
    std::optional<double> network;             // from network totals, when they are all known;
                                               // never for a median (not mergeable from medians)
};
struct NetworkView {
    DatePeriod period;
    std::vector<std::string> sites;
    std::vector<NetworkCell> cells;    // ordered by measure, group, stratum, population
    std::vector<NetworkScore> scores;
};
// Throws core::Error("network", file, ...) when the sites' periods differ or a site appears twice.
NetworkView merge_network(const std::vector<SiteReport>& sites);
// RFC 4180 CSV: measure,group,stratum,population,<site...>,network,network_suppressed_sites;
// a suppressed count is written "suppressed"; then one row per score.
std::string network_csv(const NetworkView& view);

}  // namespace safetynet::core
