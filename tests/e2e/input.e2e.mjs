// The browser platform's own input and canvas (web/imgui_platform.cpp, Emscripten's HTML5 API in
// place of SDL2), where the other e2e tests do not look:
//   1. the canvas's pixels are its CSS size times devicePixelRatio, and follow a resize;
//   2. a tap answers, and the browser follows it with no mouse events of its own (a second press);
//   3. a touch drag scrolls the screen and presses nothing; neither touchstart nor touchmove is
//      cancelled, so the page keeps its pinch-zoom (the canvas's touch-action: pinch-zoom);
//   4. Tab and Shift+Tab move the focus both ways (the browser's: never cancelled), a digit typed
//      outside the text fields picks that answer and Enter goes on.
import path from 'node:path';
import { Checks, launch, nextFrames, openApp, parseArgs, startServer, state, widget } from './harness.mjs';

const args = parseArgs();
const checks = new Checks('e2e input');
const server = await startServer(args.app);
const browser = await launch();

const lastFrame = async (page) => { const log = await page.evaluate(() => window.safetynet.frameLog()); return log[log.length - 1]; };
const focused = (page) => page.evaluate(() => { const e = document.activeElement; return e && e.dataset ? e.dataset.id || e.tagName : null; });
// What the page saw of each touch, key and mouse event, after the program's own handlers.
const events = (page) => page.evaluate(() => window.__seen.splice(0));

try {
  const context = await browser.newContext({ viewport: { width: 800, height: 500 }, deviceScaleFactor: 1.5, hasTouch: true });
  const { page, problems } = await openApp(context, server.url);
  await nextFrames(page, 3);
  await page.evaluate(() => {
    window.__seen = [];
    for (const t of ['touchstart', 'touchmove', 'touchend', 'mousedown', 'mouseup', 'click', 'keydown'])
      window.addEventListener(t, (e) => window.__seen.push({ type: t, key: e.key, prevented: e.defaultPrevented, cancelable: e.cancelable }));
  });

  // 1. Device pixels: 800 x 500 CSS px at a ratio of 1.5.
  let f = await lastFrame(page);
  const canvas = await page.evaluate(() => [canvas.width, canvas.height]);
  checks.ok(canvas[0] === 1200 && canvas[1] === 750 && f.width === 1200 && f.height === 750,
            `the canvas has CSS size x devicePixelRatio pixels, and the frame fills it (canvas ${canvas}, frame ${f.width}x${f.height})`);
  await page.setViewportSize({ width: 700, height: 480 });
  await page.waitForFunction(() => { const l = window.safetynet.frameLog(); const x = l[l.length - 1]; return x.width === 1050 && x.height === 720; }, null, { timeout: 10000 }).catch(() => {});
  f = await lastFrame(page);
  checks.ok(f.width === 1050 && f.height === 720, `after a resize the next frame is painted at the new size (${f.width}x${f.height})`);
  await page.setViewportSize({ width: 800, height: 500 });
  await nextFrames(page, 3);

  // 2. Taps.
  const tap = async (id) => {
    const r = await widget(page, id);
    await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
    await nextFrames(page, 4);
  };
  await events(page);
  await tap('welcome.start');
  let s = await state(page);
  let seen = await events(page);
  checks.ok(s.screen === 'privacy', `a tap on Start opens the privacy notice (${s.screen})`);
  const start = seen.find((e) => e.type === 'touchstart'), end = seen.find((e) => e.type === 'touchend');
  checks.ok(start && !start.prevented && end && end.prevented,
            `a tap's touchstart is left to the browser, its touchend is cancelled (${JSON.stringify(seen)})`);
  checks.ok(!seen.some((e) => e.type.startsWith('mouse') || e.type === 'click'), 'no mouse events follow a tap');
  await tap('nav.next');
  s = await state(page);
  checks.ok(s.screen === 'question' && s.kiosk.position === 1, `then the first question (${JSON.stringify(s.kiosk)})`);

  // 3. A drag that starts on an answer scrolls the question's content (800 x 500 shows only the
  // first answer) and does not choose it.
  const cdp = await context.newCDPSession(page);
  const a0 = await widget(page, 'answer.0');
  const x = a0.x + a0.w / 2, y0 = a0.y + a0.h / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  await nextFrames(page, 2);
  for (let i = 1; i <= 6; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 - 20 * i }] });
    await nextFrames(page, 2);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await nextFrames(page, 4);
  const a0after = await page.evaluate(() => window.safetynet.widget('answer.0'));
  seen = await events(page);
  checks.ok(a0after && Math.abs((a0.y - a0after.y) - 120) <= 2, `a 120 px touch drag scrolls the content by 120 px (answer.0 at y ${a0.y} -> ${a0after && a0after.y})`);
  checks.ok(await page.locator('#a11y [role="radio"][aria-checked="true"]').count() === 0, 'the drag chose no answer');
  const moves = seen.filter((e) => e.type === 'touchmove');
  checks.ok(moves.length > 0 && !seen.some((e) => (e.type === 'touchstart' || e.type === 'touchmove') && e.prevented),
            `no touchstart or touchmove is cancelled: the browser keeps pinch-zoom (${moves.length} moves)`);
  checks.ok(await page.evaluate(() => getComputedStyle(canvas).touchAction) === 'pinch-zoom', 'the canvas allows pinch-zoom (touch-action)');

  // 4. The keyboard, from where the focus is.
  await page.waitForFunction(() => document.activeElement && /^H\d$/.test(document.activeElement.tagName), null, { timeout: 5000 }).catch(() => {});
  const from = await focused(page);
  await page.keyboard.press('Tab');
  await nextFrames(page, 2);
  const first = await focused(page);
  await page.keyboard.press('Tab');
  await nextFrames(page, 2);
  const second = await focused(page);
  await page.keyboard.press('Shift+Tab');
  await nextFrames(page, 2);
  const back = await focused(page);
  seen = await events(page);
  checks.ok(first && second && first !== second && back === first, `Tab, Tab, Shift+Tab: ${from} -> ${first} -> ${second} -> ${back}`);
  checks.ok(seen.filter((e) => e.key === 'Tab').every((e) => !e.prevented), 'Tab is left to the browser');
  // Back on the heading: a digit picks that answer, Enter goes on (both reach the program).
  await page.locator('#a11y h1, #a11y h2').first().focus();
  await nextFrames(page, 2);
  await page.keyboard.press('2');
  await nextFrames(page, 3);
  const chosen = await page.locator('#a11y [role="radio"][aria-checked="true"]').getAttribute('data-id').catch(() => null);
  checks.ok(chosen === 'answer.1', `the digit 2 picks the second answer (${chosen})`);
  await page.keyboard.press('Enter');
  await nextFrames(page, 3);
  s = await state(page);
  checks.ok(s.kiosk.position === 2, `Enter goes to the next question (position ${s.kiosk.position})`);
  await page.screenshot({ path: path.join(args.out, 'input-question-2.png') });
  // Chromium's intervention notice when a touchend after a scroll can no longer be cancelled is
  // expected (the program asks to cancel every touchend: html5.h tells it nothing of `cancelable`).
  const real = problems.filter((p) => !/Ignored attempt to cancel a touchend event with cancelable=false/.test(p));
  checks.ok(real.length === 0, `no page errors${real.length ? ': ' + real.join('; ') : ''}`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
