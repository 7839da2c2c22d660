#!/usr/bin/env python3
"""Seal and open 1 KiB, 64 KiB and 1 MiB with the stock `age` CLI and with SafetyNet, on the
same files in one run, and print times and ratios.

  python3 bench/bundles/run_bench.py --native build/native [--web build/web] [--runs 15]

Columns:
  age CLI / safetynet CLI   one process per operation (start-up included), output to a file
                            through standard output for both, median wall time of --runs;
                            ratio = safetynet / age (target: within 1.5x natively); "cpu" is
                            the processes' user + system time, the same way
  safetynet -o              the same with -o: the CLI's atomic write (temp file, fsync,
                            rename), which age does not do; the fsync is disk-bound
  native / wasm in-process  bench_bundles: the core alone, mean of repeated calls; WASM runs
                            under node (--no-experimental-fetch)
  bundle                    a signed bundle (sign + encrypt to two recipients / decrypt +
                            verify + FHIR checks), in-process
Benchmarks print figures; they never pass or fail.
"""
import argparse
import json
import resource
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SIZES = [1 << 10, 64 << 10, 1 << 20]


def median_ms(cmd, runs, stdout_path=None):
    """(median wall ms, median cpu ms) of `runs` runs; stdout goes to stdout_path if given."""
    walls, cpus = [], []
    for _ in range(runs):
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=out, stderr=subprocess.DEVNULL)
        walls.append((time.perf_counter() - t) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if stdout_path:
            out.close()
    return statistics.median(walls), statistics.median(cpus)


def in_process(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    for j in lines:
        if "scrypt_ms" in j:
            print(f"scrypt work factor {j['scrypt_log_n']} ({j['platform']}): {j['scrypt_ms']:.0f} ms "
                  f"in {j['frames_of_16ms']} slices of 16 ms")
    return {j["bytes"]: j for j in lines if "bytes" in j}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", required=True, help="the native build directory")
    ap.add_argument("--web", help="the Emscripten build directory (optional)")
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    sn = os.path.join(a.native, "cli", "safetynet")
    bench = os.path.join(a.native, "bench", "bundles", "bench_bundles")
    for tool in ("age", "age-keygen"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install age)")
    print(f"age: {subprocess.run(['age', '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"runs per CLI figure: {a.runs} (median), machine: {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}")
    native = in_process([bench])
    wasm = {}
    if a.web:
        js = os.path.join(a.web, "bench", "bundles", "bench_bundles.js")
        wasm = in_process(["node", "--no-experimental-fetch", js])

    with tempfile.TemporaryDirectory() as d:
        key = os.path.join(d, "key.txt")
        subprocess.run(["age-keygen", "-o", key], check=True, capture_output=True)
        rcp = subprocess.run(["age-keygen", "-y", key], check=True, capture_output=True, text=True).stdout.strip()
        rows = []
        for size in SIZES:
            plain = os.path.join(d, f"p{size}")
            with open(plain, "wb") as f:
                f.write(os.urandom(size))
            a_enc, s_enc, out = os.path.join(d, "a.age"), os.path.join(d, "s.age"), os.path.join(d, "out")
            # Interleaved, so both tools see the same machine load.
            age_seal = median_ms(["age", "-e", "-r", rcp, plain], a.runs, a_enc)
            sn_seal = median_ms([sn, "seal", "-r", rcp, plain], a.runs, s_enc)
            sn_seal_o = median_ms([sn, "seal", "-r", rcp, "-o", s_enc, plain], a.runs)
            # Both open the same file (made by age), so the work is identical.
            age_open = median_ms(["age", "-d", "-i", key, a_enc], a.runs, out)
            sn_open = median_ms([sn, "open", "-i", key, a_enc], a.runs, out)
            sn_open_o = median_ms([sn, "open", "-i", key, "-o", out, a_enc], a.runs)
            rows.append((size, ("seal", age_seal, sn_seal, sn_seal_o), ("open", age_open, sn_open, sn_open_o)))

    def size_name(n):
        return f"{n >> 20} MiB" if n >= 1 << 20 else f"{n >> 10} KiB"

    print()
    print("| size | op | age CLI ms (cpu) | safetynet CLI ms (cpu) | ratio wall (cpu) | safetynet -o ms | "
          "native in-process ms | wasm in-process ms | wasm/native |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size, *ops in rows:
        for op, (age_w, age_c), (sn_w, sn_c), (sn_o, _) in ops:
            nat = native[size][f"age_{op}_ms"]
            w = wasm.get(size, {}).get(f"age_{op}_ms")
            print(f"| {size_name(size)} | {op} | {age_w:.2f} ({age_c:.2f}) | {sn_w:.2f} ({sn_c:.2f}) | "
                  f"{sn_w / age_w:.2f}x ({sn_c / age_c:.2f}x) | {sn_o:.2f} | {nat:.3f} | "
                  + (f"{w:.3f} | {w / nat:.1f}x |" if w else "- | - |"))
    print()
    print("| size | signed bundle | native in-process ms | wasm in-process ms |")
    print("|---|---|---|---|")
    for size in SIZES:
        for op in ("seal", "open"):
            nat = native[size][f"bundle_{op}_ms"]
            w = wasm.get(size, {}).get(f"bundle_{op}_ms")
            print(f"| {size_name(size)} | {op} | {nat:.3f} | " + (f"{w:.3f} |" if w else "- |"))


if __name__ == "__main__":
    main()
