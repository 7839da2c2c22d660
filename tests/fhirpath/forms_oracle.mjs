// The second oracle for SafetyNet's FHIRPath engine: the npm package `fhirpath` (fhirpath.js,
// R4 model) evaluates every FHIRPath expression of the real forms in
// ../shared/realworld/questionnaires/ (SDC `variable`, calculatedExpression, initialExpression,
// enableWhenExpression) on their real QuestionnaireResponses where the folder has one, and on
// responses made here from the forms' own answer options; fhirpath_forms.cpp then evaluates the
// same steps with the engine and compares. Nothing is hard-coded: the expected values are
// whatever fhirpath.js computes at test time.
//
// How an expression is evaluated (the same rule on both sides): in document order, root
// variables first; an item's expressions with the first QuestionnaireResponse item of that
// linkId as context (the response root when it has none); %resource = the response,
// %questionnaire = the form, launch contexts (%patient, %client) = the FHIR spec's Patient
// example; each variable's value is then visible to the expressions after it.
//
// Where fhirpath.js cannot be asked as is, the step says so in `oracle_note`:
//  - it has no SDC answers(): the oracle evaluates repeat(item).answer instead;
//  - its weight()/ordinal() finds a contained ValueSet concept only by system and code: for a
//    response whose Codings leave the system out (HL7's PHQ-9 example), the oracle is given a
//    copy with the system of the answer's ValueSet filled in; the engine gets the response as is.
//
//   usage: node forms_oracle.mjs <realworld dir> <out.json>     (exit 77 when the forms are absent)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [, , realworld, out] = process.argv;
if (!realworld || !out) {
  console.error('usage: node forms_oracle.mjs <realworld dir> <out.json>');
  process.exit(1);
}
const formsDir = path.join(realworld, 'questionnaires');
const patientFile = path.join(realworld, 'fhirpath/fhirpath.js/test/resources/r4/patient-example.json');
if (!fs.existsSync(formsDir) || !fs.existsSync(patientFile)) {
  console.log(`SKIPPED: ${formsDir} or ${patientFile} is absent (the real forms live in ../shared/realworld/ beside the clone)`);
  process.exit(77);
}
const require = createRequire(import.meta.url);
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// ------------------------------------------------------------------ responses
// A QuestionnaireResponse for `q` with `answers` (linkId -> answer array), nested as the form.
function responseFor(q, answers) {
  const build = (items) => (items || []).flatMap((item) => {
    const children = build(item.item);
    const answer = answers[item.linkId];
    if (!answer && children.length === 0) return [];
    const out = { linkId: item.linkId };
    if (answer) out.answer = answer;
    if (children.length) out.item = children;
    return [out];
  });
  return { resourceType: 'QuestionnaireResponse', status: 'completed', item: build(q.item) };
}
const optionOf = (q, linkId, code) => {
  let found = null;
  const walk = (items) => (items || []).forEach((i) => {
    if (i.linkId === linkId) found = (i.answerOption || []).find((o) => o.valueCoding?.code === code);
    walk(i.item);
  });
  walk(q.item);
  if (!found) throw new Error(`${linkId} has no option ${code}`);
  return [{ valueCoding: found.valueCoding }];
};

const hvs = (file) => (q) => {
  const A = '/88122-7', B = '/88123-5';
  const pick = (a, b) => responseFor(q, { ...(a && { [A]: optionOf(q, A, a) }), ...(b && { [B]: optionOf(q, B, b) }) });
  return {
    'often/often': pick('LA28397-0', 'LA28397-0'),
    'sometimes/never': pick('LA6729-3', 'LA28398-8'),
    'never/never': pick('LA28398-8', 'LA28398-8'),
    'never/unanswered': pick('LA28398-8', null),
    "don't know/don't know": pick('LA15775-2', 'LA15775-2'),
    'nothing answered': pick(null, null),
    ...(file && { 'the real response': readJson(path.join(formsDir, file)) }),
  };
};

