// Read aloud in the chosen language (issue #14 item 5): the kiosk reads a question with a voice
// for the person's language (the one tagged with it, else one of the same language: BCP 47's
// primary subtag), and where the device has none it says so plainly, on the screen and to a
// screen reader, instead of reading in an English voice. The page's speechSynthesis is replaced by
// one whose getVoices() lists English and Spanish voices and no Vietnamese one, and which records
// what it is asked to say.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, startServer } from './harness.mjs';
import { press, settle, texts } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e read aloud');
const server = await startServer(args.app);
const browser = await launch();
const site = JSON.parse(readFileSync(path.join(args.app, 'assets', 'site.json'), 'utf8'));
site.languages = ['en', 'es', 'vi'];

// Runs in the page before the app: the device's voices, and what was said with which voice.
function stubSpeech() {
  const voices = [
    { name: 'English (US)', lang: 'en-US' },
    { name: 'Español (España)', lang: 'es-ES' },
    { name: 'Español', lang: 'es' },
  ];
  window.__spoken = [];
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      getVoices: () => voices,
      speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
      cancel: () => {},
    },
  });
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/assets/site.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(site) }));
  await context.addInitScript(stubSpeech);
  const { page, problems } = await openApp(context, server.url);
  const spoken = () => page.evaluate(() => window.__spoken);
  const button = (name) => page.getByRole('button', { name, exact: true });

  // English, then Spanish: a voice of the language (the exact tag "es" before "es-ES").
  const en = texts('en');
  await press(page, button(en('welcome.start')));
  await press(page, button(en('kiosk.privacy.continue')));
  await press(page, button(en('kiosk.read_aloud')));
  let said = await spoken();
  checks.ok(said.length === 1 && said[0].voice === 'English (US)' && said[0].lang === 'en',
            `English is read with the English voice (${JSON.stringify(said.map((s) => [s.lang, s.voice]))})`);
  await press(page, button('Español'));
  const es = texts('es');
  await press(page, button(es('kiosk.read_aloud')));
  said = await spoken();
  checks.ok(said.length === 2 && said[1].voice === 'Español' && said[1].lang === 'es',
            `Spanish is read with the voice tagged "es" (${JSON.stringify(said.slice(1).map((s) => [s.lang, s.voice]))})`);

  // Vietnamese: no voice on this device. Nothing is read; the screen says so, and so does the
  // live region.
  await press(page, button('Tiếng Việt'));
  const vi = texts('vi');
  await press(page, button(vi('kiosk.read_aloud')));
  await settle(page);
  said = await spoken();
  checks.ok(said.length === 2, `Vietnamese is not read in another language's voice (${said.length} utterances)`);
  const note = vi('kiosk.read_aloud.no_voice');
  checks.ok(await page.locator('#a11y').getByText(note, { exact: true }).count() === 1, `the screen says "${note}"`);
  const heard = await page.waitForFunction((text) => document.getElementById('a11y-polite').textContent === text, note, { timeout: 5000 })
    .then(() => true, () => false);
  checks.ok(heard, 'and a screen reader hears it (the polite live region)');
  await page.screenshot({ path: path.join(args.out, 'read-aloud-no-voice.png') });
  checks.ok(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
