#!/usr/bin/env bash
# The referral-loop commands as scripts meet them: refer, status make/read/apply, dashboard and
# the encrypted store in a directory (init, info, show, backup, restore), with their refusals
# (exit 1 usage, 2 bad input, one line on stderr, nothing on stdout), and a store backup opened
# by the stock `age -d`.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
json_ok() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }
one_line_err() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; }
cd "$tmp"

cat >req.json <<'J'
{"patient": {"name": "Alex Testperson", "phone": "+1 555 0100", "preferred_contact": "phone"},
 "requester": {"name": "Eastside Community Clinic"},
 "organization": {"name": "Westside Food Bank"},
 "services": [{"id": "svc-1", "name": "Food pantry"}],
 "consent": {"date_time": "2025-06-01T14:25:00Z"}}
J
cat >ans.json <<'J'
{"71802-3": "LA31994-9", "96778-6": ["LA9-3"], "88122-7": "LA28397-0", "88123-5": "LA28398-8",
 "93030-5": "LA33-6", "96779-4": "LA32-8", "95618-5": "LA6270-8", "95617-7": "LA6270-8",
 "95616-9": "LA6270-8", "95615-1": "LA6270-8"}
J

# ---- refer
"$bin" refer --referral req.json -i ahc-hrsn -a ans.json --now 2025-06-01T14:30:00Z --format referral >ref.json 2>"$tmp/err"; rc=$?
check "refer --format referral fills ids, history and the screening's needs" \
  '[ $rc -eq 0 ] && json_ok ref.json "len(d[\"id\"]) == 36 and d[\"history\"][0][\"status\"] == \"requested\" and sorted(n[\"domain\"] for n in d[\"needs\"]) == [\"food-insecurity\", \"housing-instability\", \"transportation-insecurity\"]"'
"$bin" refer --referral ref.json --now 2025-06-01T14:30:00Z >bundle.json 2>"$tmp/err"; rc=$?
check "refer prints the referral Bundle with the same Task id" \
  '[ $rc -eq 0 ] && python3 -c "import json; b=json.load(open(\"bundle.json\")); r=json.load(open(\"ref.json\")); t=[e[\"resource\"] for e in b[\"entry\"] if e[\"resource\"][\"resourceType\"]==\"Task\"][0]; assert t[\"identifier\"][0][\"value\"] == \"urn:uuid:\" + r[\"id\"] and t[\"status\"] == \"requested\""'
sed 's/"Alex Testperson"/""/' req.json >noname.json
"$bin" refer --referral noname.json -i ahc-hrsn -a ans.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "refer without the person's name exits 2 with one line naming the field" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "\[referral\].*patient.name" "$tmp/err"'
"$bin" refer --referral req.json --instrument ahc-hrsn >"$tmp/out" 2>"$tmp/err"; rc=$?
check "refer --instrument without --answers is a usage error" '[ $rc -eq 1 ] && one_line_err'
"$bin" refer --referral req.json --now yesterday >"$tmp/out" 2>"$tmp/err"; rc=$?
check "refer --now must be RFC 3339 UTC" '[ $rc -eq 1 ] && one_line_err'

# ---- status: the organization answers from the bundle it received; the clinic applies
"$bin" status make --referral-bundle bundle.json --status accepted --at 2025-06-02T09:00:00Z >up1.json 2>"$tmp/err"; rc=$?
check "status make accepted" '[ $rc -eq 0 ] && json_ok up1.json "d[\"resourceType\"] == \"Bundle\""'
"$bin" status read up1.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "status read gives the Task's new state" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"status\"] == \"accepted\" and d[\"at\"] == \"2025-06-02T09:00:00Z\" and d[\"organization\"] == \"Westside Food Bank\""'
"$bin" status apply up1.json --referral ref.json >ref1.json 2>"$tmp/err"; rc=$?
check "status apply adds the event, by the performer" \
  '[ $rc -eq 0 ] && json_ok ref1.json "[h[\"status\"] for h in d[\"history\"]] == [\"requested\", \"accepted\"] and d[\"history\"][1][\"by\"] == \"performer\""'
"$bin" status apply up1.json --referral ref1.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the same update twice: duplicate-update, exit 2" '[ $rc -eq 2 ] && one_line_err && grep -q "\[duplicate-update\]" "$tmp/err"'
"$bin" status make --referral ref1.json --status completed --outcome got-help --at 2025-06-05T16:00:00Z >up2.json 2>"$tmp/err"; rc=$?
check "status make completed with got-help" '[ $rc -eq 0 ]'
"$bin" status apply up2.json --referral ref1.json >ref2.json 2>"$tmp/err"; rc=$?
check "status apply completed" '[ $rc -eq 0 ] && json_ok ref2.json "d[\"history\"][-1][\"outcome\"] == \"got-help\""'
"$bin" status apply up1.json --referral ref2.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an older update after completion: stale-update" '[ $rc -eq 2 ] && one_line_err && grep -q "\[stale-update\]" "$tmp/err"'
"$bin" status make --referral ref.json --status completed --by requester --at 2025-06-05T16:00:00Z >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the clinic cannot complete a referral: status-transition" '[ $rc -eq 2 ] && one_line_err && grep -q "\[status-transition\]" "$tmp/err"'
"$bin" status make --referral ref1.json --status completed --outcome no-capacity --at 2025-06-05T16:00:00Z >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an outcome that does not fit the status: outcome" '[ $rc -eq 2 ] && one_line_err && grep -q "\[outcome\]" "$tmp/err"'
"$bin" status make --referral ref1.json --status received --at 2025-06-05T16:00:00Z >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a status SDOHCC excludes is a usage error" '[ $rc -eq 1 ] && one_line_err'
"$bin" status frobnicate >"$tmp/out" 2>"$tmp/err"; rc=$?
check "status with an unknown verb exits 1" '[ $rc -eq 1 ] && one_line_err'

