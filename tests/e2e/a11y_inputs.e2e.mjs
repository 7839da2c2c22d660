// Real text inputs over the canvas's text fields (issue #12, item 3), on the clinic's set-up
// screen in a touch browser: a tap on a field leaves the focus on an INPUT (what opens a tablet's
// on-screen keyboard); accented text and an IME composition (CDP Input.imeSetComposition) reach
// the app; a passphrase field is type=password with no autocomplete; and when the field closes
// the page's input is empty again (what was typed stays in the app only). Then a kiosk's
// free-text answer (PRAPARE's address) open in its <input> when the idle wipe comes: the page
// holds none of it afterwards, and neither does the app (the same question opens empty).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Checks, launch, openApp, parseArgs, pollState, startServer } from './harness.mjs';
import { press, settle, texts } from './a11y.mjs';

const args = parseArgs();
const checks = new Checks('e2e a11y inputs');
const server = await startServer(args.app);
const browser = await launch();
const t = texts('en');

// The mirror's element for a widget id, and what the page's focus is on.
const field = (page, id) => page.locator(`#a11y [data-id="${id}"]`);
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? { tag: a.tagName, id: a.dataset ? a.dataset.id : undefined, value: a.value } : null;
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, isMobile: false });
  const { page, problems } = await openApp(context, `${server.url}#clinic`);
  const name = page.getByLabel(t('ws.setup.name'), { exact: true });
  await name.waitFor({ state: 'attached', timeout: 20000 });
  await settle(page);

  // A tap (a touch event, not a click) on the field.
  const box = await name.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await settle(page);
  const a = await active(page);
  checks.ok(a && (a.tag === 'INPUT' || a.tag === 'TEXTAREA') && a.id === 'setup.name',
            `a tap on "${t('ws.setup.name')}" puts the focus on a real input (${JSON.stringify(a)})`);

  // Typed text with accents, then an IME composition committed into it.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Clínica Ñandú ');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'かんじ', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '漢字' });
  await settle(page);
  const typed = 'Clínica Ñandú 漢字';
  checks.ok(await name.inputValue() === typed, `accents and the IME composition arrive in the field ("${await name.inputValue()}")`);

  // The field closes (Tab to the next one): the page's input is empty; the app kept the text,
  // which comes back when the field opens again.
  await page.keyboard.press('Tab');
  await settle(page);
  checks.ok(await field(page, 'setup.name').inputValue() === '', 'the closed field\'s input is empty in the page');
  const pass = field(page, 'setup.pass');
  checks.ok(await pass.getAttribute('type') === 'password' && await pass.getAttribute('autocomplete') === 'off',
            'the passphrase field is type=password with autocomplete off');
  await name.focus();
  await settle(page);
  checks.ok(await name.inputValue() === typed, 'opened again, the field shows what the app kept');
  await page.keyboard.press('Tab');
  await settle(page);
  checks.ok(await field(page, 'setup.name').inputValue() === '', 'and closed again, the page holds none of it');
  checks.ok(problems.length === 0, `no page errors${problems.length ? ': ' + problems.join('; ') : ''}`);
  await context.close();

  // The kiosk wipe with a text field open. The app's clock (performance.now, through
  // emscripten_get_now) is moved past the idle timeout and its warning at once, so the wipe comes
  // while the field still has the focus (the warning would otherwise take the focus first).
  {
    const kiosk = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const site = JSON.parse(readFileSync(path.join(args.app, 'assets', 'site.json'), 'utf8'));
    await kiosk.route('**/assets/site.json', (route) => route.fulfill({
      contentType: 'application/json', body: JSON.stringify({ ...site, instrument: 'prapare', idle_timeout_seconds: 60, idle_warning_seconds: 20 }) }));
    const { page: k, problems: kp } = await openApp(kiosk, server.url);
    await pollState(k, (x) => x.site !== 'SafetyNet', { timeout: 10000 });
    const answer = k.getByLabel(t('kiosk.your_answer'), { exact: true });
    const toTextQuestion = async () => {
      await press(k, k.getByRole('button', { name: t('welcome.start'), exact: true }));
      await press(k, k.getByRole('button', { name: t('kiosk.privacy.continue'), exact: true }));
      const onward = k.getByRole('navigation').getByRole('button', { name: new RegExp(`^(${t('kiosk.next')}|${t('kiosk.skip')})$`) });
      for (let i = 0; i < 12 && await answer.count() === 0; i++) await press(k, onward);
      return answer.count();
    };
    checks.ok(await toTextQuestion() === 1, 'the kiosk reaches PRAPARE\'s free-text address question');
    await answer.focus();
    await settle(k);
    await k.keyboard.type('12 Calle Álamo, Apt 3');
    await settle(k);
    checks.ok(await answer.inputValue() === '12 Calle Álamo, Apt 3', 'the address is typed into the field\'s input');
    await k.evaluate(() => {
      const real = performance.now.bind(performance);
      performance.now = () => real() + 3600e3;
    });
    const { ok } = await pollState(k, (x) => x.screen === 'welcome', { timeout: 10000 });
    checks.ok(ok, 'an hour later the kiosk has wiped the session (the welcome screen)');
    await settle(k);
    const left = await k.evaluate(() => Array.from(document.querySelectorAll('input, textarea')).map((el) => el.value).filter((v) => v));
    checks.ok(left.length === 0, `after the wipe no input in the page holds text (${JSON.stringify(left)})`);
    checks.ok(!(await k.evaluate(() => document.body.innerText + document.getElementById('a11y').textContent)).includes('Álamo'),
              'nor does any text of the page');
    checks.ok(await toTextQuestion() === 1, 'the next person reaches the same question');
    await answer.focus();
    await settle(k);
    checks.ok(await answer.inputValue() === '', `and its field opens empty: the app kept nothing ("${await answer.inputValue()}")`);
    checks.ok(kp.length === 0, `kiosk: no page errors${kp.length ? ': ' + kp.join('; ') : ''}`);
    await kiosk.close();
  }
} finally {
  await browser.close();
  server.stop();
}
checks.done();
