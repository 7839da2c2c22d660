// Prints the startup/size table of bench/startup/run.sh (markdown) from its results folder.
//   node table.mjs --results DIR --runs N NAME=APPDIR...
//   node table.mjs --sizes-only NAME=APPDIR...   the size tables alone, from a build (no browser)
// Sizes are measured here with the same commands as the LHC-Forms harness's sizes.sh
// (gzip -9, brotli -q 11), on the files each page needs for its first interactive frame.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const opt = { apps: [] };
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--results') opt.results = argv[++i];
  else if (argv[i] === '--runs') opt.runs = Number(argv[++i]);
  else if (argv[i] === '--sizes-only') opt.sizesOnly = true;
  else opt.apps.push({ name: argv[i].split('=')[0], dir: argv[i].split('=').slice(1).join('=') });
}

// What each page fetches, by when (measured: the resource timings of load.json agree). The
// instruments (FHIR Questionnaires), translation catalogs and the UI font (Noto Sans, subset)
// are compiled into safetynet.wasm: there is no font or instrument file to fetch.
// `budget`: counted in issue 8's first load (html + js + wasm + font + default instrument and
// directory <= 900 KB gzipped).
const FILES = [
  ['index.html', 'before the first frame', true], ['loader.js', 'before the first frame', true],
  ['test_api.js', 'before the first frame', true], ['mirror.js', 'before the first frame', true],
  ['shell.css', 'before the first frame', true],
  ['safetynet.js', 'before the first frame', true], ['safetynet.wasm', 'before the first frame', true],
  ['icon.svg', 'before the first frame', true], ['manifest.webmanifest', 'after the first frame, page', true],
  ['assets/site.json', 'after the first frame, page', true],
  ['assets/directory/demo-region.hsds.json', 'after the first frame, page', true],
  ['build.json', 'after the first frame, page', false],
  ['data/zip-centroids.bin', 'after the first frame, page', false],
  ['sw.js', 'background, service worker', false], ['icon-192.png', 'background, service worker', false],
  ['icon-512.png', 'background, service worker', false], ['icon-maskable-512.png', 'background, service worker', false],
  // Issue 16: the staff workspace is a program of its own, loaded for #clinic and #org; the
  // service worker precaches it after the kiosk's first frame. (Absent in older builds.)
  ['safetynet-staff.js', 'background, service worker', false], ['safetynet-staff.wasm', 'background, service worker', false],
];

const sizeOf = (file) => {
  const raw = statSync(file).size;
  const gz = execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 28 }).length;
  let br = null;
  try { br = execFileSync('brotli', ['-q', '11', '-c', file], { maxBuffer: 1 << 28 }).length; } catch (e) { br = null; }
  return { raw, gz, br };
};
const fmt = (n) => (n == null ? '-' : n.toLocaleString('en-US'));
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
const ms = (x) => (x == null ? '-' : x.toFixed(0));
const round1 = (x) => Math.round(x * 10) / 10;
function pct(samples, p) {
  const v = samples.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
}
const sum = (rows, k) => rows.reduce((s, r) => s + (r[k] || 0), 0);

const lines = [];
const out = (s = '') => lines.push(s);

// ------------------------------------------------------------------ sizes
out('## Download size (bytes; gzip -9, brotli -q 11)');
out();
const totals = {};
for (const app of opt.apps) {
  out(`### ${app.name} (${app.dir})`);
  out();
  out('| file | when | raw | gzip | brotli |');
  out('|---|---|---:|---:|---:|');
  const rows = [];
  for (const [f, when, budget] of FILES) {
    const p = path.join(app.dir, f);
    if (!existsSync(p)) continue;
    const sz = { ...sizeOf(p), when, budget, file: f };
    rows.push(sz);
    const note = f === 'safetynet.wasm' ? ' (+ instruments, catalogs, font)' : '';
    out(`| ${f}${note} | ${when} | ${fmt(sz.raw)} | ${fmt(sz.gz)} | ${fmt(sz.br)} |`);
  }
  const total = (pred) => { const r = rows.filter(pred); return { raw: sum(r, 'raw'), gz: sum(r, 'gz'), br: sum(r, 'br') }; };
  const crit = total((r) => r.when === 'before the first frame');
  const t = total((r) => r.budget);
  const page = total((r) => !r.when.startsWith('background'));
  totals[app.name] = t;
  out(`| before the first interactive frame | | ${fmt(crit.raw)} | ${fmt(crit.gz)} | ${fmt(crit.br)} |`);
  out(`| **first load (issue 8 budget: html, js, wasm, site, directory)** | | **${fmt(t.raw)}** | **${fmt(t.gz)}** | **${fmt(t.br)}** |`);
  out(`| everything the page fetches (+ build id, ZIP table) | | ${fmt(page.raw)} | ${fmt(page.gz)} | ${fmt(page.br)} |`);
  // The staff program's first load (#clinic, #org): the same files with its own .js and .wasm.
  const staffRows = rows.filter((r) => r.budget && !/^safetynet\.(js|wasm)$/.test(r.file));
  const staffFiles = ['safetynet-staff.js', 'safetynet-staff.wasm'].map((f) => path.join(app.dir, f));
  if (staffFiles.every(existsSync)) {
    const st = [...staffRows, ...staffFiles.map(sizeOf)];
    out(`| first load of the staff program (safetynet-staff.js/.wasm in place of the kiosk's) | | ${fmt(sum(st, 'raw'))} | ${fmt(sum(st, 'gz'))} | ${fmt(sum(st, 'br'))} |`);
  }
  out();
}
if (opt.sizesOnly) {
  for (const app of opt.apps)
    out(`${app.name}: first load ${fmt(totals[app.name].gz)} B gzipped, ${totals[app.name].gz <= 800000 ? 'within' : 'OVER'} the 800 KB budget`);
  console.log(lines.join('\n'));
  process.exit(0);
}

