// Offline-first: after one visit the app starts with the network off (served by its service
// worker) and a whole kiosk screening works: answers by touch, results with the nearby places
// (the ZIP table comes from the precache), shared with the clinic, and the sealed bundle
// downloaded by staff opens with the stock age CLI. Then a new version installs in the
// background, waits, and is applied at the next start with a visible note.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Checks, checkRequests, click, launch, nextFrames, openApp, parseArgs, repoRoot, startServer, state, until } from './harness.mjs';
import { EXPECTED_NEEDS, bundleContents, download, openStaffPanel, openWithAge, screenToResults, shareWithClinic } from './kiosk_steps.mjs';

const args = parseArgs();
const checks = new Checks('e2e offline');
// Serve a copy: the update step rewrites it as the next version would.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'safetynet-offline-'));
const app = path.join(tmp, 'app');
cpSync(args.app, app, { recursive: true });
const server = await startServer(app);
const browser = await launch();

const waitState = (page, pred, what) => until(page, checks, pred, what, 20000);

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const origin = new URL(server.url).origin;

  // 1. First visit, online: the service worker installs and takes control.
  let { page } = await openApp(context, server.url);
  const controlled = await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null,
                                                null, { timeout: 30000 }).then(() => true).catch(() => false);
  checks.ok(controlled, 'the service worker controls the page after the first visit');
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const files = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) files.push(new URL(r.url).pathname);
    return { names, files };
  });
  checks.ok(cached.names.length === 1 && /^safetynet-\d+\.\d+\.\d+-[0-9a-f]{12}$/.test(cached.names[0]),
            `one versioned cache (${cached.names.join(', ')})`);
  for (const f of ['/safetynet.wasm', '/safetynet.js', '/index.html', '/assets/site.json',
                   '/assets/directory/demo-region.hsds.json', '/data/zip-centroids.bin'])
    checks.ok(cached.files.includes(f), `${f} is cached for offline use`);
  // The precache revalidates what the page has just downloaded (ETag, 304) instead of moving
  // the app a second time: on a slow link the first visit costs one download of each file.
  for (const f of ['/safetynet.wasm', '/safetynet.js', '/data/zip-centroids.bin']) {
    const full = server.log.filter((l) => l.startsWith(`GET ${f} 200 `)).length;
    const revalidated = server.log.filter((l) => l.startsWith(`GET ${f} 304 `)).length;
    checks.ok(full === 1 && revalidated >= 1, `first visit: ${f} downloaded once, then revalidated (${full} x 200, ${revalidated} x 304)`);
  }
  const firstCache = cached.names[0];
  await page.close();

  // 2. Network off: the app still starts and works.
  await context.setOffline(true);
  const offline = await openApp(context, server.url);
  page = offline.page;
  let s = await state(page);
  checks.ok(s && s.screen === 'welcome', 'offline: the app starts on the welcome screen');
  await click(page, 'lang.es');
  s = await waitState(page, (x) => x.lang === 'es', 'offline: the language switch works');
  checks.ok(s.lang === 'es', 'offline: the language switch works');
  await page.screenshot({ path: path.join(args.out, 'offline-welcome.png') });

  // 3. Still offline: a whole screening by touch, shared with the clinic, exported by staff.
  const shot = async (name) => {
    if (['results', 'services', 'shared'].includes(name)) await page.screenshot({ path: path.join(args.out, `offline-${name}.png`) });
  };
  await screenToResults(page, checks, { zip: '95116', lang: 'es', shot });
  // The app asks for the ZIP table once the site is known; with the network off only the
  // worker's cache can answer (a failed request would be among offline.problems).
  const zipTable = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((r) => new URL(r.name).pathname === '/data/zip-centroids.bin');
    return e ? { viaWorker: e.workerStart > 0, bytes: e.decodedBodySize } : null;
  });
  checks.ok(zipTable && zipTable.viaWorker && zipTable.bytes > 0,
            `offline: the ZIP table for distances came from the service worker's cache (${JSON.stringify(zipTable)})`);
  await shareWithClinic(page, checks, { shot });
  await click(page, 'nav.next');                  // finish and clear
  await click(page, 'confirm.yes');               // ...which asks first
  await click(page, 'finished.again');            // the next person: a fresh welcome
  await until(page, checks, (x) => x.screen === 'welcome', 'offline: back to a fresh welcome');
  await openStaffPanel(page, checks);
  const sealed = await download(page, 'staff.download', tmp);
  await page.screenshot({ path: path.join(args.out, 'offline-staff.png') });
  const plaintext = openWithAge(checks, sealed);
  const { codes, response } = bundleContents(plaintext);
  checks.ok(codes.includes('Z59.811') && codes.includes('Z59.41'),
            `offline: the exported bundle holds the needs as Conditions (${codes.join(' ')}; expected areas ${EXPECTED_NEEDS.join(', ')})`);
  checks.ok(response && response.language === 'es', 'offline: and the QuestionnaireResponse, in Spanish');
  const offlineBad = checkRequests(offline.requests, origin);
  checks.ok(offlineBad.length === 0, `offline: every request was a same-origin GET of a static file${offlineBad.length ? ': ' + offlineBad.join('; ') : ''}`);
  checks.ok(offline.problems.length === 0, `offline: no failed request or page error${offline.problems.length ? ': ' + offline.problems.join('; ') : ''}`);
  await page.close();
  await context.close();

  // The update flow runs in a fresh profile: Playwright's offline emulation can leave the old
  // worker's fetches hanging after going back online (a harness artifact: a real network
  // failure fails fast), which would hold the new worker's activation.
  const updates = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = (await openApp(updates, server.url)).page;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  await page.close();

  // 4. Version N+1 appears on the server (a rebuilt service worker and build id).
  execFileSync('python3', [path.join(repoRoot, 'cmake', 'make_service_worker.py'), '--template', path.join(repoRoot, 'web', 'sw.js'),
    '--app', app, '--version', '99.0.0', '--out', path.join(app, 'sw.js'),
    '--languages', path.join(repoRoot, 'assets', 'i18n', 'languages.json'), '--rtl-files', 'safetynet-rtl.js', 'safetynet-rtl.wasm',
    '--files', 'safetynet.html', 'index.html', 'safetynet.js', 'safetynet.wasm', 'loader.js', 'test_api.js', 'shell.css', 'icon.svg',
    'manifest.webmanifest', 'assets/site.json']);

  // Next start: the new worker installs in the background and waits; the page says so.
  const second = await openApp(updates, server.url);
  page = second.page;
  s = await waitState(page, (x) => x.notice === 'notice.update_ready', 'the app notes that an update is ready');
  checks.ok(s.notice === 'notice.update_ready', 'a waiting update is announced, not applied mid-session');
  const stillOld = await page.evaluate(() => fetch('build.json').then((r) => r.json()));
  checks.ok(stillOld.version !== '99.0.0', `the running session keeps its version (${stillOld.version})`);
  await page.close();

  // The start after that: the update is applied before the program loads, with a note.
  const third = await openApp(updates, server.url);
  page = third.page;
  s = await waitState(page, (x) => x.notice === 'notice.updated', 'the app notes it was updated');
  checks.ok(s.notice === 'notice.updated', 'the next start applies the update and says so');
  const names = await page.evaluate(() => caches.keys());
  checks.ok(names.length === 1 && names[0] !== firstCache && names[0].startsWith('safetynet-99.0.0-'),
            `the old cache is gone, the new one is in use (${names.join(', ')})`);
  await nextFrames(page, 3);
  await page.screenshot({ path: path.join(args.out, 'update-note.png') });
  const bad = checkRequests([...second.requests, ...third.requests], origin);
  checks.ok(bad.length === 0, `every request was a same-origin GET of a static file${bad.length ? ': ' + bad.join('; ') : ''}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
checks.done();
