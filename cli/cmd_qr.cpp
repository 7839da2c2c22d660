// safetynet qr: split a file into QR codes and join the decoded texts back.
#include "cli/args.hpp"
#include "cli/cmd_bundles.hpp"
#include "cli/file_io.hpp"
#include "core/base/error.hpp"
#include "core/exchange/qr_transport.hpp"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <cstdio>
#include <iostream>

namespace safetynet::cli {

namespace {

int run(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--max-version", true},
                           {"--ecc", true},
                           {"--png", true},
                           {"--scale", true},
                           {"--output", true, "-o"}});
    if (args.positional().empty()) throw UsageError("give split or join");
    const std::string verb = args.positional().front();
    const std::vector<std::string> files(args.positional().begin() + 1, args.positional().end());

    if (verb == "split") {
        if (args.has("--output")) throw UsageError("-o is for join; split writes --png PREFIX-NNN.png");
        if (files.size() > 1) throw UsageError("split reads one input file at most");
        core::QrOptions opts;
        if (const auto v = args.number("--max-version")) {
            if (*v < 1 || *v > 40 || *v != static_cast<int>(*v)) throw UsageError("--max-version is 1 to 40");
            opts.max_version = static_cast<int>(*v);
        }
        if (const auto e = args.value("--ecc")) {
            if (*e == "L") opts.ecc = core::QrEcc::Low;
            else if (*e == "M") opts.ecc = core::QrEcc::Medium;
            else if (*e == "Q") opts.ecc = core::QrEcc::Quartile;
            else if (*e == "H") opts.ecc = core::QrEcc::High;
            else throw UsageError("--ecc is L, M, Q or H");
        }
        int scale = 4;
        if (const auto s = args.number("--scale")) {
            if (*s < 1 || *s > 64 || *s != static_cast<int>(*s)) throw UsageError("--scale is 1 to 64 pixels per module");
            scale = static_cast<int>(*s);
        }
        if (args.has("--scale") && !args.has("--png")) throw UsageError("--scale is for --png");
        const std::string data = read_file(files.empty() ? "-" : files.front());
        const auto parts = core::qr_split(core::as_bytes(data), opts);
        nlohmann::ordered_json j;
        j["parts"] = parts.size();
        j["bytes"] = data.size();
        j["max_version"] = opts.max_version;
        j["texts"] = parts;
        if (const auto prefix = args.value("--png")) {
            j["files"] = nlohmann::ordered_json::array();
            for (std::size_t i = 0; i < parts.size(); ++i) {
                char name[32];
                std::snprintf(name, sizeof name, "-%03zu.png", i + 1);
                const std::string path = *prefix + name;
                write_file_atomic(path, core::to_string(core::qr_png(core::qr_encode(parts[i], opts), scale)));
                ::chmod(path.c_str(), 0644);
                j["files"].push_back(path);
            }
        }
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    if (verb == "join") {
        for (const char* o : {"--max-version", "--ecc", "--png", "--scale"})
            if (args.has(o)) throw UsageError(std::string(o) + " is for split");
        std::vector<std::string> inputs = files.empty() ? std::vector<std::string>{"-"} : files;
        core::QrAssembler assembler;
        for (const auto& f : inputs) {
            const std::string text = read_file(f);
            std::size_t pos = 0;
            while (pos < text.size()) {
                std::size_t nl = text.find('\n', pos);
                if (nl == std::string::npos) nl = text.size();
                std::string line = text.substr(pos, nl - pos);
                pos = nl + 1;
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (!line.empty()) assembler.add(line);
            }
        }
        const core::Bytes data = assembler.assemble();
        const std::string out = args.value("--output").value_or("-");
        write_file_atomic(out, core::as_chars(data));
        if (out != "-") {
            nlohmann::ordered_json j{{"output", out}, {"bytes", data.size()}, {"parts", assembler.total()}};
            std::cout << j.dump(2) << "\n";
        }
        return 0;
    }
    throw UsageError("unknown qr action \"" + verb + "\" (split or join)");
}

}  // namespace

const Command& qr_command() {
    static const Command c{
        "qr",
        "safetynet qr split [--max-version V] [--ecc L|M|Q|H] [--png PREFIX [--scale N]] [IN]\n"
        "       safetynet qr join [-o OUT] [PARTS...]\n"
        "\n"
        "split  cuts IN (default: standard input; e.g. a sealed bundle) into numbered QR part\n"
        "       texts, each fitting a QR code of version V (default 15) at level ECC (default M),\n"
        "       printed as JSON; --png also writes PREFIX-001.png, ... (N pixels per module,\n"
        "       default 4, with a 4-module quiet zone)\n"
        "join   reads part texts, one per line (files, or standard input, e.g. `zbarimg --raw`\n"
        "       output), in any order, repeats allowed, and writes the data to OUT (default:\n"
        "       standard output); missing, foreign or conflicting parts exit 2",
        "split a bundle into QR codes, or join scanned QR texts back",
        &run};
    return c;
}

}  // namespace safetynet::cli
