#include "core/directory/hsds_pull.hpp"

#include "core/base/error.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <functional>
#include <unordered_set>

namespace safetynet::core {

namespace {

using nlohmann::json;

// RFC 3986 §2.3: everything but the unreserved characters is percent-encoded in a path segment.
std::string percent_encode(const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

// A URL as errors show it: without the query, which may carry an API key.
std::string shown(const std::string& url) {
    const auto q = url.find('?');
    return q == std::string::npos ? url : url.substr(0, q) + "?…";
}

json get_json(const HttpGet& get, const std::string& url, PullSummary& summary) {
    ++summary.requests;
    const HttpResponse r = get(url);
    if (!r.error.empty()) throw Error("pull", shown(url), r.error);
    if (r.status < 200 || r.status > 299) throw Error("pull", shown(url), "HTTP status " + std::to_string(r.status));
    json doc = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) throw Error("pull", shown(url), "the response is not JSON");
    return doc;
}

std::string id_of(const json& service) {
    const auto it = service.find("id");
    if (it == service.end()) return {};
    return it->is_string() ? it->get<std::string>() : it->is_number() ? it->dump() : std::string();
}

std::optional<long long> integer(const json& page, const char* key) {
    const auto it = page.find(key);
    if (it == page.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<long long>();
}

// Streams the array: "[", the services separated by commas, "]".
class ArrayWriter {
public:
    explicit ArrayWriter(std::ostream& out) : m_out(out) { m_out << "["; }
    void add(const json& service) {
        m_out << (m_first ? "\n" : ",\n") << service.dump(-1, ' ', false, json::error_handler_t::replace);
        m_first = false;
    }
    void close() { m_out << (m_first ? "]\n" : "\n]\n"); }

private:
    std::ostream& m_out;
    bool m_first = true;
};

// One service as it goes into the file: fully nested. The list holds it without its
// locations when the server ignores full=true; then it is read on its own.
json full_service(const json& listed, const ApiUrl& api, const HttpGet& get, PullSummary& summary) {
    const std::string id = id_of(listed);
    if (listed.contains("service_at_locations") || id.empty()) return listed;
    const std::string url = api.service(id);
    json one = get_json(get, url, summary);
    if (!one.is_object() || id_of(one) != id) throw Error("pull", shown(url), "the response is not the service " + id);
    ++summary.details;
    return one;
}

}  // namespace

ApiUrl ApiUrl::parse(const std::string& url) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        throw Error("usage", url, "the API address must start with http:// or https://");
    ApiUrl a;
    const auto q = url.find('?');
    std::string path = url.substr(0, q);
    if (q != std::string::npos) a.query = url.substr(q + 1);
    while (!path.empty() && path.back() == '/') path.pop_back();
    const std::string tail = "/services";
    const bool is_list = path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    a.services = is_list ? path : path + tail;
    return a;
}

std::string ApiUrl::page(std::size_t page_number, int per_page) const {
    return services + "?" + (query.empty() ? "" : query + "&") + "page=" + std::to_string(page_number) +
           "&per_page=" + std::to_string(per_page) + "&full=true";
}

std::string ApiUrl::service(const std::string& id) const {
    return services + "/" + percent_encode(id) + (query.empty() ? "" : "?" + query);
}

PullSummary pull_hsds_services(const std::string& base_url, const HttpGet& get, std::ostream& out,
                               const PullOptions& options) {
    const ApiUrl api = ApiUrl::parse(base_url);
    PullSummary summary;
    ArrayWriter writer(out);
    std::unordered_set<std::string> seen;
    std::size_t previous = 0;  // the last page's fingerprint: a server that ignores `page` repeats it
    for (std::size_t page = 1;; ++page) {
        if (page > options.max_pages)
            throw Error("pull", shown(api.page(page, options.per_page)),
                        "more than " + std::to_string(options.max_pages) + " pages without a last one");
        const std::string url = api.page(page, options.per_page);
        const json doc = get_json(get, url, summary);
        // An API without paging may answer with the whole list as an array.
        const json* contents = doc.is_array() ? &doc : nullptr;
        if (doc.is_object())
            if (const auto it = doc.find("contents"); it != doc.end() && it->is_array()) contents = &*it;
        if (!contents) throw Error("pull", shown(url), "not an HSDS page: expected {\"contents\": [...]} (HSDS 3.0 Page)");
        ++summary.pages;
        if (page == 1) summary.total_items = integer(doc, "total_items");
        const std::size_t fingerprint = contents->empty() ? 0 : std::hash<std::string>{}(contents->dump());
        if (page > 1 && fingerprint != 0 && fingerprint == previous)
            throw Error("pull", shown(url), "the server sent page " + std::to_string(page - 1) +
                                         " again: it seems to ignore the page parameter");
        previous = fingerprint;
        for (const json& item : *contents) {
            if (!item.is_object()) throw Error("pull", shown(url), "an item of contents is not a JSON object");
            const std::string id = id_of(item);
            if (!id.empty() && !seen.insert(id).second) {
                ++summary.duplicates;
                continue;
            }
            writer.add(full_service(item, api, get, summary));
            ++summary.services;
        }
        if (doc.is_array() || contents->empty()) break;
        const auto total_pages = integer(doc, "total_pages");
        const auto last = doc.find("last_page");
        if (total_pages && static_cast<long long>(page) >= *total_pages) break;
        if (!total_pages && last != doc.end() && last->is_boolean() && last->get<bool>()) break;
    }
    writer.close();
    if (summary.total_items && *summary.total_items != static_cast<long long>(summary.services + summary.duplicates))
        summary.notes.push_back("the API said total_items " + std::to_string(*summary.total_items) + "; its pages held " +
                                std::to_string(summary.services + summary.duplicates));
    if (summary.duplicates > 0)
        summary.notes.push_back(std::to_string(summary.duplicates) +
                                " services were listed again on a later page; each is written once");
    return summary;
}

}  // namespace safetynet::core
