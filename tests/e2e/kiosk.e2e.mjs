// A patient's whole kiosk session, in Spanish, by touch alone, in the real page:
// answers by their on-screen rectangles, the ZIP on the number pad, results with the expected
// needs (and the crisis card when due), the take-home list printed and as a QR code a phone
// reads, consent to share, "finish and clear"; then staff take the sealed screening out of the
// outbox and the stock `age` CLI opens it with the demo clinic's identity (and `minisign`
// verifies the kiosk's signature); then an idle session is wiped; and afterwards the page's
// JS heap, its wasm memory and its storage hold nothing of the sessions. No request leaves the
// origin. Screenshots of every step are kept.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, checkRequests, click, launch, nextFrames, openApp, parseArgs, smallTouchTargets, startServer, state, until } from './harness.mjs';
import { answer, bundleContents, download, openStaffPanel, openWithAge, screenToResults, shareWithClinic } from './kiosk_steps.mjs';

const args = parseArgs();
const checks = new Checks('e2e kiosk');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'safetynet-kiosk-'));
const app = path.join(tmp, 'app');
cpSync(args.app, app, { recursive: true });
// The site as shipped, with an idle timeout short enough to wait for in a test.
const site = JSON.parse(readFileSync(path.join(app, 'assets', 'site.json'), 'utf8'));
site.idle_timeout_seconds = 15;
site.idle_warning_seconds = 5;
writeFileSync(path.join(app, 'assets', 'site.json'), JSON.stringify(site));
const ZIP = '95116';

