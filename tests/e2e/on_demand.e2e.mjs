// What the kiosk's first load leaves out comes when it is needed (issues 14 and 16): the
// translation catalogs other than English and Spanish are not in the program (core/CMakeLists.txt)
// and are fetched, i18n/<lang>.json, when a person chooses the language, with the instrument's
// wording in it (instruments/<id>.<lang>.json; the kiosk then asks in it: e2e rtl, Arabic); a catalog that cannot
// be had is said so in the person's current language and nothing changes; and a site whose
// site.json runs the clinic's workspace opens the staff program from the plain page, without
// #clinic in the address; a site's own form with FHIRPath expressions starts the kiosk program
// that carries the engine. Role-and-name locators throughout.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, pollState, repoRoot, startServer, state } from './harness.mjs';
import { press, texts } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e on_demand');
const server = await startServer(args.app);
const browser = await launch();
const baseSite = JSON.parse(readFileSync(path.join(args.app, 'assets', 'site.json'), 'utf8'));
const paths = (requests) => requests.map((r) => new URL(r.url).pathname);
const vi = texts('vi');
const korean = JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'i18n', 'languages.json'), 'utf8'))
  .languages.find((l) => l.code === 'ko').native_name;

async function withSite(site, hash, body, files = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.route('**/assets/site.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(site) }));
  for (const [pattern, json] of Object.entries(files))
    await context.route(pattern, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(json) }));
  try {
    const { page, requests, problems } = await openApp(context, server.url + hash);
    await body(page, requests, problems, context);
  } finally {
    await context.close();
  }
}

