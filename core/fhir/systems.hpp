#pragma once
// The code systems and identifier systems our FHIR resources use, each written once: the
// canonical URLs HL7 publishes for them (FHIR R4 "Using Codes in Resources" §4.3 and
// terminology.hl7.org for the external terminologies; US Core 7 and SDOHCC STU 2 for their own
// code systems). A Coding or Identifier whose system differs by a character is another system.
namespace safetynet::core::fhir {

// External terminologies.
inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kSnomed = "http://snomed.info/sct";
inline constexpr const char* kIcd10cm = "http://hl7.org/fhir/sid/icd-10-cm";
inline constexpr const char* kBcp47 = "urn:ietf:bcp:47";  // language tags
// Identifier.system for an identifier whose value is a URI, such as "urn:uuid:…" (RFC 3986).
inline constexpr const char* kUriSystem = "urn:ietf:rfc:3986";

// HL7 terminology (THO).
inline constexpr const char* kObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char* kInterpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
inline constexpr const char* kDataAbsent = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
inline constexpr const char* kConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
inline constexpr const char* kConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
inline constexpr const char* kConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";
inline constexpr const char* kConsentPolicy = "http://terminology.hl7.org/CodeSystem/consentpolicycodes";
inline constexpr const char* kConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction";
inline constexpr const char* kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
inline constexpr const char* kParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

// FHIR R4 core.
inline constexpr const char* kTaskCode = "http://hl7.org/fhir/CodeSystem/task-code";
// The extension that says why a required element has no value (R4 extension-data-absent-reason).
inline constexpr const char* kDataAbsentReasonExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// US Core and the SDOH Clinical Care IG.
inline constexpr const char* kUsCoreCategory = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
inline constexpr const char* kConditionCategory = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
inline constexpr const char* kSdohccCodes =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

// Ours: the code a kiosk gives the person, as the Patient's identifier in a sealed screening.
inline constexpr const char* kPickupCodeSystem = "urn:safetynet:kiosk-pickup-code";
// Ours: what a referral Task's input is (the SDOHCC CodeSystem has no code for it).
inline constexpr const char* kTaskInputSystem = "urn:safetynet:fhir:task-input";
// Ours: where a Questionnaire's wording in one language comes from, on the Questionnaire (one
// per language) and on a QuestionnaireResponse (the language it was answered in): lang, kind
// ("original" | "official" | "project" | "unstated"), source, note (docs/SCREENING.md).
inline constexpr const char* kTranslationProvenance = "urn:safetynet:fhir:extension:translation-provenance";

}  // namespace safetynet::core::fhir
