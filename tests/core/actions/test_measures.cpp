// Issue 15: the quality measures on a data set worked out by hand. Every patient below says
// why they are in or out of each population; the figures at the end add those lines up.
//
// Period 2026-01/2026-03 (Q1). MIPS #498's identification window is the period moved back two
// months: 2025-11-01 to 2026-01-31. Report date 2026-04-05.
//
//   id   born        visits (roster)        screenings                         referral / contact
//   P01  1980-05-05  2026-01-10             01-10 all five, food +             food bank in-progress 03-11 (day 60)
//   P02  1990-01-01  2026-01-15             01-15 all five, housing +          housing in-progress 03-17 (day 61)
//   P03  2008-02-20  2026-02-20 (18 today)  none                               -
//   P04  2008-02-21  2026-02-20 (17)        none                               -
//   P05  1975-03-03  2026-02-01             02-01 partial (no utilities, no safety)
//   P06  1960-06-06  2026-01-05, 03-01      01-05 all five, transport +;       call "connected" 02-10 (day 36)
//                                           03-01 all five, none +
//   P07  1970-07-07  2026-03-10, declined screening 03-10
//   P08  1985-08-08  2026-01-31             01-31 all five, food +             completed 04-01: day 60, AFTER the period
//   P09  1995-09-09  2025-11-15             11-15 all five, utilities +        completed 12-20 (day 35)
//   P11  (not on the roster; its screening says born 1999-01-01) 02-02 all five, food +
//   one screening in Q1 linked to no patient
//
// MIPS #487 (patients with a visit in Q1 at 18+):
//   P01 den+num; P02 den+num; P03 den (18 on the visit day) not screened; P04 out (17);
//   P05 den, partial: not num; P06 den+num (screened twice, counted once); P07 den+exception
//   (declined, not screened); P08 den+num; P09 out (visit in November); P11 out (not on roster)
//   -> denominator 7, exception 1, numerator 4, score 4/(7-1) = 0.6667
// MIPS #498 (18+, positive in 2025-11-01..2026-01-31, with a visit in that window):
//   P01 den+num (day 60 counts); P02 den (day 61: too late); P06 den+num (patient confirmed by
//   phone, day 36); P08 den (contact within 60 days but after 31 March); P09 den+num (day 35);
//   P11 out (screened 02-02, after the window)
//   -> denominator 5, numerator 3, score 0.6
// SDOH-1 (visits in Q1, 18+ on the visit day):
//   P01 01-10 num; P02 01-15 num; P03 02-20 den only; P04 02-20 out (17); P05 02-01 den (partial);
//   P06 01-05 num; P06 03-01 num; P07 03-10 exclusion (declined); P08 01-31 num
//   -> denominator 8, exclusion 1, numerator 5, score 5/7 = 0.7143
// SDOH-2 (denominator: the 5 SDOH-1 numerator visits): food P01, P08 = 2; housing P02 = 1;
//   transportation P06 01-05 = 1; utilities 0; interpersonal safety 0.
#include "core/actions/measure_report.hpp"
#include "core/actions/measures.hpp"
#include "core/base/calendar_date.hpp"
#include "core/base/error.hpp"
#include "core/referral/follow_up.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace safetynet::core;

