// The first slice in a real browser: the page loads from serve.py, draws its first frame, the
// kiosk welcome screen switches to Spanish when "Español" is touched, and the page asks for
// nothing but its own static files.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, checkRequests, click, launch, nextFrames, openApp, parseArgs, startServer, state, widget } from './harness.mjs';
import { decodePng, diffFraction, pixelStats } from './png.mjs';

const args = parseArgs();
const checks = new Checks('e2e welcome');
const server = await startServer(args.app);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, requests, problems, console: log } = await openApp(context, server.url);
  const origin = new URL(server.url).origin;

  checks.ok(typeof (await page.evaluate(() => window.__interactive_ms)) === 'number', 'window.__interactive_ms set at the first frame');
  checks.ok(/^\d+\.\d+\.\d+$/.test(await page.evaluate(() => window.safetynet.version())), 'window.safetynet.version() is a version');
  const langs = await page.evaluate(() => window.safetynet.core.languages());
  checks.ok(langs.some((l) => l.code === 'es' && l.name === 'Español'), 'core call: the catalogs offer Español');

  let s = await state(page);
  checks.ok(s.screen === 'welcome' && s.lang === 'en', `starts on the English welcome screen (${JSON.stringify(s)})`);
  await widget(page, 'welcome.start');
  await nextFrames(page, 3);
  const shotEn = await page.screenshot({ path: path.join(args.out, 'welcome-en.png') });
  const en = decodePng(shotEn);
  const stats = pixelStats(en);
  checks.ok(stats.colours > 50 && stats.nonBackground > 0.05,
            `the canvas is not blank (${stats.colours} colours, ${(stats.nonBackground * 100).toFixed(1)} % not background)`);
  const loadingHidden = await page.evaluate(() => getComputedStyle(document.getElementById('loading')).display === 'none');
  checks.ok(loadingHidden, 'the loading panel is gone after the first frame');

  // Touch "Español" where the app drew it.
  await click(page, 'lang.es');
  await page.waitForFunction(() => window.safetynet.state().lang === 'es', null, { timeout: 5000 }).catch(() => {});
  s = await state(page);
  checks.ok(s.lang === 'es' && s.screen === 'welcome', `touching Español switches to Spanish (${JSON.stringify(s)})`);
  await nextFrames(page, 3);
  const shotEs = await page.screenshot({ path: path.join(args.out, 'welcome-es.png') });
  const es = decodePng(shotEs);
  const title = await widget(page, 'welcome.title');
  const rect = { x: Math.floor(title.x), y: Math.floor(title.y), w: Math.ceil(title.w), h: Math.ceil(title.h) };
  checks.ok(diffFraction(en, es, rect) > 0.02, 'the title pixels changed (Welcome → Bienvenido)');
  const esRect = await widget(page, 'lang.es');
  checks.ok(esRect.w >= 48 && esRect.h >= 48, `the language button is a touch target (${esRect.w}×${esRect.h})`);

  // Nothing but GETs of the app's own static files, all answered.
  const bad = checkRequests(requests, origin);
  checks.ok(requests.length >= 5 && bad.length === 0,
            `every request (${requests.length}) was a same-origin GET of a static file${bad.length ? ': ' + bad.join('; ') : ''}`);
  checks.ok(problems.length === 0, `no page errors or failed requests${problems.length ? ': ' + problems.join('; ') : ''}`);
  writeFileSync(path.join(args.out, 'welcome-requests.json'), JSON.stringify(requests, null, 2));
  writeFileSync(path.join(args.out, 'welcome-console.txt'), log.join('\n'));
  console.log(`screenshots: ${path.join(args.out, 'welcome-en.png')}, ${path.join(args.out, 'welcome-es.png')}`);

  // A browser that cannot run SafetyNet is told so in both languages, at once, and nothing
  // crashes: no WebGL 2 context (the loader asks for it while the program downloads, and stops
  // the download), and no WebAssembly at all.
  const broken = [
    ['no WebGL 2 context', () => {
      const real = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, attrs) { return kind === 'webgl2' ? null : real.call(this, kind, attrs); };
    }, 'WebGL 2'],
    ['no WebAssembly', () => { delete window.WebAssembly; }, 'WebAssembly'],
    ['a WebAssembly too old for the program', () => {
      WebAssembly.compileStreaming = () => Promise.reject(new WebAssembly.CompileError('invalid opcode'));
    }, 'Chrome'],
  ];
  for (const [name, breakIt, word] of broken) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript(breakIt);
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(server.url);
    await p.waitForFunction(() => !document.getElementById('problem').hidden, null, { timeout: 10000 }).catch(() => {});
    const shown = await p.evaluate(() => ({
      visible: !document.getElementById('problem').hidden,
      en: document.getElementById('problem-en').textContent,
      es: document.getElementById('problem-es').textContent,
      loading: getComputedStyle(document.getElementById('loading')).display,
    }));
    // Whatever the page would still do after the message needs the program: wait until it has
    // fetched everything it is going to (no request for 500 ms), then look.
    await p.waitForLoadState('networkidle');
    const started = await p.evaluate(() => typeof window.__interactive_ms === 'number');
    checks.ok(shown.visible && shown.en.includes(word) && shown.es.includes(word) && shown.en !== shown.es && shown.loading === 'none',
              `${name}: the page says so in English and Spanish (${JSON.stringify(shown.en)})`);
    checks.ok(!started && errors.length === 0, `${name}: nothing starts and nothing throws${errors.length ? ': ' + errors.join('; ') : ''}`);
    await p.screenshot({ path: path.join(args.out, `welcome-${name.replace(/ /g, '-').toLowerCase()}.png`) });
    await ctx.close();
  }
} finally {
  await browser.close();
  server.stop();
}
checks.done();
