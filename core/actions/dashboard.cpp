// Dashboard figures and their exports (dashboard.hpp).
//
// [SECTION] Dates and helpers
// [SECTION] Figures
// [SECTION] CSV
// [SECTION] FHIR Bundle of the period
#include "core/actions/dashboard.hpp"

#include "core/base/error.hpp"
#include "core/fhir/fhir_bundle.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/store/stored_screening.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] Dates and helpers
//----------------------------------------------------------------------------------------------

namespace {

constexpr const char* kKind = "dashboard";

bool is_date(std::string_view d) { return d.size() == 10 && is_utc_rfc3339(std::string(d) + "T00:00:00Z"); }

// Is the UTC date of `time` within [from, to]? The strings compare as dates (fixed width).
bool in_period(std::string_view time, const DashboardOptions& o) {
    const std::string_view date = time.substr(0, 10);
    return (o.from.empty() || date >= o.from) && (o.to.empty() || date <= o.to);
}

double days_between(std::string_view a, std::string_view b) {
    const auto ta = parse_utc_rfc3339(a), tb = parse_utc_rfc3339(b);
    if (!ta || !tb) return 0;
    return static_cast<double>(*tb - *ta) / 86400.0;
}

std::optional<double> median(std::vector<double> v) {
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> ratio(std::size_t num, std::size_t den) {
    if (den == 0) return std::nullopt;
    return static_cast<double>(num) / static_cast<double>(den);
}

void check_options(const DashboardOptions& o) {
    if (!o.from.empty() && !is_date(o.from)) throw Error(kKind, "from", "must be a date, YYYY-MM-DD");
    if (!o.to.empty() && !is_date(o.to)) throw Error(kKind, "to", "must be a date, YYYY-MM-DD");
    if (!is_utc_rfc3339(o.now)) throw Error(kKind, "now", "must be an RFC 3339 UTC time");
    if (o.overdue_days < 1) throw Error(kKind, "overdue_days", "must be at least 1");
}

// The referrals the dashboard counts, with their sent time.
struct Counted {
    const Referral* r;
    std::string sent;
};

std::vector<Counted> counted_referrals(const StoreData& data, const DashboardOptions& o) {
    std::vector<Counted> out;
    for (const auto& [id, r] : data.referrals) {
        if (r.direction != o.direction || r.status() == TaskStatus::EnteredInError) continue;
        const auto sent = referral_sent_at(r);
        if (!sent || !in_period(*sent, o)) continue;
        out.push_back({&r, *sent});
    }
    return out;
}

// The event that made a referral final (its last one, as nothing leaves a final status).
const StatusEvent* closing_event(const Referral& r) {
    return is_final(r.status()) && r.status() != TaskStatus::EnteredInError ? &r.last_event() : nullptr;
}

}  // namespace

std::optional<std::string> referral_sent_at(const Referral& r) {
    for (const StatusEvent& e : r.history)
        if (e.status == TaskStatus::Requested) return e.at;
    return std::nullopt;
}

long long days_since_update(const Referral& r, std::string_view now) {
    return static_cast<long long>(std::floor(days_between(r.last_modified(), now)));
}

bool referral_overdue(const Referral& r, std::string_view now, int overdue_days) {
    if (is_final(r.status()) || !referral_sent_at(r)) return false;
    const auto last = parse_utc_rfc3339(r.last_modified()), t = parse_utc_rfc3339(now);
    return last && t && *t - *last >= static_cast<std::int64_t>(overdue_days) * 86400;
}

//----------------------------------------------------------------------------------------------
// [SECTION] Figures
//----------------------------------------------------------------------------------------------

DashboardFigures compute_dashboard(const StoreData& data, const DashboardOptions& options) {
    check_options(options);
    DashboardFigures f;
    f.options = options;

    std::map<std::string, DomainRate> rates;
    for (const auto& [id, s] : data.screenings) {
        if (!in_period(s.authored, options)) continue;
        ++f.screenings;
        bool any = false;
        for (const NeedSummary& n : s.needs) {
            if (!n.answered) continue;
            DomainRate& d = rates[n.domain];
            d.domain = n.domain;
            ++d.decided;
            if (n.positive) {
                ++d.positive;
                any = true;
            }
        }
        if (any) ++f.screenings_with_need;
    }
    for (auto& [domain, d] : rates) {
        d.rate = static_cast<double>(d.positive) / static_cast<double>(d.decided);
        f.positive_rates.push_back(d);
    }

    for (TaskStatus s : kAllTaskStatuses) f.by_status[s] = 0;
    std::map<std::string, OrganizationFigures> orgs;
    std::map<std::string, std::vector<double>> org_days;
    std::vector<double> close_days, complete_days;
    std::vector<std::pair<std::string, std::string>> overdue;  // last update, id
    for (const Counted& c : counted_referrals(data, options)) {
        const Referral& r = *c.r;
        ++f.sent;
        ++f.by_status[r.status()];
        OrganizationFigures& org = orgs[r.organization.name];
        org.name = r.organization.name;
        ++org.sent;
        if (const StatusEvent* end = closing_event(r)) {
            const double days = days_between(c.sent, end->at);
            ++f.closed;
            ++org.closed;
            close_days.push_back(days);
            org_days[org.name].push_back(days);
            if (r.status() == TaskStatus::Completed) {
                ++f.completed;
                ++org.completed;
                complete_days.push_back(days);
            }
        } else {
            ++org.open;
            if (referral_overdue(r, options.now, options.overdue_days)) {
                ++f.overdue;
                ++org.overdue;
                overdue.emplace_back(r.last_modified(), r.id);
            }
        }
    }
    for (auto& [name, org] : orgs) {
        org.closure_rate = ratio(org.completed, org.sent);
        org.median_days_to_close = median(org_days[name]);
        f.by_organization.push_back(org);
    }
    f.closure_rate = ratio(f.completed, f.sent);
    f.loop_closed_rate = ratio(f.closed, f.sent);
    f.median_days_to_close = median(close_days);
    f.median_days_to_complete = median(complete_days);
    std::sort(overdue.begin(), overdue.end());
    for (const auto& [at, id] : overdue) f.overdue_ids.push_back(id);
    return f;
}

//----------------------------------------------------------------------------------------------
// [SECTION] CSV
//----------------------------------------------------------------------------------------------

std::string csv_field(std::string_view text) {
    std::string t(text);
    // Spreadsheets run a cell that starts like a formula (OWASP "CSV injection"): a name
    // typed as "=HYPERLINK(...)" must stay text.
    if (!t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r'))
        t.insert(t.begin(), '\'');
    if (t.find_first_of(",\"\r\n") == std::string::npos) return t;
    std::string out = "\"";
    for (const char c : t) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {

// A number with at most `decimals` decimals, trailing zeros trimmed ("0.4", "1", "0.3333").
std::string number(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string opt_number(const std::optional<double>& v, int decimals) { return v ? number(*v, decimals) : std::string(); }

class Csv {
public:
    void row(std::initializer_list<std::string> fields) {
        bool first = true;
        for (const std::string& f : fields) {
            if (!first) m_out += ',';
            m_out += f;
            first = false;
        }
        m_out += "\r\n";  // RFC 4180 §2.1
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

}  // namespace

std::string dashboard_csv(const DashboardFigures& f) {
    Csv csv;
    const auto n = [](std::size_t v) { return std::to_string(v); };
    csv.row({"metric", "group", "value", "numerator", "denominator"});
    csv.row({"period_from", "", csv_field(f.options.from), "", ""});
    csv.row({"period_to", "", csv_field(f.options.to), "", ""});
    csv.row({"as_of", "", csv_field(f.options.now), "", ""});
    csv.row({"screenings", "", n(f.screenings), "", ""});
    csv.row({"screenings_with_need", "", n(f.screenings_with_need), "", ""});
    for (const DomainRate& d : f.positive_rates)
        csv.row({"positive_rate", csv_field(d.domain), number(d.rate, 4), n(d.positive), n(d.decided)});
    csv.row({"referrals_sent", "", n(f.sent), "", ""});
    for (const auto& [status, count] : f.by_status)
        csv.row({"referrals_by_status", std::string(task_status_code(status)), n(count), "", ""});
    csv.row({"referrals_completed", "", n(f.completed), "", ""});
    csv.row({"referrals_closed", "", n(f.closed), "", ""});
    csv.row({"closure_rate", "", opt_number(f.closure_rate, 4), n(f.completed), n(f.sent)});
    csv.row({"loop_closed_rate", "", opt_number(f.loop_closed_rate, 4), n(f.closed), n(f.sent)});
    csv.row({"median_days_to_close", "", opt_number(f.median_days_to_close, 2), "", ""});
    csv.row({"median_days_to_complete", "", opt_number(f.median_days_to_complete, 2), "", ""});
    csv.row({"referrals_overdue", "", n(f.overdue), "", ""});
    for (const OrganizationFigures& o : f.by_organization) {
        const std::string g = csv_field(o.name);
        csv.row({"organization_sent", g, n(o.sent), "", ""});
        csv.row({"organization_open", g, n(o.open), "", ""});
        csv.row({"organization_completed", g, n(o.completed), "", ""});
        csv.row({"organization_closed", g, n(o.closed), "", ""});
        csv.row({"organization_overdue", g, n(o.overdue), "", ""});
        csv.row({"organization_closure_rate", g, opt_number(o.closure_rate, 4), n(o.completed), n(o.sent)});
        csv.row({"organization_median_days_to_close", g, opt_number(o.median_days_to_close, 2), "", ""});
    }
    return csv.take();
}

std::string referrals_csv(const StoreData& data, const DashboardOptions& options) {
    check_options(options);
    Csv csv;
    csv.row({"referral_id", "sent", "organization", "needs", "priority", "status", "last_update", "days_since_update",
             "overdue", "outcome", "days_to_close"});
    for (const Counted& c : counted_referrals(data, options)) {
        const Referral& r = *c.r;
        std::string needs;
        for (const ReferralNeed& nd : r.needs) needs += (needs.empty() ? "" : " ") + nd.domain;
        const StatusEvent* end = closing_event(r);
        csv.row({r.id, c.sent, csv_field(r.organization.name), csv_field(needs),
                 std::string(referral_priority_code(r.priority)), std::string(task_status_code(r.status())),
                 r.last_modified(), std::to_string(days_since_update(r, options.now)),
                 referral_overdue(r, options.now, options.overdue_days) ? "yes" : "no", csv_field(r.last_event().outcome),
                 end ? number(days_between(c.sent, end->at), 2) : std::string()});
    }
    return csv.take();
}

//----------------------------------------------------------------------------------------------
// [SECTION] FHIR Bundle of the period
//----------------------------------------------------------------------------------------------

nlohmann::json period_bundle(const StoreData& data, const DashboardOptions& options) {
    check_options(options);
    fhir::Bundle bundle("collection");
    bundle.set_timestamp(options.now);
    std::set<std::string> referred;
    // Each referral names its parties with its own Organization ids; in one Bundle the same
    // organization (name, directory id and keys) appears once, under the first id seen.
    std::map<std::string, std::string> party_ids;
    auto same_party = [&](ReferralParty& p) {
        const std::string key = p.name + "\n" + p.directory_id + "\n" + (p.card ? p.card->fingerprint() : "");
        p.fhir_id = party_ids.emplace(key, p.fhir_id).first->second;
    };
    for (const Counted& c : counted_referrals(data, options)) {
        Referral r = *c.r;
        same_party(r.requester);
        same_party(r.organization);
        std::optional<RebuiltScreening> rebuilt;
        const auto s = data.screenings.find(r.screening_id);
        if (s != data.screenings.end()) {
            rebuilt.emplace(rebuild_screening(s->second));
            referred.insert(r.screening_id);
        }
        if (rebuilt) {
            ReferralScreening rs{&rebuilt->response, &rebuilt->result, s->second.authored, s->second.language};
            add_referral(bundle, r, &rs);
            rebuilt->response.wipe();
        } else {
            add_referral(bundle, r);
        }
        r.wipe();
    }
    for (const auto& [id, s] : data.screenings) {
        if (referred.count(id) || !in_period(s.authored, options)) continue;
        RebuiltScreening rebuilt = rebuild_screening(s);
        ScreeningFhirOptions o;
        o.authored = s.authored;
        o.language = s.language;
        add_screening(bundle, rebuilt.response, rebuilt.result, o);
        rebuilt.response.wipe();
    }
    return bundle.to_json();
}

}  // namespace safetynet::core