namespace {

const char* kFive[] = {"food-insecurity", "housing-instability", "transportation-insecurity", "utility-insecurity",
                       "intimate-partner-violence"};

StoredScreening screening(const std::string& id, const std::string& patient, const std::string& date,
                          const std::vector<std::string>& positive, const std::vector<std::string>& answered = {}) {
    StoredScreening s;
    s.id = id;
    s.patient_id = patient;
    s.authored = date + "T10:00:00Z";
    s.imported = s.authored;
    s.instrument = "ahc-hrsn";
    s.source = "clinician";
    s.questionnaire_response = "{}";
    for (const char* d : kFive) {
        const bool ans = answered.empty() || std::find(answered.begin(), answered.end(), d) != answered.end();
        const bool pos = std::find(positive.begin(), positive.end(), d) != positive.end();
        s.needs.push_back({d, pos, ans, false});
    }
    return s;
}

Referral referral(const std::string& id, const std::string& screening_id, const std::string& domain, const std::string& sent) {
    Referral r;
    r.id = id;
    r.direction = ReferralDirection::Outgoing;
    r.created = sent + "T11:00:00Z";
    r.screening_id = screening_id;
    r.organization.name = "Westside Food Bank";
    r.requester.name = "Eastside Clinic";
    r.patient.name = "Test " + id;
    r.needs.push_back({domain, domain, false, {}});
    r.history.push_back({TaskStatus::Requested, ReferralActor::Requester, r.created, "", "", "", "", "local"});
    return r;
}

void org_event(Referral& r, TaskStatus s, const std::string& date, const std::string& outcome = "") {
    r.history.push_back({s, ReferralActor::Performer, date + "T09:00:00Z", outcome, "", "", "", "bundle x"});
}

void roster(StoreData& d, const std::string& id, const std::string& born, std::vector<std::string> visits,
            std::vector<std::string> declined = {}) {
    RosterPatient p;
    p.id = id;
    p.birth_date = born;
    for (const std::string& v : visits) p.visits.push_back({v, "", "ambulatory"});
    p.declined = std::move(declined);
    d.roster.patients[id] = p;
}

StoreData hand_worked(bool with_roster) {
    StoreData d;
    auto add = [&](StoredScreening s) { d.screenings[s.id] = std::move(s); };
    add(screening("s01", "P01", "2026-01-10", {"food-insecurity"}));
    add(screening("s02", "P02", "2026-01-15", {"housing-instability"}));
    add(screening("s05", "P05", "2026-02-01", {}, {"food-insecurity", "housing-instability", "transportation-insecurity"}));
    add(screening("s06a", "P06", "2026-01-05", {"transportation-insecurity"}));
    add(screening("s06b", "P06", "2026-03-01", {}));
    add(screening("s08", "P08", "2026-01-31", {"food-insecurity"}));
    add(screening("s09", "P09", "2025-11-15", {"utility-insecurity"}));
    StoredScreening s11 = screening("s11", "P11", "2026-02-02", {"food-insecurity"});
    s11.birth_date = "1999-01-01";
    add(s11);
    add(screening("s-unlinked", "", "2026-02-03", {"food-insecurity"}));

    Referral r1 = referral("r01", "s01", "food-insecurity", "2026-01-10");
    org_event(r1, TaskStatus::Accepted, "2026-01-12");
    org_event(r1, TaskStatus::InProgress, "2026-03-11");
    Referral r2 = referral("r02", "s02", "housing-instability", "2026-01-15");
    org_event(r2, TaskStatus::Accepted, "2026-01-16");
    org_event(r2, TaskStatus::InProgress, "2026-03-17");
    Referral r6 = referral("r06", "s06a", "transportation-insecurity", "2026-01-05");
    r6.follow_ups.push_back({"2026-02-10T15:00:00Z", "nurse", "connected", "has a ride now", ""});
    Referral r8 = referral("r08", "s08", "food-insecurity", "2026-01-31");
    org_event(r8, TaskStatus::Accepted, "2026-02-02");
    org_event(r8, TaskStatus::Completed, "2026-04-01", "got-help");
    Referral r9 = referral("r09", "s09", "utility-insecurity", "2025-11-15");
    org_event(r9, TaskStatus::Accepted, "2025-11-20");
    org_event(r9, TaskStatus::Completed, "2025-12-20", "got-help");
    for (Referral* r : {&r1, &r2, &r6, &r8, &r9}) d.referrals[r->id] = *r;

    if (with_roster) {
        roster(d, "P01", "1980-05-05", {"2026-01-10"});
        roster(d, "P02", "1990-01-01", {"2026-01-15"});
        roster(d, "P03", "2008-02-20", {"2026-02-20"});
        roster(d, "P04", "2008-02-21", {"2026-02-20"});
        roster(d, "P05", "1975-03-03", {"2026-02-01"});
        roster(d, "P06", "1960-06-06", {"2026-01-05", "2026-03-01"});
        roster(d, "P07", "1970-07-07", {"2026-03-10"}, {"2026-03-10"});
        roster(d, "P08", "1985-08-08", {"2026-01-31"});
        roster(d, "P09", "1995-09-09", {"2025-11-15"});
    } else {
        // Without the EHR, ages come from the screenings that carry a birth date.
        d.screenings["s01"].birth_date = "1980-05-05";
        d.screenings["s06a"].birth_date = "1960-06-06";
    }
    return d;
}

const MeasureExplanation* why(const MeasuresReport& m, const std::string& measure, const std::string& patient,
                              const std::string& visit = "", const std::string& group = "") {
    for (const MeasureExplanation& e : m.explanations)
        if (e.measure == measure && e.patient == patient && e.group == group && (visit.empty() || e.visit == visit)) return &e;
    return nullptr;
}

const MeasuresReport& report_with_roster() {
    static const MeasuresReport m =
        compute_measures(hand_worked(true), {parse_date_period("2026-01/2026-03", "measures"), "2026-04-05T12:00:00Z"});
    return m;
}

}  // namespace

