// FHIR validation of the quality measures (issue 15) with the layers of fhir_validator.mjs (R4
// JSON Schema, FHIR.js, FHIRPath invariants incl. Measure mea-0/1 and MeasureReport mrp-1/2,
// reference resolution) and each report checked against the Measure it names:
//   - the Measure resources shipped in assets/measures/;
//   - `safetynet measures --format fhir`, with and without the EHR roster (unknown counts);
//   - `safetynet measures network`: the signed file's Bundle (suppressed counts, strata);
// then broken copies that the layer named must reject.
//
// usage: node validate_measures.mjs --cli BUILD/cli/safetynet
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureReportFindings, report, tally, validateBundle, validateResource } from './fhir_validator.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const cli = argv[argv.indexOf('--cli') + 1];
if (!cli || argv.indexOf('--cli') < 0) {
  console.error('usage: node validate_measures.mjs --cli PATH/TO/safetynet');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(tmpdir(), 'safetynet-measures-fhir-'));
let n = 0;
const file = (content) => {
  const f = path.join(tmp, `f${n++}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
const run = (args, json = true) => {
  const r = spawnSync(cli, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`safetynet ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return json ? JSON.parse(r.stdout) : r.stdout;
};

// ---- the Measures shipped as data ----------------------------------------------------------
const measures = {};
const measureDir = path.join(root, 'assets', 'measures');
for (const f of readdirSync(measureDir).filter((x) => x.endsWith('.measure.json')).sort()) {
  const m = JSON.parse(readFileSync(path.join(measureDir, f), 'utf8'));
  measures[m.url] = m;
  const findings = validateResource(m, f);
  report(findings.length === 0, `Measure ${f} is valid`, findings);
}

// ---- a data set: screenings of every kind, a roster, referrals with answers ------------------
const NOW = '2026-04-05T12:00:00Z';
const five = ['food-insecurity', 'housing-instability', 'transportation-insecurity', 'utility-insecurity', 'intimate-partner-violence'];
const qr = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'urn:safetynet:questionnaire:ahc-hrsn' };
const uuid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const screenings = [];
const roster = { safetynet_roster: 1, imported: NOW, source: 'test', patients: [] };
for (let i = 0; i < 30; i++) {
  const date = `2026-0${1 + (i % 3)}-${String(1 + (i % 27)).padStart(2, '0')}`;
  roster.patients.push({ id: `P${i}`, birth_date: `19${50 + i}-01-01`, visits: [{ start: date, kind: 'ambulatory' }],
                         ...(i % 10 === 9 ? { declined: [date] } : {}) });
  if (i % 10 === 9) continue;
  screenings.push({ safetynet_screening: 1, id: uuid(i), authored: `${date}T10:00:00Z`, imported: `${date}T10:05:00Z`,
    instrument: 'ahc-hrsn', source: 'clinician', patient_id: `P${i}`, questionnaire_response: qr, urgent: false,
    needs: five.map((d, k) => ({ domain: d, answered: i % 7 !== 3 || k < 3, positive: (i + k) % 4 === 0, urgent: false })) });
}
const request = (org, screeningId) => ({
  patient: { name: 'Alex Testperson' }, requester: { name: 'Eastside Clinic' }, organization: { name: org },
  needs: [{ domain: 'food-insecurity', display: 'Food insecurity' }],
  consent: { date_time: '2026-01-05T10:00:00Z', scope: 'Share my needs.' }, screening_id: screeningId });
const referrals = [];
for (let i = 0; i < 24; i++) {
  const r = run(['refer', '--referral', file(request(i % 2 ? 'Westside Food Bank' : 'Harbor Housing', uuid(i))),
                 '--now', `2026-01-${String(5 + (i % 20)).padStart(2, '0')}T10:00:00Z`, '--format', 'referral']);
  if (i % 3) r.history.push({ status: 'accepted', by: 'performer', at: '2026-02-01T09:00:00Z', source: 'test' },
                            { status: 'completed', by: 'performer', at: '2026-02-10T09:00:00Z', outcome: 'got-help', source: 'test' });
  referrals.push(r);
}
const dataset = { safetynet_dataset: 1, screenings, referrals, roster };
const withRoster = file(dataset);
const withoutRoster = file({ ...dataset, roster: undefined });

