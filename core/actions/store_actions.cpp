// The screens' operations on the store (store_actions.hpp).
#include "core/actions/store_actions.hpp"

#include "core/actions/capacity.hpp"
#include "core/actions/dashboard.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/referral/status_update.hpp"
#include "core/store/stored_screening.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace safetynet::core {

namespace {

bool same_keys(const ContactCard& a, const ContactCard& b) {
    return a.signing_key.key_id == b.signing_key.key_id && a.signing_key.key == b.signing_key.key &&
           a.recipient == b.recipient;
}

const Referral& existing(const Store& store, std::string_view id) {
    const Referral* r = store.referral(id);
    if (!r) throw Error("unknown-referral", "referral " + std::string(id), "no such referral in the store");
    return *r;
}

// Signs with the site's key and encrypts to the other side and to the site itself (so it can
// reopen what it sent); the FHIR text is wiped once sealed.
SealedBundle seal(BundleKind kind, std::string fhir, const ContactCard& to, const KeySet& keys, bool armor,
                  std::string_view now) {
    BundleHeader header;
    header.kind = kind;
    header.id = new_bundle_id();
    header.created = std::string(now);
    header.sender = keys.contact_card();
    SealedBundle out;
    out.bundle_id = header.id;
    out.file = seal_bundle(header, fhir, keys.signing_key, {AgeRecipient(to.recipient), AgeRecipient(keys.age_identity.recipient())},
                           armor);
    secure_wipe(fhir);
    return out;
}

std::string status_detail(TaskStatus from, const StatusEvent& e) {
    std::string d = std::string(task_status_code(from)) + " -> " + std::string(task_status_code(e.status));
    if (!e.outcome.empty()) d += " (" + e.outcome + ")";
    return d;
}

}  // namespace

std::vector<ContactCard> trusted_cards(const Store& store) {
    std::vector<ContactCard> out;
    for (const TrustedContact& c : store.data().contacts) out.push_back(c.card);
    return out;
}

void trust_contact(Store& store, const ContactCard& card, std::string note, std::string_view now, std::string_view actor) {
    auto& contacts = store.contacts();
    for (TrustedContact& c : contacts)
        if (same_keys(c.card, card)) {
            c.card.name = card.name;
            c.note = std::move(note);
            store.audit(std::string(actor), "contact-updated", "contact " + card.fingerprint(), {}, std::string(now));
            return;
        }
    contacts.push_back({card, std::string(now), std::move(note)});
    store.audit(std::string(actor), "contact-trusted", "contact " + card.fingerprint(), {}, std::string(now));
}

void store_add_referral(Store& store, Referral r, std::string_view actor) {
    if (store.referral(r.id)) throw Error("duplicate-referral", "referral " + r.id, "a referral with this id is already stored");
    check_referral(r);
    // Fixed when the referral is made, so a later change of the site's settings does not move it.
    if (r.expected_response.empty() && r.direction == ReferralDirection::Outgoing)
        r.expected_response = expected_response_date(r, store.settings().response_days);
    const std::string id = r.id;
    const std::string at = r.created;
    store.put_referral(std::move(r));
    store.audit(std::string(actor), "referral-created", "referral " + id, {}, at);
}

SealedBundle export_referral(Store& store, std::string_view referral_id, const KeySet& keys, bool armor,
                             std::string_view now, std::string_view actor) {
    // The caller's view may point into the store (a referral's own id), which put_referral()
    // replaces below: keep a copy.
    const std::string referral_id_copy(referral_id);
    referral_id = referral_id_copy;
    Referral r = existing(store, referral_id);
    if (r.direction != ReferralDirection::Outgoing)
        throw Error("referral-status", "referral " + r.id, "only a referral this site made can be sent");
    if (r.status() != TaskStatus::Requested)
        throw Error("referral-status", "referral " + r.id,
                    "a referral is sent while requested; this one is " + std::string(task_status_code(r.status())));
    if (!r.organization.card)
        throw Error("no-recipient", "referral " + r.id,
                    r.organization.name + " has no SafetyNet key: print or fax the summary instead");
    std::string fhir;
    const StoredScreening* stored = r.screening_id.empty() ? nullptr : store.screening(r.screening_id);
    if (stored) {
        RebuiltScreening rebuilt = rebuild_screening(*stored);
        ReferralScreening rs{&rebuilt.response, &rebuilt.result, stored->authored, stored->language};
        nlohmann::json j = referral_bundle(r, &rs);
        fhir = j.dump();
        wipe_json(j);
        rebuilt.response.wipe();
    } else {
        nlohmann::json j = referral_bundle(r);
        fhir = j.dump();
        wipe_json(j);
    }
    SealedBundle out = seal(BundleKind::Referral, std::move(fhir), *r.organization.card, keys, armor, now);
    r.bundle_id = out.bundle_id;
    store.put_referral(std::move(r));
    store.audit(std::string(actor), "referral-exported", "referral " + std::string(referral_id),
                "bundle " + out.bundle_id, std::string(now));
    return out;
}

