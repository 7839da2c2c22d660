// Quality measures over the store (measures.hpp; docs/MEASURES.md).
//
// [SECTION] The five HRSNs and helpers
// [SECTION] Who is who: patients, their screenings and contacts
// [SECTION] MIPS #487
// [SECTION] MIPS #498
// [SECTION] SDOH-1 and SDOH-2
#include "core/actions/measures.hpp"

#include "core/base/error.hpp"
#include "core/base/utc_time.hpp"
#include "core/referral/follow_up.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace safetynet::core {

//----------------------------------------------------------------------------------------------
// [SECTION] The five HRSNs and helpers
//----------------------------------------------------------------------------------------------

const std::array<Hrsn, 5>& hrsn_domains() {
    // MIPS #487/#498 and SDOH-1/2 name the same five needs. Our scoring emits Gravity domains
    // (docs/SCREENING.md); "interpersonal safety" is the SDOHCC intimate-partner-violence one.
    static const std::array<Hrsn, 5> kHrsn = {{
        {"food-insecurity", {"food-insecurity"}},
        {"housing-instability", {"housing-instability", "homelessness"}},
        {"transportation-insecurity", {"transportation-insecurity"}},
        {"utility-insecurity", {"utility-insecurity"}},
        {"interpersonal-safety", {"intimate-partner-violence"}},
    }};
    return kHrsn;
}

std::optional<double> MeasureGroupResult::score() const {
    if (!denominator || !numerator || !exclusion || !exception) return std::nullopt;
    const std::size_t eligible = *denominator - std::min(*denominator, *exclusion + *exception);
    if (eligible == 0) return std::nullopt;
    return static_cast<double>(*numerator) / static_cast<double>(eligible);
}

const MeasureResult& MeasuresReport::measure(std::string_view id) const {
    for (const MeasureResult& m : measures)
        if (m.id == id) return m;
    throw Error("measures", std::string(id), "no such measure");
}

DatePeriod mips498_identification_period(const DatePeriod& period) {
    return {add_months_to_date(period.from, -2), add_months_to_date(period.to, -2)};
}

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// Which of the five HRSNs a set of need summaries screened (decided) and found positive.
struct HrsnCoverage {
    std::array<bool, 5> screened{};
    std::array<bool, 5> positive{};
    void add(const std::vector<NeedSummary>& needs) {
        for (std::size_t i = 0; i < 5; ++i)
            for (const NeedSummary& n : needs) {
                const auto& ds = hrsn_domains()[i].domains;
                if (std::find(ds.begin(), ds.end(), n.domain) == ds.end()) continue;
                screened[i] = screened[i] || n.answered;
                positive[i] = positive[i] || (n.answered && n.positive);
            }
    }
    bool all_screened() const { return std::all_of(screened.begin(), screened.end(), [](bool b) { return b; }); }
    bool any_positive() const { return std::any_of(positive.begin(), positive.end(), [](bool b) { return b; }); }
    std::string missing() const {
        std::string out;
        for (std::size_t i = 0; i < 5; ++i)
            if (!screened[i]) out += (out.empty() ? "" : ", ") + std::string(hrsn_domains()[i].code);
        return out;
    }
    std::string positives() const {
        std::string out;
        for (std::size_t i = 0; i < 5; ++i)
            if (positive[i]) out += (out.empty() ? "" : ", ") + std::string(hrsn_domains()[i].code);
        return out;
    }
};

bool hrsn_matches(std::size_t i, const std::string& domain) {
    const auto& ds = hrsn_domains()[i].domains;
    return std::find(ds.begin(), ds.end(), domain) != ds.end();
}

//----------------------------------------------------------------------------------------------
// [SECTION] Who is who: patients, their screenings and contacts
//----------------------------------------------------------------------------------------------

