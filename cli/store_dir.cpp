#include "cli/store_dir.hpp"

#include "cli/file_io.hpp"
#include "core/base/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace safetynet::cli {

namespace fs = std::filesystem;

namespace {

// Makes a directory's entries (renames) durable.
void sync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

fs::path path_of(const std::string& dir, const std::string& key) {
    // Keys come from the store (prefix + "head" / "seg/<hex>"), never from outside input;
    // still refuse anything that could leave the directory.
    if (key.empty() || key.find("..") != std::string::npos || key[0] == '/')
        throw core::Error("io", key, "not a store blob name");
    return fs::path(dir) / key;
}

}  // namespace

core::StoreBlobs read_store_dir(const std::string& dir) {
    core::StoreBlobs blobs;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return blobs;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const std::string key = fs::relative(it->path(), dir).generic_string();
        if (key.find(".tmp-") != std::string::npos) continue;  // an interrupted put's temporary
        blobs.emplace(key, read_file(it->path().string()));
    }
    if (ec) throw core::Error("io", dir, "cannot read the store directory: " + ec.message());
    return blobs;
}

std::size_t run_store_plan(const std::string& dir, core::Store& store, const core::SavePlan& plan) {
    std::size_t done = 0;
    try {
        for (const core::StoreOp& op : plan.ops) {
            const fs::path p = path_of(dir, op.key);
            if (op.kind == core::StoreOp::Kind::Put) {
                if (done == plan.commit) sync_dir(p.parent_path() / "seg");  // segments first
                fs::create_directories(p.parent_path());
                write_file_atomic(p.string(), op.bytes);
                if (done == plan.commit) sync_dir(p.parent_path());
            } else {
                std::error_code ec;
                fs::remove(p, ec);
                if (ec) throw core::Error("io", p.string(), "cannot remove: " + ec.message());
            }
            ++done;
        }
    } catch (...) {
        store.save_finished(plan, done);
        throw;
    }
    store.save_finished(plan, done);
    return done;
}

void save_store_dir(const std::string& dir, core::Store& store) {
    const core::SavePlan plan = store.save();
    if (!plan.empty()) run_store_plan(dir, store, plan);
}

}  // namespace safetynet::cli
