// Switching the kiosk's language, warm and cold: from the touch on a language's button to the
// paint of the first frame in that language (issue 14's budget: Chinese on a warm cache within
// 100 ms). Prints JSON; never fails on a figure. Run by bench/language_switch/run.sh (README).
//
//   node bench/language_switch/switch.mjs BASE_URL [--langs zh-Hans,vi,ar] [--rounds N]
//                                         [--cold-rounds N] [--shots DIR]
//
// BASE_URL serves an app whose site.json offers the languages (run.sh makes that copy).
// Warm: one browser context; a first visit lets the service worker install and chooses each
//   language once, so its catalog, its instrument wording and its fonts are in the caches
//   (the service worker's and the HTTP cache); then, round by round, languages interleaved:
//   the English welcome loaded again, the pointer over the language's button (found by role and
//   name), a real CDP press and release.
// Cold: a new context per round with service workers blocked (nothing precached, an empty HTTP
//   cache): the same page, the same touch.
// Start: the pointerdown event's timeStamp. End: <html lang> becomes the language (web/mirror.js
//   sets it inside the frame that drew the screen in it; for a right-to-left language, the frame
//   of the program that shapes it, after the page has started again with ?lang=); "frame" is
//   when that frame's JavaScript returned, "paint" the next requestAnimationFrame callback (the
//   frame has been presented by then). Times are absolute (performance.timeOrigin + t), kept in
//   sessionStorage, so they survive the right-to-left program's page start.
import { launch } from '../../tests/e2e/harness.mjs';