const lformsPhq9 = (q) => {
  const items = ['/44250-9', '/44255-8', '/44259-0', '/44254-1', '/44251-7', '/44258-2', '/44252-5', '/44253-3', '/44260-8'];
  const codes = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
  const answered = (pattern) => responseFor(q, Object.fromEntries(items.flatMap((id, i) =>
    pattern[i] === undefined ? [] : [[id, optionOf(q, id, codes[pattern[i]])]])));
  return {
    '1,2,3,0,1,2,3,0,1': answered([1, 2, 3, 0, 1, 2, 3, 0, 1]),
    'all 0': answered([0, 0, 0, 0, 0, 0, 0, 0, 0]),
    'only items 1-3 = 3': answered([3, 3, 3]),
    'nothing answered': answered([]),
  };
};

// The CVD inputs of the conformance report (§1.3): female, 60, SBP 140, smoker, TC 5.5, HDL 1.2.
const cvd = (q) => ({
  'female 60 smoker': responseFor(q, {
    'e2a16e4d-2765-4b61-b286-82cfc6356b30': [{ valueInteger: 60 }],
    '418e4a02-de77-48a0-a92a-fe8fcc52b1aa': [{ valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'female' } }],
    'b639a3a8-f476-4cc8-b5c7-f5d2abb23511': optionOf(q, 'b639a3a8-f476-4cc8-b5c7-f5d2abb23511', '77176002'),
    '4b98f514-2f6a-41f3-ad9d-185abc68ae34': [{ valueDecimal: 140 }],
    'f11feebc-fc4a-40d5-8481-b87d9f5a89aa': [{ valueDecimal: 5.5 }],
    'c47a7fae-0c60-40f8-8426-1019b1f0dd8f': [{ valueDecimal: 1.2 }],
    'e8fed84e-6c15-4f62-bc95-cd08033af3f7': [{ valueBoolean: false }],
    'b980624c-e91a-44d4-80ba-a9f34c0e1188': [{ valueBoolean: false }],
  }),
  'male 30 non-smoker with diabetes': responseFor(q, {
    'e2a16e4d-2765-4b61-b286-82cfc6356b30': [{ valueInteger: 30 }],
    '418e4a02-de77-48a0-a92a-fe8fcc52b1aa': [{ valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'male' } }],
    'b639a3a8-f476-4cc8-b5c7-f5d2abb23511': optionOf(q, 'b639a3a8-f476-4cc8-b5c7-f5d2abb23511', '266919005'),
    '4b98f514-2f6a-41f3-ad9d-185abc68ae34': [{ valueDecimal: 118.5 }],
    'f11feebc-fc4a-40d5-8481-b87d9f5a89aa': [{ valueDecimal: 4.1 }],
    'c47a7fae-0c60-40f8-8426-1019b1f0dd8f': [{ valueDecimal: 1.6 }],
    'e8fed84e-6c15-4f62-bc95-cd08033af3f7': [{ valueBoolean: true }],
    'b980624c-e91a-44d4-80ba-a9f34c0e1188': [{ valueBoolean: true }],
  }),
});

const lformsCalculated = (q) => ({
  'strings and a Yes': responseFor(q, {
    'string-to-split': [{ valueString: 'abc' }],
    oneCoding: [{ valueCoding: { display: 'Yes' } }],
    'repeating-open-choice': [{ valueString: 'a' }, { valueString: 'b' }],
    'non-repeating-q': [{ valueString: 'xyz' }],
  }),
  'a No': responseFor(q, { oneCoding: [{ valueCoding: { display: 'No' } }] }),
});

const enableWhen = (q) => ({
  'chick + en': responseFor(q, { Q10: [{ valueString: 'chick' }], Q10b: [{ valueString: 'en' }] }),
  'duck + en': responseFor(q, { Q10: [{ valueString: 'duck' }], Q10b: [{ valueString: 'en' }] }),
});

const realOnly = (file) => () => ({ 'the real response': readJson(path.join(formsDir, file)) });

