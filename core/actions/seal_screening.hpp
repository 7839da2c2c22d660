#pragma once
// A kiosk's screening, sealed for the clinic in one call: the FHIR Bundle (QuestionnaireResponse,
// Observations, Conditions) naming the person only by a pickup code, signed with the kiosk's
// key and encrypted to the clinic's recipient alone, so the kiosk cannot read back what a
// patient shared. The clinic imports it with import_bundle() (store_actions.hpp), which reads
// the code back (screening_from_bundle, core/store/stored_screening.hpp).
#include "core/exchange/keyset.hpp"
#include "core/screening/response.hpp"
#include "core/screening/scoring.hpp"

#include <string>
#include <string_view>

namespace safetynet::core {

struct SealedScreening {
    std::string pickup_code;  // "042 917": shown to the person, read out at the front desk
    std::string bundle_id;    // a fresh UUID
    std::string created;      // `now`: the bundle's and the QuestionnaireResponse's time
    Bytes file;               // the age file (binary), for the outbox
};

// Six random digits in two groups of three, for reading aloud: one chance in a million that two
// people at one kiosk get the same code.
std::string new_pickup_code();

// Throws core::Error: "recipient" when `clinic_recipient` is not an age1… key, and the bundle
// errors of seal_bundle(). `now` is an RFC 3339 UTC time (the caller's clock).
SealedScreening seal_screening_for_clinic(const Response& response, const ScreeningResult& result,
                                          std::string_view language, const KeySet& kiosk,
                                          std::string_view clinic_recipient, std::string_view now);

}  // namespace safetynet::core
