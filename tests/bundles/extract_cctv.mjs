// Writes the C2SP CCTV age test vectors from the npm package `cctv-age` into a folder, one
// file per vector, with zlib-compressed bodies inflated (node has zlib; the C++ side has
// none) and the `compressed` key dropped. An index.txt lists the names.
//   usage: node extract_cctv.mjs <node_modules/cctv-age/index.js> <out dir>
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [, , modulePath, outDir] = process.argv;
if (!modulePath || !outDir) {
  console.error('usage: node extract_cctv.mjs <cctv-age/index.js> <out dir>');
  process.exit(1);
}
if (!fs.existsSync(modulePath)) {
  console.error(`${modulePath} is missing: run scripts/setup.sh test (npm ci installs cctv-age)`);
  process.exit(1);
}
const vectors = await import(pathToFileURL(path.resolve(modulePath)).href);
fs.mkdirSync(outDir, { recursive: true });
const names = [];
for (const [name, bytes] of Object.entries(vectors)) {
  if (name === 'default' || !(bytes instanceof Uint8Array)) continue;
  const buf = Buffer.from(bytes);
  const split = buf.indexOf('\n\n');
  if (split < 0) throw new Error(`${name}: no blank line after the vector header`);
  const lines = buf.subarray(0, split).toString('utf8').split('\n');
  let body = buf.subarray(split + 2);
  if (lines.includes('compressed: zlib')) body = zlib.inflateSync(body);
  const header = lines.filter((l) => !l.startsWith('compressed: ')).join('\n');
  fs.writeFileSync(path.join(outDir, name), Buffer.concat([Buffer.from(header + '\n\n'), body]));
  names.push(name);
}
names.sort();
fs.writeFileSync(path.join(outDir, 'index.txt'), names.join('\n') + '\n');
console.log(`extracted ${names.length} CCTV age vectors into ${outDir}`);