// fhirpath.js's own weight()/ordinal() fixtures (R4: ordinalValue on options, on answers, on
// _valueInteger, in contained ValueSets and CodeSystems; the historic LHC PHQ-9 set).
const fixtures = (dir, files) => () => Object.fromEntries(files.map((f) => [f, readJson(path.join(realworld, dir, f))]));
const WEIGHTS = [
  '%resource.repeat(item).answer.value.weight()',
  '%resource.repeat(item).answer.value.ordinal()',
  '%resource.repeat(item).answer.weight()',
  '%resource.repeat(item).answer.value.weight().sum()',
];
const perItemWeights = (ids) => ids.map((id) => `%resource.repeat(item).where(linkId = '${id}').answer.value.weight()`);

// [form (relative to the realworld folder), its scenarios, extra expressions to evaluate on the response]
const FORMS = [
  ['questionnaires/sdohcc-hunger-vital-sign.json', hvs('sdohcc-hunger-vital-sign.response.json')],
  ['questionnaires/sdc-hunger-vital-signs.json', hvs(null)],
  ['questionnaires/lforms-phq9.json', lformsPhq9, WEIGHTS],
  ['questionnaires/sdc-phq9.json', realOnly('sdc-phq9.response.json'), WEIGHTS],
  ['questionnaires/smartforms-cvd-risk-2023.json', cvd],
  ['questionnaires/lforms-calculatedExpression.json', lformsCalculated],
  ['questionnaires/lforms-enablewhen-test.json', enableWhen],
  ['questionnaires/lhc-ussg-family-health-portrait.json', realOnly('lhc-ussg-family-health-portrait.response.json')],
  ['questionnaires/androidfhir-patient-registration-translations.json', (q) => ({ 'empty response': responseFor(q, {}) })],
  ['fhirpath/fhirpath.js/test/resources/r4/weight-examples/questionnaire-R4.json',
    fixtures('fhirpath/fhirpath.js/test/resources/r4/weight-examples', ['questionnaire-response-R4.json']),
    [...WEIGHTS, ...perItemWeights([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `link-1.1.${n}`))]],
  ['fhirpath/fhirpath.js-0cccc4ba/test/resources/phq9.json',
    fixtures('fhirpath/fhirpath.js-0cccc4ba/test/resources', ['phq9-response.json', 'phq9-response-with-embedded-scores.json', 'phq9-response-with-unlinked-answers.json']),
    WEIGHTS],
];

// ------------------------------------------------------------------ expressions
const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/';
const KINDS = {
  [`${SDC}sdc-questionnaire-calculatedExpression`]: 'calculatedExpression',
  [`${SDC}sdc-questionnaire-initialExpression`]: 'initialExpression',
  [`${SDC}sdc-questionnaire-enableWhenExpression`]: 'enableWhenExpression',
  'http://hl7.org/fhir/StructureDefinition/variable': 'variable',
  // The pre-SDC name of initialExpression, which LHC-Forms' USSG form still uses.
  'http://hl7.org/fhir/StructureDefinition/questionnaire-initialExpression': 'initialExpression',
};
// The FHIRPath expressions of the form in evaluation order: root variables, then each item's
// variables before its other expressions, items in document order.
function steps(q) {
  const list = [];
  const take = (owner, linkId) => {
    const exts = (owner.extension || []).filter((e) => KINDS[e.url] && e.valueExpression?.language === 'text/fhirpath');
    exts.sort((a, b) => (KINDS[a.url] === 'variable' ? 0 : 1) - (KINDS[b.url] === 'variable' ? 0 : 1));
    for (const e of exts) list.push({ kind: KINDS[e.url], linkId, name: e.valueExpression.name || '', expression: e.valueExpression.expression });
  };
  take(q, null);
  const walk = (items) => (items || []).forEach((i) => { take(i, i.linkId); walk(i.item); });
  walk(q.item);
  return list;
}

