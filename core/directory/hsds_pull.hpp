#pragma once
// Reading a directory from an HSDS 3.x API into the canonical JSON: GET {base}/services with
// page, per_page and full=true (HSDS 3.0 schema/openapi.json), page after page until
// total_pages (or last_page, or an empty page), each service fully nested; a service the list
// gives without its locations is read again from GET {base}/services/{id}. The result, an
// array of services, is what `directory check` and the app read.
//
// Core makes no network request: the caller passes the HTTP client (the CLI's, on libcurl),
// and the tests a fake one that serves files.
#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace safetynet::core {

struct HttpResponse {
    long status = 0;       // the HTTP status; 0 when the request failed before one came
    std::string body;
    std::string error;     // why the request failed (no connection, timeout, too large), or empty
};
using HttpGet = std::function<HttpResponse(const std::string& url)>;

struct PullOptions {
    int per_page = 100;
    std::size_t max_pages = 100000;  // a server that never says which page is the last
};

struct PullSummary {
    std::size_t pages = 0;            // list pages read
    std::size_t requests = 0;         // every GET, pages and single services
    std::size_t services = 0;         // written
    std::size_t details = 0;          // services read again from /services/{id}
    std::size_t duplicates = 0;       // listed again on a later page: written once
    std::optional<long long> total_items;  // as the API's first page said
    std::vector<std::string> notes;   // what did not go as the API said, one line each
};

// The list endpoint and the query to keep: "https://h/api" → https://h/api/services; a base
// that already ends in /services is used as it is, and a query (an API key) is kept on every
// request. Throws core::Error("usage", url, …) unless it is an http:// or https:// URL.
struct ApiUrl {
    std::string services;  // "https://h/api/services"
    std::string query;     // "key=abc", or empty
    static ApiUrl parse(const std::string& url);
    std::string page(std::size_t page, int per_page) const;
    std::string service(const std::string& id) const;
};

// Writes the services as one JSON array to `out`, streaming page by page (memory: one page).
// Throws core::Error("pull", url, why) when a request fails, a page is not an HSDS page, or
// the server sends the same page again for the next page number.
PullSummary pull_hsds_services(const std::string& base_url, const HttpGet& get, std::ostream& out,
                               const PullOptions& options = {});

}  // namespace safetynet::core
