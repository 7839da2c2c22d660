#include "cli/zip_table.hpp"

#include "cli/zip_asset.hpp"

namespace safetynet::cli {

const core::ZipCentroids& zip_table() {
    static const core::ZipCentroids zips =
        core::ZipCentroids::parse(*zip_centroids_asset("zip-centroids.bin"), "zip-centroids.bin");
    return zips;
}

}  // namespace safetynet::cli