// ---- MeasureReports from the CLI -------------------------------------------------------------
const checkReports = (bundle, label) => {
  const findings = validateBundle(bundle, label);
  for (const e of bundle.entry) {
    const m = measures[e.resource.measure];
    if (!m) findings.push(`${label}: ${e.resource.measure} is not a shipped Measure`);
    else findings.push(...measureReportFindings(e.resource, m, `${label} ${e.resource.id}`));
  }
  report(findings.length === 0, `${label} is valid (${bundle.entry.length} MeasureReports)`, findings);
  return bundle;
};
const full = checkReports(run(['measures', '--data', withRoster, '--period', '2026-01/2026-03', '--now', NOW]), 'measures with the roster');
const partial = checkReports(run(['measures', '--data', withoutRoster, '--period', '2026-01/2026-03', '--now', NOW]), 'measures without the roster');
const den = partial.entry[0].resource.group[0].population.find((p) => p.code.coding[0].code === 'denominator');
report(!('count' in den) && den.extension[0].valueCode === 'unknown', 'without the roster the denominator is marked unknown, not guessed');
report(full.entry[0].resource.group[0].measureScore !== undefined, 'with the roster #487 has a score');

// ---- the signed network report ----------------------------------------------------------------
const keyset = path.join(tmp, 'site.keys');
const pass = path.join(tmp, 'pass.txt');
writeFileSync(pass, 'network key passphrase\n');
run(['keygen', '--org', 'Eastside Clinic', '-o', keyset, '--passphrase-file', pass, '--work-factor', '10'], false);
const signed = path.join(tmp, 'network.txt');
run(['measures', 'network', '--data', withRoster, '--key', keyset, '--key-passphrase-file', pass, '--period', '2026-01/2026-03', '--now', NOW, '-o', signed], false);
const text = readFileSync(signed, 'utf8');
const length = Number(/\ncontent-length: (\d+)\n/.exec(text)[1]);
const start = text.indexOf('\n\n') + 2;
const network = checkReports(JSON.parse(Buffer.from(text, 'utf8').subarray(Buffer.byteLength(text.slice(0, start)), Buffer.byteLength(text.slice(0, start)) + length).toString('utf8')),
                             'network report');
const masked = JSON.stringify(network).match(/"valueCode":"masked"/g) || [];
report(masked.length > 0, `the network report suppresses small cells (${masked.length} masked counts)`);
report(!/"count":([1-9]|10)[,}]/.test(JSON.stringify(network)), 'no count from 1 to 10 leaves the site');

// ---- broken copies ------------------------------------------------------------------------------
const referralsReport = network.entry.find((e) => e.resource.measure === 'urn:safetynet:measure:referrals').resource;
const closureMeasure = measures['urn:safetynet:measure:closure'];
const broken = [
  [full.entry[0].resource, 'MeasureReport without status', 'FHIR.js', (r) => { delete r.status; }],
  [full.entry[0].resource, 'MeasureReport type not a code', 'schema', (r) => { r.type = 'everything'; }],
  [full.entry[0].resource, 'data-collection with groups', 'mrp-1', (r) => { r.type = 'data-collection'; }],
  [referralsReport, 'a stratum with both a value and components', 'mrp-2', (r) => { r.group[0].stratifier[0].stratum[0].value = { text: 'x' }; }],
  [full.entry[0].resource, 'a count neither given nor explained', 'SN-mr-count', (r) => { delete r.group[0].population[0].count; }],
  [closureMeasure, 'Measure stratifier with criteria and components', 'mea-1', (m) => { m.group[0].stratifier[0].component = [{ code: { text: 'x' }, criteria: { language: 'text/plain', expression: 'x' } }]; }],
  [closureMeasure, 'Measure name not an identifier', 'mea-0', (m) => { m.name = 'closure rate'; }],
  [closureMeasure, 'Measure status not a code', 'schema', (m) => { m.status = 'live'; }],
];
for (const [base, label, layer, mutate] of broken) {
  const r = structuredClone(base);
  mutate(r);
  const findings = validateResource(r, 'broken');
  report(findings.some((f) => f.includes(layer)), `rejects: ${label} (${layer})`, findings.length ? findings : ['accepted!']);
}
const foreign = structuredClone(full.entry[0].resource);
foreign.group[0].population.push({ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'measure-observation' }] }, count: 1 });
const ff = measureReportFindings(foreign, measures[foreign.measure], 'broken');
report(ff.some((f) => f.includes('not in the Measure')), 'rejects: a population the Measure does not define (report vs Measure)', ff);

rmSync(tmp, { recursive: true, force: true });
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
