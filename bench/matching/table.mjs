#!/usr/bin/env node
// Prints the benchmark table: every results file of the harness's format in --results, per
// size, with the C++ matcher's rows beside the JS peers' and the ratios to the best peer.
//   node bench/matching/table.mjs --results DIR [--sizes "100000 1000000"]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dir = args.results;
const sizes = (args.sizes || '100000 1000000').split(/\s+/).filter(Boolean).map(Number);
const fmt = (x, d = 3) => (x == null ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(d));
const ours = (p) => p.startsWith('cpp-');

function load(n) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const m = f.match(/^(.*)-(\d+)\.json$/);
    if (!m || +m[2] !== n || m[1] === 'agreement') continue;
    const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (!r.latencyMs) continue;
    out.push(r);
  }
  return out;
}

function agreement(n) {
  const f = path.join(dir, `agreement-${n}.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')).peers : {};
}

console.log('| matcher | N | build s | index load s | memory MB | p50 ms | p95 ms | max ms | no-text p50 / p95 | text p50 / p95 | p50 vs best peer | p95 vs best peer | agreement no-text / text (identical top-20) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const rows = load(n);
  if (!rows.length) continue;
  const peers = rows.filter((r) => !ours(r.peer));
  const bestP50 = Math.min(...peers.map((r) => r.latencyMs.all.p50));
  const bestP95 = Math.min(...peers.map((r) => r.latencyMs.all.p95));
  const agree = agreement(n);
  rows.sort((a, b) => (ours(a.peer) - ours(b.peer)) || a.latencyMs.all.p50 - b.latencyMs.all.p50);
  for (const r of rows) {
    const L = r.latencyMs;
    let build, load, mem;
    if (ours(r.peer)) {
      build = r.importS || r.buildS ? `${fmt(r.importS + r.buildS, 1)} (${fmt(r.buildS, 1)})` : '–';
      load = fmt(r.loadS, 2);
      mem = r.memory.end.wasmHeapMB ? `${fmt(r.memory.end.wasmHeapMB, 0)} heap` : `${fmt(r.memory.built.rssMB, 0)} RSS`;
    } else {
      build = fmt(r.buildS, 1);
      load = '–';
      mem = `${fmt(r.memory.built.heapUsedMB + r.memory.built.externalMB, 0)} live`;
    }
    const a = agree[r.peer];
    const ag = r.peer === 'grid' ? 'reference' : a ? `${a.noText.identical}/${a.noText.n} / ${a.text.identical}/${a.text.n}` : '–';
    const x50 = ours(r.peer) ? `${fmt(bestP50 / L.all.p50, 1)}× faster` : fmt(L.all.p50 / bestP50, 1) + '×';
    const x95 = ours(r.peer) ? `${fmt(bestP95 / L.all.p95, 1)}× faster` : fmt(L.all.p95 / bestP95, 1) + '×';
    console.log(`| ${ours(r.peer) ? '**' + r.peer + '**' : r.peer} | ${n.toLocaleString('en-US')} | ${build} | ${load} | ${mem} | ${fmt(L.all.p50)} | ${fmt(L.all.p95)} | ${fmt(L.all.max)} | ${fmt(L.noText.p50)} / ${fmt(L.noText.p95)} | ${fmt(L.text.p50)} / ${fmt(L.text.p95)} | ${x50} | ${x95} | ${ag} |`);
  }
}
