#pragma once
// The US ZIP centroids compiled into the CLI, parsed on first use: `match --near ZIP`, and the
// directory import placing a location by its ZIP code when its coordinates cannot be used.
#include "core/directory/zip_centroids.hpp"

namespace safetynet::cli {

const core::ZipCentroids& zip_table();

}  // namespace safetynet::cli
