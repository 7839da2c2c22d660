// Referral Task statuses and the SDOHCC transition rules (see referral_status.hpp).
#include "core/referral/referral_status.hpp"

#include "core/base/error.hpp"

#include <vector>

namespace safetynet::core {

namespace {

struct StatusInfo {
    TaskStatus status;
    const char* code;     // http://hl7.org/fhir/task-status
    bool final;
    bool by_requester;    // SDOHCC "Set By"
    bool by_performer;
};

constexpr StatusInfo kStatuses[] = {
    {TaskStatus::Draft, "draft", false, true, false},
    {TaskStatus::Requested, "requested", false, true, false},
    {TaskStatus::Accepted, "accepted", false, false, true},
    {TaskStatus::Rejected, "rejected", true, false, true},
    {TaskStatus::Cancelled, "cancelled", true, true, true},
    {TaskStatus::InProgress, "in-progress", false, false, true},
    {TaskStatus::OnHold, "on-hold", false, false, true},
    {TaskStatus::Failed, "failed", true, false, true},
    {TaskStatus::Completed, "completed", true, false, true},
    {TaskStatus::EnteredInError, "entered-in-error", true, true, false},
};

const StatusInfo& info(TaskStatus s) {
    for (const StatusInfo& i : kStatuses)
        if (i.status == s) return i;
    return kStatuses[0];  // unreachable: every enumerator is in the table
}

// The edges of the SDOHCC Referral Task State Diagram (from != to), plus requested -> cancelled
// (referral_status.hpp says why).
bool edge(TaskStatus from, TaskStatus to) {
    using S = TaskStatus;
    switch (from) {
        case S::Draft: return to == S::Requested || to == S::EnteredInError;
        case S::Requested: return to == S::Accepted || to == S::Rejected || to == S::Cancelled;
        case S::Accepted:
            return to == S::InProgress || to == S::OnHold || to == S::Completed || to == S::Failed || to == S::Cancelled;
        case S::InProgress: return to == S::OnHold || to == S::Completed || to == S::Failed || to == S::Cancelled;
        case S::OnHold: return to == S::InProgress || to == S::Completed || to == S::Failed || to == S::Cancelled;
        default: return false;  // final statuses
    }
}

std::string who(ReferralActor a) {
    return a == ReferralActor::Requester ? "the referring clinic" : "the receiving organization";
}

}  // namespace

std::string_view task_status_code(TaskStatus status) { return info(status).code; }

std::optional<TaskStatus> parse_task_status(std::string_view code) {
    for (const StatusInfo& i : kStatuses)
        if (code == i.code) return i.status;
    return std::nullopt;
}

std::string_view referral_actor_name(ReferralActor actor) {
    return actor == ReferralActor::Requester ? "requester" : "performer";
}

std::optional<ReferralActor> parse_referral_actor(std::string_view name) {
    if (name == "requester") return ReferralActor::Requester;
    if (name == "performer") return ReferralActor::Performer;
    return std::nullopt;
}

bool is_final(TaskStatus status) { return info(status).final; }

bool may_set(TaskStatus status, ReferralActor actor) {
    const StatusInfo& i = info(status);
    return actor == ReferralActor::Requester ? i.by_requester : i.by_performer;
}

bool initial_status_allowed(TaskStatus status, ReferralActor actor) {
    return actor == ReferralActor::Requester && (status == TaskStatus::Draft || status == TaskStatus::Requested);
}

bool transition_allowed(TaskStatus from, TaskStatus to, ReferralActor actor) {
    return transition_refusal(from, to, actor).empty();
}

std::string transition_refusal(TaskStatus from, TaskStatus to, ReferralActor actor) {
    const std::string f(task_status_code(from)), t(task_status_code(to));
    if (!may_set(to, actor)) return who(actor) + " cannot set a referral to " + t + " (SDOHCC: only " +
                                    who(actor == ReferralActor::Requester ? ReferralActor::Performer
                                                                          : ReferralActor::Requester) +
                                    " sets it)";
    if (is_final(from)) return "the referral is already " + f + ", a final status; it cannot become " + t;
    if (from == to) return {};  // a note or businessStatus on a status this actor may set
    if (!edge(from, to)) return "a referral that is " + f + " cannot become " + t + " (SDOHCC referral task states)";
    return {};
}

void check_transition(TaskStatus from, TaskStatus to, ReferralActor actor, std::string_view where) {
    const std::string why = transition_refusal(from, to, actor);
    if (!why.empty()) throw Error("status-transition", std::string(where), why);
}

bool transition_reachable(TaskStatus from, TaskStatus to, ReferralActor actor) {
    if (transition_allowed(from, to, actor)) return true;
    // Breadth-first over the moves this actor may make (ten states: trivially small).
    std::array<bool, kAllTaskStatuses.size()> seen{};
    std::vector<TaskStatus> queue{from};
    auto index = [](TaskStatus s) { return static_cast<std::size_t>(s); };
    seen[index(from)] = true;
    for (std::size_t i = 0; i < queue.size(); ++i)
        for (TaskStatus next : kAllTaskStatuses) {
            if (seen[index(next)] || !transition_allowed(queue[i], next, actor)) continue;
            if (next == to) return true;
            seen[index(next)] = true;
            queue.push_back(next);
        }
    return false;
}

void check_reachable(TaskStatus from, TaskStatus to, ReferralActor actor, std::string_view where) {
    if (transition_reachable(from, to, actor)) return;
    throw Error("status-transition", std::string(where), transition_refusal(from, to, actor));
}

}  // namespace safetynet::core