const server = await startServer(app);
const browser = await launch();
let step = 0;
// Every screen worth a screenshot is also checked for touch targets: each control on it is at
// least 48 pixels each way, whatever the language.
async function shot(page, name) {
  await nextFrames(page, 3);
  const small = await smallTouchTargets(page);
  checks.ok(small.length === 0, `${name}: every control is a touch target${small.length ? ': too small: ' + small.join(', ') : ''}`);
  await page.screenshot({ path: path.join(args.out, `kiosk-${String(++step).padStart(2, '0')}-${name}.png`) });
}
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const { page, requests, problems } = await openApp(context, server.url);
  const origin = new URL(server.url).origin;
  await until(page, checks, (s) => s.site === site.site_name, 'the site configuration is loaded');

  // ---------------------------------------------------------------- the screening, in Spanish
  await click(page, 'lang.es');
  await shot(page, 'bienvenida');
  // The shared steps' screenshots, under this test's (Spanish) names.
  const es = { privacy: 'privacidad', 'question-housing': 'pregunta-vivienda', 'question-problems': 'pregunta-problemas',
               'prefer-not-to-answer': 'prefiero-no-responder', review: 'revision', zip: 'codigo-postal',
               results: 'resultados', services: 'servicios', share: 'compartir', shared: 'compartido' };
  const step_shot = (name) => shot(page, es[name] || name);
  let s = await screenToResults(page, checks, { zip: ZIP, lang: 'es', shot: step_shot });

  // ---------------------------------------------------------------- take-home: print and QR
  // Headless Chromium has no print dialog: record what would be printed, then say it is done.
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = document.getElementById('print').innerText;
      setTimeout(() => window.dispatchEvent(new Event('afterprint')), 0);
    };
  });
  await click(page, 'results.print');
  const printed = await page.waitForFunction(() => window.__printed, null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => '');
  checks.ok(printed.includes('Lugares que pueden ayudar') && printed.includes('Comida'), 'the printed list has the title and the areas, in Spanish');
  checks.ok(!/LA\d+-\d|71802|HITS/.test(printed), 'the printed list holds no answers');
  // The test's own copy of the printout must not be mistaken for the app's later.
  await page.evaluate(() => { delete window.__printed; });
  const cleared = await page.waitForFunction(() => document.getElementById('print').textContent === '', null, { timeout: 65000 })
    .then(() => true).catch(() => false);
  checks.ok(cleared, 'the printed page is emptied again');
  await click(page, 'results.qr');
  await shot(page, 'qr');
  const qr = await page.evaluate(() => window.safetynet.widget('qr.code'));
  checks.ok(!!qr, 'a QR code of the list is on screen');
  if (qr) {
    const png = path.join(tmp, 'qr.png');
    await page.screenshot({ path: png, clip: { x: qr.x, y: qr.y, width: qr.w, height: qr.h } });
    let decoded = '';
    try { decoded = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch (e) { decoded = ''; }
    checks.ok(decoded.includes('Comida') && decoded.includes(site.site_name), `zbarimg reads the list from the QR code (${decoded.length} chars)`);
  }
  await click(page, 'qr.close');

  // ---------------------------------------------------------------- share with the care team
  await shareWithClinic(page, checks, { shot: step_shot });
  await click(page, 'nav.next');                  // Terminar y borrar
  await click(page, 'confirm.yes');               // ...which asks first
  s = await state(page);
  checks.ok(s.screen === 'finished' && s.lang === 'es', 'a thank-you in Spanish');
  await shot(page, 'gracias');
  s = await until(page, checks, (x) => x.screen === 'welcome', 'back to a fresh welcome', 20000);
  checks.ok(s.lang === 'en' && s.text_size === 0, 'the next person starts in English at the normal size');

  // ---------------------------------------------------------------- staff take the outbox
  await openStaffPanel(page, checks, { shot: (name) => shot(page, name) });
  await shot(page, 'personal');
  const cardFile = await download(page, 'staff.card', tmp, 'kiosk-card.json');
  const sealed = await download(page, 'staff.download', tmp);
  const plaintext = openWithAge(checks, sealed);
  const { codes, response, sigStart } = bundleContents(plaintext);
  checks.ok(codes.includes('Z59.811') && codes.includes('Z59.41'), `it holds the needs as Conditions (${codes.join(' ')})`);
  checks.ok(response && response.language === 'es', 'and the QuestionnaireResponse, in Spanish');
  // The kiosk's signature, checked by the stock minisign with the key from the kiosk's card.
  const card = JSON.parse(readFileSync(cardFile, 'utf8'));
  writeFileSync(path.join(tmp, 'kiosk.pub'), `untrusted comment: kiosk\n${card.minisign_public_key}\n`);
  writeFileSync(path.join(tmp, 'bundle.msg'), plaintext.slice(0, sigStart));
  writeFileSync(path.join(tmp, 'bundle.msg.minisig'), plaintext.slice(sigStart));
  let verified = false;
  try { execFileSync('minisign', ['-Vq', '-p', path.join(tmp, 'kiosk.pub'), '-m', path.join(tmp, 'bundle.msg')]); verified = true; } catch (e) { verified = false; }
  checks.ok(verified, "minisign verifies the kiosk's signature");
  await click(page, 'staff.remove');
  s = await until(page, checks, (x) => x.outbox === 0, 'staff remove what they took');
  await click(page, 'nav.back');

  // ---------------------------------------------------------------- an abandoned session
  await click(page, 'welcome.start');
  await click(page, 'nav.next');
  await answer(page, 2);                          // no steady place to live
  await until(page, checks, (x) => x.kiosk.item === '96778-6', 'a second session under way');
  await page.waitForFunction(() => window.safetynet.widget('idle.stay'), null, { timeout: 30000 }).catch(() => {});
  checks.ok(!!(await page.evaluate(() => window.safetynet.widget('idle.stay'))), 'after the idle timeout a warning counts down');
  await shot(page, 'inactividad');
  s = await until(page, checks, (x) => x.screen === 'welcome', 'silence wipes the session', 20000);
  checks.ok(s.screen === 'welcome', 'silence returns to the welcome screen');

  // ---------------------------------------------------------------- nothing left behind
  const storage = await page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('safetynet'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction('blobs', 'readonly');
    const store = tx.objectStore('blobs');
    const keys = await new Promise((res) => { const r = store.getAllKeys(); r.onsuccess = () => res(r.result); });
    const values = await new Promise((res) => { const r = store.getAll(); r.onsuccess = () => res(r.result); });
    const text = values.map((v) => new TextDecoder('latin1').decode(v)).join('\n');
    return { keys, text, local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookies: document.cookie };
  });
  checks.ok(JSON.stringify(storage.keys) === '["kiosk/keyset"]', `storage holds only the kiosk's own key (${storage.keys.join(', ')})`);
  checks.ok(!/LA\d{4,5}-\d|QuestionnaireResponse|95116/.test(storage.text), 'no answer in storage');
  checks.ok(JSON.stringify(storage.local) === '["safetynet.build"]' && storage.session.length === 0 && storage.cookies === '',
            `localStorage holds only the build id, sessionStorage and cookies nothing (${storage.local})`);
  const code = (plaintext.match(/"urn:safetynet:kiosk-pickup-code","value":"(\d{3} \d{3})"/) || [])[1];
  checks.ok(!!code, 'the bundle names the person by the pickup code');
  // The wasm memory: the code the first person was shown, and what they typed, are gone.
  const inWasm = await page.evaluate((needles) => {
    const heap = window.Module.HEAPU8;
    const found = {};
    for (const n of needles) {
      const b = new TextEncoder().encode(n);
      let hit = false;
      outer: for (let i = 0; i + b.length <= heap.length; i++) {
        if (heap[i] !== b[0]) continue;
        for (let j = 1; j < b.length; j++) if (heap[i + j] !== b[j]) continue outer;
        hit = true; break;
      }
      found[n] = hit;
    }
    return found;
  }, [code || 'no-code', `Su código es ${code}`]);
  checks.ok(code && !inWasm[code], `the pickup code is nowhere in the wasm memory`);
  // The JS heap: a full snapshot, searched for the session's answers and codes.
  const cdp = await context.newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  // Only the snapshot's string table: its node and edge arrays are numbers that would match digits.
  const strings = JSON.parse(chunks.join('')).strings;
  const leaked = ['LA31994-9', 'LA31995-6', 'LA28397-0', code || 'no-code', ZIP]
    .filter((n) => strings.some((str) => str.includes(n)));
  checks.ok(strings.length > 1000 && leaked.length === 0,
            `the JS heap holds no answer text (${strings.length} strings searched${leaked.length ? '; found ' + leaked.join(', ') : ''})`);

  const bad = checkRequests(requests, origin);
  checks.ok(bad.length === 0, `every request was a same-origin GET of a static file${bad.length ? ': ' + bad.join('; ') : ''}`);
  checks.ok(problems.length === 0, `no page errors or failed requests${problems.length ? ': ' + problems.join('; ') : ''}`);
  console.log(`screenshots: ${args.out}/kiosk-*.png`);
} finally {
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
checks.done();
