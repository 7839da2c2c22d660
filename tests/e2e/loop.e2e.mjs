// The closed loop between three browsers and no server: a clinic screens a patient, refers them
// to two community organizations, and exports each referral as an encrypted, signed file; each
// organization (its own browser context, its own encrypted store) opens its file, checks the
// clinic's fingerprint, acts on the referral and sends a status update back; the clinic imports
// both and its dashboard shows the closure rate. A reload keeps everything (behind the
// passphrase); a wrong passphrase changes nothing; no request leaves the origin.
// Issue 15: with the clinic's clock moved on (a test clock: the page's Date.now), unanswered
// referrals appear in "needs follow-up today" after their expected-response date and a call
// is recorded; the declined one stays there; the organization without capacity publishes a
// signed capacity update and, once the clinic imports it, the clinic's results leave it out.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, checkRequests, click, launch, nextFrames, openApp, parseArgs, pollState, scrollTo, startServer, state } from './harness.mjs';
import { catalog } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e loop');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'safetynet-loop-'));
const server = await startServer(args.app);
const origin = new URL(server.url).origin;
const browser = await launch();
const allRequests = [];
const allProblems = [];
const shot = (page, name) => page.screenshot({ path: path.join(args.out, `loop-${name}.png`) });
// The test clock: the app reads wall time through Date.now (emscripten's time()); move it on.
// Setting the clock wakes nothing (as on a device whose clock is set): the sleeping loop sees it
// at its next look (web/main.cpp, kClockCheckSeconds) and paints. Wait for that frame, so the
// next click meets the screen the new date gives (the follow-up list shrinks or grows, and what
// is below it moves).
const DAY = 86400e3;
async function setClock(page, offsetMs) {
  const before = await page.evaluate(() => window.safetynet.frames());
  await page.evaluate((ms) => {
    if (!window.__realNow) window.__realNow = Date.now.bind(Date);
    Date.now = () => window.__realNow() + ms;
  }, offsetMs);
  await page.waitForFunction((n) => window.safetynet.frames() > n, before, { timeout: 15000 });
  await nextFrames(page, 3);
}

async function ws(page) { return (await state(page)).workspace; }
// The workspace's English catalog: a choice is made by its label, as a person (or a screen
// reader) finds it.
const wsText = catalog('en');
// Picks an option of a choice (a <select> in the page's accessibility layer), by the choice's
// and the option's visible labels.
async function choose(page, labelKey, optionKey) {
  await page.getByRole('combobox', { name: wsText[labelKey] }).selectOption({ label: wsText[optionKey] }, { force: true });
  await nextFrames(page, 3);
}
async function waitWs(page, pred, what, timeout = 60000) {
  const { ok, state: s } = await pollState(page, (w) => w && pred(w), { timeout, read: ws });
  if (!ok) throw new Error(`${what}: timed out (workspace ${JSON.stringify(s)})`);
  return s;
}
// Types into a text field the way a person does: click it, then the keyboard.
async function typeInto(page, id, text) {
  await click(page, id);
  await page.keyboard.type(text, { delay: 5 });
  await nextFrames(page, 2);
}
// The referral form has two scrolling columns: scroll the one under `anchor` until `id` shows.
async function scrollColumn(page, anchor, id) {
  const a = await page.evaluate((n) => window.safetynet.widget(n), anchor);
  if (!a) return;
  for (let i = 0; i < 40 && !(await page.evaluate((n) => window.safetynet.widget(n), id)); i++) {
    await page.mouse.move(a.x + a.w / 2, a.y + 4);
    await page.mouse.wheel(0, 120);
    await nextFrames(page, 3);
  }
}
async function download(page, id, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), click(page, id)]);
  const file = path.join(tmp, name || d.suggestedFilename());
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}
async function pick(page, id, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 30000 }), click(page, id)]);
  await chooser.setFiles(files);
  await nextFrames(page, 4);
}
const openPages = [];
async function open(context, hash) {
  const o = await openApp(context, server.url + hash);
  openPages.push(o.page);
  allRequests.push(o.requests);
  allProblems.push(o.problems);
  return o.page;
}
async function setUp(page, name, passphrase) {
  await waitWs(page, (s) => s.store === 'absent', 'the set-up screen shows');
  if (name !== null) await typeInto(page, 'setup.name', name);
  await typeInto(page, 'setup.pass', passphrase);
  await typeInto(page, 'setup.pass2', passphrase);
  await click(page, 'setup.create');
  return waitWs(page, (s) => s.store === 'unlocked' && !s.saving, 'the new store is unlocked and saved');
}

