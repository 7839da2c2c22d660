#!/usr/bin/env bash
# `safetynet instruments` and `safetynet screen`: outputs on the built-ins, an imported
# instrument file, both answer forms, languages, and bad input (exit 1 usage, 2 bad input,
# one line on stderr, nothing on stdout).
set -u
bin=$1; data=$2
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# jq-like checks with python: json_ok FILE 'python expression over d'
json_ok() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }
one_line_err() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; }

"$bin" instruments >"$tmp/out" 2>"$tmp/err"; rc=$?
check "instruments exits 0" '[ $rc -eq 0 ]'
check "instruments lists the six ids in order" \
  'json_ok "$tmp/out" "[i[\"id\"] for i in d] == [\"ahc-hrsn\", \"ahc-hrsn-full\", \"hunger-vital-sign\", \"prapare\", \"phq-2\", \"phq-9\"]"'
check "each instrument has a title, the eleven languages and its item count" \
  'json_ok "$tmp/out" "all(i[\"title\"] and i[\"languages\"] == [\"en\", \"ar\", \"es\", \"ht\", \"ko\", \"pt\", \"ru\", \"tl\", \"vi\", \"zh-Hans\", \"zh-Hant\"] and i[\"items\"] > 0 for i in d) and d[0][\"items\"] == 10 and d[1][\"items\"] == 27"'

cat >"$tmp/ahc.json" <<'J'
{"71802-3": "LA31995-6", "96778-6": ["LA9-3"], "88122-7": "LA28398-8", "88123-5": "LA6729-3",
 "93030-5": "LA33-6", "96779-4": "LA32002-0",
 "95618-5": "LA6270-8", "95617-7": "LA16644-9", "95616-9": "LA10082-8", "95615-1": "LA10066-1"}
J
"$bin" screen --instrument ahc-hrsn --answers "$tmp/ahc.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "screen ahc-hrsn exits 0 with nothing on stderr" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
check "needs output has the contract fields" \
  'json_ok "$tmp/out" "d[\"instrument\"] == \"ahc-hrsn\" and d[\"complete\"] is True and all(set([\"domain\",\"positive\",\"urgent\",\"score\",\"codes\",\"evidence\"]) <= set(n) for n in d[\"needs\"])"'
check "needs: homelessness, food, transportation, utilities positive; HITS 10 not" \
  'json_ok "$tmp/out" "sorted(n[\"domain\"] for n in d[\"needs\"] if n[\"positive\"]) == [\"food-insecurity\", \"homelessness\", \"transportation-insecurity\", \"utility-insecurity\"] and [n[\"score\"] for n in d[\"needs\"] if n[\"domain\"] == \"intimate-partner-violence\"] == [10] and d[\"urgent\"] is False"'
check "current Z codes are suggested (Z59.00, Z59.41, Z59.82, Z59.12)" \
  'json_ok "$tmp/out" "{c[\"code\"] for n in d[\"needs\"] for c in n[\"codes\"]} >= {\"Z59.00\", \"Z59.41\", \"Z59.82\", \"Z59.12\"}"'

