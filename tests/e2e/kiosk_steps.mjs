// A patient's kiosk screening and the staff's export, as steps shared by the end-to-end tests
// (kiosk.e2e.mjs in Spanish with the network on, offline.e2e.mjs with the network off): the
// same touches, the same answers, the same expected needs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { click, repoRoot, scrollTo, state, until } from './harness.mjs';

// The demo clinic's identity: its recipient is in the shipped assets/site.json.
export const CLINIC_IDENTITY = path.join(repoRoot, 'tests', 'data', 'kiosk', 'demo-clinic.identity.txt');
export const STAFF_PIN = '2468';  // the demo site's PIN (assets/site.json)
// What the answers of screenToResults() mean.
export const EXPECTED_NEEDS = ['food-insecurity', 'housing-instability', 'inadequate-housing', 'intimate-partner-violence'];

export async function answer(page, k) { await click(page, `answer.${k}`); await click(page, 'nav.next'); }

// From the welcome screen (in whatever language is chosen) to the results: the AHC HRSN
// answered by touch, one answer changed on the review screen, the ZIP typed on the number
// pad. `lang` is the language chosen on the welcome screen; `shot(name)` is called at each
// step worth a screenshot. Returns the results state.
export async function screenToResults(page, checks, { zip, lang = 'en', shot = async () => {} }) {
  await click(page, 'welcome.start');
  checks.ok((await state(page)).screen === 'privacy', 'Start opens the privacy notice');
  await shot('privacy');
  await click(page, 'nav.next');
  let s = await state(page);
  checks.ok(s.screen === 'question' && s.kiosk.item === '71802-3' && s.lang === lang, `the first question, in ${lang}`);
  await shot('question-housing');
  await answer(page, 1);                          // worried about losing housing
  await click(page, 'answer.0');                  // pests
  await click(page, 'answer.1');                  // mold
  await shot('question-problems');
  await click(page, 'nav.next');
  await answer(page, 0);                          // food: often true
  await answer(page, 2);                          // food ran out: never
  await answer(page, 0);                          // transportation: yes
  await click(page, 'nav.middle');                // utilities: prefer not to answer
  await shot('prefer-not-to-answer');
  await click(page, 'nav.next');
  await click(page, 'nav.next');                  // the safety introduction
  for (const k of [3, 3, 2, 2]) await answer(page, k);  // HITS 4+4+3+3 = 14: not safe
  s = await state(page);
  checks.ok(s.screen === 'review', 'every question answered leads to the review');
  await shot('review');
  await click(page, 'review.change.93030-5');     // change transportation to "No"
  await answer(page, 1);
  checks.ok((await state(page)).screen === 'review', 'a changed answer returns to the review');
  await click(page, 'nav.next');
  checks.ok((await state(page)).screen === 'location', 'then the ZIP code');
  for (const d of zip) await click(page, `zip.${d}`);
  await shot('zip');
  await click(page, 'nav.next');
  s = await until(page, checks, (x) => x.screen === 'results', 'the results');
  const needs = (s.kiosk.needs || []).slice().sort();
  checks.ok(JSON.stringify(needs) === JSON.stringify(EXPECTED_NEEDS), `results show the expected areas (${needs.join(', ')})`);
  checks.ok(s.kiosk.urgent === true, 'an unsafe home is urgent');
  const crisis = await page.evaluate(() => window.safetynet.widget('results.crisis'));
  const title = await page.evaluate(() => window.safetynet.widget('results.title'));
  checks.ok(crisis && title && crisis.y < title.y, 'the crisis numbers come first');
  await shot('results');
  // The places that can help, under each area (scrolled to, as a person would).
  const food = await scrollTo(page, 'results.service.food-insecurity.0').catch(() => null);
  checks.ok(!!food, 'matched food services are listed under the food area');
  await shot('services');
  return s;
}

// On the results: consent to share; the screening is sealed into the kiosk's outbox.
export async function shareWithClinic(page, checks, { shot = async () => {} } = {}) {
  await click(page, 'results.share');
  await shot('share');
  await click(page, 'share.yes');
  const s = await until(page, checks, (x) => x.kiosk.shared === true && x.outbox === 1, 'the screening is in the outbox');
  checks.ok(s.kiosk.share_status === 'done', 'shared');
  await shot('shared');
  return s;
}

// From the welcome screen: the staff PIN on the pad opens the staff panel.
export async function openStaffPanel(page, checks, { shot = async () => {} } = {}) {
  await click(page, 'staff.open');
  await shot('pin');
  for (const d of STAFF_PIN) await click(page, `staff.pin.${d}`);
  await click(page, 'staff.pin.ok');
  checks.ok((await state(page)).staff === 'panel', 'the staff PIN opens the outbox');
}

// Clicks a staff panel button that downloads a file; saves it into `dir`, returns its path.
export async function download(page, id, dir, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), click(page, id)]);
  const file = path.join(dir, name || d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

// The stock age CLI decrypts a downloaded bundle with the demo clinic's identity; returns the
// plaintext ('' if it cannot) after checking the file is age and the plaintext a screening bundle.
export function openWithAge(checks, sealed) {
  checks.ok(readFileSync(sealed).subarray(0, 21).toString() === 'age-encryption.org/v1', 'the download is an age file');
  let plaintext = '';
  try { plaintext = execFileSync('age', ['-d', '-i', CLINIC_IDENTITY, sealed], { encoding: 'utf8' }); } catch (e) { plaintext = ''; }
  checks.ok(plaintext.startsWith('safetynet-bundle/v1\nkind: screening\n'), 'the stock age CLI opens it with the clinic identity');
  return plaintext;
}

// The FHIR Bundle inside a screening bundle's plaintext, and the codes of its Conditions.
export function bundleContents(plaintext) {
  const fhirStart = plaintext.indexOf('\n\n') + 2;
  const sigStart = plaintext.lastIndexOf('untrusted comment:');
  let fhir = null;
  try { fhir = JSON.parse(plaintext.slice(fhirStart, sigStart).trim()); } catch (e) { fhir = null; }
  const conditions = fhir ? fhir.entry.filter((e) => e.resource.resourceType === 'Condition') : [];
  const codes = conditions.flatMap((c) => c.resource.code.coding.map((x) => x.code));
  const response = fhir && fhir.entry.find((e) => e.resource.resourceType === 'QuestionnaireResponse');
  return { fhir, codes, response: response && response.resource, sigStart };
}
