// The whole kiosk AHC HRSN screening as a keyboard and screen-reader user does it (issue #12), in
// English and in Spanish: every control found by its role and its name in the page's
// accessibility tree (Playwright getByRole, never the canvas's coordinates), operated with the
// keyboard alone, to the results, the take-home list, sharing and "Finish and clear". On every
// screen: the ARIA snapshot against its committed file (tests/e2e/aria/), axe-core with no
// serious or critical violation, every control at least 48 CSS px, the focus ring at 3:1 against
// both of its neighbours, and reflow at 640x400 and 320x256 CSS px (200 % and 400 % zoom): no two
// controls overlapping, every one brought into view when focused; at those sizes each screen
// reached by keyboard opens with its heading in view and focused. Then the high-contrast theme,
// Enter on Back, the idle warning heard with its countdown, and <html lang>.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, startServer, state } from './harness.mjs';
import { decodePng } from './png.mjs';
import { ariaSnapshot, axe, controls, instrument, overlaps, press, ringContrast, settle, smallTargets, texts, unreachable } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e a11y kiosk');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'safetynet-a11y-'));
const app = path.join(tmp, 'app');
cpSync(args.app, app, { recursive: true });
// Idle long enough for the slowest screen's checks; the idle test shortens it (page.route).
const site = JSON.parse(readFileSync(path.join(app, 'assets', 'site.json'), 'utf8'));
site.idle_timeout_seconds = 600;
writeFileSync(path.join(app, 'assets', 'site.json'), JSON.stringify(site));

const server = await startServer(app);
const browser = await launch();
const figures = [];  // per screen: accessible nodes against drawn controls, axe results

