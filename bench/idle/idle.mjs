// Idle CPU and interaction to next paint, SafetyNet beside LHC-Forms in one headless Chromium
// (issue 16). Prints JSON; never fails on a figure. Run by bench/idle/run.sh (README there).
//
//   node bench/idle/idle.mjs BASE_URL [--app NAME=PATH]... [--rounds N] [--seconds S]
//
// Pages, interleaved round by round (a new browser context for each): LHC-Forms' form page
// (the shared harness, pages/lforms.html?q=core), and for each app the kiosk welcome, a question
// screen (after "Start") and the clinic's dashboard (#clinic: a store set up, the Dashboard
// tab). Idle CPU: once the page is ready, its service worker has installed (the precache) and
// it has settled for 2 s, the CPU time of the WHOLE
// browser (every process under the Chromium this script launched: /proc/PID/stat utime+stime)
// over S seconds (default 10), as % of one core (every process below this script: Chromium's
// browser, GPU, renderer and utility processes). INP: on the question pages, a real (CDP)
// mouse tap on the first answer; the largest Event Timing duration among that interaction's
// events (PerformanceObserver type 'event', durationThreshold 16: the INP definition for one
// interaction; the browser rounds durations to 8 ms, and reports none under 16 ms).
import { readdirSync, readFileSync } from 'node:fs';
import { launch } from '../../tests/e2e/harness.mjs';

const argv = process.argv.slice(2);
const base = argv[0];
const apps = [];
let rounds = 3, seconds = 10;
for (let i = 1; i < argv.length; i++) {
  if (argv[i] === '--app') apps.push(argv[++i].split('='));
  else if (argv[i] === '--rounds') rounds = Number(argv[++i]);
  else if (argv[i] === '--seconds') seconds = Number(argv[++i]);
}
if (!base || !apps.length) { console.error('usage: node bench/idle/idle.mjs BASE_URL --app NAME=PATH [--rounds N] [--seconds S]'); process.exit(1); }

const HZ = 100;  // USER_HZ
function treeTicks(root) {
  const parent = new Map(), ticks = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(pid), Number(f[1]));
      ticks.set(Number(pid), Number(f[11]) + Number(f[12]));
    } catch { /* the process ended */ }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    if (pid === root) continue;  // this script itself
    for (let p = parent.get(pid); p > 1; p = parent.get(p)) if (p === root) { sum += t; break; }
  }
  return sum;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls the app's state from here (the page's CSP forbids evaluating strings in it).
