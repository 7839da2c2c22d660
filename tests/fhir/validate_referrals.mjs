// FHIR validation of the referral loop's output with the same independent layers as
// validate.mjs (fhir_validator.mjs: R4 JSON Schema, FHIR.js, FHIRPath invariants of R4 and
// the SDOHCC Task / ServiceRequest / Consent profiles, reference resolution) plus the
// referral's typed links:
//   - `safetynet refer` Bundles with the screening of every scoring case, and without one;
//   - `safetynet status make` Bundles for every outcome and the statuses they fit;
//   - `safetynet dashboard --format fhir`, the period Bundle for an EMR;
// then deliberately broken copies, each of which the named layer must reject.
//
// usage: node validate_referrals.mjs --cli BUILD/cli/safetynet
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateBundle, referralLinkFindings, report, tally } from './fhir_validator.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const cli = argv[argv.indexOf('--cli') + 1];
if (!cli || argv.indexOf('--cli') < 0) {
  console.error('usage: node validate_referrals.mjs --cli PATH/TO/safetynet');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(tmpdir(), 'safetynet-referral-fhir-'));
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
const check = (bundle, label) => {
  const findings = [...validateBundle(bundle, label), ...referralLinkFindings(bundle, label)];
  report(findings.length === 0, `${label} is valid (${bundle.entry.length} entries)`, findings);
  return bundle;
};

const request = {
  patient: { name: 'Alex Testperson', family: 'Testperson', given: ['Alex'], birth_date: '1980-02-29',
             phone: '+1 555 0100', email: 'alex@example.org', preferred_contact: 'email', language: 'es',
             contact_note: 'after 5 pm' },
  requester: { name: 'Eastside Community Clinic' },
  organization: { name: 'Westside Food Bank', directory_id: 'org-westside' },
  services: [{ id: 'svc-pantry', name: 'Food pantry', location_id: 'loc-1', location_name: 'Main pantry', address: '12 Harbor St' },
             { name: 'SNAP application help' }],
  consent: { date_time: '2025-06-01T14:25:00Z', scope: 'Share my needs and phone with Westside Food Bank.' },
  priority: 'urgent', note: 'Prefers mornings.', occurrence: '2025-06-15', clinician: 'Dr. R. Diaz',
};
const NOW = '2025-06-01T14:30:00Z';

// ---- referral bundles with every scoring case's screening -----------------------------------
const casesDir = path.join(root, 'tests', 'data', 'screening', 'scoring');
let withScreening = 0;
for (const f of readdirSync(casesDir).filter((f) => f.endsWith('.case.json')).sort()) {
  const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
  const inst = c.instrument.startsWith('file:') ? path.join(root, 'tests/data/screening', c.instrument.slice(5)) : c.instrument;
  const answers = file(c.answers);
  let args = ['refer', '--referral', file(request), '--instrument', inst, '--answers', answers, '--now', NOW];
  let r = spawnSync(cli, args, { encoding: 'utf8' });
  if (r.status !== 0 && r.stderr.includes('at least one need')) {
    // A screening with no positive need: the clinician names the need.
    args = ['refer', '--referral', file({ ...request, needs: [{ domain: 'food-insecurity', display: 'Food insecurity' }] }),
            '--instrument', inst, '--answers', answers, '--now', NOW];
    r = spawnSync(cli, args, { encoding: 'utf8' });
  }
  if (r.status !== 0) { report(false, `refer with ${f}`, [r.stderr]); continue; }
  check(JSON.parse(r.stdout), `referral Bundle with the screening of ${f}`);
  withScreening++;
}

// ---- a referral without a screening: reasonCode, do-not-contact, a representative's consent --
const plain = { ...request, patient: { ...request.patient, do_not_contact: true },
                consent: { ...request.consent, given_by: 'Maria Testperson', relationship: 'mother' },
                needs: [{ domain: 'food-insecurity', display: 'Food insecurity',
                          codes: [{ system: 'http://snomed.info/sct', code: '733423003', display: 'Food insecurity' }] },
                        { domain: 'depression', display: 'Depression' }] };
