#!/usr/bin/env bash
# CLI smoke test: --version, --help, and the usage-error contract (exit 1, one clear line).
set -u
bin=$1
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$bin" --version >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--version exits 0" '[ $rc -eq 0 ]'
check "--version prints 'safetynet X.Y.Z'" 'grep -Eq "^safetynet [0-9]+\.[0-9]+\.[0-9]+$" "$tmp/out"'

"$bin" --help >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--help exits 0" '[ $rc -eq 0 ]'
check "--help shows usage" 'grep -q "^usage: safetynet" "$tmp/out"'
check "--help explains exit status" 'grep -q "Exit status" "$tmp/out"'

"$bin" --no-such-flag >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a bad flag exits 1" '[ $rc -eq 1 ]'
check "a bad flag prints exactly one line on stderr" '[ "$(wc -l <"$tmp/err")" -eq 1 ]'
check "the line names the flag" 'grep -q -- "--no-such-flag" "$tmp/err"'
check "nothing on stdout" '[ ! -s "$tmp/out" ]'

"$bin" frobnicate >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown command exits 1 with one line" '[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]'

"$bin" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no command exits 1" '[ $rc -eq 1 ]'

# Every listed command answers --help with its usage and exit 0.
for c in $("$bin" --help | awk '/^commands:/{f=1;next} f && /^  [a-z]/{print $1} /^$/{if(f)exit}'); do
  "$bin" "$c" --help >"$tmp/out" 2>&1; rc=$?
  check "$c --help" '[ $rc -eq 0 ] && grep -q "^usage: safetynet $c" "$tmp/out"'
  "$bin" "$c" --bogus-option >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "$c with a bad flag exits 1 with one line" '[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]'
done
exit $fail
