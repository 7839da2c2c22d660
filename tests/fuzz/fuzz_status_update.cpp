// The readers of what the other side of a referral sends: a status update (applied, when it
// reads, to a fixed referral with the ids the seed corpus uses, so the transition and time
// checks run too) or, when the first byte is odd, a referral bundle (the organization's side).
// Any bytes must give a result or a core::Error, never a crash.
#include "core/base/error.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/status_update.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace safetynet::core;

namespace {

// The referral the seed corpus answers (its status updates name these ids).
Referral fixture_referral() {
    return referral_from_json(nlohmann::json::parse(R"({
      "safetynet_referral": 1,
      "id": "00000000-0000-4000-8000-000000000001", "service_request_id": "00000000-0000-4000-8000-000000000002",
      "patient_id": "00000000-0000-4000-8000-000000000003", "consent_id": "00000000-0000-4000-8000-000000000004",
      "direction": "outgoing", "created": "2025-06-01T14:30:00Z",
      "requester": {"name": "Eastside Community Clinic", "fhir_id": "00000000-0000-4000-8000-000000000005"},
      "organization": {"name": "Westside Food Bank", "fhir_id": "00000000-0000-4000-8000-000000000006"},
      "patient": {"name": "Fuzz Person"}, "needs": [{"domain": "food-insecurity", "codes": []}],
      "services": [{"name": "Food pantry"}], "priority": "routine",
      "consent": {"date_time": "2025-06-01T14:25:00Z"},
      "history": [{"status": "requested", "by": "requester", "at": "2025-06-01T14:30:00Z"}]})"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Referral base = fixture_referral();
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (data[0] & 1) {
            Referral r = read_referral_bundle(text);
            (void)referral_bundle(r);  // what was read must write back out
            r.wipe();
        } else {
            const StatusUpdate u = read_status_update(text);
            Referral r = base;
            if (u.task_id == r.id) {
                apply_status_update(r, u, ReferralActor::Performer, "fuzz");
                (void)status_update_bundle(r);
            }
        }
    } catch (const Error&) {
    }
    return 0;
}
