// Shared end-to-end machinery: serve the built app with serve.py, drive Debian's Chromium
// headless through playwright-core, click widgets by the rectangles window.safetynet reports,
// and record every request the page makes.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

// Chromium flags that work on a headless box with no GPU and no outside network: WebGL2
// through ANGLE's SwiftShader (--use-gl=swiftshader would give no WebGL at all; a bare
// --disable-gpu relies on a deprecated fallback), no background connections.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--mute-audio',
];

export function parseArgs(argv = process.argv.slice(2)) {
  const args = { app: path.join(repoRoot, 'build', 'web', 'app'), out: path.join(repoRoot, 'build', 'e2e') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--app') args.app = path.resolve(argv[++i]);
    else if (argv[i] === '--out') args.out = path.resolve(argv[++i]);
  }
  mkdirSync(args.out, { recursive: true });
  return args;
}

// Starts serve.py on a free port; resolves to { url, stop, log }.
export function startServer(appDir) {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [path.join(repoRoot, 'serve.py'), '--dir', appDir, '--port', '0'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = [];
    proc.stderr.on('data', (d) => log.push(...d.toString().split('\n').filter(Boolean)));
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d.toString();
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ url: m[0], log, stop: () => proc.kill('SIGTERM') });
    });
    proc.on('exit', (code) => reject(new Error(`serve.py exited (${code}): ${log.join(' ')}`)));
    setTimeout(() => reject(new Error('serve.py did not start')), 10000);
  });
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A page that records every request and every console error.
export async function openApp(context, url) {
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  const console_ = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { console_.push(`[${m.type()}] ${m.text()}`); if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForFunction(() => window.safetynet && window.safetynet.ready(), null, { timeout: 60000 });
  return { page, requests, problems, console: console_ };
}

export async function state(page) { return page.evaluate(() => window.safetynet.state()); }

// Polls the app's state (or what `read(page)` returns) until `pred` holds or `timeout` ms pass.
// Resolves to { ok, state } with the last state read. The predicate runs here in node, so it
// may use the test's own variables (page.waitForFunction could not).
export async function pollState(page, pred, { timeout = 15000, read = state } = {}) {
  const t0 = Date.now();
  for (;;) {
    const s = await read(page);
    if (pred(s)) return { ok: true, state: s };
    if (Date.now() - t0 > timeout) return { ok: false, state: s };
    await new Promise((r) => setTimeout(r, 150));
  }
}

// Polls until `pred` holds; on timeout records a failed check saying `what`. Resolves to the
// last state either way, so the test goes on and reports every failure.
export async function until(page, checks, pred, what, timeout = 15000) {
  const { ok, state: s } = await pollState(page, pred, { timeout });
  if (!ok) checks.ok(false, `${what} (state ${JSON.stringify(s)})`);
  return s;
}

// Waits until the app draws a widget with this id, and returns its rectangle.
export async function widget(page, id, timeout = 10000) {
  const handle = await page.waitForFunction((name) => window.safetynet.widget(name), id, { timeout });
  return handle.jsonValue();
}

// The widget's rectangle, scrolling the screen with the mouse wheel (down, then up) until it
// is in view, as a person would. The app registers only what is visible.
export async function scrollTo(page, id) {
  const now = await page.evaluate((name) => window.safetynet.widget(name), id);
  if (now) return now;
  const vp = page.viewportSize() || { width: 1280, height: 800 };
  for (const dy of [120, -120]) {
    for (let i = 0; i < 25; i++) {
      await page.mouse.move(vp.width / 2, vp.height / 2);
      await page.mouse.wheel(0, dy);
      await nextFrames(page, 3);
      const r = await page.evaluate((name) => window.safetynet.widget(name), id);
      if (r) return r;
    }
  }
  const s = await page.evaluate(() => window.safetynet.state());
  throw new Error(`no widget "${id}" on screen, even after scrolling; state ${JSON.stringify(s)}`);
}

// Clicks like a person: hover, press, release, each on its own frame (ImGui sees a press only
// on a frame where the pointer is already over the widget: a same-frame click can be missed).
export async function click(page, id) {
  await page.waitForFunction(() => window.safetynet && window.safetynet.ready(), null, { timeout: 10000 });
  const r = await scrollTo(page, id);
  const x = r.x + r.w / 2, y = r.y + r.h / 2;
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 2);
  await page.mouse.up();
  await nextFrames(page, 2);
}

// Widgets a person reads but does not touch (headings, text, the QR code, the number pad's
// display): the registry names them only so that tests can find them.
const READ_ONLY = /(^|\.)title$|^progress$|^question\.text$|^results\.(crisis|need\..+|shared|code|service\..+)$|^share\.failed$|^qr\.code$|^staff\.(outbox|qr\.label|qr\.code)$|\.value$/;

// The controls on screen smaller than `min` CSS pixels either way, as "id (w×h)": the whole
// widget (item_w, item_h), also where the screen's scrolling cuts part of it off. 48 px is the
// kiosk's floor for a finger (WCAG 2.5.5 asks 44; the theme draws 56).
export async function smallTouchTargets(page, min = 48) {
  const rects = await page.evaluate(() => window.safetynet.widgets().map((name) => [name, window.safetynet.widget(name)]));
  return rects.filter(([name, r]) => r && !READ_ONLY.test(name) && (r.item_w < min || r.item_h < min))
    .map(([name, r]) => `${name} (${Math.round(r.item_w)}×${Math.round(r.item_h)})`);
}

export async function nextFrames(page, n = 1) {
  await page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

// Every request must be a GET of one of the app's own static files.
export function checkRequests(requests, origin) {
  const bad = [];
  const staticFile = /\.(html|js|wasm|css|svg|png|json|ttf|otf|webmanifest|bin|csv)$/;
  for (const r of requests) {
    const u = new URL(r.url);
    if (u.origin !== origin) bad.push(`left the origin: ${r.method} ${r.url}`);
    else if (r.method !== 'GET') bad.push(`not a GET: ${r.method} ${r.url}`);
    else if (u.search) bad.push(`query string: ${r.url}`);
    else if (u.pathname !== '/' && !staticFile.test(u.pathname)) bad.push(`not a static file: ${r.url}`);
  }
  return bad;
}

export class Checks {
  constructor(name) { this.name = name; this.failures = 0; }
  ok(cond, what) {
    if (cond) console.log(`ok: ${what}`);
    else { console.log(`FAIL: ${what}`); this.failures++; }
    return cond;
  }
  done() {
    console.log(this.failures ? `${this.name}: ${this.failures} check(s) failed` : `${this.name}: all checks passed`);
    process.exitCode = this.failures ? 1 : 0;
  }
}
