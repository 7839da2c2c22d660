// The kiosk in Vietnamese and in Simplified Chinese (issue 14): a patient touches the language by
// its own name on the welcome screen of a site that offers it; the catalog, the questions'
// wording (instruments/<id>.<lang>.json) and the fonts the texts need are fetched then, not in the
// first load; the whole screening is answered through role-and-name locators in that language
// (the names are the catalogs' and the translation files' text, what a screen reader reads), to
// the results; <html lang> follows; screenshots of the welcome, a question and the results are
// kept in build/e2e/languages-<lang>-*.png. Arabic, right to left, is e2e rtl.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, pollState, repoRoot, startServer } from './harness.mjs';
import { answerAhcToResults, instrument, press, settle, texts } from './a11y.mjs';
import { decodePng, pixelStats } from './png.mjs';

const args = parseArgs();
const checks = new Checks('e2e languages');
const server = await startServer(args.app);
const browser = await launch();
const site = JSON.parse(readFileSync(path.join(args.app, 'assets', 'site.json'), 'utf8'));
const nativeName = (code) => JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'i18n', 'languages.json'), 'utf8'))
  .languages.find((l) => l.code === code).native_name;
const paths = (requests) => requests.map((r) => new URL(r.url).pathname);

async function shot(page, lang, name) {
  await settle(page);
  await settle(page);  // glyphs asked for on one frame are in the atlas from the next
  const file = path.join(args.out, `languages-${lang}-${name}.png`);
  const stats = pixelStats(decodePng(await page.screenshot({ path: file })));
  checks.ok(stats.colours > 50, `${lang} ${name}: drawn (${stats.colours} colours), ${file}`);
}

async function screening(lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/assets/site.json', (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify({ ...site, languages: ['en', 'es', lang] }) }));
  try {
    const { page, requests, problems } = await openApp(context, server.url);
    const t = texts(lang);
    const q = instrument(site.instrument, lang);
    const button = (name) => page.getByRole('button', { name, exact: true });
    const radio = (id, k) => page.getByRole('radio', { name: q[id].options[k], exact: true });
    const next = () => press(page, button(t('kiosk.next')));
    const early = paths(requests).filter((p) => p.includes(`.${lang}.json`) || p.endsWith(`/${lang}.json`));
    checks.ok(early.length === 0, `${lang}: nothing of the language in the first load (${early.join(', ') || 'none'})`);

    await press(page, button(nativeName(lang)));
    const s = await pollState(page, (x) => x.lang === lang);
    checks.ok(s.ok, `${lang}: touching "${nativeName(lang)}" switches the kiosk (${s.state && s.state.lang})`);
    const fetched = paths(requests);
    checks.ok(fetched.includes(`/i18n/${lang}.json`) && fetched.includes(`/instruments/${site.instrument}.${lang}.json`),
              `${lang}: its catalog and the questions' wording were fetched then`);
    checks.ok(await page.evaluate(() => document.documentElement.lang) === lang, `${lang}: <html lang="${lang}">`);
    await shot(page, lang, '01-welcome');

    await press(page, button(t('welcome.start')));
    await press(page, button(t('kiosk.privacy.continue')));
    const heading = page.getByRole('heading', { name: `${q['71802-3'].prefix} ${q['71802-3'].text}`.trim(), exact: true });
    await heading.waitFor({ state: 'attached', timeout: 15000 }).catch(() => {});
    checks.ok(await heading.count() === 1, `${lang}: the first question is asked in the language ("${q['71802-3'].text}")`);
    await press(page, radio('71802-3', 1), ' ');
    checks.ok(await radio('71802-3', 1).getAttribute('aria-checked') === 'true', `${lang}: an answer chosen by its name`);
    await shot(page, lang, '02-question');
    await next();
    await answerAhcToResults(page, t, q);
    const results = await pollState(page, (x) => x.screen === 'results', { timeout: 20000 });
    checks.ok(results.ok, `${lang}: the screening reaches the results (${JSON.stringify(results.state)})`);
    checks.ok(results.state && results.state.lang === lang, `${lang}: still in the language at the results`);
    await shot(page, lang, '03-results');
    checks.ok(problems.length === 0, `${lang}: no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
  } finally {
    await context.close();
  }
}

try {
  for (const lang of ['vi', 'zh-Hans']) await screening(lang);
} catch (e) {
  checks.ok(false, `the language checks ran to the end: ${e.message}`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
