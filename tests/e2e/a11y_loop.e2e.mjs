// The clinic -> organization -> clinic loop as a keyboard and screen-reader user does it (issue
// #12): every control found by its role and its name in the page's accessibility tree
// (Playwright getByRole / getByLabel), operated with the keyboard alone (focus, then Enter or
// Space), text typed into the fields' real <input> elements; never window.safetynet.widget's
// coordinates. The app's state is read only to wait for what a person would see (a store
// unlocked, a file imported). On every workspace screen it passes: axe-core with no serious or
// critical violation, the screen's accessible nodes counted against the widgets drawn, and reflow
// at 320 x 256 CSS px (no two controls overlapping, nothing to scroll sideways, every control
// brought into view when focused).
// One organization (tests/e2e/loop.e2e.mjs runs the longer loop with two, by widget ids).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, pollState, startServer, state } from './harness.mjs';
import { axe, instrument, press, reflow, settle, texts } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e a11y loop');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'safetynet-a11y-loop-'));
const server = await startServer(args.app);
const browser = await launch();
const t = texts('en');
const q = instrument('ahc-hrsn', 'en');
const figures = [];
const pages = [];

const button = (page, name) => page.getByRole('button', { name, exact: true });
const field = (page, name) => page.getByRole('textbox', { name, exact: true });

