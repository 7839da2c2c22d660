// `directory pull` without a network (core/directory/hsds_pull.hpp): a fake HTTP client serves
// an HSDS API's pages from memory, so paging, single services, duplicates and every failure
// are checked natively and in WASM alike. tests/directory/test_pull.py does the same through
// the CLI against a loopback server with the official examples.
#include "core/base/error.hpp"
#include "core/directory/hsds_import.hpp"
#include "core/directory/hsds_pull.hpp"
#include "core/directory/service_details.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace safetynet::core;
using nlohmann::json;

namespace {

// A small HSDS API: `services` split into pages of `per_page`; with `nest` false the list
// leaves out service_at_locations (a server that ignores full=true).
struct FakeApi {
    std::vector<json> services;
    bool nest = true;
    bool ignore_page = false;
    std::vector<std::string> asked;
    std::map<std::string, HttpResponse> overrides;  // by URL

    HttpResponse operator()(const std::string& url) {
        asked.push_back(url);
        if (const auto it = overrides.find(url); it != overrides.end()) return it->second;
        const std::string base = "https://api.example.org/hsds/services";
        if (url.rfind(base + "?", 0) == 0) return page(url);
        if (url.rfind(base + "/", 0) == 0) {
            const std::string id = url.substr(base.size() + 1);
            for (const json& s : services)
                if (s["id"] == id) return {200, s.dump(), ""};
            return {404, "{}", ""};
        }
        return {404, "{}", ""};
    }

    HttpResponse page(const std::string& url) {
        auto param = [&](const char* key) {
            const auto at = url.find(std::string(key) + "=");
            return std::stoi(url.substr(at + std::string(key).size() + 1));
        };
        const int number = ignore_page ? 1 : param("page");
        const int per_page = param("per_page");
        const int pages = std::max<int>(1, (static_cast<int>(services.size()) + per_page - 1) / per_page);
        json contents = json::array();
        for (int i = (number - 1) * per_page; i < number * per_page && i < static_cast<int>(services.size()); ++i) {
            json s = services[static_cast<std::size_t>(i)];
            if (!nest) s.erase("service_at_locations");
            contents.push_back(s);
        }
        const json body = {{"total_items", services.size()}, {"total_pages", pages}, {"page_number", number},
                           {"size", contents.size()}, {"first_page", number == 1}, {"last_page", number >= pages},
                           {"empty", contents.empty()}, {"contents", contents}};
        return {200, body.dump(), ""};
    }
};

json service(const std::string& id) {
    return {{"id", id}, {"name", "Service " + id}, {"status", "active"}, {"organization", {{"id", "o1"}, {"name", "Org"}}},
            {"service_at_locations",
             json::array({{{"id", "sal-" + id},
                           {"location", {{"id", "l-" + id}, {"location_type", "physical"}, {"latitude", 45.5},
                                         {"longitude", -122.6}}}}})}};
}

FakeApi five() {
    FakeApi api;
    for (const char* id : {"a", "b", "c", "d", "e"}) api.services.push_back(service(id));
    return api;
}

}  // namespace

TEST_CASE("pull: the API's address, its list and one service") {
    const ApiUrl a = ApiUrl::parse("https://api.example.org/hsds/");
    CHECK(a.services == "https://api.example.org/hsds/services");
    CHECK(a.page(2, 50) == "https://api.example.org/hsds/services?page=2&per_page=50&full=true");
    CHECK(a.service("a b/c") == "https://api.example.org/hsds/services/a%20b%2Fc");
    const ApiUrl k = ApiUrl::parse("http://h/api/services?key=abc");
    CHECK(k.services == "http://h/api/services");
    CHECK(k.page(1, 10) == "http://h/api/services?key=abc&page=1&per_page=10&full=true");
    CHECK(k.service("x") == "http://h/api/services/x?key=abc");
    CHECK_THROWS_AS(ApiUrl::parse("ftp://h/api"), Error);
    CHECK_THROWS_AS(ApiUrl::parse("h/api"), Error);
}

TEST_CASE("pull: every page, following total_pages, into a directory that imports") {
    FakeApi api = five();
    std::ostringstream out;
    PullOptions options;
    options.per_page = 2;
    const PullSummary s = pull_hsds_services("https://api.example.org/hsds", std::ref(api), out, options);
    CHECK(s.pages == 3);
    CHECK(s.requests == 3);
    CHECK(s.services == 5);
    CHECK(s.details == 0);
    CHECK(s.total_items == 5);
    CHECK(s.notes.empty());
    std::istringstream in(out.str());
    DirectoryBuilder b;
    ImportReport r;
    import_hsds_json(in, "pulled.json", b, r);
    CHECK(r.errors.empty());
    CHECK(b.services() == 5);
    CHECK(b.locations() == 5);
    CHECK(b.organizations() == 1);
    CHECK(ServiceDetailsIndex::from_hsds_json(out.str()).size() == 5);  // the app reads it too
}

