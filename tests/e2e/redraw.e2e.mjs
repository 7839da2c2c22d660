// Draw on demand (issue 16): the frame loop sleeps when nothing changes, and each kind of
// wake-up paints a frame that already shows the change: a tap (press and release arriving
// together, while asleep), a resize, a notice from the page, the clock being set, and a timer
// the app set (the notice's timeout), and nothing in between; a hidden tab paints nothing until it
// is shown again. The frames are counted through window.safetynet
// (frames(), frameLog(): what each painted frame drew, in vertex counts and size).
import { Checks, launch, openApp, parseArgs, pollState, startServer, state, widget } from './harness.mjs';

const args = parseArgs();
const checks = new Checks('e2e redraw');
const server = await startServer(args.app);
const browser = await launch();

// Resolves once the loop is asleep (it went to sleep by itself: nothing polls it awake).
async function asleep(page, what) {
  const ok = await page.waitForFunction(() => window.safetynet.asleep(), null, { timeout: 15000 }).then(() => true, () => false);
  checks.ok(ok, `the loop falls asleep ${what}`);
  return page.evaluate(() => window.safetynet.frames());
}
async function log(page) { return (await page.evaluate(() => window.safetynet.frameLog())).sort((a, b) => a.n - b.n); }
// The first frame painted after frame `n`, once the loop has painted it and gone back to sleep.
async function firstAfter(page, n) {
  await page.waitForFunction((k) => window.safetynet.frames() > k && window.safetynet.asleep(), n, { timeout: 15000 });
  const frames = await log(page);
  return { first: frames.find((f) => f.n === n + 1), last: frames[frames.length - 1], before: frames.find((f) => f.n === n), all: frames };
}
const drew = (f) => f && `${f.vertices} vertices, ${f.width}×${f.height}`;

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, server.url);
  let n = await asleep(page, 'after the welcome screen is drawn');

  // 1. A tap on "Español" while asleep. The page notes how many frames were painted when the
  //    release arrived; the next painted frame must already show Spanish.
  const es = await widget(page, 'lang.es');
  await page.evaluate(() => window.addEventListener('pointerup', () => { window.__framesAtRelease = window.safetynet.frames(); },
                                                    { capture: true, once: true }));
  await page.mouse.move(es.x + es.w / 2, es.y + es.h / 2);
  await page.mouse.down();
  await page.mouse.up();
  n = await page.evaluate(() => window.__framesAtRelease);
  let f = await firstAfter(page, n);
  let s = await state(page);
  checks.ok(s.lang === 'es', `the tap switched the app to Spanish (${s.lang})`);
  checks.ok(f.first && f.before && f.first.vertices !== f.before.vertices,
            `the first frame after the tap differs from the one before (${drew(f.before)} -> ${drew(f.first)})`);
  checks.ok(f.first && f.first.vertices === f.last.vertices && f.first.indices === f.last.indices,
            `the first frame after the tap already shows its effect: it draws what the settled frame draws (${drew(f.first)}; settled ${drew(f.last)}, ${f.last.n - n} frames painted)`);

  // 2. A resize (or zoom): the next frame has the new size.
  n = await asleep(page, 'after the tap');
  await page.setViewportSize({ width: 1024, height: 700 });
  f = await firstAfter(page, n);
  checks.ok(f.last && f.last.width === 1024 && f.last.height === 700, `a resize paints at the new size (${drew(f.last)})`);

  // 3. The page's own notice (loader.js: an update is ready), shown while the loop sleeps.
  n = await asleep(page, 'after the resize');
  await page.evaluate(() => {
    Module.ccall('safetynet_show_notice', null, ['string', 'string'], ['notice.update_ready', '{}']);
    Module.safetynetWake();
  });
  f = await firstAfter(page, n);
  s = await state(page);
  checks.ok(s.notice === 'notice.update_ready', `the notice is shown (${s.notice})`);
  checks.ok(f.first && f.before && f.first.vertices > f.before.vertices,
            `the first frame after the notice draws it (${drew(f.before)} -> ${drew(f.first)})`);
  const withNotice = f.last;

  // 4. A timer the app set: the notice times out (15 s) with nobody touching the screen; a
  //    frame without it follows.
  const t0 = Date.now();
  const gone = await pollState(page, (x) => x.notice === null, { timeout: 40000 });
  checks.ok(gone.ok, `the notice goes by itself (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  n = await asleep(page, 'after the notice went');
  const afterNotice = (await log(page)).pop();
  checks.ok(afterNotice && withNotice && afterNotice.n > withNotice.n && afterNotice.vertices < withNotice.vertices,
            `a frame without the notice was painted (${drew(withNotice)} -> ${drew(afterNotice)})`);
  // While the notice just sat there nothing was painted: the frame without it follows the one
  // that drew it, give or take one for a new minute on the clock (the loop used to paint at
  // every timer poll, 4 a second, for the 14 s a notice showed).
  checks.ok(afterNotice && withNotice && afterNotice.n - withNotice.n <= 3,
            `no frames while the notice showed untouched (frames ${withNotice && withNotice.n} -> ${afterNotice && afterNotice.n})`);

  // 5. The device's clock is set (dates and "due today" lists follow it): a frame follows.
  await page.evaluate(() => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + 3 * 86400e3;
  });
  const clock = await page.waitForFunction((k) => window.safetynet.frames() > k, n, { timeout: 5000 }).then(() => true, () => false);
  checks.ok(clock, 'setting the clock paints a frame');

  // 6. A hidden tab draws nothing: the page says it is hidden (headless Chromium keeps every
  //    tab visible, so the page's visibility is set as a browser would set it: the state and
  //    the visibilitychange event), a notice arrives and wakes the loop; the app takes it (its
  //    state says so), the loop goes back to sleep, and no frame was painted. Shown again, the
  //    first frame draws it.
  n = await asleep(page, 'after the clock was set');
  const setHidden = (hide) => page.evaluate((h) => {
    if (h) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    } else {
      delete document.visibilityState;
      delete document.hidden;
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hide);
  await setHidden(true);
  n = await asleep(page, 'once the tab is hidden');
  await page.evaluate(() => {
    Module.ccall('safetynet_show_notice', null, ['string', 'string'], ['notice.update_ready', '{}']);
    Module.safetynetWake();
  });
  s = await state(page);
  const framesHidden = await asleep(page, 'after the notice woke the hidden tab');
  checks.ok(s.notice === 'notice.update_ready' && framesHidden === n,
            `while hidden the app takes the notice (${s.notice}) and paints no frame for it (frames ${n} -> ${framesHidden})`);
  await setHidden(false);
  f = await firstAfter(page, n);
  checks.ok(f.first && f.before && f.first.vertices > f.before.vertices,
            `shown again, the first frame draws the notice (${drew(f.before)} -> ${drew(f.first)})`);

  checks.ok(problems.length === 0, `no page errors or failed requests${problems.length ? ': ' + problems.join('; ') : ''}`);
} catch (e) {
  checks.ok(false, `the redraw checks ran to the end: ${e.message}`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