// A contact with a community service provider, for #498: when, for which domains, and how we
// know (the organization's status update, or a follow-up call).
struct Contact {
    std::string date;
    std::vector<std::string> domains;  // the referral's needs
    std::string evidence;              // "status-in-progress", "status-completed", "call-connected"
    std::string organization;
};

struct Patient {
    std::string id;
    std::string birth_date;  // the roster's, else a screening's
    const RosterPatient* roster = nullptr;
    std::vector<const StoredScreening*> screenings;  // oldest first
    std::vector<Contact> contacts;
};

class Population {
public:
    Population(const StoreData& data) {
        for (const auto& [id, p] : data.roster.patients) {
            Patient& pt = m_patients[id];
            pt.id = id;
            pt.roster = &p;
            pt.birth_date = p.birth_date;
        }
        std::map<std::string, std::string> screening_patient;
        for (const auto& [id, s] : data.screenings) {
            if (s.patient_id.empty()) continue;
            Patient& pt = m_patients[s.patient_id];
            pt.id = s.patient_id;
            if (pt.birth_date.empty()) pt.birth_date = s.birth_date;
            pt.screenings.push_back(&s);
            screening_patient[id] = s.patient_id;
        }
        for (auto& [id, pt] : m_patients)
            std::sort(pt.screenings.begin(), pt.screenings.end(),
                      [](const StoredScreening* a, const StoredScreening* b) { return a->authored < b->authored; });
        for (const auto& [id, r] : data.referrals) {
            if (r.direction != ReferralDirection::Outgoing) continue;
            const auto who = screening_patient.find(r.screening_id);
            if (who == screening_patient.end()) continue;
            add_contacts(m_patients[who->second], r);
        }
    }
    const std::map<std::string, Patient>& patients() const { return m_patients; }

private:
    static void add_contacts(Patient& pt, const Referral& r) {
        std::vector<std::string> domains;
        for (const ReferralNeed& n : r.needs) domains.push_back(n.domain);
        for (const StatusEvent& e : r.history) {
            if (e.by != ReferralActor::Performer) continue;
            if (e.status == TaskStatus::InProgress || e.status == TaskStatus::Completed)
                pt.contacts.push_back({e.at.substr(0, 10), domains, "status-" + std::string(task_status_code(e.status)),
                                       r.organization.name});
        }
        for (const FollowUpCall& c : r.follow_ups)
            if (follow_up_confirms_contact(c.outcome))
                pt.contacts.push_back({c.at.substr(0, 10), domains, "call-" + c.outcome, r.organization.name});
    }
    std::map<std::string, Patient> m_patients;
};

std::string age_text(const std::optional<int>& age) { return age ? std::to_string(*age) : std::string("?"); }

// The patient's screenings authored within [from, to].
HrsnCoverage coverage(const Patient& pt, std::string_view from, std::string_view to, std::string* last = nullptr) {
    HrsnCoverage c;
    for (const StoredScreening* s : pt.screenings) {
        const std::string_view d = std::string_view(s->authored).substr(0, 10);
        if (d < from || d > to) continue;
        c.add(s->needs);
        if (last) *last = std::string(d);
    }
    return c;
}

bool declined_within(const Patient& pt, std::string_view from, std::string_view to, std::string* when = nullptr) {
    if (!pt.roster) return false;
    for (const std::string& d : pt.roster->declined)
        if (d >= from && d <= to) {
            if (when) *when = d;
            return true;
        }
    return false;
}

struct Builder {
    MeasuresReport& out;
    const std::string& only;  // MeasureOptions::explain
    // Explanations cost as much as the counts: only for the patient asked about, or all ("*").
    bool on(const Patient& pt) const { return only == "*" || (!only.empty() && only == pt.id); }
    void explain(std::string measure, std::string group, const Patient& pt, std::string visit,
                 std::vector<std::string> populations, std::string reason, Params params = {}) {
        out.explanations.push_back({std::move(measure), std::move(group), pt.id, std::move(visit), std::move(populations),
                                    std::move(reason), std::move(params)});
    }
};