// The checks every screen gets. `full`: also targets, ring and reflow (the English run).
async function screen(page, name, { full = false, reflow = full } = {}) {
  await settle(page);
  const snap = await ariaSnapshot(page, name);
  checks.ok(snap.same, `${name}: the ARIA snapshot matches ${path.relative(process.cwd(), snap.file || name)}` +
            (snap.same ? '' : `\n--- expected\n${snap.want}\n--- got\n${snap.text}`));
  const a = await axe(page);
  checks.ok(a.bad.length === 0, `${name}: axe finds no serious or critical violation` +
            (a.bad.length ? ': ' + a.bad.map((v) => `${v.id} (${v.impact}: ${v.nodes.map((n) => n.target).join(' ')})`).join('; ') : ''));
  const list = await controls(page);
  const nodes = await page.evaluate(() => document.querySelectorAll('#a11y [data-id]:not(.sn-area)').length);
  const drawn = (await page.evaluate(() => window.safetynet.widgets())).length;
  figures.push({ name, nodes, controls: list.length, registered: drawn, axe_violations: a.all.length, axe_passes: a.passes });
  await page.screenshot({ path: path.join(args.out, `a11y-${name}.png`) });
  if (!full) return;
  const small = smallTargets(list);
  checks.ok(small.length === 0, `${name}: every control is at least 48 x 48 CSS px${small.length ? ': ' + small.join(', ') : ''}`);
  // The ring on the screen's first control and on its main action.
  const ids = [list.find((c) => !c.disabled && c.visible && !/^(lang|textsize|contrast)/.test(c.id)), list.find((c) => c.id === 'nav.next')]
    .filter(Boolean).map((c) => c.id);
  for (const id of new Set(ids)) {
    const r = await ringContrast(page, id);
    checks.ok(!r.error && r.outer >= 3 && r.inner >= 3,
              `${name}: the focus ring on ${id} is at least 3:1 against both sides (${r.error || `${r.outer.toFixed(2)} / ${r.inner.toFixed(2)}`})`);
  }
  if (!reflow) return;
  // Reflow (WCAG 1.4.10): 200 % and 400 % of a 1280x800 screen.
  for (const [w, h] of [[640, 400], [320, 256]]) {
    await page.setViewportSize({ width: w, height: h });
    await settle(page);
    await settle(page);
    const at = await controls(page);
    const over = overlaps(at);
    checks.ok(over.length === 0, `${name} at ${w}x${h}: no two controls overlap${over.length ? ': ' + over.join(', ') : ''}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    checks.ok(wide <= w, `${name} at ${w}x${h}: nothing to scroll sideways (${wide} px)`);
    const lost = await unreachable(page, at);
    checks.ok(lost.length === 0, `${name} at ${w}x${h}: every control comes into view when focused${lost.length ? '; not: ' + lost.join(', ') : ''}`);
    if (w === 320) await page.screenshot({ path: path.join(args.out, `a11y-${name}-320.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  await settle(page);
}

// One screening from the welcome screen to "Finish and clear", keyboard only, in `lang`.
async function screening(context, lang) {
  const t = texts(lang);
  const q = instrument('ahc-hrsn', lang);
  const full = lang === 'en';
  const { page, problems } = await openApp(context, server.url);
  await page.evaluate(() => { window.print = () => setTimeout(() => window.dispatchEvent(new Event('afterprint')), 0); });
  const button = (name) => page.getByRole('button', { name, exact: true });
  const radio = (id, k) => page.getByRole('radio', { name: q[id].options[k], exact: true });
  const checkbox = (id, k) => page.getByRole('checkbox', { name: q[id].options[k], exact: true });
  const heading = (name) => page.getByRole('heading', { name, exact: true });
  const next = () => press(page, button(t('kiosk.next')));
  const s = (name) => `kiosk-${lang}-${name}`;

  if (lang !== 'en') await press(page, page.getByRole('button', { name: 'Español' }));
  checks.ok(await page.evaluate(() => document.documentElement.lang) === lang, `${lang}: <html lang="${lang}">`);
  if (full) {
    // Pinch-zoom is allowed (issue #12 item 8: the viewport tag forbade it): no user-scalable=no,
    // no maximum-scale below 5; axe's meta-viewport rule (WCAG 1.4.4) passes.
    const vp = await page.evaluate(() => document.querySelector('meta[name=viewport]').content);
    const max = /maximum-scale\s*=\s*([\d.]+)/.exec(vp);
    checks.ok(!/user-scalable\s*=\s*(no|0)/.test(vp) && (!max || Number(max[1]) >= 5), `pinch-zoom is allowed ("${vp}")`);
    checks.ok((await axe(page)).passed.includes('meta-viewport'), 'axe: meta-viewport passes');
  }
  await screen(page, s('01-welcome'), { full });
  await press(page, button(t('welcome.start')));
  await screen(page, s('02-privacy'), { full });
  await press(page, button(t('kiosk.privacy.continue')));

  const question = `${q['71802-3'].prefix} ${q['71802-3'].text}`;
  checks.ok(await heading(question).count() === 1, `${lang}: the first question is the screen's heading`);
  await press(page, radio('71802-3', 1), ' ');
  checks.ok(await radio('71802-3', 1).getAttribute('aria-checked') === 'true', `${lang}: Space chooses a radio`);
  await screen(page, s('03-question-1'), { full });
  await next();
  await press(page, checkbox('96778-6', 0), ' ');
  await press(page, checkbox('96778-6', 1), ' ');
  await screen(page, s('04-question-2'), { full });
  // Enter on Back goes back, not forward.
  await press(page, button(t('kiosk.back')));
  checks.ok(await heading(question).count() === 1, `${lang}: Enter on Back goes back to the first question`);
  await next();
  checks.ok(await checkbox('96778-6', 1).getAttribute('aria-checked') === 'true', `${lang}: the answers are kept`);
  await next();
  await press(page, radio('88122-7', 0), ' ');
  await next();
  await press(page, radio('88123-5', 2), ' ');
  await next();
  await press(page, radio('93030-5', 0), ' ');
  await next();
  await press(page, button(t('kiosk.prefer_not')));
  checks.ok(await button(t('kiosk.prefer_not')).getAttribute('aria-pressed') === 'true', `${lang}: "prefer not to answer" says it is on`);
  await screen(page, s('05-prefer-not'), { full });
  await next();
  await screen(page, s('06-safety-intro'), { full });
  await next();
  for (const [id, k] of [['95618-5', 3], ['95617-7', 3], ['95616-9', 2], ['95615-1', 2]]) {
    await press(page, radio(id, k), ' ');
    if (id === '95618-5') await screen(page, s('07-question-7'), { full });
    await next();
  }
  await screen(page, s('08-review'), { full });
  // Change one answer: the Change button of that question's group.
  await press(page, page.getByRole('group', { name: q['93030-5'].text, exact: true }).getByRole('button', { name: t('kiosk.review.change') }));
  await press(page, radio('93030-5', 1), ' ');
  await next();
  await press(page, button(t('kiosk.review.done')));
  await screen(page, s('09-location'), { full });
  for (const d of '95116') await press(page, button(d));
  await press(page, button(t('kiosk.location.continue')));

  // The results: the crisis card first, in view; the take-home actions before the long list.
  await page.getByRole('region', { name: t('kiosk.results.urgent_title') }).waitFor({ timeout: 20000 });
  const top = await page.getByRole('region', { name: t('kiosk.results.urgent_title') }).boundingBox();
  checks.ok(top && top.y >= 0 && top.y < 200, `${lang}: the results open at their top, the crisis card in view (y ${top && Math.round(top.y)})`);
  await screen(page, s('10-results'), { full });
  await press(page, button(t('kiosk.results.print')));
  await press(page, button(t('kiosk.results.qr')));
  const qr = page.getByRole('dialog', { name: t('kiosk.qr.title') });
  checks.ok(await qr.count() === 1, `${lang}: "Send to my phone" opens a dialog`);
  checks.ok(await qr.getByRole('img', { name: t('kiosk.qr.image') }).count() === 1, `${lang}: its QR code is named in words`);
  await screen(page, s('11-qr'), { full });
  await page.keyboard.press('Escape');
  await settle(page);
  checks.ok(await qr.count() === 0, `${lang}: Escape closes the dialog`);
  await press(page, button(t('kiosk.results.share')));
  await screen(page, s('12-share'), { full });
  await press(page, button(t('kiosk.share.yes')));
  const code = page.getByRole('paragraph').filter({ hasText: t('kiosk.results.code', { code: '' }).split(' ')[0] });
  checks.ok(await page.locator('#a11y').getByText(t('kiosk.results.shared'), { exact: true }).count() === 1, `${lang}: sharing is confirmed in words`);
  await screen(page, s('13-shared'), { full });
  await press(page, button(t('kiosk.results.finish')));
  const confirm = page.getByRole('alertdialog', { name: t('kiosk.confirm.title') });
  checks.ok(await confirm.count() === 1, `${lang}: "Finish and clear" asks first`);
  await screen(page, s('14-confirm'), { full });
  await press(page, confirm.getByRole('button', { name: t('kiosk.confirm.yes') }));
  checks.ok(await heading(t('kiosk.finished.title')).count() === 1, `${lang}: then thanks the person`);
  // The thank-you returns to the welcome by itself after a few seconds: no time for reflow here
  // (the welcome's reflow is checked first thing).
  await screen(page, s('15-finished'), { full, reflow: false });
  void code;
  checks.ok(problems.length === 0, `${lang}: no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
  await page.close();
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await screening(context, 'en');
  await screening(context, 'es');

  // Zoomed to 200 % and 400 % (640x400 and 320x256 CSS px), each screen reached by keyboard
  // opens at its top: its heading in view and holding the focus (not the nav bar's button that
  // was pressed, which keeps its id from screen to screen), so Tab goes on to the question's
  // answers before the nav bar (issue #12 item 8).
  for (const [w, h] of [[640, 400], [320, 256]]) {
    const small = await browser.newContext({ viewport: { width: w, height: h } });
    const { page } = await openApp(small, server.url);
    const t = texts('en');
    const q = instrument('ahc-hrsn', 'en');
    const opens = async (name, what) => {
      await settle(page);
      await settle(page);
      const head = page.getByRole('heading', { name, exact: true });
      const box = await head.boundingBox();
      checks.ok(box && box.y >= -0.5 && box.y + box.height <= h + 0.5,
                `${w}x${h}: ${what} opens with its heading in view (y ${box && Math.round(box.y)}, h ${box && Math.round(box.height)})`);
      const focus = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
      checks.ok(focus === name, `${w}x${h}: ${what}: the focus is on its heading ("${focus}")`);
    };
    await press(page, page.getByRole('button', { name: t('welcome.start'), exact: true }));
    await opens(t('kiosk.privacy.title'), 'the privacy screen');
    await press(page, page.getByRole('button', { name: t('kiosk.privacy.continue'), exact: true }));
    await opens(`${q['71802-3'].prefix} ${q['71802-3'].text}`, 'the first question');
    await page.keyboard.press('Tab');
    await settle(page);
    const after = await page.evaluate(() => { const e = document.activeElement; return e && (e.getAttribute('aria-label') || e.textContent); });
    checks.ok(after === t('kiosk.read_aloud') || q['71802-3'].options.includes(after),
              `${w}x${h}: Tab from the question's heading goes to Read aloud or its first answer ("${after}")`);
    await page.screenshot({ path: path.join(args.out, `a11y-kiosk-question-opens-${w}.png`) });
    await press(page, page.getByRole('button', { name: t('kiosk.skip'), exact: true }));
    await opens(`${q['96778-6'].prefix} ${q['96778-6'].text}`, 'the second question');
    await small.close();
  }

  // A site with more than three languages folds them behind one disclosure on a question. Open,
  // the disclosure and the current language's button must not both read "Español": the
  // disclosure says it is the language chooser and which language is on, as it shows.
  {
    const many = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await many.route('**/assets/site.json', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ ...site, languages: ['en', 'es', 'vi', 'zh-Hans'] }) }));
    const { page } = await openApp(many, server.url);
    const t = texts('es');
    await press(page, page.getByRole('button', { name: 'Español', exact: true }));
    await press(page, page.getByRole('button', { name: t('welcome.start'), exact: true }));
    await press(page, page.getByRole('button', { name: t('kiosk.privacy.continue'), exact: true }));
    const menu = page.getByRole('button', { name: t('lang.menu', { language: 'Español' }), exact: true });
    checks.ok(await menu.getAttribute('aria-expanded') === 'false', 'many languages: a question shows "Idioma: Español", a closed disclosure');
    await press(page, menu);
    checks.ok(await menu.getAttribute('aria-expanded') === 'true', 'Enter opens it');
    const spanish = page.getByRole('button', { name: 'Español', exact: true });
    checks.ok(await spanish.count() === 1 && await spanish.getAttribute('aria-pressed') === 'true',
              'open: one control is named "Español" (the current language, pressed), the disclosure another');
    const visible = await menu.evaluate((el) => el.textContent);
    checks.ok(visible === t('lang.menu', { language: 'Español' }), `the disclosure's name is its visible label ("${visible}")`);
    await screen(page, 'kiosk-es-language-menu');
    await page.screenshot({ path: path.join(args.out, 'a11y-kiosk-language-menu.png') });
    await many.close();
  }

  // High contrast: the ring and axe on the welcome and a question.
  {
    const { page } = await openApp(context, server.url);
    const t = texts('en');
    await press(page, page.getByRole('button', { name: t('contrast.high') }));
    checks.ok(await page.getByRole('button', { name: t('contrast.high') }).getAttribute('aria-pressed') === 'true', 'high contrast says it is on');
    const r = await ringContrast(page, 'welcome.start');
    checks.ok(!r.error && r.outer >= 3 && r.inner >= 3, `high contrast: the focus ring is at least 3:1 on both sides (${r.error || `${r.outer.toFixed(2)} / ${r.inner.toFixed(2)}`})`);
    const a = await axe(page);
    checks.ok(a.bad.length === 0, `high contrast: axe finds no serious or critical violation${a.bad.length ? ': ' + a.bad.map((v) => v.id).join(', ') : ''}`);
    await page.screenshot({ path: path.join(args.out, 'a11y-kiosk-high-contrast.png') });
    await page.close();
  }

  // Forced colours (Windows High Contrast) -> the high-contrast theme, from the first frame and
  // when the system's setting changes while the app runs (web/mirror.js's media-query listener);
  // reduced motion -> the page's loading bar does not move (web/shell.css).
  {
    const fc = await browser.newContext({ viewport: { width: 1280, height: 800 }, forcedColors: 'active', reducedMotion: 'reduce' });
    const { page } = await openApp(fc, server.url);
    const t = texts('en');
    const contrast = page.getByRole('button', { name: t('contrast.high') });
    const on = async () => (await state(page)).high_contrast === true && await contrast.getAttribute('aria-pressed') === 'true';
    // The theme follows the media query within a few frames (the mirror's listener, then the
    // app's frame, then the mirror's update): poll for it, up to 10 s.
    const becomes = async (want) => {
      for (let i = 0; i < 100; ++i) {
        if (await on() === want) return true;
        await settle(page);
      }
      return false;
    };
    checks.ok(await becomes(true), 'forced-colors: active: the app opens in its high-contrast theme, and its button says so');
    const moves = await page.evaluate(() => getComputedStyle(document.getElementById('loading-bar')).transitionDuration);
    checks.ok(moves === '0s', `prefers-reduced-motion: reduce: the loading bar does not move (transition ${moves})`);
    await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
    checks.ok(await becomes(false), 'forced colours turned off: the normal theme again');
    const moving = await page.evaluate(() => getComputedStyle(document.getElementById('loading-bar')).transitionDuration);
    checks.ok(moving !== '0s', `without the preference the loading bar moves (transition ${moving})`);
    await page.emulateMedia({ forcedColors: 'active' });
    checks.ok(await becomes(true), 'forced colours turned on while the app runs: high contrast at once');
    const a = await axe(page);
    checks.ok(a.bad.length === 0, `forced colours: axe finds no serious or critical violation${a.bad.length ? ': ' + a.bad.map((v) => v.id).join(', ') : ''}`);
    // The whole page took the theme's colour: the bottom row, where no widget changed, too (a
    // partial paint once left a strip of the old colour there).
    const img = decodePng(await page.screenshot({ path: path.join(args.out, 'a11y-kiosk-forced-colors.png') }));
    const px = (x, y) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)).join(',');
    checks.ok(px(640, img.height - 2) === px(640, 600),
              `forced colours: the page's colour reaches the bottom edge (${px(640, img.height - 2)} = ${px(640, 600)})`);
    await fc.close();
  }

  // The idle warning is heard: an alert dialog, an assertive announcement with the countdown,
  // and "I am still here" reachable by keyboard. The site's idle timeout is shortened here.
  {
    const idle = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    await idle.route('**/assets/site.json', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ ...site, idle_timeout_seconds: 15, idle_warning_seconds: 30 }) }));
    const { page } = await openApp(idle, server.url);
    const t = texts('en');
    await page.waitForFunction(() => window.safetynet.state().site !== 'SafetyNet', null, { timeout: 10000 });
    await press(page, page.getByRole('button', { name: t('welcome.start') }));
    const dialog = page.getByRole('alertdialog', { name: t('kiosk.idle.title') });
    await dialog.waitFor({ timeout: 20000 });
    const said = await page.locator('#a11y-assertive').textContent();
    checks.ok(/\d+ seconds/.test(said) && said.includes(t('kiosk.idle.title')), `the idle warning is said at once, with its countdown ("${said}")`);
    checks.ok(await page.evaluate(() => document.activeElement && document.activeElement.textContent) === t('kiosk.idle.stay'),
              'the focus moves to "I am still here"');
    await page.keyboard.press('Enter');
    await settle(page);
    checks.ok(await dialog.count() === 0 && (await state(page)).screen === 'privacy', '"I am still here" (Enter) keeps the session');
    await idle.close();
  }
  console.log('a11y figures: ' + JSON.stringify(figures));
  writeFileSync(path.join(args.out, 'a11y-kiosk-figures.json'), JSON.stringify(figures, null, 1));
} finally {
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
checks.done();
