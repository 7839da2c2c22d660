#pragma once
// Shared referral fixtures: a screening scored by the real engine, and a referral made from it.
#include "core/screening/instruments.hpp"
#include "core/referral/referral.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace safetynet::test {

// An AHC HRSN core screening with food insecurity, housing instability and transportation
// positive (and safety negative), from a simple answer map, as the kiosk or clinician enters it.
struct SampleScreening {
    std::shared_ptr<const core::Questionnaire> q = core::load_builtin_instrument("ahc-hrsn");
    core::Response response;
    core::ScreeningResult result;
    SampleScreening()
        : response(core::Response::from_simple(q, nlohmann::json::parse(R"({
              "71802-3": "LA31994-9", "96778-6": ["LA9-3"], "88122-7": "LA28397-0", "88123-5": "LA28398-8",
              "93030-5": "LA33-6", "96779-4": "LA32-8",
              "95618-5": "LA6270-8", "95617-7": "LA6270-8", "95616-9": "LA6270-8", "95615-1": "LA6270-8"})"))),
          result(core::score(response, "ahc-hrsn")) {}
};

inline core::ReferralPatient sample_patient() {
    core::ReferralPatient p;
    p.name = "Alex Testperson";
    p.family = "Testperson";
    p.given = {"Alex"};
    p.birth_date = "1980-02-29";
    p.phone = "+1 555 0100";
    p.preferred_contact = "sms";
    p.language = "es";
    p.contact_note = "after 5 pm, no voicemail";
    return p;
}

inline core::ReferralConsent sample_consent(const std::string& at = "2025-06-01T14:25:00Z") {
    core::ReferralConsent c;
    c.date_time = at;
    c.scope = "Share my name, phone and food and housing needs with Westside Food Bank.";
    return c;
}

inline core::Referral sample_referral(const core::ScreeningResult& result, const std::string& now = "2025-06-01T14:30:00Z",
                                      const std::string& org = "Westside Food Bank") {
    core::ReferralParty clinic{"Eastside Community Clinic", "", std::nullopt, ""};
    core::ReferralParty cbo{org, "org-westside-food", std::nullopt, ""};
    std::vector<core::ReferralService> services = {
        {"svc-pantry", "Food pantry", "loc-main", "Main pantry", "12 Harbor St, Springfield"},
        {"svc-snap", "SNAP application help", "", "", ""}};
    core::Referral r = core::new_referral(sample_patient(), clinic, cbo, core::needs_from_screening(result), services,
                                          sample_consent(), now);
    r.note = "Prefers morning appointments.";
    r.priority = core::ReferralPriority::Urgent;
    r.clinician = "Dr. R. Diaz";
    return r;
}

inline core::StatusEvent event(core::TaskStatus s, const std::string& at, const std::string& outcome = {},
                               const std::string& reason = {}) {
    core::StatusEvent e;
    e.status = s;
    e.by = core::ReferralActor::Performer;
    e.at = at;
    e.outcome = outcome;
    e.reason = reason;
    e.source = "test";
    return e;
}

}  // namespace safetynet::test
