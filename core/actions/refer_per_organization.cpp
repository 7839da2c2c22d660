#include "core/actions/refer_per_organization.hpp"

#include "core/actions/store_actions.hpp"
#include "core/base/error.hpp"
#include "core/base/text_fold.hpp"

#include <map>
#include <set>

namespace safetynet::core {

namespace {

ReferralParty requesting_site(Store& store) {
    if (store.key_sets().empty()) throw Error("no-keys", "store", "this site has no key set to send referrals with");
    ReferralParty clinic;
    clinic.name = store.settings().name;
    clinic.card = store.key_sets().front().contact_card();
    return clinic;
}

ReferralParty receiving_organization(const Store& store, const OrganizationPicks& group) {
    ReferralParty party;
    party.name = group.organization;
    party.directory_id = group.services.front().organization_id;
    if (const TrustedContact* c = contact_for_organization(store, group.organization)) party.card = c->card;
    return party;
}

// The group's services, and the needs they were picked for.
void services_and_needs(const OrganizationPicks& group, const std::vector<ReferralNeed>& all_needs,
                        std::vector<ReferralService>& services, std::vector<ReferralNeed>& needs) {
    std::set<std::string> domains;
    for (const PickedService& p : group.services) {
        services.push_back(ReferralService{p.service_id, p.name, p.location_id, "", p.address});
        domains.insert(p.domain);
    }
    for (const ReferralNeed& n : all_needs)
        if (domains.count(n.domain)) needs.push_back(n);
}

}  // namespace

std::vector<OrganizationPicks> group_by_organization(const std::vector<PickedService>& picks) {
    std::map<std::string, std::vector<PickedService>> by_name;
    for (const PickedService& p : picks) by_name[p.organization].push_back(p);
    std::vector<OrganizationPicks> out;
    for (auto& [name, services] : by_name) out.push_back({name, std::move(services)});
    return out;
}

const TrustedContact* contact_for_organization(const Store& store, std::string_view name) {
    const std::string want = fold_text(name);
    for (const TrustedContact& c : store.data().contacts)
        if (fold_text(c.card.name) == want) return &c;
    return nullptr;
}

std::vector<std::string> refer_per_organization(Store& store, const ReferralRequest& request,
                                                const std::vector<PickedService>& picks, std::string_view now,
                                                std::string_view actor) {
    const ReferralParty clinic = requesting_site(store);
    std::vector<std::string> made;
    try {
        for (const OrganizationPicks& group : group_by_organization(picks)) {
            std::vector<ReferralService> services;
            std::vector<ReferralNeed> needs;
            services_and_needs(group, request.needs, services, needs);
            Referral r = new_referral(request.patient, clinic, receiving_organization(store, group), needs, services,
                                      request.consent, now);
            r.priority = request.priority;
            r.note = request.note;
            r.clinician = request.clinician;
            r.screening_id = request.screening_id;
            const std::string id = r.id;
            store_add_referral(store, std::move(r), actor);
            made.push_back(id);
        }
    } catch (const Error&) {
        // Nothing half-made stays: the referrals of this call are taken back.
        for (const std::string& id : made) store.remove_referral(id);
        throw;
    }
    return made;
}

}  // namespace safetynet::core
