#include "cli/file_io.hpp"

#include "core/base/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace safetynet::cli {

namespace {
// Reads in 64 KiB blocks: an istreambuf_iterator goes byte by byte (about 5 ms per MiB).
std::string read_all(std::istream& in, std::size_t size_hint = 0) {
    std::string out;
    out.reserve(size_hint);
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) out.append(buf, static_cast<std::size_t>(in.gcount()));
    return out;
}
}  // namespace

std::string read_file(const std::string& path) {
    if (path == "-") return read_all(std::cin);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error("io", path, std::string("cannot open: ") + std::strerror(errno));
    // Reserve the size of a regular file (a pipe reports none): one allocation, no regrowth.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) in.clear();
    return read_all(in, size > 0 ? static_cast<std::size_t>(size) + 1 : 0);
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
    if (path == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        return;
    }
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) throw core::Error("io", path, std::string("cannot create a temporary file: ") + std::strerror(errno));
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw core::Error("io", path, std::string("write failed: ") + std::strerror(err));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw core::Error("io", path, std::string("cannot finish writing: ") + std::strerror(err));
    }
}

void write_stream_atomic(const std::string& path, const std::function<void(std::ostream&)>& fill,
                         const std::function<bool(const std::string&)>& accept) {
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0) throw core::Error("io", path, std::string("cannot create a temporary file: ") + std::strerror(errno));
    ::close(fd);
    try {
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            fill(out);
            out.flush();
            if (!out) throw core::Error("io", path, "write failed");
        }
        // The stream is closed; fsync through a descriptor so the rename publishes whole data.
        const int sync_fd = ::open(tmp.c_str(), O_RDONLY);
        if (sync_fd < 0 || ::fsync(sync_fd) != 0) {
            if (sync_fd >= 0) ::close(sync_fd);
            throw core::Error("io", path, std::string("cannot finish writing: ") + std::strerror(errno));
        }
        ::close(sync_fd);
        if (!accept(tmp)) {
            ::unlink(tmp.c_str());
            return;
        }
        if (std::rename(tmp.c_str(), path.c_str()) != 0)
            throw core::Error("io", path, std::string("cannot finish writing: ") + std::strerror(errno));
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
}

}  // namespace safetynet::cli
