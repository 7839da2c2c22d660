#pragma once
// The clinic's "Create referrals" in one call: the services a clinician picked, grouped by the
// organization that provides them, become one referral per organization (a referral goes to ONE
// receiving organization, core/referral/referral.hpp), each with the needs its services were
// picked for. All or nothing: if any referral cannot be made, none stays in the store.
#include "core/referral/referral.hpp"
#include "core/store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

// A service picked on the referral form, as the directory showed it.
struct PickedService {
    std::string service_id, location_id, name, organization, organization_id, address;
    std::string domain;  // the need it was picked for
};

// The picks of one receiving organization, in the order given.
struct OrganizationPicks {
    std::string organization;
    std::vector<PickedService> services;
};
// The picks grouped by organization name, the organizations in name order: one referral each.
std::vector<OrganizationPicks> group_by_organization(const std::vector<PickedService>& picks);

// The trusted contact whose card bears this organization's name, compared folded (case and
// accents, as the directory's own search compares names), or nullptr.
const TrustedContact* contact_for_organization(const Store& store, std::string_view name);

// What every referral of one click shares.
struct ReferralRequest {
    ReferralPatient patient;
    ReferralConsent consent;
    ReferralPriority priority = ReferralPriority::Routine;
    std::string note;
    std::string clinician;
    std::string screening_id;        // the stored screening the needs come from
    std::vector<ReferralNeed> needs;  // all of them; each referral takes those its services were picked for
};

// One referral per organization among `picks` (group_by_organization), requested by this store's
// site (its name and first key set's card) and addressed to the organization's trusted card when
// there is one, added with store_add_referral. Returns the new ids in organization order.
// Throws the errors of new_referral and store_add_referral, "no-keys" when the store has no key
// set; then the referrals made so far are removed again.
std::vector<std::string> refer_per_organization(Store& store, const ReferralRequest& request,
                                                const std::vector<PickedService>& picks, std::string_view now,
                                                std::string_view actor);

}  // namespace safetynet::core