// The launch contexts the forms declare (%patient, %client), all given the FHIR spec's Patient.
function launchNames(q) {
  const names = [];
  for (const e of q.extension || []) {
    if (!e.url.endsWith('launchContext')) continue;
    for (const part of e.extension || []) {
      if (part.url === 'name') names.push(part.valueId || part.valueCoding?.code);
    }
  }
  return names.filter(Boolean);
}

// Codings without a system get the system of the ValueSet their item answers from (see above).
function withSystems(q, qr) {
  const vsSystem = (item) => {
    const id = item.answerValueSet?.startsWith('#') ? item.answerValueSet.slice(1) : null;
    const vs = (q.contained || []).find((r) => r.resourceType === 'ValueSet' && r.id === id);
    return vs?.compose?.include?.[0]?.system;
  };
  const qItems = {};
  const index = (items) => (items || []).forEach((i) => { qItems[i.linkId] = i; index(i.item); });
  index(q.item);
  const copy = structuredClone(qr);
  let changed = false;
  const fix = (items) => (items || []).forEach((i) => {
    for (const a of i.answer || []) {
      const system = qItems[i.linkId] && vsSystem(qItems[i.linkId]);
      if (a.valueCoding && !a.valueCoding.system && system) {
        a.valueCoding.system = system;
        changed = true;
      }
      fix(a.item);
    }
    fix(i.item);
  });
  fix(copy.item);
  return changed ? copy : null;
}

const firstItem = (qr, linkId) => {
  let found = null;
  const walk = (items) => (items || []).forEach((i) => {
    if (!found && i.linkId === linkId) found = i;
    walk(i.item);
    (i.answer || []).forEach((a) => walk(a.item));
  });
  walk(qr.item);
  return found;
};

const cases = [];
let evaluated = 0;
// today() and now() at the oracle's run, in local time as fhirpath.js reads the clock: the
// engine is given the same instant.
const now = (() => {
  const d = new Date();
  const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:` +
    `${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
})();
const patient = readJson(patientFile);
for (const [file, scenarios, extra = []] of FORMS) {
  const formPath = path.join(realworld, file);
  if (!fs.existsSync(formPath)) continue;
  const q = readJson(formPath);
  const launch = launchNames(q);
  for (const [scenario, qr] of Object.entries(scenarios(q))) {
    const oracleQr = withSystems(q, qr) || qr;
    const vars = { resource: oracleQr, questionnaire: q, ...Object.fromEntries(launch.map((n) => [n, patient])) };
    const results = [];
    const extraSteps = extra.map((expression) => ({ kind: 'expression', linkId: null, name: '', expression }));
    for (const step of [...steps(q), ...extraSteps]) {
      const notes = [];
      let expression = step.expression;
      if (/\banswers\(\)/.test(expression)) {
        expression = expression.replace(/\banswers\(\)/g, 'repeat(item).answer');
        notes.push('fhirpath.js has no answers(): evaluated repeat(item).answer');
      }
      if (oracleQr !== qr) notes.push("fhirpath.js was given the response with each Coding's system filled in from its ValueSet");
      const item = step.linkId ? firstItem(oracleQr, step.linkId) : null;
      const input = item ? { base: 'QuestionnaireResponse.item', expression } : expression;
      let value = null, error = null;
      try {
        value = fhirpath.evaluate(item || oracleQr, input, { ...vars }, r4);
      } catch (e) {
        error = e.message.split('\n')[0];
      }
      if (step.kind === 'variable' && step.name) vars[step.name] = value ?? [];
      results.push({ ...step, context: item ? 'item' : 'resource', expected: value, oracle_error: error, oracle_note: notes.join('; '),
                     oracle_expression: expression !== step.expression ? expression : null });
      ++evaluated;
    }
    cases.push({ form: file, scenario, response: qr, oracle_response: oracleQr !== qr ? oracleQr : null, launch, steps: results });
  }
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ patient: patientFile, now, cases }, null, 1));
console.log(`fhirpath.js evaluated ${evaluated} expressions of ${new Set(cases.map((c) => c.form)).size} forms in ${cases.length} scenarios into ${out}`);