//----------------------------------------------------------------------------------------------
// [SECTION] MIPS #487
//----------------------------------------------------------------------------------------------

// The first visit in the period at which the patient was 18 or older.
const RosterVisit* adult_visit(const Patient& pt, const DatePeriod& p, std::optional<int>* age_at_first = nullptr) {
    if (!pt.roster) return nullptr;
    const RosterVisit* first_any = nullptr;
    for (const RosterVisit& v : pt.roster->visits) {
        if (!p.contains(v.start)) continue;
        if (!first_any || v.start < first_any->start) first_any = &v;
    }
    if (age_at_first && first_any) *age_at_first = age_on(pt.birth_date, first_any->start);
    const RosterVisit* best = nullptr;
    for (const RosterVisit& v : pt.roster->visits) {
        if (!p.contains(v.start)) continue;
        const auto age = age_on(pt.birth_date, v.start);
        if (age && *age >= 18 && (!best || v.start < best->start)) best = &v;
    }
    return best;
}

MeasureResult mips487(const Population& pop, const MeasureOptions& o, bool roster, Builder& b) {
    MeasureGroupResult g;
    std::size_t den = 0, exc = 0, num = 0;
    const std::string m = "mips-487";
    for (const auto& [id, pt] : pop.patients()) {
        const HrsnCoverage c = coverage(pt, o.period.from, o.period.to);
        const bool screened_any = std::any_of(c.screened.begin(), c.screened.end(), [](bool x) { return x; });
        if (roster) {
            std::optional<int> first_age;
            const RosterVisit* v = adult_visit(pt, o.period, &first_age);
            if (!v) {
                if (!b.on(pt)) continue;
                if (!pt.roster) b.explain(m, "", pt, "", {}, "not-on-roster");
                else if (first_age) b.explain(m, "", pt, "", {}, "under-18", {{"age", age_text(first_age)}});
                else b.explain(m, "", pt, "", {}, "no-visit");
                continue;
            }
            ++den;
            const Params visit = {{"date", v->start}, {"age", age_text(age_on(pt.birth_date, v->start))}};
            if (c.all_screened()) {
                ++num;
                if (b.on(pt)) b.explain(m, "", pt, v->start, {kPopInitial, kPopDenominator, kPopNumerator}, "screened-all", visit);
            } else if (std::string when; declined_within(pt, o.period.from, o.period.to, &when)) {
                ++exc;
                Params p = visit;
                p.push_back({"declined", when});
                if (b.on(pt)) b.explain(m, "", pt, v->start, {kPopInitial, kPopDenominator, kPopException}, "declined", p);
            } else {
                Params p = visit;
                p.push_back({"missing", c.missing()});
                if (b.on(pt)) b.explain(m, "", pt, v->start, {kPopInitial, kPopDenominator}, screened_any ? "partial" : "not-screened", p);
            }
        } else {
            // No roster: the numerator only, the age taken on the screening's own date.
            if (!screened_any) continue;
            std::string last;
            const HrsnCoverage cc = coverage(pt, o.period.from, o.period.to, &last);
            const auto age = age_on(pt.birth_date, last);
            if (!age) {
                if (b.on(pt)) b.explain(m, "", pt, "", {}, "age-unknown");
            } else if (*age < 18) {
                if (b.on(pt)) b.explain(m, "", pt, "", {}, "under-18", {{"age", age_text(age)}});
            } else if (cc.all_screened()) {
                ++num;
                if (b.on(pt)) b.explain(m, "", pt, "", {kPopNumerator}, "screened-all-no-roster", {{"date", last}, {"age", age_text(age)}});
            } else {
                if (b.on(pt)) b.explain(m, "", pt, "", {}, "partial-no-roster", {{"missing", cc.missing()}});
            }
        }
    }
    g.numerator = num;
    if (roster) {
        g.initial = den;
        g.denominator = den;
        g.exclusion = 0;
        g.exception = exc;
    }
    return {m, {g}, !roster};
}

