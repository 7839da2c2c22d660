#pragma once
// The EHR's part of a denominator: which patients the clinic saw, when, how old they were, and
// who declined screening. Only the EHR knows it; the clinic exports it and imports it here, into
// the encrypted store (section "roster"), where the measures (measures.hpp) read it.
//
// CSV (RFC 4180, a header row; columns in any order, names as below, case ignored):
//   patient_id,birth_date,visit_date[,visit_end][,visit_type][,declined_screening]
//   one row per visit; a row with an empty visit_date only names the patient (or a decline).
//   Dates are YYYY-MM-DD; visit_type is free text (ambulatory, inpatient, ...).
// FHIR R4 (a Bundle, any type):
//   Patient       its first identifier's value (else its id) is the patient id; birthDate
//   Encounter     subject -> a Patient of the Bundle; period.start (and end) are the visit;
//                 class.code its type
//   Observation   with dataAbsentReason asked-declined (the person declined to answer: FHIR's
//                 data-absent-reason code system), subject and effective[x]: a declined screening
// Times in the FHIR file are cut to their date. Every error names the line (CSV) or the entry
// and field (FHIR); nothing is imported from a file with an error.
#include "core/store/store.hpp"
#include "core/store/store_data.hpp"

#include <string>
#include <string_view>

namespace safetynet::core {

// Throws core::Error("roster", "<file> line N" / "<file> entry[i].field", ...).
Roster parse_roster_csv(std::string_view text, std::string_view file_name);
Roster parse_roster_fhir(std::string_view json, std::string_view file_name);
// By content: JSON (starts with '{' after blanks) is FHIR, anything else CSV.
Roster parse_roster(std::string_view bytes, std::string_view file_name);

struct RosterImportResult {
    std::size_t patients = 0;      // in the file
    std::size_t visits = 0;        // in the file
    std::size_t new_patients = 0;  // not in the store's roster before
};
// Adds the file's patients, visits and declines to the store's roster (a patient already there
// keeps its visits; the file's are added, duplicates once; a differing birth date is an error
// "roster-conflict" naming the patient). Audited as "roster-imported" with counts only.
RosterImportResult import_roster(Store& store, const Roster& roster, std::string_view now, std::string_view actor);

}  // namespace safetynet::core
