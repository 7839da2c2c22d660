#!/usr/bin/env bash
# `safetynet directory check|index` and `safetynet match`: the contract of issue 4 (JSON on
# stdout, one line on stderr, exit 0 ok / 1 usage / 2 bad input) on the demo region, the
# test directories and broken inputs.
set -u
bin=$1; root=$2; py=${3:-python3}
demo="$root/assets/directory/demo-region.hsds.json"
data="$root/tests/data/directory"
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
run() { "$bin" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
one_line() { [ "$(wc -l <"$tmp/err")" -eq 1 ]; }
json() { "$py" -c "import json,sys; d=json.load(open('$tmp/out')); sys.exit(0 if ($1) else 1)"; }

# ---- directory check
run directory check "$demo"
check "check: the demo region is clean" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && json "d[\"services\"] >= 150 and d[\"organizations\"] >= 40 and d[\"locations\"] >= 60 and d[\"errors\"] == []"'
check "check: the report has exactly the documented keys" 'json "list(d) == [\"organizations\", \"services\", \"locations\", \"service_at_locations\", \"schedules\", \"errors\", \"warnings\"]"'
run directory check "$data/csv-quirks"
check "check: a CSV package with a bad row still passes, listing file, line and field" \
  '[ $rc -eq 0 ] && json "d[\"services\"] == 3 and d[\"errors\"] == [{\"file\": \"csv-quirks/services.csv\", \"line\": 7, \"field\": \"status\", \"message\": \"must be one of active, inactive, defunct, temporarily closed\"}]"'
run directory check "$data/malformed/j08-bad-status.hsds.json"
check "check: no good service exits 2 with the report and one line" \
  '[ $rc -eq 2 ] && one_line && grep -q "no good service" "$tmp/err" && json "d[\"services\"] == 0 and d[\"errors\"][0][\"id\"] == \"s1\" and d[\"errors\"][0][\"field\"] == \"status\""'
run directory check "$data/malformed/j01-not-json.hsds.json"
check "check: invalid JSON is reported with its line" '[ $rc -eq 2 ] && json "d[\"errors\"][0][\"line\"] == 1"'
run directory check "$tmp/no-such-file.json"
check "check: a missing file exits 2 with one line" '[ $rc -eq 2 ] && one_line && [ ! -s "$tmp/out" ]'
run directory check
check "check: no PATH is a usage error" '[ $rc -eq 1 ] && one_line'
run directory frob "$demo"
check "an unknown action is a usage error" '[ $rc -eq 1 ] && one_line'
run directory check "$demo" -o "$tmp/x.idx"
check "check: -o is for index only" '[ $rc -eq 1 ] && one_line && [ ! -e "$tmp/x.idx" ]'

# ---- directory index
run directory index "$demo" -o "$tmp/demo.idx"
check "index: writes the index and reports it" '[ $rc -eq 0 ] && [ -s "$tmp/demo.idx" ] && json "d[\"index\"][\"file\"] == \"$tmp/demo.idx\" and d[\"index\"][\"bytes\"] == $(stat -c %s "$tmp/demo.idx")"'
run directory index "$demo"
check "index: without -o is a usage error" '[ $rc -eq 1 ] && one_line'
run directory check "$tmp/demo.idx"
check "check: an index reports the same counts" '[ $rc -eq 0 ] && json "d[\"services\"] >= 150 and d[\"errors\"] == []"'
run directory index "$data/malformed/j09-missing-status.hsds.json" -o "$tmp/bad.idx"
check "index: nothing is written when no service is good" '[ $rc -eq 2 ] && [ ! -e "$tmp/bad.idx" ]'
head -c 5000 "$tmp/demo.idx" >"$tmp/truncated.idx"
run directory check "$tmp/truncated.idx"
check "check: a truncated index exits 2 with one line naming it" '[ $rc -eq 2 ] && one_line && grep -q "bad-index" "$tmp/err"'
cp "$tmp/demo.idx" "$tmp/flipped.idx"
printf '\xff' | dd of="$tmp/flipped.idx" bs=1 seek=4000 conv=notrunc 2>/dev/null
run match --directory "$tmp/flipped.idx" --domain food-insecurity
check "match: a corrupt index exits 2 (checksum)" '[ $rc -eq 2 ] && one_line && grep -q "checksum" "$tmp/err"'

# ---- match
run match --directory "$demo" --domain food-insecurity --near 95122 --limit 5
check "match: results with the documented fields, best first" '[ $rc -eq 0 ] && json "
len(d[\"results\"]) == 5 and isinstance(d[\"excluded\"], int) and list(d) == [\"results\", \"excluded\"] and
all(list(r) == [\"service_id\",\"organization_id\",\"location_id\",\"name\",\"domains\",\"distance_km\",\"score\",\"reasons\"] for r in d[\"results\"]) and
all(r[\"domains\"] == [\"food-insecurity\"] for r in d[\"results\"]) and
all(d[\"results\"][i][\"score\"] >= d[\"results\"][i+1][\"score\"] for i in range(4)) and
all(all(set(x) == {\"code\",\"params\",\"text\"} for x in r[\"reasons\"]) for r in d[\"results\"])"'
cp "$tmp/out" "$tmp/from-json.out"
run match --directory "$tmp/demo.idx" --domain food-insecurity --near 95122 --limit 5
check "match: the compiled index gives the same answer as the JSON" '[ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/from-json.out"'
run match --directory "$demo" --domain food-insecurity --near 95122 --lang vi --age 70 --open-at 2026-11-24T11:45 --radius-km 10
check "match: language, age and hours filter, with reasons in words" '[ $rc -eq 0 ] && json "
len(d[\"results\"]) >= 2 and all(any(x[\"text\"] == \"Speaks Vietnamese\" for x in r[\"reasons\"]) for r in d[\"results\"]) and
all(any(x[\"code\"] == \"open\" for x in r[\"reasons\"]) for r in d[\"results\"]) and all(r[\"distance_km\"] <= 10 for r in d[\"results\"])"'
run match --directory "$demo" --domain interpersonal-safety --near 37.33,-121.83 --query "violencia domestica"
check "match: LAT,LON and an accent-free Spanish query find the hotline with no address" '[ $rc -eq 0 ] && json "
any(r[\"name\"] == \"24-Hour Domestic Violence Hotline\" and r[\"distance_km\"] is None and r[\"location_id\"] == \"\" for r in d[\"results\"])"'
run match --directory "$demo" --domain food-insecurity --near 95122 --limit 3
check "match: --limit" '[ $rc -eq 0 ] && json "len(d[\"results\"]) == 3"'
run match --directory "$data/equivalent-package" --domain food-insecurity --near 45.0,-122.0
check "match: a tabular data package directory" '[ $rc -eq 0 ] && json "[r[\"service_id\"] for r in d[\"results\"]] == [\"e1\"]"'

# --needs: the output of `safetynet screen`
cat >"$tmp/needs.json" <<'JSON'
{"instrument": "ahc-hrsn", "complete": true, "needs": [
  {"domain": "food-insecurity", "positive": true, "urgent": false, "score": 2, "codes": [], "evidence": []},
  {"domain": "transportation-insecurity", "positive": false, "urgent": false, "score": 0, "codes": [], "evidence": []}]}
JSON
run match --directory "$demo" --needs "$tmp/needs.json" --near 95122
check "match --needs: the positive needs only" '[ $rc -eq 0 ] && json "len(d[\"results\"]) > 0 and all(r[\"domains\"] == [\"food-insecurity\"] for r in d[\"results\"])"'
cat >"$tmp/negative.json" <<'JSON'
{"instrument": "ahc-hrsn", "complete": true, "needs": [{"domain": "food-insecurity", "positive": false}]}
JSON
run match --directory "$demo" --needs "$tmp/negative.json"
check "match --needs: a negative screen gives no results" '[ $rc -eq 0 ] && json "d == {\"results\": [], \"excluded\": 0}"'
echo '{"needs": [{"domain": "time-travel", "positive": true}]}' >"$tmp/unknown.json"
run match --directory "$demo" --needs "$tmp/unknown.json"
check "match --needs: positive needs the map does not know exit 2" '[ $rc -eq 2 ] && one_line'
echo 'not json' >"$tmp/garbage.json"
run match --directory "$demo" --needs "$tmp/garbage.json"
check "match --needs: garbage exits 2" '[ $rc -eq 2 ] && one_line'

# usage errors: exit 1, one line, nothing on stdout
for args in "--domain food-insecurity" \
            "--directory $demo" \
            "--directory $demo --domain food-insecurity --needs $tmp/needs.json" \
            "--directory $demo --domain unicorns" \
            "--directory $demo --domain food-insecurity --near abc" \
            "--directory $demo --domain food-insecurity --near 91,0" \
            "--directory $demo --domain food-insecurity --open-at tomorrow" \
            "--directory $demo --domain food-insecurity --open-at 2026-11-24T10:30Z" \
            "--directory $demo --domain food-insecurity --limit 0" \
            "--directory $demo --domain food-insecurity --limit 2.5" \
            "--directory $demo --domain food-insecurity --radius-km -3" \
            "--directory $demo --domain food-insecurity --age 200" \
            "--directory $demo --domain food-insecurity --lang english" \
            "--directory $demo --domain food-insecurity extra"; do
  run match $args
  check "match usage error: $args" '[ $rc -eq 1 ] && one_line && [ ! -s "$tmp/out" ]'
done
run match --directory "$demo" --domain food-insecurity --near 00000
check "match: an unknown ZIP exits 2" '[ $rc -eq 2 ] && one_line'

# --need-map: a site's own map
cat >"$tmp/map.json" <<'JSON'
{"version": 1, "needs": [{"domain": "hot-food", "taxonomy_codes": ["102-05"], "keywords": ["hot meals"]}]}
JSON
run match --directory "$demo" --need-map "$tmp/map.json" --domain hot-food --near 95122
check "match --need-map: a site's own domains" '[ $rc -eq 0 ] && json "len(d[\"results\"]) > 0 and all(r[\"domains\"] == [\"hot-food\"] for r in d[\"results\"])"'
run match --directory "$tmp/demo.idx" --need-map "$tmp/map.json" --domain hot-food
check "match --need-map: an index compiled with another map is refused" '[ $rc -eq 2 ] && one_line && grep -q "need-map-mismatch" "$tmp/err"'
run directory index "$demo" -o "$tmp/hot.idx" --need-map "$tmp/map.json"
run match --directory "$tmp/hot.idx" --need-map "$tmp/map.json" --domain hot-food --near 95122
check "match --need-map: an index compiled with that map" '[ $rc -eq 0 ] && json "len(d[\"results\"]) > 0"'
echo '{"needs": []}' >"$tmp/badmap.json"
run match --directory "$demo" --need-map "$tmp/badmap.json" --domain food-insecurity
check "match --need-map: a bad map exits 2" '[ $rc -eq 2 ] && one_line'

exit $fail