const referralJson = run(['refer', '--referral', file(plain), '--now', NOW, '--format', 'referral']);
const referralFile = file(referralJson);
const good = check(run(['refer', '--referral', referralFile, '--now', NOW]), 'referral Bundle without a screening');

// ---- status updates: every outcome with a status it fits --------------------------------------
const updates = [
  ['accepted', null], ['in-progress', null], ['on-hold', 'waitlist'], ['completed', 'got-help'],
  ['rejected', 'no-capacity'], ['rejected', 'not-eligible'], ['failed', 'couldnt-contact'],
  ['cancelled', 'declined-by-patient'], ['rejected', 'other'],
];
const updateFiles = {};
for (const [status, outcome] of updates) {
  // Each from a referral that reached a state it may leave that way.
  let ref = referralJson;
  const via = { 'in-progress': ['accepted'], 'on-hold': ['accepted'], completed: ['accepted', 'in-progress'],
                failed: ['accepted'], cancelled: [] }[status] || [];
  let t = 2;
  for (const s of via) {
    const up = file(run(['status', 'make', '--referral', file(ref), '--status', s, '--at', `2025-06-0${t++}T09:00:00Z`]));
    ref = run(['status', 'apply', up, '--referral', file(ref)]);
  }
  const args = ['status', 'make', '--referral', file(ref), '--status', status, '--at', `2025-06-0${t}T09:00:00Z`];
  if (outcome) args.push('--outcome', outcome);
  if (outcome === 'other') args.push('--reason', 'Moved out of the service area');
  if (status === 'completed') args.push('--business-status', 'Groceries picked up', '--note', 'Weekly delivery');
  const b = check(run(args), `status update ${status}${outcome ? ` (${outcome})` : ''}`);
  updateFiles[`${status}/${outcome}`] = file(b);
}
check(run(['status', 'make', '--referral', referralFile, '--status', 'cancelled', '--by', 'requester',
                              '--outcome', 'no-longer-needed', '--at', '2025-06-03T09:00:00Z']), 'status update cancelled by the clinic');

// ---- the dashboard's period Bundle ------------------------------------------------------------
const screenBundle = run(['screen', '--instrument', 'ahc-hrsn', '--answers', file({ '88122-7': 'LA28397-0', '88123-5': 'LA28398-8' }),
                          '--format', 'fhir']);
const needs = run(['screen', '--instrument', 'ahc-hrsn', '--answers', file({ '88122-7': 'LA28397-0', '88123-5': 'LA28398-8' })]);
const qr = screenBundle.entry.find((e) => e.resource.resourceType === 'QuestionnaireResponse').resource;
qr.authored = '2025-06-01T14:00:00Z';
const screening = (id) => ({ safetynet_screening: 1, id, authored: '2025-06-01T14:00:00Z', imported: '2025-06-01T14:05:00Z',
  instrument: 'ahc-hrsn', source: 'clinician', needs: needs.needs.map((x) => ({ domain: x.domain, positive: x.positive, answered: x.answered, urgent: x.urgent })),
  urgent: needs.urgent, questionnaire_response: qr });
const done = run(['status', 'apply', updateFiles['completed/got-help'],
                  '--referral', file(run(['status', 'apply', file(run(['status', 'make', '--referral', referralFile, '--status', 'accepted', '--at', '2025-06-02T09:00:00Z'])), '--referral', referralFile]))]);
const dataset = { safetynet_dataset: 1,
  referrals: [{ ...done, screening_id: '11111111-1111-4111-8111-111111111111' }],
  screenings: [screening('11111111-1111-4111-8111-111111111111'), screening('22222222-2222-4222-8222-222222222222')] };
const period = check(run(['dashboard', '--data', file(dataset), '--format', 'fhir', '--now', '2025-07-01T00:00:00Z']),
                     'dashboard period Bundle');
report(period.entry.filter((e) => e.resource.resourceType === 'QuestionnaireResponse').length === 2 &&
       period.entry.find((e) => e.resource.resourceType === 'Task').resource.status === 'completed',
       'period Bundle: the completed Task and both screenings');
report(withScreening > 50, `referral Bundles with a screening: ${withScreening}`);