const argv = process.argv.slice(2);
const base = argv[0];
const opt = { langs: ['zh-Hans', 'vi', 'ar'], rounds: 10, coldRounds: null, shots: null };
for (let i = 1; i < argv.length; i++) {
  if (argv[i] === '--langs') opt.langs = argv[++i].split(',');
  else if (argv[i] === '--rounds') opt.rounds = Number(argv[++i]);
  else if (argv[i] === '--cold-rounds') opt.coldRounds = Number(argv[++i]);
  else if (argv[i] === '--shots') opt.shots = argv[++i];
}
if (opt.coldRounds === null) opt.coldRounds = opt.rounds;
if (!base) {
  console.error('usage: node switch.mjs BASE_URL [--langs a,b] [--rounds N] [--cold-rounds N] [--shots DIR]');
  process.exit(1);
}
const url = new URL('index.html', base).toString();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// In every document of the page (the right-to-left program's page start included).
const INSTRUMENT = () => {
  try { sessionStorage.getItem('bench.lang'); } catch (e) { return; }  // about:blank
  const abs = (t) => performance.timeOrigin + t;
  // Every animation-frame callback's start and length (the app's frames run in them), from the
  // touch to the paint: where the time goes.
  const raf = window.requestAnimationFrame.bind(window);
  const ticks = [];
  window.requestAnimationFrame = (cb) => raf((t) => {
    const t0 = performance.now();
    cb(t);
    if (sessionStorage.getItem('bench.down')) ticks.push([abs(t0), performance.now() - t0]);
  });
  addEventListener('pointerdown', (e) => {
    if (sessionStorage.getItem('bench.armed') !== '1') return;
    sessionStorage.setItem('bench.armed', '0');
    sessionStorage.setItem('bench.down', String(abs(e.timeStamp)));
  }, { capture: true });
  addEventListener('pointerup', (e) => {
    if (sessionStorage.getItem('bench.down') && !sessionStorage.getItem('bench.up'))
      sessionStorage.setItem('bench.up', String(abs(e.timeStamp)));
  }, { capture: true });
  new MutationObserver(() => {
    const want = sessionStorage.getItem('bench.lang');
    const needsQuery = sessionStorage.getItem('bench.query') === '1';
    if (!want || !sessionStorage.getItem('bench.down') || sessionStorage.getItem('bench.frame')) return;
    if (document.documentElement.lang !== want) return;
    if (needsQuery && new URLSearchParams(location.search).get('lang') !== want) return;
    sessionStorage.setItem('bench.frame', String(abs(performance.now())));
    requestAnimationFrame(() => {
      sessionStorage.setItem('bench.paint', String(abs(performance.now())));
      // What this document fetched (times from the touch; before it: negative).
      const down = Number(sessionStorage.getItem('bench.down'));
      // And the frames and fetches of the next second: work the switch left for later.
      setTimeout(() => {
        const fetched = performance.getEntriesByType('resource')
          .map((e) => ({ path: new URL(e.name).pathname, start: abs(e.startTime) - down, end: abs(e.responseEnd) - down,
                         sw: e.workerStart > 0, bytes: e.transferSize, body: e.decodedBodySize }));
        sessionStorage.setItem('bench.fetched', JSON.stringify(fetched));
        sessionStorage.setItem('bench.ticks', JSON.stringify(ticks.map(([t, d]) => [t - down, d])));
      }, 1000);
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['lang'] });
};

async function nativeNames(page) {
  return page.evaluate(() => window.safetynet.core.languages());
}
async function ready(page) {
  await page.waitForFunction(() => window.safetynet && window.safetynet.ready() && window.safetynet.state(),
                             null, { polling: 50, timeout: 60000 });
}
// The loop asleep: nothing left to fetch or draw (the buttons' own glyphs are in).
async function atRest(page) {
  await page.waitForFunction(() => window.safetynet.asleep(), null, { polling: 20, timeout: 30000 });
}

// One touch on the language's button; resolves to the round's figures.
async function touch(page, lang, name, rtl) {
  await page.evaluate(([l, q]) => {
    for (const k of ['down', 'up', 'frame', 'paint', 'fetched', 'ticks']) sessionStorage.removeItem('bench.' + k);
    sessionStorage.setItem('bench.lang', l);
    sessionStorage.setItem('bench.query', q ? '1' : '0');
    sessionStorage.setItem('bench.armed', '1');
  }, [lang, rtl]);
  const button = page.getByRole('button', { name, exact: true });
  await button.waitFor({ state: 'attached', timeout: 15000 });
  const box = await button.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await atRest(page);  // ImGui has seen the pointer there (hover) and the loop sleeps again
  await page.mouse.down();
  await page.mouse.up();
  const read = () => page.evaluate(() => Object.fromEntries(['down', 'up', 'frame', 'paint', 'fetched', 'ticks']
    .map((k) => [k, sessionStorage.getItem('bench.' + k)]))).catch(() => ({}));
  const t0 = Date.now();
  let s = {};
  while (!(s = await read()).ticks) {
    if (Date.now() - t0 > 30000) throw new Error(`${lang}: no frame in the language within 30 s (${JSON.stringify(s)})`);
    await sleep(20);
  }
  const down = Number(s.down);
  return { up: Number(s.up) - down, frame: Number(s.frame) - down, paint: Number(s.paint) - down,
           fetched: JSON.parse(s.fetched || '[]'), ticks: JSON.parse(s.ticks || '[]'), restarted: rtl };
}

async function warmContext(browser, langs, names) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The precache installed; the worker controls the page from the next load on.
  for (const lang of langs) {
    await page.goto(url);
    await ready(page);
    await atRest(page);
    await touch(page, lang, names[lang].name, names[lang].rtl);
  }
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  return { context, page, controlled };
}

const browser = await launch();
const results = {};
let controlled = null;
let names = {};
try {
  // The languages' names and directions, from the app itself.
  const probe = await browser.newContext({ serviceWorkers: 'block' });
  const p0 = await probe.newPage();
  await p0.goto(url);
  await ready(p0);
  const all = await nativeNames(p0);
  await probe.close();
  const rtlCodes = ['ar', 'he', 'fa', 'ur'];
  names = Object.fromEntries(opt.langs.map((l) => {
    const e = all.find((x) => x.code === l);
    if (!e) throw new Error(`the app has no language ${l}`);
    return [l, { name: e.name, rtl: rtlCodes.includes(l) }];
  }));
  for (const l of opt.langs) results[l] = { warm: [], cold: [] };

  const warm = await warmContext(browser, opt.langs, names);
  controlled = warm.controlled;
  for (let r = 0; r < Math.max(opt.rounds, opt.coldRounds); r++) {
    for (const lang of opt.langs) {
      if (r < opt.rounds) {
        await warm.page.goto(url);
        await ready(warm.page);
        const s = await warm.page.evaluate(() => window.safetynet.state());
        if (s.lang !== 'en') throw new Error(`the page loaded again is not in English (${s.lang})`);
        await atRest(warm.page);
        const m = await touch(warm.page, lang, names[lang].name, names[lang].rtl);
        results[lang].warm.push(m);
        process.stderr.write(`round ${r + 1} warm ${lang}: paint ${m.paint.toFixed(1)} ms (frame ${m.frame.toFixed(1)})\n`);
        if (opt.shots && r === 0) await warm.page.screenshot({ path: `${opt.shots}/warm-${lang}.png` });
      }
      if (r < opt.coldRounds) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1,
                                                   serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.addInitScript(INSTRUMENT);
        await page.goto(url);
        await ready(page);
        await atRest(page);
        const m = await touch(page, lang, names[lang].name, names[lang].rtl);
        results[lang].cold.push(m);
        process.stderr.write(`round ${r + 1} cold ${lang}: paint ${m.paint.toFixed(1)} ms (frame ${m.frame.toFixed(1)})\n`);
        await context.close();
      }
    }
  }
  await warm.context.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify({ url, langs: opt.langs, rounds: opt.rounds, coldRounds: opt.coldRounds,
                             serviceWorkerControlled: controlled, names, results }, null, 1));
