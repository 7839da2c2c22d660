// Prints the table of bench/language_switch/run.sh (markdown) from switch.mjs's JSON and the
// served app folder (for the sizes: gzip -9 and brotli -q 11, the commands bench/startup uses).
//   node table.mjs SWITCH_JSON APP_DIR
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [jsonFile, appDir] = process.argv.slice(2);
if (!jsonFile || !appDir) { console.error('usage: node table.mjs SWITCH_JSON APP_DIR'); process.exit(1); }
const run = JSON.parse(readFileSync(jsonFile, 'utf8'));
const BUDGET_MS = 100;  // issue 14: switching to Chinese on a warm cache

function pct(samples, p) {
  const v = samples.slice().sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))] : null;
}
const ms = (x) => (x == null ? '-' : x.toFixed(0));
const fmt = (n) => (n == null ? '-' : n.toLocaleString('en-US'));
const sizeOf = (rel) => {
  const file = path.join(appDir, rel);
  if (!existsSync(file)) return { raw: null, gz: null, br: null };
  const raw = statSync(file).size;
  const gz = execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 28 }).length;
  let br = null;
  try { br = execFileSync('brotli', ['-q', '11', '-c', file], { maxBuffer: 1 << 28 }).length; } catch (e) { br = null; }
  return { raw, gz, br };
};

// The fonts list: which file has which characters (a button's name at start-up needs its file).
const fontsList = existsSync(path.join(appDir, 'fonts', 'fonts.json'))
  ? JSON.parse(readFileSync(path.join(appDir, 'fonts', 'fonts.json'), 'utf8')) : { families: [] };
const covers = (file, text) => fontsList.families.some((f) => f.parts.some((p) =>
  Object.values(p.files).some((x) => `/${x}` === file) &&
  [...text].some((ch) => p.ranges.some(([a, b]) => ch.codePointAt(0) >= a && ch.codePointAt(0) <= b))));

const lines = [];
const out = (s = '') => lines.push(s);
out(`## Touch on a language's button -> the first frame in that language, painted (ms; ${run.rounds} warm, ${run.coldRounds} cold rounds)`);
out();
out(`Warm: the language chosen once before in this browser (service worker ${run.serviceWorkerControlled ? 'controlling the page' : 'NOT controlling the page'}, HTTP cache); ` +
    'cold: a new browser context, service workers blocked, nothing cached. "frame": the frame\'s JavaScript done; "paint": the next animation frame.');
out();
out(`| language | warm paint p50 | p90 | warm frame p50 | cold paint p50 | p90 | cold frame p50 | warm p50 within ${BUDGET_MS} ms |`);
out('|---|---:|---:|---:|---:|---:|---:|---|');
for (const lang of run.langs) {
  const r = run.results[lang];
  const wp = r.warm.map((x) => x.paint), cp = r.cold.map((x) => x.paint);
  const w50 = pct(wp, 0.5);
  out(`| ${lang} | ${ms(w50)} | ${ms(pct(wp, 0.9))} | ${ms(pct(r.warm.map((x) => x.frame), 0.5))} | ` +
      `${ms(pct(cp, 0.5))} | ${ms(pct(cp, 0.9))} | ${ms(pct(r.cold.map((x) => x.frame), 0.5))} | ` +
      `${w50 == null ? '-' : w50 <= BUDGET_MS ? 'yes' : 'NO'} |`);
}
out();