TEST_CASE("measures: calendar arithmetic the measures rely on") {
    CHECK(age_on("2008-02-20", "2026-02-20") == 18);
    CHECK(age_on("2008-02-21", "2026-02-20") == 17);
    CHECK(age_on("2004-02-29", "2022-02-28") == 17);  // a leap-day birthday is reached on 1 March
    CHECK(age_on("2004-02-29", "2022-03-01") == 18);
    CHECK(days_between_dates("2026-01-10", "2026-03-11") == 60);
    CHECK(mips498_identification_period(parse_date_period("2026-01/2026-12", "m")).from == "2025-11-01");
    CHECK(mips498_identification_period(parse_date_period("2026-01/2026-12", "m")).to == "2026-10-31");
    CHECK(mips498_identification_period(parse_date_period("2026-01/2026-03", "m")).to == "2026-01-31");
    CHECK(add_months_to_date("2026-03-31", -1) == "2026-02-28");
    CHECK_THROWS_AS(parse_date_period("2026-03/2026-01", "m"), Error);
    CHECK_THROWS_AS(parse_date_period("Q1 2026", "m"), Error);
}

TEST_CASE("measures: MIPS #487 on the hand-worked set") {
    const MeasuresReport& m = report_with_roster();
    const MeasureGroupResult& g = m.measure("mips-487").groups.at(0);
    CHECK(g.denominator == 7);
    CHECK(g.exception == 1);
    CHECK(g.numerator == 4);
    REQUIRE(g.score());
    CHECK(*g.score() == doctest::Approx(4.0 / 6.0));
    CHECK(why(m, "mips-487", "P03")->reason == "not-screened");  // 18 on the day of the visit: in
    CHECK(why(m, "mips-487", "P04")->reason == "under-18");
    CHECK(why(m, "mips-487", "P05")->reason == "partial");
    CHECK(why(m, "mips-487", "P05")->params.back().second == "utility-insecurity, interpersonal-safety");
    CHECK(why(m, "mips-487", "P06")->reason == "screened-all");   // twice screened, one line, one count
    CHECK(std::count_if(m.explanations.begin(), m.explanations.end(),
                        [](const MeasureExplanation& e) { return e.measure == "mips-487" && e.patient == "P06"; }) == 1);
    CHECK(why(m, "mips-487", "P07")->reason == "declined");
    CHECK(why(m, "mips-487", "P09")->reason == "no-visit");
    CHECK(why(m, "mips-487", "P11")->reason == "not-on-roster");
    CHECK(m.unlinked_screenings == 1);
}

TEST_CASE("measures: MIPS #498 on the hand-worked set, boundaries at 60 days and the period's end") {
    const MeasuresReport& m = report_with_roster();
    const MeasureGroupResult& g = m.measure("mips-498").groups.at(0);
    CHECK(g.denominator == 5);
    CHECK(g.numerator == 3);
    CHECK(*g.score() == doctest::Approx(0.6));
    CHECK(why(m, "mips-498", "P01")->reason == "connected");  // day 60
    CHECK(why(m, "mips-498", "P02")->reason == "contact-too-late");  // day 61
    CHECK(why(m, "mips-498", "P06")->reason == "connected");  // the patient said so on a follow-up call
    CHECK(why(m, "mips-498", "P08")->reason == "contact-after-period");
    CHECK(why(m, "mips-498", "P09")->reason == "connected");
    CHECK(why(m, "mips-498", "P11") == nullptr);  // screened after the window: not considered
}