try {
  // 1. A catalog fetched when its language is chosen.
  await withSite({ ...baseSite, languages: ['en', 'es', 'vi', 'ko'] }, '', async (page, requests, problems, context) => {
    const ready = await pollState(page, (s) => s && s.screen === 'welcome', { timeout: 60000 });
    checks.ok(ready.ok, 'the kiosk opens at its welcome screen');
    const before = paths(requests).filter((p) => p.includes('/i18n/') || p.includes('/instruments/'));
    checks.ok(before.length === 0, `the first load fetches no catalog and no instrument translation (${before.join(', ') || 'none'})`);
    await press(page, page.getByRole('button', { name: 'Tiếng Việt', exact: true }));
    const switched = await pollState(page, (s) => s.lang === 'vi');
    checks.ok(switched.ok, `choosing Tiếng Việt switches the kiosk to Vietnamese (${switched.state && switched.state.lang})`);
    checks.ok(paths(requests).includes('/i18n/vi.json'), 'its catalog was fetched: /i18n/vi.json');
    const wording = `/instruments/${baseSite.instrument}.vi.json`;
    checks.ok(paths(requests).includes(wording), `and the questions' Vietnamese wording: ${wording}`);
    const start = page.getByRole('button', { name: vi('welcome.start'), exact: true });
    checks.ok(await start.count() === 1, `the start button is named in Vietnamese ("${vi('welcome.start')}")`);
    checks.ok(await page.evaluate(() => document.documentElement.lang) === 'vi', '<html lang="vi">');

    // 2. A catalog that cannot be fetched: said so, in Vietnamese; the kiosk stays in Vietnamese.
    await context.route('**/i18n/ko.json', (route) => route.abort('internetdisconnected'));
    await press(page, page.getByRole('button', { name: korean, exact: true }));
    const told = await pollState(page, (s) => s.notice === 'lang.unavailable');
    checks.ok(told.ok, `the person is told the language could not be loaded (${told.state && told.state.notice})`);
    const message = vi('lang.unavailable', { language: korean });
    checks.ok(await page.getByRole('button', { name: message, exact: true }).count() === 1,
              `"${message}" is on the screen (the notice, a button that dismisses it)`);
    checks.ok((await state(page)).lang === 'vi', 'and the kiosk stays in Vietnamese');
    // The refused fetch is reported twice (the request, and the console's "Failed to load
    // resource"); nothing else may be.
    const others = problems.filter((p) => !p.includes('ko.json') && !p.includes('ERR_INTERNET_DISCONNECTED'));
    checks.ok(others.length === 0, `no other page errors or failed requests${others.length ? ': ' + others.join('; ') : ''}`);
  });

  // 3. A site that runs the clinic's workspace: the plain page starts the staff program; staff
  // switch its language by keyboard (issue 14: "the staff workspace can be switched too").
  await withSite({ ...baseSite, mode: 'clinic', languages: ['en', 'es', 'vi'] }, '', async (page, requests) => {
    // The kiosk program reads site.json and starts the staff program: the page navigates, so a
    // read may meet the old page going away (then it reads nothing and polls again).
    const read = (p) => p.evaluate(() => (window.safetynet && window.safetynet.ready() ? window.safetynet.state() : null)).catch(() => null);
    const s = await pollState(page, (x) => x && x.mode === 'clinic' && x.workspace, { timeout: 90000, read });
    checks.ok(s.ok, `site.json's "mode": "clinic" opens the clinic's workspace (${s.state && s.state.mode})`);
    const programs = paths(requests).filter((p) => p.endsWith('.wasm'));
    checks.ok(programs.includes('/safetynet-staff.wasm'), `the staff program was loaded (${programs.join(', ')})`);
    const create = page.getByRole('button', { name: texts('en')('ws.setup.create'), exact: true });
    await create.waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});  // the mirror follows the first frames
    checks.ok(await create.count() === 1, `the set-up screen is there by role and name ("${texts('en')('ws.setup.create')}")`);

    const menu = texts('en')('lang.menu', { language: 'English' });
    await press(page, page.getByRole('button', { name: menu, exact: true }));
    await press(page, page.getByRole('button', { name: 'Español', exact: true }));
    const spanish = await pollState(page, (x) => x && x.lang === 'es', { read });
    checks.ok(spanish.ok, `"${menu}", then "Español", by keyboard: the workspace is in Spanish (${spanish.state && spanish.state.lang})`);
    const crear = page.getByRole('button', { name: texts('es')('ws.setup.create'), exact: true });
    await crear.waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
    checks.ok(await crear.count() === 1, `the set-up button is named in Spanish ("${texts('es')('ws.setup.create')}")`);
    checks.ok(await page.evaluate(() => document.documentElement.lang) === 'es', '<html lang="es">');
  });

  // 4. A site's own form with FHIRPath expressions: the kiosk program has no engine for them
  // (core/screening/form_expressions.hpp) and starts the kiosk program that has one.
  const question = 'How many adults live with you?';
  const form = { resourceType: 'Questionnaire', id: 'site-form', status: 'active', title: 'Household size', item: [
    { linkId: 'adults', type: 'integer', text: question },
    { linkId: 'children', type: 'integer', text: 'How many children live with you?' },
    { linkId: 'total', type: 'integer', text: 'People in the household', readOnly: true,
      extension: [{ url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
        valueExpression: { language: 'text/fhirpath',
          expression: "%resource.item.where(linkId='adults').answer.value.first() + %resource.item.where(linkId='children').answer.value.first()" } }] }] };
  await withSite({ ...baseSite, form: 'forms/site-form.json' }, '', async (page, requests) => {
    const read = (p) => p.evaluate(() => (window.safetynet && window.safetynet.ready() ? window.safetynet.state() : null)).catch(() => null);
    await page.waitForURL(/[?&]forms=expressions/, { timeout: 90000 });
    const s = await pollState(page, (x) => x && x.screen === 'welcome', { timeout: 90000, read });
    checks.ok(s.ok, 'the page starts again as ?forms=expressions, at the welcome screen');
    const programs = paths(requests).filter((p) => p.endsWith('.wasm'));
    checks.ok(programs.join() === '/safetynet.wasm,/safetynet-rtl.wasm',
              `the kiosk program, then the one with the FHIRPath engine (${programs.join(', ')})`);
    const en = texts('en');
    await press(page, page.getByRole('button', { name: en('welcome.start'), exact: true }));
    await press(page, page.getByRole('button', { name: en('kiosk.privacy.continue'), exact: true }));
    const heading = page.getByRole('heading', { name: question, exact: false });
    await heading.first().waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
    checks.ok(await heading.count() >= 1, `the site's own form is asked: "${question}" is a heading`);
  }, { '**/forms/site-form.json': form });
} catch (e) {
  checks.ok(false, `the on-demand checks ran to the end: ${e.message}`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
