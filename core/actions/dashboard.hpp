#pragma once
// Outcome figures from the store's data over a date range, and their exports: a CSV of the
// figures (RFC 4180), a CSV of the referrals (no PHI), and a FHIR Bundle of the period for an
// EMR. docs/REFERRALS.md §Dashboard defines every figure; in short:
//
//   period           [from, to], inclusive UTC dates (YYYY-MM-DD); empty = open-ended
//   screenings       stored screenings whose `authored` date is in the period
//   positive rate    per domain: screenings in the period positive for it ÷ those in which it
//                    was decided (enough answers); domains never decided are left out
//   sent             referrals of the chosen direction that left draft (have a requested
//                    event), are not entered-in-error, and whose SENT date (first requested
//                    event) is in the period. Statuses are counted as they are at `now`.
//   closed           a sent referral in a final status: completed, rejected, cancelled, failed
//   closure rate     completed ÷ sent (the loop closed with help given)
//   loop-closed rate closed ÷ sent (the clinic knows how it ended, whatever the end)
//   days to close    from sent to the event that made it final, in days (fractional);
//                    the median over closed referrals (and over completed ones)
//   overdue          sent, not final, and no event for at least `overdue_days` days at `now`
#include "core/store/store_data.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

struct DashboardOptions {
    std::string from;  // YYYY-MM-DD or empty
    std::string to;    // YYYY-MM-DD or empty
    std::string now;   // RFC 3339 UTC: statuses and overdue flags are as of this time
    int overdue_days = 14;
    // Which referrals count: the clinic's (Outgoing) or, in organization mode, those received.
    ReferralDirection direction = ReferralDirection::Outgoing;
};

struct DomainRate {
    std::string domain;
    std::size_t decided = 0;
    std::size_t positive = 0;
    double rate = 0;
};

struct OrganizationFigures {
    std::string name;
    std::size_t sent = 0, open = 0, completed = 0, closed = 0, overdue = 0;
    std::optional<double> closure_rate;          // completed ÷ sent
    std::optional<double> median_days_to_close;  // over its closed referrals
};

struct DashboardFigures {
    DashboardOptions options;
    std::size_t screenings = 0;
    std::size_t screenings_with_need = 0;  // at least one positive domain
    std::vector<DomainRate> positive_rates;  // by domain code
    std::size_t sent = 0;
    std::map<TaskStatus, std::size_t> by_status;  // every status, zeros included
    std::vector<OrganizationFigures> by_organization;  // by name
    std::size_t completed = 0, closed = 0, overdue = 0;
    std::optional<double> closure_rate;
    std::optional<double> loop_closed_rate;
    std::optional<double> median_days_to_close;
    std::optional<double> median_days_to_complete;
    std::vector<std::string> overdue_ids;  // referral ids, oldest update first
};

// Throws core::Error("dashboard", <option>, ...) for a malformed date or time.
DashboardFigures compute_dashboard(const StoreData& data, const DashboardOptions& options);

// When the referral was sent (its first requested event), or nullopt for a draft.
std::optional<std::string> referral_sent_at(const Referral& r);
// Overdue as defined above (false for drafts, final statuses and entered-in-error).
bool referral_overdue(const Referral& r, std::string_view now, int overdue_days);
// Whole days since the referral's last event (floor), at `now`.
long long days_since_update(const Referral& r, std::string_view now);

// The figures as CSV (RFC 4180: CRLF, quoted where needed), one row per figure:
// metric,group,value,numerator,denominator. Rates have 4 decimals at most, days 2.
std::string dashboard_csv(const DashboardFigures& figures);
// One row per referral counted by the dashboard, without PHI: referral_id, sent,
// organization, needs, priority, status, last_update, days_since_update, overdue, outcome,
// days_to_close.
std::string referrals_csv(const StoreData& data, const DashboardOptions& options);
// A FHIR Bundle (collection) for the EMR: every referral the dashboard counts, with its
// current Task and, where the store has it, the screening it came from; and the period's
// screenings that led to no referral (with an anonymous Patient). timestamp = now.
nlohmann::json period_bundle(const StoreData& data, const DashboardOptions& options);

// One CSV field (RFC 4180 §2.6-2.7): quoted when it holds a comma, quote, CR or LF, quotes
// doubled. Text that a spreadsheet would run as a formula (= + - @ first) gets a leading '.
std::string csv_field(std::string_view text);

}  // namespace safetynet::core
