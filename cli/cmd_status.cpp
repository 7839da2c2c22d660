// `safetynet status`: status updates (SDOHCC Task) made, read and applied.
#include "cli/args.hpp"
#include "cli/cmd_loop.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"
#include "core/base/json_read.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/referral/referral_outcome.hpp"
#include "core/referral/status_update.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace safetynet::cli {

namespace {
const char* const kStatusUsage =
    "safetynet status make (--referral-bundle FILE | --referral FILE) --status STATUS --at TIME\n"
    "                      [--outcome CODE] [--reason TEXT] [--business-status TEXT] [--note TEXT]\n"
    "                      [--by performer|requester]\n"
    "safetynet status read FILE\n"
    "safetynet status apply FILE --referral FILE [--by performer|requester]\n"
    "\n"
    "  make    the referral's new status as a status-update FHIR Bundle (the Task, and the two\n"
    "          Organizations it names). The referral: the referral Bundle as received\n"
    "          (--referral-bundle, the organization's side) or its JSON (--referral). STATUS:\n"
    "          draft, requested, accepted, rejected, cancelled, in-progress, on-hold, failed,\n"
    "          completed, entered-in-error; --by (default performer) must be allowed that move\n"
    "          from the referral's status (SDOHCC rules). --outcome: got-help, no-capacity,\n"
    "          waitlist, not-eligible, couldnt-contact, declined-by-patient, no-longer-needed,\n"
    "          other (each fits certain statuses; docs/REFERRALS.md). TIME: RFC 3339 UTC.\n"
    "  read    a status-update Bundle as JSON: task_id, service_request_id, patient_id,\n"
    "          status, at, outcome, reason, business_status, note, requester, organization.\n"
    "  apply   applies a status-update Bundle to a referral JSON and prints the referral\n"
    "          JSON with the new event (--by: who sent it, default performer).\n"
    "Refusals exit 2 with one line: status-update (malformed, naming the field),\n"
    "status-transition, stale-update, duplicate-update, referral-mismatch, outcome.";
}  // namespace

namespace {

core::ReferralActor actor(const Args& args) {
    const std::string by = args.value("--by").value_or("performer");
    const auto a = core::parse_referral_actor(by);
    if (!a) throw UsageError("--by must be performer or requester");
    return *a;
}

core::Referral load_referral(const std::string& path) {
    nlohmann::json j = core::parse_json_text(read_file(path), "malformed-json", path);
    core::Referral r = core::referral_from_json(j);
    core::wipe_json(j);
    return r;
}

}  // namespace

namespace {
int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--referral-bundle", true},
                           {"--referral", true},
                           {"--status", true},
                           {"--at", true},
                           {"--outcome", true},
                           {"--reason", true},
                           {"--business-status", true},
                           {"--note", true},
                           {"--by", true}});
    if (args.positional().empty()) throw UsageError("give a verb: make, read or apply");
    const std::string verb = args.positional()[0];
    if (verb == "make") {
        if (args.positional().size() != 1) throw UsageError("make takes no file argument");
        if (args.has("--referral-bundle") == args.has("--referral"))
            throw UsageError("give the referral once: --referral-bundle FILE or --referral FILE");
        core::Referral r = args.has("--referral")
                               ? load_referral(*args.value("--referral"))
                               : core::read_referral_bundle(read_file(*args.value("--referral-bundle")));
        core::StatusEvent e;
        const std::string status = args.required("--status");
        const auto s = core::parse_task_status(status);
        if (!s) throw UsageError("--status \"" + status + "\" is not a referral task status");
        e.status = *s;
        e.by = actor(args);
        e.at = args.required("--at");
        e.outcome = args.value("--outcome").value_or("");
        e.reason = args.value("--reason").value_or("");
        e.business_status = args.value("--business-status").value_or("");
        e.note = args.value("--note").value_or("");
        e.source = "local";
        core::check_outcome(e.outcome, e.status, e.reason, "--outcome");
        core::record_status(r, e);
        nlohmann::json out = core::status_update_bundle(r);
        std::cout << out.dump(2) << "\n";
        core::wipe_json(out);
        r.wipe();
        return 0;
    }
    if (verb == "read" || verb == "apply") {
        if (args.positional().size() != 2) throw UsageError(verb + " takes one status-update FILE");
        const core::StatusUpdate u = core::read_status_update(read_file(args.positional()[1]));
        if (verb == "read") {
            nlohmann::ordered_json out{{"task_id", u.task_id},
                                       {"service_request_id", u.service_request_id},
                                       {"patient_id", u.patient_id},
                                       {"status", std::string(core::task_status_code(u.event.status))},
                                       {"at", u.event.at},
                                       {"outcome", u.event.outcome},
                                       {"reason", u.event.reason},
                                       {"business_status", u.event.business_status},
                                       {"note", u.event.note},
                                       {"requester", u.requester_name},
                                       {"organization", u.organization_name}};
            std::cout << out.dump(2) << "\n";
            return 0;
        }
        core::Referral r = load_referral(args.required("--referral"));
        if (u.task_id != r.id)
            throw core::Error("unknown-referral", "Task.identifier", "the update is about referral " + u.task_id + ", not " + r.id);
        core::apply_status_update(r, u, actor(args), "file " + args.positional()[1]);
        nlohmann::json out = core::referral_to_json(r);
        std::cout << out.dump(2) << "\n";
        core::wipe_json(out);
        r.wipe();
        return 0;
    }
    throw UsageError("unknown verb \"" + verb + "\" (make, read, apply)");
}

}  // namespace

const Command& status_command() {
    static const Command c{"status", kStatusUsage, "make, read or apply a referral status update (SDOHCC Task)", &run};
    return c;
}

}  // namespace safetynet::cli
