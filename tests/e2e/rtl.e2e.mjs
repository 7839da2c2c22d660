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
import { Checks, click, launch, openApp, parseArgs, pollState, startServer } from './harness.mjs';
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

// The staff workspace in Arabic: a site that runs the clinic's workspace (the staff program, which
// has the shaper) offers العربية in the top bar's language disclosure; staff switch to it by
// keyboard; <html dir="rtl" lang="ar">; the set-up form's controls found by role and Arabic name,
// the top bar starting at the right; no two controls overlap, none leaves the screen, at 1280 and
// at 320 CSS px wide; screenshots build/e2e/rtl-workspace-*.png.
async function workspace() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const staffSite = { ...site, mode: 'clinic' };
  await context.route('**/assets/site.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(staffSite) }));
  const { page, problems } = await openApp(context, server.url);
  // The kiosk program reads site.json and starts the staff program: a read may meet the old page going.
  const read = (p) => p.evaluate(() => (window.safetynet && window.safetynet.ready() ? window.safetynet.state() : null)).catch(() => null);
  const s = await pollState(page, (x) => x && x.mode === 'clinic' && x.workspace, { timeout: 90000, read });
  checks.ok(s.ok, `site.json's "mode": "clinic" opens the clinic's workspace (${s.state && s.state.mode})`);
  const en = texts('en'), t = texts('ar');
  const button = (name) => page.getByRole('button', { name, exact: true });
  await button(en('ws.setup.create')).waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
  await press(page, button(en('lang.menu', { language: 'English' })));
  await press(page, button('العربية'));
  const arabic = await pollState(page, (x) => x && x.lang === 'ar', { read });
  checks.ok(arabic.ok, `"${en('lang.menu', { language: 'English' })}", then "العربية", by keyboard: the workspace is in Arabic`);
  const create = button(t('ws.setup.create'));
  await create.waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
  checks.ok(await create.count() === 1, `the set-up button is there by role and its Arabic name ("${t('ws.setup.create')}")`);
  await settle(page);
  const html = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
  checks.ok(html.dir === 'rtl' && html.lang === 'ar', `the workspace: <html dir="${html.dir}" lang="${html.lang}">`);
  const menu = await button(t('lang.menu', { language: 'العربية' })).boundingBox();
  checks.ok(menu && menu.x + menu.width > 1280 - 60, `the top bar starts at the right: "${t('lang.menu', { language: 'العربية' })}" ends at x ${menu && Math.round(menu.x + menu.width)}`);
  const field = await page.getByRole('textbox', { name: t('ws.setup.pass'), exact: true }).boundingBox();
  const go = await create.boundingBox();
  checks.ok(field && go && Math.abs(go.x + go.width - (field.x + field.width)) < 2 && go.x > field.x + field.width / 2,
            `the button ends at the fields' right edge (button ${go && Math.round(go.x)}-${go && Math.round(go.x + go.width)}, field ${field && Math.round(field.x)}-${field && Math.round(field.x + field.width)})`);
  for (const [w, h, name] of [[1280, 800, 'workspace-01-setup'], [320, 568, 'workspace-02-setup-320']]) {
    await page.setViewportSize({ width: w, height: h });
    await settle(page);
    await settle(page);
    const list = await controls(page);
    const over = overlaps(list);
    checks.ok(over.length === 0, `${w} wide: no two controls of the Arabic workspace overlap${over.length ? ': ' + over.join(', ') : ''}`);
    const outside = list.filter((c) => c.full.x < -0.5 || c.full.x + c.full.w > w + 0.5).map((c) => c.id);
    checks.ok(outside.length === 0, `${w} wide: every control is inside the screen's width${outside.length ? ': ' + outside.join(', ') : ''}`);
    await shot(page, name);
  }
  // Set up by keyboard under the Arabic labels, then the dashboard: the tabs read from the right.
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  for (const key of ['ws.setup.pass', 'ws.setup.pass2']) {
    const f = page.getByRole('textbox', { name: t(key), exact: true });
    await f.focus();
    await settle(page);
    await f.fill('');
    await page.keyboard.type('clinic passphrase 1');
    await settle(page);
  }
  await press(page, create);
  const ready = await pollState(page, (x) => x && x.workspace && x.workspace.store === 'unlocked' && !x.workspace.saving, { timeout: 90000, read });
  checks.ok(ready.ok, `set up in Arabic: the encrypted store is unlocked (${ready.state && ready.state.workspace && ready.state.workspace.store})`);
  await press(page, page.getByRole('tab', { name: t('ws.tab.dashboard'), exact: true }));
  const dash = await pollState(page, (x) => x && x.workspace && x.workspace.tab === 'dashboard', { read });
  checks.ok(dash.ok, `"${t('ws.tab.dashboard')}" by keyboard opens the dashboard`);
  const first = await page.getByRole('tab', { name: t('ws.tab.screenings'), exact: true }).boundingBox();
  const second = await page.getByRole('tab', { name: t('ws.tab.refer'), exact: true }).boundingBox();
  checks.ok(first && second && first.x >= second.x + second.width - 0.5 && first.x + first.width > 1280 - 60,
            `the tabs read from the right: "${t('ws.tab.screenings')}" (x ${first && Math.round(first.x)}) right of "${t('ws.tab.refer')}" (x ${second && Math.round(second.x)})`);
  const over = overlaps(await controls(page));
  checks.ok(over.length === 0, `the Arabic dashboard: no two controls overlap${over.length ? ': ' + over.join(', ') : ''}`);
  await shot(page, 'workspace-03-dashboard');
  // An assisted screening, then the referral screen: its distance slider runs from the right (the
  // smallest value at the right end; the left arrow increases it, as a range input does under
  // dir="rtl"); then the referrals, contacts and settings, each looked at.
  await click(page, 'tab.screenings');
  await click(page, 'screen.start.ahc-hrsn');
  await click(page, 'q.88122-7.0');
  await click(page, 'assisted.finish');
  const refer = await pollState(page, (x) => x && x.workspace && x.workspace.tab === 'refer', { read });
  checks.ok(refer.ok, 'the finished assisted screening opens the referral screen');
  await click(page, 'need.food-insecurity');
  const slider = page.getByRole('slider', { name: t('ws.filter.radius'), exact: true });
  await slider.waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
  checks.ok(await slider.count() === 1, `the distance filter is a slider named "${t('ws.filter.radius')}"`);
  const now = async () => Number(await slider.getAttribute('aria-valuenow'));
  const start = await now();
  await press(page, slider, 'ArrowLeft');
  const left = await now();
  await press(page, slider, 'ArrowRight');
  await press(page, slider, 'ArrowRight');
  const right = await now();
  checks.ok(left === start + 1 && right === start - 1,
            `right to left the left arrow increases the distance and the right arrow decreases it (${start} -> ${left} -> ${right})`);
  checks.ok((await slider.getAttribute('aria-valuetext') || '').length > 0 && !/\bmi\b/.test(await slider.getAttribute('aria-valuetext')),
            `the slider says its distance in Arabic ("${await slider.getAttribute('aria-valuetext')}")`);
  await press(page, slider, 'End');
  const largest = await page.evaluate(() => window.safetynet.widget('filter.radius'));
  await shot(page, 'workspace-04-refer');
  // The slider's grab is the most saturated column of its middle row (the track is a flat
  // frame colour, the value's text dark).
  const strip = decodePng(await page.screenshot({ clip: { x: largest.x, y: largest.y + Math.floor(largest.h / 2), width: largest.w, height: 1 } }));
  let best = -1, at = -1;
  for (let x = 2; x < strip.width - 2; x++) {
    const d = strip.data.subarray(x * 4, x * 4 + 3);
    const sat = Math.max(...d) - Math.min(...d);
    if (sat > best) { best = sat; at = x; }
  }
  const grab = at / strip.width;
  checks.ok(grab < 0.25, `at its largest value (End) the slider's grab is at its left end (at ${Math.round(grab * 100)} % of its width from the left)`);
  for (const [tab, name] of [['tab.referrals', 'workspace-05-referrals'], ['tab.contacts', 'workspace-06-contacts'], ['tab.settings', 'workspace-07-settings']]) {
    await click(page, tab);
    const o = overlaps(await controls(page));
    checks.ok(o.length === 0, `the Arabic ${tab.slice(4)}: no two controls overlap${o.length ? ': ' + o.join(', ') : ''}`);
    await shot(page, name);
  }
  // The kiosk program starting the staff program cuts its own requests short (net::ERR_ABORTED).
  const errors = problems.filter((p) => !p.includes('net::ERR_ABORTED'));
  checks.ok(errors.length === 0, `the workspace: no page errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  await context.close();
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/assets/site.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(site) }));
  const { page, requests, problems } = await openApp(context, server.url);
  checks.ok(programs(requests).join() === '/safetynet.wasm', `the first load fetches the kiosk program only (${programs(requests).join(', ')})`);
  const arabic = (await page.evaluate(() => window.safetynet.core.languages())).some((l) => l.code === 'ar');
  if (arabic) {
    await screening(page, requests, problems);
    await workspace();
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