// ---- broken copies: each must be caught by the layer named -----------------------------------
const byType = (b, t) => b.entry.find((e) => e.resource.resourceType === t).resource;
const completed = JSON.parse(readFileSync(updateFiles['completed/got-help'], 'utf8'));
const rejected = JSON.parse(readFileSync(updateFiles['rejected/no-capacity'], 'utf8'));
const broken = [
  [good, 'Task.status received (excluded by SDOHCC)', 'SDOHCC-Task-status', (b) => { byType(b, 'Task').status = 'received'; }],
  [good, 'Task.status not a code', 'schema', (b) => { byType(b, 'Task').status = 'finished'; }],
  [good, 'Task.intent plan', 'SDOHCC-Task-fulfill', (b) => { byType(b, 'Task').intent = 'plan'; }],
  [good, 'Task without focus', 'SDOHCC-Task-fulfill', (b) => { delete byType(b, 'Task').focus; }],
  [good, 'Task without intent', 'FHIR.js', (b) => { delete byType(b, 'Task').intent; }],
  [good, 'Task.focus at the Consent', 'Task.focus', (b) => { byType(b, 'Task').focus = byType(b, 'ServiceRequest').supportingInfo[0]; }],
  [completed, 'lastModified before authoredOn', 'inv-1', (b) => { byType(b, 'Task').lastModified = '2020-01-01T00:00:00Z'; }],
  [rejected, 'rejected without a reason', 'SDOHCC-Task-reason-given', (b) => { delete byType(b, 'Task').statusReason; }],
  [rejected, 'a statusReason without text', 'SDOHCC-Task-statusReason', (b) => { delete byType(b, 'Task').statusReason.text; }],
  [completed, 'a resulting-activity without its value', 'SDOHCC-Task-output', (b) => { delete byType(b, 'Task').output[0].valueCodeableConcept; }],
  [good, 'ServiceRequest without an SDOH category', 'SDOHCC-SR-category', (b) => {
    const sr = byType(b, 'ServiceRequest'); sr.category = sr.category.filter((c) => !c.coding[0].system.includes('sdoh-clinicalcare')); }],
  [good, 'orderDetail without code', 'prr-1', (b) => { delete byType(b, 'ServiceRequest').code; }],
  [good, 'ServiceRequest without intent', 'FHIR.js', (b) => { delete byType(b, 'ServiceRequest').intent; }],
  [good, 'supportingInfo at the Patient', 'ServiceRequest.supportingInfo', (b) => {
    byType(b, 'ServiceRequest').supportingInfo = [byType(b, 'Task').for]; }],
  [good, 'Consent without IDSCL', 'SDOHCC-Consent', (b) => { byType(b, 'Consent').category = [{ text: 'consent' }]; }],
  [good, 'Consent with two organizations', 'SDOHCC-Consent', (b) => {
    const c = byType(b, 'Consent'); c.organization = [c.organization[0], byType(b, 'Task').owner]; }],
  [good, 'Consent without policy or policyRule', 'ppc-1', (b) => { delete byType(b, 'Consent').policyRule; }],
  [good, 'Consent dateTime not a dateTime', 'schema', (b) => { byType(b, 'Consent').dateTime = 'June 1st'; }],
  [good, 'a dangling reference', 'does not resolve', (b) => { byType(b, 'Task').owner.reference = 'urn:uuid:00000000-0000-4000-8000-000000000000'; }],
];
for (const [base, label, layer, mutate] of broken) {
  const b = structuredClone(base);
  mutate(b);
  const findings = [...validateBundle(b, 'broken'), ...referralLinkFindings(b, 'broken')];
  report(findings.some((f) => f.includes(layer)), `rejects: ${label} (${layer})`, findings.length ? findings : ['accepted!']);
}
// And the C++ reader refuses what the SDOHCC rules refuse, through the CLI.
const refused = spawnSync(cli, ['status', 'read', file((() => { const b = structuredClone(completed); byType(b, 'Task').status = 'ready'; return b; })())], { encoding: 'utf8' });
report(refused.status === 2 && refused.stderr.includes('[status-update]') && refused.stderr.split('\n').filter(Boolean).length === 1,
       'status read refuses a Task status SDOHCC excludes (exit 2, one line)', [refused.stderr]);

rmSync(tmp, { recursive: true, force: true });
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