TEST_CASE("measures: SDOH-1 and SDOH-2 per visit on the hand-worked set") {
    const MeasuresReport& m = report_with_roster();
    const MeasureGroupResult& s1 = m.measure("sdoh-1").groups.at(0);
    CHECK(s1.denominator == 8);
    CHECK(s1.exclusion == 1);
    CHECK(s1.numerator == 5);
    CHECK(*s1.score() == doctest::Approx(5.0 / 7.0));
    const auto& s2 = m.measure("sdoh-2").groups;
    REQUIRE(s2.size() == 5);
    const std::vector<std::size_t> expected = {2, 1, 1, 0, 0};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(s2[i].denominator == 5);
        CHECK(s2[i].numerator == expected[i]);
    }
    CHECK(why(m, "sdoh-1", "P06", "2026-03-01")->reason == "screened-visit");
    CHECK(why(m, "sdoh-1", "P07", "2026-03-10")->reason == "declined");
    CHECK(why(m, "sdoh-2", "P06", "2026-01-05", "transportation-insecurity")->reason == "positive");
}

TEST_CASE("measures: without the EHR roster the denominators are missing, never guessed") {
    const MeasuresReport m =
        compute_measures(hand_worked(false), {parse_date_period("2026-01/2026-03", "measures"), "2026-04-05T12:00:00Z"});
    CHECK_FALSE(m.has_roster);
    const MeasureResult& mips487 = m.measure("mips-487");
    CHECK(mips487.denominator_missing);
    CHECK_FALSE(mips487.groups[0].denominator.has_value());
    CHECK_FALSE(mips487.groups[0].score().has_value());
    // P01 and P06 (birth dates on their screenings) and P11: screened for all five in Q1.
    // P02 and P08 have no known age: not counted, and said so.
    CHECK(mips487.groups[0].numerator == 3);
    CHECK(why(m, "mips-487", "P02")->reason == "age-unknown");
    CHECK(m.measure("sdoh-1").denominator_missing);
    CHECK_FALSE(m.measure("sdoh-1").groups[0].numerator.has_value());
    // The MeasureReport says "unknown" for what it does not have.
    const auto reports = reports_from_measures(m);
    const ReportCount* den = find_population(reports[0].groups[0].populations, kPopDenominator);
    REQUIRE(den);
    CHECK_FALSE(den->value.has_value());
    CHECK(den->absent == kAbsentUnknown);
}

TEST_CASE("measures: MeasureReports read back exactly as written") {
    const MeasuresReport& m = report_with_roster();
    const auto reports = reports_from_measures(m);
    const DatePeriod p = m.options.period;
    for (const Report& r : reports) {
        const Report back = read_measure_report(measure_report_json(r, p, "2026-04-05T12:00:00Z", "Eastside Clinic"), r.measure);
        REQUIRE(back.groups.size() == r.groups.size());
        for (std::size_t i = 0; i < r.groups.size(); ++i) {
            CHECK(back.groups[i].code == r.groups[i].code);
            CHECK(back.groups[i].populations == r.groups[i].populations);
        }
    }
    nlohmann::json bad = measure_report_json(reports[0], p, "2026-04-05T12:00:00Z", "x");
    bad["group"][0]["population"][1].erase("count");
    CHECK_THROWS_WITH_AS(read_measure_report(bad, "file"), doctest::Contains("data-absent-reason"), Error);
    bad = measure_report_json(reports[0], p, "2026-04-05T12:00:00Z", "x");
    bad["measure"] = "http://example.org/Measure/other";
    CHECK_THROWS_WITH_AS(read_measure_report(bad, "file"), doctest::Contains("unknown measure"), Error);
}
