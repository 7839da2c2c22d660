// What the accessibility end-to-end tests share (issue #12): the app's own words in each language
// (so tests find controls by the names a person hears, in English and Spanish), keyboard steps
// through the page's DOM mirror, and the checks run on every screen: axe-core, the ARIA snapshot
// against its committed file, touch-target sizes, the focus ring's contrast on the canvas, and
// reflow (no two controls overlapping, every one scrollable into view).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { nextFrames, parseArgs, repoRoot } from './harness.mjs';
import { decodePng } from './png.mjs';

// ---------------------------------------------------------------------------------- words
// The UI's texts in `lang` (English where a key is missing), from the catalogs the web build
// compiled from assets/i18n/po (build/web/i18n/<lang>.json, beside the app: scripts/i18n).
// A plural text gives the form for the count `n` when one is given (the browser's CLDR rules,
// Intl.PluralRules, picking among the categories languages.json lists in the forms' order),
// else its general ("other") form.
export function catalog(lang) {
  const p = path.join(parseArgs().app, '..', 'i18n', `${lang}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
}
const languages = JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'i18n', 'languages.json'), 'utf8')).languages;
function pluralForm(forms, lang, n) {
  const categories = (languages.find((l) => l.code === lang)?.plural?.categories) || ['one', 'other'];
  const i = n === undefined ? -1 : categories.indexOf(new Intl.PluralRules(lang).select(Number(n)));
  return forms[i >= 0 && i < forms.length ? i : forms.length - 1];
}
export function texts(lang) {
  const en = catalog('en'), mine = catalog(lang);
  return (key, values = {}) => {
    let s = mine[key] ?? en[key];
    if (Array.isArray(s)) s = pluralForm(s, key in mine ? lang : 'en', values.n);
    if (s === undefined) throw new Error(`no text ${key}`);
    for (const [k, v] of Object.entries(values)) s = s.replace(`{${k}}`, v);
    return s;
  };
}

// A built-in instrument's questions and answers in `lang`: linkId -> { text, options }.
export function instrument(id, lang) {
  const q = JSON.parse(readFileSync(path.join(repoRoot, 'assets', 'instruments', `${id}.json`), 'utf8'));
  const tr = (base, ext) => {
    const t = ext && ext.extension && ext.extension.find((e) => e.extension.some((x) => x.url === 'lang' && x.valueCode === lang));
    return t ? t.extension.find((x) => x.url === 'content').valueString : base;
  };
  const out = {};
  const walk = (items) => items.forEach((it) => {
    out[it.linkId] = {
      text: tr(it.text, it._text), prefix: it.prefix || '',
      options: (it.answerOption || []).map((o) => (o.valueCoding ? tr(o.valueCoding.display, o.valueCoding._display) : String(o.valueString ?? o.valueInteger))),
    };
    walk(it.item || []);
  });
  walk(q.item);
  return out;
}

// ---------------------------------------------------------------------------------- keyboard
// The app has drawn what the page asked (a few frames: the request, the screen, the mirror).
export async function settle(page) { await nextFrames(page, 4); }

// Focuses a control found by role and name, then presses a key on it: what a keyboard user and a
// screen reader's "activate" do. Never a pointer, never a widget's coordinates.
export async function press(page, locator, key = 'Enter') {
  await locator.waitFor({ state: 'attached', timeout: 15000 });
  await locator.focus();
  await settle(page);
  await page.keyboard.press(key);
  await settle(page);
}

// ---------------------------------------------------------------------------------- axe-core
// WCAG 2.0 / 2.1 A and AA rules; violations of impact serious or critical are returned.
export async function axe(page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { bad, all: r.violations, passes: r.passes.length, passed: r.passes.map((x) => x.id) };
}

// ---------------------------------------------------------------------------------- ARIA snapshots
// The mirror's accessibility tree as Playwright writes it (role "name" [states]), compared with
// the committed file tests/e2e/aria/<name>.yml. Figures that change from run to run (the pickup
// code, the idle countdown) are masked. UPDATE_ARIA=1 writes the files instead.
export async function ariaSnapshot(page, name) {
  const raw = await page.locator('#a11y').ariaSnapshot();
  const text = raw.replace(/\b\d{3} \d{3}\b/g, '<code>').replace(/\b\d+ (seconds|segundos)\b/g, '<n> $1') + '\n';
  const dir = path.join(repoRoot, 'tests', 'e2e', 'aria');
  const file = path.join(dir, `${name}.yml`);
  if (process.env.UPDATE_ARIA) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
    return { same: true, text };
  }
  const want = existsSync(file) ? readFileSync(file, 'utf8') : null;
  return { same: want === text, text, want, file };
}

// ---------------------------------------------------------------------------------- geometry
// Every interactive element of the mirror, with the part of it that is visible (its areas clip
// it) in CSS px.
export async function controls(page) {
  return page.evaluate(() => {
    const sel = 'button, input, textarea, select, [role=radio], [role=checkbox], [role=tab], [role=slider]';
    return Array.from(document.querySelectorAll('#a11y ' + sel)).filter((el) => !el.closest('[inert]')).map((el) => {
      const r = el.getBoundingClientRect();
      let x0 = r.left, y0 = r.top, x1 = r.right, y1 = r.bottom;
      for (let a = el.parentElement; a && a.id !== 'a11y'; a = a.parentElement) {
        if (!a.classList.contains('sn-area')) continue;
        const c = a.getBoundingClientRect();
        x0 = Math.max(x0, c.left); y0 = Math.max(y0, c.top); x1 = Math.min(x1, c.right); y1 = Math.min(y1, c.bottom);
      }
      x0 = Math.max(x0, 0); y0 = Math.max(y0, 0); x1 = Math.min(x1, innerWidth); y1 = Math.min(y1, innerHeight);
      const name = el.getAttribute('aria-label') || el.textContent;
      return { id: el.dataset.id, name, w: r.width, h: r.height, full: { x: r.left, y: r.top, w: r.width, h: r.height },
               visible: x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null, disabled: !!el.disabled };
    });
  });
}

// WCAG 2.5.5 asks 44 CSS px; the app keeps 48 (kiosk buttons are 56): every control at least that.
export function smallTargets(list, min = 48) {
  return list.filter((c) => c.w < min - 0.5 || c.h < min - 0.5).map((c) => `${c.id} ${Math.round(c.w)}x${Math.round(c.h)}`);
}

// Pairs of controls whose visible parts overlap.
export function overlaps(list) {
  const out = [];
  const vis = list.filter((c) => c.visible);
  for (let i = 0; i < vis.length; i++) {
    for (let j = i + 1; j < vis.length; j++) {
      const a = vis[i].visible, b = vis[j].visible;
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 0.5 && oy > 0.5) out.push(`${vis[i].id} / ${vis[j].id}`);
    }
  }
  return out;
}

// Focuses each control in turn (as a screen reader or a browser's "scroll into view" does) and
// returns those that did not come into view: the app scrolls to the focus.
export async function unreachable(page, list) {
  const out = [];
  for (const c of list) {
    if (c.disabled) continue;
    await page.evaluate((id) => document.querySelector(`#a11y [data-id="${CSS.escape(id)}"]`).focus(), c.id);
    await settle(page);
    const [now] = (await controls(page)).filter((x) => x.id === c.id);
    const vp = page.viewportSize();
    // In view: its top, and all of it when it fits the screen.
    const ok = now && now.visible && now.full.y >= -0.5 && now.full.y < vp.height &&
               (now.full.h > vp.height * 0.8 || now.full.y + now.full.h <= vp.height + 0.5);
    if (!ok) {
      const drawn = await page.evaluate((id) => window.safetynet.widget(id), c.id);
      const areas = await page.evaluate(() => Array.from(document.querySelectorAll('#a11y .sn-area')).map((a) => `${a.dataset.id.slice(0, 20)} ${Math.round(a.scrollTop)}/${a.scrollHeight - a.clientHeight}`).join(', '));
      out.push(`${c.id} (at y ${now ? Math.round(now.full.y) : '?'}, h ${now ? Math.round(now.full.h) : '?'}; drawn ${JSON.stringify(drawn)}; ${areas})`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------- focus ring
function luminance([r, g, b]) {
  const f = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// Focuses the control `id` by keyboard and measures the ring the canvas draws around it: the
// ring's colour against the colour just outside it and in the gap between it and the control,
// on the middle of its left edge (WCAG 2.4.7 and 1.4.11 ask 3:1 against both). The ring is drawn
// 3 px outside the control, 3 px wide, at the normal text size.
export async function ringContrast(page, id, scale = 1) {
  await page.evaluate((i) => document.querySelector(`#a11y [data-id="${CSS.escape(i)}"]`).focus(), id);
  await settle(page);
  const [c] = (await controls(page)).filter((x) => x.id === id);
  if (!c || !c.visible) return { id, error: 'not visible' };
  const gap = 3 * scale, width = 3 * scale;
  const x = Math.floor(c.full.x - 16), y = Math.floor(c.full.y + c.full.h / 2) - 2;
  const clip = { x: Math.max(0, x), y: Math.max(0, y), width: 24, height: 4 };
  const png = decodePng(await page.screenshot({ clip }));
  const at = (px) => {
    const i = (2 * png.width + Math.round(px - clip.x)) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  const ring = at(c.full.x - gap - width / 2 - 0.5), outside = at(c.full.x - gap - width - 2.5), inside = at(c.full.x - gap / 2 - 0.5);
  return { id, ring, outside, inside, outer: contrast(ring, outside), inner: contrast(ring, inside) };
}

// ---------------------------------------------------------------------------------- reflow
// WCAG 1.4.10 at `w` x `h` CSS px (320 x 256: 400 % zoom): the page resized, then no two controls
// overlapping, nothing to scroll sideways, every control brought into view when focused. The page
// is put back to `back` after.
export async function reflow(page, w, h, back = { width: 1280, height: 800 }) {
  await page.setViewportSize({ width: w, height: h });
  await settle(page);
  await settle(page);
  const at = await controls(page);
  const over = overlaps(at);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  const lost = await unreachable(page, at);
  if (back) {
    await page.setViewportSize(back);
    await settle(page);
    await settle(page);
  }
  return { count: at.length, over, wide, lost };
}

// The AHC HRSN core screening from its second question to the results, by keyboard, through
// role-and-name locators in any language: `t` the catalogs' texts, `q` the instrument's wording
// (instrument()) in that language. Needs food, housing, safety; declines one; ZIP 95116.
export async function answerAhcToResults(page, t, q) {
  const button = (name) => page.getByRole('button', { name, exact: true });
  const radio = (id, k) => page.getByRole('radio', { name: q[id].options[k], exact: true });
  const checkbox = (id, k) => page.getByRole('checkbox', { name: q[id].options[k], exact: true });
  const next = () => press(page, button(t('kiosk.next')));
  await press(page, checkbox('96778-6', 0), ' ');
  await next();
  for (const [id, k] of [['88122-7', 0], ['88123-5', 2], ['93030-5', 0]]) {
    await press(page, radio(id, k), ' ');
    await next();
  }
  await press(page, button(t('kiosk.prefer_not')));
  await next();
  await next();  // the safety questions' introduction
  for (const [id, k] of [['95618-5', 0], ['95617-7', 0], ['95616-9', 0], ['95615-1', 0]]) {
    await press(page, radio(id, k), ' ');
    await next();
  }
  await press(page, button(t('kiosk.review.done')));
  for (const d of '95116') await press(page, button(d));
  await press(page, button(t('kiosk.location.continue')));
}