const CLINIC_PASS = 'correct horse battery clinic';
try {
  // --- 1. The clinic sets up its workspace and screens a patient with the assisted form.
  const clinicCtx = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  let clinic = await open(clinicCtx, '#clinic');
  const first = await state(clinic);
  checks.ok(first.mode === 'clinic' && first.screen === 'workspace', `#clinic opens the clinic workspace (${first.mode})`);
  await shot(clinic, '01-clinic-setup');
  let s = await setUp(clinic, null, CLINIC_PASS);
  checks.ok(s.store === 'unlocked', `the clinic's encrypted store is created (${s.name})`);
  await click(clinic, 'screen.start.ahc-hrsn');
  await click(clinic, 'q.71802-3.1');   // has a place to live but worried about losing it
  await click(clinic, 'q.88122-7.0');   // often worried food would run out
  await click(clinic, 'q.93030-5.1');   // transportation: no problem
  await shot(clinic, '02-clinic-assisted');
  await click(clinic, 'assisted.finish');
  s = await waitWs(clinic, (x) => x.tab === 'refer' && x.refer, 'the referral form opens after the screening');
  checks.ok(s.screenings === 1, 'the screening is kept in the store');

  // --- 2. Services for two needs, from two different organizations.
  const orgs = [];
  for (const need of ['need.food-insecurity', 'need.housing-instability']) {
    await click(clinic, need);
    s = await waitWs(clinic, (x) => x.refer.services && x.refer.services.length > 0, `services are listed for ${need}`);
    const k = s.refer.services.findIndex((o) => !orgs.includes(o));
    checks.ok(k >= 0, `${need}: a service from another organization is listed (${s.refer.services.join('; ')})`);
    orgs.push(s.refer.services[k]);
    await click(clinic, `service.${k}.pick`);
  }
  await typeInto(clinic, 'person.name', 'Maria Lopez');
  await typeInto(clinic, 'person.phone', '408-555-0142');
  await scrollColumn(clinic, 'person.name', 'consent.given');
  await click(clinic, 'consent.given');
  await shot(clinic, '03-clinic-refer');
  await scrollColumn(clinic, 'consent.given', 'refer.create');
  await click(clinic, 'refer.create');
  s = await waitWs(clinic, (x) => x.referrals && x.referrals.length === 2 && !x.saving, 'two referrals are created');
  checks.ok(new Set(s.referrals.map((r) => r.organization)).size === 2, `one referral per organization (${orgs.join(', ')})`);
  checks.ok(s.referrals.every((r) => r.status === 'requested'), 'both are requested');
  await click(clinic, 'tab.contacts');
  const clinicCardFile = (await download(clinic, 'contacts.download', 'clinic.contact.json')).file;

  // --- 3. Each organization sets up its inbox and sends its contact card to the clinic.
  const orgPages = [];
  const orgCards = [];
  for (let i = 0; i < 2; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    const page = await open(ctx, '#org');
    checks.ok((await state(page)).mode === 'org', `#org opens the organization inbox (${orgs[i]})`);
    await setUp(page, orgs[i], `organization passphrase ${i}`);
    await click(page, 'tab.contacts');
    orgCards.push((await download(page, 'contacts.download', `org${i}.contact.json`)).file);
    orgPages.push(page);
  }
  await click(clinic, 'tab.contacts');
  for (let i = 0; i < 2; i++) {
    await pick(clinic, 'contacts.add', [orgCards[i]]);
    await click(clinic, 'contacts.trust');
    await waitWs(clinic, (x) => x.contacts === i + 1, `the clinic trusts ${orgs[i]}'s card`);
  }

  // --- 4. The clinic exports the two referrals as sealed, signed files.
  await click(clinic, 'tab.referrals');
  const referralFiles = {};
  for (let i = 0; i < 2; i++) {
    const d = await download(clinic, `referral.${i}.export`);
    referralFiles[d.suggested] = d.file;
  }
  s = await waitWs(clinic, (x) => x.referrals.every((r) => r.sent) && !x.saving, 'both referrals are marked sent');
  checks.ok(Object.keys(referralFiles).length === 2, `two referral files (${Object.keys(referralFiles).join(', ')})`);
  for (const file of Object.values(referralFiles)) {
    const text = readFileSync(file, 'utf8');
    checks.ok(text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') && !text.includes('Maria'),
              `${path.basename(file)} is an armored age file with no readable PHI`);
  }
  await shot(clinic, '04-clinic-tracker-sent');
  s = await ws(clinic);
  checks.ok(s.follow_up.length === 0, `right after sending, nothing needs a follow-up (${JSON.stringify(s.follow_up)})`);
  // A week later (routine: an answer is expected within 7 days) still nothing; the day after, both.
  await setClock(clinic, 7 * DAY);
  s = await ws(clinic);
  checks.ok(s.follow_up.length === 0, 'on the expected-response date itself nothing is due yet');
  await setClock(clinic, 8 * DAY);
  s = await waitWs(clinic, (x) => x.follow_up.length === 2, 'both unanswered referrals need a follow-up the day after');
  checks.ok(s.follow_up.every((f) => f.reason === 'no-answer'), `8 days later both are "no answer" (${s.follow_up.map((f) => f.reason).join(', ')})`);
  await click(clinic, 'tab.screenings');
  await click(clinic, 'tab.referrals');
  await shot(clinic, '10-clinic-follow-up');
  // The call goes to the organization that will answer, not to whichever row sorts first (the
  // list is ordered by due date, then by referral id, which is random): the other referral is
  // declined later, at the real date, which lies before this call's test-clock date.
  const called = s.follow_up.findIndex((f) => f.organization === orgs[0]);
  checks.ok(called >= 0, `${orgs[0]} is on the follow-up list`);
  await click(clinic, `follow.${called}.call`);
  await click(clinic, 'call.outcome.not-yet');
  await typeInto(clinic, 'call.note', 'left a voicemail');
  await click(clinic, 'call.save');
  s = await waitWs(clinic, (x) => x.follow_up.length === 1 && !x.saving, 'a recorded call takes the referral off today\'s list');
  checks.ok(true, 'a follow-up call recorded ("not yet"): one referral left to call today');
  const ics = readFileSync((await download(clinic, 'follow.calendar', 'follow-ups.ics')).file, 'utf8');
  checks.ok(ics.startsWith('BEGIN:VCALENDAR') && (ics.match(/BEGIN:VEVENT/g) || []).length === 2 && !/Maria|Lopez|408-555/.test(ics),
            'the follow-up calendar has both referrals and no name or phone');
  await setClock(clinic, 0);

  // --- 5. Each organization opens its referral, compares the clinic's fingerprint, acts.
  const updates = [];
  for (let i = 0; i < 2; i++) {
    const page = orgPages[i];
    await click(page, 'tab.inbox');
    const mine = Object.entries(referralFiles).find(([name]) => name.includes(orgs[i].replace(/[^A-Za-z0-9]/g, '-')));
    checks.ok(!!mine, `the file for ${orgs[i]} is named after it`);
    // A file sealed to the other organization cannot be opened here.
    const other = Object.values(referralFiles).find((f) => f !== mine[1]);
    await pick(page, 'inbox.import', [other]);
    let o = await waitWs(page, (x) => x.message === 'error', 'a referral sealed to someone else is refused');
    checks.ok(o.referrals.length === 0, `${orgs[i]}: the other organization's referral is refused, nothing stored`);
    await pick(page, 'inbox.import', [mine[1]]);
    o = await waitWs(page, (x) => x.first_contact === 1, 'the unknown clinic is shown as a first contact');
    checks.ok(o.referrals.length === 0, `${orgs[i]}: nothing is imported before the fingerprint is compared`);
    if (i === 0) await shot(page, '05-org-first-contact');
    await click(page, 'trust.accept');
    o = await waitWs(page, (x) => x.referrals.length === 1 && !x.saving, 'the referral is imported once trusted');
    checks.ok(o.referrals[0].status === 'requested', `${orgs[i]} received the referral (requested)`);
    // A second import of the same file is a replay.
    await pick(page, 'inbox.import', [mine[1]]);
    o = await waitWs(page, (x) => x.message === 'error', 'a replayed file is refused');
    checks.ok(o.referrals.length === 1 && o.referrals[0].history === 1, `${orgs[i]}: the same file again is refused as a replay`);
    await click(page, 'incoming.0.open');
    if (i === 0) {
      // The first accepts, helps, and says so.
      await click(page, 'act.accept');
      await waitWs(page, (x) => x.referrals[0].status === 'accepted', 'accepted');
      await choose(page, 'ws.inbox.outcome', 'ws.outcome.got-help');
      await click(page, 'act.complete');
      await waitWs(page, (x) => x.referrals[0].status === 'completed', 'completed');
    } else {
      // The second has no room: it declines (SDOHCC: only a requested Task can be rejected).
      await choose(page, 'ws.inbox.outcome', 'ws.outcome.no-capacity');
      await click(page, 'act.decline');
      await waitWs(page, (x) => x.referrals[0].status === 'rejected', 'declined');
    }
    await shot(page, `06-org${i}-acted`);
    updates.push((await download(page, 'inbox.send', `status-${i}.age`)).file);
    checks.ok(true, `${orgs[i]} exported a status update (${i === 0 ? 'completed, got help' : 'declined, no capacity'})`);
  }

  // --- 6. The clinic imports both updates at once; the dashboard shows the closure rate.
  await pick(clinic, 'referrals.import', updates);
  s = await waitWs(clinic, (x) => x.referrals.some((r) => r.status === 'completed') && x.referrals.some((r) => r.status === 'rejected') && !x.saving,
                   'both status updates are applied');
  checks.ok(true, `the clinic's tracker shows completed and declined (${s.referrals.map((r) => r.status).join(', ')})`);
  s = await ws(clinic);
  const declinedId = s.referrals.find((r) => r.status === 'rejected').id;
  checks.ok(s.follow_up.some((f) => f.id === declinedId && f.reason === 'declined'),
            `the declined referral needs a follow-up: no other referral for that need (${JSON.stringify(s.follow_up)})`);
  await click(clinic, 'referral.0.details');
  await shot(clinic, '07-clinic-tracker-closed');

  // --- 6b. The organization without room says so for all its services; the clinic's results follow.
  const full = orgPages[1];
  await click(full, 'tab.inbox');
  for (let k = 0; k < 20; k++) {
    try {
      await click(full, `capacity.${k}.status.no-capacity`);
    } catch {
      checks.ok(k > 0, `${orgs[1]} has services to report on (${k})`);
      break;
    }
    await typeInto(full, `capacity.${k}.note`, 'Full until the 15th');
  }
  await shot(full, '11-org-capacity');
  const capacityFile = (await download(full, 'capacity.publish', 'capacity.txt')).file;
  const capacityText = readFileSync(capacityFile, 'utf8');
  checks.ok(capacityText.startsWith('safetynet-bundle/v1\nkind: capacity-update') && capacityText.includes('SDOHCC-ExtensionHealthcareServiceCapacityStatus'),
            'the capacity update is a signed bundle with the SDOHCC capacity extension');
  await click(clinic, 'tab.screenings');
  await click(clinic, 'screening.0.refer');
  await click(clinic, 'need.housing-instability');
  s = await waitWs(clinic, (x) => x.refer && x.refer.services.length > 0, 'housing services are listed');
  checks.ok(s.refer.services.includes(orgs[1]), `before the update ${orgs[1]} is among the results (${s.refer.services.join('; ')})`);
  await click(clinic, 'tab.referrals');
  await pick(clinic, 'referrals.import', [capacityFile]);
  s = await waitWs(clinic, (x) => x.capacity > 0 && !x.saving, 'the capacity update is imported');
  await click(clinic, 'tab.screenings');
  await click(clinic, 'screening.0.refer');
  await click(clinic, 'need.housing-instability');
  s = await waitWs(clinic, (x) => x.refer && x.refer.services.length > 0, 'housing services are listed again');
  checks.ok(!s.refer.services.includes(orgs[1]), `after it, ${orgs[1]} (no capacity) is left out (${s.refer.services.join('; ')})`);
  await scrollColumn(clinic, 'need.housing-instability', 'unavailable.0');
  checks.ok(!!(await clinic.evaluate(() => window.safetynet.widget('unavailable.0'))), 'and listed apart as not taking referrals, with its date');
  await shot(clinic, '12-clinic-capacity');
  await click(clinic, 'tab.dashboard');
  s = await waitWs(clinic, (x) => x.dashboard, 'the dashboard draws');
  checks.ok(s.dashboard.sent === 2 && s.dashboard.completed === 1 && Math.abs(s.dashboard.closure_rate - 0.5) < 1e-9,
            `dashboard: 2 sent, 1 completed, closure rate 50% (${JSON.stringify(s.dashboard)})`);
  await shot(clinic, '08-clinic-dashboard');
  const today = new Date().toISOString().slice(0, 10);
  const monthStart = today.slice(0, 8) + '01';
  await typeInto(clinic, 'dash.from', monthStart);
  await typeInto(clinic, 'dash.to', today);
  s = await waitWs(clinic, (x) => x.measures, 'the quality measures draw for the period');
  checks.ok(s.measures['mips-487'].missing && s.measures['mips-487'].denominator === null,
            'without the EHR roster the #487 denominator is missing, not guessed');
  await scrollTo(clinic, 'measures.table');
  await shot(clinic, '13-clinic-measures');
  const csv = readFileSync((await download(clinic, 'dash.csv', 'figures.csv')).file, 'utf8');
  checks.ok(/closure_rate,,0\.5\b/.test(csv.replace(/\r/g, '')), 'the CSV export carries the same closure rate');

  // --- 7. A reload keeps everything, behind the passphrase; a wrong one changes nothing.
  await clinic.close();
  clinic = await open(clinicCtx, '#clinic');
  s = await waitWs(clinic, (x) => x.store === 'locked', 'after a reload the workspace is locked');
  checks.ok(s.referrals === undefined, 'locked: nothing of the store is shown');
  await typeInto(clinic, 'unlock.pass', 'not the passphrase');
  await click(clinic, 'unlock.go');
  await waitWs(clinic, (x) => x.store === 'locked' && x.store_error === 'wrong-passphrase', 'a wrong passphrase is refused');
  await shot(clinic, '09-clinic-wrong-passphrase');
  checks.ok(true, 'a wrong passphrase is refused and the store stays locked');
  await typeInto(clinic, 'unlock.pass', CLINIC_PASS);
  await click(clinic, 'unlock.go');
  s = await waitWs(clinic, (x) => x.store === 'unlocked', 'the right passphrase unlocks');
  checks.ok(s.referrals.length === 2 && s.screenings === 1 && s.contacts === 2,
            `after the reload: 2 referrals, 1 screening, 2 contacts (${s.referrals.length}, ${s.screenings}, ${s.contacts})`);
  checks.ok(s.referrals.map((r) => r.status).sort().join() === 'completed,rejected', 'statuses survive the reload');
  const stored = await clinic.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('safetynet');
    req.onsuccess = () => {
      const t = req.result.transaction('blobs').objectStore('blobs');
      const all = t.getAll();
      const keys = t.getAllKeys();
      t.transaction.oncomplete = () => resolve({ keys: keys.result, text: all.result.map((v) => new TextDecoder('latin1').decode(v)).join('\n') });
    };
  }));
  checks.ok(stored.keys.length > 0 && !/Maria|Lopez|408-555/.test(stored.text) && !stored.keys.some((k) => /Maria|food|housing/.test(k)),
            `IndexedDB holds only ciphertext (${stored.keys.length} blobs, no name, phone or need in them)`);
  const card = JSON.parse(readFileSync(clinicCardFile, 'utf8'));
  checks.ok(JSON.stringify(card).includes('age1') && !/AGE-SECRET-KEY/.test(JSON.stringify(card)),
            'the clinic contact card holds its public keys only');

  const bad = checkRequests(allRequests.flat(), origin);
  checks.ok(bad.length === 0, `every request of every context was a same-origin GET of a static file${bad.length ? ': ' + bad.join('; ') : ''}`);
  const problems = allProblems.flat();
  checks.ok(problems.length === 0, `no failed request or page error${problems.length ? ': ' + problems.join('; ') : ''}`);
} catch (e) {
  checks.ok(false, `the loop ran to the end: ${e.message}`);
  // What each page showed when it stopped, to see why.
  for (let i = 0; i < openPages.length; i++) {
    if (openPages[i].isClosed()) continue;
    await openPages[i].screenshot({ path: path.join(args.out, `loop-failed-${i}.png`) }).catch(() => {});
    console.log(`page ${i}: ${JSON.stringify(await ws(openPages[i]).catch(() => null))}`);
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
checks.done();
