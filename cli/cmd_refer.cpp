// `safetynet refer`: a referral request (JSON) in, the SDOHCC referral Bundle out.
#include "cli/args.hpp"
#include "cli/cmd_loop.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"
#include "core/screening/every_instrument_language.hpp"
#include "core/screening/instruments.hpp"
#include "core/screening/score_overlap.hpp"
#include "core/base/json_read.hpp"
#include "core/referral/referral_fhir.hpp"
#include "core/base/utc_time.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>

namespace safetynet::cli {

namespace {
const char* const kReferUsage =
    "safetynet refer --referral FILE [--instrument ID|FILE --answers FILE] [--lang CODE] [--now TIME]\n"
    "                [--format fhir|referral]\n"
    "\n"
    "  --referral FILE      a referral request: the referral JSON of docs/REFERRALS.md, where ids,\n"
    "                       created, direction, the parties' fhir_id and history may be left out\n"
    "                       (new UUIDs, --now, outgoing, requested by the requester). \"-\" reads\n"
    "                       standard input.\n"
    "  --instrument, --answers  the screening behind it (as `safetynet screen` takes them): its\n"
    "                       QuestionnaireResponse, Observations and Conditions join the Bundle,\n"
    "                       the ServiceRequest gives the Conditions as reasons, and when the\n"
    "                       request has no \"needs\" they are the screening's positive domains\n"
    "  --lang CODE          language of the screening texts (default en)\n"
    "  --now TIME           RFC 3339 UTC time for what the request leaves out (default: now)\n"
    "  --format fhir        (default) the FHIR R4 Bundle (collection): Patient, Organizations,\n"
    "                       HealthcareServices, Consent, ServiceRequest, Task (SDOHCC STU2)\n"
    "  --format referral    the referral JSON with every field filled (for `safetynet status`)\n"
    "Bad input exits 2 naming the field: referral (a field of the request), malformed-json, and\n"
    "the screening errors of `safetynet screen`.";
}  // namespace

namespace {
int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--referral", true},
                           {"--instrument", true, "-i"},
                           {"--answers", true, "-a"},
                           {"--lang", true},
                           {"--now", true},
                           {"--format", true}});
    if (!args.positional().empty()) throw UsageError("unexpected argument " + args.positional().front());
    const std::string format = args.value("--format").value_or("fhir");
    if (format != "fhir" && format != "referral") throw UsageError("--format must be fhir or referral");
    if (args.has("--instrument") != args.has("--answers")) throw UsageError("--instrument and --answers go together");
    const std::string now = args.value("--now").value_or(core::utc_now_rfc3339());
    if (!core::is_utc_rfc3339(now)) throw UsageError("--now must be an RFC 3339 UTC time (YYYY-MM-DDTHH:MM:SSZ)");
    const std::string lang = args.value("--lang").value_or("en");

    const std::string path = args.required("--referral");
    nlohmann::json request = core::parse_json_text(read_file(path), "malformed-json", path);

    std::shared_ptr<const core::Questionnaire> q;
    std::optional<core::Response> response;
    std::optional<core::ScreeningResult> result;
    if (const auto instrument = args.value("--instrument")) {
        std::string id = *instrument;
        if (core::is_builtin_instrument(id)) {
            q = core::load_builtin_instrument_in_every_language(id);
        } else {
            q = std::make_shared<const core::Questionnaire>(core::Questionnaire::parse(read_file(id), id));
            id = !q->id().empty() ? q->id() : q->url();
        }
        const std::string answers = args.required("--answers");
        response.emplace(core::Response::parse(q, read_file(answers), answers));
        result.emplace(core::score(*response, id));
        for (const core::ScoreOverlap& o : core::score_overlaps(*response, *result))
            if (o.disagree) std::cerr << "warning: " << core::overlap_warning(o) << "\n";
        if (request.is_object() && !request.contains("needs")) {
            nlohmann::json needs = nlohmann::json::array();
            for (const core::ReferralNeed& n : core::needs_from_screening(*result)) {
                nlohmann::json codes = nlohmann::json::array();
                for (const core::Coding& c : n.codes) codes.push_back(core::coding_to_json(c));
                needs.push_back({{"domain", n.domain}, {"display", n.display}, {"urgent", n.urgent}, {"codes", codes}});
            }
            request["needs"] = std::move(needs);
        }
    }
    core::Referral r = core::referral_from_request(request, now);
    core::wipe_json(request);
    nlohmann::json out;
    if (format == "referral") {
        out = core::referral_to_json(r);
    } else if (response) {
        const core::ReferralScreening rs{&*response, &*result, r.created, lang};
        out = core::referral_bundle(r, &rs);
    } else {
        out = core::referral_bundle(r);
    }
    std::cout << out.dump(2) << "\n";
    core::wipe_json(out);
    r.wipe();
    if (response) response->wipe();
    return 0;
}

}  // namespace

const Command& refer_command() {
    static const Command c{"refer", kReferUsage, "a referral request in, its SDOHCC FHIR Bundle out", &run};
    return c;
}

}  // namespace safetynet::cli
