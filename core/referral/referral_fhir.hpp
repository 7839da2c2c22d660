#pragma once
// A referral as FHIR R4 resources (SDOH Clinical Care IG, STU 2), added to a fhir::Bundle:
//
//   Patient            minimum necessary: identifier (urn:uuid, no PHI), name, and only what
//                      the clinician entered (birthDate, telecom with the preferred one ranked
//                      1, communication language)
//   Organization       the referring clinic and the receiving organization
//   HealthcareService  one per chosen service (+ its Location), providedBy the organization
//   RelatedPerson      when a representative gave consent
//   Consent            SDOHCC Consent: active, scope patient-privacy, category v3-ActCode IDSCL,
//                      patient, dateTime, performer, organization (the clinic),
//                      sourceAttachment (the scope text), policyRule hipaa-auth, provision
//                      permit: disclose to the receiving organization
//   ServiceRequest     SDOHCC ServiceRequest: status, intent order, category (SDOH category of
//                      each need; our need-domain code for the others), code (SNOMED CT
//                      410606002 social service procedure, text naming the services),
//                      orderDetail contacting-subject-prohibited when asked, priority, subject,
//                      occurrence, authoredOn, requester, performer (organization + services),
//                      reasonReference -> the screening's Conditions (reasonCode for needs
//                      without one), supportingInfo -> the Consent, note
//   Task               SDOHCC Task For Referral Management: identifier, status (+ statusReason,
//                      businessStatus, output resulting-activity for "got help"), intent order,
//                      priority, code fulfill, focus -> ServiceRequest, for -> Patient,
//                      authoredOn, lastModified, requester, owner, input screening-response
//                      (urn:safetynet:fhir:task-input) -> the QuestionnaireResponse
// plus, when the screening is given, its QuestionnaireResponse, Observations and Conditions
// (core/screening/screening_fhir.hpp add_screening, with this Patient as the subject).
//
// Full URLs are urn:uuid:<the referral's ids>, so the ServiceRequest and Task keep the same
// identity in every bundle they appear in (the referral, the EMR export). One bundle per
// receiving organization: referral_bundle().
//
// The organization side reads a referral bundle back into the model: read_referral_bundle().
#include "core/fhir/fhir_bundle.hpp"
#include "core/referral/referral.hpp"
#include "core/screening/screening_fhir.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace safetynet::core {

inline constexpr const char* kNeedDomainSystem = "urn:safetynet:fhir:need-domain";
inline constexpr const char* kHsdsOrganizationSystem = "urn:safetynet:hsds:organization";
inline constexpr const char* kHsdsServiceSystem = "urn:safetynet:hsds:service";
inline constexpr const char* kHsdsLocationSystem = "urn:safetynet:hsds:location";
inline constexpr const char* kContactFingerprintSystem = "urn:safetynet:contact-fingerprint";

// The screening a referral came from, when the caller has it (clinician screens, or a stored
// screening rebuilt with core/store/stored_screening.hpp).
struct ReferralScreening {
    const Response* response = nullptr;
    const ScreeningResult* result = nullptr;
    std::string authored;  // the screening's time; default: the referral's created
    std::string language;
};

// What add_referral put in the Bundle (full URLs).
struct ReferralRefs {
    std::string patient, requester, organization, consent, service_request, task;
    std::vector<std::string> services;
    ScreeningRefs screening;  // empty when no screening was given
};

// Adds the referral's resources. The Task shows `state` (default: the referral's last event).
// Organizations already in the Bundle (same full URL) are not added twice.
ReferralRefs add_referral(fhir::Bundle& bundle, const Referral& r, const ReferralScreening* screening = nullptr,
                          const StatusEvent* state = nullptr);

// The bundle sent to the receiving organization: a collection with the referral's resources
// and, when given, the screening; timestamp = the referral's last event.
nlohmann::json referral_bundle(const Referral& r, const ReferralScreening* screening = nullptr);

// ServiceRequest.status for a Task status: draft -> draft, entered-in-error ->
// entered-in-error, completed -> completed, rejected / cancelled / failed -> revoked, else
// active (the request stands while the organization works on it).
std::string_view service_request_status(TaskStatus status);

// The statusReason a status event carries (null when it has no outcome nor reason).
nlohmann::json status_reason_json(const StatusEvent& e);

// The Task alone, showing `state`. Inside a referral bundle it points at the ServiceRequest and
// Patient by full URL (urn:uuid:<their ids>); a status update, which carries neither, names
// them by identifier (by_identifier). requester/owner always refer to the Organizations'
// full URLs (urn:uuid:<fhir_id>), which the bundle must hold.
struct TaskLinks {
    bool by_identifier = false;
    std::string questionnaire_response;  // full URL for input[AdditionalContent], or empty
};
nlohmann::json referral_task_resource(const Referral& r, const StatusEvent& state, const TaskLinks& links);

// The organization side: reads a referral bundle (FHIR JSON) into an Incoming referral whose
// history is the Task's status as received. The requester's card is not in the FHIR (the
// bundle header carries it): set r.requester.card from OpenedBundle.header.sender. Throws
// core::Error("referral-bundle", <resource and field>, ...) for a bundle that is not a
// SafetyNet/SDOHCC referral.
Referral read_referral_bundle(std::string_view fhir_json);

}  // namespace safetynet::core
