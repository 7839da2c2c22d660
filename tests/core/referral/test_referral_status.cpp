// The SDOHCC referral Task status rules, checked exhaustively against the hand-written table
// tests/data/referrals/transitions.txt: every (from, to, actor) triple, and every start.
#include "core/base/error.hpp"
#include "core/referral/referral_status.hpp"
#include "tests/support/test_helpers.hpp"

#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace safetynet::core;

namespace {

std::set<std::tuple<std::string, std::string, std::string>> allowed_table() {
    const std::string text =
        safetynet::test::read_test_file(std::string(SAFETYNET_SOURCE_DIR) + "/tests/data/referrals/transitions.txt");
    std::set<std::tuple<std::string, std::string, std::string>> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream l(line);
        std::string from, to, who;
        l >> from >> to >> who;
        REQUIRE_MESSAGE(!who.empty(), "bad table line: " << line);
        out.emplace(from, to, who);
    }
    return out;
}

}  // namespace

TEST_CASE("referral status codes: the ten SDOHCC referral task statuses, nothing else") {
    CHECK(kAllTaskStatuses.size() == 10);
    for (TaskStatus s : kAllTaskStatuses) CHECK(parse_task_status(task_status_code(s)) == s);
    // TaskStatus codes SDOHCC-ValueSetReferralTaskStatus excludes.
    CHECK_FALSE(parse_task_status("ready"));
    CHECK_FALSE(parse_task_status("received"));
    CHECK_FALSE(parse_task_status("Completed"));
    CHECK_FALSE(parse_task_status(""));
    CHECK(task_status_code(TaskStatus::InProgress) == "in-progress");
    CHECK(task_status_code(TaskStatus::EnteredInError) == "entered-in-error");
    CHECK(parse_referral_actor("performer") == ReferralActor::Performer);
    CHECK_FALSE(parse_referral_actor("organization"));
}

TEST_CASE("referral status rules: every (from, to, actor) as the table says") {
    const auto table = allowed_table();
    int checked = 0, allowed = 0;
    for (ReferralActor who : {ReferralActor::Requester, ReferralActor::Performer}) {
        const std::string w(referral_actor_name(who));
        for (TaskStatus to : kAllTaskStatuses) {
            const std::string t(task_status_code(to));
            const bool start = table.count({"new", t, w}) > 0;
            CHECK_MESSAGE(initial_status_allowed(to, who) == start, "start " << t << " by " << w);
            for (TaskStatus from : kAllTaskStatuses) {
                const std::string f(task_status_code(from));
                const bool expected = table.count({f, t, w}) > 0;
                CHECK_MESSAGE(transition_allowed(from, to, who) == expected, f << " -> " << t << " by " << w);
                // A refusal says why, and check_transition throws exactly then.
                CHECK(transition_refusal(from, to, who).empty() == expected);
                const std::string kind = safetynet::test::kind_of([&] { check_transition(from, to, who, "test"); });
                CHECK(kind == (expected ? "success" : "status-transition"));
                ++checked;
                allowed += expected ? 1 : 0;
            }
        }
    }
    CHECK(checked == 200);
    CHECK(allowed == 27);  // the table's non-"new" lines
}

TEST_CASE("referral status rules: reachable statuses (imported snapshots) follow the table's paths") {
    // Reachability computed here from the table file alone (a path of allowed moves by one
    // actor), independently of the code's search.
    const auto table = allowed_table();
    int reachable = 0;
    for (ReferralActor who : {ReferralActor::Requester, ReferralActor::Performer}) {
        const std::string w(referral_actor_name(who));
        for (TaskStatus from : kAllTaskStatuses) {
            std::set<std::string> seen;
            std::vector<std::string> queue{std::string(task_status_code(from))};
            for (std::size_t i = 0; i < queue.size(); ++i)
                for (const auto& [f, t, a] : table)
                    if (f == queue[i] && a == w && !seen.count(t)) {
                        seen.insert(t);
                        queue.push_back(t);
                    }
            for (TaskStatus to : kAllTaskStatuses) {
                const bool expected = seen.count(std::string(task_status_code(to))) > 0;
                CHECK_MESSAGE(transition_reachable(from, to, who) == expected,
                              task_status_code(from) << " ~> " << task_status_code(to) << " by " << w);
                CHECK(safetynet::test::kind_of([&] { check_reachable(from, to, who, "t"); }) ==
                      (expected ? "success" : "status-transition"));
                reachable += expected ? 1 : 0;
            }
        }
    }
    // A few by name: an update may skip unseen states, never go back or leave a final one.
    CHECK(transition_reachable(TaskStatus::Requested, TaskStatus::Completed, ReferralActor::Performer));
    CHECK(transition_reachable(TaskStatus::Requested, TaskStatus::OnHold, ReferralActor::Performer));
    CHECK_FALSE(transition_reachable(TaskStatus::InProgress, TaskStatus::Accepted, ReferralActor::Performer));
    CHECK_FALSE(transition_reachable(TaskStatus::Completed, TaskStatus::Completed, ReferralActor::Performer));
    CHECK_FALSE(transition_reachable(TaskStatus::Requested, TaskStatus::Completed, ReferralActor::Requester));
    CHECK(reachable > 27);
}

TEST_CASE("referral status rules: final statuses and who sets what") {
    for (TaskStatus s : {TaskStatus::Rejected, TaskStatus::Cancelled, TaskStatus::Failed, TaskStatus::Completed,
                         TaskStatus::EnteredInError})
        CHECK(is_final(s));
    for (TaskStatus s : {TaskStatus::Draft, TaskStatus::Requested, TaskStatus::Accepted, TaskStatus::InProgress,
                         TaskStatus::OnHold})
        CHECK_FALSE(is_final(s));
    CHECK(may_set(TaskStatus::Cancelled, ReferralActor::Requester));
    CHECK(may_set(TaskStatus::Cancelled, ReferralActor::Performer));
    CHECK_FALSE(may_set(TaskStatus::Completed, ReferralActor::Requester));
    CHECK_FALSE(may_set(TaskStatus::EnteredInError, ReferralActor::Performer));
    // The refusal names the reason a person can act on.
    CHECK(transition_refusal(TaskStatus::Completed, TaskStatus::Cancelled, ReferralActor::Requester).find("final") !=
          std::string::npos);
    CHECK(transition_refusal(TaskStatus::Requested, TaskStatus::Completed, ReferralActor::Requester)
              .find("cannot set") != std::string::npos);
}
