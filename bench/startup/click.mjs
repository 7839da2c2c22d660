// Click -> response latency of the SafetyNet app, measured like the LHC-Forms harness measures
// its form (a fresh browser context per run, a real CDP mouse click, the click event's
// timeStamp as the start), on the app's first screen as soon as it is interactive.
//
//   node bench/startup/click.mjs URL [RUNS=9]     prints JSON {median, p90, samples, ...}
//
// The touch: "Español" on the welcome screen (found by its rectangle, window.safetynet.widget);
// the response: the app's state says Spanish, i.e. the frame that handled the click has run
// and drawn the screen in Spanish (the end is read by a setTimeout(0) poll in the page, so it
// is late by at most one poll). The pointer is moved over the button first and left there for
// two frames, as a finger resting before it lifts; ImGui (1.86) needs the pointer over a
// widget on the frame that sees the press.
import { launch, nextFrames } from '../../tests/e2e/harness.mjs';

const url = process.argv[2];
const runs = Number(process.argv[3] || 9);
if (!url) { console.error('usage: node bench/startup/click.mjs URL [RUNS]'); process.exit(1); }

const browser = await launch();
const samples = [];
const frames = [];
const busyFrames = [];
const errors = [];
try {
  for (let r = 0; r <= runs; r++) {           // run 0 is a discarded warm-up
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.safetynet && window.safetynet.ready() && window.safetynet.widget('lang.es'),
                               null, { polling: 50, timeout: 60000 });
    const rect = await page.evaluate(() => window.safetynet.widget('lang.es'));
    await page.evaluate(() => {
      // Frames from the press to the response: how many, and how long each took to come.
      window.addEventListener('pointerdown', () => {
        window.__frames = [performance.now()];
        const tick = (now) => { window.__frames.push(now); if (window.__click_done_ms === undefined) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      }, { capture: true });
      window.addEventListener('click', (ev) => {
        if (window.__click_start_ms !== undefined) return;
        window.__click_start_ms = ev.timeStamp;
        const poll = () => {
          const s = window.safetynet.state();
          if (s && s.lang === 'es') window.__click_done_ms = performance.now();
          else setTimeout(poll, 0);
        };
        setTimeout(poll, 0);
      }, { capture: true });
    });
    // The page's frame interval before the touch: with software WebGL it, not the app's CPU
    // time per frame, bounds the latency.
    const frame = await page.evaluate(() => new Promise((resolve) => {
      const t = [];
      const tick = (now) => { t.push(now); if (t.length < 21) requestAnimationFrame(tick); else resolve(t); };
      requestAnimationFrame(tick);
    }).then((t) => { const d = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b); return d[d.length >> 1]; }));
    if (r > 0) frames.push(frame);
    await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
    await nextFrames(page, 2);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForFunction(() => typeof window.__click_done_ms === 'number', null, { polling: 50, timeout: 10000 });
    const ms = await page.evaluate(() => window.__click_done_ms - window.__click_start_ms);
    const busy = await page.evaluate(() => { const f = window.__frames; return { count: f.length - 1, span: f[f.length - 1] - f[0] }; });
    if (r > 0) busyFrames.push(busy.span / Math.max(1, busy.count));
    if (r > 0) samples.push(ms);
    process.stderr.write(`${r ? 'run ' + r : 'warmup'}: click->response=${ms.toFixed(1)} ms, idle frame interval ${frame.toFixed(1)} ms, ` +
                         `${busy.count} frames from press to response, ${(busy.span / Math.max(1, busy.count)).toFixed(1)} ms each\n`);
    await context.close();
  }
} finally {
  await browser.close();
}
const v = samples.slice().sort((a, b) => a - b);
const q = (p) => v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
const median = v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
console.log(JSON.stringify({ url, runs, what: 'click lang.es -> state.lang === es', median, p90: q(0.9),
                             min: v[0], max: v[v.length - 1], samples,
                             frameIntervalMedian: frames.slice().sort((a, b) => a - b)[frames.length >> 1],
                             drawingFrameIntervalMedian: busyFrames.slice().sort((a, b) => a - b)[busyFrames.length >> 1], errors }, null, 2));
