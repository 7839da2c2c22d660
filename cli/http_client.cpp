#include "cli/http_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace safetynet::cli {

namespace {

// A page of an HSDS API is a few megabytes at most; a response past this is not one.
constexpr std::size_t kMaxResponseBytes = std::size_t{256} << 20;
constexpr long kConnectSeconds = 20;
constexpr long kStallSeconds = 60;  // no byte for this long: the server has gone away
constexpr long kMaxRedirects = 5;

struct Sink {
    std::string body;
    bool too_large = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (sink->body.size() + n > kMaxResponseBytes) {
        sink->too_large = true;
        return 0;  // libcurl stops with CURLE_WRITE_ERROR
    }
    sink->body.append(data, n);
    return n;
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

}  // namespace

core::HttpResponse http_get(const std::string& url) {
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    core::HttpResponse out;
    const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        out.error = "cannot start an HTTP request (libcurl)";
        return out;
    }
    Sink sink;
    CURL* c = curl.get();
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "safetynet-directory-pull");
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, kMaxRedirects);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectSeconds);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, kStallSeconds);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode (gzip, …)
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        out.error = sink.too_large ? "the response is larger than 256 MB" : curl_easy_strerror(rc);
        return out;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    out.body = std::move(sink.body);
    return out;
}

}  // namespace safetynet::cli
