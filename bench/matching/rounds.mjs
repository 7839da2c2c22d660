#!/usr/bin/env node
// The interleaved rounds of bench/matching/run.sh --rounds K: per size and matcher, the median
// over the rounds of p50 and p95 (each itself the harness's p50/p95 of per-query medians), and
// the median of the per-round ratios grid / ours (> 1: ours is faster), since a round's three
// runs share the machine's load of that moment.
//   node bench/matching/rounds.mjs --results DIR [--sizes "100000 1000000"]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const dir = args.results;
const sizes = (args.sizes || '100000 1000000').split(/\s+/).filter(Boolean).map(Number);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(3));
const matchers = ['grid', 'cpp-native', 'cpp-wasm'];

console.log('| matcher | N | rounds | p50 ms (median; min–max) | p95 ms (median; min–max) | grid/ours p50 | grid/ours p95 |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const rounds = readdirSync(dir).filter((r) => existsSync(path.join(dir, r, `grid-${n}.json`)));
  const L = (r, m) => {
    const f = path.join(dir, r, `${m}-${n}.json`);
    return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')).latencyMs.all : null;
  };
  for (const m of matchers) {
    const got = rounds.map((r) => [L(r, 'grid'), L(r, m)]).filter(([g, x]) => g && x);
    if (!got.length) continue;
    const p50 = got.map(([, x]) => x.p50), p95 = got.map(([, x]) => x.p95);
    const r50 = got.map(([g, x]) => g.p50 / x.p50), r95 = got.map(([g, x]) => g.p95 / x.p95);
    const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
    const ratio = (xs) => (m === 'grid' ? '–' : `${median(xs).toFixed(2)}×`);
    console.log(`| ${m} | ${n.toLocaleString('en-US')} | ${got.length} | ${fmt(median(p50))} (${range(p50)}) | ` +
                `${fmt(median(p95))} (${range(p95)}) | ${ratio(r50)} | ${ratio(r95)} |`);
  }
}