async function waitState(page, pred, timeout = 60000) {
  const t0 = Date.now();
  for (;;) {
    const s = await page.evaluate(() => (window.safetynet && window.safetynet.ready() ? window.safetynet.state() : null));
    if (pred(s)) return s;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${pred} (state ${JSON.stringify(s)})`);
    await sleep(100);
  }
}
async function widget(page, id) {
  await page.waitForFunction((n) => window.safetynet.widget(n), id, { polling: 100, timeout: 30000 });
  return page.evaluate((n) => window.safetynet.widget(n), id);
}
async function tap(page, r) {
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await sleep(100);
  await page.mouse.down();
  await page.mouse.up();
  await sleep(300);
}
async function type(page, id, text) {
  await tap(page, await widget(page, id));
  await page.keyboard.type(text, { delay: 5 });
  await sleep(200);
}

// Observe Event Timing from the start; INP of the interactions after `since`.
const OBSERVE = () => {
  window.__events = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__events.push({ name: e.name, id: e.interactionId, d: e.duration, t: e.startTime }); })
    .observe({ type: 'event', buffered: true, durationThreshold: 16 });
};
async function inp(page, since) {
  await sleep(500);
  return page.evaluate((t0) => {
    const mine = window.__events.filter((e) => e.id > 0 && e.t >= t0);
    return mine.length ? Math.max(...mine.map((e) => e.d)) : 0;  // 0: every event under 16 ms
  }, since);
}

const pages = [{ name: 'LHC-Forms form (AHC HRSN core)', kind: 'lforms', url: `${base}/pages/lforms.html?q=core` }];
for (const [name] of apps) {
  pages.push({ name: `${name}: kiosk welcome`, kind: 'welcome', url: `${base}/${name}/index.html` });
  pages.push({ name: `${name}: question screen`, kind: 'question', url: `${base}/${name}/index.html` });
  pages.push({ name: `${name}: clinic dashboard`, kind: 'dashboard', url: `${base}/${name}/index.html#clinic` });
}

async function prepare(page, p) {
  if (p.kind === 'lforms') {
    await page.waitForFunction(() => typeof window.__interactive_ms === 'number' && document.querySelector('wc-lhc-form input[type=radio]'),
                               null, { timeout: 60000 });
    return;
  }
  await waitState(page, (s) => s && s.screen);
  // The service worker precaches the app in the background after the first frame (seconds of
  // downloading and hashing): measuring idle during that would count the install, not rest.
  await page.evaluate(() => Promise.race([navigator.serviceWorker ? navigator.serviceWorker.ready : null,
                                          new Promise((r) => setTimeout(r, 30000))]));
  if (p.kind === 'question') {
    await tap(page, await widget(page, 'welcome.start'));   // -> the privacy notice
    await waitState(page, (s) => s && s.screen === 'privacy');
    await tap(page, await widget(page, 'nav.next'));        // -> the first question
    await waitState(page, (s) => s && s.screen === 'question');
  } else if (p.kind === 'dashboard') {
    await waitState(page, (s) => s && s.workspace && s.workspace.store === 'absent');
    await type(page, 'setup.pass', 'idle benchmark passphrase');
    await type(page, 'setup.pass2', 'idle benchmark passphrase');
    await tap(page, await widget(page, 'setup.create'));
    await waitState(page, (s) => s && s.workspace && s.workspace.store === 'unlocked' && !s.workspace.saving);
    await tap(page, await widget(page, 'tab.dashboard'));
    await waitState(page, (s) => s && s.workspace && s.workspace.dashboard);
  }
}

async function tapAnswer(page, p) {
  const t0 = await page.evaluate(() => performance.now());
  if (p.kind === 'lforms') {
    const box = await page.locator('wc-lhc-form input[type=radio]').first().boundingBox();
    await tap(page, { x: box.x, y: box.y, w: box.width, h: box.height });
  } else {
    await tap(page, await widget(page, 'answer.0'));
  }
  return inp(page, t0);
}

const browser = await launch();
// The browser is this script's child (playwright starts it): count every process below us.
const root = process.pid;
const results = Object.fromEntries(pages.map((p) => [p.name, { idle: [], inp: [] }]));
try {
  for (let r = 0; r <= rounds; r++) {  // round 0: a discarded warm-up
    for (const p of pages) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.addInitScript(OBSERVE);
      await page.goto(p.url);
      await prepare(page, p);
      await page.mouse.move(5, 795);  // the pointer rests at a corner, over no widget
      await sleep(2000);
      const t0 = treeTicks(root);
      const w0 = Date.now();
      await sleep(seconds * 1000);
      const pct = ((treeTicks(root) - t0) / HZ) / ((Date.now() - w0) / 1000) * 100;
      let ms = null;
      if (p.kind === 'lforms' || p.kind === 'question') ms = await tapAnswer(page, p);
      if (r > 0) {
        results[p.name].idle.push(pct);
        if (ms !== null) results[p.name].inp.push(ms);
      }
      process.stderr.write(`${r ? 'round ' + r : 'warm-up'}: ${p.name}: idle ${pct.toFixed(2)} % of a core${ms !== null ? `, INP ${ms} ms` : ''}\n`);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
const median = (v) => { const s = v.slice().sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; };
console.log(JSON.stringify({ rounds, seconds, pages: Object.entries(results).map(([name, v]) => ({ name, idle_median: median(v.idle), idle: v.idle, inp_median: median(v.inp), inp: v.inp })) }, null, 1));