// Where the time goes: when the language's files were in, the animation-frame callbacks (the
// app's frames) between the touch and the paint, and the longest of them.
out('## Where the time goes (ms from the touch; medians over the rounds)');
out();
out('| language | cache | pointerup | files in | frames run | their JavaScript, in all | the longest | frame done | painted | JavaScript in the next second |');
out('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const lang of run.langs) {
  for (const kind of ['warm', 'cold']) {
    const r = run.results[lang][kind];
    if (!r.length) continue;
    const med = (f) => pct(r.map(f), 0.5);
    const filesIn = (x) => Math.max(0, ...x.fetched.filter((f) => f.start >= 0 && /^\/(i18n|instruments|fonts)\//.test(f.path)).map((f) => f.end));
    const ticks = (x) => (x.ticks || []).filter(([t]) => t >= 0 && t < x.paint);
    const after = (x) => (x.ticks || []).filter(([t]) => t >= x.paint);
    out(`| ${lang} | ${kind} | ${ms(med((x) => x.up))} | ${ms(med(filesIn))} | ${ms(med((x) => ticks(x).length))} | ` +
        `${ms(med((x) => ticks(x).reduce((a, [, d]) => a + d, 0)))} | ${ms(med((x) => Math.max(0, ...ticks(x).map(([, d]) => d))))} | ` +
        `${ms(med((x) => x.frame))} | ${ms(med((x) => x.paint))} | ${ms(med((x) => after(x).reduce((a, [, d]) => a + d, 0)))} |`);
  }
}
out();

// What each language costs to fetch: the files its switch fetched on a cold cache, and the font
// files the welcome screen fetched for its button's name.
out('## What each language fetches (bytes; gzip -9, brotli -q 11 of the build\'s files)');
out();
out('| language | file | when | raw | gzip | brotli |');
out('|---|---|---|---:|---:|---:|');
const totals = [];
for (const lang of run.langs) {
  const r = run.results[lang];
  const sample = r.cold[0] || r.warm[0];
  if (!sample) continue;
  const names = run.names && run.names[lang] ? run.names[lang].name : '';
  const seen = new Set();
  const rows = [];
  for (const f of sample.fetched) {
    if (seen.has(f.path)) continue;
    const ownFile = /^\/(i18n|instruments|fonts)\//.test(f.path) || /safetynet-rtl\.(js|wasm)$/.test(f.path);
    if (!ownFile) continue;
    // A font file fetched as a page starts is for the welcome screen's buttons: the language's
    // own only when it draws the language's name (a right-to-left language starts the page again).
    const pageStart = f.start < 0 || sample.restarted;
    if (pageStart && f.path.startsWith('/fonts/') && f.path !== '/fonts/fonts.json' && !covers(f.path, names)) continue;
    if (f.start < 0 && !f.path.startsWith('/fonts/')) continue;
    if (f.start < 0 && f.path === '/fonts/fonts.json') continue;
    seen.add(f.path);
    rows.push({ path: f.path, when: f.start < 0 ? 'start-up (its button)' : 'the switch', ...sizeOf(f.path.slice(1)) });
  }
  for (const x of rows) out(`| ${lang} | ${x.path.slice(1)} | ${x.when} | ${fmt(x.raw)} | ${fmt(x.gz)} | ${fmt(x.br)} |`);
  const sum = (k) => rows.reduce((s, x) => s + (x[k] || 0), 0);
  const lean = rows.filter((x) => !/safetynet-rtl/.test(x.path));
  const sumLean = (k) => lean.reduce((s, x) => s + (x[k] || 0), 0);
  out(`| **${lang}** | **total** | | **${fmt(sum('raw'))}** | **${fmt(sum('gz'))}** | **${fmt(sum('br'))}** |`);
  totals.push(`${lang}: ${fmt(sum('gz'))} B gzipped in all` +
              (lean.length !== rows.length ? `, ${fmt(sumLean('gz'))} B without the right-to-left program` : ''));
}
out();
out('fonts/fonts.json (the list of on-demand fonts) is fetched once for the first character the built-in face lacks: ' +
    `${fmt(sizeOf('fonts/fonts.json').gz)} B gzipped, counted above where the switch fetched it.`);
out();
for (const t of totals) out(`* ${t}`);
let chromium = '';
try { chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch (e) { chromium = '?'; }
out();
out(`machine: nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}, ` +
    `${chromium}, node ${process.version}, software WebGL (SwiftShader): compare the rows, do not read the times as absolute.`);
console.log(lines.join('\n'));
