// A virtual screen reader (@guidepup/virtual-screen-reader, run in the page) reads the first kiosk
// question of the AHC HRSN through the DOM mirror (issue #12): it must announce the progress, the
// question, and each answer as a radio with its position in the group and whether it is checked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, repoRoot, startServer } from './harness.mjs';
import { instrument, press, settle, texts } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e a11y reader');
const server = await startServer(args.app);
const browser = await launch();
const bundle = readFileSync(path.join(repoRoot, 'node_modules', '@guidepup', 'virtual-screen-reader', 'lib', 'esm', 'index.browser.js'));
const t = texts('en');
const q = instrument('ahc-hrsn', 'en')['71802-3'];

try {
  // The reader's module is served beside the app for this test only (the service worker is kept
  // out so the route answers).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.route('**/__virtual-screen-reader.js', (route) => route.fulfill({ contentType: 'text/javascript', body: bundle }));
  await context.route('**/__reader-start.js', (route) => route.fulfill({
    contentType: 'text/javascript', body: "import { virtual } from './__virtual-screen-reader.js'; window.__reader = virtual;" }));
  const { page, problems } = await openApp(context, server.url);
  await press(page, page.getByRole('button', { name: t('welcome.start'), exact: true }));
  await press(page, page.getByRole('button', { name: t('kiosk.privacy.continue'), exact: true }));
  await page.getByRole('heading', { name: `${q.prefix} ${q.text}`, exact: true }).waitFor({ timeout: 15000 });
  await settle(page);

  // From the app's own origin: its Content-Security-Policy allows no inline script.
  await page.addScriptTag({ type: 'module', url: '__reader-start.js' });
  await page.waitForFunction(() => window.__reader, null, { timeout: 10000 });
  const spoken = await page.evaluate(async () => {
    const reader = window.__reader;
    await reader.start({ container: document.querySelector('#a11y main') || document.querySelector('#a11y') });
    for (let i = 0; i < 60; i++) {
      await reader.next();
      const log = await reader.spokenPhraseLog();
      if (/^end of main/.test(log[log.length - 1] || '')) break;
    }
    const log = await reader.spokenPhraseLog();
    await reader.stop();
    return log;
  });
  const said = spoken.join('\n');
  console.log(said);
  const progress = t('kiosk.progress', { n: '1', total: '10' });
  checks.ok(spoken.some((s) => s.includes(progress)), `the reader says the progress ("${progress}")`);
  checks.ok(spoken.some((s) => s.startsWith('heading') && s.includes(q.text)), 'the reader says the question as a heading');
  checks.ok(spoken.some((s) => s.startsWith('radiogroup') && s.includes(q.text)), 'the answers are announced as a group named by the question');
  q.options.forEach((o, k) => {
    const line = spoken.find((s) => s.startsWith('radio,') && s.includes(o));
    checks.ok(line && line.includes(`position ${k + 1}, set size ${q.options.length}`) && line.includes('not checked'),
              `answer ${k + 1} is a radio with its position and state ("${line}")`);
  });
  checks.ok(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
checks.done();