// The checks every workspace screen gets: axe, and the accessible nodes against the drawn widgets.
async function screen(page, name) {
  await settle(page);
  const a = await axe(page);
  checks.ok(a.bad.length === 0, `${name}: axe finds no serious or critical violation` +
            (a.bad.length ? ': ' + a.bad.map((v) => `${v.id} (${v.impact}: ${v.nodes.map((n) => n.target).join(' ')})`).join('; ') : ''));
  const nodes = await page.evaluate(() => document.querySelectorAll('#a11y [data-id]:not(.sn-area)').length);
  const ctl = await page.evaluate(() => document.querySelectorAll('#a11y :is(button, input, textarea, select, [role=radio], [role=checkbox], [role=tab], [role=slider])').length);
  const drawn = (await page.evaluate(() => window.safetynet.widgets())).length;
  figures.push({ name, nodes, controls: ctl, registered: drawn, axe_violations: a.all.length,
                 by_impact: a.all.reduce((m, v) => ({ ...m, [v.impact]: (m[v.impact] || 0) + 1 }), {}) });
  await page.screenshot({ path: path.join(args.out, `a11y-loop-${name}.png`) });
  // Reflow at 320 CSS px wide (WCAG 1.4.10, 400 % zoom), as the kiosk's screens are checked.
  const r = await reflow(page, 320, 256, null);
  checks.ok(r.over.length === 0, `${name} at 320x256: no two of its ${r.count} controls overlap${r.over.length ? ': ' + r.over.join(', ') : ''}`);
  checks.ok(r.wide <= 320, `${name} at 320x256: nothing to scroll sideways (${r.wide} px)`);
  checks.ok(r.lost.length === 0, `${name} at 320x256: every control comes into view when focused${r.lost.length ? '; not: ' + r.lost.join(', ') : ''}`);
  await page.screenshot({ path: path.join(args.out, `a11y-loop-${name}-320.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  await settle(page);
}

// Types into a text field through its <input>: focus it (the app opens it), then the keys.
async function type(page, label, text) {
  const f = field(page, label);
  await f.waitFor({ state: 'attached', timeout: 15000 });
  await f.focus();
  await settle(page);
  await f.fill('');
  await page.keyboard.type(text);
  await settle(page);
}
async function ws(page) { return (await state(page)).workspace; }
async function waitWs(page, pred, what, timeout = 90000) {
  const { ok, state: s } = await pollState(page, (w) => w && pred(w), { timeout, read: ws });
  if (!ok) throw new Error(`${what}: timed out (workspace ${JSON.stringify(s)})`);
  return s;
}
// A button that saves a file, pressed with the keyboard.
async function download(page, locator, name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), press(page, locator)]);
  const file = path.join(tmp, name);
  await d.saveAs(file);
  return file;
}
// A button that opens the file picker, pressed with the keyboard; the picker gets `files`.
async function pick(page, locator, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 30000 }), press(page, locator)]);
  await chooser.setFiles(files);
  await settle(page);
}
async function open(context, hash) {
  const o = await openApp(context, server.url + hash);
  pages.push(o);
  return o.page;
}
async function setUp(page, passphrase) {
  await type(page, t('ws.setup.pass'), passphrase);
  await type(page, t('ws.setup.pass2'), passphrase);
  await press(page, button(page, t('ws.setup.create')));
  return waitWs(page, (s) => s.store === 'unlocked' && !s.saving, 'the new store is unlocked and saved');
}

try {
  // --- The clinic: set-up, an assisted screening, a referral.
  const clinicCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const clinic = await open(clinicCtx, '#clinic');
  await field(clinic, t('ws.setup.name')).waitFor({ state: 'attached', timeout: 20000 });
  await screen(clinic, 'clinic-setup');
  const clinicName = 'Eastside Family Clinic';
  await type(clinic, t('ws.setup.name'), clinicName);
  let s = await setUp(clinic, 'correct horse battery clinic');
  checks.ok(s.name === clinicName, `the set-up name is what was typed, not appended to the default ("${s.name}")`);
  await screen(clinic, 'clinic-screenings');
  await press(clinic, button(clinic, t('ws.instrument.ahc-hrsn')));
  await clinic.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15000 });
  const radio = (id, k) => clinic.getByRole('radiogroup', { name: new RegExp(escape(q[id].text)) }).getByRole('radio', { name: q[id].options[k], exact: true });
  await press(clinic, radio('71802-3', 1), ' ');
  checks.ok(await radio('71802-3', 1).getAttribute('aria-checked') === 'true', 'assisted screening: Space chooses the answer, in its question\'s group');
  await press(clinic, radio('88122-7', 0), ' ');
  await press(clinic, radio('93030-5', 1), ' ');
  await screen(clinic, 'clinic-assisted');
  await press(clinic, button(clinic, t('ws.assisted.finish')));
  s = await waitWs(clinic, (x) => x.tab === 'refer' && x.refer, 'the referral form opens after the screening');
  checks.ok(s.screenings === 1, 'the screening is kept');
  await press(clinic, button(clinic, t('domain.food-insecurity')));
  s = await waitWs(clinic, (x) => x.refer.services && x.refer.services.length > 0, 'food services are listed');
  const org = s.refer.services[0];
  await screen(clinic, 'clinic-refer');
  // A card gives its distance once, in miles (as the radius filter does), never also in km.
  const cardText = await clinic.locator('#a11y').getByRole('group').first().textContent();
  checks.ok(/\d mi/.test(cardText) && !/\d km/.test(cardText), `a service card gives its distance in miles only ("${cardText}")`);
  // The first service's box, found in the group its service names.
  const card = clinic.getByRole('group').filter({ has: clinic.getByRole('checkbox', { name: t('ws.refer.pick'), exact: true }) }).first();
  checks.ok(!!(await card.getAttribute('aria-label')), `each "${t('ws.refer.pick')}" box is in a group named by its service ("${await card.getAttribute('aria-label')}")`);
  await press(clinic, card.getByRole('checkbox', { name: t('ws.refer.pick'), exact: true }), ' ');
  await type(clinic, t('ws.person.name'), 'Maria López');
  await type(clinic, t('ws.person.phone'), '408-555-0142');
  await press(clinic, clinic.getByRole('checkbox', { name: t('ws.consent.given'), exact: true }), ' ');
  await press(clinic, button(clinic, t('ws.refer.create', { n: 1 })));
  s = await waitWs(clinic, (x) => x.referrals && x.referrals.length === 1 && !x.saving, 'the referral is created');
  checks.ok(s.referrals[0].organization === org && s.referrals[0].status === 'requested', `a referral to ${org}, requested`);
  await screen(clinic, 'clinic-referral-made');

  // --- The organization: set-up (its name chosen from the directory), its contact card.
  const orgCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const inbox = await open(orgCtx, '#org');
  await field(inbox, t('ws.setup.name')).waitFor({ state: 'attached', timeout: 20000 });
  await inbox.getByRole('combobox', { name: t('ws.setup.pick_org'), exact: true }).selectOption({ label: org });
  await settle(inbox);
  await screen(inbox, 'org-setup');
  s = await setUp(inbox, 'organization passphrase 1');
  checks.ok(s.name === org, `the organization's name comes from the directory choice ("${s.name}")`);
  await press(inbox, inbox.getByRole('tab', { name: t('ws.tab.contacts'), exact: true }));
  await screen(inbox, 'org-contacts');
  const orgCard = await download(inbox, button(inbox, t('ws.contacts.download')), 'org.contact.json');

  // --- The clinic trusts the card and exports the sealed referral.
  await press(clinic, clinic.getByRole('tab', { name: t('ws.tab.contacts'), exact: true }));
  await pick(clinic, button(clinic, t('ws.contacts.add')), [orgCard]);
  await screen(clinic, 'clinic-contacts');
  await press(clinic, button(clinic, t('ws.trust.accept')));
  await waitWs(clinic, (x) => x.contacts === 1, 'the clinic trusts the organization\'s card');
  // Right after the trust (the list above it changes), the keyboard still reaches the next button.
  const clinicCard = await download(clinic, button(clinic, t('ws.contacts.download')), 'clinic.contact.json');
  checks.ok(JSON.parse(readFileSync(clinicCard, 'utf8')).name === clinicName, 'the clinic\'s contact card downloads by keyboard');
  await press(clinic, clinic.getByRole('tab', { name: t('ws.tab.referrals'), exact: true }));
  await screen(clinic, 'clinic-referrals');
  const referral = clinic.getByRole('group', { name: new RegExp(escape(org)) });
  const sealed = await download(clinic, referral.getByRole('button', { name: t('ws.refer.export'), exact: true }), 'referral.age');
  checks.ok(readFileSync(sealed, 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----'), 'the referral is exported sealed');

  // --- The organization imports it, compares the fingerprint, acts, answers.
  await press(inbox, inbox.getByRole('tab', { name: t('ws.tab.inbox'), exact: true }));
  await pick(inbox, button(inbox, t('ws.inbox.import')), [sealed]);
  await waitWs(inbox, (x) => x.first_contact === 1, 'the clinic is shown as a first contact');
  await screen(inbox, 'org-first-contact');
  await press(inbox, button(inbox, t('ws.trust.accept')));
  let o = await waitWs(inbox, (x) => x.referrals.length === 1 && !x.saving, 'the referral is imported once trusted');
  checks.ok(o.referrals[0].status === 'requested', 'the organization received the referral');
  const incoming = inbox.getByRole('group', { name: /Maria López/ });
  await press(inbox, incoming.getByRole('button', { name: t('ws.inbox.open'), exact: true }));
  await screen(inbox, 'org-referral-open');
  await press(inbox, button(inbox, t('ws.act.accept')));
  await waitWs(inbox, (x) => x.referrals[0].status === 'accepted', 'accepted');
  await inbox.getByRole('combobox', { name: t('ws.inbox.outcome'), exact: true }).selectOption({ label: t('ws.outcome.got-help') });
  await settle(inbox);
  await type(inbox, t('ws.inbox.reason'), 'Enrolled in the Friday pantry');
  await press(inbox, button(inbox, t('ws.act.complete')));
  o = await waitWs(inbox, (x) => x.referrals[0].status === 'completed', 'completed');
  await screen(inbox, 'org-outcome');
  const update = await download(inbox, button(inbox, t('ws.inbox.send')), 'status.age');
  await press(inbox, inbox.getByRole('tab', { name: t('ws.tab.dashboard'), exact: true }));
  await screen(inbox, 'org-dashboard');

  // --- The clinic imports the answer; the dashboard, measures and network view.
  await pick(clinic, button(clinic, t('ws.referrals.import')), [update]);
  s = await waitWs(clinic, (x) => x.referrals[0].status === 'completed' && !x.saving, 'the status update is applied');
  checks.ok(true, 'the clinic\'s tracker shows the referral completed');
  await press(clinic, referral.getByRole('button', { name: t('ws.details'), exact: true }));
  await screen(clinic, 'clinic-referral-closed');
  await press(clinic, clinic.getByRole('tab', { name: t('ws.tab.dashboard'), exact: true }));
  s = await waitWs(clinic, (x) => x.dashboard, 'the dashboard draws');
  checks.ok(s.dashboard.sent === 1 && s.dashboard.completed === 1, `dashboard: 1 sent, 1 completed (${JSON.stringify(s.dashboard)})`);
  await screen(clinic, 'clinic-dashboard');
  const today = new Date().toISOString().slice(0, 10);
  await type(clinic, t('ws.dash.from'), today.slice(0, 8) + '01');
  await type(clinic, t('ws.dash.to'), today);
  s = await waitWs(clinic, (x) => x.measures, 'the quality measures draw for the period');
  checks.ok(await clinic.getByRole('table', { name: t('ws.measures.title') }).count() === 1, 'the measures are a table named by its title');
  await screen(clinic, 'clinic-measures');
  await press(clinic, clinic.getByRole('tab', { name: t('ws.tab.settings'), exact: true }));
  await screen(clinic, 'clinic-settings');
  await press(clinic, button(clinic, t('ws.lock')));
  await waitWs(clinic, (x) => x.store === 'locked', 'Lock locks the workspace');
  await screen(clinic, 'clinic-locked');
  await type(clinic, t('ws.unlock.pass'), 'correct horse battery clinic');
  await clinic.keyboard.press('Enter');
  s = await waitWs(clinic, (x) => x.store === 'unlocked', 'Enter in the passphrase field unlocks');
  checks.ok(s.referrals.length === 1, 'unlocked by keyboard: the referral is there');
  for (const o2 of pages) checks.ok(o2.problems.length === 0, `${o2.page.url()}: no page errors${o2.problems.length ? ': ' + o2.problems.join('; ') : ''}`);
} catch (e) {
  checks.ok(false, `the loop ran to the end: ${e.message}`);
  for (const o of pages) {
    if (o.page.isClosed()) continue;
    console.log(`--- ${o.page.url()}\n${await o.page.locator('#a11y').ariaSnapshot().catch(() => '')}`);
    await o.page.screenshot({ path: path.join(args.out, `a11y-loop-failed-${pages.indexOf(o)}.png`) }).catch(() => {});
  }
} finally {
  console.log('a11y loop figures: ' + JSON.stringify(figures));
  writeFileSync(path.join(args.out, 'a11y-loop-figures.json'), JSON.stringify(figures, null, 1));
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
checks.done();

function escape(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
