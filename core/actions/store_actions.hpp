#pragma once
// What the clinic and organization screens do with the store, one call each. Every action
// either completes (and writes an audit entry: ids and actions, never PHI) or throws
// core::Error and leaves the store exactly as it was. None saves: call store.save() after.
//
// Clinic (requester):
//   auto r = new_referral(patient, {site name}, {org name, card}, needs_from_screening(res),
//                         services, consent, utc_now_rfc3339());     // core/referral/referral.hpp
//   store_add_referral(store, r, "Dr. Diaz");
//   auto out = export_referral(store, r.id, keys, true, now, "Dr. Diaz");   // out.file: save it
//   ... later, a status update arrives:
//   OpenedBundle b = open_bundle(file, {keys.age_identity}, trusted_cards(store), &store.ledger());
//   if (b.trust == BundleTrust::Trusted) import_bundle(store, b, now, "Dr. Diaz");
//   for (const ReferralRow& row : list_referrals(store, now)) ... row.overdue ...
//
// Organization (performer):
//   import_bundle(store, opened_referral_bundle, now, "intake");   // the referral arrives
//   record_referral_status(store, id, {TaskStatus::Accepted, ...}, "intake");
//   auto update = export_status_update(store, id, keys, true, now, "intake");  // back to the clinic
#include "core/exchange/bundle.hpp"
#include "core/exchange/keyset.hpp"
#include "core/referral/referral.hpp"
#include "core/store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace safetynet::core {

// The cards of the store's trusted contacts (for open_bundle).
std::vector<ContactCard> trusted_cards(const Store& store);
// Adds a contact after its fingerprint was compared (or updates its name and note when its
// keys are already trusted).
void trust_contact(Store& store, const ContactCard& card, std::string note, std::string_view now, std::string_view actor);

// A new referral (new_referral() made it). Throws "duplicate-referral" if the id is taken.
void store_add_referral(Store& store, Referral r, std::string_view actor);

struct SealedBundle {
    std::string bundle_id;
    Bytes file;  // age, armored or binary
};

// The referral as a signed bundle (kind referral), sealed to the organization's card and to
// the clinic itself; includes the screening when the referral names a stored one. Records the
// bundle id on the referral. Throws "no-recipient" when the organization has no card (the
// screens offer the printable summary instead), "referral-status" when it is not requested.
SealedBundle export_referral(Store& store, std::string_view referral_id, const KeySet& keys, bool armor,
                             std::string_view now, std::string_view actor);

// Records a status change made here: by the requester on an outgoing referral (cancel,
// entered-in-error), by the performer on an incoming one (accept, complete with an outcome).
// `event.by` and `event.source` are set from the referral's direction; the transition rules,
// time order and outcome fit are checked (core/referral/referral_status.hpp, referral_outcome.hpp).
void record_referral_status(Store& store, std::string_view referral_id, StatusEvent event, std::string_view actor);

// The referral's current state as a signed status-update bundle, sealed to the other side's
// card and to this site. Throws "no-recipient" when the other side has no card.
SealedBundle export_status_update(Store& store, std::string_view referral_id, const KeySet& keys, bool armor,
                                  std::string_view now, std::string_view actor);

// Imports a bundle opened with open_bundle() (trust must be Trusted): a screening (kept, with
// its needs re-scored), a referral (organization side: kept as incoming), or a status update
// (matched to its referral and applied, the signer deciding who acts). Records the bundle in
// the seen-ids ledger only when the import succeeded. Throws the errors of the readers and of
// apply_status_update; "untrusted-bundle" when trust is not Trusted; "duplicate-referral".
struct ImportResult {
    BundleKind kind = BundleKind::Referral;
    std::string id;          // the screening's or referral's id in the store
    TaskStatus status = TaskStatus::Requested;  // the referral's status after the import
};
ImportResult import_bundle(Store& store, const OpenedBundle& bundle, std::string_view now, std::string_view actor);

// The referral list for the tracker: newest first.
struct ReferralRow {
    const Referral* referral = nullptr;
    TaskStatus status = TaskStatus::Requested;
    std::string last_update;
    long long days_since_update = 0;
    bool overdue = false;
};
std::vector<ReferralRow> list_referrals(const Store& store, std::string_view now);

}  // namespace safetynet::core