void record_referral_status(Store& store, std::string_view referral_id, StatusEvent event, std::string_view actor) {
    // The caller's view may point into the store (a referral's own id), which put_referral()
    // replaces below: keep a copy.
    const std::string referral_id_copy(referral_id);
    referral_id = referral_id_copy;
    Referral r = existing(store, referral_id);
    const TaskStatus from = r.status();
    event.by = r.direction == ReferralDirection::Outgoing ? ReferralActor::Requester : ReferralActor::Performer;
    if (event.source.empty()) event.source = "local";
    check_outcome(event.outcome, event.status, event.reason, "referral " + r.id);
    const std::string detail = status_detail(from, event);
    const std::string at = event.at;
    record_status(r, std::move(event));
    store.put_referral(std::move(r));
    store.audit(std::string(actor), "status-recorded", "referral " + std::string(referral_id), detail, at);
}

SealedBundle export_status_update(Store& store, std::string_view referral_id, const KeySet& keys, bool armor,
                                  std::string_view now, std::string_view actor) {
    // The caller's view may point into the store (a referral's own id), which put_referral()
    // replaces below: keep a copy.
    const std::string referral_id_copy(referral_id);
    referral_id = referral_id_copy;
    const Referral& r = existing(store, referral_id);
    const std::optional<ContactCard>& to =
        r.direction == ReferralDirection::Incoming ? r.requester.card : r.organization.card;
    if (!to) throw Error("no-recipient", "referral " + r.id, "the other side of this referral has no SafetyNet key");
    nlohmann::json j = status_update_bundle(r);
    std::string fhir = j.dump();
    wipe_json(j);
    SealedBundle out = seal(BundleKind::StatusUpdate, std::move(fhir), *to, keys, armor, now);
    store.audit(std::string(actor), "status-exported", "referral " + std::string(referral_id),
                std::string(task_status_code(r.status())) + ", bundle " + out.bundle_id, std::string(now));
    return out;
}

ImportResult import_bundle(Store& store, const OpenedBundle& bundle, std::string_view now, std::string_view actor) {
    const std::string where = "bundle " + bundle.header.id;
    if (bundle.trust != BundleTrust::Trusted)
        throw Error("untrusted-bundle", where,
                    bundle.trust == BundleTrust::Replay ? "already imported" : "its signer is not a trusted contact");
    ImportResult result;
    result.kind = bundle.header.kind;
    const std::string source = "bundle " + bundle.header.id;
    switch (bundle.header.kind) {
        case BundleKind::Screening: {
            StoredScreening s = screening_from_bundle(bundle.fhir_json, source, now);
            result.id = s.id;
            store.put_screening(std::move(s));
            store.audit(std::string(actor), "screening-imported", "screening " + result.id, source, std::string(now));
            break;
        }
        case BundleKind::Referral: {
            Referral r = read_referral_bundle(bundle.fhir_json);
            if (store.referral(r.id)) throw Error("duplicate-referral", where, "this referral is already here");
            r.requester.card = bundle.header.sender;
            r.bundle_id = bundle.header.id;
            if (!store.data().key_sets.empty()) r.organization.card = store.data().key_sets.front().contact_card();
            result.id = r.id;
            result.status = r.status();
            store.put_referral(std::move(r));
            store.audit(std::string(actor), "referral-received", "referral " + result.id, source, std::string(now));
            break;
        }
        case BundleKind::StatusUpdate: {
            const StatusUpdate u = read_status_update(bundle.fhir_json);
            const Referral* stored = store.referral(u.task_id);
            if (!stored)
                throw Error("unknown-referral", "Task.identifier",
                            "no referral here has the id urn:uuid:" + u.task_id + "; the update was not applied");
            Referral r = *stored;
            const ReferralActor who = actor_for_signer(r, bundle.header.sender);
            const TaskStatus from = r.status();
            apply_status_update(r, u, who, source);
            result.id = r.id;
            result.status = r.status();
            const std::string detail = status_detail(from, r.last_event());
            store.put_referral(std::move(r));
            store.audit(std::string(actor), "status-imported", "referral " + result.id, detail + ", " + source,
                        std::string(now));
            break;
        }
        case BundleKind::CapacityUpdate:
            apply_capacity_update(store, bundle, now, actor);
            break;
        case BundleKind::NetworkReport:
            throw Error("wrong-kind", where, "a network report: open it in the dashboard's network view, not as an import");
    }
    record_import(store.ledger(), bundle);
    return result;
}

std::vector<ReferralRow> list_referrals(const Store& store, std::string_view now) {
    std::vector<ReferralRow> rows;
    const int days = store.data().settings.overdue_days;
    for (const auto& [id, r] : store.referrals())
        rows.push_back({&r, r.status(), r.last_modified(), days_since_update(r, now), referral_overdue(r, now, days)});
    std::sort(rows.begin(), rows.end(), [](const ReferralRow& a, const ReferralRow& b) {
        return a.referral->created != b.referral->created ? a.referral->created > b.referral->created
                                                          : a.referral->id < b.referral->id;
    });
    return rows;
}

}  // namespace safetynet::core