# ---- dashboard over a data set made of these referrals
python3 - <<'P'
import json
ref = json.load(open("ref2.json")); ref1 = json.load(open("ref.json"))
json.dump({"safetynet_dataset": 1, "referrals": [ref, ref1 | {"id": "aaaaaaaa-0000-4000-8000-000000000001"}], "screenings": []}, open("ds.json", "w"))
P
"$bin" dashboard --data ds.json --now 2025-06-30T00:00:00Z >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dashboard: 2 sent, 1 completed, closure 0.5, 1 overdue (28 days without news)" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"sent\"] == 2 and d[\"completed\"] == 1 and d[\"closure_rate\"] == 0.5 and d[\"overdue\"] == 1 and d[\"median_days_to_close\"] > 4"'
"$bin" dashboard --data ds.json --now 2025-06-30T00:00:00Z --format csv >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dashboard --format csv: CRLF rows, header first" \
  '[ $rc -eq 0 ] && head -1 "$tmp/out" | grep -q "^metric,group,value,numerator,denominator.$" && grep -q "^closure_rate,,0.5,1,2.$" "$tmp/out"'
"$bin" dashboard --data ds.json --from 2025-6-1 >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dashboard with a malformed date exits 2" '[ $rc -eq 2 ] && one_line_err && grep -q "\[dashboard\]" "$tmp/err"'
"$bin" dashboard >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dashboard without a source exits 1" '[ $rc -eq 1 ] && one_line_err'

# ---- the store in a directory
echo "store pass one" >pw; echo "backup pass" >bpw; echo "wrong pass" >badpw
"$bin" store init --store st --name "Eastside Community Clinic" --work-factor 10 --passphrase-file pw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "store init creates the store and a key set" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"generation\"] == 1 and len(d[\"store_id\"]) == 32 and len(d[\"fingerprint\"].split()) == 8" && [ -f st/store/head ]'
check "the store's files hold no plaintext" '! grep -rq "Eastside" st'
"$bin" store init --store st --name X --work-factor 10 --passphrase-file pw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "init over an existing store: store-exists" '[ $rc -eq 2 ] && one_line_err && grep -q "\[store-exists\]" "$tmp/err"'
"$bin" store info --store st >"$tmp/out" 2>"$tmp/err"; rc=$?
check "store info needs no passphrase" '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"kdf\"][\"log_n\"] == 10 and d[\"generation\"] == 1"'
"$bin" store show --store st --passphrase-file badpw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a wrong passphrase: wrong-passphrase, exit 2" '[ $rc -eq 2 ] && one_line_err && grep -q "\[wrong-passphrase\]" "$tmp/err"'
"$bin" store show --store st --passphrase-file pw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "store show" '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"name\"] == \"Eastside Community Clinic\" and d[\"key_sets\"] == 1 and d[\"audit_entries\"] == 1"'
"$bin" store backup --store st -o backup.age --work-factor 10 --passphrase-file pw --backup-passphrase-file bpw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "store backup writes one armored age file" '[ $rc -eq 0 ] && head -1 backup.age | grep -q "BEGIN AGE ENCRYPTED FILE"'
if command -v age >/dev/null; then
  # age reads the passphrase from the terminal only: give it one through script(1).
  if command -v script >/dev/null; then
    printf 'backup pass\n' | script -qec "age -d -o plain.txt backup.age" /dev/null >/dev/null 2>&1
    check "the stock age -d opens the backup" 'head -1 plain.txt | grep -q "^safetynet-store-backup/v1$"'
  fi
fi
"$bin" store restore --store st backup.age --passphrase-file pw --backup-passphrase-file badpw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "restore with a wrong backup passphrase changes nothing" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "\[wrong-passphrase\]" "$tmp/err" && "$bin" store info --store st | grep -q "\"generation\": 2"'
"$bin" store restore --store st backup.age --passphrase-file pw --backup-passphrase-file bpw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "restore replaces the content" '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"referrals\"] == 0"'
"$bin" dashboard --store st --passphrase-file pw --now 2025-06-30T00:00:00Z >"$tmp/out" 2>"$tmp/err"; rc=$?
check "dashboard --store reads the store" '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"sent\"] == 0 and d[\"overdue_days\"] == 14"'
"$bin" store show --store nowhere --passphrase-file pw >"$tmp/out" 2>"$tmp/err"; rc=$?
check "no store there: store-missing" '[ $rc -eq 2 ] && one_line_err && grep -q "\[store-missing\]" "$tmp/err"'
"$bin" store explode --store st >"$tmp/out" 2>"$tmp/err"; rc=$?
check "store with an unknown verb exits 1" '[ $rc -eq 1 ] && one_line_err'
exit $fail
