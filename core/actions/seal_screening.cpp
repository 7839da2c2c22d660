#include "core/actions/seal_screening.hpp"

#include "core/base/crypto_init.hpp"
#include "core/base/json_read.hpp"
#include "core/exchange/bundle.hpp"
#include "core/fhir/systems.hpp"
#include "core/screening/screening_fhir.hpp"
#include "core/store/stored_screening.hpp"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cstdio>

namespace safetynet::core {

namespace {

// The person's only identifier in the bundle: the code on their screen.
void name_patient_by_code(nlohmann::json& fhir, const std::string& code) {
    for (auto& entry : fhir["entry"])
        if (string_field(entry["resource"], "resourceType") == "Patient")
            entry["resource"]["identifier"] = {{{"system", fhir::kPickupCodeSystem}, {"value", code}}};
}

}  // namespace

std::string new_pickup_code() {
    ensure_sodium();
    const std::uint32_t n = randombytes_uniform(1000000);
    char text[16];
    std::snprintf(text, sizeof text, "%03u %03u", n / 1000 % 1000, n % 1000);
    return text;
}

SealedScreening seal_screening_for_clinic(const Response& response, const ScreeningResult& result,
                                          std::string_view language, const KeySet& kiosk,
                                          std::string_view clinic_recipient, std::string_view now) {
    const auto clinic = X25519Recipient::parse(clinic_recipient);
    SealedScreening out;
    out.pickup_code = new_pickup_code();
    out.created = std::string(now);
    ScreeningFhirOptions options;
    options.authored = out.created;
    options.language = std::string(language);
    nlohmann::json fhir = screening_bundle(response, result, options);
    name_patient_by_code(fhir, out.pickup_code);
    std::string text = fhir.dump();
    wipe_json(fhir);
    BundleHeader header;
    header.kind = BundleKind::Screening;
    header.id = new_bundle_id();
    header.created = out.created;
    header.sender = kiosk.contact_card();
    out.bundle_id = header.id;
    // The clinic only: not the kiosk itself (a bundle usually goes to its sender too).
    try {
        out.file = seal_bundle(header, text, kiosk.signing_key, {AgeRecipient(clinic)});
    } catch (...) {
        sodium_memzero(text.data(), text.size());
        throw;
    }
    sodium_memzero(text.data(), text.size());
    return out;
}

}  // namespace safetynet::core