// LHC-Forms: the harness's sizes.sh output (required set of the lforms README) plus the
// benchmark page's own files (page, its script, the 10-item questionnaire).
const lsizes = readFileSync(path.join(opt.results, 'lforms-sizes.txt'), 'utf8').split('\n');
const row = (prefix) => {
  const l = lsizes.find((x) => x.startsWith(prefix));
  if (!l) return null;
  const f = l.trim().split(/\s+/).slice(-3).map((x) => (x === '-' ? null : Number(x)));
  return { raw: f[0], gz: f[1], br: f[2] };
};
const lreq = row('TOTAL (required set, R4)');
const lpage = ['q/ahc-hrsn-core.json', 'pages/lforms.html', 'pages/lforms-app.js'].map(row).filter(Boolean);
const ltotal = lreq && { raw: lreq.raw + sum(lpage, 'raw'), gz: lreq.gz + sum(lpage, 'gz'), br: (lreq.br || 0) + sum(lpage, 'br') };
out('### LHC-Forms 40.1.3 (the harness\'s sizes.sh)');
out();
out('| files | raw | gzip | brotli |');
out('|---|---:|---:|---:|');
if (lreq) out(`| required set (styles, zone, runtime, polyfills, main, lformsFHIR R4) | ${fmt(lreq.raw)} | ${fmt(lreq.gz)} | ${fmt(lreq.br)} |`);
if (ltotal) out(`| **first load** (+ page, page script, questionnaire) | **${fmt(ltotal.raw)}** | **${fmt(ltotal.gz)}** | **${fmt(ltotal.br)}** |`);
out();
out('| first load, gzip | budget | vs LHC-Forms |');
out('|---|---|---|');
for (const app of opt.apps) {
  const t = totals[app.name];
  // Issue 8's budget was 900 KB; issue 16's is 800 KB, whatever the other issues add.
  out(`| ${app.name}: ${kb(t.gz)} | ${t.gz <= 800000 ? 'within' : 'OVER'} 800 KB | ${ltotal ? (t.gz / ltotal.gz).toFixed(2) + ' x ' + kb(ltotal.gz) : '-'} |`);
}
out();

// ------------------------------------------------------------------ startup
const load = JSON.parse(readFileSync(path.join(opt.results, 'load.json'), 'utf8'));
const results = load.results || [load];
const label = (url) => {
  if (url.includes('baseline')) return 'blank page (browser overhead)';
  if (url.includes('lforms')) return 'LHC-Forms, AHC HRSN core (10 items)';
  const a = opt.apps.find((x) => url.includes(`/${x.name}/`));
  return a ? `SafetyNet [${a.name}], kiosk welcome (AHC HRSN)` : url;
};
out(`## Startup: navigation -> first interactive frame (ms, ${results[0].runs} cold runs each, interleaved, one Chromium)`);
out();
out('| page | median | p90 | min | max | requests | bytes fetched |');
out('|---|---:|---:|---:|---:|---:|---:|');
const med = {};
for (const r of results) {
  med[r.url] = r.median;
  out(`| ${label(r.url)} | ${ms(r.median)} | ${ms(pct(r.samples, 0.9))} | ${ms(r.min)} | ${ms(r.max)} | ${r.requests} | ${fmt(r.encodedBytes)} |`);
}
const blank = results.find((r) => r.url.includes('baseline'));
const lf = results.find((r) => r.url.includes('lforms'));
out();
out('| ratio (target <= 0.5) | median | p90 | minus blank page |');
out('|---|---:|---:|---:|');
for (const r of results.filter((x) => x !== blank && x !== lf)) {
  const ratio = (a, b) => (a != null && b ? (a / b).toFixed(2) : '-');
  out(`| ${label(r.url)} / LHC-Forms | ${ratio(r.median, lf.median)} | ${ratio(pct(r.samples, 0.9), pct(lf.samples, 0.9))} | ` +
      `${ratio(r.median - blank.median, lf.median - blank.median)} |`);
}
const errors = results.flatMap((r) => r.errors.map((e) => `${label(r.url)}: ${e}`));
if (errors.length) { out(); out(`page errors: ${errors.join('; ')}`); }
out();

// ------------------------------------------------------------------ click
const clickL = path.join(opt.results, 'click-lforms.json');
if (existsSync(clickL)) {
  out('## Click -> response (ms)');
  out();
  out('| page | what | median | p90 | min | max |');
  out('|---|---|---:|---:|---:|---:|');
  const c = JSON.parse(readFileSync(clickL, 'utf8')).click;
  out(`| LHC-Forms core | first answer radio -> QuestionnaireResponse with the answer | ${round1(c.median)} | ${round1(pct(c.samples, 0.9))} | ${round1(c.min)} | ${round1(c.max)} |`);
  for (const app of opt.apps) {
    const f = path.join(opt.results, `click-${app.name}.json`);
    if (!existsSync(f)) continue;
    const s = JSON.parse(readFileSync(f, 'utf8'));
    out(`| SafetyNet [${app.name}] | "Español" -> the frame that shows Spanish (state); frame interval idle ${round1(s.frameIntervalMedian)} ms, drawing ${round1(s.drawingFrameIntervalMedian)} ms | ${round1(s.median)} | ${round1(s.p90)} | ${round1(s.min)} | ${round1(s.max)} |`);
  }
  out();
}
let chromium = '';
try { chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch (e) { chromium = '?'; }
out(`machine: nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}, ${chromium}, node ${process.version}, ` +
    `software WebGL (SwiftShader): compare the rows, do not read the times as absolute.`);
console.log(lines.join('\n'));
