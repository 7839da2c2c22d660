#include "cli/passphrase.hpp"

#include "cli/args.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"

#include <cerrno>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace safetynet::cli {

namespace {

// Reads one line from the terminal with echo off; restores the terminal whatever happens.
core::SecretBytes prompt_tty(const std::string& prompt) {
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd < 0) throw UsageError("no terminal to ask for a passphrase: use --passphrase-file FILE");
    termios saved{};
    const bool is_tty = ::tcgetattr(fd, &saved) == 0;
    if (is_tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    (void)!::write(fd, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (true) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || c == '\n') break;
        line.push_back(c);
    }
    if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &saved);
    ::close(fd);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    core::SecretBytes out{core::as_bytes(line)};
    core::secure_wipe(line);
    return out;
}

}  // namespace

core::SecretBytes read_passphrase(const std::optional<std::string>& file, const std::string& prompt, bool confirm) {
    core::SecretBytes pass;
    if (file) {
        std::string text = read_file(*file);
        const std::size_t nl = text.find('\n');
        std::string_view line(text.data(), nl == std::string::npos ? text.size() : nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pass = core::SecretBytes(core::as_bytes(line));
        core::secure_wipe(text);
        if (pass.empty()) throw core::Error("passphrase", *file, "the passphrase file's first line is empty");
        return pass;
    }
    pass = prompt_tty(prompt);
    if (pass.empty()) throw core::Error("passphrase", "terminal", "empty passphrase");
    if (confirm) {
        const core::SecretBytes again = prompt_tty("Confirm: ");
        if (!core::equal_constant_time(pass.view(), again.view()))
            throw core::Error("passphrase", "terminal", "the two passphrases differ");
    }
    return pass;
}

}  // namespace safetynet::cli