TEST_CASE("pull: a list without locations is completed from /services/{id}") {
    FakeApi api = five();
    api.nest = false;
    std::ostringstream out;
    const PullSummary s = pull_hsds_services("https://api.example.org/hsds", std::ref(api), out);
    CHECK(s.pages == 1);
    CHECK(s.details == 5);
    CHECK(s.requests == 6);
    const json pulled = json::parse(out.str());
    REQUIRE(pulled.size() == 5);
    for (const json& svc : pulled) CHECK(svc.contains("service_at_locations"));
}

TEST_CASE("pull: a service listed again on a later page is written once") {
    FakeApi api = five();
    api.services.push_back(service("a"));
    std::ostringstream out;
    PullOptions options;
    options.per_page = 4;
    const PullSummary s = pull_hsds_services("https://api.example.org/hsds", std::ref(api), out, options);
    CHECK(s.services == 5);
    CHECK(s.duplicates == 1);
    REQUIRE(s.notes.size() == 1);
    CHECK(s.notes[0] == "1 services were listed again on a later page; each is written once");
    CHECK(json::parse(out.str()).size() == 5);
}

TEST_CASE("pull: failures are errors naming the request, and never loop") {
    PullOptions two;
    two.per_page = 2;
    auto fails_with = [&](FakeApi api, const std::string& what) {
        std::ostringstream out;
        try {
            (void)pull_hsds_services("https://api.example.org/hsds?key=secret", std::ref(api), out, two);
            FAIL("no error; expected: " << what);
        } catch (const Error& e) {
            CHECK(e.kind() == "pull");
            CHECK(std::string(e.what()).find(what) != std::string::npos);
            CHECK(std::string(e.what()).find("secret") == std::string::npos);  // an API key is not shown
        }
    };
    FakeApi ignores = five();
    ignores.ignore_page = true;
    fails_with(ignores, "the server sent page 1 again: it seems to ignore the page parameter");
    FakeApi down = five();
    down.overrides["https://api.example.org/hsds/services?key=secret&page=2&per_page=2&full=true"] = {500, "oops", ""};
    fails_with(down, "HTTP status 500");
    FakeApi unreachable = five();
    unreachable.overrides["https://api.example.org/hsds/services?key=secret&page=1&per_page=2&full=true"] = {
        0, "", "Could not connect to server"};
    fails_with(unreachable, "Could not connect to server");
    FakeApi not_json = five();
    not_json.overrides["https://api.example.org/hsds/services?key=secret&page=1&per_page=2&full=true"] = {200, "<html>", ""};
    fails_with(not_json, "the response is not JSON");
    FakeApi not_page = five();
    not_page.overrides["https://api.example.org/hsds/services?key=secret&page=1&per_page=2&full=true"] = {
        200, R"({"services": []})", ""};
    fails_with(not_page, "not an HSDS page");
    FakeApi wrong_one = five();
    wrong_one.nest = false;
    wrong_one.overrides["https://api.example.org/hsds/services/a?key=secret"] = {200, service("z").dump(), ""};
    fails_with(wrong_one, "the response is not the service a");
    // A server that never says which page is the last stops at the cap.
    FakeApi endless;
    std::size_t n = 0;
    const HttpGet forever = [&](const std::string&) {
        return HttpResponse{200, json{{"contents", json::array({service("p" + std::to_string(n++))})}}.dump(), ""};
    };
    PullOptions capped;
    capped.max_pages = 7;
    std::ostringstream out;
    CHECK_THROWS_WITH_AS(pull_hsds_services("https://api.example.org/hsds", forever, out, capped),
                         doctest::Contains("more than 7 pages"), Error);
}

TEST_CASE("pull: an API without paging answers with the whole list") {
    const HttpGet whole = [](const std::string&) {
        return HttpResponse{200, json::array({service("a"), service("b")}).dump(), ""};
    };
    std::ostringstream out;
    const PullSummary s = pull_hsds_services("https://api.example.org/hsds", whole, out);
    CHECK(s.pages == 1);
    CHECK(s.services == 2);
    CHECK(json::parse(out.str()).size() == 2);
}