//----------------------------------------------------------------------------------------------
// [SECTION] MIPS #498
//----------------------------------------------------------------------------------------------

MeasureResult mips498(const Population& pop, const MeasureOptions& o, bool roster, Builder& b) {
    const DatePeriod window = mips498_identification_period(o.period);
    const std::string m = "mips-498";
    std::size_t den = 0, num = 0;
    for (const auto& [id, pt] : pop.patients()) {
        // The index screening: the first one in the window positive for one of the five.
        const StoredScreening* index = nullptr;
        HrsnCoverage pos;
        for (const StoredScreening* s : pt.screenings) {
            if (!window.contains(s->authored)) continue;
            HrsnCoverage c;
            c.add(s->needs);
            if (c.any_positive()) {
                index = s;
                pos = c;
                break;
            }
        }
        if (!index) continue;
        const std::string d0 = index->authored.substr(0, 10);
        const auto age = age_on(pt.birth_date, d0);
        if (!age) {
            if (b.on(pt)) b.explain(m, "", pt, "", {}, "age-unknown");
            continue;
        }
        if (*age < 18) {
            if (b.on(pt)) b.explain(m, "", pt, "", {}, "under-18", {{"age", age_text(age)}});
            continue;
        }
        if (roster) {
            bool visit = false;
            if (pt.roster)
                for (const RosterVisit& v : pt.roster->visits) visit = visit || window.contains(v.start);
            if (!visit) {
                if (b.on(pt)) b.explain(m, "", pt, "", {}, "no-visit-in-window", {{"from", window.from}, {"to", window.to}});
                continue;
            }
        }
        ++den;
        // Contact 0..60 days after the screening, for one of the positive needs, by the period's end.
        const Contact* best = nullptr;
        const Contact* late = nullptr;
        for (const Contact& c : pt.contacts) {
            bool relevant = false;
            for (std::size_t i = 0; i < 5; ++i)
                for (const std::string& dom : c.domains) relevant = relevant || (pos.positive[i] && hrsn_matches(i, dom));
            if (!relevant) continue;
            const std::int64_t days = days_between_dates(d0, c.date);
            if (days < 0) continue;
            if (days > kConnectionDays || c.date > o.period.to) {
                if (!late || c.date < late->date) late = &c;
                continue;
            }
            if (!best || c.date < best->date) best = &c;
        }
        const Params base = {{"date", d0}, {"age", age_text(age)}, {"needs", pos.positives()}};
        if (best) {
            ++num;
            Params p = base;
            p.push_back({"contact", best->date});
            p.push_back({"days", std::to_string(days_between_dates(d0, best->date))});
            p.push_back({"organization", best->organization});
            p.push_back({"evidence", best->evidence});
            if (b.on(pt)) b.explain(m, "", pt, "", {kPopInitial, kPopDenominator, kPopNumerator}, "connected", p);
        } else {
            Params p = base;
            std::string reason = "no-contact";
            if (late) {
                reason = late->date > o.period.to && days_between_dates(d0, late->date) <= kConnectionDays ? "contact-after-period"
                                                                                                        : "contact-too-late";
                p.push_back({"contact", late->date});
                p.push_back({"days", std::to_string(days_between_dates(d0, late->date))});
            }
            if (b.on(pt)) b.explain(m, "", pt, "", {kPopInitial, kPopDenominator}, reason, p);
        }
    }
    MeasureGroupResult g;
    g.initial = den;
    g.denominator = den;
    g.exclusion = 0;
    g.exception = 0;
    g.numerator = num;
    return {m, {g}, false};
}

//----------------------------------------------------------------------------------------------
// [SECTION] SDOH-1 and SDOH-2
//----------------------------------------------------------------------------------------------

