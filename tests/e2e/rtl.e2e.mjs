// The kiosk in Arabic, right to left (issue 14): the first load is the kiosk program without the
// text shaper; a patient touches "العربية" on the welcome screen (a site that offers Arabic) and
// the page starts again, in Arabic, in the program that has it (safetynet-rtl.wasm). Then
// <html dir="rtl" lang="ar">, the screening to the results through role-and-name locators (the
// names are the catalogs' logical text, what a screen reader reads), the nav bar mirrored (Back
// on the right), and screenshots of the welcome, a question and the results kept in
// build/e2e/rtl-*.png. Where the app has no Arabic catalog yet, the Arabic screens are skipped
// (said so) and only the program choice is checked: opened with ?lang=ar the loader picks the
// program with the shaper.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, pollState, startServer } from './harness.mjs';
import { answerAhcToResults, controls, instrument, overlaps, press, settle, texts } from './a11y.mjs';
import { decodePng, pixelStats } from './png.mjs';

const args = parseArgs();
const checks = new Checks('e2e rtl');
const server = await startServer(args.app);
const browser = await launch();
// The programs a page fetched, in order.
const programs = (requests) => requests.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('.wasm'));
// A site that offers Arabic beside English and Spanish.
const site = JSON.parse(readFileSync(path.join(args.app, 'assets', 'site.json'), 'utf8'));
site.languages = ['en', 'es', 'ar'];

async function shot(page, name) {
  await settle(page);
  await settle(page);  // glyphs asked for on one frame are in the atlas from the next
  const file = path.join(args.out, `rtl-${name}.png`);
  const stats = pixelStats(decodePng(await page.screenshot({ path: file })));
  checks.ok(stats.colours > 50, `${name}: drawn (${stats.colours} colours), ${file}`);
}

async function screening(page, requests, problems) {
  const t = texts('ar');
  const q = instrument('ahc-hrsn', 'ar');
  const button = (name) => page.getByRole('button', { name, exact: true });
  const radio = (id, k) => page.getByRole('radio', { name: q[id].options[k], exact: true });
  const next = () => press(page, button(t('kiosk.next')));

  // By its own name, as a patient finds it.
  // The press starts the page again (the program with the shaper): no settling after it.
  const arabic = button('العربية');
  await arabic.waitFor({ state: 'attached', timeout: 15000 });
  await arabic.focus();
  await settle(page);
  await Promise.all([page.waitForURL(/[?&]lang=ar/, { timeout: 15000 }), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => window.safetynet && window.safetynet.ready(), null, { timeout: 60000 });
  const s = await pollState(page, (x) => x.lang === 'ar');
  checks.ok(s.ok && s.state.screen === 'welcome', `touching العربية starts the welcome screen again in Arabic (${JSON.stringify(s.state)})`);
  checks.ok(programs(requests).join() === '/safetynet.wasm,/safetynet-rtl.wasm',
            `then the program with the shaper is loaded (${programs(requests).join(', ')})`);
  await settle(page);
  const html = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
  checks.ok(html.dir === 'rtl' && html.lang === 'ar', `<html dir="${html.dir}" lang="${html.lang}">`);
  await shot(page, '01-welcome');
  // The header and the welcome are mirrored: the site's name at the right, where reading
  // starts, then the languages, the text sizes and contrast leftwards; Staff at the bottom right.
  const box = (name) => button(name).boundingBox();
  const english = await box('English'), contrast = await box(t('contrast.high')), staff = await box(t('staff.open'));
  checks.ok(english && contrast && english.x > contrast.x + contrast.width,
            `the header is mirrored: "English" (x ${english && Math.round(english.x)}) right of "${t('contrast.high')}" (x ${contrast && Math.round(contrast.x)})`);
  const name = await page.locator('#a11y [role=banner] p').first().boundingBox();
  checks.ok(name && english && name.x > english.x + english.width && name.x + name.width > 1280 - 60,
            `the site's name is at the right edge, before the controls (x ${name && Math.round(name.x)} to ${name && Math.round(name.x + name.width)})`);
  checks.ok(staff && staff.x > 640, `"${t('staff.open')}" is at the bottom right (x ${staff && Math.round(staff.x)})`);

  await press(page, button(t('welcome.start')));
  await press(page, button(t('kiosk.privacy.continue')));
  await press(page, radio('71802-3', 1), ' ');
  checks.ok(await radio('71802-3', 1).getAttribute('aria-checked') === 'true', 'Space chooses an answer, found by its Arabic name');
  const back = await button(t('kiosk.back')).boundingBox();
  const forward = await button(t('kiosk.next')).boundingBox();
  checks.ok(back && forward && back.x > forward.x + forward.width / 2, `the nav bar is mirrored: Back (x ${back && Math.round(back.x)}) right of Next (x ${forward && Math.round(forward.x)})`);
  await shot(page, '02-question');
  // No two controls overlap, and the progress line stays clear of Read aloud (it ran under it),
  // at 1280 and at 320 CSS px wide.
  for (const [w, h] of [[1280, 800], [320, 568]]) {
    await page.setViewportSize({ width: w, height: h });
    await settle(page);
    await settle(page);
    const over = overlaps(await controls(page));
    checks.ok(over.length === 0, `${w} wide: no two controls of the question overlap${over.length ? ': ' + over.join(', ') : ''}`);
    const read = await button(t('kiosk.read_aloud')).boundingBox();
    const line = await page.locator('#a11y p').filter({ hasText: t('kiosk.progress', { n: 1, total: 10 }).split(' ')[0] }).first().boundingBox();
    const apart = read && line && (line.x >= read.x + read.width - 0.5 || line.x + line.width <= read.x + 0.5 ||
                                   line.y >= read.y + read.height - 0.5 || line.y + line.height <= read.y + 0.5);
    checks.ok(apart, `${w} wide: the progress line (${JSON.stringify(line)}) does not overlap Read aloud (${JSON.stringify(read)})`);
    if (w === 320) await shot(page, '02-question-320');
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  await next();
  await answerAhcToResults(page, t, q);
  const results = await pollState(page, (x) => x.screen === 'results', { timeout: 20000 });
  checks.ok(results.ok, `the screening reaches the results in Arabic (${JSON.stringify(results.state)})`);
  await shot(page, '03-results');
  checks.ok(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/assets/site.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(site) }));
  const { page, requests, problems } = await openApp(context, server.url);
  checks.ok(programs(requests).join() === '/safetynet.wasm', `the first load fetches the kiosk program only (${programs(requests).join(', ')})`);
  const arabic = (await page.evaluate(() => window.safetynet.core.languages())).some((l) => l.code === 'ar');
  if (arabic) {
    await screening(page, requests, problems);
  } else {
    console.log('skipped: the Arabic screens: the app has no Arabic catalog yet (assets/i18n/*.ar.json); checking the program choice only');
    const direct = await openApp(context, `${server.url}?lang=ar`);
    checks.ok(programs(direct.requests).join() === '/safetynet-rtl.wasm',
              `opened with ?lang=ar, the loader picks the program with the shaper (${programs(direct.requests).join(', ')})`);
    checks.ok(direct.problems.length === 0, `it starts without errors${direct.problems.length ? ': ' + direct.problems.join('; ') : ''}`);
  }
} finally {
  await browser.close();
  server.stop();
}
checks.done();
