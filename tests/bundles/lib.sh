# Helpers for the bundle shell tests. Source it after setting `bin` (the safetynet binary).
set -u
fail=0
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pty_run() { python3 "$here/pty_run.py" "$@"; }

ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
# check NAME COMMAND...: the command must succeed.
check() { local name=$1; shift; if "$@" >"$tmp/check.out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$tmp/check.out"; fi; }
# same_file NAME A B
same_file() { if cmp -s "$2" "$3"; then ok "$1"; else bad "$1 ($2 and $3 differ)"; fi; }
# expect_error NAME STATUS KIND COMMAND...: exit STATUS, exactly one line on stderr naming [KIND]
# (or containing KIND for usage errors), nothing on stdout.
expect_error() {
  local name=$1 want=$2 kind=$3; shift 3
  "$@" >"$tmp/err.out" 2>"$tmp/err.err"
  local rc=$?
  if [ $rc -ne "$want" ]; then bad "$name (exit $rc, want $want)"; sed 's/^/    /' "$tmp/err.err"; return; fi
  if [ "$(wc -l <"$tmp/err.err")" -ne 1 ]; then bad "$name (stderr is not one line)"; sed 's/^/    /' "$tmp/err.err"; return; fi
  if ! grep -qF -- "$kind" "$tmp/err.err"; then bad "$name (stderr lacks $kind)"; sed 's/^/    /' "$tmp/err.err"; return; fi
  if [ -s "$tmp/err.out" ]; then bad "$name (stdout not empty)"; return; fi
  ok "$name"
}
# random_file PATH BYTES
random_file() { head -c "$2" /dev/urandom > "$1"; }
finish() { if [ $fail -ne 0 ]; then echo "SOME CHECKS FAILED"; fi; exit $fail; }