std::pair<MeasureResult, MeasureResult> sdoh(const Population& pop, const MeasureOptions& o, bool roster, Builder& b) {
    MeasureResult s1{"sdoh-1", {MeasureGroupResult{}}, !roster};
    MeasureResult s2{"sdoh-2", {}, !roster};
    for (const Hrsn& h : hrsn_domains()) s2.groups.push_back(MeasureGroupResult{h.code, {}, {}, {}, {}, {}});
    if (!roster) return {s1, s2};
    std::size_t den = 0, exc = 0, num = 0;
    std::array<std::size_t, 5> positive{};
    for (const auto& [id, pt] : pop.patients()) {
        if (!pt.roster) continue;
        for (const RosterVisit& v : pt.roster->visits) {
            if (!o.period.contains(v.start)) continue;
            const std::string end = v.end.empty() ? v.start : v.end;
            const auto age = age_on(pt.birth_date, v.start);
            if (!age || *age < 18) {
                if (b.on(pt)) b.explain("sdoh-1", "", pt, v.start, {}, age ? "under-18" : "age-unknown", {{"age", age_text(age)}});
                continue;
            }
            ++den;
            const HrsnCoverage c = coverage(pt, v.start, end);
            const Params visit = {{"date", v.start}, {"end", end}, {"age", age_text(age)}};
            if (std::string when; declined_within(pt, v.start, end, &when)) {
                ++exc;
                Params p = visit;
                p.push_back({"declined", when});
                if (b.on(pt)) b.explain("sdoh-1", "", pt, v.start, {kPopInitial, kPopDenominator, kPopExclusion}, "declined", p);
                continue;
            }
            if (!c.all_screened()) {
                Params p = visit;
                p.push_back({"missing", c.missing()});
                if (b.on(pt)) b.explain("sdoh-1", "", pt, v.start, {kPopInitial, kPopDenominator}, "partial-visit", p);
                continue;
            }
            ++num;
            if (b.on(pt)) b.explain("sdoh-1", "", pt, v.start, {kPopInitial, kPopDenominator, kPopNumerator}, "screened-visit", visit);
            for (std::size_t i = 0; i < 5; ++i) {
                if (c.positive[i]) ++positive[i];
                if (b.on(pt)) b.explain("sdoh-2", hrsn_domains()[i].code, pt, v.start,
                          c.positive[i] ? std::vector<std::string>{kPopInitial, kPopDenominator, kPopNumerator}
                                        : std::vector<std::string>{kPopInitial, kPopDenominator},
                          c.positive[i] ? "positive" : "negative", visit);
            }
        }
    }
    MeasureGroupResult& g1 = s1.groups[0];
    g1.initial = den;
    g1.denominator = den;
    g1.exclusion = exc;
    g1.exception = 0;
    g1.numerator = num;
    for (std::size_t i = 0; i < 5; ++i) {
        MeasureGroupResult& g = s2.groups[i];
        g.initial = num;
        g.denominator = num;
        g.exclusion = 0;
        g.exception = 0;
        g.numerator = positive[i];
    }
    return {s1, s2};
}

}  // namespace

MeasuresReport compute_measures(const StoreData& data, const MeasureOptions& options) {
    if (!is_utc_rfc3339(options.now)) throw Error("measures", "now", "must be an RFC 3339 UTC time");
    MeasuresReport out;
    out.options = options;
    out.has_roster = !data.roster.patients.empty();
    for (const auto& [id, s] : data.screenings)
        if (s.patient_id.empty() && options.period.contains(s.authored)) ++out.unlinked_screenings;
    const Population pop(data);
    Builder b{out, options.explain};
    out.measures.push_back(mips487(pop, options, out.has_roster, b));
    out.measures.push_back(mips498(pop, options, out.has_roster, b));
    auto [s1, s2] = sdoh(pop, options, out.has_roster, b);
    out.measures.push_back(std::move(s1));
    out.measures.push_back(std::move(s2));
    return out;
}

}  // namespace safetynet::core
