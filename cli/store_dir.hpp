#pragma once
// The encrypted store natively: its blobs as files in a directory, one file per storage key
// ("store/head" -> DIR/store/head, "store/seg/<hex>" -> DIR/store/seg/<hex>). Each put is
// write-to-temporary + fsync + rename (cli/file_io.hpp), so a put is atomic as IndexedDB's
// is; the segment directory is fsynced before the head is renamed into place, so after a
// power cut the head never names a segment whose rename was lost.
#include "core/store/store.hpp"

#include <string>

namespace safetynet::cli {

// Every blob under DIR (leftover temporaries of an interrupted put are skipped).
core::StoreBlobs read_store_dir(const std::string& dir);
// Runs the plan's operations in order, stopping at the first failure; returns how many
// completed (for Store::save_finished), and rethrows that failure after reporting it.
std::size_t run_store_plan(const std::string& dir, core::Store& store, const core::SavePlan& plan);
// save() + run_store_plan().
void save_store_dir(const std::string& dir, core::Store& store);

}  // namespace safetynet::cli