"$bin" screen --instrument ahc-hrsn --answers "$tmp/ahc.json" --lang es >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--lang es names the domains in Spanish" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "[n[\"display\"] for n in d[\"needs\"] if n[\"domain\"] == \"homelessness\"] == [\"Falta de vivienda\"]"'

"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --format fhir >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--format fhir prints a collection Bundle with QR, Observations and Conditions" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"resourceType\"] == \"Bundle\" and d[\"type\"] == \"collection\" and {e[\"resource\"][\"resourceType\"] for e in d[\"entry\"]} == {\"Patient\", \"QuestionnaireResponse\", \"Observation\", \"Condition\"}"'
python3 -c "import json,sys; b=json.load(open(sys.argv[1])); json.dump([e['resource'] for e in b['entry'] if e['resource']['resourceType']=='QuestionnaireResponse'][0], open(sys.argv[2],'w'))" "$tmp/out" "$tmp/qr.json"
"$bin" screen --instrument ahc-hrsn --answers "$tmp/qr.json" >"$tmp/out2" 2>"$tmp/err"; rc=$?
"$bin" screen --instrument ahc-hrsn --answers "$tmp/ahc.json" >"$tmp/out" 2>/dev/null
check "the exported QuestionnaireResponse screens to the same needs" '[ $rc -eq 0 ] && cmp -s "$tmp/out" "$tmp/out2"'

"$bin" screen --instrument "$data/imported/ahc-clinic-copy.questionnaire.json" --answers "$tmp/ahc.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an imported copy of AHC scores by LOINC code" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"instrument\"] == \"clinic-ahc\" and d[\"rules\"] == \"ahc-hrsn\" and len([n for n in d[\"needs\"] if n[\"positive\"]]) == 4"'

echo '{"44250-9": "LA6568-5", "44260-8": "LA6569-3"}' | "$bin" screen --instrument phq-9 --answers - >"$tmp/out" 2>"$tmp/err"; rc=$?
check "PHQ-9 item 9 above Not at all is urgent, with an alert (answers from stdin)" \
  '[ $rc -eq 0 ] && json_ok "$tmp/out" "d[\"urgent\"] is True and d[\"alerts\"][0][\"kind\"] == \"self-harm\" and d[\"needs\"][0][\"urgent\"] is True"'

# Usage errors: exit 1, one line.
"$bin" screen --instrument ahc-hrsn >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing --answers exits 1 with one line" '[ $rc -eq 1 ] && one_line_err && grep -q -- "--answers" "$tmp/err"'
"$bin" screen --instrument ahc-hrsn --answers "$tmp/ahc.json" --format xml >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a bad --format exits 1 with one line" '[ $rc -eq 1 ] && one_line_err'
"$bin" screen --instrument ahc-hrsn --answers "$tmp/ahc.json" --lang fr >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a language the instrument lacks exits 1 naming the ones it has" '[ $rc -eq 1 ] && one_line_err && grep -q "en, ar, es" "$tmp/err"'
"$bin" instruments extra >"$tmp/out" 2>"$tmp/err"; rc=$?
check "instruments takes no argument" '[ $rc -eq 1 ] && one_line_err'

# Bad input: exit 2, one line naming the problem.
"$bin" screen --instrument no-such-instrument --answers "$tmp/ahc.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an unknown instrument that is no file exits 2" '[ $rc -eq 2 ] && one_line_err'
echo '{"71802-3": "LA30190-5"}' >"$tmp/bad.json"
"$bin" screen --instrument ahc-hrsn --answers "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an answer that is not an option exits 2 naming the linkId" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "answer-not-an-option" "$tmp/err" && grep -q "71802-3" "$tmp/err"'
echo '{"71802-3": ' >"$tmp/bad.json"
"$bin" screen --instrument ahc-hrsn --answers "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "malformed answers JSON exits 2" '[ $rc -eq 2 ] && one_line_err && grep -q "malformed-json" "$tmp/err"'
"$bin" screen --instrument "$data/malformed/questionnaire/enablewhen-cycle.json" --answers "$tmp/ahc.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a Questionnaire with an enableWhen cycle exits 2" '[ $rc -eq 2 ] && one_line_err && grep -q "enablewhen-cycle" "$tmp/err"'
"$bin" screen --instrument ahc-hrsn --answers "$tmp/missing.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a missing answers file exits 2" '[ $rc -eq 2 ] && one_line_err'
# Issue 13: --valueset. The SMART Forms CVD form names the external ValueSet
# administrative-gender, which it does not contain; the real ValueSet file (fhirpath.js's test
# resource) is given beside it. Skipped with a message when ../shared/realworld is absent.
realworld="$(cd "$(dirname "$0")/../.." && pwd)/../shared/realworld"
cvd="$realworld/questionnaires/smartforms-cvd-risk-2023.json"
gender_vs="$realworld/fhirpath/fhirpath.js/test/resources/r4/administrative-gender-valueset.json"
if [ -f "$cvd" ] && [ -f "$gender_vs" ]; then
  echo '{"418e4a02-de77-48a0-a92a-fe8fcc52b1aa": "female"}' >"$tmp/cvd.json"
  "$bin" screen -i "$cvd" -a "$tmp/cvd.json" --format fhir >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "without --valueset the external set's item is free text" \
    '[ $rc -eq 0 ] && grep -q "\"valueString\": \"female\"" "$tmp/out" && ! grep -q "\"valueCoding\"" "$tmp/out"'
  "$bin" screen -i "$cvd" -a "$tmp/cvd.json" --valueset "$gender_vs" --format fhir >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "--valueset FILE makes it a coded answer from the set" \
    '[ $rc -eq 0 ] && grep -q "\"system\": \"http://hl7.org/fhir/administrative-gender\"" "$tmp/out" && grep -q "\"code\": \"female\"" "$tmp/out"'
  echo '{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": '"$(cat "$gender_vs")"'}]}' >"$tmp/vs-bundle.json"
  "$bin" screen -i "$cvd" -a "$tmp/cvd.json" --valueset "$tmp/vs-bundle.json" --valueset "$gender_vs" --format fhir >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "--valueset repeats and takes a Bundle of ValueSets" '[ $rc -eq 0 ] && grep -q "\"valueCoding\"" "$tmp/out"'
  "$bin" screen -i "$cvd" -a "$tmp/cvd.json" --valueset "$tmp/cvd.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "a --valueset file that is no ValueSet exits 2 naming it" '[ $rc -eq 2 ] && one_line_err && grep -q "cvd.json" "$tmp/err"'
  "$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --valueset "$gender_vs" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "--valueset with a built-in instrument is a usage error" '[ $rc -eq 1 ]'
else
  echo "skipped: --valueset with a real form (../shared/realworld/questionnaires is not beside the repository)"
fi
# Issue 14: languages and their provenance; a clinic's own translation (--translation).
assets=$(cd "$data/../../../assets" && pwd)
qr_of() { python3 -c "import json,sys; b=json.load(open(sys.argv[1])); json.dump([e['resource'] for e in b['entry'] if e['resource']['resourceType']=='QuestionnaireResponse'][0], open(sys.argv[2],'w'), ensure_ascii=False)" "$1" "$2"; }
# qr_ok FILE EXPR: EXPR over d (the QuestionnaireResponse), p (its provenance parts by name) and vi
# (the project's Vietnamese texts).
qr_ok() { python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
ext = [x for x in d.get('extension', []) if x['url'] == 'urn:safetynet:fhir:extension:translation-provenance']
p = {q['url']: list(q.values())[1] for q in ext[0]['extension']} if ext else {}
vi = json.load(open(sys.argv[3]))['texts']
sys.exit(0 if ($2) else 1)" "$1" "$2" "$assets/instruments/translations/ahc-hrsn.vi.json"; }
"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --lang vi --format fhir >"$tmp/out" 2>"$tmp/err"; rc=$?
qr_of "$tmp/out" "$tmp/qr.json"
check "--lang vi: the QuestionnaireResponse is in Vietnamese and says it is a project translation" \
  '[ $rc -eq 0 ] && qr_ok "$tmp/qr.json" "d[\"language\"] == \"vi\" and p[\"kind\"] == \"project\" and d[\"item\"][0][\"text\"] == vi[\"Living situation\"]"'

# A clinic's certified Vietnamese: the project file, one text changed, provenance official.
python3 - "$assets/instruments/translations/ahc-hrsn.vi.json" "$tmp/clinic-vi.json" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
d["provenance"] = {"kind": "official", "source": "Riverside Health certified translation, 2026-11"}
d["texts"]["Living situation"] = "Nơi ở (bản dịch có chứng nhận)"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
P
"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --lang vi --format fhir --translation "$tmp/clinic-vi.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
qr_of "$tmp/out" "$tmp/qr.json"
check "--translation FILE (a catalog): its wording and its provenance, with the source" \
  '[ $rc -eq 0 ] && qr_ok "$tmp/qr.json" "d[\"item\"][0][\"text\"] == \"Nơi ở (bản dịch có chứng nhận)\" and p == {\"lang\": \"vi\", \"kind\": \"official\", \"source\": \"Riverside Health certified translation, 2026-11\"}"'

# The same as a Questionnaire: the built-in one, its Vietnamese certified by our extension.
python3 - "$assets/instruments/ahc-hrsn.json" "$tmp/clinic-vi.questionnaire.json" <<'P'
import json, sys
q = json.load(open(sys.argv[1]))
q["extension"].append({"url": "urn:safetynet:fhir:extension:translation-provenance", "extension": [
    {"url": "lang", "valueCode": "vi"}, {"url": "kind", "valueCode": "official"},
    {"url": "source", "valueString": "Riverside Health certified translation, 2026-11"}]})
json.dump(q, open(sys.argv[2], "w"), ensure_ascii=False)
P
"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --lang vi --format fhir --translation "$tmp/clinic-vi.questionnaire.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
qr_of "$tmp/out" "$tmp/qr.json"
check "--translation FILE (a Questionnaire with translation extensions): official, with the source" \
  '[ $rc -eq 0 ] && qr_ok "$tmp/qr.json" "p[\"kind\"] == \"official\" and d[\"language\"] == \"vi\""'

python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['texts']['Living situation']; json.dump(d, open(sys.argv[2],'w'), ensure_ascii=False)" "$tmp/clinic-vi.json" "$tmp/bad-vi.json"
"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --lang vi --translation "$tmp/bad-vi.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a translation missing a text exits 2 naming the file, the field and the text" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "bad-vi.json texts" "$tmp/err" && grep -q "Living situation" "$tmp/err"'
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); del d['provenance']['source']; json.dump(d, open(sys.argv[2],'w'), ensure_ascii=False)" "$tmp/clinic-vi.json" "$tmp/bad-vi.json"
"$bin" screen -i ahc-hrsn -a "$tmp/ahc.json" --lang vi --translation "$tmp/bad-vi.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "an official translation without its source exits 2 naming provenance.source" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "bad-vi.json provenance.source" "$tmp/err"'
"$bin" screen -i phq-9 -a "$tmp/ahc.json" --lang vi --translation "$tmp/clinic-vi.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a translation of another instrument exits 2 naming instrument" \
  '[ $rc -eq 2 ] && one_line_err && grep -q "clinic-vi.json instrument" "$tmp/err"'
exit $fail
