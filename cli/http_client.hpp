#pragma once
// HTTP GET for `safetynet directory pull`, on libcurl (Debian libcurl4-openssl-dev; linked by
// the CLI only: the app and core make no network request). https is verified against the
// system's CA certificates; redirects are followed within http and https.
#include "core/directory/hsds_pull.hpp"

#include <string>

namespace safetynet::cli {

// Never throws: a failure is in the response's `error`.
core::HttpResponse http_get(const std::string& url);

}  // namespace safetynet::cli
