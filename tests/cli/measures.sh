#!/usr/bin/env bash
# `safetynet measures` as scripts meet it (issue 15): the report with and without a roster, the
# roster imported into an encrypted store, three sites' signed network reports merged, and the
# refusals: a tampered, an unsigned and a stranger's file (exit 2, one line naming the file),
# usage errors (exit 1).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
json_ok() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }
one_line_err() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; }
cd "$tmp"
echo "a passphrase for the test keys" >pass.txt

# A data set of one site: N screenings of patients on the roster, all five needs screened.
dataset() {  # $1 = patients, $2 = file
  python3 - "$1" "$2" <<'P'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
five = ["food-insecurity", "housing-instability", "transportation-insecurity", "utility-insecurity", "intimate-partner-violence"]
qr = {"resourceType": "QuestionnaireResponse", "status": "completed"}
scr, pats = [], []
for i in range(n):
    d = "2026-02-%02d" % (1 + i % 27)
    pats.append({"id": "P%d" % i, "birth_date": "1970-01-01", "visits": [{"start": d}]})
    scr.append({"safetynet_screening": 1, "id": "00000000-0000-4000-8000-%012d" % i, "authored": d + "T10:00:00Z",
                "imported": d + "T10:00:00Z", "instrument": "ahc-hrsn", "source": "clinician", "patient_id": "P%d" % i,
                "questionnaire_response": qr, "needs": [{"domain": x, "answered": True, "positive": x == "food-insecurity"} for x in five]})
json.dump({"safetynet_dataset": 1, "screenings": scr, "referrals": [], "roster": {"safetynet_roster": 1, "imported": "", "source": "", "patients": pats}}, open(out, "w"))
P
}

# ---- the report
dataset 12 a.json
"$bin" measures --data a.json --period 2026-01/2026-03 --now 2026-04-05T12:00:00Z --format json >m.json 2>"$tmp/err"; rc=$?
check "measures --format json: #487 12 of 12 with the roster" \
  '[ $rc -eq 0 ] && json_ok m.json "d[\"measures\"][0][\"groups\"][0][\"denominator\"] == 12 and d[\"measures\"][0][\"groups\"][0][\"numerator\"] == 12"'
"$bin" measures --data a.json --period 2026-01/2026-03 --now 2026-04-05T12:00:00Z >m.fhir.json 2>"$tmp/err"; rc=$?
check "measures prints a Bundle of summary MeasureReports" \
  '[ $rc -eq 0 ] && json_ok m.fhir.json "d[\"resourceType\"] == \"Bundle\" and all(e[\"resource\"][\"type\"] == \"summary\" for e in d[\"entry\"])"'
"$bin" measures --data a.json --period 2026-01/2026-03 --now 2026-04-05T12:00:00Z --format explain >why.txt 2>"$tmp/err"; rc=$?
check "measures --format explain: one line per patient and measure" '[ $rc -eq 0 ] && grep -qP "^mips-487\tpatient P3 visit [0-9-]+\t.*numerator\tscreened-all" why.txt'
"$bin" measures --data a.json --period Q1 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a malformed period exits 2 with one line" '[ $rc -eq 2 ] && one_line_err && grep -q "\[measures\]" "$tmp/err"'
"$bin" measures --period 2026-01/2026-03 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "measures without --store or --data is a usage error" '[ $rc -eq 1 ]'

# ---- the roster into an encrypted store
"$bin" store init --store st --name "Eastside Clinic" --work-factor 10 --passphrase-file pass.txt >/dev/null 2>"$tmp/err"
printf 'patient_id,birth_date,visit_date\nP1,1980-01-01,2026-02-03\nP2,2010-01-01,2026-02-03\n' >roster.csv
"$bin" measures roster --store st --passphrase-file pass.txt roster.csv >r.json 2>"$tmp/err"; rc=$?
check "measures roster imports the EHR's patients into the store" '[ $rc -eq 0 ] && json_ok r.json "d[\"patients\"] == 2 and d[\"roster_patients\"] == 2"'
"$bin" measures --store st --passphrase-file pass.txt --period 2026-02 --format json >s.json 2>"$tmp/err"; rc=$?
check "the store's measures use it: one adult seen, nobody screened" \
  '[ $rc -eq 0 ] && json_ok s.json "d[\"has_roster\"] and d[\"measures\"][0][\"groups\"][0][\"denominator\"] == 1 and d[\"measures\"][0][\"groups\"][0][\"numerator\"] == 0"'
printf 'patient_id,birth_date,visit_date\nP1,1980-13-01,2026-02-03\n' >bad.csv
"$bin" measures roster --store st --passphrase-file pass.txt bad.csv >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a bad roster row exits 2 naming the file and line" '[ $rc -eq 2 ] && one_line_err && grep -q "bad.csv line 2" "$tmp/err"'

# ---- three sites, signed, merged
for s in a b c; do "$bin" keygen --org "Site $s" -o $s.keys --passphrase-file pass.txt --work-factor 10 >/dev/null 2>&1; done
dataset 25 b.json; dataset 7 c.json
for s in a b c; do
  "$bin" measures network --data $s.json --key $s.keys --key-passphrase-file pass.txt --period 2026-01/2026-03 \
    --now 2026-04-05T12:00:00Z -o $s.net.txt 2>"$tmp/err" || echo "network $s: $(cat "$tmp/err")"
done
"$bin" measures merge --site a.keys.card.json --site b.keys.card.json --site c.keys.card.json a.net.txt b.net.txt c.net.txt >net.csv 2>"$tmp/err"; rc=$?
check "merge of three sites: 12 + 25 + suppressed (7)" \
  '[ $rc -eq 0 ] && grep -q "^mips-487,,,denominator,12,25,suppressed,suppressed,1" net.csv'
sed 's/"count": 25/"count": 26/' b.net.txt >b.edited.txt
"$bin" measures merge --site a.keys.card.json --site b.keys.card.json a.net.txt b.edited.txt >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a tampered file is refused by name" '[ $rc -eq 2 ] && one_line_err && grep -q "\[bad-signature\]: b.edited.txt" "$tmp/err"'
"$bin" measures --data b.json --period 2026-01/2026-03 >plain.json 2>/dev/null
"$bin" measures merge --site a.keys.card.json a.net.txt plain.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unsigned file is refused by name" '[ $rc -eq 2 ] && one_line_err && grep -q "\[network-file\]: plain.json" "$tmp/err"'
"$bin" measures merge --site a.keys.card.json a.net.txt c.net.txt >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a site whose card is not given is refused by name" '[ $rc -eq 2 ] && one_line_err && grep -q "\[untrusted-signer\]: c.net.txt" "$tmp/err"'
"$bin" measures merge a.net.txt >"$tmp/out" 2>"$tmp/err"; rc=$?
check "merge without --site is a usage error" '[ $rc -eq 1 ]'

exit $fail
